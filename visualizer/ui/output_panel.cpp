#include "ui/panels.hpp"

namespace viz::ui {

void output_panel::draw(const app::run_view& v, const font_set& fonts) {
    if (v.from_file) {
        ImGui::TextWrapped("A trace file holds what the channels did, not what the program printed.");
        return;
    }
    if (v.output.empty()) {
        ImGui::TextDisabled(v.live ? "Nothing printed yet." : "The recipe printed nothing.");
        return;
    }
    ImGui::PushFont(fonts.mono);
    ImGui::BeginChild("##output", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
    // New lines scroll into view, as in a terminal, unless the reader scrolled up.
    const bool at_bottom = ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - 1;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(v.output.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            ImGui::TextUnformatted(v.output[static_cast<std::size_t>(i)].c_str());
        }
    }
    if (v.output.size() != seen_lines_ && at_bottom) ImGui::SetScrollHereY(1.0f);
    seen_lines_ = v.output.size();
    ImGui::EndChild();
    ImGui::PopFont();
}

}  // namespace viz::ui
