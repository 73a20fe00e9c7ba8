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
//
// Reading takes four steps, a class each (chan::detail::load; defined in the order
// 2, 3, 4, 1, each after the ones it uses):
//   1. sax_reader, nlohmann's SAX handler, follows where the parser is: in which object
//      or array of the document, under which key. It enforces the depth and string
//      limits, says where each error is, and hands the values the format reads to
//   2. record_builder, which collects one record of traceEvents as written, unchecked:
//      ts, tid, and in args the carrier's fields, each entry of "then", "done", and the
//      header's "chan_format" and "files".
//   3. record_decoder turns a finished carrier record into events by the format's
//      rules (json_format.hpp), checking every field.
//   4. trace_assembly takes each finished record (a header gives the file table, a
//      carrier its events through the decoder, anything else nothing), caps the number
//      of events, and at the end orders them by time, numbers them and checks their
//      file references.
// Each step reports a problem by throwing load_error with the byte offset it concerns.
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
#include <span>
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

    void set_integer(std::int64_t v) noexcept {
        t = type::integer;
        negative = v < 0;
        magnitude = v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
    }
    void set_unsigned(std::uint64_t v) noexcept {
        t = type::integer;
        negative = false;
        magnitude = v;
    }
    void set_real(const std::string& number) {
        t = type::real;
        text.assign(number);
    }
    // Swaps buffers with the parser's string (which it clears before reusing): no copy.
    void set_string(std::string& s) noexcept {
        t = type::string;
        text.swap(s);
    }
    void set_other() noexcept { t = type::other; }

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

// ---- step 2: collecting a record ----

// The keys of one event object (a carrier's args, an entry of its "then", its "done").
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

// Step 2: one record of traceEvents, collected as the reader meets its values. It keeps
// only what the format reads, as written; the decoder and the header check judge it.
// The storage is reused from one record to the next, so that once the first records
// have been read a record allocates nothing.
class record_builder {
public:
    // ---- filled by the reader (step 1) ----

    // A record opens. Resets all but the file list, which only the opening of an
    // args.files resets: file_list() needs one in this very record.
    void begin() {
        ts_.t = tid_.t = chan_format_.t = raw_value::type::absent;
        carrier_.clear();
        then_count_ = 0;
        has_done_ = false;
        done_.clear();
        misshapen_ = false;
        files_seen_ = false;
    }

    // Where the value of `key` goes, in the record itself, in its args, in the entry of
    // "then" being read, in its "done"; nullptr for a key the format does not read.
    raw_value* record_value(std::string_view key) { return key == "ts" ? &ts_ : key == "tid" ? &tid_ : nullptr; }
    raw_value* args_value(std::string_view key) { return key == "chan_format" ? &chan_format_ : carrier_.find(key); }
    raw_value* then_value(std::string_view key) { return then_[then_count_ - 1].find(key); }
    raw_value* done_value(std::string_view key) { return done_.find(key); }

    void begin_then_entry() {
        if (then_count_ == then_.size()) then_.emplace_back();
        then_[then_count_++].clear();
    }
    void begin_done() { has_done_ = true; }
    // "then" is not an array of objects, or "done" not an object.
    void then_or_done_misshapen() { misshapen_ = true; }

    void begin_files() {
        files_.clear();
        files_valid_ = true;
    }
    void add_file(std::string& name) { files_.push_back(std::move(name)); }
    void file_not_a_string() { files_valid_ = false; }
    void end_files() { files_seen_ = true; }

    // ---- read when the record has closed ----

    const raw_value& ts() const noexcept { return ts_; }
    const raw_value& tid() const noexcept { return tid_; }
    const raw_value& chan_format() const noexcept { return chan_format_; }
    // The carrier's own event: args without "then", "done", "files", "chan_format".
    const event_fields& carrier() const noexcept { return carrier_; }
    std::span<const event_fields> then() const noexcept { return {then_.data(), then_count_}; }
    const event_fields* done() const noexcept { return has_done_ ? &done_ : nullptr; }
    bool has_misshapen_then_or_done() const noexcept { return misshapen_; }
    // args.files if this record has one that holds only strings (an array or object in
    // it is skipped); nullptr otherwise. The header takes it.
    std::vector<std::string>* file_list() noexcept { return files_seen_ && files_valid_ ? &files_ : nullptr; }

private:
    raw_value ts_, tid_, chan_format_;
    event_fields carrier_;
    std::vector<event_fields> then_;  // the first then_count_ are this record's
    std::size_t then_count_ = 0;
    event_fields done_;
    bool has_done_ = false, misshapen_ = false;
    std::vector<std::string> files_;
    bool files_valid_ = true, files_seen_ = false;
};

