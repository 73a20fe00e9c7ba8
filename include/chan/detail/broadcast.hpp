// Broadcast channel: every receiver gets its own copy of every message sent after it
// subscribed, in order. Two policies share one ring of `cap` slots:
//   lossless (postage): a sender waits while the slowest receiver is `cap` messages behind;
//   lagging (tokio):    a sender never waits; it overwrites the oldest message, and a
//                       receiver that had not read it learns how many it missed.
//
// Positions. Messages are numbered 0, 1, 2, ... in the order senders claim them; message
// p lives in slot p % cap. `tail` is the next number to claim. Each receiver has a cursor
// with its own `pos`: the next message it reads. Every receiver's pos is <= tail.
//
// Stamps. A slot's stamp says what it holds, and for which message p (stamp / 4 == p):
//   4p      free, waiting for message p
//   4p + 1  claimed for p: its sender is moving the message in
//   4p + 2  holds message p
//
// Holds. A message is stored once; receivers copy it. It is destroyed when the last of
// its holders lets go: one hold per receiver that will read it, plus one for its sender
// until it has published. Whoever drops the last hold takes the message out, frees the
// slot for p + cap and destroys the message outside any lock.
//   - Claiming p (under `mutex`) sets holds = receivers + 1. Every receiver there at that
//     moment has pos <= p, so each will read p, skip it (lagging) or leave.
//   - Reading p drops one hold; a receiver that leaves drops its holds on [pos, tail).
//   - A copied receiver starts where its original is, and takes a hold on each message
//     in [pos, tail) still kept (under `mutex`). `subscribe` starts at tail: no holds.
// `mutex` serialises claims and changes to the set of receivers, so a message's holds
// are exactly the receivers that will read it. Receiving takes no lock.
//
// Lossless: p may be claimed only once its slot is free for p, i.e. once message p - cap
// has been read by everyone: that is the wait for the slowest receiver. A receiver's
// hold keeps p from being overwritten while it copies, so receivers copy without a lock.
// Lagging: p is claimed at once. If the slot still holds p - cap, the claim takes that
// message out (it is destroyed unread by some); receivers copy under the slot's read lock,
// which the claim takes for writing, so nobody is mid-copy when it goes. A receiver at q
// that finds a later message in q's slot has lagged: it moves to tail - cap, the oldest
// message still kept, and reports tail - cap - q missed messages. A sender publishes and
// lets go of p under the read lock, so no claim can overwrite p in between. Claiming waits
// only for a sender still publishing the message one lap earlier (rare, and brief).
//
// Waiting. A receiver at pos is ready once tail > pos (a message is claimed for it; its
// sender publishes it at once) or the channel is closed. Receivers wait on
// `receivers_waiting` and are all woken by each publication (`notify_all`): a message is
// for every one of them. Lossless senders wait on `senders_waiting` for their slot to be
// free; freeing a slot wakes one, a receiver leaving wakes all. The state a waiter checks
// after registering (tail, stamps, closed, the receiver count) is written sequentially
// consistently, as waker.hpp requires.
//
// Disconnection. The channel closes when the last sender goes, or on close(): claims
// fail, and receivers get `disconnected` once they reach tail. A send while there is no
// receiver fails with `disconnected` and hands the message back (nothing would read it),
// but the channel stays open: a later subscribe() makes sends succeed again (tokio).
//
// Lifetime. Every handle (sender or receiver) counts in `refs`; the last one frees the
// channel. By then every hold has been dropped, so no slot holds a message.
//
// Message numbers in traces are the positions: N receivers of message p report N
// receptions of (channel, p).
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "../result.hpp"
#include "backoff.hpp"
#include "blocking.hpp"
#include "config.hpp"
#include "storage.hpp"
#include "token.hpp"
#include "trace_hooks.hpp"
#include "waker.hpp"

