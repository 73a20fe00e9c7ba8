// The legend: each mark of the scene drawn by the same functions the scene uses, with
// what it means; the timeline's colours; the keys.
#include <functional>

#include "ui/draw.hpp"
#include "ui/event_marks.hpp"
#include "ui/panels.hpp"
#include "ui/vec.hpp"

namespace viz::ui {

namespace {

// One legend row: a picture `em * 3` wide drawn by `picture` (given its box), then the words.
void row(const char* words, const std::function<void(ImDrawList*, ImVec2, ImVec2)>& picture) {
    const float em = ImGui::GetFontSize();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const ImVec2 box(em * 3.2f, std::max(em * 1.5f, ImGui::GetTextLineHeight()));
    ImGui::Dummy(box);
    picture(ImGui::GetWindowDrawList(), at, at + box);
    ImGui::SameLine();
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(words);
    ImGui::PopTextWrapPos();
}

ImVec2 middle(ImVec2 a, ImVec2 b) { return lerp(a, b, 0.5f); }

void states(float em) {
    const viz::phase all[] = {viz::phase::running, viz::phase::in_call, viz::phase::blocked, viz::phase::exited};
    const char* meaning[] = {
        "running: outside any channel call (working, sleeping, joining)",
        "in a call: inside a send, receive or select that has not had to wait",
        "waiting: blocked in a send, receive or select; the words under it say why and who could wake it",
        "ended: the thread has returned",
    };
    for (int i = 0; i < 4; ++i) {
        row(meaning[i], [&](ImDrawList* dl, ImVec2 a, ImVec2 b) {
            dl->AddRect(a + ImVec2(em * 0.2f, em * 0.1f), b - ImVec2(em * 0.2f, em * 0.1f), state_colour(all[i]), em * 0.3f);
            state_glyph(dl, middle(a, b), em * 0.38f, all[i]);
        });
    }
}

void channels(const font_set& fonts, float em) {
    row("a message, with its value, moving sender → slot → receiver", [&](ImDrawList* dl, ImVec2 a, ImVec2 b) {
        token_pill(dl, fonts, fonts.small->FontSize * ImGui::GetIO().FontGlobalScale, middle(a, b), "42", 1.0f, em * 3);
    });
    row("a channel: one cell per slot; the next message out is at the right end. Under it: its kind and how full",
        [&](ImDrawList* dl, ImVec2 a, ImVec2 b) {
            dl->AddRectFilled(a + ImVec2(0, em * 0.2f), b - ImVec2(0, em * 0.2f), colours::pipe, em * 0.3f);
            const float w = (b.x - a.x) / 3;
            for (int i = 0; i < 3; ++i) {
                const float x = a.x + w * static_cast<float>(i);
                dl->AddRectFilled(ImVec2(x + 3, a.y + em * 0.35f), ImVec2(x + w - 3, b.y - em * 0.35f), colours::slot, 3);
            }
        });
    row("rendezvous: no slots; a send waits until a receiver takes the message", [&](ImDrawList* dl, ImVec2 a, ImVec2 b) {
        dl->AddRectFilled(a + ImVec2(0, em * 0.2f), b - ImVec2(0, em * 0.2f), colours::pipe, em * 0.3f);
        const ImVec2 m = middle(a, b);
        const float d = em * 0.35f;
        dl->AddQuad(m + ImVec2(0, -d), m + ImVec2(d, 0), m + ImVec2(0, d), m + ImVec2(-d, 0), colours::edge, 1.5f);
    });
    row("a timer or ticker: the hand moves a step each time it delivers", [&](ImDrawList* dl, ImVec2 a, ImVec2 b) {
        clock_icon(dl, middle(a, b), em * 0.65f, colours::timer, 0.25f);
    });
    row("closed: the cap on the senders' end; nothing more gets in", [&](ImDrawList* dl, ImVec2 a, ImVec2 b) {
        dl->AddRectFilled(a + ImVec2(em * 0.4f, em * 0.2f), b - ImVec2(0, em * 0.2f), colours::pipe, em * 0.3f);
        dl->AddRectFilled(ImVec2(a.x + em * 0.1f, a.y), ImVec2(a.x + em * 0.4f, b.y), colours::closed, 2);
    });
    row("disconnected: every sender (or every receiver) is gone", [&](ImDrawList* dl, ImVec2 a, ImVec2 b) {
        dl->AddRectFilled(a + ImVec2(0, em * 0.2f), b - ImVec2(0, em * 0.2f), colours::pipe, em * 0.3f);
        dashed_line(dl, a + ImVec2(0, em * 0.2f), ImVec2(b.x, a.y + em * 0.2f), colours::closed, 1.5f, em * 0.4f, em * 0.3f);
        dashed_line(dl, ImVec2(a.x, b.y - em * 0.2f), b - ImVec2(0, em * 0.2f), colours::closed, 1.5f, em * 0.4f, em * 0.3f);
    });
    row("broadcast: where each receiver is (the slot it reads next)", [&](ImDrawList* dl, ImVec2 a, ImVec2 b) {
        const ImVec2 m = middle(a, b);
        const float s = em * 0.35f;
        dl->AddTriangleFilled(ImVec2(m.x - em, m.y - s), ImVec2(m.x - em - s, m.y + s), ImVec2(m.x - em + s, m.y + s),
                              colours::in_call);
        dl->AddText(fonts.small, em * 0.87f, ImVec2(m.x - em * 0.4f, m.y - em * 0.5f), colours::in_call, "rx");
    });
}

// A sample link across the picture box, as the scene draws one.
path sample(ImVec2 a, ImVec2 b, float em) {
    path p;
    p.move_to(ImVec2(a.x, a.y + em * 0.3f)).link_to(ImVec2(b.x, b.y - em * 0.3f), em, b.y);
    return p;
}

void lines(float em) {
    row("who sends to and receives from which channel, as soon as the run has shown it",
        [&](ImDrawList* dl, ImVec2 a, ImVec2 b) { sample(a, b, em).draw(dl, colours::edge, 1.5f); });
    row("a thread waiting on that channel", [&](ImDrawList* dl, ImVec2 a, ImVec2 b) {
        sample(a, b, em).draw_dashed(dl, colours::blocked, 2.5f, em * 0.45f);
    });
    row("a select's candidate arm, numbered as in the program", [&](ImDrawList* dl, ImVec2 a, ImVec2 b) {
        sample(a, b, em).draw_dashed(dl, colours::arm, 2.0f, em * 0.35f);
    });
    row("the arm the select took", [&](ImDrawList* dl, ImVec2 a, ImVec2 b) {
        sample(a, b, em).draw(dl, colours::arm_taken, 4.0f);
    });
    row("deadlock: stuck threads are outlined; an arrow goes from each thread to the one it waits for",
        [&](ImDrawList* dl, ImVec2 a, ImVec2 b) {
            dl->AddRect(a + ImVec2(2, 2), ImVec2(a.x + em * 1.2f, b.y - 2), colours::deadlock, 3, 0, 3);
            dl->AddLine(ImVec2(a.x + em * 1.4f, (a.y + b.y) / 2), ImVec2(b.x - em * 0.5f, (a.y + b.y) / 2), colours::deadlock, 3);
            arrow_head(dl, ImVec2(b.x, (a.y + b.y) / 2), ImVec2(a.x, (a.y + b.y) / 2), colours::deadlock, em * 0.6f);
        });
}

void timeline_marks(float em) {
    for (mark m : {mark::sent, mark::delivered, mark::blocked, mark::select_done, mark::timer, mark::failed, mark::closed}) {
        row(mark_words(m), [&](ImDrawList* dl, ImVec2 a, ImVec2 b) {
            dl->AddRectFilled(ImVec2(a.x + em * 1.3f, a.y + em * 0.2f), ImVec2(a.x + em * 1.6f, b.y - em * 0.2f), mark_colour(m));
        });
    }
}

void keys() {
    const char* rows[][2] = {
        {"Space", "play / pause"}, {"← →", "step one event (with Shift: ten)"}, {"Home  End", "start / end"},
        {"+  −", "faster / slower"}, {"drag a file", "open a trace file"},
    };
    for (const auto& r : rows) {
        ImGui::Text("%-12s", r[0]);
        ImGui::SameLine(ImGui::GetFontSize() * 7);
        ImGui::TextUnformatted(r[1]);
    }
}

}  // namespace

void draw_legend(const font_set& fonts) {
    ImGui::BeginChild("##legend");
    const float em = ImGui::GetFontSize();
    auto heading = [&](const char* text) {
        ImGui::PushFont(fonts.heading);
        ImGui::TextUnformatted(text);
        ImGui::PopFont();
    };
    heading("Threads");
    states(em);
    heading("Channels and messages");
    channels(fonts, em);
    heading("Lines");
    lines(em);
    heading("Timeline marks");
    timeline_marks(em);
    heading("Keys");
    keys();
    ImGui::EndChild();
}

}  // namespace viz::ui
