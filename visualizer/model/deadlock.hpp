// Deadlock: threads that wait with nothing left that can wake them.
//
//   if (viz::deadlock_report d = viz::find_deadlock(cur)) show(d.summary, d.threads);
//
// At the cursor's event, each live blocked thread waits on one channel (or, in a
// select, several) for a thread on the other side. Its possible wakers are the live
// threads the trace has shown on that other side (see waiting.hpp). A thread that is
// not blocked may act, and so may a blocked one that the clock will wake (a timer, a
// select with a timeout). A blocked thread can be woken if one of its wakers can act
// or can itself be woken; the rest are stuck. A waiter whose channel nobody has been
// seen on yet could be woken by any thread that can act.
//
// What is reported:
//   cycle        stuck threads that wait for each other ("a waits for b, b for a");
//   all_waiting  every live thread is stuck (Go's "all goroutines are asleep");
//   abandoned    some thread waits on a channel whose every counterpart has ended,
//                while others still run.
// `certain` is true for a cycle or when every live thread waits. An abandoned wait
// while other threads run is only probable: a running thread may still hold a handle
// and drop it or close the channel (the trace cannot tell which thread holds a
// handle). `quiet_ns` tells how long the run then stayed without any event, which a
// viewer can use to decide (a live run that stays quiet is stuck).
//
// At the live edge of a growing trace, a thread that has not recorded anything yet
// may be about to act (a thread just started, still before its first send): a viewer
// should call a live deadlock only once the run has stayed quiet for a moment.
//
// With the rest of the run known, a wait that the trace shows ending later by a
// completion, a timeout, or the other side dropping its last handle is not stuck
// (it was a pause, not a deadlock). A wait that ends only because the channel was
// closed still counts: that is how a host unsticks a deadlocked program
// (chan::trace::close_all_channels).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/cursor.hpp"
#include "model/scene.hpp"

namespace viz {

enum class deadlock_kind : std::uint8_t { none, cycle, all_waiting, abandoned };

struct stuck_thread {
    thread_id thread = 0;
    std::vector<channel_id> channels;  // what it waits on
    std::vector<thread_id> wakers;     // the live threads that could wake it (all stuck)
    bool nobody_left = false;          // every thread seen on the other side has ended
    std::string text;                  // "consumer waits: jobs is empty; every thread that sent on jobs has ended"
};

struct deadlock_report {
    deadlock_kind kind = deadlock_kind::none;
    bool certain = false;
    std::vector<stuck_thread> threads;  // in thread order
    std::vector<thread_id> cycle;       // for `cycle`: each waits for the next, the last for the first
    std::string summary;                // one sentence
    std::int64_t quiet_ns = -1;         // time from this event to the next (-1: none yet)

    explicit operator bool() const noexcept { return kind != deadlock_kind::none; }
};

// Analyses the state at the cursor's position (re-reading its scene if needed).
deadlock_report find_deadlock(cursor& c);

}  // namespace viz
