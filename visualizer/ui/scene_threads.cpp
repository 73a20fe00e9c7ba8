// The scene's thread nodes: name, state mark, what the thread is doing, and for a
// waiting thread why it waits and who could wake it.
#include <algorithm>
#include <string>

#include "ui/draw.hpp"
#include "ui/scene_painter.hpp"
#include "ui/vec.hpp"

namespace viz::ui {

namespace {

// A lighter vermillion for text on the dark background (the mark itself keeps the palette's).
constexpr ImU32 waiting_text = okabe_ito::rgb(0xF3, 0x9A, 0x5B);

std::string value_words(std::string_view value) { return value.empty() ? std::string() : " " + std::string(value); }

// The second line of a node: what the thread is doing, in two or three words.
std::string doing_words(const viz::scene& s, const viz::thread_view& t) {
    const viz::channel_view* c = s.channel(t.channel);
    const std::string on = c ? std::string(c->name) : std::string();
    const bool busy = t.state == viz::phase::in_call || t.state == viz::phase::blocked;
    if (t.state == viz::phase::exited) return "ended";
    if (!busy) return "running";
    const std::string waits = t.state == viz::phase::blocked ? "waits to " : "";
    switch (t.op) {
        case viz::operation::send: return waits + "send" + value_words(t.value) + (on.empty() ? "" : " → " + on);
        case viz::operation::recv: return waits + "receive" + (on.empty() ? "" : " ← " + on);
        case viz::operation::select:
            return t.state == viz::phase::blocked ? "waits in select" : "selecting";
        case viz::operation::none: break;
    }
    return "running";
}

}  // namespace

void scene_painter::draw_nodes() {
    for (const node_box& b : nodes) {
        if (const viz::thread_view* t = scene.thread(b.id)) draw_node(b, *t);
    }
}

void scene_painter::draw_node(const node_box& b, const viz::thread_view& t) {
    const bool is_stuck = std::find(stuck.begin(), stuck.end(), t.id) != stuck.end();
    const float alpha = t.state == viz::phase::exited ? 0.55f : 1.0f;
    const float h = b.max.y - b.min.y;
    const float r = em * 0.3f;

    if (is_stuck) dl->AddRect(b.min - ImVec2(4, 4), b.max + ImVec2(4, 4), colours::deadlock, r + 3, 0, 3.0f);
    dl->AddRectFilled(b.min, b.max, with_alpha(colours::panel, alpha), r);
    dl->AddRect(b.min, b.max, with_alpha(state_colour(t.state), alpha), r, 0, t.state == viz::phase::blocked ? 2.5f : 1.5f);

    // Line 1: state mark and name. Line 2: what it does (when there is room).
    const bool two_lines = h >= em * 2.4f;
    const float line1 = two_lines ? b.min.y + h * 0.3f : b.centre().y;
    const float glyph = em * 0.38f;
    state_glyph(dl, ImVec2(b.min.x + em * 0.75f, line1), glyph, t.state);
    const float text_left = b.min.x + em * 1.35f;
    const float text_width = b.max.x - text_left - em * 0.4f;
    const std::string name = fitted(fonts.body, em, t.name, text_width);
    dl->AddText(fonts.body, em, ImVec2(text_left, line1 - em * 0.55f), with_alpha(colours::text, alpha), name.c_str());
    if (two_lines) {
        const std::string doing = fitted(fonts.small, small, doing_words(scene, t), b.max.x - b.min.x - em * 0.8f);
        const ImU32 colour = t.state == viz::phase::blocked ? waiting_text : colours::quiet_text;
        dl->AddText(fonts.small, small, ImVec2(b.min.x + em * 0.4f, b.min.y + h * 0.56f), with_alpha(colour, alpha),
                    doing.c_str());
    }

    // A select that may time out carries a small clock.
    const bool selecting = t.op == viz::operation::select &&
                           (t.state == viz::phase::in_call || t.state == viz::phase::blocked);
    if (selecting && t.select_wait == trace::select_wait::timeout) {
        clock_icon(dl, ImVec2(b.max.x - em * 0.1f, b.min.y + em * 0.1f), em * 0.45f, colours::timer, 0.1f);
    }
    if (is_stuck) {
        const ImVec2 tag(b.max.x - em * 2.6f, b.min.y - em * 0.75f);
        dl->AddRectFilled(tag, tag + ImVec2(em * 2.6f, em * 1.05f), colours::deadlock, em * 0.2f);
        centred_text(dl, fonts.small, small, tag + ImVec2(em * 1.3f, em * 0.52f), okabe_ito::black, "stuck");
    }
    if (t.state == viz::phase::blocked) draw_caption(b, t);

    if (ImGui::IsMouseHoveringRect(b.min, b.max)) {
        ImGui::BeginTooltip();
        ImGui::TextUnformatted(std::string(t.name).c_str());
        ImGui::TextUnformatted(viz::describe(scene, t).c_str());
        if (t.line > 0) ImGui::TextDisabled("at line %u", t.line);
        ImGui::EndTooltip();
    }
}

// Under a waiting thread's box, as many lines of "why and who can wake it" as fit
// before the next row.
void scene_painter::draw_caption(const node_box& b, const viz::thread_view& t) {
    const float room = row_height - (b.max.y - b.min.y) - em * 0.3f;
    const float line = small * 1.15f;
    const int lines = std::min(3, static_cast<int>(room / line));
    if (lines < 1) return;
    std::string words = viz::describe(scene, t);
    if (words.rfind("waits: ", 0) == 0) words = words.substr(7);
    const float width = std::max(b.max.x - b.min.x, std::min(column_width * 0.95f, em * 16.0f));
    const float left = b.centre().x - width / 2;
    // Cut to whole lines that fit: wrap, then keep `lines` of them.
    const char* text = words.c_str();
    const char* end = text + words.size();
    float y = b.max.y + em * 0.25f;
    for (int i = 0; i < lines && text < end; ++i) {
        const char* next = fonts.small->CalcWordWrapPositionA(small / fonts.small->FontSize, text, end, width);
        if (next == text) ++next;
        std::string piece(text, next);
        if (i == lines - 1 && next < end) piece = fitted(fonts.small, small, std::string(text, end), width);
        dl->AddText(fonts.small, small, ImVec2(left, y), waiting_text, piece.c_str());
        y += line;
        text = next;
        while (text < end && *text == ' ') ++text;
    }
}

}  // namespace viz::ui
