// Bounded channel with capacity >= 1: a ring of slots, no lock on the fast path.
//
// The algorithm is crossbeam-channel's array flavor (after Dmitry Vyukov's bounded
// MPMC queue).
//
// Positions. `head` (next slot to receive from) and `tail` (next slot to send into)
// are words laid out as  [ lap | mark | index ]:  `index` in [0, cap) picks the slot,
// `lap` counts trips around the ring (in units of `one_lap`), and the `mark` bit of
// `tail` means "disconnected". `mark_bit` is the smallest power of two > cap, and
// `one_lap` = 2 * mark_bit, so the fields never overlap.
//
// Stamps. Every slot has a stamp saying whose turn it is:
//   stamp == tail      the slot is empty and awaits the sender at position `tail`;
//   stamp == head + 1  the slot holds the message for the receiver at position `head`.
// A sender claims position `tail` by CAS on `tail` (when the slot's stamp equals it),
// writes the message, then publishes it with stamp = tail + 1 (release). A receiver
// claims position `head` by CAS on `head` (when stamp == head + 1), moves the message
// out, then frees the slot for the next lap with stamp = head + one_lap (release).
// Between claim and publish a slot belongs to one thread only; anyone else who reaches
// it snoozes briefly. Claims never fail halfway: message moves cannot throw here
// (storage.hpp), so a claimed slot is always published.
//
// Full / empty. A sender seeing a slot stamped one lap behind (stamp + one_lap ==
// tail + 1) checks `head` after a SeqCst fence: if head + one_lap == tail the ring is
// full. A receiver seeing stamp == head checks `tail`: if tail == head it is empty,
// and if the mark is set too, disconnected (only once drained: buffered messages are
// always delivered first).
//
// Blocking. A sender that finds the ring full registers with `senders`, re-checks, and
// parks; every receive notifies `senders` (and every send notifies `receivers`). A
// notification is a hint to retry, not a hand-off (see waker.hpp for why none is lost).
//
// Message numbers. Position p on lap L is message L * cap + index: the sender that
// claims it and the receiver that takes it compute the same number.
#pragma once

#include <algorithm>
#include <atomic>
#include <bit>
#include <cstddef>
#include <limits>
#include <memory>
#include <new>
#include <optional>
#include <type_traits>

#include "../result.hpp"
#include "backoff.hpp"
#include "blocking.hpp"
#include "config.hpp"
#include "storage.hpp"
#include "token.hpp"
#include "trace_hooks.hpp"
#include "waker.hpp"

namespace chan::detail {

template <class T>
class array_channel {
public:
    // The largest capacity: `one_lap` must leave at least one bit of a position above it
    // to count laps, and the ring's bytes must fit the address space.
    static std::size_t max_capacity() noexcept {
        constexpr std::size_t laps_fit = (std::size_t{1} << (std::numeric_limits<std::size_t>::digits - 2)) - 1;
        return std::min<std::size_t>(laps_fit, std::numeric_limits<std::ptrdiff_t>::max() / sizeof(slot));
    }

    // `cap` >= 1; above max_capacity() it throws std::length_error.
    explicit array_channel(std::size_t cap)
        : cap_(checked_capacity("chan::bounded", cap, max_capacity())),
          mark_bit_(std::bit_ceil(cap + 1)),
          one_lap_(mark_bit_ * 2),
          buffer_(make_slots(cap)) {}

    array_channel(const array_channel&) = delete;
    array_channel& operator=(const array_channel&) = delete;

    ~array_channel() {
        // No handle is left; drop what is still buffered.
        std::size_t head = head_.load(std::memory_order_relaxed);
        const std::size_t len = size();
        for (std::size_t i = 0; i < len; ++i) {
            const std::size_t index = head & (mark_bit_ - 1);
            buffer_[index].msg.destroy();
            head = next_position(head);
        }
        std::allocator<slot>().deallocate(buffer_, cap_);
    }

    // ---- claim / complete (used directly by select) ----

