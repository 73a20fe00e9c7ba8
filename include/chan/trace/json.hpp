// Writes a recording as a trace file: Chrome Trace Event JSON for Perfetto and
// chrome://tracing, complete enough to load back (chan::trace_load). The format is
// described in json_format.hpp; docs/tracing.md shows what a reader sees.
//
//   chan::trace::write_json(std::cout, chan::trace::snapshot());
//   std::string error;
//   if (!chan::trace::write_json_file("out.json", recording, &error)) std::cerr << error << '\n';
//
// Dependency-free and linear in the recording's size. Text is written as UTF-8; bytes
// that are not valid UTF-8 become U+FFFD.
#pragma once

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <functional>
#include <initializer_list>
#include <limits>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "event.hpp"
#include "json_format.hpp"

namespace chan::detail::json {

// Collects JSON text and hands it to `flush` in large pieces.
class out_buffer {
public:
    explicit out_buffer(std::function<void(std::string_view)> flush) : flush_(std::move(flush)) {
        buf_.reserve(chunk + 4096);
    }

    void raw(std::string_view s) {
        buf_.append(s);
        if (buf_.size() >= chunk) flush();
    }
    void raw(char c) { buf_.push_back(c); }

    template <class Int>
    void integer(Int v) {
        char tmp[24];
        const auto r = std::to_chars(tmp, tmp + sizeof tmp, v);
        buf_.append(tmp, r.ptr);
    }

    // Nanoseconds as microseconds with exactly three decimals ("12.345").
    void time_us(std::int64_t ns) {
        const std::uint64_t mag = ns < 0 ? 0 - static_cast<std::uint64_t>(ns) : static_cast<std::uint64_t>(ns);
        if (ns < 0) raw('-');
        integer(mag / 1000);
        const auto frac = static_cast<unsigned>(mag % 1000);
        const char digits[4] = {'.', static_cast<char>('0' + frac / 100), static_cast<char>('0' + frac / 10 % 10),
                                static_cast<char>('0' + frac % 10)};
        buf_.append(digits, 4);
    }

    // A JSON string made of `parts`, escaped.
    void string(std::initializer_list<std::string_view> parts) {
        raw('"');
        for (std::string_view p : parts) escaped(p);
        raw('"');
    }
    void string(std::string_view s) { string({s}); }

    void flush() {
        flush_(buf_);
        buf_.clear();
    }

private:
    static constexpr std::size_t chunk = std::size_t{1} << 20;

    // Length of the valid UTF-8 sequence at the start of `s`, 0 if it is not one.
    static std::size_t utf8_length(std::string_view s) noexcept {
        const auto b = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
        const auto cont = [&](std::size_t i, unsigned lo = 0x80, unsigned hi = 0xBF) {
            return i < s.size() && b(i) >= lo && b(i) <= hi;
        };
        const unsigned c = b(0);
        if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
        if (c >= 0xE0 && c <= 0xEF) {
            const unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
            return cont(1, lo, hi) && cont(2) ? 3 : 0;
        }
        if (c >= 0xF0 && c <= 0xF4) {
            const unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
            return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
        }
        return 0;
    }

    void escaped(std::string_view s) {
        static constexpr char hex[] = "0123456789abcdef";
        for (std::size_t i = 0; i < s.size();) {
            const auto c = static_cast<unsigned char>(s[i]);
            if (c >= 0x80) {
                const std::size_t n = utf8_length(s.substr(i));
                buf_.append(n ? s.substr(i, n) : std::string_view("\xEF\xBF\xBD"));
                i += n ? n : 1;
                continue;
            }
            if (c == '"' || c == '\\') {
                raw('\\');
                raw(static_cast<char>(c));
            } else if (c < 0x20) {
                const char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
                buf_.append(u, 6);
            } else {
                raw(static_cast<char>(c));
            }
            ++i;
        }
    }

    std::string buf_;
    std::function<void(std::string_view)> flush_;
};

// What the writer works out about a recording before writing it (see
// json_format.hpp for the picture this serves).
struct layout {
    static constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();
    enum class role : std::uint8_t { standalone, begins, member };