// ---- step 3: decoding a carrier ----

// Step 3: turns a finished carrier record (its args have "ev") into events by the
// format's rules (json_format.hpp), checking every field. A problem is a load_error at
// the record's end that names the record ("trace event 12") and the part of it
// ("then[3]", "done").
class record_decoder {
public:
    record_decoder(std::size_t index, std::size_t end) : index_(index), end_(end) {}

    // Appends the record's events to `out`: the entries of "then" in order, "done", and
    // last the carrier, from which the others take their time, thread and defaults.
    void decode(const record_builder& r, std::vector<trace::event>& out) {
        if (r.has_misshapen_then_or_done()) fail("'then' must be an array of objects, 'done' an object");
        trace::event c = carrier(r.carrier(), r.ts(), r.tid());
        const std::span<const event_fields> then = r.then();
        for (std::size_t i = 0; i < then.size(); ++i) {
            part_ = static_cast<std::ptrdiff_t>(i);
            out.push_back(member(then[i], c));
        }
        if (const event_fields* done = r.done()) {
            if (!trace::json_format::begins_operation(c.what)) fail("'done' belongs to an operation's first event");
            part_ = done_part;
            out.push_back(member(*done, c, trace::json_format::usual_end(c.what)));
        }
        out.push_back(std::move(c));
    }

private:
    static constexpr std::ptrdiff_t carrier_part = -1, done_part = -2;
    static constexpr std::int64_t u32max = std::numeric_limits<std::uint32_t>::max();
    static constexpr std::int64_t max64 = std::numeric_limits<std::int64_t>::max();

