// Seeking and reading a scene out of the replay state (see cursor.hpp).
#include "model/cursor.hpp"

#include <algorithm>

namespace viz {

const thread_view* scene::thread(thread_id id) const noexcept {
    return find_by_id(threads, id, [](const thread_view& t) { return t.id; });
}

const channel_view* scene::channel(channel_id id) const noexcept {
    return find_by_id(channels, id, [](const channel_view& c) { return c.id; });
}

cursor::cursor(const timeline& tl) : tl_(&tl) {}

const scene& cursor::seek(std::ptrdiff_t i) {
    const auto last = static_cast<std::ptrdiff_t>(tl_->size()) - 1;
    move_to(std::clamp<std::ptrdiff_t>(i, -1, last));
    return scene_.get(*tl_, state_.event, [this](scene& s) { read_scene(s); });
}

const scene& cursor::seek_time(std::int64_t t_ns) { return seek(tl_->index_at(t_ns)); }

void cursor::move_to(std::ptrdiff_t i) {
    if (i == state_.event) return;
    const replay_state& checkpoint = tl_->checkpoint_before(i);
    // Replaying forward from here is never longer than from the checkpoint.
    if (state_.event > i || state_.event < checkpoint.event) state_ = checkpoint;
    for (std::ptrdiff_t j = state_.event + 1; j <= i; ++j) apply(state_, *tl_, static_cast<std::size_t>(j));
}

void cursor::read_scene(scene& s) {
    s.event = state_.event;
    s.time_ns = state_.event >= 0 ? tl_->event(static_cast<std::size_t>(state_.event)).time_ns : 0;
    s.threads.resize(state_.threads.size());
    for (std::uint32_t ti = 0; ti < state_.threads.size(); ++ti) read_thread(ti, s.threads[ti]);
    s.channels.resize(state_.channels.size());
    for (std::uint32_t ci = 0; ci < state_.channels.size(); ++ci) read_channel(ci, s.channels[ci]);
}

void cursor::read_thread(std::uint32_t ti, thread_view& v) {
    const timeline& tl = *tl_;
    const thread_state& t = state_.threads[ti];
    const thread_facts& f = tl.thread(ti);
    v.id = f.id;
    v.name = t.name_event != no_event ? std::string_view(tl.event(t.name_event).text) : f.default_name;
    v.state = t.state;
    v.op = t.op;
    v.channel = t.channel != no_index ? tl.channel(t.channel).id : 0;
    v.op_event = t.op_event;
    v.blocked_event = t.blocked_event;
    v.outcome_event = t.outcome_event;
    v.value = t.op == operation::send ? std::string_view(tl.event(t.op_event).text) : std::string_view();
    v.reason = t.blocked_event != no_event ? static_cast<trace::wait_reason>(tl.event(t.blocked_event).detail)
                                           : trace::wait_reason::empty;
    v.outcome = t.outcome_event != no_event ? outcome_of(tl.event(t.outcome_event)) : chan::status::ok;

    v.arms.clear();
    v.arm_taken = -1;
    v.select_wait = trace::select_wait::forever;
    if (t.op == operation::select) {
        const trace::event& b = tl.event(t.op_event);
        v.select_wait = static_cast<trace::select_wait>(std::clamp<std::int64_t>(b.b, 0, 2));
        for_each_arm(tl, t.op_event, state_.event, [&](std::size_t j) {
            const trace::event& a = tl.event(j);
            v.arms.push_back({a.arm, a.channel, a.detail == 1, a.text});
        });
        if (t.outcome_event != no_event) {
            v.arm_taken = tl.event(t.outcome_event).arm;
            for (const select_arm& a : v.arms)
                if (a.index == v.arm_taken && a.is_send) v.value = a.text;
        }
    }

    v.wakers.clear();
    v.clock_wakes = false;
    if (t.state == phase::blocked) {
        analyze_wait(tl, state_, ti, wait_);
        for (std::uint32_t w : wait_.wakers) v.wakers.push_back(tl.thread(w).id);
        v.clock_wakes = wait_.clock_wakes;
    }

    const trace::event* at = t.line_event != no_event ? &tl.event(t.line_event) : nullptr;
    v.file = at ? at->file : 0;
    v.line = at ? at->line : 0;
}

void cursor::read_channel(std::uint32_t ci, channel_view& v) {
    const timeline& tl = *tl_;
    const channel_state& c = state_.channels[ci];
    const channel_facts& f = tl.channel(ci);
    v.id = f.id;
    v.name = f.name;
    v.flavor = c.flavor;
    v.capacity = c.capacity;
    v.senders = c.senders;
    v.receivers = c.receivers;
    v.closed = c.closed_event != no_event;
    v.disconnected = c.disconnected_event != no_event;
    v.cause = c.cause;
    v.gone = c.senders <= 0 && c.receivers <= 0;
    v.sent = c.sent;
    v.received = c.received;
    v.dropped = c.dropped;
    v.ticks = c.ticks;
    v.last_tick_event = c.last_tick_event;
    v.occupancy = held_count(state_, tl, ci);

    ids_.clear();
    held_messages(state_, tl, ci, scene_limits::max_buffered, ids_);
    v.buffered.clear();
    for (std::uint64_t id : ids_) {
        const message_record* r = f.message(id);
        const trace::event& sent = tl.event(r->sent);
        v.buffered.push_back({id, sent.text, sent.thread, r->sent});
    }

    v.positions.clear();
    for (const receiver_place& p : state_.places)
        if (p.channel == ci) v.positions.push_back({tl.thread(p.thread).id, p.next});
}

}  // namespace viz
