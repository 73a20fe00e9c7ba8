// Waiting on several channel operations at once.
//
// The static form reads like Go's select statement. Exactly one arm runs:
//
//   chan::select(
//       chan::on_recv(numbers, [](chan::recv_result<int> r) { if (r) use(*r); }),
//       chan::on_recv(words,   [](auto r) { ... }),
//       chan::on_send(out, job, [](chan::send_result<job_t> r) { ... }),
//       chan::on_timeout(100ms, [] { ... }));   // or on_deadline(tp, f), or on_default(f)
//
// It returns the index (in argument order) of the arm that ran. At most one of
// on_timeout / on_deadline / on_default may be given; without one, select waits until
// an arm completes.
//
// The dynamic form is for operations known only at run time:
//
//   chan::selector sel;
//   for (auto& rx : receivers) sel.recv(rx);
//   auto op = sel.select();                    // waits; claims one operation
//   auto r = op.recv(receivers[op.index()]);   // completes it: must be called
//
// plus `ready()`, which reports an operation that is ready without claiming it.
//
// Rules (crossbeam-channel's): exactly one operation completes per select. When several
// are ready, each is equally likely to be chosen, so no arm starves. A receive on a
// disconnected channel is ready (its handler gets `status::disconnected`); a send to a
// channel whose receivers are gone is ready and fails, handing its message back. The
// same channel may appear in several arms. A select that could only block forever (no
// arm can ever become ready, no timeout) throws `chan::select_error`; a static select
// without any arm does not compile. Arms may be receivers and senders of any flavor:
// channels, timers, oneshot and broadcast.
//
// A send arm given an lvalue (`on_send(tx, job, f)`) moves from it only when that arm is
// the one that sends; otherwise `job` keeps its message. Given an rvalue, the arm owns
// the message, and it is destroyed if another arm runs.
#pragma once

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "channel.hpp"
#include "detail/select_engine.hpp"
#include "detail/selectable.hpp"
#include "trace/select_probe.hpp"

