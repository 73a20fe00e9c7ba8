// What a blocked thread waits for and who could wake it: shared by the scene (each
// waiting thread shows its wakers) and deadlock detection.
//
// A thread waiting to send needs a receiver of that channel; one waiting to receive
// needs a sender. The possible wakers are the live threads the trace has shown, by
// now, on that other side (a send or receive, even a failed one, or a select arm).
// Timers are woken by the clock (a one-shot timer only until it has fired), a `never`
// channel by nothing, and a select with a timeout by its deadline.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "model/state.hpp"
#include "model/timeline.hpp"

namespace viz {

struct wait_target {
    std::uint32_t channel = no_index;  // channel index
    bool needs_receiver = false;       // the waiter sends; otherwise it receives
};

struct wait_analysis {
    std::vector<wait_target> targets;
    std::vector<std::uint32_t> wakers;  // live thread indexes seen on the other side, sorted
    bool counterpart_seen = false;      // some thread (live or ended) was seen on the other side
    bool unknown_side = false;          // on some channel, nobody has been seen on the other side yet
    bool clock_wakes = false;
};

// Analyses the wait of thread `ti` (which must be blocked in `s`).
void analyze_wait(const timeline& tl, const replay_state& s, std::uint32_t ti, wait_analysis& out);

// Calls fn(event index) for each select_arm event of the select that began at
// `begin`, up to event `upto` (arms follow their select_begin in its thread's order).
template <class Fn>
void for_each_arm(const timeline& tl, event_ref begin, std::ptrdiff_t upto, Fn&& fn) {
    const trace::event& b = tl.event(begin);
    const std::int64_t arms = b.a;
    // Other threads' events may be interleaved; a select's arms are recorded at once,
    // so a bounded look-ahead finds them all in any real trace.
    constexpr std::size_t max_scan = 4096;
    std::int64_t found = 0;
    const std::size_t last = static_cast<std::size_t>(std::max<std::ptrdiff_t>(upto, 0));
    for (std::size_t j = std::size_t{begin} + 1; found < arms && j <= last && j - begin <= max_scan; ++j) {
        const trace::event& e = tl.event(j);
        if (e.thread != b.thread) continue;
        // The first use of a channel in a recording introduces it (channel_created,
        // handles) from the using thread, possibly between the arms.
        if (e.what == trace::kind::channel_created || e.what == trace::kind::handles) continue;
        if (e.what != trace::kind::select_arm) break;
        fn(j);
        ++found;
    }
}

// The status an operation's closing event reports.
chan::status outcome_of(const trace::event& e) noexcept;

}  // namespace viz