namespace chan::detail {

// A reader-writer spin lock, used by the lagging policy only: receivers copy a message
// under the read side; a claim that overwrites the slot takes the write side, so it
// waits until they are done. Only claims write, and they hold the channel's mutex, so
// there is one writer at a time; a waiting writer keeps new readers out.
class slot_lock {
public:
    void lock_shared() noexcept {
        backoff b;
        for (;;) {
            if (!(word_.fetch_add(1, std::memory_order_acquire) & writer)) return;
            word_.fetch_sub(1, std::memory_order_relaxed);
            while (word_.load(std::memory_order_relaxed) & writer) b.snooze();
        }
    }
    void unlock_shared() noexcept { word_.fetch_sub(1, std::memory_order_release); }

    void lock() noexcept {
        word_.fetch_or(writer, std::memory_order_acquire);
        backoff b;
        while (word_.load(std::memory_order_acquire) != writer) b.snooze();
    }
    void unlock() noexcept { word_.fetch_and(~writer, std::memory_order_release); }

private:
    static constexpr std::uint32_t writer = std::uint32_t{1} << 31;
    std::atomic<std::uint32_t> word_{0};
};

template <class T>
class broadcast_channel {
    struct alignas(cache_line) slot {
        std::atomic<std::uint64_t> stamp{0};
        std::atomic<std::size_t> holds{0};
        slot_lock lock;
        message_cell<T> msg;
    };

    static constexpr std::uint64_t free_for(std::uint64_t p) noexcept { return 4 * p; }
    static constexpr std::uint64_t claimed(std::uint64_t p) noexcept { return 4 * p + 1; }
    static constexpr std::uint64_t holding(std::uint64_t p) noexcept { return 4 * p + 2; }

    // Holds a slot's read lock for its scope, if the policy needs one.
    class read_guard {
    public:
        read_guard(slot& s, bool engaged) noexcept : s_(engaged ? &s : nullptr) {
            if (s_) s_->lock.lock_shared();
        }
        ~read_guard() {
            if (s_) s_->lock.unlock_shared();
        }
        read_guard(const read_guard&) = delete;
        read_guard& operator=(const read_guard&) = delete;

    private:
        slot* s_;
    };

public:
    // The largest capacity: the ring's bytes must fit the address space.
    static constexpr std::size_t max_capacity = std::numeric_limits<std::ptrdiff_t>::max() / sizeof(slot);

    // `cap` >= 1; above max_capacity it throws std::length_error.
    broadcast_channel(std::size_t cap, bool lagging, std::string name)
        : cap_(checked_capacity(lagging ? "chan::lagging_broadcast" : "chan::broadcast", cap, max_capacity)),
          lagging_(lagging),
          slots_(new slot[cap]),
          desc_(lagging ? trace::flavor::broadcast_lagging : trace::flavor::broadcast, static_cast<std::int64_t>(cap),
                std::move(name), &senders_, &receivers_, this, &close_owner) {
        for (std::size_t i = 0; i < cap_; ++i) slots_[i].stamp.store(free_for(i), std::memory_order_relaxed);
    }
    broadcast_channel(const broadcast_channel&) = delete;
    broadcast_channel& operator=(const broadcast_channel&) = delete;

    const channel_desc& desc() const noexcept { return desc_; }
    std::size_t capacity() const noexcept { return cap_; }
    std::size_t sender_count() const noexcept { return senders_.load(std::memory_order_relaxed); }
    std::size_t receiver_count() const noexcept { return receivers_.load(std::memory_order_relaxed); }
    bool is_closed() const noexcept { return closed_.load(std::memory_order_seq_cst); }

    // ---- handles ----

    void add_sender() noexcept {
        refs_.fetch_add(1, std::memory_order_relaxed);
        senders_.fetch_add(1, std::memory_order_relaxed);
        record_handles(trace::handle_change::sender_added);
    }

    void drop_sender() noexcept {
        const bool last = senders_.fetch_sub(1, std::memory_order_acq_rel) == 1;
        record_handles(trace::handle_change::sender_dropped);
        if (last) close(trace::disconnect_cause::senders_gone);
        release_ref();
    }

    // A new receiver that will read the messages claimed from now on; returns its pos.
    std::uint64_t subscribe() noexcept {
        std::lock_guard lock(mutex_);
        join();
        return tail_.load(std::memory_order_relaxed);
    }

