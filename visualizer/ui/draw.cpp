#include "ui/draw.hpp"

#include <algorithm>
#include <cmath>

#include "ui/theme.hpp"
#include "ui/vec.hpp"

namespace viz::ui {

namespace {

constexpr float pi = 3.14159265f;

constexpr int curve_segments = 24;

constexpr std::string_view separator = " · ";

// `text` cut at every " · ".
std::vector<std::string_view> caption_parts(std::string_view text) {
    std::vector<std::string_view> parts;
    for (std::size_t end; (end = text.find(separator)) != std::string_view::npos; text.remove_prefix(end + separator.size())) {
        parts.push_back(text.substr(0, end));
    }
    parts.push_back(text);
    return parts;
}

// `part` cut at its spaces, except inside parentheses: "(no slots)" is one word.
std::vector<std::string_view> caption_words(std::string_view part) {
    std::vector<std::string_view> words;
    int depth = 0;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= part.size(); ++i) {
        if (i < part.size() && part[i] == '(') ++depth;
        if (i < part.size() && part[i] == ')') --depth;
        if (i == part.size() || (part[i] == ' ' && depth <= 0)) {
            if (i > start) words.push_back(part.substr(start, i - start));
            start = i + 1;
        }
    }
    return words;
}

}  // namespace

ImU32 state_colour(viz::phase state) {
    switch (state) {
        case viz::phase::running: return colours::running;
        case viz::phase::in_call: return colours::in_call;
        case viz::phase::blocked: return colours::blocked;
        case viz::phase::exited: return colours::exited;
    }
    return colours::exited;
}

const char* state_word(viz::phase state) {
    switch (state) {
        case viz::phase::running: return "running";
        case viz::phase::in_call: return "in a call";
        case viz::phase::blocked: return "waiting";
        case viz::phase::exited: return "ended";
    }
    return "";
}

void state_glyph(ImDrawList* dl, ImVec2 c, float r, viz::phase state) {
    const ImU32 colour = state_colour(state);
    switch (state) {
        case viz::phase::running: dl->AddCircleFilled(c, r, colour, 20); break;
        case viz::phase::in_call:
            dl->AddTriangleFilled(c + ImVec2(-0.8f * r, -r), c + ImVec2(-0.8f * r, r), c + ImVec2(r, 0), colour);
            break;
        case viz::phase::blocked: dl->AddRectFilled(c - ImVec2(0.85f * r, 0.85f * r), c + ImVec2(0.85f * r, 0.85f * r), colour, 1.5f); break;
        case viz::phase::exited: dl->AddCircle(c, r * 0.9f, colour, 20, std::max(1.5f, r * 0.22f)); break;
    }
}

