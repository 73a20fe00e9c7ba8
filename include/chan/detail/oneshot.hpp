// Oneshot channel: exactly one message, from one sender to one receiver.
//
// Both handles are move-only and point to one `oneshot_channel`, which holds the
// message cell, a state word and the receive side's waiters. Whichever handle goes
// last frees it (`refs` starts at 2).
//
// State: flags in one atomic word, each set at most once.
//   sent           the message is in `cell` (set after the write: whoever sees the flag
//                  with acquire ordering sees the message)
//   sender_gone    the sender handle is gone, after sending or without
//   receiver_gone  the receiver handle is gone
//   closed         closed by trace::close_all_channels(): a later send fails, a receive
//                  still gets a value sent before
//   taken          the receiver has claimed the message
// All but `taken` are set under `mutex`, so the sender's
// "is the receiver still there? then publish" and the receiver's departure never
// interleave: a message is published only while the receiver is there, and a trace
// records the departure that really happened, before anyone can observe it. `taken` is
// set by the receiver alone, lock-free.
//
// Ownership of the message: the sender's until `sent`; from then on the receiver's,
// which either takes it (`taken`) or, leaving without taking it, destroys it.
//
// Waiting: only receives wait. A receive that finds nothing registers with `waiting`,
// re-checks and parks (blocking.hpp); publishing notifies it, and a sender leaving
// without sending wakes it (disconnect) to find out. Every state change a waiter could
// be waiting for is made sequentially consistent, as waker.hpp requires.
//
// Message number: always 0 (there is one message).
#pragma once

#include <atomic>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "../result.hpp"
#include "blocking.hpp"
#include "config.hpp"
#include "storage.hpp"
#include "token.hpp"
#include "trace_hooks.hpp"
#include "waker.hpp"

namespace chan::detail {

template <class T>
class oneshot_channel {
    static constexpr unsigned sent = 1, sender_gone = 2, receiver_gone = 4, closed = 8, taken = 16;
    static constexpr unsigned disconnected = sender_gone | receiver_gone | closed;

public:
    explicit oneshot_channel(std::string name)
        : desc_(trace::flavor::oneshot, 1, std::move(name), &senders_, &receivers_, this, &close_owner) {}
    oneshot_channel(const oneshot_channel&) = delete;
    oneshot_channel& operator=(const oneshot_channel&) = delete;

    const channel_desc& desc() const noexcept { return desc_; }

    // ---- the sender ----

    // Publishes the message, or leaves it in `v` when the receiver is gone.
    template <class Probe>
    status send(stored<T>& v, Probe p) noexcept {
        std::lock_guard lock(mutex_);
        if (state_.load(std::memory_order_relaxed) & (receiver_gone | closed)) return status::disconnected;
        if (p) p->sent(0);
        cell_.put(std::move(v));
        state_.fetch_or(sent, std::memory_order_seq_cst);
        waiting_.notify();
        return status::ok;
    }

    bool is_closed() const noexcept { return state_.load(std::memory_order_acquire) & (receiver_gone | closed); }

    // How trace::close_all_channels() closes this channel: a waiting receive wakes.
    static bool close_owner(void* self) noexcept {
        auto& c = *static_cast<oneshot_channel*>(self);
        std::lock_guard lock(c.mutex_);
        if (c.state_.load(std::memory_order_relaxed) & disconnected) return false;
        if (tracing_on()) trace_disconnect(c.desc_, trace::disconnect_cause::closed);
        c.state_.fetch_or(closed, std::memory_order_seq_cst);
        c.waiting_.disconnect();
        return true;
    }

    // ---- departures (each handle calls its own once; the second frees the channel) ----

    void leave_sender() noexcept {
        leave(sender_gone, senders_, trace::handle_change::sender_dropped, trace::disconnect_cause::senders_gone);
    }
    void leave_receiver() noexcept {
        leave(receiver_gone, receivers_, trace::handle_change::receiver_dropped, trace::disconnect_cause::receivers_gone);
    }

    // ---- the receiver: claim / complete ----

    bool start_recv(token& t) noexcept {
        const unsigned s = state_.load(std::memory_order_acquire);
        if ((s & sent) && !(s & taken)) {
            state_.fetch_or(taken, std::memory_order_relaxed);  // only this receiver reads or sets it
            t.ptr = this;
            return true;
        }
        if (s & (taken | sender_gone | closed)) {
            t.ptr = nullptr;  // nothing (more) will ever come
            return true;
        }
        return false;
    }

    template <class Probe>
    recv_result<T> read(token& t, Probe p) noexcept {
        if (!t.ptr) return recv_result<T>(status::disconnected);
        stored<T> v = cell_.take();
        if (p) p->received(0);
        return recv_result<T>(status::ok, std::move(v));
    }

    // ---- the receiver: whole operations ----

    template <class Probe>
    recv_result<T> try_recv(Probe p) noexcept {
        token t;
        return start_recv(t) ? read(t, p) : recv_result<T>(status::empty);
    }

    template <class Probe>
    recv_result<T> recv(const deadline& d, Probe p) {
        token t;
        const auto park = [this, p](const deadline& until) {
            park_on(waiting_, until, p, wait_reason::empty, [this] { return recv_ready(); });
        };
        if (!wait_to_claim(d, [&] { return start_recv(t); }, park)) return recv_result<T>(status::timeout);
        return read(t, p);
    }

    // ---- select interface (receive side) ----

    bool register_recv(selection oper, waiter& w) {
        waiting_.add_selector(oper, w);
        return recv_ready();
    }
    void unregister_recv(selection oper) noexcept { waiting_.remove_selector(oper); }
    bool accept_recv(token& t, waiter&) noexcept { return start_recv(t); }
    bool recv_ready() const noexcept {
        return state_.load(std::memory_order_seq_cst) & (sent | sender_gone | closed | taken);
    }
    bool watch_recv(selection oper, waiter& w) {
        waiting_.add_observer(oper, w);
        return recv_ready();
    }
    void unwatch_recv(selection oper) noexcept { waiting_.remove_observer(oper); }

private:
    ~oneshot_channel() = default;

    void leave(unsigned flag, std::atomic<std::size_t>& count, trace::handle_change change,
               trace::disconnect_cause cause) noexcept {
        std::optional<stored<T>> unread;  // destroyed after the lock is released
        {
            std::lock_guard lock(mutex_);
            count.store(0, std::memory_order_relaxed);
            const unsigned before = state_.load(std::memory_order_relaxed);
            if (tracing_on()) {
                trace_handles(desc_, change);
                if (!(before & disconnected)) trace_disconnect(desc_, cause);
            }
            state_.fetch_or(flag, std::memory_order_seq_cst);
            if (flag == receiver_gone && (before & sent) && !(before & taken)) unread.emplace(cell_.take());
            if (flag == sender_gone && !(before & sent)) waiting_.disconnect();
        }
        if (refs_.fetch_sub(1, std::memory_order_acq_rel) != 1) return;
        desc_.unlist();  // first: nothing may close the channel once its destruction has begun
        delete this;
    }

    std::mutex mutex_;
    std::atomic<unsigned> state_{0};
    message_cell<T> cell_;
    sync_waker waiting_;
    std::atomic<int> refs_{2};
    std::atomic<std::size_t> senders_{1};
    std::atomic<std::size_t> receivers_{1};
    channel_desc desc_;
};

}  // namespace chan::detail
