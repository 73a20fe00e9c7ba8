// The scene: threads as nodes, channels as pipes with their slots, messages as tokens
// moving between them, drawn with ImDrawList into a rectangle of the current window.
//
//   viz::ui::draw_scene(session.view(), session.clock(), look.font(), top_left, size);
//
// What it shows (the legend panel explains each mark with the same drawing code):
//   - a thread: a box with its name and a state mark (● running, ▶ in a call, ■ waiting,
//     ○ ended); a waiting thread says why and who could wake it, under its box;
//   - a channel: a pipe with one cell per slot (slot 0, the next out, at the right
//     end), its name above and its flavor and fill below; a timer is a clock whose hand
//     moves a step per tick; closed and disconnected channels say so, and a channel
//     whose handles are all gone fades;
//   - who uses what: a line from each sender to the pipe's left end and from its right
//     end to each receiver, as soon as the trace has shown that use; a waiting thread's
//     line is dashed in the waiting colour;
//   - a select: a dashed line to each candidate arm's channel, labelled with the arm's
//     number; the arm taken turns thick and yellow;
//   - broadcast: each receiver's place as a marker under the slot it reads next;
//   - a deadlock: a banner naming who waits for what, the stuck threads outlined, and
//     arrows for a cycle of threads waiting for each other.
#pragma once

#include <imgui.h>

#include "app/playback.hpp"
#include "app/session.hpp"
#include "ui/theme.hpp"

namespace viz::ui {

void draw_scene(app::run_view& v, const app::playback& clock, const font_set& fonts, ImVec2 top_left, ImVec2 size);

}  // namespace viz::ui