    CHAN_HOT_PATH bool start_send(token& t) noexcept {
        backoff b;
        std::size_t tail = tail_.load(std::memory_order_relaxed);
        for (;;) {
            if (tail & mark_bit_) {
                t.ptr = nullptr;
                return true;
            }
            slot& s = buffer_[tail & (mark_bit_ - 1)];
            const std::size_t stamp = s.stamp.load(std::memory_order_acquire);
            if (tail == stamp) {
                if (tail_.compare_exchange_weak(tail, next_position(tail), std::memory_order_seq_cst,
                                                std::memory_order_relaxed)) {
                    t.ptr = &s;
                    t.n = tail + 1;
                    return true;
                }
                b.spin();
            } else if (stamp + one_lap_ == tail + 1) {
                std::atomic_thread_fence(std::memory_order_seq_cst);
                if (head_.load(std::memory_order_relaxed) + one_lap_ == tail) return false;  // full
                b.spin();
                tail = tail_.load(std::memory_order_relaxed);
            } else {
                b.snooze();  // the slot's previous receiver is still moving its message out
                tail = tail_.load(std::memory_order_relaxed);
            }
        }
    }

    template <class Probe>
    status write(token& t, stored<T>& v, Probe p) noexcept {
        if (!t.ptr) return status::disconnected;
        slot& s = *static_cast<slot*>(t.ptr);
        if (p) p->sent(message_number(t.n - 1));
        s.msg.put(std::move(v));
        s.stamp.store(t.n, std::memory_order_release);
        receivers_.notify();
        return status::ok;
    }

    CHAN_HOT_PATH bool start_recv(token& t) noexcept {
        backoff b;
        std::size_t head = head_.load(std::memory_order_relaxed);
        for (;;) {
            slot& s = buffer_[head & (mark_bit_ - 1)];
            const std::size_t stamp = s.stamp.load(std::memory_order_acquire);
            if (head + 1 == stamp) {
                if (head_.compare_exchange_weak(head, next_position(head), std::memory_order_seq_cst,
                                                std::memory_order_relaxed)) {
                    t.ptr = &s;
                    t.n = head + one_lap_;
                    return true;
                }
                b.spin();
            } else if (stamp == head) {
                std::atomic_thread_fence(std::memory_order_seq_cst);
                const std::size_t tail = tail_.load(std::memory_order_relaxed);
                if ((tail & ~mark_bit_) == head) {
                    if (tail & mark_bit_) {
                        t.ptr = nullptr;  // drained and disconnected
                        return true;
                    }
                    return false;  // empty
                }
                b.spin();
                head = head_.load(std::memory_order_relaxed);
            } else {
                b.snooze();  // the slot's sender is still moving its message in
                head = head_.load(std::memory_order_relaxed);
            }
        }
    }

    template <class Probe>
    recv_result<T> read(token& t, Probe p) noexcept {
        if (!t.ptr) return recv_result<T>(status::disconnected);
        slot& s = *static_cast<slot*>(t.ptr);
        stored<T> v = s.msg.take();
        if (p) p->received(message_number(t.n - one_lap_));  // before the slot is free: a trace never shows more than `cap` buffered
        s.stamp.store(t.n, std::memory_order_release);
        senders_.notify();
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
        const auto park = [this, p](const deadline& until) {
            park_on(senders_, until, p, wait_reason::full, [this] { return send_ready(); });
        };
        if (!wait_to_claim(d, [&] { return start_send(t); }, park)) return status::timeout;
        return write(t, v, p);
    }

    template <class Probe>
    recv_result<T> try_recv(Probe p) noexcept {
        token t;
        return start_recv(t) ? read(t, p) : recv_result<T>(status::empty);
    }

    template <class Probe>
    recv_result<T> recv(const deadline& d, Probe p) {
        token t;
        const auto park = [this, p](const deadline& until) {
            park_on(receivers_, until, p, wait_reason::empty, [this] { return recv_ready(); });
        };
        if (!wait_to_claim(d, [&] { return start_recv(t); }, park)) return recv_result<T>(status::timeout);
        return read(t, p);
    }

    // ---- select interface ----

    bool register_send(selection oper, waiter& w) {
        senders_.add_selector(oper, w);
        return send_ready();
    }
    void unregister_send(selection oper) noexcept { senders_.remove_selector(oper); }
    bool accept_send(token& t, waiter&) noexcept { return start_send(t); }
    bool send_ready() const noexcept { return !full() || is_disconnected(); }
    bool watch_send(selection oper, waiter& w) {
        senders_.add_observer(oper, w);
        return send_ready();
    }
    void unwatch_send(selection oper) noexcept { senders_.remove_observer(oper); }