    struct channel_info {
        std::string label;          // unique among the recording's channels
        std::string track;          // label plus what kind of channel it is
        bool counted = false;       // occupancy drawn as a counter
        std::int64_t baseline = 0;  // messages already buffered when the recording started
        std::int64_t queued = 0;    // occupancy while writing
        bool introduced = false;    // its channel_created has been written
    };

    std::vector<role> roles;
    std::vector<std::uint32_t> next;          // begins / member: the op's next member
    std::vector<std::int64_t> until;          // begins: end of the op's slice; blocked: end of the blocked slice
    std::vector<std::uint32_t> first_receipt;  // send_done member: its first receipt (a recv_done member)
    std::vector<std::uint32_t> next_receipt;   // recv_done member: the next receipt of the same message
    std::vector<std::uint32_t> sent_by;        // recv_done member: the send_done it receives from
    std::unordered_map<std::uint32_t, channel_info> channels;
    std::vector<std::uint32_t> threads;        // every thread, in order of appearance
    std::unordered_set<std::uint32_t> named_threads;
    std::uint64_t channel_tid_base = 0;

    explicit layout(const trace::recording& r) {
        const auto& ev = r.events;
        if (ev.size() >= none) throw std::length_error("chan: recording too large to write");
        roles.assign(ev.size(), role::standalone);
        next.assign(ev.size(), none);
        until.assign(ev.size(), 0);
        first_receipt.assign(ev.size(), none);
        next_receipt.assign(ev.size(), none);
        sent_by.assign(ev.size(), none);
        group_operations(ev);
        end_blocked_periods(ev);
        link_receipts(ev);
        describe_channels(ev);
    }

private:
    struct open_op {
        std::uint32_t begin, last;
    };

    void group_operations(const std::vector<trace::event>& ev) {
        std::unordered_map<std::uint32_t, open_op> open;  // by thread
        std::unordered_set<std::uint32_t> seen;
        std::uint32_t max_thread = 0;
        for (std::uint32_t i = 0; i < ev.size(); ++i) {
            const trace::event& e = ev[i];
            if (e.thread > max_thread) max_thread = e.thread;
            if (seen.insert(e.thread).second) threads.push_back(e.thread);
            if (e.what == trace::kind::thread_named) named_threads.insert(e.thread);
            const auto it = open.find(e.thread);
            if (trace::json_format::begins_operation(e.what)) {
                if (it != open.end()) until[it->second.begin] = std::max(e.time_ns, ev[it->second.begin].time_ns);
                roles[i] = role::begins;
                open[e.thread] = {i, i};
            } else if (it != open.end() && trace::json_format::joins_operation(ev[it->second.begin].what, e.what)) {
                roles[i] = role::member;
                next[it->second.last] = i;
                it->second.last = i;
                if (trace::json_format::ends_operation(ev[it->second.begin].what, e.what)) {
                    until[it->second.begin] = e.time_ns + 1;
                    open.erase(it);
                }
            }
        }
        const std::int64_t last_time = ev.empty() ? 0 : ev.back().time_ns;
        for (const auto& [thread, op] : open) until[op.begin] = std::max(last_time, ev[op.last].time_ns) + 1;
        channel_tid_base = trace::json_format::channel_tid_base(max_thread);
    }

    // A blocked period lasts until the operation's next step, 1 ns past it (so that the
    // flow event of a completion lies strictly inside), or up to the next blocked period.
    void end_blocked_periods(const std::vector<trace::event>& ev) {
        for (std::uint32_t op = 0; op < ev.size(); ++op) {
            if (roles[op] != role::begins) continue;
            std::uint32_t blocked = none;
            for (std::uint32_t m = next[op]; m != none; m = next[m]) {
                if (ev[m].what == trace::kind::select_arm) continue;
                const bool blocks_again = trace::json_format::is_blocked(ev[m].what);
                if (blocked != none) until[blocked] = std::min(ev[m].time_ns + (blocks_again ? 0 : 1), until[op]);
                blocked = blocks_again ? m : none;
            }
            if (blocked != none) until[blocked] = until[op];
        }
    }

    struct message_key {
        std::uint32_t channel;
        std::uint64_t message;
        bool operator==(const message_key&) const = default;
    };
    struct message_hash {
        std::size_t operator()(const message_key& k) const noexcept {
            return std::hash<std::uint64_t>()(k.message * 0x9E3779B97F4A7C15ull ^ k.channel);
        }
    };

