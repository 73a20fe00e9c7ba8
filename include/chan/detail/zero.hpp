// Rendezvous channel (bounded(0)): a send completes only when a receiver takes the
// message, handed over directly from one thread to the other.
//
// The algorithm is crossbeam-channel's zero flavor. One mutex guards the lists of
// waiting senders and receivers; it is held only to pair up, never while waiting.
//
// Packets. A waiting party registers a packet: the place where its partner puts or
// finds the message.
//   - A blocked sender's packet is on its stack and points at the message, still in
//     the sender's own variable. A receiver that pairs with it moves the message out,
//     then sets `ready`; the sender waits for `ready` before returning (its stack frame
//     must outlive the read). A sender that times out was never paired (it won the CAS
//     on its own waiter), so its message was never touched.
//   - A blocked receiver's packet is on its stack and empty. A sender that pairs with
//     it moves the message in, then sets `ready`; the receiver waits for `ready`.
//   - A selecting party registers an empty packet on the heap (it does not yet know
//     whether this arm will be the one). Whoever reads it waits for `ready`, takes the
//     message and frees the packet.
// Pairing is a CAS on the partner's waiter (waker.hpp), so each packet is claimed at
// most once, and a timed-out waiter (which won its own CAS) still owns its message.
//
// Message numbers come from a per-channel counter, taken by whoever moves the message.
#pragma once

#include <atomic>
#include <mutex>
#include <optional>

#include "../result.hpp"
#include "backoff.hpp"
#include "storage.hpp"
#include "token.hpp"
#include "trace_hooks.hpp"
#include "waker.hpp"

namespace chan::detail {

template <class T>
class zero_channel {
    struct packet {
        explicit packet(bool on_stack_) noexcept : on_stack(on_stack_) {}
        const bool on_stack;
        std::atomic<bool> ready{false};
        stored<T>* outgoing = nullptr;  // a blocked sender's message, in its own variable
        std::optional<stored<T>> msg;   // where a sender puts the message for a receiver
        std::uint64_t seq = 0;
        probe* sender_probe = nullptr;  // a blocked, traced sender's probe

        void wait_ready() const noexcept {
            backoff b;
            while (!ready.load(std::memory_order_acquire)) b.snooze();
        }
    };

public:
    // ---- claim / complete ----

    bool start_send(token& t) noexcept {
        std::lock_guard lock(mutex_);
        if (auto e = receivers_.try_select()) {
            t.ptr = e->packet;
            return true;
        }
        if (disconnected_) {
            t.ptr = nullptr;
            return true;
        }
        return false;
    }

    template <class Probe>
    status write(token& t, stored<T>& v, Probe p) noexcept {
        if (!t.ptr) return status::disconnected;
        packet& pk = *static_cast<packet*>(t.ptr);
        pk.seq = next_seq_.fetch_add(1, std::memory_order_relaxed);
        if (p) p->sent(pk.seq);
        pk.msg.emplace(std::move(v));
        pk.ready.store(true, std::memory_order_release);  // the packet may be gone after this
        return status::ok;
    }

    bool start_recv(token& t) noexcept {
        std::lock_guard lock(mutex_);
        if (auto e = senders_.try_select()) {
            t.ptr = e->packet;
            return true;
        }
        if (disconnected_) {
            t.ptr = nullptr;
            return true;
        }
        return false;
    }

    template <class Probe>
    recv_result<T> read(token& t, Probe p) noexcept {
        if (!t.ptr) return recv_result<T>(status::disconnected);
        packet& pk = *static_cast<packet*>(t.ptr);
        if (pk.on_stack) {
            // A blocked sender's packet: the message is there; the sender is asleep, so
            // its completion is recorded here, before it can wake.
            const std::uint64_t seq = next_seq_.fetch_add(1, std::memory_order_relaxed);
            if (pk.sender_probe) report_sent(*pk.sender_probe, seq);
            stored<T> v = std::move(*pk.outgoing);
            pk.ready.store(true, std::memory_order_release);  // the sender may return now
            if (p) p->received(seq);
            return recv_result<T>(status::ok, std::move(v));
        }
        // A selecting party's heap packet: wait for its message, then free it.
        pk.wait_ready();
        stored<T> v = std::move(*pk.msg);
        const std::uint64_t seq = pk.seq;
        delete &pk;
        if (p) p->received(seq);
        return recv_result<T>(status::ok, std::move(v));
    }

    // ---- whole operations ----

    template <class Probe>
    status try_send(stored<T>& v, Probe p) noexcept {
        token t;
        return start_send(t) ? write(t, v, p) : status::full;
    }

