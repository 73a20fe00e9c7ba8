// What a flavor is: the interface between a channel's implementation (array.hpp,
// list.hpp, zero.hpp, timer.hpp, oneshot.hpp, broadcast.hpp) and what uses it above -
// the handles (core.hpp dispatches to a channel's flavor) and select (selectable.hpp
// builds its tables from a flavor). Stated as concepts and checked at compile time
// wherever a flavor is used, so a new flavor, or a new kind of waiter, learns here what
// it must provide.
//
// Operations come in two halves so that select can claim on one of several channels
// and complete only the one it claimed: a claim (`start_*`: find room, a message or a
// partner, or learn that the channel is disconnected) fills a `token`, and the
// completion (`write` / `read`) finishes with it. A claim never fails halfway: once
// claimed, an operation is always completed.
//
// Every operation takes a probe (`Probe`: `probe*` or `no_probe`, trace_hooks.hpp); the
// concepts check the untraced form.
#pragma once

#include <concepts>
#include <cstddef>
#include <optional>

#include "../result.hpp"
#include "config.hpp"
#include "storage.hpp"
#include "token.hpp"
#include "trace_hooks.hpp"
#include "waiter.hpp"

namespace chan::detail {

// The receive side as select uses it (one line per member: what it answers).
template <class F, class T>
concept select_recv_side = requires(F& f, token& t, selection oper, waiter& w) {
    { f.start_recv(t) } -> std::same_as<bool>;           // claimed now? (a null t.ptr: claimed "disconnected")
    { f.register_recv(oper, w) } -> std::same_as<bool>;  // wait as w's operation `oper`; true: ready already
    { f.unregister_recv(oper) } noexcept;                // stop waiting
    { f.accept_recv(t, w) } -> std::same_as<bool>;       // w was selected for this side: claim now?
    { f.recv_ready() } -> std::same_as<bool>;            // would a claim succeed now?
    { f.watch_recv(oper, w) } -> std::same_as<bool>;     // wake w when it may be ready; true: ready already
    { f.unwatch_recv(oper) } noexcept;                   // stop watching
    { f.read(t, no_probe{}) } -> std::same_as<recv_result<T>>;  // complete a claim
};

// The send side as select uses it.
template <class F, class T>
concept select_send_side = requires(F& f, token& t, stored<T>& v, selection oper, waiter& w) {
    { f.start_send(t) } -> std::same_as<bool>;
    { f.register_send(oper, w) } -> std::same_as<bool>;
    { f.unregister_send(oper) } noexcept;
    { f.accept_send(t, w) } -> std::same_as<bool>;
    { f.send_ready() } -> std::same_as<bool>;
    { f.watch_send(oper, w) } -> std::same_as<bool>;
    { f.unwatch_send(oper) } noexcept;
    { f.write(t, v, no_probe{}) } -> std::same_as<status>;  // moves the message in, or leaves it in v
};

// A receive side that only time makes ready (timers, never): select sets its own
// wake-up by it instead of registering.
template <class F>
concept timed_recv_side = requires(const F& f) {
    { f.recv_deadline() } -> std::same_as<std::optional<instant>>;  // when it becomes ready, if ever
    { f.can_ever_be_ready() } -> std::same_as<bool>;                // false: a select on it alone never ends
};

// A flavor of the channels behind chan::receiver (core.hpp): whole operations, and the
// channel's state, for the receiving handle.
template <class F, class T>
concept receiving_flavor = select_recv_side<F, T> && requires(F& f, const deadline& d) {
    { f.try_recv(no_probe{}) } -> std::same_as<recv_result<T>>;
    { f.recv(d, no_probe{}) } -> std::same_as<recv_result<T>>;  // waits until a message, disconnection or d
    { f.disconnect() } -> std::same_as<bool>;                    // true: this call disconnected it
    { f.discard_all_messages() } noexcept;                       // the last receiver is gone
    { f.is_disconnected() } -> std::same_as<bool>;
    { f.size() } -> std::same_as<std::size_t>;
    { f.empty() } -> std::same_as<bool>;
    { f.full() } -> std::same_as<bool>;
};

// ... and for the sending handle too (chan::sender).
template <class F, class T>
concept sending_flavor = receiving_flavor<F, T> && select_send_side<F, T> &&
                         requires(F& f, stored<T>& v, const deadline& d) {
                             { f.try_send(v, no_probe{}) } -> std::same_as<status>;
                             { f.send(v, d, no_probe{}) } -> std::same_as<status>;  // waits for room or a partner
                         };

}  // namespace chan::detail
