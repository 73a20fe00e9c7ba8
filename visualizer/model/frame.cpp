// Where each message is at time t (see frame.hpp).
#include "model/frame.hpp"

#include <algorithm>
#include <cmath>

namespace viz {

double time_of(const timeline& tl, std::size_t i, time_axis axis) noexcept {
    return axis == time_axis::events ? static_cast<double>(i) : static_cast<double>(tl.event(i).time_ns);
}

std::ptrdiff_t event_at(const timeline& tl, double t, time_axis axis) noexcept {
    const auto last = static_cast<std::ptrdiff_t>(tl.size()) - 1;
    if (axis == time_axis::events) {
        if (!(t >= 0)) return -1;  // also NaN
        return t >= static_cast<double>(last) ? last : static_cast<std::ptrdiff_t>(std::floor(t));
    }
    if (!(t >= static_cast<double>(INT64_MIN) && t < static_cast<double>(INT64_MAX))) return t > 0 ? last : -1;
    return tl.index_at(static_cast<std::int64_t>(std::floor(t)));
}

namespace {

// The first event that happened after `t` (events at or before it are finished moves).
std::size_t first_after(const timeline& tl, double t, time_axis axis, std::size_t upto) {
    return static_cast<std::size_t>(std::min<std::ptrdiff_t>(event_at(tl, t, axis) + 1, static_cast<std::ptrdiff_t>(upto)));
}

float progress(double t, double start, double travel) {
    if (!(travel > 0)) return 1.0f;
    return static_cast<float>(std::clamp((t - start) / travel, 0.0, 1.0));
}

// A message leaving its channel (a receive in the window): one moving token, and the
// messages behind it move up (except in a broadcast, where each receiver gets a copy
// and the message stays until every receiver has it).
void add_departure(const cursor& c, std::size_t j, float p, const scene& s, frame& f, std::vector<float>& shift) {
    const timeline& tl = c.source();
    const trace::event& e = tl.event(j);
    const std::uint32_t ci = tl.channel_of(j);
    const channel_state& ch = c.state().channels[ci];
    token k;
    k.channel = e.channel;
    k.message = e.message;
    k.to = e.thread;
    k.progress = p;
    k.where = ch.flavor == trace::flavor::rendezvous ? leg::handover : leg::to_receiver;
    if (const message_record* r = tl.channel(ci).message(e.message); r && r->sent != no_event) {
        k.text = tl.event(r->sent).text;
        k.from = tl.event(r->sent).thread;
    }
    if (is_broadcast(ch.flavor)) {
        const channel_view* v = s.channel(e.channel);
        if (v && !v->buffered.empty() && e.message >= v->buffered.front().id)
            k.slot = static_cast<float>(e.message - v->buffered.front().id);
    } else if (!is_clock(ch.flavor)) {
        shift[ci] += 1.0f - p;
    }
    f.tokens.push_back(k);
}

void add_held(const timeline& tl, const channel_view& v, float shift, double t, const animation& a, frame& f) {
    float slot = shift;
    for (const message_view& m : v.buffered) {
        token k;
        k.channel = v.id;
        k.message = m.id;
        k.text = m.text;
        k.from = m.sender;
        k.slot = slot;
        slot += 1.0f;
        const double sent = time_of(tl, m.sent_event, a.axis);
        k.progress = progress(t, sent, a.travel);
        k.where = k.progress < 1.0f ? leg::to_slot : leg::in_slot;
        f.tokens.push_back(k);
    }
}

}  // namespace

void compute_frame(cursor& c, double t, const animation& a, frame& f) {
    const timeline& tl = c.source();
    f.t = t;
    f.event = event_at(tl, t, a.axis);
    f.tokens.clear();
    const scene& s = c.seek(f.event);
    if (f.event < 0) return;

    const auto upto = static_cast<std::size_t>(f.event) + 1;
    std::size_t first = first_after(tl, t - a.travel, a.axis, upto);
    if (upto - first > a.max_moving) first = upto - a.max_moving;

    // Departures first: they decide how far the held messages have moved up.
    std::vector<float> shift(c.state().channels.size(), 0.0f);
    for (std::size_t j = first; j < upto; ++j) {
        if (tl.event(j).what != trace::kind::recv_done || tl.channel_of(j) == no_index) continue;
        add_departure(c, j, progress(t, time_of(tl, j, a.axis), a.travel), s, f, shift);
    }
    for (std::size_t ci = 0; ci < s.channels.size(); ++ci) add_held(tl, s.channels[ci], shift[ci], t, a, f);
}

}  // namespace viz
