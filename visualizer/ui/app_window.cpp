#include "ui/app_window.hpp"

#include <algorithm>
#include <string>

#include "ui/scene_view.hpp"
#include "ui/vec.hpp"
#include "ui/words.hpp"

namespace viz::ui {

void app_window::draw(app::session& s) {
    const ImGuiViewport* screen = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(screen->WorkPos);
    ImGui::SetNextWindowSize(screen->WorkSize);
    // No background: the platform clears the screen to colours::background.
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoSavedSettings |
                                   ImGuiWindowFlags_NoBackground;
    ImGui::Begin("Channels Cookbook", nullptr, flags);
    controls_.draw_playback(s);
    controls_.draw_knobs_and_file(s);
    ImGui::Separator();

    const float em = ImGui::GetFontSize();
    const float side = std::clamp(ImGui::GetContentRegionAvail().x * 0.36f, em * 22, em * 40);
    draw_stage(s, ImGui::GetContentRegionAvail().x - side - ImGui::GetStyle().ItemSpacing.x);
    ImGui::SameLine();
    draw_side(s);
    ImGui::End();

    controls_.keyboard(s);
    draw_problem(s);
}

void app_window::draw_stage(app::session& s, float width) {
    ImGui::BeginChild("##stage", ImVec2(width, 0));
    app::run_view* v = s.view();
    if (!v) {
        ImGui::PushFont(look_.font().heading);
        ImGui::TextWrapped("Choose a recipe above to run it and watch its messages flow, or open a trace file.");
        ImGui::PopFont();
        ImGui::EndChild();
        return;
    }
    draw_title(*v);
    const float em = ImGui::GetFontSize();
    const float below = em * 5.4f;  // narration and timeline
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const ImVec2 size(ImGui::GetContentRegionAvail().x, std::max(em * 8, ImGui::GetContentRegionAvail().y - below));
    ImGui::Dummy(size);
    if (v->tl->empty()) {
        ImGui::GetWindowDrawList()->AddText(at + ImVec2(em, em), colours::quiet_text, "waiting for the first event…");
    } else {
        draw_scene(*v, s.clock(), look_.font(), at, size);
    }
    draw_narration(*v);
    scrubber_.draw(s, look_.font());
    ImGui::EndChild();
}

void app_window::draw_title(const app::run_view& v) {
    ImGui::PushFont(look_.font().heading);
    ImGui::TextUnformatted(v.title.c_str());
    ImGui::PopFont();
    if (v.recipe && !v.from_file) {
        ImGui::SameLine();
        ImGui::TextDisabled("— %s", std::string(v.recipe->summary).c_str());
    }
}

void app_window::draw_narration(const app::run_view& v) {
    ImGui::PushFont(look_.font().small);
    ImGui::TextDisabled("%s", position_words(v).c_str());
    ImGui::PopFont();
    ImGui::PushFont(look_.font().heading);
    ImGui::TextUnformatted(v.narration().empty() ? " " : v.narration().c_str());
    ImGui::PopFont();
}

void app_window::draw_side(app::session& s) {
    ImGui::BeginChild("##side");
    app::run_view* v = s.view();
    if (ImGui::BeginTabBar("##panels")) {
        if (ImGui::BeginTabItem("Source")) {
            if (v) source_.draw(*v, look_.font());
            ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem("Events")) {
            log_.draw(s, look_.font());
            ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem("Output")) {
            if (v) output_.draw(*v, look_.font());
            ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem("Legend")) {
            draw_legend(look_.font());
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
    }
    ImGui::EndChild();
}

}  // namespace viz::ui
