// The scene's channels: pipes with their slots, timers as clocks, marks for closed and
// disconnected channels, and each broadcast receiver's place.
#include <algorithm>
#include <string>
#include <vector>

#include "ui/draw.hpp"
#include "ui/scene_painter.hpp"
#include "ui/vec.hpp"

namespace viz::ui {

namespace {

std::string fill(const viz::channel_view& c) {
    return std::to_string(c.occupancy) + "/" + std::to_string(c.capacity);
}

// The line under a pipe: flavor, how full, and its marks.
std::string pipe_words(const viz::channel_view& c) {
    std::string words;
    switch (c.flavor) {
        case trace::flavor::bounded: words = "bounded " + fill(c); break;
        case trace::flavor::unbounded: words = "unbounded · " + std::to_string(c.occupancy) + " queued"; break;
        case trace::flavor::rendezvous: words = "rendezvous (no slots)"; break;
        case trace::flavor::oneshot: words = "oneshot " + fill(c); break;
        case trace::flavor::broadcast: words = "broadcast " + fill(c); break;
        case trace::flavor::broadcast_lagging: words = "lagging broadcast " + fill(c); break;
        case trace::flavor::timer_at: words = c.ticks > 0 ? "timer: fired" : "timer: not yet"; break;
        case trace::flavor::timer_tick: words = "ticker: " + std::to_string(c.ticks) + (c.ticks == 1 ? " tick" : " ticks"); break;
        case trace::flavor::never: words = "never delivers"; break;
    }
    if (c.gone) return words + " · gone";
    if (c.closed) return words + " · closed";
    if (c.disconnected) {
        return words + (c.cause == trace::disconnect_cause::senders_gone ? " · no senders left" : " · no receivers left");
    }
    return words;
}

}  // namespace

void scene_painter::draw_pipes() {
    for (const pipe_box& p : pipes) {
        const viz::channel_view* c = scene.channel(p.id);
        if (!c) continue;
        if (viz::is_clock(c->flavor)) {
            draw_timer(p, *c);
        } else {
            draw_pipe(p, *c);
        }
    }
}

void scene_painter::draw_pipe(const pipe_box& p, const viz::channel_view& c) {
    const float alpha = c.gone ? 0.45f : 1.0f;
    const float h = p.max.y - p.min.y;
    const float r = h * 0.3f;
    dl->AddRectFilled(p.min, p.max, with_alpha(colours::pipe, alpha), r);
    if (c.disconnected) {
        dashed_line(dl, p.min, ImVec2(p.max.x, p.min.y), with_alpha(colours::closed, alpha), 1.5f, em * 0.4f, em * 0.3f);
        dashed_line(dl, ImVec2(p.min.x, p.max.y), p.max, with_alpha(colours::closed, alpha), 1.5f, em * 0.4f, em * 0.3f);
    }

    // The cells, slot 0 (the next out) at the right end.
    const float cw = cell_width(p);
    const float pad = std::min(em * 0.15f, cw * 0.1f);
    if (c.flavor == trace::flavor::rendezvous) {
        // No slot: the hand-off point, where a sender and a receiver meet.
        const ImVec2 m = p.centre();
        const float d = h * 0.3f;
        dl->AddQuad(m + ImVec2(0, -d), m + ImVec2(d, 0), m + ImVec2(0, d), m + ImVec2(-d, 0),
                    with_alpha(colours::edge, alpha), 1.5f);
    } else {
        for (std::size_t i = 0; i < p.shown; ++i) {
            const ImVec2 m = slot_centre(p, static_cast<float>(i));
            dl->AddRectFilled(ImVec2(m.x - cw / 2 + pad, p.min.y + pad * 1.5f), ImVec2(m.x + cw / 2 - pad, p.max.y - pad * 1.5f),
                              with_alpha(colours::slot, alpha), r * 0.6f);
        }
        if (c.occupancy > p.shown) {  // an unbounded channel holding more than the cells
            const std::string more = "+" + std::to_string(c.occupancy - p.shown);
            dl->AddText(fonts.small, small, ImVec2(p.min.x - em * 0.2f - fonts.small->CalcTextSizeA(small, FLT_MAX, 0, more.c_str()).x, p.min.y),
                        colours::quiet_text, more.c_str());
        }
    }
    if (c.closed) {  // a cap on the senders' end: nothing more gets in
        dl->AddRectFilled(ImVec2(p.min.x - em * 0.3f, p.min.y - em * 0.2f), ImVec2(p.min.x, p.max.y + em * 0.2f),
                          with_alpha(colours::closed, alpha), 2.0f);
    }

    const float label_width = std::max(p.max.x - p.min.x, column_width * 0.9f);
    const std::string name = fitted(fonts.body, em, c.name, label_width);
    centred_text(dl, fonts.body, em, ImVec2(p.centre().x, p.min.y - em * 0.7f), with_alpha(colours::text, alpha), name);
    // The words under the pipe: on up to three lines rather than cut short where the column
    // is narrow, as many as fit above the name of a pipe in the row below.
    const float line_step = small * 1.15f;
    const float room = row_height - h - em * 1.2f - small * 1.25f;  // below the first line
    const std::size_t max_lines = 1 + static_cast<std::size_t>(std::clamp(room / line_step, 0.0f, 2.0f));
    const std::vector<std::string> lines = wrapped(fonts.small, small, pipe_words(c), label_width, max_lines);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        centred_text(dl, fonts.small, small, ImVec2(p.centre().x, p.max.y + small * 0.75f + line_step * static_cast<float>(i)),
                     with_alpha(colours::quiet_text, alpha), lines[i]);
    }
    if (viz::is_broadcast(c.flavor)) draw_positions(p, c, p.max.y + small * 1.7f + line_step * static_cast<float>(lines.size() - 1));