    template <class Probe>
    status send(stored<T>& v, const deadline& d, Probe p) {
        token t;
        std::unique_lock lock(mutex_);
        if (auto e = receivers_.try_select()) {
            t.ptr = e->packet;
            lock.unlock();
            return write(t, v, p);
        }
        if (disconnected_) return status::disconnected;
        if (d.passed()) return status::timeout;

        thread_waiter::lease w;
        packet pk(true);
        pk.outgoing = &v;
        pk.sender_probe = p;
        const selection oper = operation_id(&t);
        senders_.add_selector(oper, *w, &pk);
        receivers_.notify_observers();
        if (p) p->blocked(wait_reason::no_receiver);  // recorded before any receiver can pair
        lock.unlock();

        const selection s = w->wait_until(d);
        if (s == sel_aborted || s == sel_disconnected) {
            lock.lock();
            senders_.remove_selector(oper);
            return s == sel_aborted ? status::timeout : status::disconnected;
        }
        pk.wait_ready();  // a receiver has taken the message
        return status::ok;
    }

    template <class Probe>
    recv_result<T> try_recv(Probe p) noexcept {
        token t;
        return start_recv(t) ? read(t, p) : recv_result<T>(status::empty);
    }

    template <class Probe>
    recv_result<T> recv(const deadline& d, Probe p) {
        token t;
        std::unique_lock lock(mutex_);
        if (auto e = senders_.try_select()) {
            t.ptr = e->packet;
            lock.unlock();
            return read(t, p);
        }
        if (disconnected_) return recv_result<T>(status::disconnected);
        if (d.passed()) return recv_result<T>(status::timeout);

        thread_waiter::lease w;
        packet pk(true);
        const selection oper = operation_id(&t);
        receivers_.add_selector(oper, *w, &pk);
        senders_.notify_observers();
        if (p) p->blocked(wait_reason::no_sender);
        lock.unlock();

        const selection s = w->wait_until(d);
        if (s == sel_aborted || s == sel_disconnected) {
            lock.lock();
            receivers_.remove_selector(oper);
            return recv_result<T>(s == sel_aborted ? status::timeout : status::disconnected);
        }
        pk.wait_ready();  // a sender has put the message in
        if (p) p->received(pk.seq);
        return recv_result<T>(status::ok, std::move(*pk.msg));
    }

    // ---- select interface ----

    bool register_send(selection oper, waiter& w) {
        auto pk = std::make_unique<packet>(false);
        std::lock_guard lock(mutex_);
        senders_.add_selector(oper, w, pk.get());
        pk.release();
        receivers_.notify_observers();
        return receivers_.can_select() || disconnected_;
    }
    void unregister_send(selection oper) noexcept { unregister(senders_, oper); }
    bool accept_send(token& t, waiter& w) noexcept {
        t.ptr = w.wait_packet();
        return true;
    }
    bool send_ready() noexcept {
        std::lock_guard lock(mutex_);
        return receivers_.can_select() || disconnected_;
    }
    bool watch_send(selection oper, waiter& w) {
        std::lock_guard lock(mutex_);
        senders_.add_observer(oper, w);
        return receivers_.can_select() || disconnected_;
    }
    void unwatch_send(selection oper) noexcept {
        std::lock_guard lock(mutex_);
        senders_.remove_observer(oper);
    }

    bool register_recv(selection oper, waiter& w) {
        auto pk = std::make_unique<packet>(false);
        std::lock_guard lock(mutex_);
        receivers_.add_selector(oper, w, pk.get());
        pk.release();
        senders_.notify_observers();
        return senders_.can_select() || disconnected_;
    }
    void unregister_recv(selection oper) noexcept { unregister(receivers_, oper); }
    bool accept_recv(token& t, waiter& w) noexcept {
        t.ptr = w.wait_packet();
        return true;
    }
    bool recv_ready() noexcept {
        std::lock_guard lock(mutex_);
        return senders_.can_select() || disconnected_;
    }
    bool watch_recv(selection oper, waiter& w) {
        std::lock_guard lock(mutex_);
        receivers_.add_observer(oper, w);
        return senders_.can_select() || disconnected_;
    }
    void unwatch_recv(selection oper) noexcept {
        std::lock_guard lock(mutex_);
        receivers_.remove_observer(oper);
    }

    // ---- disconnection ----

    bool disconnect() noexcept {
        std::lock_guard lock(mutex_);
        if (disconnected_) return false;
        disconnected_ = true;
        senders_.disconnect();
        receivers_.disconnect();
        return true;
    }

    void discard_all_messages() noexcept {}  // nothing is ever buffered

    bool is_disconnected() noexcept {
        std::lock_guard lock(mutex_);
        return disconnected_;
    }

    // ---- introspection ----

    std::size_t size() const noexcept { return 0; }
    bool empty() const noexcept { return true; }
    bool full() const noexcept { return true; }

private:
    // A selecting party's entry still registered (nobody paired with it) owns its
    // heap packet; if it was paired, the partner frees the packet after reading.
    void unregister(waker& side, selection oper) noexcept {
        std::lock_guard lock(mutex_);
        if (auto e = side.remove_selector(oper)) delete static_cast<packet*>(e->packet);
    }

    std::mutex mutex_;
    waker senders_;
    waker receivers_;
    bool disconnected_ = false;
    std::atomic<std::uint64_t> next_seq_{0};
};

}  // namespace chan::detail
