// How select reaches a handle's channel: one table of the select interface per side.
//
// Every flavor, whatever its handles look like, offers select the same members: the
// concepts select_recv_side / select_send_side (and, for timers, timed_recv_side) of
// flavor.hpp, checked here when a table is built.
// An `Access` type says how to get from a handle to the object with those members (the
// "flavor object": a channel's flavor, a oneshot's state, a broadcast receiver's cursor):
//   static void* target(H&)                        the pointer an arm stores
//   static decltype(auto) visit(void*, Fn&&)       calls Fn with the flavor object
//   static const channel_desc& describe(void*)     the channel, for tracing
// `selectable<H>` (specialised once per handle type, next to the handle) derives from
// `recv_selectable` or `send_selectable` with its Access. The engine sees only tables.
#pragma once

#include <cassert>
#include <cstddef>
#include <optional>
#include <type_traits>
#include <utility>

#include "../result.hpp"
#include "../trace/format.hpp"
#include "../trace/probe.hpp"
#include "../trace/select_probe.hpp"
#include "flavor.hpp"
#include "select_engine.hpp"
#include "storage.hpp"
#include "token.hpp"
#include "trace_hooks.hpp"
#include "waiter.hpp"

namespace chan::detail {

// Specialised by every handle type that can be a select arm.
template <class H>
struct selectable;

template <class H>
using selectable_value_t = typename selectable<std::remove_cvref_t<H>>::value_type;

// The flavor object behind `c`, checked against the select interface of its side.
template <class T, class Access, class Fn>
decltype(auto) on_recv_side(void* c, Fn&& fn) {
    return Access::visit(c, [&](auto& f) -> decltype(auto) {
        static_assert(select_recv_side<std::remove_cvref_t<decltype(f)>, T>,
                      "chan: a select arm's flavor lacks the receive side of the select interface (flavor.hpp)");
        return fn(f);
    });
}
template <class T, class Access, class Fn>
decltype(auto) on_send_side(void* c, Fn&& fn) {
    return Access::visit(c, [&](auto& f) -> decltype(auto) {
        static_assert(select_send_side<std::remove_cvref_t<decltype(f)>, T>,
                      "chan: a select arm's flavor lacks the send side of the select interface (flavor.hpp)");
        return fn(f);
    });
}

template <class T, class Access>
struct recv_table {
    template <class Fn>
    static decltype(auto) on(void* c, Fn&& fn) {
        return on_recv_side<T, Access>(c, std::forward<Fn>(fn));
    }
    static std::optional<instant> ready_at(void* c) {
        return on(c, [](auto& f) -> std::optional<instant> {
            if constexpr (timed_recv_side<std::remove_cvref_t<decltype(f)>>) {
                return f.recv_deadline();
            } else {
                return std::nullopt;  // woken by other threads, not by time
            }
        });
    }
    static bool can_ever_be_ready(void* c) {
        return on(c, [](auto& f) {
            if constexpr (timed_recv_side<std::remove_cvref_t<decltype(f)>>) {
                return f.can_ever_be_ready();
            } else {
                return true;
            }
        });
    }

    static constexpr select_vtable table = {
        [](void* c, token& t) { return on(c, [&](auto& f) { return f.start_recv(t); }); },
        [](void* c, selection s, waiter& w) { return on(c, [&](auto& f) { return f.register_recv(s, w); }); },
        [](void* c, selection s) { on(c, [&](auto& f) { f.unregister_recv(s); }); },
        [](void* c, token& t, waiter& w) { return on(c, [&](auto& f) { return f.accept_recv(t, w); }); },
        [](void* c) { return on(c, [](auto& f) { return f.recv_ready(); }); },
        [](void* c, selection s, waiter& w) { return on(c, [&](auto& f) { return f.watch_recv(s, w); }); },
        [](void* c, selection s) { on(c, [&](auto& f) { f.unwatch_recv(s); }); },
        &ready_at,
        &can_ever_be_ready,
        [](void* c) -> const channel_desc& { return Access::describe(c); },
        false,
    };
};

template <class T, class Access>
struct send_table {
    template <class Fn>
    static decltype(auto) on(void* c, Fn&& fn) {
        return on_send_side<T, Access>(c, std::forward<Fn>(fn));
    }

