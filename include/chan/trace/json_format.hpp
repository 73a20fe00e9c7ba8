// The trace file format: Chrome Trace Event JSON that Perfetto (ui.perfetto.dev) and
// chrome://tracing open, and that carries every field of a `chan::trace::recording`.
// Shared by the writer (json.hpp) and the loader (chan::trace_load, <chan/trace/load.hpp>).
//
//   {"traceEvents":[
//   {"ph":"M","pid":1,"tid":1,"name":"process_name","args":{"name":"threads","chan_format":1,"files":["","main.cpp"]}},
//   {"ph":"M","pid":1,"tid":2,"name":"thread_name","ts":0.051,"args":{"name":"producer","ev":"thread_named"}},
//   {"ph":"X","pid":1,"tid":2,"ts":1.250,"dur":0.410,"name":"send jobs","args":{"ev":"send_begin","ch":1,"v":"42",
//        "src":"1:12","done":{"dt":409}}},
//   {"ph":"s","pid":1,"tid":2,"ts":1.659,"id":7,"cat":"chan","name":"msg"},
//   {"ph":"C","pid":2,"tid":1001,"ts":1.659,"name":"jobs","args":{"queued":1}},
//   ...
//   ]}
//
// What a reader of the file in Perfetto sees (the "picture"):
//   - process 1, "threads": one track per thread (tid = thread number), named by `M`
//     thread_name records. Each send, receive and select is an `X` slice from its first
//     event to its last (plus 1 ns, so that its flow events lie strictly inside); a
//     period spent blocked is a nested `X` slice ("blocked: full").
//   - one flow per delivered message: `s` on the sender's thread at its send_done, `f`
//     with "bp":"e" on the receiver's thread at its recv_done, id = the recv_done's seq
//     (unique per receipt: each receiver of a broadcast message gets its own arrow),
//     cat "chan", name "msg" on both ends.
//   - process 2, "channels": one track per channel (tid = channel_tid_base + channel),
//     with the channel's life as instants (created, handles, closed, disconnected,
//     timer deliveries, lagging), and its occupancy as a `C` counter ("<channel> queued").
//
// What the loader reads (the "carriers"): every record whose args hold "ev" carries one
// event of the recording, and an operation's `X` record carries the rest of that
// operation: its usual completion (send_done, recv_done or select_done, by the kind of
// operation) in args.done, without "ev", and any other events in args.then. Each event
// is an object of these keys, all optional except ev:
//     ev    kind (event.hpp names)           a, b   kind-specific numbers
//     ch    channel                              d      detail, by name (see detail_name)
//     th    thread (on a channel's track)        arm    select arm index
//     m     message number                       v      text
//     src   "file:line", file indexing the header's "files"
// A carrier's time is its `ts` (microseconds, exact to the nanosecond with 3 decimals;
// M records carry ts too) and its thread is `tid` unless it has "th". An event in
// "done" or "then" has "dt", nanoseconds after its carrier, and shares its thread.
// Omitted keys mean: ch and src as in the carrier for events in "done" and "then", 0
// otherwise; m, a, b, d: 0; arm: -1; v: "" (but a send_done in "done" or "then" without
// v has its carrier's text). A
// thread_named event (an `M` thread_name record) keeps its text in args.name.
// `seq` is not stored: times strictly increase along seq, so order by time is seq.
// Everything else in the file (picture records, unknown keys, other tools' records)
// is ignored by the loader.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "../result.hpp"
#include "event.hpp"

