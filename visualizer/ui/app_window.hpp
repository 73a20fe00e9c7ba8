// The whole visualizer window, one frame at a time: controls on top, the scene with its
// title, narration and timeline on the left, the panels (source, events, output,
// legend) on the right, and the problem popup over everything.
//
//   viz::ui::app_window window(look);
//   each frame, between ImGui::NewFrame() and ImGui::Render():  window.draw(session);
//
// It keeps only view state (which panel, scroll positions, the text of the path field);
// everything the user does goes to the session.
#pragma once

#include "app/session.hpp"
#include "ui/controls.hpp"
#include "ui/panels.hpp"
#include "ui/scrubber.hpp"
#include "ui/theme.hpp"

namespace viz::ui {

class app_window {
public:
    explicit app_window(const theme& look) : look_(look) {}
    void draw(app::session& s);

private:
    void draw_stage(app::session& s, float width);
    void draw_title(const app::run_view& v);
    void draw_narration(const app::run_view& v);
    void draw_side(app::session& s);

    const theme& look_;
    controls controls_;
    scrubber scrubber_;
    source_panel source_;
    event_log log_;
    output_panel output_;
};

}  // namespace viz::ui