std::string fitted(ImFont* font, float font_size, std::string_view text, float width) {
    auto width_of = [&](std::size_t n) { return font->CalcTextSizeA(font_size, FLT_MAX, 0, text.data(), text.data() + n).x; };
    if (width_of(text.size()) <= width) return std::string(text);
    const float dots = font->CalcTextSizeA(font_size, FLT_MAX, 0, "…").x;
    // The longest prefix that fits with the ellipsis (widths grow with the prefix).
    std::size_t lo = 0, hi = text.size();
    while (lo < hi) {
        const std::size_t mid = (lo + hi + 1) / 2;
        if (width_of(mid) + dots <= width) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    while (lo > 0 && (static_cast<unsigned char>(text[lo]) & 0xC0) == 0x80) --lo;  // not inside a UTF-8 sequence
    return std::string(text.substr(0, lo)) + "…";
}

std::vector<std::string> wrapped(ImFont* font, float font_size, std::string_view text, float width,
                                 std::size_t max_lines) {
    auto width_of = [&](std::string_view t) { return font->CalcTextSizeA(font_size, FLT_MAX, 0, t.data(), t.data() + t.size()).x; };
    if (width_of(text) <= width || max_lines <= 1) return {fitted(font, font_size, text, width)};
    std::vector<std::string> lines;
    std::string line;
    auto last = [&] { return lines.size() + 1 == max_lines; };  // the last line takes the rest
    auto next_line = [&](std::string_view first) {
        lines.push_back(fitted(font, font_size, line, width));
        line = std::string(first);
    };
    // Appends `piece` to the line after `joint`, or starts the next line with it if the
    // line would be too wide. A piece too wide for any line gets one of its own.
    auto add = [&](std::string_view piece, std::string_view joint) {
        std::string longer = line.empty() ? std::string(piece) : line + std::string(joint) + std::string(piece);
        if (line.empty() || width_of(longer) <= width || last()) {
            line = std::move(longer);
        } else {
            next_line(piece);
        }
    };
    for (std::string_view part : caption_parts(text)) {
        if (width_of(part) <= width || last()) {
            add(part, separator);
            continue;
        }
        if (!line.empty()) next_line("");  // a part too wide for a line starts one, and is cut into words
        for (std::string_view word : caption_words(part)) add(word, " ");
    }
    lines.push_back(fitted(font, font_size, line, width));
    return lines;
}

float token_pill(ImDrawList* dl, const font_set& fonts, float font_size, ImVec2 centre, std::string_view text,
                 float alpha, float max_width) {
    const float h = font_size * token_sprite::height_per_font_size;
    const float pad = std::min(font_size * 0.45f, max_width * 0.12f);
    const std::string shown = fitted(fonts.small, font_size, text, std::max(0.0f, max_width - 2 * pad));
    const ImVec2 size = fonts.small->CalcTextSizeA(font_size, FLT_MAX, 0, shown.c_str());
    const float w = std::max(fonts.token.min_width(h), size.x + 2 * pad);
    fonts.token.draw(dl, centre - ImVec2(w / 2, h / 2), centre + ImVec2(w / 2, h / 2), alpha);
    dl->AddText(fonts.small, font_size, centre - size * 0.5f, with_alpha(colours::token_text, alpha), shown.c_str());
    return w;
}

void dashed_line(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 colour, float thickness, float dash, float gap) {
    const float len = length(b - a);
    if (len <= 0) return;
    const ImVec2 dir = (b - a) * (1.0f / len);
    for (float s = 0; s < len; s += dash + gap) {
        dl->AddLine(a + dir * s, a + dir * std::min(len, s + dash), colour, thickness);
    }
}

void arrow_head(ImDrawList* dl, ImVec2 tip, ImVec2 from, ImU32 colour, float size) {
    const float len = length(tip - from);
    if (len <= 0) return;
    const ImVec2 dir = (tip - from) * (1.0f / len);
    const ImVec2 side(-dir.y, dir.x);
    const ImVec2 base = tip - dir * size;
    dl->AddTriangleFilled(tip, base + side * (size * 0.5f), base - side * (size * 0.5f), colour);
}

path& path::move_to(ImVec2 p) {
    points_.assign(1, p);
    lengths_.assign(1, 0.0f);
    return *this;
}

path& path::line_to(ImVec2 p) {
    if (points_.empty()) return move_to(p);
    lengths_.push_back(lengths_.back() + ui::length(p - points_.back()));
    points_.push_back(p);
    return *this;
}

void path::corner(ImVec2 c, float r, float from, float to) {
    constexpr int steps = 6;
    for (int i = 1; i <= steps; ++i) {
        const float t = from + (to - from) * static_cast<float>(i) / steps;
        line_to(c + ImVec2(std::cos(t), std::sin(t)) * r);
    }
}

path& path::link_to(ImVec2 b, float reach, float lane_y) {
    const ImVec2 a = points_.empty() ? b : points_.back();
    if (b.x > a.x + 1.0f) {  // forward: an S-curve with horizontal ends
        const float d = (b.x - a.x) * 0.5f;
        const ImVec2 c1(a.x + d, a.y), c2(b.x - d, b.y);
        for (int i = 1; i <= curve_segments; ++i) {
            const float f = static_cast<float>(i) / curve_segments, u = 1 - f;
            line_to(a * (u * u * u) + c1 * (3 * u * u * f) + c2 * (3 * u * f * f) + b * (f * f * f));
        }
        return *this;
    }
    // Backward: out to the right, down to the lane, left along it, up and into b.
    const float r = std::max(2.0f, std::min(reach * 0.5f, (lane_y - std::max(a.y, b.y)) * 0.5f));
    const float right = a.x + reach * 0.6f, left = b.x - reach * 0.6f;
    line_to(ImVec2(right - r, a.y));
    corner(ImVec2(right - r, a.y + r), r, -pi / 2, 0);
    line_to(ImVec2(right, lane_y - r));
    corner(ImVec2(right - r, lane_y - r), r, 0, pi / 2);
    line_to(ImVec2(left + r, lane_y));
    corner(ImVec2(left + r, lane_y - r), r, pi / 2, pi);
    line_to(ImVec2(left, b.y + r));
    corner(ImVec2(left + r, b.y + r), r, pi, 1.5f * pi);
    return line_to(b);
}

void path::draw(ImDrawList* dl, ImU32 colour, float thickness) const {
    if (points_.size() < 2) return;
    dl->AddPolyline(points_.data(), static_cast<int>(points_.size()), colour, 0, thickness);
}

void path::draw_dashed(ImDrawList* dl, ImU32 colour, float thickness, float dash) const {
    // Walk the length in steps of one dash, drawing every other one.
    const float total = length();
    for (float s = 0; s < total; s += 2 * dash) {
        const int pieces = 3;
        ImVec2 prev = at(s / total);
        for (int k = 1; k <= pieces; ++k) {
            const ImVec2 next = at(std::min(total, s + dash * static_cast<float>(k) / pieces) / total);
            dl->AddLine(prev, next, colour, thickness);
            prev = next;
        }
    }
}

ImVec2 path::at(float f) const {
    if (points_.empty()) return {};
    const float target = std::clamp(f, 0.0f, 1.0f) * length();
    const auto it = std::lower_bound(lengths_.begin(), lengths_.end(), target);
    if (it == lengths_.begin()) return points_.front();
    if (it == lengths_.end()) return points_.back();
    const auto i = static_cast<std::size_t>(it - lengths_.begin());
    const float span = lengths_[i] - lengths_[i - 1];
    return lerp(points_[i - 1], points_[i], span > 0 ? (target - lengths_[i - 1]) / span : 0.0f);
}

void clock_icon(ImDrawList* dl, ImVec2 c, float r, ImU32 colour, float turns) {
    dl->AddCircleFilled(c, r, colours::slot, 24);
    dl->AddCircle(c, r, colour, 24, std::max(1.5f, r * 0.14f));
    for (int i = 0; i < 12; i += 3) {
        const float a = static_cast<float>(i) / 12.0f * 2 * pi;
        const ImVec2 d(std::sin(a), -std::cos(a));
        dl->AddLine(c + d * (r * 0.72f), c + d * (r * 0.88f), colour, std::max(1.0f, r * 0.1f));
    }
    const float a = turns * 2 * pi;
    dl->AddLine(c, c + ImVec2(std::sin(a), -std::cos(a)) * (r * 0.7f), colour, std::max(1.5f, r * 0.14f));
    dl->AddCircleFilled(c, r * 0.12f, colour);
}

void centred_text(ImDrawList* dl, ImFont* font, float font_size, ImVec2 centre, ImU32 colour, std::string_view text) {
    const ImVec2 size = font->CalcTextSizeA(font_size, FLT_MAX, 0, text.data(), text.data() + text.size());
    dl->AddText(font, font_size, centre - size * 0.5f, colour, text.data(), text.data() + text.size());
}

void media_glyph(ImDrawList* dl, ImVec2 at, float s, media_icon icon, ImU32 colour) {
    const ImVec2 c = at + ImVec2(s / 2, s / 2);
    const float r = s * 0.3f;
    const float bar = s * 0.1f;
    auto triangle = [&](float x, bool right) {
        const float k = right ? 1.0f : -1.0f;
        dl->AddTriangleFilled(ImVec2(x - k * r * 0.8f, c.y - r), ImVec2(x - k * r * 0.8f, c.y + r),
                              ImVec2(x + k * r * 0.8f, c.y), colour);
    };
    auto vbar = [&](float x) { dl->AddRectFilled(ImVec2(x - bar / 2, c.y - r), ImVec2(x + bar / 2, c.y + r), colour); };
    switch (icon) {
        case media_icon::play: triangle(c.x + r * 0.1f, true); break;
        case media_icon::pause: vbar(c.x - r * 0.4f); vbar(c.x + r * 0.4f); break;
        case media_icon::step_forward: triangle(c.x - r * 0.25f, true); vbar(c.x + r * 0.75f); break;
        case media_icon::step_back: triangle(c.x + r * 0.25f, false); vbar(c.x - r * 0.75f); break;
        case media_icon::to_end:
            triangle(c.x - r * 0.6f, true); triangle(c.x + r * 0.3f, true); vbar(c.x + r * 1.1f); break;
        case media_icon::to_start:
            triangle(c.x + r * 0.6f, false); triangle(c.x - r * 0.3f, false); vbar(c.x - r * 1.1f); break;
        case media_icon::stop: dl->AddRectFilled(c - ImVec2(r * 0.8f, r * 0.8f), c + ImVec2(r * 0.8f, r * 0.8f), colour); break;
        case media_icon::run_again: {
            dl->PathArcTo(c, r, 0.35f * pi, 1.85f * pi, 16);
            dl->PathStroke(colour, 0, std::max(1.5f, s * 0.09f));
            const ImVec2 tip = c + ImVec2(std::cos(1.85f * pi), std::sin(1.85f * pi)) * r;
            arrow_head(dl, tip + ImVec2(r * 0.35f, r * 0.2f), tip - ImVec2(r * 0.2f, r * 0.35f), colour, s * 0.28f);
            break;
        }
    }
}

bool media_button(const char* label, media_icon icon, bool enabled) {
    const float s = ImGui::GetFrameHeight();
    if (!enabled) ImGui::BeginDisabled();
    ImGui::PushID(label);
    const bool pressed = ImGui::Button("##media", ImVec2(s * 1.25f, s));
    const ImVec2 at = ImGui::GetItemRectMin();
    const ImU32 colour = ImGui::GetColorU32(ImGuiCol_Text);
    media_glyph(ImGui::GetWindowDrawList(), ImVec2(at.x + s * 0.125f, at.y), s, icon, colour);
    ImGui::PopID();
    if (!enabled) ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", label);
    return pressed && enabled;
}

}  // namespace viz::ui
