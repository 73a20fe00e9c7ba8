// Loads a trace file (<chan/trace/json.hpp> writes them) back into a `chan::trace::recording`.
// Needs nlohmann_json (CMake target chan::trace_load).
//
//   chan::trace::recording r = chan::trace::load_file("out.json");   // throws load_error
//
// Accepts what the writer writes and what Perfetto-compatible tools write for these
// fields: the object form ({"traceEvents":[...]}) and the bare array form, a file cut
// off after a complete record (as chrome://tracing tolerates, `load_info::truncated`
// says so), keys in any order, extra keys and records (ignored), numbers written as
// floats (1.0, 1e3), unknown phases. Anything else — malformed JSON, a file cut inside
// a record, a field of the wrong type or out of range, an unknown event kind — is a
// `load_error` that says what is wrong and where (byte offset, trace event index).
//
// Hostile input cannot crash, hang or exhaust memory: the parser is nlohmann's SAX
// parser (no document tree: memory grows with the events kept), and nesting depth,
// string length, file size and event count are capped (`load_limits`). Time is linear
// in the input, plus sorting the events.
#pragma once

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <chan/trace/event.hpp>
#include <chan/trace/json_format.hpp>

namespace chan::trace {

class load_error : public std::runtime_error {
public:
    load_error(const std::string& what, std::size_t offset) : std::runtime_error(what), offset_(offset) {}
    // Where in the input the problem was found (bytes from the start).
    std::size_t offset() const noexcept { return offset_; }

private:
    std::size_t offset_;
};

struct load_limits {
    // of the whole input: 4 GiB, or all a 32-bit address space holds (WebAssembly), where
    // 4 << 30 in a std::size_t would wrap to 0 and refuse every input
    std::size_t max_bytes = static_cast<std::size_t>(
        std::min<std::uint64_t>(std::uint64_t{4} << 30, std::numeric_limits<std::size_t>::max()));
    std::size_t max_events = 50'000'000;          // events kept
    std::size_t max_depth = 64;                   // nesting of objects and arrays
    std::size_t max_string = std::size_t{1} << 20;  // bytes in one string or key
};

struct load_info {
    bool truncated = false;     // the input ended after a complete record, without closing
    std::size_t records = 0;    // records in traceEvents
    std::size_t ignored = 0;    // records that carry no event (pictures, other tools' records)
};

}  // namespace chan::trace

namespace chan::detail::load {

// ---- numbers ----

// `text` (a JSON number) times 10^scale, rounded to the nearest integer; nullopt if it
// does not fit an int64. `exact` is cleared when rounding changed the value.
inline std::optional<std::int64_t> scaled_decimal(std::string_view text, int scale, bool* exact = nullptr) {
    std::size_t i = 0;
    const bool negative = i < text.size() && text[i] == '-';
    if (negative) ++i;
    std::uint64_t mant = 0;
    std::int64_t exp10 = scale;  // digits are bounded by the input's size, so this cannot overflow
    int digits = 0;
    bool dropped = false, seen_point = false, any = false;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '.' && !seen_point) {
            seen_point = true;
            continue;
        }
        if (c < '0' || c > '9') break;
        any = true;
        if (digits < 19) {
            if (mant != 0 || c != '0') ++digits;
            mant = mant * 10 + static_cast<unsigned>(c - '0');
            if (seen_point) --exp10;
        } else {
            if (!seen_point) ++exp10;
            dropped = dropped || c != '0';
        }
    }
    if (!any) return std::nullopt;
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        const bool eneg = i < text.size() && text[i] == '-';
        if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
        int e = 0;
        for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) e = std::min(e * 10 + (text[i] - '0'), 100000);
        exp10 += eneg ? -e : e;
    }
    if (i != text.size()) return std::nullopt;
    if (exact) *exact = !dropped;
    std::uint64_t mag = mant;
    if (mag != 0 && exp10 > 0) {
        for (; exp10 > 0; --exp10) {
            if (mag > std::numeric_limits<std::uint64_t>::max() / 10) return std::nullopt;
            mag *= 10;
        }
    } else if (exp10 < 0) {
        std::uint64_t rem_first = 0;
        bool rem_rest = false;
        for (; exp10 < 0 && mag != 0; ++exp10) {
            rem_rest = rem_rest || rem_first != 0;
            rem_first = mag % 10;
            mag /= 10;
        }
        if (exp10 < 0) {  // only zeros are left to remove: the rounding digit is one of them
            rem_rest = rem_rest || rem_first != 0;
            rem_first = 0;
        }
        if (exact && (rem_first != 0 || rem_rest)) *exact = false;
        if (rem_first >= 5) ++mag;
    }
    const std::uint64_t limit = negative ? std::uint64_t{1} << 63 : (std::uint64_t{1} << 63) - 1;
    if (mag > limit) return std::nullopt;
    return negative ? static_cast<std::int64_t>(0 - mag) : static_cast<std::int64_t>(mag);
}

