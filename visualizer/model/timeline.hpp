// A run as a timeline: the events of a trace, plus the indexes that let a cursor
// (cursor.hpp) show the scene after any event in time independent of how far into
// the run it is.
//
//   viz::timeline tl(chan::trace::snapshot());     // or a recording loaded from a file
//   viz::cursor cur(tl);
//   const viz::scene& s = cur.seek(tl.index_at(t)); // the scene at time t
//
// Live runs grow it one batch at a time; the result is the same as building it from
// the whole recording at once:
//
//   chan::trace::reader reader;  chan::trace::recording batch;
//   each frame:  batch.events.clear(); reader.poll(batch); tl.append(std::move(batch));
//
// What it keeps (memory is the recording plus about 10-20 bytes per event):
//   - the events themselves (it owns the recording);
//   - per event, the thread and channel it concerns as dense indexes;
//   - per message, where it was sent and where it was first received;
//   - per channel, who used it how (first send, receive, close of each thread);
//   - per wait, the event that ended it;
//   - checkpoints: a copy of the replay state every `checkpoint_interval()` events,
//     which grows with the state's size so that checkpoints cost at most ~16 bytes
//     per event. A seek restores the nearest checkpoint and replays at most that
//     many events.
//
// Event times are made non-decreasing as events are appended (a file whose times go
// backwards is clamped), so that time lookups can bisect.
#pragma once

#include <chan/trace/event.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/scene.hpp"
#include "model/state.hpp"

namespace viz {

// Where a message was sent and first received (no_event: not (yet) in the trace).
struct message_record {
    event_ref sent = no_event;
    event_ref taken = no_event;
};

// How one thread used one channel: the first event of each kind of use.
struct channel_use {
    std::uint32_t thread = no_index;  // thread index
    event_ref first_send = no_event;  // a send or a send arm (attempts count)
    event_ref first_recv = no_event;  // a receive or a receive arm
    event_ref first_close = no_event;
};

// What does not change about a thread over the run.
struct thread_facts {
    thread_id id = 0;
    event_ref first_event = no_event;
    event_ref name_event = no_event;  // the last thread_named event (no_event: unnamed)
    std::string default_name;         // "thread N"
};

// What does not change about a channel over the run.
struct channel_facts {
    channel_id id = 0;
    trace::flavor flavor = trace::flavor::bounded;
    std::int64_t capacity = 0;
    event_ref created_event = no_event;  // no_event: used but never introduced (malformed)
    std::string name;                    // the program's name, or "channel N"
    event_ref disconnected_event = no_event;  // the first disconnection, and why
    trace::disconnect_cause cause = trace::disconnect_cause::closed;

    std::vector<channel_use> uses;  // by order of first use

    // Messages by number: records[id - first_message]. Numbers are dense in a channel
    // (timers, whose ticks skip numbers, keep no records: their messages never wait).
    std::uint64_t first_message = 0;
    std::vector<message_record> records;

    const message_record* message(std::uint64_t id) const noexcept;
    const channel_use* use_by(std::uint32_t thread_index) const noexcept;
};

class timeline {
public:
    timeline();
    // Takes the recording and indexes all of it.
    explicit timeline(trace::recording r);

    timeline(const timeline&) = delete;
    timeline& operator=(const timeline&) = delete;
    timeline(timeline&&) noexcept = default;
    timeline& operator=(timeline&&) noexcept = default;

    // Appends one event (the next in seq order), or a batch and the file names it has
    // beyond those known (a reader's batch carries the whole file table).
    void append(trace::event e);
    void append(trace::recording&& more);

    // ---- events and time ----
    std::size_t size() const noexcept { return rec_.events.size(); }
    bool empty() const noexcept { return rec_.events.empty(); }
    const trace::recording& recording() const noexcept { return rec_; }
    const trace::event& event(std::size_t i) const noexcept { return rec_.events[i]; }
    std::int64_t start_ns() const noexcept;  // time of the first event (0 if none)
    std::int64_t end_ns() const noexcept;    // time of the last event (0 if none)
    // The last event at or before `t_ns`; -1 if every event is later.
    std::ptrdiff_t index_at(std::int64_t t_ns) const noexcept;
    // Counts appends; views into the timeline are valid while it does not change.
    std::uint64_t generation() const noexcept { return generation_; }

    // ---- threads and channels, in order of first appearance ("index") ----
    std::size_t thread_count() const noexcept { return threads_.size(); }
    std::size_t channel_count() const noexcept { return channels_.size(); }
    const thread_facts& thread(std::size_t index) const noexcept { return threads_[index]; }
    const channel_facts& channel(std::size_t index) const noexcept { return channels_[index]; }
    // The thread's last name over the whole run (or "thread N"): for legends and layout.
    std::string_view thread_name(std::size_t index) const noexcept;
    std::optional<std::size_t> thread_index(thread_id id) const noexcept;
    std::optional<std::size_t> channel_index(channel_id id) const noexcept;
    // The thread and channel index of event i (no_index when it concerns none).
    std::uint32_t thread_of(std::size_t i) const noexcept { return thread_ix_[i]; }
    std::uint32_t channel_of(std::size_t i) const noexcept { return channel_ix_[i]; }

    // ---- waits ----
    // The event that ended the wait that began at `blocked_event` (a completion,
    // failure, select_done or the thread's exit), or no_event if the trace does not
    // (yet) show it ending.
    event_ref wait_end(event_ref blocked_event) const noexcept;

    // ---- replay support (used by cursor) ----
    std::size_t checkpoint_interval() const noexcept { return interval_; }
    // The latest checkpoint at or before event `i` (i = -1: the empty state).
    const replay_state& checkpoint_before(std::ptrdiff_t i) const noexcept;

    // Bytes the indexes and checkpoints use (not counting the recording itself).
    std::size_t index_bytes() const noexcept;

private:
    void index_event(std::size_t i);
    std::uint32_t thread_slot(const trace::event& e, std::size_t i);
    std::uint32_t channel_slot(const trace::event& e, std::size_t i);
    void note_use(const trace::event& e, std::uint32_t ti, std::uint32_t ci, std::size_t i);
    void note_message(const trace::event& e, std::uint32_t ci, std::size_t i);
    void maybe_checkpoint();

    trace::recording rec_;
    std::uint64_t generation_ = 0;

    std::vector<std::uint32_t> thread_ix_;
    std::vector<std::uint32_t> channel_ix_;
    std::vector<thread_facts> threads_;
    std::vector<channel_facts> channels_;
    std::unordered_map<thread_id, std::uint32_t> thread_by_id_;
    std::unordered_map<channel_id, std::uint32_t> channel_by_id_;
    std::unordered_map<std::uint64_t, std::uint32_t> use_by_pair_;  // (channel, thread) -> uses[] slot

    struct wait_record {
        event_ref blocked;
        event_ref ended;
    };
    std::vector<wait_record> waits_;  // sorted by `blocked`

    replay_state live_;                     // the state after the last event
    std::vector<replay_state> checkpoints_; // checkpoints_[0] is the empty state
    std::size_t interval_ = 256;
    std::size_t since_checkpoint_ = 0;
};

}  // namespace viz
