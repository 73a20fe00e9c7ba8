// Selecting among operations known only at run time (crossbeam-channel's `Select`):
//
//   chan::selector sel;
//   for (auto& rx : receivers) sel.recv(rx);
//   auto op = sel.select();                    // waits; claims one operation
//   auto r = op.recv(receivers[op.index()]);   // completes it: must be called
//
// `select()` claims one operation and returns it; the caller completes it with the
// handle it added at `op.index()`. `try_select`, `select_for`, `select_until` give up
// (nullopt) when nothing is ready now or in time. `ready()` and its forms report an
// operation that is ready without claiming it (another thread may still take it first).
// The rules of select.hpp hold: exactly one operation is claimed, a ready one chosen at
// random, a disconnected channel counts as ready, and a selector that could only block
// forever throws `chan::select_error`.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "channel.hpp"
#include "detail/select_engine.hpp"
#include "detail/selectable.hpp"
#include "trace/select_probe.hpp"

namespace chan {

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
    CHAN_HOT_PATH recv_result<detail::selectable_value_t<H>> recv(H& rx) {
        static_assert(!detail::selectable<H>::is_send, "selected_operation::recv needs a receiving handle");
        check(detail::selectable<H>::op(rx, 0), false);
        done_ = true;  // completing cannot fail halfway: if it throws, nothing was received
        if (probe_) [[unlikely]] return recv_traced(rx, tok_, *probe_, op_.index);
        return detail::selectable<H>::complete(rx, tok_, detail::no_probe{});
    }

    template <class H>
    CHAN_HOT_PATH send_result<detail::selectable_value_t<H>> send(H& tx,
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
    // untraced path as well.
    template <class H>
    CHAN_COLD_PATH static recv_result<detail::selectable_value_t<H>> recv_traced(
        H& rx, detail::token t, detail::select_probe probe, std::size_t index) {
        return detail::selectable<H>::complete_traced(rx, t, probe, index);
    }
    template <class H, class T = detail::selectable_value_t<H>>
    CHAN_COLD_PATH static send_result<T> send_traced(H& tx, detail::token t, T message,
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
        // Built in place, not moved out of an optional: the untraced select would pay
        // for moving the optional's probe.
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
    CHAN_COLD_PATH std::optional<selected_operation> run_traced(std::span<detail::select_op> ops,
                                                                             const detail::select_timeout& timeout,
                                                                             source_location loc) {
        std::optional<detail::select_probe> probe(std::in_place, ops.size(), detail::wait_kind(timeout), loc);
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
