// The controls: the recipe picker, playback buttons, speed and clock, the recipe's knobs
// (sliders that run it again), opening a trace file, and the keyboard. A window too
// narrow for a row of them wraps it onto more rows.
//
//   keys (when no text field has focus): space play/pause, ← → step one event
//   (shift: ten), Home / End, + − speed.
#pragma once

#include <array>

#include "app/session.hpp"
#include "ui/theme.hpp"

namespace viz::ui {

// Which controls to show: a page around the window can do the work of some.
struct control_set {
    bool recipe_picker = true;  // off where the page chose the recipe (a frame in the book)
    bool trace_path = true;     // the path field; off in a browser, whose page opens the files
};

class controls {
public:
    void set_shown(control_set shown) noexcept { shown_ = shown; }

    // The playback row: picker, run again / stop, media buttons, speed, clock, status.
    void draw_playback(app::session& s);
    // The second row: knobs of the chosen recipe, and the trace file field.
    void draw_knobs_and_file(app::session& s);
    void keyboard(app::session& s);

private:
    void recipe_picker(app::session& s);
    void speed_and_clock(app::session& s);
    void trace_file_field(app::session& s);

    control_set shown_;
    std::array<char, 1024> path_{};
};

}  // namespace viz::ui