namespace chan {

namespace detail {

// Channels' receivers and senders reach their flavor through the control block.
// Their `visit`, like visit_send_side / visit_recv_side and the arms' `complete`, is
// forced inline: it is glue between a select and a flavor, and with tracing compiled in
// g++ otherwise kept some of it out of line on the untraced path (config.hpp).
template <class T>
struct receiver_access {
    static void* target(receiver<T>& h) noexcept { return access::core_of(h); }
    template <class Fn>
    [[gnu::always_inline]] static decltype(auto) visit(void* c, Fn&& fn) {
        return visit_recv_side(*static_cast<core_base<T>*>(c), std::forward<Fn>(fn));
    }
    static const channel_desc& describe(void* c) noexcept { return static_cast<core_base<T>*>(c)->desc; }
};

template <class T>
struct sender_access {
    static void* target(sender<T>& h) noexcept { return access::core_of(h); }
    template <class Fn>
    [[gnu::always_inline]] static decltype(auto) visit(void* c, Fn&& fn) {
        return visit_send_side(*static_cast<core_base<T>*>(c), std::forward<Fn>(fn));
    }
    static const channel_desc& describe(void* c) noexcept { return static_cast<core_base<T>*>(c)->desc; }
};

template <class T>
struct selectable<receiver<T>> : recv_selectable<T, receiver_access<T>> {};
template <class T>
struct selectable<sender<T>> : send_selectable<T, sender_access<T>> {};

// ---- arms of the static select ----

template <class H, class F>
struct recv_arm {
    H* handle;
    F handler;
    std::optional<recv_result<selectable_value_t<H>>> result = {};
};

// `V` is `T&` for a message the caller keeps unless sent, `T` for one the arm owns.
template <class H, class V, class F>
struct send_arm {
    using T = selectable_value_t<H>;
    H* handle;
    V message;
    F handler;
    std::optional<stored<T>> prepared = {};  // the message, moved in before any claim is made
    std::optional<send_result<T>> result = {};
};

template <class F>
struct timing_arm {
    select_timeout timeout;
    F handler;
};

template <class A>
struct arm_kind {
    static constexpr bool is_channel = true;
};
template <class F>
struct arm_kind<timing_arm<F>> {
    static constexpr bool is_channel = false;
};

}  // namespace detail

// ---- arm factories ----

// An arm that receives from `rx` (a receiver, oneshot or broadcast receiver) and calls
// `handler(chan::recv_result<T>)`.
template <class H, class F>
detail::recv_arm<H, std::decay_t<F>> on_recv(H& rx, F&& handler) {
    static_assert(!detail::selectable<H>::is_send, "chan::on_recv needs a receiving handle");
    static_assert(std::is_invocable_v<std::decay_t<F>, recv_result<detail::selectable_value_t<H>>>,
                  "chan::on_recv: the handler must accept a chan::recv_result<T>");
    return {&rx, std::forward<F>(handler)};
}

// An arm that sends `message` through `tx` and calls `handler(chan::send_result<T>)`.
template <class H, class U, class F>
auto on_send(H& tx, U&& message, F&& handler) {
    using T = detail::selectable_value_t<H>;
    static_assert(detail::selectable<H>::is_send, "chan::on_send needs a sending handle");
    static_assert(std::is_invocable_v<std::decay_t<F>, send_result<T>>,
                  "chan::on_send: the handler must accept a chan::send_result<T>");
    using V = std::conditional_t<std::is_lvalue_reference_v<U>, T&, T>;
    return detail::send_arm<H, V, std::decay_t<F>>{&tx, std::forward<U>(message), std::forward<F>(handler)};
}

// An arm that runs `handler()` if no other arm completes within `timeout`.
template <class Rep, class Period, class F>
detail::timing_arm<std::decay_t<F>> on_timeout(std::chrono::duration<Rep, Period> timeout, F&& handler) {
    return {detail::select_timeout::at(detail::deadline::after(timeout)), std::forward<F>(handler)};
}

// An arm that runs `handler()` if no other arm completes by `deadline`.
template <class Clock, class Duration, class F>
detail::timing_arm<std::decay_t<F>> on_deadline(std::chrono::time_point<Clock, Duration> deadline, F&& handler) {
    return {detail::select_timeout::at(detail::deadline::until(deadline)), std::forward<F>(handler)};
}

// An arm that runs `handler()` at once if no other arm can complete without waiting.
template <class F>
detail::timing_arm<std::decay_t<F>> on_default(F&& handler) {
    return {detail::select_timeout::immediately(), std::forward<F>(handler)};
}

// ---- the static select ----

// `chan::select(arms...)` runs the select when constructed (a class, so that it can
// also capture the caller's source location for tracing) and converts to the index of
// the arm that ran.
template <class... Arms>
class select {
    static constexpr std::size_t channel_arms = (std::size_t{0} + ... + (detail::arm_kind<std::remove_cvref_t<Arms>>::is_channel ? 1 : 0));
    static constexpr std::size_t timing_arms = sizeof...(Arms) - channel_arms;
    static_assert(timing_arms <= 1, "chan::select: at most one of on_timeout, on_deadline, on_default");
    static_assert(sizeof...(Arms) > 0, "chan::select: a select without arms would block forever");

public:
    // Traced and untraced selects are separate instantiations of run, so that the
    // untraced one is the code a build without tracing has: with the probe decided at
    // run time inside one body, the arms and the claim stayed in memory (11% more
    // instructions per select, bench/RESULTS.md).
    select(Arms&&... arms, source_location loc = source_location::current()) {
        if (detail::tracing_on()) [[unlikely]] {
            run<true>(std::forward_as_tuple(arms...), loc, std::index_sequence_for<Arms...>{});
        } else {
            run<false>(std::forward_as_tuple(arms...), loc, std::index_sequence_for<Arms...>{});
        }
    }

