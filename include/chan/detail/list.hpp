// Unbounded channel: a linked list of blocks of slots, no lock on the fast path.
//
// The algorithm is crossbeam-channel's list flavor.
//
// Layout. Messages live in blocks of `block_cap` (31) slots linked by `next`. `head`
// and `tail` each hold a block pointer and an index. An index counts positions in
// units of 1 << shift; each block spans `lap` (32) positions, of which the last
// (offset 31) is not a slot but means "this block is full and the next one is being
// installed": whoever sees it waits for the installation. The lowest bit of an index
// is a mark: on `tail` it means "disconnected"; on `head` it means "head and tail are
// known to be in different blocks" (so a receiver need not look at `tail`).
//
// Sending claims a position by CAS on the tail index. The sender that claims the last
// slot of a block installs the next block (allocated before the claim, so installing
// cannot fail) by advancing tail past the boundary with an atomic add, never a store:
// a disconnect may set the tail's mark meanwhile, and the mark must survive. It then
// writes the message and sets the slot's WRITE bit (release). Senders never wait for
// room: the channel grows.
//
// Receiving claims a position by CAS on the head index (after checking, unless the head
// mark says otherwise, that tail is ahead), waits for the slot's WRITE bit, moves the
// message out and sets READ. Memory goes back as messages are consumed: a block is
// freed once every slot of it has been read. The receiver of the last slot starts
// freeing; for each earlier slot still being read it sets DESTROY instead, and the
// receiver of that slot, seeing DESTROY when it sets READ, continues the freeing.
//
// Message numbers. Position p (in slot units) is message (p / lap) * block_cap + p % lap.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>

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
class list_channel {
    static constexpr std::uint32_t write_bit = 1, read_bit = 2, destroy_bit = 4;
    static constexpr std::size_t lap = 32, block_cap = lap - 1;
    static constexpr std::size_t shift = 1, mark_bit = 1;
    static constexpr std::size_t one = std::size_t{1} << shift;

    struct slot {
        message_cell<T> msg;
        // 32 bits are plenty for three flags, and keep a slot of a small message at 8
        // bytes: half the memory traffic of a word-sized state.
        std::atomic<std::uint32_t> state{0};

        CHAN_SLOW_PATH void wait_write() const noexcept {
            backoff b;
            while ((state.load(std::memory_order_acquire) & write_bit) == 0) b.snooze();
        }
    };

    struct block {
        std::atomic<block*> next{nullptr};
        slot slots[block_cap];

        block* wait_next() const noexcept {
            backoff b;
            for (;;) {
                if (block* n = next.load(std::memory_order_acquire)) return n;
                b.snooze();
            }
        }

        // Frees the block once slots [start, block_cap - 1) have all been read; a slot
        // still being read gets DESTROY and its reader finishes the job.
        CHAN_SLOW_PATH static void destroy(block* b, std::size_t start) noexcept {
            for (std::size_t i = start; i < block_cap - 1; ++i) {
                slot& s = b->slots[i];
                if ((s.state.load(std::memory_order_acquire) & read_bit) == 0 &&
                    (s.state.fetch_or(destroy_bit, std::memory_order_acq_rel) & read_bit) == 0) {
                    return;
                }
            }
            delete b;
        }
    };

    struct position {
        std::atomic<std::size_t> index{0};
        std::atomic<block*> blk{nullptr};
    };

public:
    list_channel() = default;
    list_channel(const list_channel&) = delete;
    list_channel& operator=(const list_channel&) = delete;

    ~list_channel() {
        // No handle is left: drop the messages between head and tail and free the blocks.
        std::size_t head = head_.index.load(std::memory_order_relaxed) & ~(one - 1);
        const std::size_t tail = tail_.index.load(std::memory_order_relaxed) & ~(one - 1);
        block* b = head_.blk.load(std::memory_order_relaxed);
        while (head != tail) {
            const std::size_t offset = (head >> shift) % lap;
            if (offset < block_cap) {
                b->slots[offset].msg.destroy();
            } else {
                block* next = b->next.load(std::memory_order_relaxed);
                delete b;
                b = next;
            }
            head += one;
        }
        delete b;
    }