    static constexpr select_vtable table = {
        [](void* c, token& t) { return on(c, [&](auto& f) { return f.start_send(t); }); },
        [](void* c, selection s, waiter& w) { return on(c, [&](auto& f) { return f.register_send(s, w); }); },
        [](void* c, selection s) { on(c, [&](auto& f) { f.unregister_send(s); }); },
        [](void* c, token& t, waiter& w) { return on(c, [&](auto& f) { return f.accept_send(t, w); }); },
        [](void* c) { return on(c, [](auto& f) { return f.send_ready(); }); },
        [](void* c, selection s, waiter& w) { return on(c, [&](auto& f) { return f.watch_send(s, w); }); },
        [](void* c, selection s) { on(c, [&](auto& f) { f.unwatch_send(s); }); },
        [](void*) -> std::optional<instant> { return std::nullopt; },
        [](void*) { return true; },
        [](void* c) -> const channel_desc& { return Access::describe(c); },
        true,
    };
};

// A receiving handle as a select arm.
template <class T, class Access>
struct recv_selectable {
    using value_type = T;
    static constexpr bool is_send = false;

    template <class H>
    static select_op op(H& h, std::size_t index) noexcept {
        assert(Access::target(h) && "chan: a select arm on an empty handle");
        return {&recv_table<T, Access>::table, Access::target(h), index};
    }
    template <class H>
    static const channel_desc& desc(H& h) noexcept {
        return Access::describe(Access::target(h));
    }
    // Completes a claimed receive: a hot path, lambda included (config.hpp). Throws only
    // if copying a broadcast message throws, and then nothing was received: the
    // receiver stays where it was.
    template <class H, class Probe>
    CHAN_HOT_PATH static recv_result<T> complete(H& h, token& t, Probe p) {
        return Access::visit(Access::target(h), [&](auto& f) CHAN_HOT_LAMBDA { return f.read(t, p); });
    }
    // The same, for a traced select whose arm `index` it is: through a probe for the
    // arm, then the select's report of the arm that ran. Out of line and cold, as every
    // traced path.
    template <class H>
    CHAN_COLD_PATH static recv_result<T> complete_traced(H& h, token& t, select_probe& sp,
                                                                        std::size_t index) {
        probe p = sp.arm_probe(desc(h), probe::side::recv);
        recv_result<T> r = complete(h, t, &p);
        sp.done(static_cast<std::ptrdiff_t>(index), r.status());
        return r;
    }
};

// A sending handle as a select arm.
template <class T, class Access>
struct send_selectable {
    using value_type = T;
    static constexpr bool is_send = true;

    template <class H>
    static select_op op(H& h, std::size_t index) noexcept {
        assert(Access::target(h) && "chan: a select arm on an empty handle");
        return {&send_table<T, Access>::table, Access::target(h), index};
    }
    template <class H>
    static const channel_desc& desc(H& h) noexcept {
        return Access::describe(Access::target(h));
    }
    template <class H, class Probe>
    CHAN_HOT_PATH static status complete(H& h, token& t, stored<T>& v, Probe p) noexcept {
        return Access::visit(Access::target(h),
                             [&](auto& f) CHAN_HOT_LAMBDA { return f.write(t, v, p); });
    }
    template <class H>
    CHAN_COLD_PATH static status complete_traced(H& h, token& t, stored<T>& v, select_probe& sp,
                                                                std::size_t index) {
        probe p = sp.arm_probe(desc(h), probe::side::send);
        p.set_text(trace::format_value(unbox<T>(v)));
        const status st = complete(h, t, v, &p);
        sp.done(static_cast<std::ptrdiff_t>(index), st);
        return st;
    }
};

// For handles that lead to exactly one flavor object, of type F (which has `desc()`).
template <class F>
struct direct_access {
    template <class Fn>
    static decltype(auto) visit(void* c, Fn&& fn) {
        return std::forward<Fn>(fn)(*static_cast<F*>(c));
    }
    static const channel_desc& describe(void* c) noexcept { return static_cast<F*>(c)->desc(); }
};

}  // namespace chan::detail
