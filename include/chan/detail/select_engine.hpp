// The engine behind select: complete exactly one of several channel operations.
//
// Every flavor offers the same small interface for it (a `select_vtable`): try the
// operation now (claim), register / unregister a waiter, accept after being woken,
// report readiness, watch / unwatch for readiness only, and (timers) the instant it
// becomes ready. The engine is crossbeam-channel's `run_select`:
//
//   1. Shuffle the arms (so that when several are ready each is equally likely, and no
//      arm starves), then try each once. The first claim wins.
//   2. Otherwise register the waiter with every arm. If an arm reports itself ready
//      during registration, abort the wait (CAS `aborted` on our own waiter) and go
//      back to 1. Otherwise sleep until an arm's channel selects us (CAS to that arm's
//      operation id), a timer arm is due, or the timeout passes.
//   3. Unregister from every arm. If we were selected for an arm, `accept` it: for a
//      buffered channel that re-tries the claim (the wake-up was a hint), for a
//      rendezvous channel it takes the partner's packet (the pairing already happened).
//      Otherwise loop.
// Because selection is a CAS on one waiter word, at most one arm is ever handed to us;
// a claim is completed by the caller (the arm's `write` or `read`) exactly once.
//
// `run_ready` is the readiness-only variant (crossbeam's `Select::ready`): it watches
// instead of registering, and reports an arm that is ready without claiming it.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

#include "config.hpp"
#include "token.hpp"
#include "trace_hooks.hpp"
#include "waiter.hpp"

namespace chan {

// Thrown by a select that could only block forever: no arm can ever become ready and
// there is no timeout (e.g. every arm is `never()`, or there are no arms).
class select_error : public std::logic_error {
public:
    using std::logic_error::logic_error;
};

}  // namespace chan

namespace chan::detail {

struct select_vtable {
    bool (*try_select)(void* chan, token&);
    bool (*register_waiter)(void* chan, selection, waiter&);  // true: ready already
    void (*unregister_waiter)(void* chan, selection);
    bool (*accept)(void* chan, token&, waiter&);
    bool (*is_ready)(void* chan);
    bool (*watch)(void* chan, selection, waiter&);  // true: ready already
    void (*unwatch)(void* chan, selection);
    std::optional<instant> (*ready_at)(void* chan);  // timers: when they become ready
    bool (*can_ever_be_ready)(void* chan);
    const channel_desc& (*describe)(void* chan);
    bool is_send;
};

// One arm: an operation on one channel, and its position in the caller's list.
struct select_op {
    const select_vtable* vt;
    void* chan;
    std::size_t index;
};

struct select_timeout {
    enum class kind : std::uint8_t { now, never, at } k = kind::never;
    instant when{};