    // ---- claim / complete ----
    //
    // Each claim is split in two. The first part makes one attempt at the common case (a
    // block in place, not its last position, no other thread in the way) and saves no
    // registers; everything else (the first block, a block boundary, a lost race, a
    // closed channel on the sending side) goes to the loop after it, which starts over
    // from fresh loads. As one function, every message would pay the loop's prologue
    // and register saves. The first parts, their helpers and the send are hot paths,
    // the loops slow paths (config.hpp).

    CHAN_HOT_PATH bool start_send(token& t) {
        std::size_t tail = tail_.index.load(std::memory_order_acquire);
        block* blk = tail_.blk.load(std::memory_order_acquire);
        const std::size_t offset = (tail >> shift) % lap;
        if ((tail & mark_bit) == 0 && blk && offset + 1 < block_cap &&
            tail_.index.compare_exchange_weak(tail, tail + one, std::memory_order_seq_cst,
                                              std::memory_order_acquire)) {
            fill(t, blk, offset, tail);
            return true;
        }
        return start_send_slow(t);
    }

    CHAN_SLOW_PATH bool start_send_slow(token& t) {
        backoff b;
        std::size_t tail = tail_.index.load(std::memory_order_acquire);
        block* blk = tail_.blk.load(std::memory_order_acquire);
        std::unique_ptr<block> next_block;
        for (;;) {
            if (tail & mark_bit) {
                t.ptr = nullptr;
                return true;
            }
            const std::size_t offset = (tail >> shift) % lap;
            if (offset == block_cap) {  // another sender is installing the next block
                b.snooze();
                tail = tail_.index.load(std::memory_order_acquire);
                blk = tail_.blk.load(std::memory_order_acquire);
                continue;
            }
            // About to take the last slot: have the next block ready before claiming.
            if (offset + 1 == block_cap && !next_block) next_block = std::make_unique<block>();
            if (!blk) {  // the very first message: install the first block
                auto first = std::make_unique<block>();
                block* expected = nullptr;
                if (tail_.blk.compare_exchange_strong(expected, first.get(), std::memory_order_release,
                                                      std::memory_order_relaxed)) {
                    blk = first.release();
                    head_.blk.store(blk, std::memory_order_release);
                } else {
                    next_block = std::move(first);
                    tail = tail_.index.load(std::memory_order_acquire);
                    blk = tail_.blk.load(std::memory_order_acquire);
                    continue;
                }
            }
            const std::size_t new_tail = tail + one;
            if (tail_.index.compare_exchange_weak(tail, new_tail, std::memory_order_seq_cst,
                                                  std::memory_order_acquire)) {
                if (offset + 1 == block_cap) {  // install the next block and move past the boundary
                    block* nb = next_block.release();
                    tail_.blk.store(nb, std::memory_order_release);
                    // An add, not a store: a disconnect may have set the mark meanwhile.
                    tail_.index.fetch_add(one, std::memory_order_release);
                    blk->next.store(nb, std::memory_order_release);
                }
                fill(t, blk, offset, tail);
                return true;
            }
            blk = tail_.blk.load(std::memory_order_acquire);
            b.spin();
        }
    }

    template <class Probe>
    CHAN_HOT_PATH status write(token& t, stored<T>& v, Probe p) noexcept {
        if (!t.ptr) return status::disconnected;
        slot& s = static_cast<block*>(t.ptr)->slots[t.n];
        if (p) p->sent(t.seq);
        s.msg.put(std::move(v));
        s.state.fetch_or(write_bit, std::memory_order_release);
        receivers_.notify();
        return status::ok;
    }

    CHAN_HOT_PATH bool start_recv(token& t) noexcept {
        std::size_t head = head_.index.load(std::memory_order_acquire);
        block* blk = head_.blk.load(std::memory_order_acquire);
        const std::size_t offset = (head >> shift) % lap;
        if (offset + 1 < block_cap) {
            const step after = step_from(head);
            if (after.at_tail) return claim_end(t, after.tail);
            if (blk && head_.index.compare_exchange_weak(head, after.head, std::memory_order_seq_cst,
                                                         std::memory_order_acquire)) {
                fill(t, blk, offset, head);
                return true;
            }
        }
        return start_recv_slow(t);
    }

