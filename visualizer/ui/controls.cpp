#include "ui/controls.hpp"

#include <cmath>
#include <string>

#include "ui/draw.hpp"
#include "ui/words.hpp"

namespace viz::ui {

namespace {

const viz::timeline* timeline_of(const app::session& s) { return s.view() ? s.view()->tl.get() : nullptr; }

bool key_pressed(ImGuiKey key) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key)); }

// Puts the next item, `width` wide, after the last one, `gap` apart (-1: the style's
// spacing), if it fits before the window's right edge; else it starts a new row. A
// narrow window wraps a row of controls this way instead of cutting it off.
void same_row_if_fits(float width, float gap = -1) {
    const float spacing = gap < 0 ? ImGui::GetStyle().ItemSpacing.x : gap;
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (ImGui::GetItemRectMax().x + spacing + width <= right) ImGui::SameLine(0, spacing);
}

// The trace file field, in em: the path, and its Open button beside it.
constexpr float path_least = 10;
constexpr float open_button = 4.5f;
constexpr float trace_field_least = path_least + open_button;

// media_button's width.
float media_button_width() { return ImGui::GetFrameHeight() * 1.25f; }

}  // namespace

void controls::recipe_picker(app::session& s) {
    const cookbook::recipe* chosen = s.recipe();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 13);
    if (!ImGui::BeginCombo("##recipe", chosen ? std::string(chosen->name).c_str() : "choose a recipe…",
                           ImGuiComboFlags_HeightLarge)) {
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("The recipe to run and watch");
        return;
    }
    for (const cookbook::topic& topic : cookbook::topics()) {
        ImGui::TextDisabled("%s", std::string(topic.title).c_str());
        for (const cookbook::recipe& r : cookbook::catalog()) {
            if (r.topic != topic.name) continue;
            const std::string label = "   " + std::string(r.name);
            if (ImGui::Selectable(label.c_str(), &r == chosen)) s.choose_recipe(r.name);
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", std::string(r.summary).c_str());
        }
    }
    ImGui::EndCombo();
}

void controls::draw_playback(app::session& s) {
    const float em = ImGui::GetFontSize();
    if (shown_.recipe_picker) {
        recipe_picker(s);
        ImGui::SameLine();
    }
    const bool live = s.state() == app::activity::running;
    if (live) {
        if (media_button("Stop the run (disconnects its channels)", media_icon::stop)) s.stop();
    } else if (media_button("Run the recipe again", media_icon::run_again, s.recipe() != nullptr)) {
        s.run_again();
    }

    const viz::timeline* tl = timeline_of(s);
    const bool any = tl && !tl->empty();
    app::playback& clock = s.clock();
    same_row_if_fits(5 * media_button_width() + 4 * ImGui::GetStyle().ItemSpacing.x, em * 1.2f);  // the five below
    if (media_button("To the start (Home)", media_icon::to_start, any)) clock.home(*tl);
    ImGui::SameLine();
    if (media_button("Step back one event (Left)", media_icon::step_back, any)) clock.step(*tl, -1);
    ImGui::SameLine();
    if (clock.playing()) {
        if (media_button("Pause (Space)", media_icon::pause, any)) clock.pause();
    } else if (media_button("Play (Space)", media_icon::play, any)) {
        clock.toggle(*tl);
    }
    ImGui::SameLine();
    if (media_button("Step forward one event (Right)", media_icon::step_forward, any)) clock.step(*tl, +1);
    ImGui::SameLine();
    if (media_button("To the end (End)", media_icon::to_end, any)) clock.end_jump(*tl);

    same_row_if_fits(em * 9, em * 1.2f);  // the speed slider
    speed_and_clock(s);
    const std::string status = status_words(s);
    same_row_if_fits(ImGui::CalcTextSize(status.c_str()).x, em * 1.2f);
    ImGui::PushTextWrapPos(0);  // on a row of its own, a long status wraps at the window's edge
    ImGui::TextDisabled("%s", status.c_str());
    ImGui::PopTextWrapPos();
}

