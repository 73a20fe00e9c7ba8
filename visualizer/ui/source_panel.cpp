#include <algorithm>
#include <string>

#include "ui/draw.hpp"
#include "ui/panels.hpp"
#include "ui/vec.hpp"

namespace viz::ui {

namespace {

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    while (!text.empty()) {
        const std::size_t end = text.find('\n');
        lines.push_back(text.substr(0, end));
        if (end == std::string_view::npos) break;
        text.remove_prefix(end + 1);
    }
    return lines;
}

// The threads whose latest event is at `line` of the shown file.
std::vector<const viz::thread_view*> threads_at(const app::run_view& v, std::uint32_t line) {
    std::vector<const viz::thread_view*> at;
    for (const viz::thread_view& t : v.scene().threads) {
        if (t.file == v.source_file && t.line == line && t.state != viz::phase::exited) at.push_back(&t);
    }
    return at;
}

// The line of the thread that did the current event (0: none).
std::uint32_t current_line(const app::run_view& v) {
    if (v.frame.event < 0 || v.source_file == 0) return 0;
    const trace::event& e = v.tl->event(static_cast<std::size_t>(v.frame.event));
    const viz::thread_view* t = v.scene().thread(e.thread);
    return t && t->file == v.source_file ? t->line : 0;
}

}  // namespace

void source_panel::draw(const app::run_view& v, const font_set& fonts) {
    if (v.source.empty()) {
        ImGui::TextWrapped(v.from_file ? "The source of this trace is not available here: none of the files it names "
                                         "can be read."
                                       : "No source to show.");
        return;
    }
    if (split_for_ != &v || split_size_ != v.source.size()) {
        lines_ = split_lines(v.source);
        split_for_ = &v;
        split_size_ = v.source.size();
        followed_line_ = 0;
    }
    if (v.source_file == 0) ImGui::TextDisabled("The trace has no source lines yet, so no line is marked.");

    ImGui::PushFont(fonts.mono);
    ImGui::BeginChild("##code", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
    const float row = ImGui::GetTextLineHeightWithSpacing();
    const float em = ImGui::GetFontSize();
    const std::uint32_t follow = current_line(v);
    if (follow != 0 && follow != followed_line_) {
        const float y = static_cast<float>(follow - 1) * row;
        const float top = ImGui::GetScrollY(), h = ImGui::GetWindowHeight();
        if (y < top + row * 2 || y > top + h - row * 3) ImGui::SetScrollY(std::max(0.0f, y - h * 0.4f));
        followed_line_ = follow;
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(lines_.size()), row);
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const auto number = static_cast<std::uint32_t>(i + 1);
            const std::vector<const viz::thread_view*> here = threads_at(v, number);
            const ImVec2 at = ImGui::GetCursorScreenPos();
            const float width = ImGui::GetWindowWidth() + ImGui::GetScrollX();
            if (!here.empty()) {
                const ImU32 colour = state_colour(here.front()->state);
                dl->AddRectFilled(at, ImVec2(at.x + width, at.y + row), with_alpha(colour, number == follow ? 0.32f : 0.18f));
                dl->AddRectFilled(at, ImVec2(at.x + em * 0.3f, at.y + row), colour);
            }
            ImGui::TextDisabled("%4u", number);
            ImGui::SameLine();
            const std::string_view text = lines_[static_cast<std::size_t>(i)];
            ImGui::TextUnformatted(text.data(), text.data() + text.size());
            // Who is on this line: state mark and name, after the code, or over the end of a
            // line too long to leave room.
            float tags = 0;
            for (const viz::thread_view* t : here) {
                tags += fonts.small->CalcTextSizeA(em * 0.9f, FLT_MAX, 0, t->name.data(), t->name.data() + t->name.size()).x + em * 1.4f;
            }
            const float right = at.x + ImGui::GetScrollX() + ImGui::GetWindowWidth() - ImGui::GetStyle().ScrollbarSize - em * 0.5f;
            float x = std::min(ImGui::GetItemRectMax().x + em, right - tags);
            for (const viz::thread_view* t : here) {
                const std::string name(t->name);
                const float w = fonts.small->CalcTextSizeA(em * 0.9f, FLT_MAX, 0, name.c_str()).x + em * 1.4f;
                const ImVec2 a(x, at.y + 1), b(x + w - em * 0.2f, at.y + row - 1);
                dl->AddRectFilled(a, b, colours::panel, em * 0.25f);
                state_glyph(dl, ImVec2(a.x + em * 0.55f, (a.y + b.y) / 2), em * 0.3f, t->state);
                dl->AddText(fonts.small, em * 0.9f, ImVec2(a.x + em * 1.05f, a.y + row * 0.1f), colours::text, name.c_str());
                x += w;
            }
        }
    }
    ImGui::EndChild();
    ImGui::PopFont();
}

}  // namespace viz::ui