    CHAN_SLOW_PATH bool start_recv_slow(token& t) noexcept {
        backoff b;
        std::size_t head = head_.index.load(std::memory_order_acquire);
        block* blk = head_.blk.load(std::memory_order_acquire);
        for (;;) {
            const std::size_t offset = (head >> shift) % lap;
            if (offset == block_cap) {  // a receiver is moving head to the next block
                b.snooze();
                head = head_.index.load(std::memory_order_acquire);
                blk = head_.blk.load(std::memory_order_acquire);
                continue;
            }
            const step after = step_from(head);
            if (after.at_tail) return claim_end(t, after.tail);
            const std::size_t new_head = after.head;
            if (!blk) {  // the first message is being sent and its block installed
                b.snooze();
                head = head_.index.load(std::memory_order_acquire);
                blk = head_.blk.load(std::memory_order_acquire);
                continue;
            }
            if (head_.index.compare_exchange_weak(head, new_head, std::memory_order_seq_cst,
                                                  std::memory_order_acquire)) {
                if (offset + 1 == block_cap) {  // took the last slot: move head to the next block
                    block* next = blk->wait_next();
                    std::size_t next_index = (new_head & ~mark_bit) + one;
                    if (next->next.load(std::memory_order_relaxed)) next_index |= mark_bit;
                    head_.blk.store(next, std::memory_order_release);
                    head_.index.store(next_index, std::memory_order_release);
                }
                fill(t, blk, offset, head);
                return true;
            }
            blk = head_.blk.load(std::memory_order_acquire);
            b.spin();
        }
    }

    // Like the claims, the read keeps its common case (the message already written, the
    // block not to be freed) inline and calls out for waiting and freeing.
    template <class Probe>
    CHAN_HOT_PATH recv_result<T> read(token& t, Probe p) noexcept {
        if (!t.ptr) return recv_result<T>(status::disconnected);
        block* blk = static_cast<block*>(t.ptr);
        const std::size_t offset = t.n;
        slot& s = blk->slots[offset];
        if ((s.state.load(std::memory_order_acquire) & write_bit) == 0) s.wait_write();
        stored<T> v = s.msg.take();
        if (offset + 1 == block_cap) {
            block::destroy(blk, 0);
        } else if (s.state.fetch_or(read_bit, std::memory_order_acq_rel) & destroy_bit) {
            block::destroy(blk, offset + 1);
        }
        if (p) p->received(t.seq);
        return recv_result<T>(status::ok, std::move(v));
    }

    // ---- whole operations ----

    template <class Probe>
    CHAN_HOT_PATH status try_send(stored<T>& v, Probe p) {
        token t;
        start_send(t);  // never "full"
        return write(t, v, p);
    }

    // Unbounded: a send never waits, so the deadline never matters.
    template <class Probe>
    CHAN_HOT_PATH status send(stored<T>& v, const deadline&, Probe p) { return try_send(v, p); }

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

    bool register_send(selection, waiter&) noexcept { return true; }  // always ready
    void unregister_send(selection) noexcept {}
    bool accept_send(token& t, waiter&) { return start_send(t); }
    bool send_ready() const noexcept { return true; }
    bool watch_send(selection, waiter&) noexcept { return true; }
    void unwatch_send(selection) noexcept {}

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

    bool disconnect() noexcept {
        const std::size_t tail = tail_.index.fetch_or(mark_bit, std::memory_order_seq_cst);
        if (tail & mark_bit) return false;
        receivers_.disconnect();
        return true;
    }