// A JSON value as the parser delivered it; numbers keep their text when they have a
// fraction or an exponent (the loader parses those exactly).
struct raw_value {
    enum class type : std::uint8_t { absent, integer, real, string, other };
    type t = type::absent;
    bool negative = false;
    std::uint64_t magnitude = 0;
    std::string text;

    bool present() const noexcept { return t != type::absent; }

    // The value as an integer in [lo, hi], if it is one.
    std::optional<std::int64_t> integer_in(std::int64_t lo, std::int64_t hi) const {
        std::optional<std::int64_t> v;
        if (t == type::integer) {
            constexpr std::uint64_t max = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
            if (!negative && magnitude <= max) {
                v = static_cast<std::int64_t>(magnitude);
            } else if (negative) {  // from an int64, so it fits
                v = magnitude > max ? std::numeric_limits<std::int64_t>::min() : -static_cast<std::int64_t>(magnitude);
            }
        } else if (t == type::real) {
            bool exact = true;
            v = scaled_decimal(text, 0, &exact);
            if (!exact) v.reset();
        }
        if (v && (*v < lo || *v > hi)) v.reset();
        return v;
    }

    // An unsigned 64-bit integer (message numbers use the whole range).
    std::optional<std::uint64_t> unsigned64() const {
        if (t == type::integer && !negative) return magnitude;
        if (auto v = integer_in(0, std::numeric_limits<std::int64_t>::max())) return static_cast<std::uint64_t>(*v);
        return std::nullopt;
    }
};

// The keys of one event object (a carrier's args, or an entry of its "then").
struct event_fields {
    raw_value ev, dt, ch, th, m, a, b, d, arm, v, src, name;

    void clear() {
        for (raw_value* f : {&ev, &dt, &ch, &th, &m, &a, &b, &d, &arm, &v, &src, &name}) f->t = raw_value::type::absent;
    }

    raw_value* find(std::string_view key) {
        switch (key.size()) {
            case 1:
                switch (key[0]) {
                    case 'm': return &m;
                    case 'a': return &a;
                    case 'b': return &b;
                    case 'd': return &d;
                    case 'v': return &v;
                    default: return nullptr;
                }
            case 2:
                if (key == "ev") return &ev;
                if (key == "dt") return &dt;
                if (key == "ch") return &ch;
                if (key == "th") return &th;
                return nullptr;
            case 3:
                if (key == "arm") return &arm;
                if (key == "src") return &src;
                return nullptr;
            case 4: return key == "name" ? &name : nullptr;
            default: return nullptr;
        }
    }
};

// Turns event fields into events, checking every field. Errors name the record
// ("trace event 12") and the part of it ("then[3]", "done").
class event_builder {
public:
    static constexpr std::ptrdiff_t carrier_part = -1, done_part = -2;

    explicit event_builder(std::size_t record) : record_(record) {}

    trace::event carrier(const event_fields& f, const raw_value& ts, const raw_value& tid) {
        trace::event e;
        e.what = kind_of(f);
        e.time_ns = microseconds(ts);
        if (f.th.present()) {
            e.thread = static_cast<std::uint32_t>(need(f.th, "th", 0, u32max));
        } else if (tid.present()) {
            e.thread = static_cast<std::uint32_t>(need(tid, "tid", 0, u32max));
        } else {
            fail("has no 'tid'");
        }
        e.channel = static_cast<std::uint32_t>(optional(f.ch, "ch", 0, u32max, 0));
        common(f, e);
        location(f, e, 0, 0);
        const raw_value& text = e.what == trace::kind::thread_named ? f.name : f.v;
        e.text = string_or(text, e.what == trace::kind::thread_named ? "name" : "v", "");
        return e;
    }