    // Pairs every received message with its send (both inside operations), for flows.
    void link_receipts(const std::vector<trace::event>& ev) {
        std::unordered_map<message_key, std::uint32_t, message_hash> sends;
        std::unordered_map<std::uint32_t, std::uint32_t> last_receipt;  // by send
        for (std::uint32_t i = 0; i < ev.size(); ++i) {
            if (roles[i] != role::member) continue;
            const trace::event& e = ev[i];
            if (e.what == trace::kind::send_done) {
                sends[{e.channel, e.message}] = i;
            } else if (e.what == trace::kind::recv_done) {
                const auto s = sends.find({e.channel, e.message});
                if (s == sends.end()) continue;
                sent_by[i] = s->second;
                auto [last, fresh] = last_receipt.try_emplace(s->second, i);
                (fresh ? first_receipt[s->second] : next_receipt[last->second]) = i;
                last->second = i;
            }
        }
    }

    void describe_channels(const std::vector<trace::event>& ev) {
        std::unordered_map<std::string, int> name_uses;
        for (const trace::event& e : ev)
            if (e.what == trace::kind::channel_created && !channels.count(e.channel)) {
                channels[e.channel];
                ++name_uses[e.text];
            }
        for (const trace::event& e : ev) {
            if (e.channel == 0) continue;
            auto [it, fresh] = channels.try_emplace(e.channel);
            channel_info& c = it->second;
            if (e.what != trace::kind::channel_created || !c.label.empty()) {
                if (fresh) c.label = c.track = "channel " + std::to_string(e.channel);
                continue;
            }
            const bool unique = !e.text.empty() && name_uses[e.text] == 1;
            c.label = unique ? e.text
                      : e.text.empty() ? "channel " + std::to_string(e.channel)
                                       : e.text + " #" + std::to_string(e.channel);
            const auto f = static_cast<trace::flavor>(e.detail);
            c.track = c.label + " (" + describe(f, e.a) + ")";
            c.counted = trace::json_format::has_occupancy(f);
        }
        find_baselines(ev);
    }

    static std::string describe(trace::flavor f, std::int64_t capacity) {
        const std::string slots = ", " + std::to_string(capacity) + (capacity == 1 ? " slot" : " slots");
        switch (f) {
            case trace::flavor::bounded: return "bounded" + slots;
            case trace::flavor::broadcast: return "broadcast" + slots;
            case trace::flavor::broadcast_lagging: return "lagging broadcast" + slots;
            case trace::flavor::timer_at: return "timer";
            case trace::flavor::timer_tick: return "ticker";
            default: return std::string(trace::to_string(f));
        }
    }

    // Messages received but never seen sent were buffered before the recording began:
    // the counter starts at the most that must have been there.
    void find_baselines(const std::vector<trace::event>& ev) {
        std::unordered_map<std::uint32_t, std::int64_t> walk;
        std::unordered_set<std::uint32_t> reset;
        for (const trace::event& e : ev) {
            const int d = occupancy_step(e);
            if (d == 0 || reset.count(e.channel)) continue;
            if (d == reset_step) {
                reset.insert(e.channel);
                continue;
            }
            std::int64_t& w = walk[e.channel];
            w += d;
            auto c = channels.find(e.channel);
            if (c != channels.end()) c->second.baseline = std::max(c->second.baseline, -w);
        }
    }

public:
    static constexpr int reset_step = 2;  // the channel's buffer was emptied at once

    // How an event changes its channel's occupancy: +1, -1, reset_step or 0.
    static int occupancy_step(const trace::event& e) noexcept {
        switch (e.what) {
            case trace::kind::send_done: return 1;
            case trace::kind::recv_done: return -1;
            case trace::kind::disconnected:
                return e.detail == static_cast<std::uint8_t>(trace::disconnect_cause::receivers_gone) ? reset_step : 0;
            default: return 0;
        }
    }
};

// Writes the records of a recording, in time order (see json_format.hpp).
class json_writer {
public:
    json_writer(const trace::recording& r, out_buffer& out) : r_(r), out_(out), lay_(r) {}

