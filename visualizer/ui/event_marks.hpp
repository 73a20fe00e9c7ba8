// Which events get a coloured mark (on the timeline bar and in the event log), and
// which colour: the same meaning as in the scene.
#pragma once

#include <imgui.h>

#include <cstdint>

#include "model/scene.hpp"

namespace viz::ui {

// Kinds of marks, by how much they tell (a higher one wins a shared pixel column).
enum class mark : std::uint8_t { none, delivered, sent, timer, select_done, failed, closed, blocked };

mark mark_of(trace::kind k) noexcept;
ImU32 mark_colour(mark m) noexcept;
const char* mark_words(mark m) noexcept;  // for the legend: "a message was sent"

}  // namespace viz::ui
