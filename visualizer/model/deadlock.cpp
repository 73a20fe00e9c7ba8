// Finding threads that nothing can wake (see deadlock.hpp).
#include "model/deadlock.hpp"

#include <algorithm>

#include "model/narrate.hpp"
#include "model/waiting.hpp"

namespace viz {

namespace {

struct waiter {
    std::uint32_t thread;  // index
    wait_analysis wait;
};

// Whether the rest of the trace shows this wait ending other than by a close.
bool ends_later(const timeline& tl, const thread_state& t, const wait_analysis& w) {
    const event_ref end = tl.wait_end(t.blocked_event);
    if (end == no_event) return false;
    const trace::event& e = tl.event(end);
    if (e.what == trace::kind::thread_exited) return false;
    if (e.what == trace::kind::send_done || e.what == trace::kind::recv_done) return true;
    if (outcome_of(e) != chan::status::disconnected) return true;  // completed or timed out
    for (const wait_target& target : w.targets) {
        const channel_facts& f = tl.channel(target.channel);
        if (f.disconnected_event <= end && f.cause != trace::disconnect_cause::closed) return true;
    }
    return false;
}

// Marks every waiter that can be woken, directly or through others that can.
void spread_wakeability(const std::vector<waiter>& waiting, std::vector<char>& can_act) {
    for (bool changed = true; changed;) {
        changed = false;
        for (const waiter& w : waiting) {
            if (can_act[w.thread]) continue;
            bool wake = false;
            for (std::uint32_t k : w.wait.wakers) wake |= can_act[k] != 0;
            // Nobody seen on the other side yet: whoever can act may turn out to be it.
            if (w.wait.unknown_side)
                for (std::size_t k = 0; k < can_act.size(); ++k) wake |= k != w.thread && can_act[k];
            if (wake) can_act[w.thread] = changed = true;
        }
    }
}

// A cycle in "waits for" among the stuck, as thread indexes (empty if none).
std::vector<std::uint32_t> find_cycle(const std::vector<const waiter*>& stuck) {
    auto find = [&](std::uint32_t ti) -> const waiter* {
        for (const waiter* w : stuck)
            if (w->thread == ti) return w;
        return nullptr;
    };
    for (const waiter* start : stuck) {
        // Follow first-stuck-waker links; a thread seen twice closes a cycle.
        std::vector<std::uint32_t> path{start->thread};
        for (const waiter* at = start; at;) {
            const waiter* next = nullptr;
            for (std::uint32_t k : at->wait.wakers)
                if ((next = find(k))) break;
            if (!next) break;
            auto seen = std::find(path.begin(), path.end(), next->thread);
            if (seen != path.end()) return {seen, path.end()};
            path.push_back(next->thread);
            at = next;
        }
    }
    return {};
}

std::string other_side_words(const scene& s, const timeline& tl, const wait_analysis& w, bool seen) {
    if (w.targets.size() != 1) {
        return seen ? "every thread seen on the other side of its channels has ended"
                    : "no thread has been seen on the other side of its channels";
    }
    const wait_target& t = w.targets.front();
    const channel_view* c = s.channel(tl.channel(t.channel).id);
    const std::string name(c ? c->name : std::string_view("its channel"));
    const std::string verb = t.needs_receiver ? "received from " : "sent on ";
    return seen ? "every thread that " + verb + name + " has ended" : "no thread has " + verb + name + " yet";
}

stuck_thread describe_stuck(const scene& s, const timeline& tl, const waiter& w, const std::vector<char>& stuck) {
    stuck_thread out;
    const thread_view& view = s.threads[w.thread];
    out.thread = view.id;
    for (const wait_target& t : w.wait.targets) out.channels.push_back(tl.channel(t.channel).id);
    for (std::uint32_t k : w.wait.wakers)
        if (stuck[k]) out.wakers.push_back(tl.thread(k).id);
    out.nobody_left = w.wait.counterpart_seen && !w.wait.unknown_side && w.wait.wakers.empty();
    out.text = std::string(view.name) + " " + wait_words(s, view);
    if (!out.wakers.empty()) {
        out.text += "; only " + either_words(s, out.wakers) +
                    (out.wakers.size() == 1 ? " could wake it, and waits too" : " could wake it, and they wait too");
    } else if (w.wait.counterpart_seen || w.wait.unknown_side) {
        out.text += "; " + other_side_words(s, tl, w.wait, out.nobody_left);
    }
    return out;
}

std::string cycle_words(const scene& s, const std::vector<thread_id>& cycle) {
    std::string words = "Deadlock: ";
    for (std::size_t k = 0; k < cycle.size(); ++k) {
        if (k > 0) words += k + 1 == cycle.size() ? ", and " : ", ";
        const thread_view* a = s.thread(cycle[k]);
        const thread_view* b = s.thread(cycle[(k + 1) % cycle.size()]);
        words += std::string(a->name) + " waits for " + std::string(b->name);
    }
    return words + ".";
}

std::string abandoned_words(const scene& s, const std::vector<stuck_thread>& threads) {
    std::vector<thread_id> ids;
    for (const stuck_thread& t : threads) ids.push_back(t.thread);
    const bool one = ids.size() == 1;
    return "Stuck: " + either_words(s, ids) + (one ? " waits" : " wait") + " with nobody left to wake " +
           (one ? "it." : "them.");
}

}  // namespace

deadlock_report find_deadlock(cursor& c) {
    const scene& s = c.seek(c.position());
    const timeline& tl = c.source();
    const replay_state& st = c.state();
    deadlock_report r;
    if (st.event < 0) return r;
    const auto at = static_cast<std::size_t>(st.event);
    if (at + 1 < tl.size()) r.quiet_ns = tl.event(at + 1).time_ns - tl.event(at).time_ns;

    std::vector<char> can_act(st.threads.size(), 0);
    std::vector<waiter> waiting;
    std::size_t live = 0;
    for (std::uint32_t ti = 0; ti < st.threads.size(); ++ti) {
        const thread_state& t = st.threads[ti];
        if (t.state == phase::exited) continue;
        ++live;
        if (t.state != phase::blocked) {
            can_act[ti] = 1;
            continue;
        }
        waiter w{ti, {}};
        analyze_wait(tl, st, ti, w.wait);
        if (w.wait.clock_wakes || ends_later(tl, t, w.wait)) {
            can_act[ti] = 1;
            continue;
        }
        waiting.push_back(std::move(w));
    }
    spread_wakeability(waiting, can_act);

    std::vector<const waiter*> stuck;
    std::vector<char> is_stuck(st.threads.size(), 0);
    for (const waiter& w : waiting)
        if (!can_act[w.thread]) {
            stuck.push_back(&w);
            is_stuck[w.thread] = 1;
        }
    if (stuck.empty()) return r;

    for (const waiter* w : stuck) r.threads.push_back(describe_stuck(s, tl, *w, is_stuck));
    for (std::uint32_t ti : find_cycle(stuck)) r.cycle.push_back(tl.thread(ti).id);
    if (!r.cycle.empty()) {
        r.kind = deadlock_kind::cycle;
        r.summary = cycle_words(s, r.cycle);
    } else if (stuck.size() == live) {
        r.kind = deadlock_kind::all_waiting;
        r.summary = "Deadlock: every thread is waiting, and none can wake another.";
    } else {
        r.kind = deadlock_kind::abandoned;
        r.summary = abandoned_words(s, r.threads);
    }
    r.certain = r.kind != deadlock_kind::abandoned;
    return r;
}

}  // namespace viz