    // An event of the operation `c` begins; `implied` is its kind for args.done.
    trace::event member(const event_fields& f, const trace::event& c, std::optional<trace::kind> implied = std::nullopt) {
        trace::event e;
        e.what = kind_of(f, implied);
        e.thread = c.thread;
        const std::int64_t dt = need(f.dt, "dt", std::numeric_limits<std::int64_t>::min(), max64);
        if (__builtin_add_overflow(c.time_ns, dt, &e.time_ns)) fail("'dt' is out of range");
        e.channel = static_cast<std::uint32_t>(optional(f.ch, "ch", 0, u32max, c.channel));
        common(f, e);
        location(f, e, c.file, c.line);
        e.text = string_or(f.v, "v", trace::json_format::default_text(e.what, c.text));
        return e;
    }

    // Which part of the record the next events come from: carrier_part, done_part or
    // an index into "then".
    void set_part(std::ptrdiff_t part) noexcept { part_ = part; }

    std::string where() const {
        std::string w = "trace event " + std::to_string(record_);
        if (part_ == done_part) return w + ", done";
        if (part_ >= 0) return w + ", then[" + std::to_string(part_) + "]";
        return w;
    }

    [[noreturn]] void fail(const std::string& what) const { throw std::invalid_argument(where() + ": " + what); }

private:
    static constexpr std::int64_t u32max = std::numeric_limits<std::uint32_t>::max();
    static constexpr std::int64_t max64 = std::numeric_limits<std::int64_t>::max();

    trace::kind kind_of(const event_fields& f, std::optional<trace::kind> implied = std::nullopt) const {
        if (implied) {
            if (f.ev.present()) fail("'ev' is implied by the operation and must not be given");
            return *implied;
        }
        if (f.ev.t != raw_value::type::string) fail("'ev' must be a string");
        const auto k = trace::json_format::kind_from_name(f.ev.text);
        if (!k) fail("unknown event kind '" + f.ev.text + "'");
        return *k;
    }

    void common(const event_fields& f, trace::event& e) const {
        if (f.m.present()) {
            const auto m = f.m.unsigned64();
            if (!m) fail("'m' must be an integer in [0, 2^64)");
            e.message = *m;
        }
        e.a = optional(f.a, "a", std::numeric_limits<std::int64_t>::min(), max64, 0);
        e.b = optional(f.b, "b", std::numeric_limits<std::int64_t>::min(), max64, 0);
        e.arm = static_cast<std::int16_t>(optional(f.arm, "arm", -32768, 32767, -1));
        e.detail = detail(f.d, e.what);
    }

    std::uint8_t detail(const raw_value& d, trace::kind k) const {
        if (!d.present()) return 0;
        if (d.t == raw_value::type::string) {
            const auto v = trace::json_format::detail_from_name(k, d.text);
            if (!v) fail("'d' is '" + d.text + "', which means nothing for " + std::string(trace::to_string(k)));
            return *v;
        }
        return static_cast<std::uint8_t>(need(d, "d", 0, 255));
    }

    void location(const event_fields& f, trace::event& e, std::uint32_t file, std::uint32_t line) const {
        e.file = file;
        e.line = line;
        if (!f.src.present()) return;
        const std::string_view s = f.src.t == raw_value::type::string ? std::string_view(f.src.text) : "";
        const std::size_t colon = s.find(':');
        const auto file_v = colon == s.npos ? std::nullopt : small_number(s.substr(0, colon));
        const auto line_v = colon == s.npos ? std::nullopt : small_number(s.substr(colon + 1));
        if (!file_v || !line_v) fail("'src' must be \"file:line\" (two integers)");
        e.file = *file_v;
        e.line = *line_v;
    }

    static std::optional<std::uint32_t> small_number(std::string_view s) {
        if (s.empty() || s.size() > 10) return std::nullopt;
        std::uint64_t v = 0;
        for (char c : s) {
            if (c < '0' || c > '9') return std::nullopt;
            v = v * 10 + static_cast<unsigned>(c - '0');
        }
        if (v > u32max) return std::nullopt;
        return static_cast<std::uint32_t>(v);
    }

