#include "ui/app_window.hpp"

#include <algorithm>
#include <string>

#include "ui/draw.hpp"
#include "ui/scene_view.hpp"
#include "ui/vec.hpp"
#include "ui/words.hpp"

namespace viz::ui {

namespace {

// Sizes of the layouts, in em (the body font's size).
//
// Below 50 em the wide layout's panels (at least 22 em) would leave the scene less than
// about half the window: at 390 CSS pixels, a phone's width, it was a sliver.
constexpr float narrow_width = 50;
// The narrow layouts give the scene at least this height: a worker pool's column of
// threads, each box with its caption under it, stays readable.
constexpr float scene_least = 17;
// Around the scene in its stage: the title, a summary of up to two lines, the
// position, a narration of two lines and the timeline.
constexpr float stage_extra = 11;
// The panels under the scene: their tab bar and about eight lines of source.
constexpr float panels_least = 12;
// The scene a stacked layout asks for before the panels get more than their least: a
// little wider than tall, as the scene's columns of threads and channels are.
constexpr float scene_aspect = 0.8f;
// A stage narrower than this wraps the narration onto two lines.
constexpr float one_line_narration = 40;

// The x of the window's right content edge, in screen coordinates.
float right_edge() { return ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x; }

}  // namespace

const char* layout_name(layout l) {
    switch (l) {
        case layout::wide: return "wide";
        case layout::stacked: return "stacked";
        case layout::tabbed: return "tabbed";
    }
    return "wide";
}

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

    const ImVec2 room = ImGui::GetContentRegionAvail();
    scene_ = {screen->WorkSize, choose_layout(room), {}, {}};
    switch (scene_.arrangement) {
        case layout::wide: draw_wide(s, room); break;
        case layout::stacked: draw_stacked(s, room); break;
        case layout::tabbed: draw_tabbed(s); break;
    }
    ImGui::End();

    controls_.keyboard(s);
    draw_problem(s);
}

// `room` is what the controls leave of the window.
layout app_window::choose_layout(ImVec2 room) const {
    const float em = ImGui::GetFontSize();
    if (room.x >= narrow_width * em) return layout::wide;
    return room.y >= (stage_extra + scene_least + panels_least) * em ? layout::stacked : layout::tabbed;
}

void app_window::draw_wide(app::session& s, ImVec2 room) {
    const float em = ImGui::GetFontSize();
    const float side = std::clamp(room.x * 0.36f, em * 22, em * 40);
    draw_stage(s, ImVec2(room.x - side - ImGui::GetStyle().ItemSpacing.x, 0));
    ImGui::SameLine();
    draw_panels(s, ImVec2(0, 0));
}

// The scene first, as tall as the panels under it allow: they get what the scene
// does not ask for, and never less than their least.
void app_window::draw_stacked(app::session& s, ImVec2 room) {
    const float em = ImGui::GetFontSize();
    const float scene_wanted = std::max(scene_least * em, room.x * scene_aspect);
    const float panels = std::max(panels_least * em, room.y - stage_extra * em - scene_wanted);
    draw_stage(s, ImVec2(0, room.y - panels - ImGui::GetStyle().ItemSpacing.y));
    draw_panels(s, ImVec2(0, 0));
}

// Too short for the scene and the panels one above the other: the scene is a tab.
void app_window::draw_tabbed(app::session& s) {
    if (!ImGui::BeginTabBar("##views")) return;
    if (ImGui::BeginTabItem("Scene")) {
        draw_stage(s, ImVec2(0, 0));
        ImGui::EndTabItem();
    }
    panel_tabs(s);
    ImGui::EndTabBar();
}

// The title, the scene, the narration and the timeline, in a child of `child_size` (0: the
// rest of the window that way).
void app_window::draw_stage(app::session& s, ImVec2 child_size) {
    ImGui::BeginChild("##stage", child_size);
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
    // Under the scene: the position, the narration and the timeline.
    const int narration_lines = narration_lines_for(ImGui::GetContentRegionAvail().x);
    const float below = em * 5.4f + static_cast<float>(narration_lines - 1) * narration_line_height();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const ImVec2 size(ImGui::GetContentRegionAvail().x, std::max(em * 8, ImGui::GetContentRegionAvail().y - below));
    ImGui::Dummy(size);
    if (v->tl->empty()) {
        ImGui::GetWindowDrawList()->AddText(at + ImVec2(em, em), colours::quiet_text, "waiting for the first event…");
    } else {
        draw_scene(*v, s.clock(), look_.font(), at, size);
    }
    scene_.min = at;
    scene_.size = size;
    draw_narration(*v, narration_lines);
    scrubber_.draw(s, look_.font());
    ImGui::EndChild();
}

// The recipe's name, and its summary beside it; a narrow window wraps the summary onto
// lines of its own when it does not fit there.
void app_window::draw_title(const app::run_view& v) {
    ImGui::PushFont(look_.font().heading);
    ImGui::TextUnformatted(v.title.c_str());
    ImGui::PopFont();
    if (!v.recipe || v.from_file) return;
    const std::string summary = "— " + std::string(v.recipe->summary);
    if (scene_.arrangement == layout::wide) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", summary.c_str());
        return;
    }
    const float beside = ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x;
    if (beside + ImGui::CalcTextSize(summary.c_str()).x <= right_edge()) ImGui::SameLine();
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", summary.c_str());
    ImGui::PopTextWrapPos();
}

// The wide layout keeps the narration on one line, as it always did; a narrow stage
// wraps it onto two.
int app_window::narration_lines_for(float width) const {
    const bool narrow = scene_.arrangement != layout::wide && width < one_line_narration * ImGui::GetFontSize();
    return narrow ? 2 : 1;
}

float app_window::narration_line_height() const {
    ImGui::PushFont(look_.font().heading);
    const float h = ImGui::GetTextLineHeightWithSpacing();
    ImGui::PopFont();
    return h;
}

// Where the event on screen is, and what it did. On more than one line, the sentence
// always takes all of them, so that the timeline under it stays put.
void app_window::draw_narration(const app::run_view& v, int line_count) {
    ImGui::PushFont(look_.font().small);
    ImGui::TextDisabled("%s", position_words(v).c_str());
    ImGui::PopFont();
    ImGui::PushFont(look_.font().heading);
    const std::string& text = v.narration();
    if (line_count == 1) {
        ImGui::TextUnformatted(text.empty() ? " " : text.c_str());
    } else {
        const auto count = static_cast<std::size_t>(line_count);
        const std::vector<std::string> lines =
            wrapped(look_.font().heading, ImGui::GetFontSize(), text, ImGui::GetContentRegionAvail().x, count);
        for (std::size_t i = 0; i < count; ++i) {
            const bool has_line = i < lines.size() && !lines[i].empty();
            ImGui::TextUnformatted(has_line ? lines[i].c_str() : " ");
        }
    }
    ImGui::PopFont();
}

// The panels in their tab bar, in a child of `size` (0: the rest of the window that way).
void app_window::draw_panels(app::session& s, ImVec2 size) {
    ImGui::BeginChild("##side", size);
    if (ImGui::BeginTabBar("##panels")) {
        panel_tabs(s);
        ImGui::EndTabBar();
    }
    ImGui::EndChild();
}

void app_window::panel_tabs(app::session& s) {
    app::run_view* v = s.view();
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
}

}  // namespace viz::ui
