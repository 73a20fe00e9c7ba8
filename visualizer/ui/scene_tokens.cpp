// The scene's tokens: each message as a pill with its value, moving along the same
// lines the scene draws (sender -> pipe -> slot, slot -> pipe end -> receiver).
#include <algorithm>
#include <string>

#include "ui/draw.hpp"
#include "ui/scene_painter.hpp"
#include "ui/vec.hpp"

namespace viz::ui {

namespace {

// Fades a token in as it leaves its sender and out as it reaches its receiver, so that
// tokens do not pop in and out on top of the nodes.
float fade(const viz::token& k) {
    const float p = k.progress;
    switch (k.where) {
        case viz::leg::to_slot: return std::min(1.0f, p / 0.12f + 0.15f);
        case viz::leg::to_receiver: return std::min(1.0f, (1.0f - p) / 0.15f + 0.1f);
        case viz::leg::handover: return std::min({1.0f, p / 0.1f + 0.15f, (1.0f - p) / 0.12f + 0.1f});
        case viz::leg::in_slot: return 1.0f;
    }
    return 1.0f;
}

}  // namespace

void scene_painter::draw_tokens() {
    for (const viz::token& k : view.frame.tokens) {
        const pipe_box* p = pipe(k.channel);
        if (!p) continue;
        const node_box* from = node(k.from);
        const node_box* to = node(k.to);
        const ImVec2 slot = slot_centre(*p, k.slot);
        const viz::channel_view* c = scene.channel(k.channel);
        const bool clock = c && viz::is_clock(c->flavor);
        ImVec2 where = slot;
        path way;
        switch (k.where) {
            case viz::leg::in_slot: break;
            case viz::leg::to_slot:  // sender -> pipe's left end -> slot
                if (from) {
                    link(way, *from, *p, true);
                } else {
                    way.move_to(p->left());
                }
                where = way.line_to(slot).at(k.progress);
                break;
            case viz::leg::to_receiver:  // slot -> pipe's right end -> receiver
                way.move_to(clock ? p->centre() : slot);
                if (to) {
                    link(way, *to, *p, false);
                } else {
                    way.line_to(p->right());
                }
                where = way.at(k.progress);
                break;
            case viz::leg::handover:  // sender -> through the pipe -> receiver
                if (from) {
                    link(way, *from, *p, true);
                } else {
                    way.move_to(p->left());
                }
                way.line_to(p->right());
                if (to) link(way, *to, *p, false);
                where = way.at(k.progress);
                break;
        }
        const bool resting = k.where == viz::leg::in_slot;
        const float max_width = resting ? std::max(em * 1.2f, cell_width(*p) - 2.0f) : em * 6.0f;
        const std::string_view text = k.text.empty() && clock ? std::string_view("tick") : k.text;
        token_pill(dl, fonts, small, where, text, fade(k), max_width);
    }
}

}  // namespace viz::ui
