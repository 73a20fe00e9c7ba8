#include "app/playback.hpp"

#include <algorithm>
#include <cmath>

namespace viz::app {

namespace {

constexpr double events_travel = 0.8;
constexpr double real_travel_seconds = 0.4;
constexpr double ns_per_second = 1e9;

double smoothstep(double x) noexcept {
    x = std::clamp(x, 0.0, 1.0);
    return x * x * (3 - 2 * x);
}

}  // namespace

double playback::rate() const noexcept {
    return axis_ == viz::time_axis::events ? events_per_second_ : real_speed_ * ns_per_second;
}

void playback::set_speed(double s) noexcept {
    if (!(s > 0)) return;
    (axis_ == viz::time_axis::events ? events_per_second_ : real_speed_) = s;
}

double playback::travel() const noexcept {
    return axis_ == viz::time_axis::events ? events_travel : real_travel_seconds * rate();
}

double playback::start(const viz::timeline& tl) const noexcept {
    return tl.empty() ? 0 : viz::time_of(tl, 0, axis_);
}

double playback::end(const viz::timeline& tl) const noexcept {
    return tl.empty() ? 0 : settled(tl, tl.size() - 1);
}

double playback::settled(const viz::timeline& tl, std::size_t i) const noexcept {
    if (tl.empty()) return 0;
    i = std::min(i, tl.size() - 1);
    const double at = viz::time_of(tl, i, axis_);
    if (axis_ == viz::time_axis::events) return at + events_travel;
    const double done = at + travel();
    if (i + 1 == tl.size()) return done;
    // Real time: strictly before the next event, however close it is.
    return std::min(done, viz::time_of(tl, i + 1, axis_) - 1);
}

void playback::advance(double wall_seconds, const viz::timeline& tl) {
    if (glide_) {
        glide_->elapsed += wall_seconds;
        const double k = smoothstep(glide_->elapsed / glide_seconds);
        if (k >= 1) {  // exactly there: from + (to - from) can miss `to` by an ulp
            t_ = glide_->to;
            glide_.reset();
        } else {
            t_ = glide_->from + (glide_->to - glide_->from) * k;
        }
        return;
    }
    if (!playing_ || tl.empty()) return;
    const double before = t_;
    t_ = std::max(t_, start(tl)) + wall_seconds * rate();
    if (pause_at_) {
        const double stop = settled(tl, *pause_at_);
        if (before < stop && t_ >= stop) {
            t_ = stop;
            playing_ = false;
            pause_at_.reset();  // once: playing on shows how the run was ended
            return;
        }
    }
    const double last = end(tl);
    if (t_ >= last) {
        t_ = last;
        if (!live_) playing_ = false;
    }
}

void playback::pause() noexcept {
    playing_ = false;
}

void playback::toggle(const viz::timeline& tl) noexcept {
    if (playing_) {
        pause();
        return;
    }
    // Play at the end starts over, as media players do.
    if (!live_ && !tl.empty() && t_ >= end(tl)) seek(tl, start(tl), true);
    playing_ = true;
}

void playback::seek(const viz::timeline& tl, double t, bool instant) noexcept {
    const double to = std::clamp(t, start(tl), std::max(start(tl), end(tl)));
    if (instant) {
        glide_.reset();
        t_ = to;
    } else {
        glide_ = glide{t_, to, 0};
    }
}

void playback::seek_event(const viz::timeline& tl, std::size_t i, bool instant) noexcept {
    if (tl.empty()) return;
    seek(tl, settled(tl, i), instant);
}

void playback::step(const viz::timeline& tl, int by) noexcept {
    if (tl.empty()) return;
    pause();
    // Relative to where the picture is heading, so that quick presses add up.
    const double from = glide_ ? glide_->to : t_;
    const std::ptrdiff_t current = viz::event_at(tl, from, axis_);
    const std::ptrdiff_t last = static_cast<std::ptrdiff_t>(tl.size()) - 1;
    std::ptrdiff_t target = current + by;
    // A picture still moving into its event counts as not there yet: the first step
    // forward finishes that event.
    if (by > 0 && current >= 0 && from < settled(tl, static_cast<std::size_t>(current))) --target;
    target = std::clamp<std::ptrdiff_t>(target, 0, last);
    seek_event(tl, static_cast<std::size_t>(target));
}

void playback::home(const viz::timeline& tl) noexcept {
    pause();
    seek(tl, start(tl));
}

void playback::end_jump(const viz::timeline& tl) noexcept {
    pause();
    seek(tl, end(tl));
}

double playback::convert(const viz::timeline& tl, double t, viz::time_axis from, viz::time_axis to) noexcept {
    if (from == to || tl.empty()) return t;
    const std::ptrdiff_t i = viz::event_at(tl, t, from);
    if (i < 0) return viz::time_of(tl, 0, to);
    const auto at = static_cast<std::size_t>(i);
    const double a = viz::time_of(tl, at, from);
    const double a2 = viz::time_of(tl, at, to);
    if (at + 1 >= tl.size()) return a2;
    const double b = viz::time_of(tl, at + 1, from);
    const double b2 = viz::time_of(tl, at + 1, to);
    const double fraction = b > a ? std::clamp((t - a) / (b - a), 0.0, 1.0) : 0.0;
    return a2 + (b2 - a2) * fraction;
}

double playback::time_at_seconds(const viz::timeline& tl, double seconds) const noexcept {
    if (tl.empty()) return 0;
    const double ns = static_cast<double>(tl.start_ns()) + seconds * ns_per_second;
    return convert(tl, ns, viz::time_axis::real, axis_);
}

double playback::time_at_fraction(const viz::timeline& tl, double fraction) const noexcept {
    if (tl.empty()) return 0;
    const double events = std::clamp(fraction, 0.0, 1.0) * static_cast<double>(tl.size() - 1);
    return convert(tl, events, viz::time_axis::events, axis_);
}

void playback::set_axis(const viz::timeline& tl, viz::time_axis axis) noexcept {
    if (axis == axis_) return;
    const double from = glide_ ? glide_->to : t_;
    const std::ptrdiff_t current = viz::event_at(tl, from, axis_);
    // A settled picture stays settled: the axes' travels differ.
    const bool was_settled = current >= 0 && from >= settled(tl, static_cast<std::size_t>(current));
    glide_.reset();
    t_ = convert(tl, from, axis_, axis);
    axis_ = axis;
    if (was_settled) t_ = settled(tl, static_cast<std::size_t>(current));
}

void playback::reset() noexcept {
    t_ = 0;
    playing_ = false;
    live_ = false;
    pause_at_.reset();
    glide_.reset();
}

}  // namespace viz::app