    std::int64_t microseconds(const raw_value& ts) const {
        std::optional<std::int64_t> ns;
        if (ts.t == raw_value::type::integer && ts.magnitude <= static_cast<std::uint64_t>(max64 / 1000)) {
            ns = static_cast<std::int64_t>(ts.magnitude) * (ts.negative ? -1000 : 1000);
        } else if (ts.t == raw_value::type::real) {
            ns = scaled_decimal(ts.text, 3);
        }
        if (!ts.present()) fail("has no 'ts'");
        if (!ns) fail("'ts' must be a number of microseconds within about 292 years");
        return *ns;
    }

    std::int64_t need(const raw_value& v, const char* key, std::int64_t lo, std::int64_t hi) const {
        const auto x = v.integer_in(lo, hi);
        if (!x) {
            fail(std::string("'") + key + "' must be an integer in [" + std::to_string(lo) + ", " +
                 std::to_string(hi) + "]");
        }
        return *x;
    }

    std::int64_t optional(const raw_value& v, const char* key, std::int64_t lo, std::int64_t hi,
                          std::int64_t absent) const {
        return v.present() ? need(v, key, lo, hi) : absent;
    }

    std::string string_or(const raw_value& v, const char* key, const std::string& absent) const {
        if (!v.present()) return absent;
        if (v.t != raw_value::type::string) fail(std::string("'") + key + "' must be a string");
        return v.text;
    }

    std::size_t record_;
    std::ptrdiff_t part_ = carrier_part;
};

// Reads the input through this iterator so that the handler knows how far the parser
// has got (nlohmann's SAX interface reports positions only for syntax errors).
struct tracked_iterator {
    using iterator_category = std::input_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = const char&;

    const char* p = nullptr;
    const char** furthest = nullptr;

    reference operator*() const noexcept { return *p; }
    tracked_iterator& operator++() noexcept {
        *furthest = ++p;
        return *this;
    }
    tracked_iterator operator++(int) noexcept {
        tracked_iterator old = *this;
        ++*this;
        return old;
    }
    bool operator==(const tracked_iterator& o) const noexcept { return p == o.p; }
};

// The SAX handler: follows where in the document the parser is, keeps the fields that
// matter of each record, and turns every finished record into events.
class handler final : public nlohmann::json_sax<nlohmann::json> {
public:
    handler(std::string_view input, const char** position, const trace::load_limits& limits)
        : input_(input), position_(position), limits_(limits) {}

    // ---- results ----
    std::vector<trace::event> events;
    std::vector<std::string> files = {""};
    bool have_files = false;
    trace::load_info info;

    // The problem found, if parsing stopped because of one.
    std::optional<trace::load_error> error;

    bool events_array_closed() const noexcept { return events_closed_; }

    // ---- nlohmann::json_sax ----

    bool null() override { return value(raw_value::type::other); }
    bool boolean(bool) override { return value(raw_value::type::other); }
    bool number_integer(number_integer_t v) override {
        raw_value* f = target();
        if (f) {
            f->t = raw_value::type::integer;
            f->negative = v < 0;
            f->magnitude = v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
        }
        return element_done(f);
    }
    bool number_unsigned(number_unsigned_t v) override {
        raw_value* f = target();
        if (f) {
            f->t = raw_value::type::integer;
            f->negative = false;
            f->magnitude = v;
        }
        return element_done(f);
    }
    bool number_float(number_float_t, const string_t& text) override {
        raw_value* f = target();
        if (f) {
            f->t = raw_value::type::real;
            f->text.assign(text);
        }
        return element_done(f);
    }
    bool string(string_t& s) override {
        if (!within_limit(s.size())) return false;
        if (ctx() == context::files) {
            files_pending_.push_back(std::move(s));
            return true;
        }
        raw_value* f = target();
        if (f) {
            f->t = raw_value::type::string;
            f->text.swap(s);
        }
        return element_done(f);
    }
    bool binary(binary_t&) override { return value(raw_value::type::other); }