    // The index, in argument order, of the arm that ran.
    std::size_t index() const noexcept { return index_; }
    operator std::size_t() const noexcept { return index_; }

private:
    template <bool Traced, class Tuple, std::size_t... I>
    void run(Tuple arms, source_location loc, std::index_sequence<I...>) {
        std::array<detail::select_op, channel_arms> ops{};
        std::size_t n = 0;
        detail::select_timeout timeout = detail::select_timeout::none();
        (collect(std::get<I>(arms), I, ops, n, timeout), ...);

        std::optional<detail::claimed> c;
        std::optional<detail::select_probe> probe;
        std::size_t ran = sizeof...(Arms);
        try {
            // Every send arm moves its message into channel storage before anything is
            // claimed: what may throw (boxing a message) must happen before, not after.
            (prepare(std::get<I>(arms)), ...);
            if constexpr (Traced) {
                probe.emplace(channel_arms, wait_kind(timeout), loc);
                (describe(std::get<I>(arms), I, *probe), ...);
            }
            if constexpr (Traced) {
                c = detail::run_select(ops, timeout, &*probe);
            } else {
                c = detail::run_select(ops, timeout, nullptr);
            }
            // Complete the claimed operation before anything else. Only a broadcast
            // receive can throw here (copying the message), and then it received nothing.
            if (c) (void)((c->index == I ? (finish<Traced>(std::get<I>(arms), c->tok, probe, I), ran = I, true) : false) || ...);
        } catch (...) {
            (restore_unsent(std::get<I>(arms), false), ...);
            throw;
        }

        // Then give unsent messages back, then run the one handler.
        if (!c) {
            if constexpr (Traced) probe->done(-1, timeout.k == detail::select_timeout::kind::now ? status::empty : status::timeout);
            (void)((detail::arm_kind<std::remove_cvref_t<Arms>>::is_channel ? false : (ran = I, true)) || ...);
        }
        index_ = ran;
        (restore_unsent(std::get<I>(arms), ran == I), ...);
        (void)((ran == I ? (call_handler(std::get<I>(arms)), true) : false) || ...);
    }

    static trace::select_wait wait_kind(const detail::select_timeout& t) noexcept {
        switch (t.k) {
            case detail::select_timeout::kind::now: return trace::select_wait::never;
            case detail::select_timeout::kind::at: return trace::select_wait::timeout;
            default: return trace::select_wait::forever;
        }
    }

    template <class A>
    static void prepare(A&) {}
    template <class H, class V, class F>
    static void prepare(detail::send_arm<H, V, F>& a) {
        a.prepared.emplace(detail::store(std::move(a.message)));
    }

    template <class H, class F>
    static void collect(detail::recv_arm<H, F>& a, std::size_t i, std::array<detail::select_op, channel_arms>& ops,
                        std::size_t& n, detail::select_timeout&) {
        ops[n++] = detail::selectable<H>::op(*a.handle, i);
    }
    template <class H, class V, class F>
    static void collect(detail::send_arm<H, V, F>& a, std::size_t i, std::array<detail::select_op, channel_arms>& ops,
                        std::size_t& n, detail::select_timeout&) {
        ops[n++] = detail::selectable<H>::op(*a.handle, i);
    }
    template <class F>
    static void collect(detail::timing_arm<F>& a, std::size_t, std::array<detail::select_op, channel_arms>&,
                        std::size_t&, detail::select_timeout& timeout) {
        timeout = a.timeout;
    }

    template <class H, class F>
    static void describe(detail::recv_arm<H, F>& a, std::size_t i, detail::select_probe& p) {
        p.arm(i, detail::selectable<H>::desc(*a.handle), false);
    }
    template <class H, class V, class F>
    static void describe(detail::send_arm<H, V, F>& a, std::size_t i, detail::select_probe& p) {
        using T = detail::selectable_value_t<H>;
        p.arm(i, detail::selectable<H>::desc(*a.handle), true, trace::format_value(detail::unbox<T>(*a.prepared)));
    }
    template <class F>
    static void describe(detail::timing_arm<F>&, std::size_t, detail::select_probe&) {}

