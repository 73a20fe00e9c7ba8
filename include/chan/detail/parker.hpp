// Puts one thread to sleep until another wakes it or a deadline passes.
//
// Protocol (a one-token semaphore, as Rust's std parker):
//   state 0 = empty, 1 = notified (a token is waiting), -1 = parked.
//   park():   take the token if there is one (1 -> 0); otherwise announce the sleep
//             (0 -> -1) and sleep until the state is 1 again, then take it.
//   unpark(): put the token (-> 1); if the owner announced a sleep, wake it.
// Wake-ups may be spurious: callers always re-check the condition they wait for
// (the waiter's selection) in a loop, so a stale token only costs one extra check.
//
// Linux: a futex on the state word (no mutex on the wake path). Elsewhere, including
// Emscripten: a mutex and condition variable.
#pragma once

#include <atomic>
#include <cstdint>

#include "config.hpp"

#if defined(__linux__) && !defined(__EMSCRIPTEN__)
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <climits>
#include <ctime>
#define CHAN_DETAIL_FUTEX 1
#else
#include <condition_variable>
#include <mutex>
#endif

namespace chan::detail {

#if CHAN_DETAIL_FUTEX

class parker {
public:
    void park() noexcept {
        if (state_.fetch_sub(1, std::memory_order_acquire) == notified) return;
        for (;;) {
            futex_wait(nullptr);
            int expected = notified;
            if (state_.compare_exchange_strong(expected, empty, std::memory_order_acquire)) return;
        }
    }

    // Returns when notified or when `until` has passed (whichever first).
    void park_until(instant until) noexcept {
        if (state_.fetch_sub(1, std::memory_order_acquire) == notified) return;
        const timespec ts = to_timespec(until);
        for (;;) {
            futex_wait(&ts);
            int expected = notified;
            if (state_.compare_exchange_strong(expected, empty, std::memory_order_acquire)) return;
            if (clock::now() >= until) {
                state_.exchange(empty, std::memory_order_acquire);
                return;
            }
        }
    }

    void unpark() noexcept {
        if (state_.exchange(notified, std::memory_order_release) == parked) {
            syscall(SYS_futex, reinterpret_cast<int*>(&state_), FUTEX_WAKE_PRIVATE, 1, nullptr, nullptr, 0);
        }
    }

private:
    static constexpr int empty = 0, notified = 1, parked = -1;
    static_assert(sizeof(std::atomic<int>) == sizeof(int));

    // Sleeps while the state is still `parked`; `until` is absolute on CLOCK_MONOTONIC,
    // which is what std::chrono::steady_clock reads on Linux.
    void futex_wait(const timespec* until) noexcept {
        syscall(SYS_futex, reinterpret_cast<int*>(&state_), FUTEX_WAIT_BITSET_PRIVATE, parked, until, nullptr,
                FUTEX_BITSET_MATCH_ANY);
    }

    static timespec to_timespec(instant t) noexcept {
        using namespace std::chrono;
        const auto ns = duration_cast<nanoseconds>(t.time_since_epoch()).count();
        timespec ts{};
        ts.tv_sec = static_cast<time_t>(ns / 1'000'000'000);
        ts.tv_nsec = static_cast<long>(ns % 1'000'000'000);
        return ts;
    }

    std::atomic<int> state_{empty};
};

#else

class parker {
public:
    void park() {
        std::unique_lock lock(mutex_);
        cv_.wait(lock, [&] { return notified_; });
        notified_ = false;
    }

    void park_until(instant until) {
        std::unique_lock lock(mutex_);
        cv_.wait_until(lock, until, [&] { return notified_; });
        notified_ = false;
    }

    void unpark() {
        {
            std::lock_guard lock(mutex_);
            notified_ = true;
        }
        cv_.notify_one();
    }

private:
    std::mutex mutex_;
    std::condition_variable cv_;
    bool notified_ = false;
};

#endif

}  // namespace chan::detail