    bool key(string_t& key_text) override {
        if (!within_limit(key_text.size())) return false;
        const std::string_view k = key_text;  // compares lengths first: most keys differ there
        key_ = slot::none;
        switch (ctx()) {
            case context::top_object: key_ = k == "traceEvents" ? slot::trace_events : slot::none; break;
            case context::record:
                key_ = k == "ts" ? slot::ts : k == "tid" ? slot::tid : k == "args" ? slot::args : slot::none;
                break;
            case context::args:
                key_ = k == "then"          ? slot::then
                       : k == "done"        ? slot::done
                       : k == "files"       ? slot::files
                       : k == "chan_format" ? slot::format
                                            : slot::field;
                field_ = key_ == slot::field ? args_.find(k) : nullptr;
                break;
            case context::then_entry:
                key_ = slot::field;
                field_ = then_[then_count_ - 1].find(k);
                break;
            case context::done:
                key_ = slot::field;
                field_ = done_.find(k);
                break;
            default: break;
        }
        return true;
    }

    bool start_object(std::size_t) override {
        context next = context::skip;
        const context parent = stack_.empty() ? context::none : ctx();
        if (parent == context::none) {
            next = context::top_object;
        } else if (parent == context::events) {
            next = context::record;
            begin_record();
        } else if (parent == context::record && key_ == slot::args) {
            next = context::args;
        } else if (parent == context::args && key_ == slot::done) {
            next = context::done;
            has_done_ = true;
        } else if (parent == context::then) {
            next = context::then_entry;
            if (then_count_ == then_.size()) then_.emplace_back();
            then_[then_count_++].clear();
        } else if (parent == context::args || parent == context::then_entry || parent == context::done) {
            mark_other();
        }
        return push(next);
    }

    bool end_object() override {
        const context done = ctx();
        stack_.pop_back();
        key_ = slot::none;
        if (done == context::record) return finish_record();
        return true;
    }

    bool start_array(std::size_t) override {
        context next = context::skip;
        const context parent = stack_.empty() ? context::none : ctx();
        if (parent == context::none || (parent == context::top_object && key_ == slot::trace_events)) {
            if (found_events_) return fail("the file has two traceEvents arrays");
            found_events_ = true;
            next = context::events;
        } else if (parent == context::events) {
            return fail("trace event " + std::to_string(record_index_) + " is not an object");
        } else if (parent == context::then) {
            then_invalid_ = true;
        } else if (parent == context::args && key_ == slot::then) {
            next = context::then;
        } else if (parent == context::args && key_ == slot::files) {
            next = context::files;
            files_pending_.clear();
            files_valid_ = true;
        } else if (parent == context::args || parent == context::then_entry || parent == context::done) {
            mark_other();
        }
        return push(next);
    }

    bool end_array() override {
        const context done = ctx();
        stack_.pop_back();
        key_ = slot::none;
        if (done == context::events) events_closed_ = true;
        if (done == context::files) files_seen_ = true;
        return true;
    }

    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) override {
        if (error) return false;  // we stopped the parser ourselves
        if (position >= input_.size() && ends_between_records()) {
            info.truncated = true;
            return false;
        }
        std::string what = ex.what();
        if (const std::size_t close = what.find("] "); what.rfind("[json.exception", 0) == 0 && close != what.npos)
            what.erase(0, close + 2);
        if (what.size() > 200) what = what.substr(0, 197) + "...";  // it quotes the offending token
        if (position >= input_.size() && ctx_is(context::record, context::args, context::then, context::then_entry))
            return fail("the file ends inside trace event " + std::to_string(record_index_) +
                            " (cut off while being written?)",
                        input_.size());
        const std::size_t at = std::min(position > 0 ? position - 1 : 0, input_.size());
        return fail("malformed JSON at byte " + std::to_string(at) + where_suffix() + ": " + what, at);
    }