    bool register_recv(selection oper, waiter& w) {
        receivers_.add_selector(oper, w);
        return recv_ready();
    }
    void unregister_recv(selection oper) noexcept { receivers_.remove_selector(oper); }
    bool accept_recv(token& t, waiter&) noexcept { return start_recv(t); }
    bool recv_ready() const noexcept { return !empty() || is_disconnected(); }
    bool watch_recv(selection oper, waiter& w) {
        receivers_.add_observer(oper, w);
        return recv_ready();
    }
    void unwatch_recv(selection oper) noexcept { receivers_.remove_observer(oper); }

    // ---- disconnection ----

    // Marks the channel disconnected and wakes everyone; false if it already was.
    bool disconnect() noexcept {
        const std::size_t tail = tail_.fetch_or(mark_bit_, std::memory_order_seq_cst);
        if (tail & mark_bit_) return false;
        senders_.disconnect();
        receivers_.disconnect();
        return true;
    }

    // The last receiver is gone: drop every buffered message now. Only receivers move
    // `head`, and none is left, so nothing races with this but senders finishing writes
    // they claimed before the mark was set; wait for those.
    void discard_all_messages() noexcept {
        const std::size_t tail = tail_.load(std::memory_order_seq_cst) & ~mark_bit_;
        std::size_t head = head_.load(std::memory_order_relaxed);
        backoff b;
        while (head != tail) {
            slot& s = buffer_[head & (mark_bit_ - 1)];
            if (s.stamp.load(std::memory_order_acquire) == head + 1) {
                s.msg.destroy();
                s.stamp.store(head + one_lap_, std::memory_order_release);
                head = next_position(head);
            } else {
                b.spin();
            }
        }
        head_.store(head, std::memory_order_release);
    }

    bool is_disconnected() const noexcept { return tail_.load(std::memory_order_seq_cst) & mark_bit_; }

    // ---- introspection ----


    std::size_t size() const noexcept {
        for (;;) {
            const std::size_t tail = tail_.load(std::memory_order_seq_cst);
            const std::size_t head = head_.load(std::memory_order_seq_cst);
            if (tail_.load(std::memory_order_seq_cst) != tail) continue;  // moved meanwhile: retry
            const std::size_t hix = head & (mark_bit_ - 1);
            const std::size_t tix = tail & (mark_bit_ - 1);
            if (hix < tix) return tix - hix;
            if (hix > tix) return cap_ - hix + tix;
            return (tail & ~mark_bit_) == head ? 0 : cap_;
        }
    }

    bool empty() const noexcept {
        const std::size_t head = head_.load(std::memory_order_seq_cst);
        const std::size_t tail = tail_.load(std::memory_order_seq_cst);
        return (tail & ~mark_bit_) == head;
    }

    bool full() const noexcept {
        const std::size_t tail = tail_.load(std::memory_order_seq_cst);
        const std::size_t head = head_.load(std::memory_order_seq_cst);
        return head + one_lap_ == (tail & ~mark_bit_);
    }

private:
    struct slot {
        explicit slot(std::size_t first_stamp) noexcept : stamp(first_stamp) {}
        std::atomic<std::size_t> stamp;
        message_cell<T> msg;
    };
    static_assert(std::is_trivially_destructible_v<slot>);

    // The ring, each slot written once with its first stamp (for a large ring, a second
    // pass over it would cost as much again as the allocation).
    static slot* make_slots(std::size_t cap) {
        slot* slots = std::allocator<slot>().allocate(cap);
        for (std::size_t i = 0; i < cap; ++i) ::new (static_cast<void*>(slots + i)) slot(i);
        return slots;
    }

    // The position after `pos` (which carries no mark).
    std::size_t next_position(std::size_t pos) const noexcept {
        const std::size_t index = pos & (mark_bit_ - 1);
        const std::size_t lap = pos & ~(one_lap_ - 1);
        return index + 1 < cap_ ? pos + 1 : lap + one_lap_;
    }

    // Only for traces: the division is not free.
    std::uint64_t message_number(std::size_t pos) const noexcept {
        return static_cast<std::uint64_t>(pos / one_lap_) * cap_ + (pos & (mark_bit_ - 1));
    }

    alignas(cache_line) std::atomic<std::size_t> head_{0};
    alignas(cache_line) std::atomic<std::size_t> tail_{0};
    // Read by every operation, written never.
    alignas(cache_line) const std::size_t cap_;
    const std::size_t mark_bit_;
    const std::size_t one_lap_;
    slot* const buffer_;
    // Written when a thread starts or stops waiting, so kept off the line above.
    alignas(cache_line) sync_waker senders_;
    alignas(cache_line) sync_waker receivers_;
};

}  // namespace chan::detail