    // Completing the arm that was claimed (selectable.hpp: traced or not). Traced is a
    // template argument, not a test of `sp`: with the test, g++ kept finish out of line.
    template <bool Traced, class H, class F>
    static void finish(detail::recv_arm<H, F>& a, detail::token& t, std::optional<detail::select_probe>& sp,
                       std::size_t i) {
        if constexpr (Traced) {
            a.result.emplace(detail::selectable<H>::complete_traced(*a.handle, t, *sp, i));
        } else {
            a.result.emplace(detail::selectable<H>::complete(*a.handle, t, detail::no_probe{}));
        }
    }
    template <bool Traced, class H, class V, class F>
    static void finish(detail::send_arm<H, V, F>& a, detail::token& t, std::optional<detail::select_probe>& sp,
                       std::size_t i) noexcept {
        status st;
        if constexpr (Traced) {
            st = detail::selectable<H>::complete_traced(*a.handle, t, *a.prepared, *sp, i);
        } else {
            st = detail::selectable<H>::complete(*a.handle, t, *a.prepared, detail::no_probe{});
        }
        a.result.emplace(detail::send_outcome<detail::selectable_value_t<H>>(st, *a.prepared));
        a.prepared.reset();
    }
    template <bool Traced, class F>
    static void finish(detail::timing_arm<F>&, detail::token&, std::optional<detail::select_probe>&,
                       std::size_t) noexcept {}

    template <class H, class F>
    static void call_handler(detail::recv_arm<H, F>& a) {
        std::invoke(a.handler, std::move(*a.result));
    }
    template <class H, class V, class F>
    static void call_handler(detail::send_arm<H, V, F>& a) {
        std::invoke(a.handler, std::move(*a.result));
    }
    template <class F>
    static void call_handler(detail::timing_arm<F>& a) {
        std::invoke(a.handler);
    }

    // A send arm that did not send gives an lvalue message back to its owner.
    template <class A>
    static void restore_unsent(A&, bool) {}
    template <class H, class V, class F>
    static void restore_unsent(detail::send_arm<H, V, F>& a, bool ran) {
        using T = detail::selectable_value_t<H>;
        if constexpr (std::is_lvalue_reference_v<V>) {
            if (!ran && a.prepared) a.message = std::move(detail::unbox<T>(*a.prepared));
        }
    }

    std::size_t index_ = 0;
};

template <class... Arms>
select(Arms&&...) -> select<Arms...>;

// ---- the dynamic selector ----

class selector;

// One operation claimed by a selector. It must be completed, with the same handle
// that was added at `index()`: `recv(rx)` or `send(tx, message)`. Dropping it
// uncompleted is a programming error (a rendezvous partner may be waiting for it) and
// terminates the program with a message.
class selected_operation {
public:
    selected_operation(selected_operation&& o) noexcept
        : tok_(o.tok_), op_(o.op_), probe_(std::move(o.probe_)), done_(std::exchange(o.done_, true)) {}
    selected_operation(const selected_operation&) = delete;
    selected_operation& operator=(const selected_operation&) = delete;
    selected_operation& operator=(selected_operation&&) = delete;
    ~selected_operation() {
        if (!done_) {
            std::fputs("chan: a selected operation was dropped without being completed (call recv or send on it)\n",
                       stderr);
            std::abort();
        }
    }

    std::size_t index() const noexcept { return op_.index; }

