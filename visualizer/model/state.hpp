// The replay state: the smallest description of "after event i" from which a scene
// can be read, and the one function that moves it forward by an event.
//
// The timeline keeps copies of it as checkpoints; a cursor restores one and applies
// the events after it. For that to give exactly what stepping from the start gives,
// `apply` reads only event i and what the timeline learned from events 0..i (facts it
// may learn later, such as when a message is received, are compared against i).
//
// Texts, names and select arms are not copied here: the state points at the events
// that carry them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "model/scene.hpp"

namespace viz {

class timeline;

// "No index": a thread or channel slot that does not apply.
inline constexpr std::uint32_t no_index = 0xffffffffu;

struct thread_state {
    event_ref name_event = no_event;     // its latest thread_named
    event_ref line_event = no_event;     // its latest event with a source line
    event_ref op_event = no_event;       // send_begin / recv_begin / select_begin of the current or last operation
    event_ref blocked_event = no_event;  // the wait in progress
    event_ref outcome_event = no_event;  // how the last operation ended
    std::uint32_t channel = no_index;    // channel index of a send or receive
    phase state = phase::running;
    operation op = operation::none;

    bool operator==(const thread_state&) const = default;
};

struct channel_state {
    // Message numbers: every message still held is in [head, end). For first-in
    // first-out flavors, head is the lowest number not yet received; for broadcast,
    // messages are held from the slowest receiver's place (see receiver_place).
    std::uint64_t head = 0;
    std::uint64_t end = 0;
    std::uint64_t sent = 0;      // send_done (or timer_fired) events
    std::uint64_t received = 0;  // recv_done events of messages whose send is in the trace
    std::uint64_t dropped = 0;
    std::int64_t senders = 0;
    std::int64_t receivers = 0;
    std::int64_t capacity = 0;
    event_ref closed_event = no_event;
    event_ref disconnected_event = no_event;
    event_ref last_tick_event = no_event;
    std::uint32_t ticks = 0;
    trace::flavor flavor = trace::flavor::bounded;
    trace::disconnect_cause cause = trace::disconnect_cause::closed;
    bool any_message = false;  // head/end are meaningful

    bool operator==(const channel_state&) const = default;
};

// A broadcast receiver (one per receiving thread): the next message number it gets.
struct receiver_place {
    std::uint32_t channel = no_index;
    std::uint32_t thread = no_index;
    std::uint64_t next = 0;

    bool operator==(const receiver_place&) const = default;
};

struct replay_state {
    std::ptrdiff_t event = -1;            // the last event applied
    std::vector<thread_state> threads;    // by thread index, those seen by now
    std::vector<channel_state> channels;  // by channel index, those seen by now
    std::vector<receiver_place> places;   // sorted by (channel, thread)

    bool operator==(const replay_state&) const = default;
    std::size_t bytes() const noexcept;
};

// How applying an event changed its thread's waiting.
enum class wait_change : std::uint8_t { none, began, ended };

// Applies event i (which must be s.event + 1) of `tl` to `s`.
wait_change apply(replay_state& s, const timeline& tl, std::size_t i);

// The numbers of the messages channel `ci` holds in state `s`, next to be received
// first, at most `limit` of them (appended to `out`); and how many it holds in all.
void held_messages(const replay_state& s, const timeline& tl, std::uint32_t ci, std::size_t limit,
                   std::vector<std::uint64_t>& out);
std::size_t held_count(const replay_state& s, const timeline& tl, std::uint32_t ci);

// Whether the channel is a broadcast (held messages follow the receivers' places).
constexpr bool is_broadcast(trace::flavor f) noexcept {
    return f == trace::flavor::broadcast || f == trace::flavor::broadcast_lagging;
}
// Whether the channel's sender is the clock (or nobody).
constexpr bool is_clock(trace::flavor f) noexcept {
    return f == trace::flavor::timer_at || f == trace::flavor::timer_tick || f == trace::flavor::never;
}

}  // namespace viz
