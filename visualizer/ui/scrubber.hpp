// The timeline under the scene: a bar across the whole run with a mark for each event
// that changes the picture (colour = kind), the playhead, where a stuck run was found
// stuck; drag or click anywhere to go there, hover for that event's sentence.
//
// The marks are binned per pixel column, once per (run, width, axis, growth), so a bar
// over a million events costs one pass when it changes and nothing per frame after.
#pragma once

#include <cstdint>
#include <vector>

#include "app/session.hpp"
#include "ui/event_marks.hpp"
#include "ui/theme.hpp"

namespace viz::ui {

class scrubber {
public:
    void draw(app::session& s, const font_set& fonts);

private:
    void rebin(const app::run_view& v, const app::playback& clock, int columns);

    // What the marks were computed for.
    const viz::timeline* binned_ = nullptr;
    std::uint64_t generation_ = 0;
    int columns_ = 0;
    viz::time_axis axis_ = viz::time_axis::events;
    std::vector<mark> marks_;  // per pixel column: the most telling kind of event in it
};

}  // namespace viz::ui
