// What the visualizer shows at one moment of a run: every thread (what it is doing,
// why it waits and who could wake it) and every channel (its handles, its marks and
// the messages it holds, in order).
//
// A `scene` is produced by a `cursor` (cursor.hpp) for "after event i" of a timeline.
// It depends only on events 0..i, so a live, growing trace and the finished one show
// the same scene for the same event.
//
// Identity: threads and channels are named by the trace's own numbers (`thread_id`,
// `channel_id`, from 1). Event positions are indexes into the timeline (`event_ref`).
//
// Lifetime: string views (names, message texts) point into the timeline and stay valid
// until the timeline is appended to; a cursor re-reads them on its next seek.
#pragma once

#include <chan/result.hpp>
#include <chan/trace/event.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace viz {

namespace trace = chan::trace;

using thread_id = std::uint32_t;   // the trace's thread number, from 1
using channel_id = std::uint32_t;  // the trace's channel number, from 1
using event_ref = std::uint32_t;   // an event's position in the timeline, from 0

// "No event": the thing has not happened (yet).
inline constexpr event_ref no_event = 0xffffffffu;

// What a thread is doing.
enum class phase : std::uint8_t {
    running,  // outside any channel operation (computing, sleeping, joining: the trace cannot tell)
    in_call,  // inside a send, receive or select that has not had to wait
    blocked,  // waiting inside a send, receive or select (see `thread_view::reason`)
    exited,   // the thread has ended
};

// The channel operation a thread is in, or the last one it completed.
enum class operation : std::uint8_t { none, send, recv, select };

// One arm of a select: what it offers to do.
struct select_arm {
    int index = 0;             // its position among the select's arms (as the program wrote them)
    channel_id channel = 0;
    bool is_send = false;
    std::string_view text;     // the message a send arm offers

    bool operator==(const select_arm&) const = default;
};

struct thread_view {
    thread_id id = 0;
    std::string_view name;     // the name the program gave it, or "thread N"
    phase state = phase::running;

    // The current operation; once it completes, the last one, until the next begins.
    operation op = operation::none;
    channel_id channel = 0;    // the channel of a send or receive (0 for a select)
    std::string_view value;    // the message a send carries (a send arm's, once taken)
    event_ref op_event = no_event;  // where the operation began

    // While blocked: why, and since when.
    trace::wait_reason reason = trace::wait_reason::empty;
    event_ref blocked_event = no_event;

    // Once the operation completed: how (ok, full, empty, timeout, disconnected) and where.
    chan::status outcome = chan::status::ok;
    event_ref outcome_event = no_event;

    // A select: its arms, how it may wait, and the arm taken (-1: none yet, or the
    // timeout / default arm ran).
    std::vector<select_arm> arms;
    trace::select_wait select_wait = trace::select_wait::forever;
    int arm_taken = -1;

    // While blocked: the live threads that could wake it (those seen so far on the other
    // side of the channel(s) it waits on), and whether the clock will (a timer, or a
    // select with a timeout).
    std::vector<thread_id> wakers;
    bool clock_wakes = false;

    // Where the thread is in its source: the call site of its latest event
    // (file indexes timeline::recording().files; 0 and line 0 mean unknown).
    std::uint32_t file = 0;
    std::uint32_t line = 0;

    bool operator==(const thread_view&) const = default;
};

// A message held by a channel.
struct message_view {
    std::uint64_t id = 0;      // the trace's message number within the channel
    std::string_view text;     // the value, rendered
    thread_id sender = 0;
    event_ref sent_event = no_event;

    bool operator==(const message_view&) const = default;
};

// Where one receiver of a broadcast channel is: the next message number it will get.
struct receiver_position {
    thread_id thread = 0;
    std::uint64_t next = 0;

    bool operator==(const receiver_position&) const = default;
};

struct channel_view {
    channel_id id = 0;
    std::string_view name;     // the name the program gave it, or "channel N"
    trace::flavor flavor = trace::flavor::bounded;
    std::int64_t capacity = 0; // slots (-1: unbounded; 0: rendezvous)

    std::int64_t senders = 0;  // live handles of each side
    std::int64_t receivers = 0;
    bool closed = false;       // close() was called
    bool disconnected = false; // no more sends can succeed
    trace::disconnect_cause cause = trace::disconnect_cause::closed;  // valid when disconnected
    bool gone = false;         // every handle dropped: the channel no longer exists

    std::uint64_t sent = 0;     // messages that entered it
    std::uint64_t received = 0; // deliveries out of it (a broadcast message counts once per receiver)
    std::uint64_t dropped = 0;  // messages destroyed unread (its last receiver went away)

    // The messages it holds now, next to be received first. `occupancy` counts them all;
    // `buffered` lists at most scene_limits::max_buffered of them.
    std::size_t occupancy = 0;
    std::vector<message_view> buffered;

    std::vector<receiver_position> positions;  // broadcast: each receiver's place

    std::uint64_t ticks = 0;                   // timers: deliveries so far
    event_ref last_tick_event = no_event;

    bool operator==(const channel_view&) const = default;
};

// Finds the element whose `id` is `id` in a list kept in order of first appearance.
// Recordings number threads and channels from 1 in that order, so it is usually at
// id - 1; a hand-made or merged trace may not be, and gets a linear search.
template <class T, class Id, class IdOf>
const T* find_by_id(const std::vector<T>& list, Id id, IdOf id_of) noexcept {
    if (id >= 1 && id <= list.size() && id_of(list[id - 1]) == id) return &list[id - 1];
    for (const T& x : list)
        if (id_of(x) == id) return &x;
    return nullptr;
}

struct scene_limits {
    // Messages listed per channel (an unbounded channel may hold millions).
    static constexpr std::size_t max_buffered = 256;
};

struct scene {
    std::ptrdiff_t event = -1;  // the last event applied; -1 before the first
    std::int64_t time_ns = 0;   // its time (0 before the first)

    // Every thread and channel seen by this event, in order of first appearance (which
    // for a recording is id order: threads[id - 1]); thread() and channel() find by id.
    std::vector<thread_view> threads;
    std::vector<channel_view> channels;

    const thread_view* thread(thread_id id) const noexcept;
    const channel_view* channel(channel_id id) const noexcept;

    bool operator==(const scene&) const = default;
};

}  // namespace viz