    template <class H>
    [[gnu::always_inline]] recv_result<detail::selectable_value_t<H>> recv(H& rx) {
        static_assert(!detail::selectable<H>::is_send, "selected_operation::recv needs a receiving handle");
        check(detail::selectable<H>::op(rx, 0), false);
        done_ = true;  // completing cannot fail halfway: if it throws, nothing was received
        if (probe_) [[unlikely]] return recv_traced(rx, tok_, *probe_, op_.index);
        return detail::selectable<H>::complete(rx, tok_, detail::no_probe{});
    }

    template <class H>
    [[gnu::always_inline]] send_result<detail::selectable_value_t<H>> send(H& tx,
                                                                           detail::selectable_value_t<H> message) {
        using T = detail::selectable_value_t<H>;
        static_assert(detail::selectable<H>::is_send, "selected_operation::send needs a sending handle");
        static_assert(std::is_nothrow_move_constructible_v<T>,
                      "selected_operation::send: the message type's move must not throw (the operation is already "
                      "claimed); use the static chan::select for such types");
        check(detail::selectable<H>::op(tx, 0), true);
        if (probe_) [[unlikely]] {
            send_result<T> r = send_traced(tx, tok_, std::move(message), *probe_, op_.index);
            done_ = true;
            return r;
        }
        detail::stored<T> s = detail::store(std::move(message));
        const status st = detail::selectable<H>::complete(tx, tok_, s, detail::no_probe{});
        done_ = true;
        return detail::send_outcome<T>(st, s);
    }

private:
    // The traced completions take the token and the probe by value: were their
    // addresses to leave, the whole operation would have to live in memory on the
    // untraced path as well (a tenth more instructions per dynamic select).
    template <class H>
    [[gnu::noinline, gnu::cold]] static recv_result<detail::selectable_value_t<H>> recv_traced(
        H& rx, detail::token t, detail::select_probe probe, std::size_t index) {
        return detail::selectable<H>::complete_traced(rx, t, probe, index);
    }
    template <class H, class T = detail::selectable_value_t<H>>
    [[gnu::noinline, gnu::cold]] static send_result<T> send_traced(H& tx, detail::token t, T message,
                                                                   detail::select_probe probe, std::size_t index) {
        detail::stored<T> s = detail::store(std::move(message));
        return detail::send_outcome<T>(detail::selectable<H>::complete_traced(tx, t, s, probe, index), s);
    }

    friend class selector;
    selected_operation(detail::token t, detail::select_op op, std::optional<detail::select_probe> probe) noexcept
        : tok_(t), op_(op), probe_(std::move(probe)) {}

    void check(const detail::select_op& given, bool is_send) const {
        if (given.chan != op_.chan || op_.vt->is_send != is_send) {
            throw std::logic_error("chan::selected_operation: completed with a different handle or direction than "
                                   "the operation added at index " + std::to_string(op_.index));
        }
    }

    detail::token tok_;
    detail::select_op op_;
    std::optional<detail::select_probe> probe_;  // only a traced select has one
    bool done_ = false;
};

class selector {
public:
    // Adds a receive on `rx` (any receiving handle); returns its index.
    template <class H>
    std::size_t recv(H& rx) {
        static_assert(!detail::selectable<H>::is_send, "selector::recv needs a receiving handle");
        return add(detail::selectable<H>::op(rx, next_index_));
    }

    // Adds a send through `tx`; the message is given when completing: `op.send(tx, m)`.
    template <class H>
    std::size_t send(H& tx) {
        static_assert(detail::selectable<H>::is_send, "selector::send needs a sending handle");
        return add(detail::selectable<H>::op(tx, next_index_));
    }

    // Removes the operation added at `index`.
    void remove(std::size_t index) {
        auto it = std::find_if(ops_.begin(), ops_.end(), [&](const detail::select_op& o) { return o.index == index; });
        if (it == ops_.end()) throw std::out_of_range("chan::selector::remove: no operation at index " + std::to_string(index));
        ops_.erase(it);
    }

    std::size_t size() const noexcept { return ops_.size(); }