private:
    enum class context : std::uint8_t { none, top_object, events, record, args, then, then_entry, done, files, skip };
    enum class slot : std::uint8_t { none, trace_events, ts, tid, args, then, done, files, format, field };

    context ctx() const noexcept { return stack_.empty() ? context::none : stack_.back(); }
    template <class... C>
    bool ctx_is(C... c) const noexcept {
        return ((ctx() == c) || ...);
    }

    std::size_t offset() const noexcept { return static_cast<std::size_t>(*position_ - input_.data()); }

    std::string where_suffix() const {
        return ctx_is(context::record, context::args, context::then, context::then_entry, context::files)
                   ? " (trace event " + std::to_string(record_index_) + ")"
                   : "";
    }

    bool fail(const std::string& message, std::optional<std::size_t> at = std::nullopt) {
        if (!error) error.emplace(message, at.value_or(offset()));
        return false;
    }

    bool push(context c) {
        if (stack_.size() >= limits_.max_depth)
            return fail("nesting deeper than " + std::to_string(limits_.max_depth) + " levels at byte " +
                        std::to_string(offset()) + where_suffix());
        stack_.push_back(c);
        key_ = slot::none;
        return true;
    }

    bool within_limit(std::size_t size) {
        if (size <= limits_.max_string) return true;
        return fail("a string of " + std::to_string(size) + " bytes (more than " + std::to_string(limits_.max_string) +
                    ") ending at byte " + std::to_string(offset()) + where_suffix());
    }

    // Whether the input may end here: between two records of traceEvents, or after it.
    bool ends_between_records() const noexcept {
        return ctx() == context::events || (ctx() == context::top_object && events_closed_);
    }

    // Where a scalar value goes, if anywhere.
    raw_value* target() {
        switch (ctx()) {
            case context::record:
                return key_ == slot::ts ? &ts_ : key_ == slot::tid ? &tid_ : nullptr;
            case context::args:
                if (key_ == slot::format) return &format_;
                if (key_ == slot::then) then_invalid_ = true;
                return key_ == slot::field ? field_ : nullptr;
            case context::then_entry:
            case context::done: return key_ == slot::field ? field_ : nullptr;
            case context::then: then_invalid_ = true; return nullptr;
            case context::files: files_valid_ = false; return nullptr;
            default: return nullptr;
        }
    }

    // After a scalar: a scalar where a record belongs is an error.
    bool element_done(raw_value*) {
        key_ = slot::none;
        if (ctx() == context::events) return fail("trace event " + std::to_string(record_index_++) + " is not an object");
        if (ctx() == context::none) return fail("not a trace: the top level is neither an object nor an array", 0);
        return true;
    }

    bool value(raw_value::type t) {
        raw_value* f = target();
        if (f) f->t = t;
        return element_done(f);
    }

    // An object or array where an event field's scalar belongs.
    void mark_other() {
        if (key_ == slot::then || key_ == slot::done) then_invalid_ = true;
        raw_value* f = key_ == slot::field ? field_ : key_ == slot::format ? &format_ : nullptr;
        if (f) f->t = raw_value::type::other;
    }

    void begin_record() {
        ts_.t = tid_.t = format_.t = raw_value::type::absent;
        args_.clear();
        then_count_ = 0;
        then_invalid_ = false;
        has_done_ = false;
        done_.clear();
        files_seen_ = false;
    }

    bool finish_record() {
        const std::size_t index = record_index_++;
        ++info.records;
        try {
            if (format_.present()) return header(index);
            if (!args_.ev.present()) {
                ++info.ignored;
                return true;
            }
            event_builder build(index);
            if (then_invalid_) build.fail("'then' must be an array of objects, 'done' an object");
            trace::event c = build.carrier(args_, ts_, tid_);
            for (std::size_t i = 0; i < then_count_; ++i) {
                build.set_part(static_cast<std::ptrdiff_t>(i));
                events.push_back(build.member(then_[i], c));
            }
            if (has_done_) {
                if (!trace::json_format::begins_operation(c.what))
                    build.fail("'done' belongs to an operation's first event");
                build.set_part(event_builder::done_part);
                events.push_back(build.member(done_, c, trace::json_format::usual_end(c.what)));
            }
            events.push_back(std::move(c));
        } catch (const std::invalid_argument& x) {
            return fail(std::string(x.what()) + " (record ending at byte " + std::to_string(offset()) + ")");
        }
        if (events.size() > limits_.max_events)
            return fail("more than " + std::to_string(limits_.max_events) + " events (trace event " +
                        std::to_string(index) + ")");
        return true;
    }

    bool header(std::size_t index) {
        const auto v = format_.integer_in(0, 1000000);
        const std::string where = "trace event " + std::to_string(index) + " (the header, ending at byte " +
                                  std::to_string(offset()) + ")";
        if (!v) return fail(where + ": 'chan_format' must be an integer");
        if (*v > trace::json_format::version)
            return fail(where + ": format " + std::to_string(*v) + " is newer than this loader (" +
                        std::to_string(trace::json_format::version) + ")");
        if (have_files) return fail(where + ": a second header");
        if (!files_seen_ || !files_valid_ || files_pending_.empty())
            return fail(where + ": 'files' must be an array of strings, starting with \"\"");
        files = std::move(files_pending_);
        have_files = true;
        return true;
    }

    std::string_view input_;
    const char** position_;
    trace::load_limits limits_;

    std::vector<context> stack_;
    slot key_ = slot::none;
    raw_value* field_ = nullptr;
    bool found_events_ = false, events_closed_ = false;

    // The record being read.
    std::size_t record_index_ = 0;
    raw_value ts_, tid_, format_;
    event_fields args_;
    std::vector<event_fields> then_;
    std::size_t then_count_ = 0;
    event_fields done_;
    bool has_done_ = false, then_invalid_ = false;
    std::vector<std::string> files_pending_;
    bool files_valid_ = true, files_seen_ = false;
};