    if (ImGui::IsMouseHoveringRect(p.min, p.max)) {
        ImGui::BeginTooltip();
        ImGui::Text("%s: %s", std::string(c.name).c_str(), pipe_words(c).c_str());
        ImGui::Text("senders %lld, receivers %lld", static_cast<long long>(c.senders), static_cast<long long>(c.receivers));
        ImGui::Text("%llu sent, %llu received", static_cast<unsigned long long>(c.sent),
                    static_cast<unsigned long long>(c.received));
        if (c.dropped > 0) ImGui::Text("%llu dropped unread", static_cast<unsigned long long>(c.dropped));
        ImGui::EndTooltip();
    }
}

void scene_painter::draw_timer(const pipe_box& p, const viz::channel_view& c) {
    const float radius = timer_radius();
    // The hand moves a twelfth of a turn per delivery, over the time a token takes to move.
    float turns = static_cast<float>(c.ticks) / 12.0f;
    if (c.ticks > 0) {
        const double step = std::min(1.0, since(c.last_tick_event) / clock.travel());
        turns -= static_cast<float>(1.0 - step) / 12.0f;
    }
    const ImU32 colour = c.flavor == trace::flavor::never ? colours::exited : colours::timer;
    clock_icon(dl, p.centre(), radius, colour, turns);
    centred_text(dl, fonts.body, em, ImVec2(p.centre().x, p.centre().y - radius - em * 0.6f), colours::text, c.name);
    centred_text(dl, fonts.small, small, ImVec2(p.centre().x, p.centre().y + radius + small * 0.7f), colours::quiet_text,
                 pipe_words(c));
}

// Each broadcast receiver's place: a marker under the slot it reads next, with its
// name; one row per receiver, the first at `y`, so that names never overlap.
void scene_painter::draw_positions(const pipe_box& p, const viz::channel_view& c, float y) {
    const std::uint64_t oldest = c.buffered.empty() ? 0 : c.buffered.front().id;
    for (const viz::receiver_position& rp : c.positions) {
        const std::uint64_t behind = c.buffered.empty() || rp.next < oldest ? 0 : rp.next - oldest;
        const std::size_t slot = std::min<std::size_t>(static_cast<std::size_t>(behind), p.shown - 1);
        const ImVec2 m = slot_centre(p, static_cast<float>(slot));
        const float s = small * 0.35f;
        dl->AddTriangleFilled(ImVec2(m.x, y - s), ImVec2(m.x - s, y + s * 0.6f), ImVec2(m.x + s, y + s * 0.6f), colours::in_call);
        const viz::thread_view* t = scene.thread(rp.thread);
        const std::string who = fitted(fonts.small, small, t ? t->name : std::string_view("?"), em * 6.0f);
        dl->AddText(fonts.small, small, ImVec2(m.x + s * 1.6f, y - small * 0.55f), colours::in_call, who.c_str());
        y += small * 1.15f;
    }
}

}  // namespace viz::ui