    static select_timeout none() noexcept { return {kind::never, {}}; }
    static select_timeout immediately() noexcept { return {kind::now, {}}; }
    static select_timeout at(const deadline& d) noexcept { return d.set ? select_timeout{kind::at, d.when} : none(); }
};

// How a select with this timeout may wait, as its trace says.
inline trace::select_wait wait_kind(const select_timeout& t) noexcept {
    switch (t.k) {
        case select_timeout::kind::now: return trace::select_wait::never;
        case select_timeout::kind::at: return trace::select_wait::timeout;
        case select_timeout::kind::never: break;
    }
    return trace::select_wait::forever;
}

// A small fast generator for shuffling arms; quality is irrelevant, speed is not.
inline std::uint64_t next_random() noexcept {
    thread_local std::uint64_t state = reinterpret_cast<std::uintptr_t>(&state) * 0x9E3779B97F4A7C15ull | 1;
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

inline void shuffle(std::span<select_op> ops) noexcept {
    for (std::size_t i = ops.size(); i > 1; --i) {
        // j in [0, i) by a multiply and a shift: a `% i` division would cost more than
        // the rest of the loop (arms are far fewer than 2^32).
        const std::size_t j = static_cast<std::size_t>(((next_random() >> 32) * i) >> 32);
        std::swap(ops[i - 1], ops[j]);
    }
}

inline void check_can_finish(std::span<select_op> ops, const select_timeout& timeout) {
    if (timeout.k != select_timeout::kind::never) return;
    const bool hopeless =
        std::none_of(ops.begin(), ops.end(), [](const select_op& op) { return op.vt->can_ever_be_ready(op.chan); });
    if (hopeless) {
        throw select_error(ops.empty() ? "chan::select: no arms and no timeout: it would block forever"
                                       : "chan::select: no arm can ever become ready (every arm is never() or a "
                                         "spent timer) and there is no timeout: it would block forever");
    }
}

inline deadline earliest_deadline(std::span<select_op> ops, const select_timeout& timeout) {
    deadline d = timeout.k == select_timeout::kind::at ? deadline::at(timeout.when) : deadline::never();
    for (const select_op& op : ops) {
        if (const auto at = op.vt->ready_at(op.chan)) {
            if (!d.set || *at < d.when) d = deadline::at(*at);
        }
    }
    return d;
}

struct claimed {
    token tok;
    std::size_t index;  // the caller's index of the claimed arm
};

// Claims one arm (or none, once the timeout passes). The caller must complete it.
// `probe` is the traced select's probe (select_probe*), or nullptr for an untraced one:
// a template argument, so that the untraced select is its own instantiation.
template <class SelectProbe>
std::optional<claimed> run_select(std::span<select_op> ops, const select_timeout& timeout, SelectProbe probe) {
    shuffle(ops);
    token t;
    for (const select_op& op : ops)
        if (op.vt->try_select(op.chan, t)) return claimed{t, op.index};
    check_can_finish(ops, timeout);  // only a select about to wait can wait forever

    for (;;) {
        if (timeout.k == select_timeout::kind::now) return std::nullopt;
        {
            thread_waiter::lease w;
            selection sel = sel_waiting;
            std::size_t registered = 0;
            std::optional<std::size_t> ready_during_registration;
            for (select_op& op : ops) {
                ++registered;
                if (op.vt->register_waiter(op.chan, operation_id(&op), *w)) {
                    sel = w->try_select(sel_aborted) ? sel_aborted : w->selected();
                    if (sel == sel_aborted) ready_during_registration = op.index;
                    break;
                }
                sel = w->selected();
                if (sel != sel_waiting) break;
            }
            if (sel == sel_waiting) {
                if constexpr (!std::is_null_pointer_v<SelectProbe>) report_blocked(*probe);
                sel = w->wait_until(earliest_deadline(ops, timeout));
            }
            for (std::size_t i = 0; i < registered; ++i) ops[i].vt->unregister_waiter(ops[i].chan, operation_id(&ops[i]));

            if (sel == sel_aborted && ready_during_registration) {
                for (const select_op& op : ops)
                    if (op.index == *ready_during_registration && op.vt->try_select(op.chan, t))
                        return claimed{t, op.index};
            } else if (sel != sel_aborted && sel != sel_disconnected) {
                for (select_op& op : ops)
                    if (sel == operation_id(&op) && op.vt->accept(op.chan, t, *w)) return claimed{t, op.index};
            }
        }
        for (const select_op& op : ops)
            if (op.vt->try_select(op.chan, t)) return claimed{t, op.index};
        if (timeout.k == select_timeout::kind::at && clock::now() >= timeout.when) return std::nullopt;
    }
}

// Waits until one arm is ready and returns its index, without claiming it.
inline std::optional<std::size_t> run_ready(std::span<select_op> ops, const select_timeout& timeout) {
    check_can_finish(ops, timeout);
    shuffle(ops);
    for (;;) {
        backoff b;
        for (;;) {
            for (const select_op& op : ops)
                if (op.vt->is_ready(op.chan)) return op.index;
            if (b.is_completed()) break;
            b.snooze();
        }
        if (timeout.k == select_timeout::kind::now) return std::nullopt;
        if (timeout.k == select_timeout::kind::at && clock::now() >= timeout.when) return std::nullopt;

        thread_waiter::lease w;
        selection sel = sel_waiting;
        std::size_t watched = 0;
        for (select_op& op : ops) {
            ++watched;
            const selection oper = operation_id(&op);
            if (op.vt->watch(op.chan, oper, *w)) {
                sel = w->try_select(oper) ? oper : w->selected();
                break;
            }
            sel = w->selected();
            if (sel != sel_waiting) break;
        }
        if (sel == sel_waiting) sel = w->wait_until(earliest_deadline(ops, timeout));
        for (std::size_t i = 0; i < watched; ++i) ops[i].vt->unwatch(ops[i].chan, operation_id(&ops[i]));
        for (select_op& op : ops)
            if (sel == operation_id(&op)) return op.index;
    }
}

}  // namespace chan::detail