    // A new receiver at `pos` (a copy of the receiver there): it holds what that one holds.
    std::uint64_t join_at(std::uint64_t pos) noexcept {
        std::lock_guard lock(mutex_);
        join();
        const std::uint64_t end = tail_.load(std::memory_order_relaxed);
        for (std::uint64_t p = oldest_kept(pos, end); p < end; ++p)
            slot_for(p).holds.fetch_add(1, std::memory_order_relaxed);
        return pos;
    }

    // The receiver at `pos` leaves: it lets go of every message it has not read.
    void leave(std::uint64_t pos) noexcept {
        std::uint64_t end;
        {
            std::lock_guard lock(mutex_);
            receivers_.fetch_sub(1, std::memory_order_seq_cst);
            record_handles(trace::handle_change::receiver_dropped);
            end = tail_.load(std::memory_order_relaxed);
        }
        // Claims from `end` on do not count this receiver. Messages before it do; in the
        // lagging policy one may be overwritten meanwhile, and its holds go with it.
        for (std::uint64_t p = oldest_kept(pos, end); p < end; ++p) {
            slot& s = slot_for(p);
            std::optional<stored<T>> last;
            read_guard g(s, lagging_);
            if (s.stamp.load(std::memory_order_acquire) / 4 == p) release_hold(s, p, last);
        }
        senders_waiting_.notify_all();  // room, or no receiver left: either way, look again
        release_ref();
    }

    // How trace::close_all_channels() closes this channel.
    static bool close_owner(void* self) noexcept {
        return static_cast<broadcast_channel*>(self)->close(trace::disconnect_cause::closed);
    }

    // Closes the channel (last sender gone, or close()); false if it already was.
    bool close(trace::disconnect_cause why) noexcept {
        {
            std::lock_guard lock(mutex_);
            if (closed_.load(std::memory_order_relaxed)) return false;
            if (tracing_on()) trace_disconnect(desc_, why);
            closed_.store(true, std::memory_order_seq_cst);
        }
        receivers_waiting_.disconnect();
        senders_waiting_.disconnect();
        return true;
    }

    // ---- send: claim / complete ----

    // Claims the next position (token.ptr: its slot, token.seq: the position), or finds
    // the channel closed or without receivers (token.ptr null). False: full (lossless).
    bool start_send(token& t) noexcept {
        backoff b;
        for (;;) {
            std::optional<stored<T>> overwritten;  // destroyed after the locks are released
            std::unique_lock lock(mutex_);
            if (closed_.load(std::memory_order_relaxed) || receivers_.load(std::memory_order_relaxed) == 0) {
                t.ptr = nullptr;
                return true;
            }
            const std::uint64_t p = tail_.load(std::memory_order_relaxed);
            slot& s = slot_for(p);
            if (!lagging_) {
                if (s.stamp.load(std::memory_order_acquire) != free_for(p)) return false;
                claim(s, p, t);
                return true;
            }
            std::unique_lock overwrite(s.lock);
            const std::uint64_t stamp = s.stamp.load(std::memory_order_relaxed);
            if (stamp % 4 == 2) {
                overwritten.emplace(s.msg.take());
            } else if (stamp % 4 == 1) {  // message p - cap is still being published
                overwrite.unlock();
                lock.unlock();
                b.snooze();
                continue;
            }
            claim(s, p, t);
            return true;
        }
    }

    template <class Probe>
    status write(token& t, stored<T>& v, Probe pr) noexcept {
        if (!t.ptr) return status::disconnected;
        slot& s = *static_cast<slot*>(t.ptr);
        const std::uint64_t p = t.seq;
        if (pr) pr->sent(p);
        s.msg.put(std::move(v));
        {
            std::optional<stored<T>> last;  // only if every receiver left meanwhile
            read_guard g(s, lagging_);      // no claim may overwrite p before its sender lets go
            s.stamp.store(holding(p), std::memory_order_release);  // waiters watch tail, not stamps
            release_hold(s, p, last);
        }
        receivers_waiting_.notify_all();
        return status::ok;
    }

    // ---- send: whole operations ----

    template <class Probe>
    status try_send(stored<T>& v, Probe pr) noexcept {
        token t;
        return start_send(t) ? write(t, v, pr) : status::full;
    }

