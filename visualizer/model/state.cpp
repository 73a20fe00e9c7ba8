// Moving the replay state forward by one event (see state.hpp for the rule that makes
// checkpoint + replay equal to replay from the start).
#include "model/state.hpp"

#include <algorithm>

#include "model/timeline.hpp"

namespace viz {

namespace {

thread_state& thread_at(replay_state& s, std::uint32_t ti) {
    if (ti >= s.threads.size()) s.threads.resize(ti + 1);  // indexes are given in order of appearance
    return s.threads[ti];
}

channel_state& channel_at(replay_state& s, std::uint32_t ci) {
    if (ci >= s.channels.size()) {
        const std::size_t old = s.channels.size();
        s.channels.resize(ci + 1);
        // A channel used before being introduced (a malformed trace): assume one handle per side.
        for (std::size_t k = old; k <= ci; ++k) s.channels[k].senders = s.channels[k].receivers = 1;
    }
    return s.channels[ci];
}

trace::flavor flavor_of(std::uint8_t detail) noexcept {
    return detail <= static_cast<std::uint8_t>(trace::flavor::broadcast_lagging) ? static_cast<trace::flavor>(detail)
                                                                                : trace::flavor::bounded;
}

void introduce(channel_state& c, const trace::event& e) {
    c.flavor = flavor_of(e.detail);
    c.capacity = e.a;
    // A channel created during the recording has one handle per side (the clock's
    // channels have no sender handle); an older one is followed by a `handles` event.
    c.senders = is_clock(c.flavor) ? 0 : 1;
    c.receivers = 1;
}

bool place_less(const receiver_place& a, const receiver_place& b) noexcept {
    return a.channel != b.channel ? a.channel < b.channel : a.thread < b.thread;
}

// The place of thread ti on channel ci (added at 0 if new; `known` says if it was there).
receiver_place& place_of(replay_state& s, std::uint32_t ci, std::uint32_t ti, bool* known = nullptr) {
    const receiver_place key{ci, ti, 0};
    auto it = std::lower_bound(s.places.begin(), s.places.end(), key, place_less);
    const bool there = it != s.places.end() && it->channel == ci && it->thread == ti;
    if (!there) it = s.places.insert(it, key);
    if (known) *known = there;
    return *it;
}

void message_sent(channel_state& c, std::uint64_t id) {
    ++c.sent;
    if (!c.any_message) {
        c.head = id;
        c.end = id + 1;
        c.any_message = true;
        return;
    }
    if (!is_broadcast(c.flavor)) c.head = std::min(c.head, id);
    c.end = std::max(c.end, id + 1);
}

// First-in first-out flavors: head moves past every message received by now.
void advance_head(channel_state& c, const channel_facts& facts, std::size_t i) {
    while (c.head < c.end) {
        const message_record* r = facts.message(c.head);
        if (!r || r->taken > i) break;
        ++c.head;
    }
}

void message_received(replay_state& s, const timeline& tl, std::uint32_t ci, std::uint32_t ti,
                      const trace::event& e, std::size_t i) {
    channel_state& c = channel_at(s, ci);
    const channel_facts& facts = tl.channel(ci);
    if (is_clock(c.flavor)) {
        ++c.received;
        return;
    }
    const message_record* r = facts.message(e.message);
    if (r && r->sent <= i) ++c.received;
    if (!c.any_message) {
        c.head = c.end = e.message + 1;  // sent before the recording began
        c.any_message = true;
    }
    if (is_broadcast(c.flavor)) {
        if (ti != no_index) {
            receiver_place& p = place_of(s, ci, ti);
            p.next = std::max(p.next, e.message + 1);
        }
        return;
    }
    advance_head(c, facts, i);
}

// A lagging broadcast receiver skipped `missed` messages: it moves to the oldest one
// kept (end - capacity when its place before is unknown).
void skip_ahead(replay_state& s, std::uint32_t ci, std::uint32_t ti, std::int64_t missed) {
    const channel_state& c = s.channels[ci];
    const std::uint64_t cap = c.capacity > 0 ? static_cast<std::uint64_t>(c.capacity) : 1;
    const std::uint64_t oldest = c.end > cap ? c.end - cap : 0;
    bool known = false;
    receiver_place& p = place_of(s, ci, ti, &known);
    p.next = known ? p.next + static_cast<std::uint64_t>(std::max<std::int64_t>(missed, 0)) : std::max(p.next, oldest);
}

// The operation of thread `t` ends with event i.
wait_change finish(thread_state& t, std::size_t i) {
    const bool was_blocked = t.state == phase::blocked;
    if (t.state != phase::exited) t.state = phase::running;
    t.blocked_event = no_event;
    t.outcome_event = static_cast<event_ref>(i);
    return was_blocked ? wait_change::ended : wait_change::none;
}

void begin(thread_state& t, operation op, std::uint32_t ci, std::size_t i) {
    t.op = op;
    t.channel = ci;
    t.op_event = static_cast<event_ref>(i);
    t.blocked_event = no_event;
    t.outcome_event = no_event;
    if (t.state != phase::exited) t.state = phase::in_call;
}

wait_change block(thread_state& t, std::size_t i) {
    if (t.state == phase::blocked || t.state == phase::exited) return wait_change::none;  // still the same wait
    t.state = phase::blocked;
    t.blocked_event = static_cast<event_ref>(i);
    return wait_change::began;
}

// A completion inside a select belongs to the select; select_done ends it.
bool inside_select(const thread_state& t) noexcept {
    return t.op == operation::select && (t.state == phase::in_call || t.state == phase::blocked);
}

void disconnect(replay_state& s, const timeline& tl, std::uint32_t ci, const trace::event& e, std::size_t i) {
    channel_state& c = channel_at(s, ci);
    if (c.disconnected_event != no_event) return;
    c.disconnected_event = static_cast<event_ref>(i);
    c.cause = e.detail <= static_cast<std::uint8_t>(trace::disconnect_cause::closed)
                  ? static_cast<trace::disconnect_cause>(e.detail)
                  : trace::disconnect_cause::closed;
    if (c.cause != trace::disconnect_cause::receivers_gone) return;
    // The last receiver went away: whatever the channel held is destroyed.
    c.dropped += held_count(s, tl, ci);
    c.head = c.end;
    for (receiver_place& p : s.places)
        if (p.channel == ci) p.next = std::max(p.next, c.end);
}

}  // namespace

wait_change apply(replay_state& s, const timeline& tl, std::size_t i) {
    const trace::event& e = tl.event(i);
    const std::uint32_t ti = tl.thread_of(i);
    const std::uint32_t ci = tl.channel_of(i);
    s.event = static_cast<std::ptrdiff_t>(i);
    // Every channel and thread the timeline has met by event i is in the state.
    if (ci != no_index) channel_at(s, ci);
    if (ti == no_index) {
        if (ci != no_index && e.what == trace::kind::channel_created) introduce(s.channels[ci], e);
        return wait_change::none;
    }
    thread_state& t = thread_at(s, ti);
    if (e.line != 0) t.line_event = static_cast<event_ref>(i);
    using trace::kind;
    switch (e.what) {
        case kind::thread_named: t.name_event = static_cast<event_ref>(i); return wait_change::none;
        case kind::channel_created:
            if (ci != no_index) introduce(channel_at(s, ci), e);
            return wait_change::none;
        case kind::handles:
            if (ci != no_index) {
                channel_state& c = s.channels[ci];
                c.senders = e.a;
                c.receivers = e.b;
            }
            return wait_change::none;
        case kind::send_begin: begin(t, operation::send, ci, i); return wait_change::none;
        case kind::recv_begin: begin(t, operation::recv, ci, i); return wait_change::none;
        case kind::select_begin: begin(t, operation::select, no_index, i); return wait_change::none;
        case kind::select_arm: return wait_change::none;
        case kind::send_blocked:
        case kind::recv_blocked:
        case kind::select_blocked: return block(t, i);
        case kind::send_done:
            if (ci != no_index && !is_clock(s.channels[ci].flavor)) message_sent(s.channels[ci], e.message);
            return inside_select(t) ? wait_change::none : finish(t, i);
        case kind::recv_done:
            if (ci != no_index) message_received(s, tl, ci, ti, e, i);
            return inside_select(t) ? wait_change::none : finish(t, i);
        case kind::send_failed:
        case kind::recv_failed:
        case kind::select_done: return finish(t, i);
        case kind::timer_fired:
            if (ci != no_index) {
                channel_state& c = s.channels[ci];
                ++c.ticks;
                ++c.sent;
                c.last_tick_event = static_cast<event_ref>(i);
            }
            return wait_change::none;
        case kind::closed:
            if (ci != no_index && s.channels[ci].closed_event == no_event)
                s.channels[ci].closed_event = static_cast<event_ref>(i);
            return wait_change::none;
        case kind::disconnected:
            if (ci != no_index) disconnect(s, tl, ci, e, i);
            return wait_change::none;
        case kind::lagged:
            if (ci != no_index) skip_ahead(s, ci, ti, e.a);
            return wait_change::none;
        case kind::thread_exited: {
            const wait_change w = t.state == phase::blocked ? wait_change::ended : wait_change::none;
            t.state = phase::exited;
            t.blocked_event = no_event;
            return w;
        }
    }
    return wait_change::none;
}

namespace {

// Broadcast: messages are held from the slowest receiver's place, and never more than
// `capacity` of them. Receivers are known by their places (set when they receive);
// while some live receiver has not received yet, its place is unknown, so the last
// `capacity` messages count as held.
std::uint64_t broadcast_low(const replay_state& s, std::uint32_t ci) {
    const channel_state& c = s.channels[ci];
    const std::uint64_t cap = c.capacity > 0 ? static_cast<std::uint64_t>(c.capacity) : 1;
    const std::uint64_t oldest_kept = std::max(c.head, c.end > cap ? c.end - cap : 0);
    std::uint64_t slowest = c.end;
    std::int64_t known = 0;
    for (const receiver_place& p : s.places) {
        if (p.channel != ci || s.threads[p.thread].state == phase::exited) continue;
        slowest = std::min(slowest, p.next);
        ++known;
    }
    return known < c.receivers ? oldest_kept : std::max(slowest, oldest_kept);
}

}  // namespace

void held_messages(const replay_state& s, const timeline& tl, std::uint32_t ci, std::size_t limit,
                   std::vector<std::uint64_t>& out) {
    const channel_state& c = s.channels[ci];
    if (!c.any_message || is_clock(c.flavor)) return;
    const channel_facts& facts = tl.channel(ci);
    const auto now = static_cast<std::size_t>(s.event);
    const bool broadcast = is_broadcast(c.flavor);
    // Only numbers with a record can be held; the bounds also keep a malformed trace's
    // huge numbers from making this loop long.
    std::uint64_t id = std::max(broadcast ? broadcast_low(s, ci) : c.head, facts.first_message);
    const std::uint64_t end = std::min(c.end, facts.first_message + facts.records.size());
    for (std::size_t n = 0; id < end && n < limit; ++id) {
        const message_record* r = facts.message(id);
        if (!r || r->sent > now) continue;
        if (!broadcast && r->taken <= now) continue;
        out.push_back(id);
        ++n;
    }
}

std::size_t held_count(const replay_state& s, const timeline& tl, std::uint32_t ci) {
    const channel_state& c = s.channels[ci];
    if (!c.any_message || is_clock(c.flavor)) return 0;
    if (is_broadcast(c.flavor)) {
        std::vector<std::uint64_t> ids;
        held_messages(s, tl, ci, static_cast<std::size_t>(-1), ids);
        return ids.size();
    }
    const std::uint64_t gone = c.received + c.dropped;
    return c.sent > gone ? static_cast<std::size_t>(c.sent - gone) : 0;
}

std::size_t replay_state::bytes() const noexcept {
    return sizeof(*this) + threads.capacity() * sizeof(thread_state) + channels.capacity() * sizeof(channel_state) +
           places.capacity() * sizeof(receiver_place);
}

}  // namespace viz