void controls::speed_and_clock(app::session& s) {
    app::playback& clock = s.clock();
    const bool events = clock.axis() == viz::time_axis::events;
    float speed = static_cast<float>(clock.speed());
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
    const char* format = events ? "%.1f events/s" : "%.3g× real time";
    const float low = events ? 0.5f : 0.001f, high = events ? 500.0f : 4.0f;
    if (ImGui::SliderFloat("##speed", &speed, low, high, format, ImGuiSliderFlags_Logarithmic)) clock.set_speed(speed);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Playback speed (+ and − keys)");

    same_row_if_fits(ImGui::GetFontSize() * 10.5f);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10.5f);
    const char* names[] = {"one event at a time", "real time"};
    int axis = events ? 0 : 1;
    if (ImGui::Combo("##clock", &axis, names, 2) && timeline_of(s)) {
        clock.set_axis(*timeline_of(s), axis == 0 ? viz::time_axis::events : viz::time_axis::real);
    }
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("One event at a time: every event gets the same time, pauses are skipped.\n"
                          "Real time: as the program ran (slowed down), pauses included.");
    }
}

void controls::draw_knobs_and_file(app::session& s) {
    const float em = ImGui::GetFontSize();
    if (s.recipe() && !s.knobs().empty()) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextDisabled("knobs");
        for (const cookbook::knob& k : s.knobs()) {
            same_row_if_fits(em * 6.5f);
            int value = k.value;
            ImGui::SetNextItemWidth(em * 6.5f);
            const std::string id = "##" + k.name;
            const std::string format = k.name + " %d";
            if (ImGui::SliderInt(id.c_str(), &value, k.min, k.max, format.c_str(), ImGuiSliderFlags_AlwaysClamp)) {
                s.set_knob(k.name, value);
            }
            // Run again when the slider is let go, not at every step of a drag.
            if (ImGui::IsItemDeactivatedAfterEdit()) s.run_again();
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("--%s: %s (%d to %d)", k.name.c_str(), k.help.c_str(), k.min, k.max);
        }
        if (!shown_.trace_path) return;
        same_row_if_fits(em * trace_field_least, em * 1.5f);
    } else if (s.recipe() && shown_.trace_path) {  // alone, the words would take a row for nothing
        ImGui::AlignTextToFramePadding();
        ImGui::TextDisabled("this recipe has no knobs");
        same_row_if_fits(em * trace_field_least, em * 1.5f);
    }
    if (shown_.trace_path) trace_file_field(s);
}

void controls::trace_file_field(app::session& s) {
    const float em = ImGui::GetFontSize();
    const float width = std::max(em * path_least, ImGui::GetContentRegionAvail().x - em * open_button);
    ImGui::SetNextItemWidth(width);
    const bool entered = ImGui::InputTextWithHint("##trace", "open a trace file: path, or drop it on the window",
                                                  path_.data(), path_.size(), ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    const bool clicked = ImGui::Button("Open");
    if ((entered || clicked) && path_[0] != '\0') s.open_file(path_.data());
}

void controls::keyboard(app::session& s) {
    const ImGuiIO& io = ImGui::GetIO();
    const viz::timeline* tl = timeline_of(s);
    if (io.WantTextInput || !tl || ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId)) return;
    app::playback& clock = s.clock();
    const int step = io.KeyShift ? 10 : 1;
    if (key_pressed(ImGuiKey_Space)) clock.toggle(*tl);
    if (key_pressed(ImGuiKey_RightArrow)) clock.step(*tl, +step);
    if (key_pressed(ImGuiKey_LeftArrow)) clock.step(*tl, -step);
    if (key_pressed(ImGuiKey_Home)) clock.home(*tl);
    if (key_pressed(ImGuiKey_End)) clock.end_jump(*tl);
    // + and − by character, whatever the keyboard layout puts them on.
    for (ImWchar c : io.InputQueueCharacters) {
        if (c == '+' || c == '=') clock.set_speed(clock.speed() * 1.5);
        if (c == '-' || c == '_') clock.set_speed(clock.speed() / 1.5);
    }
}

}  // namespace viz::ui