    trace::event carrier(const event_fields& f, const raw_value& ts, const raw_value& tid) const {
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
    trace::event member(const event_fields& f, const trace::event& c,
                        std::optional<trace::kind> implied = std::nullopt) const {
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

    [[noreturn]] void fail(const std::string& what) const {
        std::string where = "trace event " + std::to_string(index_);
        if (part_ == done_part) where += ", done";
        if (part_ >= 0) where += ", then[" + std::to_string(part_) + "]";
        throw trace::load_error(where + ": " + what + " (record ending at byte " + std::to_string(end_) + ")", end_);
    }

    std::size_t index_, end_;  // the record's place in traceEvents, and the byte after it
    std::ptrdiff_t part_ = carrier_part;  // where the event being decoded is: carrier_part, done_part or then[part_]
};

// ---- step 4: assembling the recording ----

// Step 4: what the records add up to. A record is the header (args.chan_format: the
// format's version and the file table that "src" indexes), a carrier (args.ev: events,
// by record_decoder), or neither (ignored: the picture's records, other tools').
class trace_assembly {
public:
    explicit trace_assembly(const trace::load_limits& limits) : max_events_(limits.max_events) {}

    // Takes the record `index` of traceEvents, which ended at byte `end`; a header's
    // file list is moved out of `r`.
    void add(record_builder& r, std::size_t index, std::size_t end) {
        ++info_.records;
        if (r.chan_format().present()) {
            take_header(r, index, end);
        } else if (r.carrier().ev.present()) {
            record_decoder(index, end).decode(r, events_);
            if (events_.size() > max_events_)
                throw trace::load_error("more than " + std::to_string(max_events_) + " events (trace event " +
                                            std::to_string(index) + ")",
                                        end);
        } else {
            ++info_.ignored;
        }
    }

    // The input ended right after a record, or after traceEvents, without closing.
    void input_truncated() noexcept { info_.truncated = true; }

    const trace::load_info& info() const noexcept { return info_; }

    // The recording, once every record has been added: its events in time order (which
    // is their seq order, see json_format.hpp) and numbered, each one's file listed by
    // the header. An unlisted file is a load_error at the end of the input.
    trace::recording finish(std::size_t input_size) {
        trace::recording r;
        r.events = in_time_order(std::move(events_));
        r.files = std::move(files_);
        for (const trace::event& e : r.events) {
            if (e.file >= r.files.size()) {
                throw trace::load_error("event at " + std::to_string(e.time_ns) + " ns (" +
                                            std::string(trace::to_string(e.what)) + ") refers to source file " +
                                            std::to_string(e.file) + ", but the header lists " +
                                            std::to_string(r.files.size()) + " files",
                                        input_size);
            }
        }
        return r;
    }

private:
    void take_header(record_builder& r, std::size_t index, std::size_t end) {
        const auto version = r.chan_format().integer_in(0, 1000000);
        if (!version) bad_header(index, end, "'chan_format' must be an integer");
        if (*version > trace::json_format::version)
            bad_header(index, end,
                       "format " + std::to_string(*version) + " is newer than this loader (" +
                           std::to_string(trace::json_format::version) + ")");
        if (have_header_) bad_header(index, end, "a second header");
        std::vector<std::string>* files = r.file_list();
        if (!files || files->empty()) bad_header(index, end, "'files' must be an array of strings, starting with \"\"");
        files_ = std::move(*files);
        have_header_ = true;
    }

    [[noreturn]] static void bad_header(std::size_t index, std::size_t end, const std::string& what) {
        throw trace::load_error(
            "trace event " + std::to_string(index) + " (the header, ending at byte " + std::to_string(end) + "): " + what,
            end);
    }

    // Sorted by time; among equal times (which only a file not written by the library
    // has) in the order the records gave them. Numbered by that order.
    static std::vector<trace::event> in_time_order(std::vector<trace::event> events) {
        std::vector<std::pair<std::int64_t, std::uint32_t>> order(events.size());
        for (std::uint32_t i = 0; i < events.size(); ++i) order[i] = {events[i].time_ns, i};
        std::sort(order.begin(), order.end());
        std::vector<trace::event> sorted;
        sorted.reserve(events.size());
        for (const auto& [time, i] : order) {
            sorted.push_back(std::move(events[i]));
            sorted.back().seq = sorted.size() - 1;
        }
        return sorted;
    }

    std::size_t max_events_;
    std::vector<trace::event> events_;       // in the order the records gave them
    std::vector<std::string> files_ = {""};  // the header's, once it has been read
    bool have_header_ = false;
    trace::load_info info_;
};

// ---- step 1: following the document ----

// Reads the input through this iterator so that the reader knows how far the parser
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

// Step 1: nlohmann's SAX handler. It knows the shape of a trace and nothing of what the
// values mean:
//     the top level   an object with "traceEvents", or that array alone
//     traceEvents     an array of records, each an object
//     a record        "ts", "tid", "args"
//     args            event fields, "chan_format", "then" (an array of objects),
//                     "done" (an object), "files" (an array of strings)
// and skips everything else. It keeps a stack of what the open objects and arrays are
// and which key the next value belongs to, gives the record builder the values the
// format reads, and each record, when it closes, to the assembly.
//
// Every problem, found here or in a later step, is a load_error thrown through nlohmann's
// parser (which lets a handler's exceptions pass: its own tree builder reports errors
// that way); a callback never returns false. Only an input that ends early between
// records stops the parse quietly (parse_error).
class sax_reader final : public nlohmann::json_sax<nlohmann::json> {
public:
    sax_reader(std::string_view input, const char** position, const trace::load_limits& limits, trace_assembly& out)
        : input_(input), position_(position), limits_(limits), out_(out) {}

    // Whether the document has a traceEvents array, or is one.
    bool found_trace_events() const noexcept { return found_events_; }

    // ---- nlohmann::json_sax ----

    bool null() override { return other_scalar(); }
    bool boolean(bool) override { return other_scalar(); }
    bool binary(binary_t&) override { return other_scalar(); }
    bool number_integer(number_integer_t v) override {
        if (raw_value* to = destination()) to->set_integer(v);
        return scalar_done();
    }
    bool number_unsigned(number_unsigned_t v) override {
        if (raw_value* to = destination()) to->set_unsigned(v);
        return scalar_done();
    }
    bool number_float(number_float_t, const string_t& text) override {
        if (raw_value* to = destination()) to->set_real(text);
        return scalar_done();
    }
    bool string(string_t& s) override {
        check_length(s.size());
        if (inside() == context::files) {
            record_.add_file(s);
            return true;
        }
        if (raw_value* to = destination()) to->set_string(s);
        return scalar_done();
    }

    bool key(string_t& text) override {
        check_length(text.size());
        const std::string_view k = text;  // compares lengths first: most keys differ there
        key_ = slot::none;
        switch (inside()) {
            case context::top_object:
                if (k == "traceEvents") key_ = slot::trace_events;
                break;
            case context::record:
                if (k == "args") {
                    key_ = slot::args;
                } else {
                    value_key(record_.record_value(k));
                }
                break;
            case context::args:
                if (k == "then") {
                    key_ = slot::then;
                } else if (k == "done") {
                    key_ = slot::done;
                } else if (k == "files") {
                    key_ = slot::files;
                } else {
                    value_key(record_.args_value(k));
                }
                break;
            case context::then_entry: value_key(record_.then_value(k)); break;
            case context::done: value_key(record_.done_value(k)); break;
            default: break;
        }
        return true;
    }

    bool start_object(std::size_t) override {
        context opened = context::skipped;
        switch (inside()) {
            case context::nothing: opened = context::top_object; break;
            case context::trace_events:
                opened = context::record;
                record_.begin();
                break;
            case context::record:
                if (key_ == slot::args) opened = context::args;
                break;
            case context::args:
                if (key_ == slot::done) {
                    opened = context::done;
                    record_.begin_done();
                } else {
                    nested_value();
                }
                break;
            case context::then:
                opened = context::then_entry;
                record_.begin_then_entry();
                break;
            case context::then_entry:
            case context::done: nested_value(); break;
            default: break;
        }
        return push(opened);
    }

    bool end_object() override {
        if (pop() == context::record) out_.add(record_, record_index_++, offset());
        return true;
    }

    bool start_array(std::size_t) override {
        context opened = context::skipped;
        switch (inside()) {
            case context::nothing: opened = open_trace_events(); break;
            case context::top_object:
                if (key_ == slot::trace_events) opened = open_trace_events();
                break;
            case context::trace_events: record_not_an_object();
            case context::then: record_.then_or_done_misshapen(); break;
            case context::args:
                if (key_ == slot::then) {
                    opened = context::then;
                } else if (key_ == slot::files) {
                    opened = context::files;
                    record_.begin_files();
                } else {
                    nested_value();
                }
                break;
            case context::then_entry:
            case context::done: nested_value(); break;
            default: break;
        }
        return push(opened);
    }

    bool end_array() override {
        const context closed = pop();
        if (closed == context::trace_events) events_closed_ = true;
        if (closed == context::files) record_.end_files();
        return true;
    }

    // A syntax error, or the end of an input cut short. Cut between two records of
    // traceEvents, or after it, the trace is what was read (chrome://tracing tolerates
    // it): the parse stops there. Anywhere else it is an error.
    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) override {
        const bool at_end = position >= input_.size();
        if (at_end && ends_between_records()) {
            out_.input_truncated();
            return false;
        }
        if (at_end && inside_any(context::record, context::args, context::then, context::then_entry))
            fail("the file ends inside trace event " + std::to_string(record_index_) + " (cut off while being written?)",
                 input_.size());
        const std::size_t at = std::min(position > 0 ? position - 1 : 0, input_.size());
        fail("malformed JSON at byte " + std::to_string(at) + where_suffix() + ": " + parser_message(ex), at);
    }

private:
    // What an open object or array is, as far as the format cares.
    enum class context : std::uint8_t {
        nothing,  // none is open: the top level
        top_object,
        trace_events,
        record,
        args,
        then,
        then_entry,
        done,
        files,
        skipped,  // one the format does not read, and all inside it
    };
    // What the last key of the innermost open object names.
    enum class slot : std::uint8_t {
        none,
        trace_events,
        args,
        then,
        done,
        files,
        value,  // a key whose scalar the record builder keeps in *value_ (nowhere if null)
    };

    context inside() const noexcept { return stack_.empty() ? context::nothing : stack_.back(); }
    template <class... C>
    bool inside_any(C... c) const noexcept {
        return ((inside() == c) || ...);
    }

    std::size_t offset() const noexcept { return static_cast<std::size_t>(*position_ - input_.data()); }

    std::string where_suffix() const {
        return inside_any(context::record, context::args, context::then, context::then_entry, context::files)
                   ? " (trace event " + std::to_string(record_index_) + ")"
                   : "";
    }

    [[noreturn]] void fail(const std::string& message, std::optional<std::size_t> at = std::nullopt) const {
        throw trace::load_error(message, at.value_or(offset()));
    }

    bool push(context c) {
        if (stack_.size() >= limits_.max_depth)
            fail("nesting deeper than " + std::to_string(limits_.max_depth) + " levels at byte " +
                 std::to_string(offset()) + where_suffix());
        stack_.push_back(c);
        key_ = slot::none;
        return true;
    }

    context pop() {
        const context closed = stack_.back();
        stack_.pop_back();
        key_ = slot::none;
        return closed;
    }

    void check_length(std::size_t size) const {
        if (size > limits_.max_string)
            fail("a string of " + std::to_string(size) + " bytes (more than " + std::to_string(limits_.max_string) +
                 ") ending at byte " + std::to_string(offset()) + where_suffix());
    }

    [[noreturn]] void record_not_an_object() const {
        fail("trace event " + std::to_string(record_index_) + " is not an object");
    }

    context open_trace_events() {
        if (found_events_) fail("the file has two traceEvents arrays");
        found_events_ = true;
        return context::trace_events;
    }

    // Whether the input may end here: between two records of traceEvents, or after it.
    bool ends_between_records() const noexcept {
        return inside() == context::trace_events || (inside() == context::top_object && events_closed_);
    }

    void value_key(raw_value* to) {
        key_ = slot::value;
        value_ = to;
    }

    // Where a scalar goes: the raw value its key names, if the format reads it. A scalar
    // where "then" or its entries belong, or in "files", spoils those.
    raw_value* destination() {
        switch (inside()) {
            case context::then: record_.then_or_done_misshapen(); return nullptr;
            case context::files: record_.file_not_a_string(); return nullptr;
            case context::args:
                if (key_ == slot::then) record_.then_or_done_misshapen();
                break;
            default: break;
        }
        return key_ == slot::value ? value_ : nullptr;
    }

    bool other_scalar() {
        if (raw_value* to = destination()) to->set_other();
        return scalar_done();
    }

    // After a scalar: a scalar where a record (or the whole trace) belongs is an error.
    bool scalar_done() {
        key_ = slot::none;
        if (inside() == context::trace_events) record_not_an_object();
        if (inside() == context::nothing) fail("not a trace: the top level is neither an object nor an array", 0);
        return true;
    }

    // An object or array opens as the value of key_ in args, an entry of "then" or
    // "done", where the format has a scalar (the callers have taken "then" as an array
    // and "done" as an object): that value is spoilt, and so are "then" and "done" in
    // the other shape.
    void nested_value() {
        if (key_ == slot::then || key_ == slot::done) {
            record_.then_or_done_misshapen();
        } else if (key_ == slot::value && value_) {
            value_->set_other();
        }
    }

    // nlohmann's message without its "[json.exception...] " prefix, and cut short: it
    // quotes the offending token, which may be long.
    static std::string parser_message(const nlohmann::detail::exception& ex) {
        std::string what = ex.what();
        if (const std::size_t close = what.find("] "); what.rfind("[json.exception", 0) == 0 && close != what.npos)
            what.erase(0, close + 2);
        if (what.size() > 200) what = what.substr(0, 197) + "...";
        return what;
    }

    std::string_view input_;
    const char** position_;  // how far the parser has read (tracked_iterator)
    trace::load_limits limits_;
    trace_assembly& out_;
    record_builder record_;  // the record being read

    std::vector<context> stack_;  // the open objects and arrays, innermost last
    slot key_ = slot::none;
    raw_value* value_ = nullptr;
    bool found_events_ = false, events_closed_ = false;
    std::size_t record_index_ = 0;  // the element of traceEvents being read
};

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
    detail::load::trace_assembly assembly(limits);
    detail::load::sax_reader reader(json, &position, limits, assembly);
    detail::load::tracked_iterator first{json.data(), &position}, last{json.data() + json.size(), &position};
    try {
        // false only when the input ends between records: the reader throws every problem
        (void)nlohmann::json::sax_parse(first, last, &reader);
    } catch (const std::bad_alloc&) {
        throw load_error("out of memory while reading the trace", static_cast<std::size_t>(position - json.data()));
    }
    if (!reader.found_trace_events()) throw load_error("not a trace: no traceEvents array", 0);
    recording r = assembly.finish(json.size());
    if (info) *info = assembly.info();
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
