// Drawing pieces shared by the scene, the legend and the controls, so that the legend
// shows exactly what the scene draws. Sizes are in pixels of the draw list; callers
// pass sizes derived from the font size, which follows the display scale.
#pragma once

#include <imgui.h>

#include <string>
#include <string_view>
#include <vector>

#include "model/scene.hpp"
#include "ui/theme.hpp"

namespace viz::ui {

// A thread's state as a shape and a colour: ● running, ▶ in a call, ■ waiting, ○ ended.
void state_glyph(ImDrawList* dl, ImVec2 centre, float radius, viz::phase state);
ImU32 state_colour(viz::phase state);
// One word for the legend and tooltips: "running", "in a call", "waiting", "ended".
const char* state_word(viz::phase state);

// A message: an orange pill with its value in it, written in the small font at
// `font_size`, at most `max_width` wide (the text is shortened to fit). Returns its width.
float token_pill(ImDrawList* dl, const font_set& fonts, float font_size, ImVec2 centre, std::string_view text,
                 float alpha, float max_width);

// Lines.
void dashed_line(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 colour, float thickness, float dash, float gap);
void arrow_head(ImDrawList* dl, ImVec2 tip, ImVec2 from, ImU32 colour, float size);
// A line through points, walked by length: the scene's links between threads and
// channels, and the way a token travels along them.
//
//   path p;  p.move_to(a).link_to(b, reach, lane_y).line_to(slot);
//   p.draw(dl, colour, 2);   ImVec2 token = p.at(0.4f);
//
// A link leaves heading right and arrives heading right: an S-curve when b is to the
// right of a, otherwise a detour down to the horizontal lane `lane_y` (below the
// nodes), back left along it, and up into b, so that it never crosses the picture.
class path {
public:
    path& move_to(ImVec2 p);
    path& line_to(ImVec2 p);
    path& link_to(ImVec2 b, float reach, float lane_y);

    void draw(ImDrawList* dl, ImU32 colour, float thickness) const;
    void draw_dashed(ImDrawList* dl, ImU32 colour, float thickness, float dash) const;
    // The point at fraction f (0..1) of the length.
    ImVec2 at(float f) const;
    float length() const noexcept { return lengths_.empty() ? 0 : lengths_.back(); }
    bool empty() const noexcept { return points_.empty(); }

private:
    void corner(ImVec2 centre, float radius, float from_angle, float to_angle);
    std::vector<ImVec2> points_;
    std::vector<float> lengths_;  // from the start to each point
};

// A clock face whose hand is at `turns` (1 = a full turn).
void clock_icon(ImDrawList* dl, ImVec2 centre, float radius, ImU32 colour, float turns);

// Text centred on a point, optionally clipped to a width with an ellipsis.
void centred_text(ImDrawList* dl, ImFont* font, float font_size, ImVec2 centre, ImU32 colour, std::string_view text);
// `text` shortened with "…" to fit `width` pixels.
std::string fitted(ImFont* font, float font_size, std::string_view text, float width);
// `text` in lines of `width` pixels, at most `max_lines`: broken first where it has a
// " · " separator (dropped at the break), else between words, never inside a
// parenthesised phrase; the last line takes the rest and is shortened with "…" if it
// must be, as is any single word too wide for a line.
std::vector<std::string> wrapped(ImFont* font, float font_size, std::string_view text, float width,
                                 std::size_t max_lines);

// Media icons for the playback buttons, drawn in a square of side `size` at `at`.
enum class media_icon { play, pause, step_back, step_forward, to_start, to_end, run_again, stop };
void media_glyph(ImDrawList* dl, ImVec2 at, float size, media_icon icon, ImU32 colour);
// A square button showing a media icon; `label` is its tooltip and its ID.
bool media_button(const char* label, media_icon icon, bool enabled = true);

}  // namespace viz::ui