    template <class Probe>
    status send(stored<T>& v, const deadline& d, Probe pr) {
        token t;
        const auto park = [this, pr](const deadline& until) {
            park_on(senders_waiting_, until, pr, wait_reason::slowest_receiver, [this] { return send_ready(); });
        };
        if (!wait_to_claim(d, [&] { return start_send(t); }, park)) return status::timeout;
        return write(t, v, pr);
    }

    // ---- send: select interface ----

    bool register_send(selection oper, waiter& w) {
        senders_waiting_.add_selector(oper, w);
        return send_ready();
    }
    void unregister_send(selection oper) noexcept { senders_waiting_.remove_selector(oper); }
    bool accept_send(token& t, waiter&) noexcept { return start_send(t); }
    bool send_ready() const noexcept {
        if (lagging_ || closed_.load(std::memory_order_seq_cst) || receivers_.load(std::memory_order_seq_cst) == 0)
            return true;
        const std::uint64_t p = tail_.load(std::memory_order_seq_cst);
        return slot_for(p).stamp.load(std::memory_order_seq_cst) == free_for(p);
    }
    bool watch_send(selection oper, waiter& w) {
        senders_waiting_.add_observer(oper, w);
        return send_ready();
    }
    void unwatch_send(selection oper) noexcept { senders_waiting_.remove_observer(oper); }

    // ---- receive, for the receiver at `pos` ----

    // Whether the receiver at `pos` would not have to wait: a message claimed for it (or
    // overwritten, lagging), or the channel closed.
    bool recv_ready(std::uint64_t pos) const noexcept {
        return tail_.load(std::memory_order_seq_cst) > pos || closed_.load(std::memory_order_seq_cst);
    }

    // Receives without waiting: a copy of message `pos` (advancing pos), `lagged`
    // (moving pos to the oldest message kept), `disconnected` or `empty`. Once
    // recv_ready(pos) it never returns `empty`. If copying throws, nothing changed.
    template <class Probe>
    recv_result<T> receive(std::uint64_t& pos, Probe pr) {
        backoff b;
        for (;;) {
            const std::uint64_t q = pos;
            const std::uint64_t end = tail_.load(std::memory_order_seq_cst);
            slot& s = slot_for(q);
            std::optional<stored<T>> last;  // destroyed after the read lock is released
            bool overwritten = false;
            {
                read_guard g(s, lagging_);
                const std::uint64_t stamp = s.stamp.load(std::memory_order_acquire);
                if (stamp == holding(q)) {
                    stored<T> copy = copy_of(s.msg.peek());
                    release_hold(s, q, last);
                    pos = q + 1;
                    if (pr) pr->received(q);
                    return recv_result<T>(status::ok, std::move(copy));
                }
                overwritten = stamp / 4 > q;  // lagging only: a later lap is in q's slot
            }
            if (overwritten) return skip_to_oldest(pos, pr);
            if (q < end) {  // claimed: its sender is moving it in
                b.snooze();
                continue;
            }
            if (!closed_.load(std::memory_order_seq_cst)) return recv_result<T>(status::empty);
            if (tail_.load(std::memory_order_seq_cst) == q) return recv_result<T>(status::disconnected);
        }
    }

    template <class Probe>
    recv_result<T> recv(std::uint64_t& pos, const deadline& d, Probe pr) {
        const auto ready = [this, &pos] { return recv_ready(pos); };
        const auto park = [this, pr, &ready](const deadline& until) {
            park_on(receivers_waiting_, until, pr, wait_reason::empty, ready);
        };
        if (!wait_to_claim(d, ready, park)) return recv_result<T>(status::timeout);
        return receive(pos, pr);  // never `empty` once ready
    }

    bool register_recv(std::uint64_t pos, selection oper, waiter& w) {
        receivers_waiting_.add_selector(oper, w);
        return recv_ready(pos);
    }
    void unregister_recv(selection oper) noexcept { receivers_waiting_.remove_selector(oper); }
    bool watch_recv(std::uint64_t pos, selection oper, waiter& w) {
        receivers_waiting_.add_observer(oper, w);
        return recv_ready(pos);
    }
    void unwatch_recv(selection oper) noexcept { receivers_waiting_.remove_observer(oper); }

private:
    ~broadcast_channel() = default;

