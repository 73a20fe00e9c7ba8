// The data model of a trace: what the library records about a run, in memory.
//
// A `recording` is a list of events in one total order (`seq`), consistent with what
// happened: a message's `send_done` always comes before its `recv_done`, a blocked
// operation's `*_blocked` before its completion, and so on. Times strictly increase
// along that order, so time alone orders a recording too. Message identity is the pair
// (channel, message): the sending and the receiving side report the same pair (every
// receiver of a broadcast message reports it).
//
// This header has no dependencies so that the JSON writer and loader, the visualizer's
// model and tests can all share it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace chan::trace {

// What kind of channel a channel is.
enum class flavor : std::uint8_t {
    bounded,            // ring buffer of `capacity` slots (capacity >= 1)
    unbounded,          // linked blocks; capacity -1
    rendezvous,         // bounded(0): a send completes when a receiver takes the message
    timer_at,           // after(d) / at(t): one message at a point in time
    timer_tick,         // tick(d): a message every period
    never,              // never<T>(): never ready
    oneshot,            // one message, one sender, one receiver
    broadcast,          // lossless broadcast: senders wait for the slowest receiver
    broadcast_lagging,  // lagging broadcast: slow receivers skip ahead
};

enum class kind : std::uint8_t {
    thread_named,     // text: the thread's name
    channel_created,  // channel; flavor in `detail`; a: capacity (-1 unbounded); text: name
    handles,          // channel; a: senders, b: receivers, after the change; detail: handle_change
    send_begin,       // channel; text: the message, rendered
    send_blocked,     // channel; detail: wait_reason
    send_done,        // channel, message; text: the message, rendered
    send_failed,      // channel; detail: status (full, timeout, disconnected)
    recv_begin,       // channel
    recv_blocked,     // channel; detail: wait_reason
    recv_done,        // channel, message
    recv_failed,      // channel; detail: status (empty, timeout, disconnected)
    select_begin,     // a: number of arms; b: select_wait; then one select_arm per arm
    select_arm,       // channel; arm: its index; detail: 0 receive, 1 send; text: the message of a send arm
    select_blocked,   // detail: wait_reason::select
    select_done,      // arm: index of the completed arm, -1 if none; detail: status (ok, timeout, empty)
    timer_fired,      // channel, message: delivery number; a: scheduled time (ns since start)
    closed,           // channel: close() called by `thread`
    disconnected,     // channel; detail: disconnect_cause
    lagged,           // channel (lagging broadcast); a: messages the receiver missed
    thread_exited,    // the thread ended (recorded for threads that appeared in the recording)
};

// Why a blocked operation waits (`*_blocked` events).
enum class wait_reason : std::uint8_t {
    full,              // bounded send: every slot is taken
    empty,             // receive: nothing buffered yet
    no_receiver,       // rendezvous send: nobody is receiving
    no_sender,         // rendezvous receive: nobody is sending
    timer,             // timer receive: not due yet
    slowest_receiver,  // lossless broadcast send: a receiver is `capacity` behind
    select,            // select: none of its arms is ready
};

enum class handle_change : std::uint8_t {
    sender_added,
    sender_dropped,
    receiver_added,
    receiver_dropped,
    existing,  // the counts of a channel made before the recording, when it first appears
};
enum class disconnect_cause : std::uint8_t { senders_gone, receivers_gone, closed };
// How a select may wait (select_begin's `b`).
enum class select_wait : std::uint8_t { forever, timeout, never /* default arm */ };

struct event {
    std::uint64_t seq = 0;      // position in the total order, from 0
    std::int64_t time_ns = 0;   // nanoseconds since recording started; strictly increases along seq
    std::uint32_t thread = 0;   // thread number within the recording, from 1
    std::uint32_t channel = 0;  // channel number, from 1; 0 when the event concerns no channel
    std::uint64_t message = 0;  // message number within its channel, from 0
    std::int64_t a = 0;         // kind-specific number (see `kind`)
    std::int64_t b = 0;         // kind-specific number (see `kind`)
    std::uint32_t file = 0;     // index into recording::files; 0 is "unknown"
    std::uint32_t line = 0;     // source line of the call, 0 if unknown
    kind what = kind::thread_named;
    std::uint8_t detail = 0;    // kind-specific enumerator (see `kind`)
    std::int16_t arm = -1;      // select arm index, -1 if none
    std::string text;           // kind-specific text (see `kind`)

    bool operator==(const event&) const = default;
};

struct recording {
    std::vector<event> events;                // in seq order
    std::vector<std::string> files = {""};  // source files; index 0 is "unknown"

    bool operator==(const recording&) const = default;
};

// Names used in trace files and messages.
constexpr std::string_view to_string(flavor f) noexcept {
    switch (f) {
        case flavor::bounded: return "bounded";
        case flavor::unbounded: return "unbounded";
        case flavor::rendezvous: return "rendezvous";
        case flavor::timer_at: return "timer_at";
        case flavor::timer_tick: return "timer_tick";
        case flavor::never: return "never";
        case flavor::oneshot: return "oneshot";
        case flavor::broadcast: return "broadcast";
        case flavor::broadcast_lagging: return "broadcast_lagging";
    }
    return "?";
}

constexpr std::string_view to_string(kind k) noexcept {
    switch (k) {
        case kind::thread_named: return "thread_named";
        case kind::channel_created: return "channel_created";
        case kind::handles: return "handles";
        case kind::send_begin: return "send_begin";
        case kind::send_blocked: return "send_blocked";
        case kind::send_done: return "send_done";
        case kind::send_failed: return "send_failed";
        case kind::recv_begin: return "recv_begin";
        case kind::recv_blocked: return "recv_blocked";
        case kind::recv_done: return "recv_done";
        case kind::recv_failed: return "recv_failed";
        case kind::select_begin: return "select_begin";
        case kind::select_arm: return "select_arm";
        case kind::select_blocked: return "select_blocked";
        case kind::select_done: return "select_done";
        case kind::timer_fired: return "timer_fired";
        case kind::closed: return "closed";
        case kind::disconnected: return "disconnected";
        case kind::lagged: return "lagged";
        case kind::thread_exited: return "thread_exited";
    }
    return "?";
}

constexpr std::string_view to_string(wait_reason r) noexcept {
    switch (r) {
        case wait_reason::full: return "full";
        case wait_reason::empty: return "empty";
        case wait_reason::no_receiver: return "no_receiver";
        case wait_reason::no_sender: return "no_sender";
        case wait_reason::timer: return "timer";
        case wait_reason::slowest_receiver: return "slowest_receiver";
        case wait_reason::select: return "select";
    }
    return "?";
}

constexpr std::string_view to_string(handle_change c) noexcept {
    switch (c) {
        case handle_change::sender_added: return "sender_added";
        case handle_change::sender_dropped: return "sender_dropped";
        case handle_change::receiver_added: return "receiver_added";
        case handle_change::receiver_dropped: return "receiver_dropped";
        case handle_change::existing: return "existing";
    }
    return "?";
}

constexpr std::string_view to_string(disconnect_cause c) noexcept {
    switch (c) {
        case disconnect_cause::senders_gone: return "senders_gone";
        case disconnect_cause::receivers_gone: return "receivers_gone";
        case disconnect_cause::closed: return "closed";
    }
    return "?";
}

constexpr std::string_view to_string(select_wait w) noexcept {
    switch (w) {
        case select_wait::forever: return "forever";
        case select_wait::timeout: return "timeout";
        case select_wait::never: return "never";
    }
    return "?";
}

}  // namespace chan::trace
