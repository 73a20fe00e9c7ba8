#include "ui/panels.hpp"

namespace viz::ui {

void draw_problem(app::session& s) {
    const char* title = "Problem";
    if (!s.error().empty() && !ImGui::IsPopupOpen(title)) ImGui::OpenPopup(title);
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    if (!ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    const float em = ImGui::GetFontSize();
    ImGui::PushTextWrapPos(em * 34);
    ImGui::TextUnformatted(s.error().c_str());
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    const bool key = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)) ||
                     ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape));
    if (ImGui::Button("OK", ImVec2(em * 6, 0)) || key || s.error().empty()) {
        s.dismiss_error();
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

}  // namespace viz::ui