    // Waits until one operation can proceed and claims it.
    selected_operation select(source_location loc = source_location::current()) {
        const auto forever = detail::select_timeout::none();
        if (detail::tracing_on()) [[unlikely]] return *run_traced(ops_, forever, loc);
        // Built in place, not moved out of an optional: the move, with its probe, cost
        // the untraced select a tenth of its instructions.
        return claimed_operation(*detail::run_select(ops_, forever, nullptr));
    }
    std::optional<selected_operation> try_select(source_location loc = source_location::current()) {
        return run(detail::select_timeout::immediately(), loc);
    }
    template <class Rep, class Period>
    std::optional<selected_operation> select_for(std::chrono::duration<Rep, Period> timeout,
                                                 source_location loc = source_location::current()) {
        return run(detail::select_timeout::at(detail::deadline::after(timeout)), loc);
    }
    template <class Clock, class Duration>
    std::optional<selected_operation> select_until(std::chrono::time_point<Clock, Duration> deadline,
                                                   source_location loc = source_location::current()) {
        return run(detail::select_timeout::at(detail::deadline::until(deadline)), loc);
    }

    // Waits until one operation is ready and returns its index, without claiming it
    // (another thread may still take it first: then retry).
    std::size_t ready() { return *ready_impl(detail::select_timeout::none()); }
    std::optional<std::size_t> try_ready() { return ready_impl(detail::select_timeout::immediately()); }
    template <class Rep, class Period>
    std::optional<std::size_t> ready_for(std::chrono::duration<Rep, Period> timeout) {
        return ready_impl(detail::select_timeout::at(detail::deadline::after(timeout)));
    }
    template <class Clock, class Duration>
    std::optional<std::size_t> ready_until(std::chrono::time_point<Clock, Duration> deadline) {
        return ready_impl(detail::select_timeout::at(detail::deadline::until(deadline)));
    }

private:
    std::size_t add(detail::select_op op) {
        ops_.push_back(op);
        return next_index_++;
    }

    std::optional<selected_operation> run(const detail::select_timeout& timeout, source_location loc) {
        if (detail::tracing_on()) [[unlikely]] return run_traced(ops_, timeout, loc);
        const auto c = detail::run_select(ops_, timeout, nullptr);
        if (!c) return std::nullopt;
        return claimed_operation(*c);
    }
    [[gnu::noinline, gnu::cold]] std::optional<selected_operation> run_traced(std::span<detail::select_op> ops,
                                                                             const detail::select_timeout& timeout,
                                                                             source_location loc) {
        const auto wait = timeout.k == detail::select_timeout::kind::now  ? trace::select_wait::never
                          : timeout.k == detail::select_timeout::kind::at ? trace::select_wait::timeout
                                                                          : trace::select_wait::forever;
        std::optional<detail::select_probe> probe(std::in_place, ops.size(), wait, loc);
        for (const auto& op : ops) probe->arm(op.index, op.vt->describe(op.chan), op.vt->is_send);
        const auto c = detail::run_select(ops, timeout, &*probe);
        if (!c) {
            probe->done(-1, timeout.k == detail::select_timeout::kind::now ? status::empty : status::timeout);
            return std::nullopt;
        }
        return claimed_operation(*c, std::move(probe));
    }
    // The operation the engine claimed (it shuffles ops_, so look it up by index).
    selected_operation claimed_operation(const detail::claimed& c,
                                         std::optional<detail::select_probe> probe = std::nullopt) const {
        const auto op = std::find_if(ops_.begin(), ops_.end(), [&](const detail::select_op& o) { return o.index == c.index; });
        return selected_operation(c.tok, *op, std::move(probe));
    }

    std::optional<std::size_t> ready_impl(const detail::select_timeout& timeout) {
        return detail::run_ready(ops_, timeout);
    }

    // The engine shuffles these in place: their order means nothing (each carries its
    // index), and a copy would allocate on every select.
    std::vector<detail::select_op> ops_;
    std::size_t next_index_ = 0;
};

}  // namespace chan
