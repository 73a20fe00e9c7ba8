// The playback clock: where on the timeline the picture is, and how it moves.
//
//   viz::app::playback clock;
//   each frame:  clock.advance(wall_seconds, tl);   // then draw at clock.time()
//   controls:    clock.toggle(); clock.step(tl, +1); clock.seek(tl, t); clock.set_axis(tl, axis)
//
// Positions are on a time axis of the model (frame.hpp): `events` puts event i at i
// (idle time skipped: the default, since most recipes spend their time sleeping or in
// bursts of microseconds), `real` is trace time in nanoseconds. Each axis keeps its own
// speed: events per second, or trace seconds per second (slow motion below 1).
//
// Stepping goes to an event "settled": just after it, with the moves it starts
// finished, so that one step shows one whole change. Steps and jumps glide there over
// a fraction of a second instead of cutting.
//
// Playing stops at the end of the timeline, and at a pause point if one is set (the
// moment a stuck run was found stuck, so that the learner sees the deadlock before the
// events that ended it). While `live` is set, reaching the end keeps playing: more
// events are on their way.
#pragma once

#include <cstddef>
#include <optional>

#include "model/frame.hpp"
#include "model/timeline.hpp"

namespace viz::app {

class playback {
public:
    static constexpr double default_events_per_second = 6;
    static constexpr double default_real_speed = 0.1;  // trace seconds per second
    static constexpr double glide_seconds = 0.3;

    viz::time_axis axis() const noexcept { return axis_; }
    double time() const noexcept { return t_; }
    bool playing() const noexcept { return playing_; }
    // Playing or gliding: the picture changes without input.
    bool moving() const noexcept { return playing_ || glide_.has_value(); }

    // Axis units per wall second.
    double rate() const noexcept;
    // The speed as shown to the user: events per second, or trace seconds per second.
    double speed() const noexcept { return axis_ == viz::time_axis::events ? events_per_second_ : real_speed_; }
    void set_speed(double s) noexcept;

    // How long one token move takes, in axis units: 0.8 of an event (each move ends
    // before the next event starts), or 0.4 s on screen in real time.
    double travel() const noexcept;
    viz::animation animation() const noexcept { return {axis_, travel(), 4096}; }

    // The first and last position on the axis (both 0 for an empty timeline).
    double start(const viz::timeline& tl) const noexcept;
    double end(const viz::timeline& tl) const noexcept;

    void advance(double wall_seconds, const viz::timeline& tl);

    void play() noexcept { playing_ = true; }
    void pause() noexcept;
    void toggle(const viz::timeline& tl) noexcept;
    // Goes to `t` (clamped to the timeline), gliding there unless `instant`.
    void seek(const viz::timeline& tl, double t, bool instant = false) noexcept;
    // Goes to event i, settled.
    void seek_event(const viz::timeline& tl, std::size_t i, bool instant = false) noexcept;
    // Goes `by` events forward or back from the current one, settled; pauses.
    void step(const viz::timeline& tl, int by) noexcept;
    void home(const viz::timeline& tl) noexcept;
    void end_jump(const viz::timeline& tl) noexcept;
    // Switches axis, keeping the picture where it is.
    void set_axis(const viz::timeline& tl, viz::time_axis axis) noexcept;

    // The position just after event i with its moves done, before event i + 1.
    double settled(const viz::timeline& tl, std::size_t i) const noexcept;
    // Positions for "go to": `seconds` of trace time after the first event, or a
    // `fraction` (0..1) of the way through the events.
    double time_at_seconds(const viz::timeline& tl, double seconds) const noexcept;
    double time_at_fraction(const viz::timeline& tl, double fraction) const noexcept;
    // Where `t` is on the other axis (fractions between events are kept).
    static double convert(const viz::timeline& tl, double t, viz::time_axis from, viz::time_axis to) noexcept;

    void set_live(bool live) noexcept { live_ = live; }
    void set_pause_point(std::optional<std::size_t> event) noexcept { pause_at_ = event; }
    std::optional<std::size_t> pause_point() const noexcept { return pause_at_; }

    // Restarts from the beginning of a new run: keeps axis and speeds.
    void reset() noexcept;

private:
    viz::time_axis axis_ = viz::time_axis::events;
    double t_ = 0;
    bool playing_ = false;
    bool live_ = false;
    double events_per_second_ = default_events_per_second;
    double real_speed_ = default_real_speed;
    std::optional<std::size_t> pause_at_;

    struct glide {
        double from = 0;
        double to = 0;
        double elapsed = 0;
    };
    std::optional<glide> glide_;
};

}  // namespace viz::app
