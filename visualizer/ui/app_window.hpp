// The whole visualizer window, one frame at a time: controls on top, then the scene
// with its title, narration and timeline, and the panels (source, events, output,
// legend), and the problem popup over everything.
//
//   viz::ui::app_window window(look);
//   each frame, between ImGui::NewFrame() and ImGui::Render():  window.draw(session);
//
// Layouts, chosen each frame from the window's size in em (the body font's size, so
// that they follow the display scale):
//   wide      the scene on the left, the panels beside it on the right (desktop windows)
//   stacked   narrower than 50 em (a phone held upright): the scene at full width, the
//             panels under it in their tab bar
//   tabbed    narrow and too short for both (a phone on its side, a small frame in a
//             page): the scene is the first tab of the panels' tab bar
//
// It keeps only view state (which panel, scroll positions, the text of the path field);
// everything the user does goes to the session.
#pragma once

#include <imgui.h>

#include "app/session.hpp"
#include "ui/controls.hpp"
#include "ui/panels.hpp"
#include "ui/scrubber.hpp"
#include "ui/theme.hpp"

namespace viz::ui {

enum class layout { wide, stacked, tabbed };
const char* layout_name(layout l);

// Where the last frame put the scene, for the page around the browser build and its tests.
struct scene_place {
    ImVec2 window{};  // the window's size, which the layout was chosen for
    layout arrangement = layout::wide;
    ImVec2 min{};   // top left, in window coordinates (CSS pixels in a browser)
    ImVec2 size{};  // zero when no scene is on screen (no run open, another tab chosen)
};

class app_window {
public:
    explicit app_window(const theme& look) : look_(look) {}

    // Which controls to show (all, unless a page around the window does their work).
    void set_controls(control_set shown) noexcept { controls_.set_shown(shown); }

    void draw(app::session& s);
    const scene_place& scene() const noexcept { return scene_; }

private:
    layout choose_layout(ImVec2 room) const;
    void draw_wide(app::session& s, ImVec2 room);
    void draw_stacked(app::session& s, ImVec2 room);
    void draw_tabbed(app::session& s);

    void draw_stage(app::session& s, ImVec2 child_size);
    void draw_title(const app::run_view& v);
    void draw_narration(const app::run_view& v, int line_count);
    int narration_lines_for(float width) const;
    float narration_line_height() const;
    void draw_panels(app::session& s, ImVec2 size);
    void panel_tabs(app::session& s);

    const theme& look_;
    controls controls_;
    scrubber scrubber_;
    source_panel source_;
    event_log log_;
    output_panel output_;
    scene_place scene_;
};

}  // namespace viz::ui