    slot& slot_for(std::uint64_t p) const noexcept { return slots_[p % cap_]; }

    // The first message of [pos, end) that is still in the ring.
    std::uint64_t oldest_kept(std::uint64_t pos, std::uint64_t end) const noexcept {
        return end > cap_ ? std::max(pos, end - cap_) : pos;
    }

    static stored<T> copy_of(const stored<T>& m) {
        if constexpr (is_boxed<T>) {
            return std::make_unique<T>(*m);
        } else {
            return stored<T>(m);
        }
    }

    // Under `mutex`.
    void join() noexcept {
        refs_.fetch_add(1, std::memory_order_relaxed);
        receivers_.fetch_add(1, std::memory_order_seq_cst);
        record_handles(trace::handle_change::receiver_added);
    }

    // Under `mutex`, with the slot free for p (or its old message taken out).
    void claim(slot& s, std::uint64_t p, token& t) noexcept {
        s.holds.store(receivers_.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
        tail_.store(p + 1, std::memory_order_seq_cst);
        s.stamp.store(claimed(p), std::memory_order_release);
        t.ptr = &s;
        t.seq = p;
    }

    // Drops one hold on message p. The last holder takes the message out into `last`
    // (which the caller destroys outside any lock) and frees the slot for p + cap.
    void release_hold(slot& s, std::uint64_t p, std::optional<stored<T>>& last) noexcept {
        if (s.holds.fetch_sub(1, std::memory_order_acq_rel) != 1) return;
        last.emplace(s.msg.take());
        s.stamp.store(free_for(p + cap_), std::memory_order_seq_cst);
        if (!lagging_) senders_waiting_.notify();
    }

    // The receiver at pos lagged: message pos was overwritten. Every position after the
    // one now in its slot has been claimed, so tail - cap > pos.
    template <class Probe>
    recv_result<T> skip_to_oldest(std::uint64_t& pos, Probe pr) noexcept {
        const std::uint64_t oldest = tail_.load(std::memory_order_seq_cst) - cap_;
        const std::uint64_t missed = oldest - pos;
        pos = oldest;
        if (pr) pr->lagged(missed);
        return recv_result<T>::lagged(missed);
    }

    void record_handles(trace::handle_change change) const noexcept {
        if (tracing_on()) trace_handles(desc_, change);
    }

    void release_ref() noexcept {
        if (refs_.fetch_sub(1, std::memory_order_acq_rel) != 1) return;
        desc_.unlist();  // first: nothing may close the channel once its destruction has begun
        delete this;
    }

    const std::size_t cap_;
    const bool lagging_;
    std::unique_ptr<slot[]> slots_;
    alignas(cache_line) std::atomic<std::uint64_t> tail_{0};
    alignas(cache_line) std::mutex mutex_;
    std::atomic<bool> closed_{false};
    std::atomic<std::size_t> senders_{1};
    std::atomic<std::size_t> receivers_{1};
    std::atomic<std::size_t> refs_{2};
    sync_waker senders_waiting_;
    alignas(cache_line) sync_waker receivers_waiting_;
    channel_desc desc_;
};

// One receiver of a broadcast channel: its position, and the receive side of the select
// interface for it (a broadcast receiver's select arms point here).
template <class T>
struct broadcast_cursor {
    broadcast_channel<T>* chan;
    std::uint64_t pos;

    const channel_desc& desc() const noexcept { return chan->desc(); }

    bool start_recv(token& t) noexcept {
        t.ptr = this;
        return chan->recv_ready(pos);
    }
    template <class Probe>
    recv_result<T> read(token&, Probe p) { return chan->receive(pos, p); }
    bool register_recv(selection oper, waiter& w) { return chan->register_recv(pos, oper, w); }
    void unregister_recv(selection oper) noexcept { chan->unregister_recv(oper); }
    bool accept_recv(token& t, waiter&) noexcept { return start_recv(t); }
    bool recv_ready() const noexcept { return chan->recv_ready(pos); }
    bool watch_recv(selection oper, waiter& w) { return chan->watch_recv(pos, oper, w); }
    void unwatch_recv(selection oper) noexcept { chan->unwatch_recv(oper); }
};

}  // namespace chan::detail
