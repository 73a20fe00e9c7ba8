// Who could wake a waiting thread (see waiting.hpp).
#include "model/waiting.hpp"

#include <algorithm>

namespace viz {

namespace {

bool live(const replay_state& s, std::uint32_t ti) noexcept {
    return ti < s.threads.size() && s.threads[ti].state != phase::exited;
}

// Adds what can end a wait on one channel: the clock, or the threads on the other side.
void add_target(const timeline& tl, const replay_state& s, std::uint32_t waiter, const wait_target& w,
                wait_analysis& out) {
    if (w.channel == no_index || w.channel >= s.channels.size()) return;
    out.targets.push_back(w);
    const channel_state& c = s.channels[w.channel];
    switch (c.flavor) {
        case trace::flavor::timer_at: out.clock_wakes |= c.ticks == 0; return;
        case trace::flavor::timer_tick: out.clock_wakes = true; return;
        case trace::flavor::never: return;
        default: break;
    }
    const auto now = static_cast<event_ref>(s.event);
    bool seen_here = false;
    for (const channel_use& u : tl.channel(w.channel).uses) {
        if (u.thread == waiter) continue;
        const event_ref seen = w.needs_receiver ? u.first_recv : u.first_send;
        if (seen > now) continue;
        seen_here = true;
        if (live(s, u.thread)) out.wakers.push_back(u.thread);
    }
    out.counterpart_seen |= seen_here;
    out.unknown_side |= !seen_here;
}

}  // namespace

void analyze_wait(const timeline& tl, const replay_state& s, std::uint32_t ti, wait_analysis& out) {
    out.targets.clear();
    out.wakers.clear();
    out.counterpart_seen = false;
    out.unknown_side = false;
    out.clock_wakes = false;
    const thread_state& t = s.threads[ti];
    if (t.state != phase::blocked || t.op_event == no_event) return;
    if (t.op == operation::select) {
        const trace::event& b = tl.event(t.op_event);
        out.clock_wakes = b.b == static_cast<std::int64_t>(trace::select_wait::timeout);
        for_each_arm(tl, t.op_event, s.event, [&](std::size_t j) {
            add_target(tl, s, ti, {tl.channel_of(j), tl.event(j).detail == 1}, out);
        });
    } else {
        add_target(tl, s, ti, {t.channel, t.op == operation::send}, out);
    }
    std::sort(out.wakers.begin(), out.wakers.end());
    out.wakers.erase(std::unique(out.wakers.begin(), out.wakers.end()), out.wakers.end());
}

chan::status outcome_of(const trace::event& e) noexcept {
    switch (e.what) {
        case trace::kind::send_failed:
        case trace::kind::recv_failed:
        case trace::kind::select_done:
            return e.detail <= static_cast<std::uint8_t>(chan::status::lagged) ? static_cast<chan::status>(e.detail)
                                                                              : chan::status::disconnected;
        default: return chan::status::ok;
    }
}

}  // namespace viz
