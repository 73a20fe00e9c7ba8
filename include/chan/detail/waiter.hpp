// The one abstraction every blocking operation waits through.
//
// A waiter is whoever is blocked in a channel operation or a select. It is registered
// with the wakers of the channels it waits on, and it is woken by *selection*: exactly
// one party moves its `selected` word away from `waiting`, by compare-and-swap:
//   - another thread, to hand it an operation (`try_select(oper)`: "your operation
//     `oper` can proceed", optionally with a packet, see zero.hpp);
//   - the waiter itself, when its deadline passes (`aborted`) or when registration
//     finds an operation already ready;
//   - a disconnecting channel (`disconnected`).
// The CAS is what makes a select complete exactly one operation and what makes a
// timeout race safely with a wake-up: whoever loses the CAS backs off.
//
// What happens after selection is the waiter's concern: `wake()` is virtual. Today the
// only kind is `thread_waiter` (a parked thread); a suspended coroutine would be
// another kind that resumes itself from `wake()`, and no flavor would change.
//
// Lifetime: a waker touches a waiter only while holding the waker's lock and while the
// waiter is registered there, but after a successful CAS the waiting thread may return
// and even exit before the waker has finished calling `wake()`. Waiters are therefore
// reference counted; a waker retains one before its CAS and releases it after waking.
#pragma once

#include <atomic>
#include <cstdint>

#include "backoff.hpp"
#include "config.hpp"
#include "parker.hpp"

namespace chan::detail {

// Values of a waiter's selection word. Any other value is an operation id: the address
// of something owned by the waiting operation, unique while it is registered and
// never 0, 1 or 2 (addresses of objects are at least 4-aligned here).
using selection = std::uintptr_t;
inline constexpr selection sel_waiting = 0;
inline constexpr selection sel_aborted = 1;
inline constexpr selection sel_disconnected = 2;

template <class T>
selection operation_id(const T* p) noexcept {
    static_assert(alignof(T) >= 4);
    return reinterpret_cast<selection>(p);
}

// Identifies the thread running the current code: wakers never pair a waiter with an
// operation of its own thread (a select with a send and a receive arm on the same
// rendezvous channel must not hand a message to itself).
inline const void* current_actor() noexcept {
    thread_local const char marker = 0;
    return &marker;
}

class waiter {
public:
    waiter() noexcept : actor_(current_actor()) {}
    waiter(const waiter&) = delete;
    waiter& operator=(const waiter&) = delete;

    bool try_select(selection s) noexcept {
        selection expected = sel_waiting;
        return selected_.compare_exchange_strong(expected, s, std::memory_order_acq_rel, std::memory_order_acquire);
    }
    selection selected() const noexcept { return selected_.load(std::memory_order_acquire); }

    // A packet is the address where a rendezvous partner reads or writes the message.
    void store_packet(void* p) noexcept { packet_.store(p, std::memory_order_release); }
    void* wait_packet() const noexcept {
        backoff b;
        for (;;) {
            if (void* p = packet_.load(std::memory_order_acquire)) return p;
            b.snooze();
        }
    }

    const void* actor() const noexcept { return actor_; }

    virtual void wake() noexcept = 0;

    void retain() noexcept { refs_.fetch_add(1, std::memory_order_relaxed); }
    void release() noexcept {
        if (refs_.fetch_sub(1, std::memory_order_acq_rel) == 1) delete this;
    }

protected:
    virtual ~waiter() = default;

    // Prepares for a new operation. Only the owner calls this, when no waker holds it.
    void reset() noexcept {
        selected_.store(sel_waiting, std::memory_order_relaxed);
        packet_.store(nullptr, std::memory_order_relaxed);
    }

private:
    std::atomic<selection> selected_{sel_waiting};
    std::atomic<void*> packet_{nullptr};
    std::atomic<std::uint32_t> refs_{1};
    const void* actor_;
};

// A thread blocked in a channel operation.
class thread_waiter final : public waiter {
public:
    void wake() noexcept override { parker_.unpark(); }

    // Spins briefly (a partner is often just about to arrive), then parks until selected
    // or until the deadline, in which case it selects `aborted` itself. Returns the
    // final selection (never `sel_waiting`).
    selection wait_until(const deadline& d) noexcept {
        backoff b;
        while (!b.is_completed()) {
            if (selection s = selected(); s != sel_waiting) return s;
            b.snooze();
        }
        for (;;) {
            if (selection s = selected(); s != sel_waiting) return s;
            if (!d.set) {
                parker_.park();
            } else if (clock::now() < d.when) {
                parker_.park_until(d.when);
            } else {
                if (try_select(sel_aborted)) return sel_aborted;
                return selected();
            }
        }
    }

    // Borrows this thread's waiter for one blocking operation, freshly reset. Blocking
    // operations do not nest on one thread, but should one ever do (a destructor of a
    // message running a channel operation), it gets a waiter of its own.
    class lease {
    public:
        lease() : w_(acquire()) {}
        ~lease() {
            if (w_ == cached()) {
                in_use() = false;
            } else {
                w_->release();
            }
        }
        lease(const lease&) = delete;
        lease& operator=(const lease&) = delete;
        thread_waiter& operator*() const noexcept { return *w_; }
        thread_waiter* operator->() const noexcept { return w_; }

    private:
        static thread_waiter* acquire() {
            thread_waiter* w = cached();
            if (!w || in_use()) {
                w = new thread_waiter;
            } else {
                in_use() = true;
            }
            w->reset();
            return w;
        }
        static thread_waiter* cached() noexcept { return holder().w; }
        static bool& in_use() noexcept {
            thread_local bool flag = false;
            return flag;
        }
        struct cache {
            thread_waiter* w = new thread_waiter;
            ~cache() { w->release(); }
        };
        static cache& holder() {
            thread_local cache c;
            return c;
        }
        thread_waiter* w_;
    };

private:
    parker parker_;
};

}  // namespace chan::detail
