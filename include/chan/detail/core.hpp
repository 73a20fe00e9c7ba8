// The control block every handle of a channel points to, and dispatch to its flavor.
//
// One allocation holds the handle counts, the channel's description (for tracing) and
// the flavor. Handles are values: copying one adds to its side's count, destroying one
// subtracts. When a side's count reaches zero the channel is disconnected for the
// other side (and, when the receivers are gone, buffered messages are destroyed at
// once). Both sides then race on `destroy`: the second to arrive frees the block.
//
// Dispatch is a switch on the flavor, not a virtual call, so each flavor's fast path
// inlines into the handle's operation.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <type_traits>
#include <utility>

#include "array.hpp"
#include "flavor.hpp"
#include "list.hpp"
#include "timer.hpp"
#include "trace_hooks.hpp"
#include "zero.hpp"

namespace chan::detail {

template <class T>
struct core_base {
    core_base(trace::flavor kind, std::int64_t capacity, std::string name, std::size_t senders_,
              std::size_t receivers_)
        : senders(senders_), receivers(receivers_), destroy(senders_ == 0),
          desc{kind, capacity, std::move(name), &senders, &receivers, this, &close_owner} {}
    virtual ~core_base() = default;

    // How trace::close_all_channels() closes this channel.
    static bool close_owner(void* self) noexcept { return close_channel(*static_cast<core_base*>(self)); }

    std::atomic<std::size_t> senders;
    std::atomic<std::size_t> receivers;
    std::atomic<bool> destroy;  // set by the first side to lose its last handle
    channel_desc desc;
    std::mutex disconnect_mutex;  // orders a traced disconnection (see disconnect_recorded)
};

template <class T, class Flavor>
struct core final : core_base<T> {
    static_assert(receiving_flavor<Flavor, T>, "chan: a channel's flavor must offer what a receiver uses (flavor.hpp)");

    template <class... Args>
    core(trace::flavor kind, std::int64_t capacity, std::string name, std::size_t senders, Args&&... args)
        : core_base<T>(kind, capacity, std::move(name), senders, 1), flavor(std::forward<Args>(args)...) {}
    Flavor flavor;
};

// Calls `fn` with the flavor of a channel that has senders.
template <class T, class Fn>
CHAN_HOT_PATH inline decltype(auto) visit_send_side(core_base<T>& c, Fn&& fn) {
    static_assert(sending_flavor<array_channel<T>, T> && sending_flavor<list_channel<T>, T> &&
                      sending_flavor<zero_channel<T>, T>,
                  "chan: a flavor behind a sender must offer what a sender uses (flavor.hpp)");
    switch (c.desc.kind) {
        case trace::flavor::bounded: return fn(static_cast<core<T, array_channel<T>>&>(c).flavor);
        case trace::flavor::unbounded: return fn(static_cast<core<T, list_channel<T>>&>(c).flavor);
        default: return fn(static_cast<core<T, zero_channel<T>>&>(c).flavor);
    }
}

// Calls `fn` with the flavor of any channel a receiver may point to.
template <class T, class Fn>
CHAN_HOT_PATH inline decltype(auto) visit_recv_side(core_base<T>& c, Fn&& fn) {
    switch (c.desc.kind) {
        case trace::flavor::bounded: return fn(static_cast<core<T, array_channel<T>>&>(c).flavor);
        case trace::flavor::unbounded: return fn(static_cast<core<T, list_channel<T>>&>(c).flavor);
        case trace::flavor::rendezvous: return fn(static_cast<core<T, zero_channel<T>>&>(c).flavor);
        case trace::flavor::never: return fn(static_cast<core<T, never_channel<T>>&>(c).flavor);
        default:
            if constexpr (std::is_same_v<T, instant>) {
                if (c.desc.kind == trace::flavor::timer_at) return fn(static_cast<core<T, at_channel>&>(c).flavor);
                return fn(static_cast<core<T, tick_channel>&>(c).flavor);
            } else {
                __builtin_unreachable();
            }
    }
}

// ---- disconnection and handle counting ----

// Disconnects the channel with `disconnect` (a flavor operation returning whether this
// call did it). While recording, the disconnection is recorded *before* it happens, so
// that no woken waiter's failure can precede it in the recording; a per-channel mutex
// makes sure only the caller that actually disconnects records it.
template <class T, class Disconnect>
bool disconnect_recorded(core_base<T>& c, trace::disconnect_cause why, Disconnect disconnect) noexcept {
    if (!tracing_on() || c.desc.kind > trace::flavor::rendezvous) return disconnect();
    std::lock_guard lock(c.disconnect_mutex);
    if (!visit_send_side(c, [](auto& f) { return f.is_disconnected(); })) trace_disconnect(c.desc, why);
    return disconnect();
}

template <class T>
void add_handle(core_base<T>& c, bool sender) noexcept {
    (sender ? c.senders : c.receivers).fetch_add(1, std::memory_order_relaxed);
    if (tracing_on())
        trace_handles(c.desc, sender ? trace::handle_change::sender_added : trace::handle_change::receiver_added);
}

// The last handle is gone. Leaving close_all_channels' list comes first: once the
// flavor's destruction has begun, nothing may close it.
template <class T>
void destroy_core(core_base<T>* c) noexcept {
    c->desc.unlist();
    delete c;
}

// A drop is recorded before its count falls: after that, another thread may free the channel.
template <class T>
void drop_sender(core_base<T>* c) noexcept {
    if (tracing_on()) trace_handles(c->desc, trace::handle_change::sender_dropped, -1, 0);
    const bool last = c->senders.fetch_sub(1, std::memory_order_acq_rel) == 1;
    if (!last) return;
    disconnect_recorded(*c, trace::disconnect_cause::senders_gone,
                        [&] { return visit_send_side(*c, [](auto& f) { return f.disconnect(); }); });
    if (c->destroy.exchange(true, std::memory_order_acq_rel)) destroy_core(c);
}

template <class T>
void drop_receiver(core_base<T>* c) noexcept {
    if (tracing_on()) trace_handles(c->desc, trace::handle_change::receiver_dropped, 0, -1);
    const bool last = c->receivers.fetch_sub(1, std::memory_order_acq_rel) == 1;
    if (!last) return;
    disconnect_recorded(*c, trace::disconnect_cause::receivers_gone,
                        [&] { return visit_recv_side(*c, [](auto& f) { return f.disconnect(); }); });
    // Even if close() disconnected earlier: nobody can receive these any more. Outside
    // the lock above, because a message's destructor may drop handles of this channel.
    visit_recv_side(*c, [](auto& f) { f.discard_all_messages(); });
    if (c->destroy.exchange(true, std::memory_order_acq_rel)) destroy_core(c);
}

// close() on either side: disconnect now, keeping buffered messages for receivers.
template <class T>
bool close_channel(core_base<T>& c) noexcept {
    return disconnect_recorded(c, trace::disconnect_cause::closed,
                               [&] { return visit_recv_side(c, [](auto& f) { return f.disconnect(); }); });
}

template <class T, class Flavor, class... Args>
core_base<T>* make_core(trace::flavor kind, std::int64_t capacity, std::string name, std::size_t senders,
                        Args&&... args) {
    auto* c = new core<T, Flavor>(kind, capacity, std::move(name), senders, std::forward<Args>(args)...);
    if (tracing_on()) trace_created(c->desc);
    return c;
}

}  // namespace chan::detail