    void write() {
        out_.raw("{\"traceEvents\":[\n");
        write_header();
        for (std::uint32_t i = 0; i < r_.events.size(); ++i) write_event(i);
        out_.raw("]}\n");
        out_.flush();
    }

private:
    using role = layout::role;
    static constexpr std::uint32_t none = layout::none;

    // ---- records ----

    void open(char ph, int pid, std::uint64_t tid) {
        out_.raw(first_ ? "{\"ph\":\"" : ",\n{\"ph\":\"");
        first_ = false;
        out_.raw(ph);
        out_.raw("\",\"pid\":");
        out_.integer(pid);
        out_.raw(",\"tid\":");
        out_.integer(tid);
    }
    void at(std::int64_t ns) {
        out_.raw(",\"ts\":");
        out_.time_us(ns);
    }
    void name(std::initializer_list<std::string_view> parts) {
        out_.raw(",\"name\":");
        out_.string(parts);
    }
    void close() { out_.raw('}'); }

    std::uint64_t channel_tid(std::uint32_t ch) const { return lay_.channel_tid_base + ch; }

    void write_header() {
        open('M', trace::json_format::threads_pid, 1);
        name({"process_name"});
        out_.raw(",\"args\":{\"name\":\"threads\",\"chan_format\":");
        out_.integer(trace::json_format::version);
        out_.raw(",\"files\":[");
        for (std::size_t f = 0; f < r_.files.size(); ++f) {
            if (f) out_.raw(',');
            out_.string(r_.files[f]);
        }
        out_.raw("]}}");
        open('M', trace::json_format::channels_pid, lay_.channel_tid_base);
        name({"process_name"});
        out_.raw(",\"args\":{\"name\":\"channels\"}}");
        for (std::uint32_t t : lay_.threads) {
            if (lay_.named_threads.count(t)) continue;
            open('M', trace::json_format::threads_pid, t);
            name({"thread_name"});
            out_.raw(",\"args\":{\"name\":");
            out_.string({"thread ", std::to_string(t)});
            out_.raw("}}");
        }
        std::vector<std::uint32_t> channels;
        for (const auto& c : lay_.channels) channels.push_back(c.first);
        std::sort(channels.begin(), channels.end());
        for (std::uint32_t ch : channels) {
            open('M', trace::json_format::channels_pid, channel_tid(ch));
            name({"thread_name"});
            out_.raw(",\"args\":{\"name\":");
            out_.string(lay_.channels.at(ch).track);
            out_.raw("}}");
        }
    }

    void write_event(std::uint32_t i) {
        const trace::event& e = r_.events[i];
        switch (lay_.roles[i]) {
            case role::begins: write_operation(i); break;
            case role::member: write_member_picture(i); break;
            case role::standalone: write_standalone(e); break;
        }
        write_occupancy(e);
    }

    // An operation: its slice, carrying all its events.
    void write_operation(std::uint32_t i) {
        const trace::event& e = r_.events[i];
        open('X', trace::json_format::threads_pid, e.thread);
        at(e.time_ns);
        out_.raw(",\"dur\":");
        out_.time_us(std::max<std::int64_t>(lay_.until[i] - e.time_ns, 0));
        operation_name(i);
        out_.raw(",\"args\":{");
        fields(e, nullptr);
        std::uint32_t last = i;
        for (std::uint32_t m = lay_.next[i]; m != none; m = lay_.next[m]) last = m;
        const bool usual_end = last != i && r_.events[last].what == trace::json_format::usual_end(e.what);
        bool first = true;
        for (std::uint32_t m = lay_.next[i]; m != none && !(usual_end && m == last); m = lay_.next[m]) {
            out_.raw(first ? ",\"then\":[{" : ",{");
            first = false;
            fields(r_.events[m], &e);
            out_.raw('}');
        }
        if (!first) out_.raw(']');
        if (usual_end) {
            out_.raw(",\"done\":{");
            fields(r_.events[last], &e, true, /*with_kind=*/false);
            out_.raw('}');
        }
        out_.raw("}}");
    }