// Orders events by time (which is their seq order, see json_format.hpp), numbers
// them and checks their file references.
inline void finish(std::vector<trace::event>& events, const std::vector<std::string>& files, std::size_t input_size) {
    std::vector<std::pair<std::int64_t, std::uint32_t>> order(events.size());
    for (std::uint32_t i = 0; i < events.size(); ++i) order[i] = {events[i].time_ns, i};
    std::sort(order.begin(), order.end());
    std::vector<trace::event> sorted;
    sorted.reserve(events.size());
    for (const auto& [time, i] : order) {
        sorted.push_back(std::move(events[i]));
        trace::event& e = sorted.back();
        e.seq = sorted.size() - 1;
        if (e.file >= files.size()) {
            throw trace::load_error("event at " + std::to_string(e.time_ns) + " ns (" +
                                        std::string(trace::to_string(e.what)) + ") refers to source file " +
                                        std::to_string(e.file) + ", but the header lists " +
                                        std::to_string(files.size()) + " files",
                                    input_size);
        }
    }
    events = std::move(sorted);
}

}  // namespace chan::detail::load

namespace chan::trace {

// Reads a trace from JSON text. Throws load_error.
inline recording load(std::string_view json, load_info* info = nullptr, const load_limits& limits = {}) {
    if (json.size() > limits.max_bytes)
        throw load_error("the input has " + std::to_string(json.size()) + " bytes, more than the limit of " +
                             std::to_string(limits.max_bytes),
                         0);
    if (json.find_first_not_of(" \t\r\n") == std::string_view::npos)
        throw load_error("not a trace: the input is empty", 0);
    const char* position = json.data();
    detail::load::handler h(json, &position, limits);
    detail::load::tracked_iterator first{json.data(), &position}, last{json.data() + json.size(), &position};
    bool ok = false;
    try {
        ok = nlohmann::json::sax_parse(first, last, &h);
    } catch (const std::bad_alloc&) {
        throw load_error("out of memory while reading the trace", static_cast<std::size_t>(position - json.data()));
    }
    if (h.error) throw *h.error;
    if (!ok && !h.info.truncated) throw load_error("malformed JSON", static_cast<std::size_t>(position - json.data()));
    if (!h.info.truncated && h.info.records == 0 && !h.events_array_closed())
        throw load_error("not a trace: no traceEvents array", 0);
    recording r;
    r.files = std::move(h.files);
    detail::load::finish(h.events, r.files, json.size());
    r.events = std::move(h.events);
    if (info) *info = h.info;
    return r;
}

// Reads a trace file. Throws load_error (also when the file cannot be read).
inline recording load_file(const std::string& path, load_info* info = nullptr, const load_limits& limits = {}) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) throw load_error("cannot open '" + path + "': " + std::strerror(errno), 0);
    std::string text;
    char buf[1 << 16];
    std::size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) {
        if (text.size() + n > limits.max_bytes) {
            std::fclose(f);
            throw load_error("'" + path + "' is larger than the limit of " + std::to_string(limits.max_bytes) +
                                 " bytes",
                             limits.max_bytes);
        }
        text.append(buf, n);
    }
    const bool failed = std::ferror(f) != 0;
    std::fclose(f);
    if (failed) throw load_error("cannot read '" + path + "'", text.size());
    try {
        return load(text, info, limits);
    } catch (const load_error& e) {
        throw load_error(path + ": " + e.what(), e.offset());
    }
}

}  // namespace chan::trace
