// Waiting on several channel operations at once: the select statement.
//
// It reads like Go's select. Exactly one arm runs:
//
//   chan::select(
//       chan::on_recv(numbers, [](chan::recv_result<int> r) { if (r) use(*r); }),
//       chan::on_recv(words,   [](auto r) { ... }),
//       chan::on_send(out, job, [](chan::send_result<job_t> r) { ... }),
//       chan::on_timeout(100ms, [] { ... }));   // or on_deadline(tp, f), or on_default(f)
//
// It returns the index (in argument order) of the arm that ran. At most one of
// on_timeout / on_deadline / on_default may be given; without one, select waits until
// an arm completes. For operations known only at run time, see selector.hpp.
//
// Rules (crossbeam-channel's): exactly one operation completes per select. When several
// are ready, each is equally likely to be chosen, so no arm starves. A receive on a
// disconnected channel is ready (its handler gets `status::disconnected`); a send to a
// channel whose receivers are gone is ready and fails, handing its message back. The
// same channel may appear in several arms. A select that could only block forever (no
// arm can ever become ready, no timeout) throws `chan::select_error`; a select without
// any arm does not compile. Arms may be receivers and senders of any flavor: channels,
// timers, oneshot and broadcast.
//
// A send arm given an lvalue (`on_send(tx, job, f)`) moves from it only when that arm is
// the one that sends; otherwise `job` keeps its message. Given an rvalue, the arm owns
// the message, and it is destroyed if another arm runs.
#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <optional>
#include <tuple>
#include <type_traits>
#include <utility>

#include "channel.hpp"
#include "detail/select_engine.hpp"
#include "detail/selectable.hpp"
#include "trace/select_probe.hpp"

namespace chan {

namespace detail {

// ---- arms of the static select ----

template <class H, class F>
struct recv_arm {
    using handle_type = H;
    H* handle;
    F handler;
    std::optional<recv_result<selectable_value_t<H>>> result = {};
};

// `V` is `T&` for a message the caller keeps unless sent, `T` for one the arm owns.
template <class H, class V, class F>
struct send_arm {
    using T = selectable_value_t<H>;
    using handle_type = H;
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

// ---- the select ----

// `chan::select(arms...)` runs the select when constructed (a class, so that it can
// also capture the caller's source location for tracing) and converts to the index of
// the arm that ran.
template <class... Arms>
class select {
    template <class A>
    static constexpr bool is_channel_arm_v = detail::arm_kind<std::remove_cvref_t<A>>::is_channel;
    static constexpr std::size_t channel_arms = (std::size_t{0} + ... + (is_channel_arm_v<Arms> ? 1 : 0));
    static_assert(sizeof...(Arms) > 0, "chan::select: a select without arms would block forever");
    static_assert(sizeof...(Arms) - channel_arms <= 1, "chan::select: at most one of on_timeout, on_deadline, on_default");

public:
    // Traced and untraced selects are separate instantiations of run, so that the
    // untraced one is the code a build without tracing has: with the probe decided at
    // run time inside one body, the arms and the claim would have to live in memory.
    select(Arms&&... arms, source_location loc = source_location::current()) {
        if (detail::tracing_on()) [[unlikely]] {
            run<true>(std::forward_as_tuple(arms...), loc);
        } else {
            run<false>(std::forward_as_tuple(arms...), loc);
        }
    }

    // The index, in argument order, of the arm that ran.
    std::size_t index() const noexcept { return index_; }
    operator std::size_t() const noexcept { return index_; }

private:
    using indices = std::index_sequence_for<Arms...>;

    // The arm that runs when no channel arm completes: the timing arm, if there is one.
    static constexpr std::size_t timing_arm = [] {
        constexpr std::array<bool, sizeof...(Arms)> is_channel = {is_channel_arm_v<Arms>...};
        for (std::size_t i = 0; i < is_channel.size(); ++i)
            if (!is_channel[i]) return i;
        return sizeof...(Arms);
    }();

