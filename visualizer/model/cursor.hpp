// A position in a timeline and the scene there.
//
//   viz::cursor cur(tl);
//   const viz::scene& s = cur.seek(41);         // after event 41 (-1: before the first)
//   const viz::scene& s = cur.seek_time(t_ns);  // after the last event at or before t_ns
//
// Cost: a seek restores the timeline's nearest checkpoint at or before the target
// (unless the cursor is already between it and the target) and applies the events in
// between: at most timeline::checkpoint_interval() of them, wherever the target is.
// Stepping forward by one event applies one event. Reading the scene out costs one
// pass over the threads and channels.
//
// A cursor refers to its timeline (which must outlive it and not move). It stays
// valid while the timeline grows; the scene it returned is re-read on the next seek.
// Cursors are cheap: use one per view (the scene, the event log, a preview).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "model/computed_at.hpp"
#include "model/scene.hpp"
#include "model/state.hpp"
#include "model/timeline.hpp"
#include "model/waiting.hpp"

namespace viz {

class cursor {
public:
    explicit cursor(const timeline& tl);

    // The scene after event `i`; targets outside [-1, size()-1] are clamped.
    const scene& seek(std::ptrdiff_t i);
    // The scene after the last event at or before `t_ns`.
    const scene& seek_time(std::int64_t t_ns);

    // Where the cursor is, and the scene there (as of the last seek).
    std::ptrdiff_t position() const noexcept { return state_.event; }
    const scene& current() const noexcept { return scene_.value(); }
    const replay_state& state() const noexcept { return state_; }
    const timeline& source() const noexcept { return *tl_; }

private:
    void move_to(std::ptrdiff_t i);
    void read_scene(scene& s);
    void read_thread(std::uint32_t ti, thread_view& v);
    void read_channel(std::uint32_t ci, channel_view& v);

    const timeline* tl_;
    replay_state state_;
    computed_at<scene> scene_;        // read out at the state's event; again once it moves or the timeline grows
    std::vector<std::uint64_t> ids_;  // scratch
    wait_analysis wait_;              // scratch
};

}  // namespace viz
