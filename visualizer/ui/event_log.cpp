#include <algorithm>
#include <cinttypes>
#include <string>

#include "ui/event_marks.hpp"
#include "ui/panels.hpp"
#include "ui/vec.hpp"
#include "ui/words.hpp"

namespace viz::ui {

void event_log::draw(app::session& s, const font_set& fonts) {
    app::run_view* v = s.view();
    if (!v || v->tl->empty()) {
        ImGui::TextDisabled("No events yet.");
        return;
    }
    const viz::timeline& tl = *v->tl;
    ImGui::BeginChild("##events", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
    const float row = ImGui::GetTextLineHeightWithSpacing();
    const float em = ImGui::GetFontSize();
    const std::ptrdiff_t current = v->frame.event;
    // Keep the current event in view as it changes (not while the user scrolls elsewhere).
    if (current != followed_ && current >= 0) {
        const float y = static_cast<float>(current) * row;
        const float top = ImGui::GetScrollY(), h = ImGui::GetWindowHeight();
        if (y < top || y > top + h - row * 2) ImGui::SetScrollY(std::max(0.0f, y - h * 0.5f));
        followed_ = current;
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(tl.size()), row);
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const auto index = static_cast<std::size_t>(i);
            const ImVec2 at = ImGui::GetCursorScreenPos();
            ImGui::PushID(i);
            if (ImGui::Selectable("##event", i == current, ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap)) {
                s.clock().pause();
                s.clock().seek_event(tl, index);
            }
            ImGui::PopID();
            const mark m = mark_of(tl.event(index).what);
            if (m != mark::none) dl->AddRectFilled(at + ImVec2(0, row * 0.2f), at + ImVec2(em * 0.3f, row * 0.8f), mark_colour(m));
            ImGui::SameLine(em * 0.6f);
            ImGui::PushFont(fonts.small);
            ImGui::TextDisabled("%6d %9s", i + 1, duration_words(tl.event(index).time_ns - tl.start_ns()).c_str());
            ImGui::PopFont();
            ImGui::SameLine();
            ImGui::TextUnformatted(viz::narrate(v->probe, index).c_str());
        }
    }
    ImGui::EndChild();
}

}  // namespace viz::ui
