// How a blocking operation waits: the one waiting loop of every flavor but the
// rendezvous one (whose waiting is its pairing, zero.hpp).
//
// An operation that cannot complete now repeats three steps until it can, or until its
// deadline passes:
//   1. claim: try the operation (the flavor's start_send / start_recv, or a readiness
//      test), retrying briefly with backoff: a partner is often about to arrive, and a
//      short spin is far cheaper than sleeping and being woken;
//   2. give up if the deadline has passed;
//   3. park: sleep until something may have made the operation possible, then go to 1.
// What parking means is the flavor's choice, passed in as `park(deadline)`:
//   - `park_on(side, ...)` for the flavors that are woken by other threads: register a
//     waiter with the waker of the side it waits on (waker.hpp), re-check, sleep;
//   - a timer sleeps until its next delivery (timer.hpp), since only time wakes it.
// A woken operation always claims again: a wake-up is a hint, not a hand-off.
//
// A flavor writes its `park` as a lambda that captures no more than `this` and the
// probe, naming the waker and the reason inside its body: whatever the closure holds,
// g++ loads into registers before the first claim, so an operation that never parks
// would pay for it.
#pragma once

#include "backoff.hpp"
#include "config.hpp"
#include "trace_hooks.hpp"
#include "waiter.hpp"
#include "waker.hpp"

namespace chan::detail {

// Retries `attempt` with backoff for a short while; true as soon as it succeeds.
template <class Attempt>
CHAN_HOT_PATH inline bool spin_until(Attempt&& attempt) noexcept(noexcept(attempt())) {
    backoff b;
    for (;;) {
        if (attempt()) return true;
        if (b.is_completed()) return false;
        b.snooze();
    }
}

// Steps 1 to 3 above: true once `claim()` succeeded (the caller completes the
// operation), false if the deadline passed first.
template <class Claim, class Park>
CHAN_HOT_PATH inline bool wait_to_claim(const deadline& d, Claim&& claim, Park&& park) {
    for (;;) {
        if (spin_until(claim)) return true;
        if (d.passed()) return false;
        park(d);
    }
}

// Parks on `side`, the waker of the channel side the operation waits on: registers,
// re-checks `ready()` (a notification sent between the failed claim and the
// registration would otherwise be lost, see waker.hpp), reports the wait to the probe,
// and sleeps until notified, disconnected or past the deadline.
template <class Probe, class Ready>
void park_on(sync_waker& side, const deadline& d, Probe p, wait_reason why, Ready&& ready) {
    thread_waiter::lease w;
    const selection oper = operation_id(&w);  // unique while this wait is registered
    side.add_selector(oper, *w);
    if (ready()) w->try_select(sel_aborted);
    if (p && w->selected() == sel_waiting) p->blocked(why);
    const selection s = w->wait_until(d);
    if (s == sel_aborted || s == sel_disconnected) side.remove_selector(oper);
}

}  // namespace chan::detail