    // The last receiver is gone: drop every buffered message and free the blocks now.
    void discard_all_messages() noexcept {
        backoff b;
        std::size_t tail = tail_.index.load(std::memory_order_acquire);
        // A sender may be moving tail past a block boundary; let it finish, or the block
        // it installs would leak.
        while (((tail >> shift) % lap) == block_cap) {
            b.snooze();
            tail = tail_.index.load(std::memory_order_acquire);
        }
        std::size_t head = head_.index.load(std::memory_order_acquire);
        // Swap rather than read: a sender may still be installing the very first block;
        // a block installed after this is freed by the destructor.
        block* blk = head_.blk.exchange(nullptr, std::memory_order_acq_rel);
        if ((head >> shift) != (tail >> shift)) {
            while (!blk) {
                b.snooze();
                blk = head_.blk.exchange(nullptr, std::memory_order_acq_rel);
            }
        }
        while ((head >> shift) != (tail >> shift)) {
            const std::size_t offset = (head >> shift) % lap;
            if (offset < block_cap) {
                slot& s = blk->slots[offset];
                s.wait_write();
                s.msg.destroy();
            } else {
                block* next = blk->wait_next();
                delete blk;
                blk = next;
            }
            head += one;
        }
        delete blk;
        head_.index.store(head & ~mark_bit, std::memory_order_release);
    }

    bool is_disconnected() const noexcept { return tail_.index.load(std::memory_order_seq_cst) & mark_bit; }

    // ---- introspection ----

    std::size_t size() const noexcept {
        for (;;) {
            std::size_t tail = tail_.index.load(std::memory_order_seq_cst);
            std::size_t head = head_.index.load(std::memory_order_seq_cst);
            if (tail_.index.load(std::memory_order_seq_cst) != tail) continue;
            tail &= ~(one - 1);
            head &= ~(one - 1);
            // Positions on a block boundary count as the start of the next block.
            if (((tail >> shift) & (lap - 1)) == lap - 1) tail += one;
            if (((head >> shift) & (lap - 1)) == lap - 1) head += one;
            // Rotate so that head is in the first block, then subtract the boundaries.
            const std::size_t laps = (head >> shift) / lap;
            tail -= (laps * lap) << shift;
            head -= (laps * lap) << shift;
            tail >>= shift;
            head >>= shift;
            return tail - head - tail / lap;
        }
    }

    bool empty() const noexcept {
        const std::size_t head = head_.index.load(std::memory_order_seq_cst);
        const std::size_t tail = tail_.index.load(std::memory_order_seq_cst);
        return (head >> shift) == (tail >> shift);
    }

    bool full() const noexcept { return false; }

private:
    // A claim of the slot at `offset` of `blk`, at position `index`.
    CHAN_HOT_PATH static void fill(token& t, block* blk, std::size_t offset, std::size_t index) noexcept {
        t.ptr = blk;
        t.n = offset;
        t.seq = message_number(index);
    }

    // Where a receiver taking position `head` moves the head: nowhere if it has reached
    // the tail (nothing to take; `tail` then says whether the channel is closed), else to
    // `head`, which carries the mark when the tail is already in a later block. Looks at
    // the tail only while the head's mark does not already say it is ahead.
    struct step {
        bool at_tail;
        std::size_t tail, head;
    };
    CHAN_HOT_PATH step step_from(std::size_t head) const noexcept {
        std::size_t next = head + one;
        if ((next & mark_bit) == 0) {
            std::atomic_thread_fence(std::memory_order_seq_cst);
            const std::size_t tail = tail_.index.load(std::memory_order_relaxed);
            if ((head >> shift) == (tail >> shift)) return {true, tail, 0};
            if ((head >> shift) / lap != (tail >> shift) / lap) next |= mark_bit;
        }
        return {false, 0, next};
    }

    // A receiver's head has reached `tail`: nothing to take. Once the channel is closed
    // that is a claim of "disconnected" (a null token); before, the channel is empty.
    CHAN_HOT_PATH static bool claim_end(token& t, std::size_t tail) noexcept {
        if ((tail & mark_bit) == 0) return false;
        t.ptr = nullptr;
        return true;
    }

    CHAN_HOT_PATH static std::uint64_t message_number(std::size_t index) noexcept {
        const std::size_t pos = index >> shift;
        return static_cast<std::uint64_t>(pos / lap) * block_cap + pos % lap;
    }

    alignas(cache_line) position head_;
    alignas(cache_line) position tail_;
    alignas(cache_line) sync_waker receivers_;
};

}  // namespace chan::detail