    void operation_name(std::uint32_t i) {
        const trace::event& e = r_.events[i];
        std::string_view failure;
        std::uint32_t last = i;
        for (std::uint32_t m = lay_.next[i]; m != none; m = lay_.next[m]) last = m;
        const trace::event& end = r_.events[last];
        const bool select_missed =
            end.what == trace::kind::select_done && end.detail != static_cast<std::uint8_t>(chan::status::ok);
        if (end.what == trace::kind::send_failed || end.what == trace::kind::recv_failed || select_missed)
            failure = trace::json_format::detail_name(end.what, end.detail);
        const std::string_view verb = e.what == trace::kind::send_begin   ? "send "
                                      : e.what == trace::kind::recv_begin ? "recv "
                                                                          : "select";
        const std::string_view label = e.what == trace::kind::select_begin ? "" : channel_label(e.channel);
        if (failure.empty()) {
            name({verb, label});
        } else {
            name({verb, label, " (", failure, ")"});
        }
    }

    std::string_view channel_label(std::uint32_t ch) const {
        const auto it = lay_.channels.find(ch);
        return it == lay_.channels.end() ? std::string_view("channel ?") : std::string_view(it->second.label);
    }

    // The picture records of an operation's later events: blocked slices and flows.
    void write_member_picture(std::uint32_t i) {
        const trace::event& e = r_.events[i];
        if (trace::json_format::is_blocked(e.what)) {
            open('X', trace::json_format::threads_pid, e.thread);
            at(e.time_ns);
            out_.raw(",\"dur\":");
            out_.time_us(std::max<std::int64_t>(lay_.until[i] - e.time_ns, 0));
            name({"blocked: ", words(trace::json_format::detail_name(e.what, e.detail))});
            close();
        } else if (e.what == trace::kind::send_done) {
            for (std::uint32_t rcv = lay_.first_receipt[i]; rcv != none; rcv = lay_.next_receipt[rcv])
                flow('s', e, r_.events[rcv].seq);
        } else if (e.what == trace::kind::recv_done && lay_.sent_by[i] != none) {
            flow('f', e, e.seq);
        }
    }

    void flow(char ph, const trace::event& e, std::uint64_t id) {
        open(ph, trace::json_format::threads_pid, e.thread);
        at(e.time_ns);
        out_.raw(",\"id\":");
        out_.integer(id);
        out_.raw(ph == 'f' ? ",\"bp\":\"e\",\"cat\":\"chan\",\"name\":\"msg\"}" : ",\"cat\":\"chan\",\"name\":\"msg\"}");
    }

    // An event outside any operation: a thread's name, its end, or a channel's life.
    void write_standalone(const trace::event& e) {
        if (e.what == trace::kind::thread_named) {
            open('M', trace::json_format::threads_pid, e.thread);
            at(e.time_ns);
            name({"thread_name"});
            out_.raw(",\"args\":{\"name\":");
            out_.string(e.text);
            out_.raw(',');
            fields(e, nullptr, /*with_text=*/false);
            out_.raw("}}");
            return;
        }
        const bool on_channel = e.channel != 0;
        open('i', on_channel ? trace::json_format::channels_pid : trace::json_format::threads_pid,
             on_channel ? channel_tid(e.channel) : e.thread);
        at(e.time_ns);
        out_.raw(",\"s\":\"t\"");
        standalone_name(e);
        out_.raw(",\"args\":{");
        fields(e, nullptr);
        if (on_channel) {
            out_.raw(",\"th\":");
            out_.integer(e.thread);
        }
        out_.raw("}}");
    }

    void standalone_name(const trace::event& e) {
        const std::string_view d = trace::json_format::detail_name(e.what, e.detail);
        switch (e.what) {
            case trace::kind::channel_created: return name({"created"});
            case trace::kind::handles: return name({words(d)});
            case trace::kind::disconnected: return name({"disconnected: ", words(d)});
            case trace::kind::timer_fired: return name({"fired"});
            case trace::kind::thread_exited: return name({"exited"});
            default: return name({words(trace::to_string(e.what))});
        }
    }

    // "sender_added" -> "sender added"
    std::string_view words(std::string_view s) {
        words_.assign(s);
        for (char& c : words_)
            if (c == '_') c = ' ';
        return words_;
    }

