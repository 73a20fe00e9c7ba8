#include "ui/scene_view.hpp"

#include <algorithm>
#include <string>

#include "ui/draw.hpp"
#include "ui/scene_painter.hpp"
#include "ui/vec.hpp"

namespace viz::ui {

void draw_scene(app::run_view& v, const app::playback& clock, const font_set& fonts, ImVec2 top_left, ImVec2 size) {
    scene_painter(v, clock, fonts, top_left, size).draw();
}

scene_painter::scene_painter(app::run_view& v, const app::playback& c, const font_set& f, ImVec2 top_left,
                             ImVec2 canvas)
    : view(v),
      scene(v.scene()),
      clock(c),
      fonts(f),
      dl(ImGui::GetWindowDrawList()),
      em(f.body->FontSize * ImGui::GetIO().FontGlobalScale),
      small(f.small->FontSize * ImGui::GetIO().FontGlobalScale),
      origin(top_left),
      size(canvas) {
    banner_height = em * 2.9f;
    const int columns = std::max(1, v.lay.columns);
    int rows = 1;
    for (int r : v.lay.rows) rows = std::max(rows, r);
    column_width = size.x / static_cast<float>(columns);
    row_height = (size.y - banner_height) / static_cast<float>(rows);
    for (const viz::stuck_thread& s : v.deadlock().threads) stuck.push_back(s.thread);
    place_nodes();
    place_pipes();
    assign_lanes();
}

ImVec2 scene_painter::at(viz::point p) const {
    return {origin.x + p.x * size.x, origin.y + banner_height + p.y * (size.y - banner_height)};
}

const node_box* scene_painter::node(viz::thread_id id) const {
    for (const node_box& b : nodes) {
        if (b.id == id) return &b;
    }
    return nullptr;
}

const pipe_box* scene_painter::pipe(viz::channel_id id) const {
    for (const pipe_box& p : pipes) {
        if (p.id == id) return &p;
    }
    return nullptr;
}

ImVec2 scene_painter::slot_centre(const pipe_box& p, float slot) const {
    return at(viz::slot_position(*p.place, slot, p.shown));
}

float scene_painter::cell_width(const pipe_box& p) const {
    return (p.max.x - p.min.x) / static_cast<float>(std::max<std::size_t>(p.shown, 1));
}

double scene_painter::since(viz::event_ref i) const {
    if (i == viz::no_event || i >= view.tl->size()) return 1e300;
    return clock.time() - viz::time_of(*view.tl, i, clock.axis());
}

// Links that go right to left (a thread receiving from a channel right of it, say)
// detour through lanes at the bottom of the scene, one lane each, in a fixed order.
void scene_painter::assign_lanes() {
    const viz::timeline& tl = *view.tl;
    for (std::size_t ci = 0; ci < tl.channel_count(); ++ci) {
        const pipe_box* p = pipe(tl.channel(ci).id);
        if (!p) continue;
        for (const viz::channel_use& u : tl.channel(ci).uses) {
            const node_box* n = node(tl.thread(u.thread).id);
            if (!n) continue;
            if (u.first_send != viz::no_event && p->left().x <= n->right().x + 1) lanes.push_back({n->id, p->id, true});
            if (u.first_recv != viz::no_event && n->left().x <= p->right().x + 1) lanes.push_back({n->id, p->id, false});
        }
    }
}

path& scene_painter::link(path& way, const node_box& n, const pipe_box& p, bool sending) const {
    const ImVec2 from = sending ? n.right() : p.right();
    const ImVec2 to = sending ? p.left() : n.left();
    float lane_y = origin.y + size.y - em * 0.7f;
    for (std::size_t k = 0; k < lanes.size(); ++k) {
        if (lanes[k].thread == n.id && lanes[k].channel == p.id && lanes[k].sending == sending) {
            lane_y -= em * 0.55f * static_cast<float>(k);
        }
    }
    if (way.empty()) {
        way.move_to(from);
    } else {
        way.line_to(from);
    }
    return way.link_to(to, reach(), lane_y);
}

void scene_painter::place_nodes() {
    // Never wider than a column: in a narrow window (a phone) the least width would push
    // the outer columns' boxes past the scene's edges and the others into each other.
    // Names and captions are shortened to fit.
    const float w = std::min(std::clamp(column_width * 0.8f, em * 6.5f, em * 11.0f), column_width * 0.94f);
    const float h = std::min(em * 2.7f, std::max(em * 1.6f, row_height * 0.8f));
    for (const viz::thread_view& t : scene.threads) {
        const viz::node_place* p = view.lay.thread(t.id);
        if (!p) continue;  // a live run's newest thread, until the layout catches up
        const ImVec2 c = at(p->at);
        nodes.push_back({t.id, c - ImVec2(w / 2, h / 2), c + ImVec2(w / 2, h / 2)});
    }
}

void scene_painter::place_pipes() {
    const float h = std::min(em * 1.9f, std::max(em * 1.2f, row_height * 0.45f));
    for (const viz::channel_view& c : scene.channels) {
        const viz::placed_channel* p = view.lay.channel(c.id);
        if (!p) continue;
        const ImVec2 centre = at(p->place.at);
        // A timer is drawn as a clock: its box is the clock face, where links attach.
        const float half = viz::is_clock(c.flavor) ? timer_radius() : p->half_width * size.x;
        const float half_h = viz::is_clock(c.flavor) ? timer_radius() : h / 2;
        pipes.push_back({c.id, p, viz::shown_slots(c), centre - ImVec2(half, half_h), centre + ImVec2(half, half_h)});
    }
}

void scene_painter::draw() {
    dl->PushClipRect(origin, origin + size, true);
    dl->AddRectFilled(origin, origin + size, colours::background);
    draw_edges();
    draw_select_arms();
    draw_pipes();
    draw_nodes();
    draw_cycle();
    draw_tokens();
    draw_banner();
    dl->PopClipRect();
}

void scene_painter::draw_banner() {
    const viz::deadlock_report& d = view.deadlock();
    if (!d) return;
    const ImU32 colour = d.certain ? colours::deadlock : colours::probable;
    const ImVec2 a = origin + ImVec2(em * 0.5f, em * 0.4f);
    const ImVec2 b = ImVec2(origin.x + size.x - em * 0.5f, origin.y + banner_height - em * 0.3f);
    dl->AddRectFilled(a, b, with_alpha(colour, 0.9f), em * 0.3f);
    // The summary names the kind itself ("Deadlock: ...", "Stuck: ..."); an uncertain
    // one is hedged (a running thread may still drop a handle or close the channel).
    const std::string text = d.certain ? d.summary : "Possibly - " + d.summary;
    const float wrap = b.x - a.x - em;
    dl->AddText(fonts.body, em, a + ImVec2(em * 0.5f, em * 0.3f), okabe_ito::black, text.c_str(), nullptr, wrap);
}

}  // namespace viz::ui