namespace chan::trace::json_format {

inline constexpr int version = 1;  // args.chan_format of the header record
inline constexpr int threads_pid = 1;
inline constexpr int channels_pid = 2;

// Kinds, enumerated for lookups by name.
inline constexpr kind last_kind = kind::thread_exited;

inline std::optional<kind> kind_from_name(std::string_view name) noexcept {
    for (int k = 0; k <= static_cast<int>(last_kind); ++k)
        if (to_string(static_cast<kind>(k)) == name) return static_cast<kind>(k);
    return std::nullopt;
}

// Which enumeration names a kind's `detail`; `plain` means it is written as a number.
enum class detail_type { plain, flavor, handle_change, wait_reason, status, arm_direction, disconnect_cause };

constexpr detail_type detail_type_of(kind k) noexcept {
    switch (k) {
        case kind::channel_created: return detail_type::flavor;
        case kind::handles: return detail_type::handle_change;
        case kind::send_blocked:
        case kind::recv_blocked:
        case kind::select_blocked: return detail_type::wait_reason;
        case kind::send_failed:
        case kind::recv_failed:
        case kind::select_done: return detail_type::status;
        case kind::select_arm: return detail_type::arm_direction;
        case kind::disconnected: return detail_type::disconnect_cause;
        default: return detail_type::plain;
    }
}

// The name of detail value `d` for an event of kind `k`; "?" if `d` names nothing,
// empty for a plain detail.
inline std::string_view detail_name(kind k, std::uint8_t d) noexcept {
    switch (detail_type_of(k)) {
        case detail_type::flavor: return to_string(static_cast<flavor>(d));
        case detail_type::handle_change: return to_string(static_cast<handle_change>(d));
        case detail_type::wait_reason: return to_string(static_cast<wait_reason>(d));
        case detail_type::status: {
            const std::string_view s = chan::to_string(static_cast<chan::status>(d));
            return s == "unknown" ? "?" : s;
        }
        case detail_type::arm_direction: return d == 0 ? "recv" : d == 1 ? "send" : "?";
        case detail_type::disconnect_cause: return to_string(static_cast<disconnect_cause>(d));
        case detail_type::plain: return {};
    }
    return {};
}

// The detail value that `name` stands for in an event of kind `k`.
inline std::optional<std::uint8_t> detail_from_name(kind k, std::string_view name) noexcept {
    if (detail_type_of(k) == detail_type::plain || name == "?") return std::nullopt;
    for (int d = 0; d <= 255; ++d)
        if (detail_name(k, static_cast<std::uint8_t>(d)) == name) return static_cast<std::uint8_t>(d);
    return std::nullopt;
}

// Whether an operation begins with an event of this kind.
constexpr bool begins_operation(kind k) noexcept {
    return k == kind::send_begin || k == kind::recv_begin || k == kind::select_begin;
}

// Whether an event of kind `k`, on the thread of an open operation begun by `op`, is
// part of that operation; and whether it ends it.
constexpr bool joins_operation(kind op, kind k) noexcept {
    switch (op) {
        case kind::send_begin: return k == kind::send_blocked || k == kind::send_done || k == kind::send_failed;
        case kind::recv_begin: return k == kind::recv_blocked || k == kind::recv_done || k == kind::recv_failed;
        case kind::select_begin:
            return k == kind::select_arm || k == kind::select_blocked || k == kind::send_done ||
                   k == kind::recv_done || k == kind::select_done;
        default: return false;
    }
}

constexpr bool ends_operation(kind op, kind k) noexcept {
    switch (op) {
        case kind::send_begin: return k == kind::send_done || k == kind::send_failed;
        case kind::recv_begin: return k == kind::recv_done || k == kind::recv_failed;
        case kind::select_begin: return k == kind::select_done;
        default: return false;
    }
}

// The event that usually ends an operation begun by `op` (written as args.done).
constexpr kind usual_end(kind op) noexcept {
    switch (op) {
        case kind::send_begin: return kind::send_done;
        case kind::recv_begin: return kind::recv_done;
        default: return kind::select_done;
    }
}

constexpr bool is_blocked(kind k) noexcept {
    return k == kind::send_blocked || k == kind::recv_blocked || k == kind::select_blocked;
}

// The text an event in "then" has when its "v" is omitted.
inline const std::string& default_text(kind k, const std::string& carrier_text) noexcept {
    static const std::string none;
    return k == kind::send_done ? carrier_text : none;
}

// Whether the buffered occupancy of a channel of this flavor is drawn as a counter
// (a message enters at its send_done and leaves at its first recv_done).
constexpr bool has_occupancy(flavor f) noexcept {
    return f == flavor::bounded || f == flavor::unbounded || f == flavor::oneshot;
}

// The first tid of the channel tracks: a power of ten above every thread number, so
// that Perfetto (which keys threads by tid alone) never mistakes a channel for a thread.
constexpr std::uint64_t channel_tid_base(std::uint32_t max_thread) noexcept {
    std::uint64_t base = 1000;
    while (base <= max_thread) base *= 10;
    return base;
}

}  // namespace chan::trace::json_format
