// Arithmetic on ImVec2 for the drawing code (ImGui 1.86 keeps its own operators in
// imgui_internal.h, which is not a public header).
#pragma once

#include <imgui.h>

#include <cmath>

namespace viz::ui {

inline ImVec2 operator+(ImVec2 a, ImVec2 b) { return {a.x + b.x, a.y + b.y}; }
inline ImVec2 operator-(ImVec2 a, ImVec2 b) { return {a.x - b.x, a.y - b.y}; }
inline ImVec2 operator*(ImVec2 a, float k) { return {a.x * k, a.y * k}; }
inline float length(ImVec2 v) { return std::sqrt(v.x * v.x + v.y * v.y); }
inline ImVec2 lerp(ImVec2 a, ImVec2 b, float f) { return {a.x + (b.x - a.x) * f, a.y + (b.y - a.y) * f}; }

}  // namespace viz::ui
