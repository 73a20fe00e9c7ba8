// The scene's lines: who sends to and receives from which channel, a waiting thread's
// wait, a select's candidate arms and the one it took, and a deadlock's cycle.
#include <algorithm>
#include <string>

#include "ui/draw.hpp"
#include "ui/scene_painter.hpp"
#include "ui/vec.hpp"

namespace viz::ui {

namespace {

// Whether thread t is, right now, sending on (or receiving from) channel c.
bool busy_on(const viz::thread_view& t, viz::channel_id c, bool sending) {
    const bool busy = t.state == viz::phase::in_call || t.state == viz::phase::blocked;
    return busy && t.channel == c && t.op == (sending ? viz::operation::send : viz::operation::recv);
}

// How long after a select completes its arms stay shown, in moves.
constexpr double arms_linger = 3.0;

}  // namespace

void scene_painter::draw_edges() {
    const viz::timeline& tl = *view.tl;
    const auto now = static_cast<viz::event_ref>(std::max<std::ptrdiff_t>(view.frame.event, 0));
    for (std::size_t ci = 0; ci < tl.channel_count(); ++ci) {
        const pipe_box* p = pipe(tl.channel(ci).id);
        if (!p || view.frame.event < 0) continue;
        for (const viz::channel_use& u : tl.channel(ci).uses) {
            const viz::thread_id id = tl.thread(u.thread).id;
            const node_box* b = node(id);
            const viz::thread_view* t = scene.thread(id);
            if (!b || !t) continue;
            for (const bool sending : {true, false}) {
                const viz::event_ref first = sending ? u.first_send : u.first_recv;
                if (first == viz::no_event || first > now) continue;  // not seen yet at this moment
                path way;
                link(way, *b, *p, sending);
                if (!busy_on(*t, p->id, sending)) {
                    way.draw(dl, with_alpha(colours::edge, t->state == viz::phase::exited ? 0.35f : 0.7f), 1.5f);
                } else if (t->state == viz::phase::blocked) {
                    way.draw_dashed(dl, colours::blocked, 2.5f, em * 0.45f);
                } else {
                    way.draw(dl, colours::in_call, 2.5f);
                }
            }
        }
    }
}

void scene_painter::draw_select_arms() {
    for (const viz::thread_view& t : scene.threads) {
        if (t.op != viz::operation::select || t.arms.empty()) continue;
        const bool waiting = t.state == viz::phase::in_call || t.state == viz::phase::blocked;
        const bool just_done = since(t.outcome_event) < arms_linger * clock.travel();
        if (!waiting && !just_done) continue;
        const node_box* b = node(t.id);
        if (!b) continue;
        for (const viz::select_arm& arm : t.arms) {
            const pipe_box* p = pipe(arm.channel);
            if (!p) continue;
            path way;
            link(way, *b, *p, arm.is_send);
            const bool taken = !waiting && arm.index == t.arm_taken;
            if (taken) {
                way.draw(dl, colours::arm_taken, 4.0f);
            } else {
                way.draw_dashed(dl, with_alpha(colours::arm, waiting ? 1.0f : 0.5f), 2.0f, em * 0.35f);
            }
            // The arm's number, halfway along.
            const ImVec2 m = way.at(0.5f);
            const std::string label = "arm " + std::to_string(arm.index);
            const ImVec2 size = fonts.small->CalcTextSizeA(small, FLT_MAX, 0, label.c_str());
            const ImVec2 pad(small * 0.3f, small * 0.1f);
            dl->AddRectFilled(m - size * 0.5f - pad, m + size * 0.5f + pad,
                              taken ? colours::arm_taken : with_alpha(colours::arm, waiting ? 1.0f : 0.6f), small * 0.3f);
            centred_text(dl, fonts.small, small, m, okabe_ito::black, label);
        }
    }
}

// A cycle of threads waiting for each other: an arrow from each to the one it waits for.
void scene_painter::draw_cycle() {
    const std::vector<viz::thread_id>& cycle = view.deadlock().cycle;
    for (std::size_t i = 0; i < cycle.size(); ++i) {
        const node_box* a = node(cycle[i]);
        const node_box* b = node(cycle[(i + 1) % cycle.size()]);
        if (!a || !b || a == b) continue;
        // Bow the arrow to one side of the straight line, so that a->b and b->a do not overlap.
        const ImVec2 from = a->centre(), to = b->centre();
        const ImVec2 d = to - from;
        const float len = std::max(1.0f, length(d));
        const ImVec2 side(-d.y / len, d.x / len);
        const ImVec2 mid = lerp(from, to, 0.5f) + side * (len * 0.18f);
        const ImVec2 start = lerp(from, mid, 0.25f), end = lerp(mid, to, 0.72f);
        dl->AddBezierQuadratic(start, mid, end, colours::deadlock, 3.0f, 20);
        arrow_head(dl, end, lerp(mid, end, 0.8f), colours::deadlock, em * 0.8f);
        const char* words = "waits for";
        const ImVec2 size = fonts.small->CalcTextSizeA(small, FLT_MAX, 0, words);
        const ImVec2 label = lerp(start, end, 0.5f) + side * (len * 0.09f);
        dl->AddRectFilled(label - size * 0.5f - ImVec2(3, 1), label + size * 0.5f + ImVec2(3, 1), colours::background, 3.0f);
        centred_text(dl, fonts.small, small, label, colours::deadlock, words);
    }
}

}  // namespace viz::ui