    // The select's steps. Only the claim (run_select) may wait.
    template <bool Traced, class Tuple>
    void run(Tuple arms, source_location loc) {
        std::array<detail::select_op, channel_arms> ops{};
        detail::select_timeout timeout = detail::select_timeout::none();
        collect(arms, ops, timeout);

        std::optional<detail::claimed> claim;
        std::optional<detail::select_probe> probe;
        try {
            // Every send arm moves its message into channel storage before anything is
            // claimed: what may throw (boxing a message) must happen before, not after.
            for_each_arm(arms, [](auto& a, std::size_t) { prepare(a); });
            if constexpr (Traced) {
                probe.emplace(channel_arms, detail::wait_kind(timeout), loc);
                for_each_arm(arms, [&](auto& a, std::size_t i) { describe(a, i, *probe); });
                claim = detail::run_select(ops, timeout, &*probe);
            } else {
                claim = detail::run_select(ops, timeout, nullptr);
            }
            // Complete the claimed operation before anything else. Only a broadcast
            // receive can throw here (copying the message), and then it received nothing.
            if (claim) with_arm(arms, claim->index, [&](auto& a) { finish<Traced>(a, claim->tok, probe, claim->index); });
        } catch (...) {
            for_each_arm(arms, [](auto& a, std::size_t) { give_back_unsent(a, false); });
            throw;
        }

        if (!claim) {
            if constexpr (Traced)
                probe->done(-1, timeout.k == detail::select_timeout::kind::now ? status::empty : status::timeout);
        }
        const std::size_t ran = claim ? claim->index : timing_arm;
        index_ = ran;
        // Unsent messages go back to their owners before the one handler runs.
        for_each_arm(arms, [&](auto& a, std::size_t i) { give_back_unsent(a, i == ran); });
        with_arm(arms, ran, [](auto& a) { call_handler(a); });
    }

    // ---- walking the arms ----

    // Calls fn(arm, index) for every arm, in argument order.
    template <class Tuple, class Fn>
    CHAN_HOT_PATH static void for_each_arm(Tuple& arms, Fn&& fn) {
        [&]<std::size_t... I>(std::index_sequence<I...>) CHAN_HOT_LAMBDA { (fn(std::get<I>(arms), I), ...); }(indices{});
    }

    // Calls fn(arm) for the arm at `index` only.
    template <class Tuple, class Fn>
    CHAN_HOT_PATH static void with_arm(Tuple& arms, std::size_t index, Fn&& fn) {
        [&]<std::size_t... I>(std::index_sequence<I...>) CHAN_HOT_LAMBDA {
            (void)((index == I && (fn(std::get<I>(arms)), true)) || ...);
        }(indices{});
    }

    // The channel arms as the engine's operations, and the timing arm's timeout.
    template <class Tuple>
    static void collect(Tuple& arms, std::array<detail::select_op, channel_arms>& ops, detail::select_timeout& timeout) {
        std::size_t n = 0;
        for_each_arm(arms, [&](auto& a, std::size_t i) {
            if constexpr (is_channel_arm_v<decltype(a)>) {
                ops[n++] = detail::selectable<typename std::remove_cvref_t<decltype(a)>::handle_type>::op(*a.handle, i);
            } else {
                timeout = a.timeout;
            }
        });
    }

    // ---- one arm's part in each step ----

    template <class A>
    static void prepare(A&) {}
    template <class H, class V, class F>
    static void prepare(detail::send_arm<H, V, F>& a) {
        a.prepared.emplace(detail::store(std::move(a.message)));
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

    // A send arm that did not send gives an lvalue message back to its owner.
    template <class A>
    static void give_back_unsent(A&, bool) {}
    template <class H, class V, class F>
    static void give_back_unsent(detail::send_arm<H, V, F>& a, bool ran) {
        using T = detail::selectable_value_t<H>;
        if constexpr (std::is_lvalue_reference_v<V>) {
            if (!ran && a.prepared) a.message = std::move(detail::unbox<T>(*a.prepared));
        }
    }

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

    std::size_t index_ = 0;
};

template <class... Arms>
select(Arms&&...) -> select<Arms...>;

}  // namespace chan
