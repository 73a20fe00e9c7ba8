// A value computed for one event of a timeline, kept while that event is the one
// asked for: the narration of the event on screen, the deadlock report there, a
// cursor's scene.
//
//   viz::computed_at<std::string> narration;   // beside the timeline it is for
//   const std::string& s = narration.get(tl, event, [&](std::string& out) { out = viz::narrate(c, event); });
//
// `fill` runs only when the value kept is not the one for `event` of `tl` as it is now:
// nothing computed yet, another event, or the timeline has grown since (its
// generation changed). Growth counts because a value may hold views into the timeline,
// which appending invalidates (timeline.hpp), and because what an event means can
// depend on what came after it. `fill` rewrites the value in place, so a value that
// owns storage (a scene's vectors) keeps it from one event to the next.
//
// One computed_at serves one timeline, the one its owner keeps it beside: it tells
// events and generations apart, not timelines.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>

#include "model/timeline.hpp"

namespace viz {

template <class T>
class computed_at {
public:
    // The value for `event` (-1: before the first) of `tl`.
    template <class Fill>
    const T& get(const timeline& tl, std::ptrdiff_t event, Fill&& fill) {
        const point wanted{event, tl.generation()};
        if (at_ != wanted) {
            at_.reset();  // a fill that throws leaves no value claimed for any event
            std::forward<Fill>(fill)(value_);
            at_ = wanted;
        }
        return value_;
    }

    // The value as last computed (T{} before the first get).
    const T& value() const noexcept { return value_; }

private:
    struct point {
        std::ptrdiff_t event;
        std::uint64_t generation;
        friend bool operator==(const point&, const point&) = default;
    };

    std::optional<point> at_;  // what value_ was computed for; empty: nothing yet
    T value_{};
};

}  // namespace viz
