// How the lock-free flavors (array, list) wait: spin briefly, then park.
#pragma once

#include "backoff.hpp"
#include "trace_hooks.hpp"
#include "token.hpp"
#include "waiter.hpp"
#include "waker.hpp"

namespace chan::detail {

// Retries `attempt` with backoff for a short while; true as soon as it succeeds.
template <class Attempt>
[[gnu::always_inline]] inline bool spin_until(Attempt attempt) noexcept(noexcept(attempt())) {
    backoff b;
    for (;;) {
        if (attempt()) return true;
        if (b.is_completed()) return false;
        b.snooze();
    }
}

// Registers as waiting on `side`, re-checks readiness (so that a notification sent
// between the failed attempt and the registration is not lost, see waker.hpp) and
// parks until notified, disconnected or past the deadline. The caller then retries.
template <class Probe, class Ready>
void park_on(sync_waker& side, const token& t, const deadline& d, Probe p, wait_reason why, Ready ready) {
    thread_waiter::lease w;
    const selection oper = operation_id(&t);
    side.add_selector(oper, *w);
    if (ready()) w->try_select(sel_aborted);
    if (p && w->selected() == sel_waiting) p->blocked(why);
    const selection s = w->wait_until(d);
    if (s == sel_aborted || s == sel_disconnected) side.remove_selector(oper);
}

}  // namespace chan::detail