    void write_occupancy(const trace::event& e) {
        const auto it = lay_.channels.find(e.channel);
        if (it == lay_.channels.end() || !it->second.counted) return;
        layout::channel_info& c = it->second;
        const int step = layout::occupancy_step(e);
        if (e.what == trace::kind::channel_created && !c.introduced) {
            c.introduced = true;
            c.queued = c.baseline;
        } else if (step == layout::reset_step) {
            c.queued = 0;
        } else if (step != 0) {
            c.queued = std::max<std::int64_t>(0, c.queued + step);
        } else {
            return;
        }
        open('C', trace::json_format::channels_pid, channel_tid(e.channel));
        at(e.time_ns);
        name({c.label});
        out_.raw(",\"args\":{\"queued\":");
        out_.integer(c.queued);
        out_.raw("}}");
    }

    // ---- an event's fields (see json_format.hpp for the defaults) ----

    // Writes "ev" first unless `with_kind` is false (args.done); every key after the
    // first starts with a comma, so "ev" (or "dt") must be there.
    void fields(const trace::event& e, const trace::event* carrier, bool with_text = true, bool with_kind = true) {
        if (with_kind) {
            out_.raw("\"ev\":\"");
            out_.raw(trace::to_string(e.what));
            out_.raw('"');
        }
        if (carrier) {
            out_.raw(with_kind ? ",\"dt\":" : "\"dt\":");
            out_.integer(e.time_ns - carrier->time_ns);
        }
        if (e.channel != (carrier ? carrier->channel : 0)) number("ch", e.channel);
        if (e.message != 0) number("m", e.message);
        if (e.a != 0) number("a", e.a);
        if (e.b != 0) number("b", e.b);
        if (e.detail != 0) detail(e);
        if (e.arm != -1) number("arm", e.arm);
        const std::string& default_text =
            carrier ? trace::json_format::default_text(e.what, carrier->text) : std::string();
        if (with_text && e.text != default_text) {
            out_.raw(",\"v\":");
            out_.string(e.text);
        }
        location(e, carrier);
    }

    template <class Int>
    void number(std::string_view key, Int v) {
        out_.raw(",\"");
        out_.raw(key);
        out_.raw("\":");
        out_.integer(v);
    }

    void detail(const trace::event& e) {
        const std::string_view n = trace::json_format::detail_name(e.what, e.detail);
        if (n.empty() || n == "?") return number("d", e.detail);
        out_.raw(",\"d\":\"");
        out_.raw(n);
        out_.raw('"');
    }

    void location(const trace::event& e, const trace::event* carrier) {
        const std::uint32_t file = carrier ? carrier->file : 0, line = carrier ? carrier->line : 0;
        if (e.file == file && e.line == line) return;
        out_.raw(",\"src\":\"");
        out_.integer(e.file);
        out_.raw(':');
        out_.integer(e.line);
        out_.raw('"');
    }

    const trace::recording& r_;
    out_buffer& out_;
    layout lay_;
    bool first_ = true;
    std::string words_;
};

}  // namespace chan::detail::json

namespace chan::trace {

// Writes `r` to `out` as Chrome Trace Event JSON.
inline void write_json(std::ostream& out, const recording& r) {
    detail::json::out_buffer buf([&](std::string_view s) { out.write(s.data(), static_cast<std::streamsize>(s.size())); });
    detail::json::json_writer(r, buf).write();
}

// The trace file for `r`, as a string.
inline std::string to_json(const recording& r) {
    std::string s;
    detail::json::out_buffer buf([&](std::string_view piece) { s.append(piece); });
    detail::json::json_writer(r, buf).write();
    return s;
}

// Writes `r` to the file `path` (replacing it). On failure returns false and, if
// `error` is given, says why ("cannot write 'out.json': No space left on device").
inline bool write_json_file(const std::string& path, const recording& r, std::string* error = nullptr) {
    const auto fail = [&](int err) {
        if (error) *error = "cannot write '" + path + "': " + std::strerror(err);
        return false;
    };
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) return fail(errno);
    int err = 0;
    try {
        detail::json::out_buffer buf([&](std::string_view s) {
            errno = 0;
            if (!err && std::fwrite(s.data(), 1, s.size(), f) != s.size()) err = errno ? errno : EIO;
        });
        detail::json::json_writer(r, buf).write();
    } catch (const std::exception&) {
        err = ENOMEM;  // the writer allocates; nothing else in it throws
    }
    errno = 0;
    if (std::fclose(f) != 0 && !err) err = errno ? errno : EIO;
    return err ? fail(err) : true;
}

}  // namespace chan::trace
