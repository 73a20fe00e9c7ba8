// Channels whose sender is the clock: `at` (one message at a point in time) and `tick`
// (a message every period); and `never`, which has no sender at all.
//
// No thread per timer. Readiness is computed from the clock when asked: a timer
// channel holds the instant of its next delivery, and an operation that would wait
// sleeps until the earlier of that instant and its own deadline. A select learns the
// instant through `recv_deadline()` and sets its own wake-up by it, so timers need no
// wakers.
//
// Several receivers may share a timer channel (copies of the receiver); a delivery is
// claimed by CAS, so each message goes to exactly one of them.
//
// `tick` keeps its schedule fixed at start + k * period and holds at most one pending
// tick: a receiver that falls behind gets the earliest tick it missed, and the next
// one is the first point of the schedule after the moment it receives. Ticks in
// between are dropped, and the schedule never drifts.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <thread>

#include "../result.hpp"
#include "blocking.hpp"
#include "config.hpp"
#include "storage.hpp"
#include "token.hpp"
#include "trace_hooks.hpp"
#include "waiter.hpp"

namespace chan::detail {

inline std::int64_t to_ns(instant t) noexcept {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}
inline instant from_ns(std::int64_t ns) noexcept {
    return instant(std::chrono::duration_cast<clock::duration>(std::chrono::nanoseconds(ns)));
}

// How a timer's receive parks (blocking.hpp): only time can make it ready, so it sleeps
// until its next delivery is `due` or its deadline passes, whichever is first. With
// neither, nothing will ever arrive: it sleeps a day at a time.
template <class Probe>
void sleep_for_timer(std::optional<instant> due, const deadline& d, Probe p) {
    if (p) p->blocked(wait_reason::timer);  // recorded once however often it sleeps (probe.hpp)
    if (!due && !d.set) {
        std::this_thread::sleep_for(std::chrono::hours(24));
    } else if (!due || (d.set && d.when < *due)) {
        std::this_thread::sleep_until(d.when);
    } else {
        std::this_thread::sleep_until(*due);
    }
}

// The receive side shared by timer flavors. `Clock` supplies:
//   std::optional<instant> due() const   — the next delivery, if any is left
//   bool claim(instant due, token&)      — takes that delivery (CAS); fills token.seq
//   instant delivery(std::uint64_t seq)  — when delivery number `seq` was due
// The token carries the delivery's number, not its instant: token.n is a size_t, 32
// bits in WebAssembly, and a clock reading in nanoseconds does not fit there.
template <class Flavor>
class clock_receiver {
public:
    bool start_recv(token& t) noexcept {
        for (;;) {
            const std::optional<instant> due = self().due();
            if (!due || clock::now() < *due) return false;
            if (self().claim(*due, t)) return true;
        }
    }

    template <class Probe>
    recv_result<instant> read(token& t, Probe p) noexcept {
        const instant due = self().delivery(t.seq);
        if (p) {
            p->timer_fired(t.seq, due);
            p->received(t.seq);
        }
        return recv_result<instant>(status::ok, instant(due));
    }

    template <class Probe>
    recv_result<instant> try_recv(Probe p) noexcept {
        token t;
        return start_recv(t) ? read(t, p) : recv_result<instant>(status::empty);
    }

    template <class Probe>
    recv_result<instant> recv(const deadline& d, Probe p) {
        token t;
        const auto park = [this, p](const deadline& until) { sleep_for_timer(self().due(), until, p); };
        if (!wait_to_claim(d, [&] { return start_recv(t); }, park)) return recv_result<instant>(status::timeout);
        return read(t, p);
    }

    // Select: readiness is time, so there is nothing to register with.
    bool register_recv(selection, waiter&) noexcept { return recv_ready(); }
    void unregister_recv(selection) noexcept {}
    bool accept_recv(token& t, waiter&) noexcept { return start_recv(t); }
    bool recv_ready() const noexcept {
        const std::optional<instant> due = self().due();
        return due && clock::now() >= *due;
    }
    bool watch_recv(selection, waiter&) noexcept { return recv_ready(); }
    void unwatch_recv(selection) noexcept {}
    std::optional<instant> recv_deadline() const noexcept { return self().due(); }
    bool can_ever_be_ready() const noexcept { return self().due().has_value(); }

    bool disconnect() noexcept { return false; }  // the clock never goes away
    void discard_all_messages() noexcept {}
    bool is_disconnected() const noexcept { return false; }

    std::size_t size() const noexcept { return recv_ready() ? 1 : 0; }
    bool empty() const noexcept { return !recv_ready(); }
    bool full() const noexcept { return recv_ready(); }

private:
    Flavor& self() noexcept { return static_cast<Flavor&>(*this); }
    const Flavor& self() const noexcept { return static_cast<const Flavor&>(*this); }
};

// One message at `when`.
class at_channel : public clock_receiver<at_channel> {
public:
    explicit at_channel(instant when) noexcept : when_(when) {}

    std::optional<instant> due() const noexcept {
        if (delivered_.load(std::memory_order_acquire)) return std::nullopt;
        return when_;
    }
    bool claim(instant, token& t) noexcept {
        if (delivered_.exchange(true, std::memory_order_acq_rel)) return false;
        t.seq = 0;
        return true;
    }
    instant delivery(std::uint64_t) const noexcept { return when_; }

private:
    const instant when_;
    std::atomic<bool> delivered_{false};
};

// A tick period in nanoseconds. Periods beyond 2^62 ns (about 146 years) are cut to it,
// so that schedule arithmetic (start + k * period) cannot overflow. Compared in floating
// point first: converting, say, hours::max() to nanoseconds would itself overflow.
template <class Rep, class Period>
std::int64_t tick_period_ns(std::chrono::duration<Rep, Period> period) {
    constexpr std::int64_t longest = std::int64_t{1} << 62;
    if (period <= std::chrono::duration<Rep, Period>::zero())
        throw std::invalid_argument("chan::tick: the period must be positive");
    if (std::chrono::duration<double, std::nano>(period).count() >= static_cast<double>(longest)) return longest;
    return std::max<std::int64_t>(1, std::chrono::duration_cast<std::chrono::nanoseconds>(period).count());
}

// A message every `period`, the first one period after creation.
class tick_channel : public clock_receiver<tick_channel> {
public:
    // `period_ns` >= 1 (see tick_period_ns).
    explicit tick_channel(std::int64_t period_ns) noexcept
        : period_ns_(period_ns), start_ns_(to_ns(clock::now())), next_ns_(start_ns_ + period_ns_) {}

    std::optional<instant> due() const noexcept { return from_ns(next_ns_.load(std::memory_order_acquire)); }

    bool claim(instant due, token& t) noexcept {
        std::int64_t expected = to_ns(due);
        const std::int64_t now = to_ns(clock::now());
        // The first point of the schedule strictly after now.
        const std::int64_t next = start_ns_ + ((now - start_ns_) / period_ns_ + 1) * period_ns_;
        if (!next_ns_.compare_exchange_strong(expected, next, std::memory_order_acq_rel)) return false;
        t.seq = static_cast<std::uint64_t>((to_ns(due) - start_ns_) / period_ns_);
        return true;
    }
    // Every delivery is a point of the schedule: next_ns_ only ever holds one.
    instant delivery(std::uint64_t seq) const noexcept {
        return from_ns(start_ns_ + static_cast<std::int64_t>(seq) * period_ns_);
    }

private:
    const std::int64_t period_ns_;
    const std::int64_t start_ns_;
    std::atomic<std::int64_t> next_ns_;
};

// Never ready: switches a select arm off, or waits out a deadline. Any message type.
template <class T>
class never_channel {
public:
    bool start_recv(token&) noexcept { return false; }
    template <class Probe>
    recv_result<T> read(token&, Probe) noexcept { return recv_result<T>(status::disconnected); }  // never claimed
    template <class Probe>
    recv_result<T> try_recv(Probe) noexcept { return recv_result<T>(status::empty); }
    // Returns only when the deadline passes.
    template <class Probe>
    recv_result<T> recv(const deadline& d, Probe p) {
        const auto park = [p](const deadline& until) { sleep_for_timer(std::nullopt, until, p); };
        (void)wait_to_claim(d, [] { return false; }, park);
        return recv_result<T>(status::timeout);
    }

    bool register_recv(selection, waiter&) noexcept { return false; }
    void unregister_recv(selection) noexcept {}
    bool accept_recv(token&, waiter&) noexcept { return false; }
    bool recv_ready() const noexcept { return false; }
    bool watch_recv(selection, waiter&) noexcept { return false; }
    void unwatch_recv(selection) noexcept {}
    std::optional<instant> recv_deadline() const noexcept { return std::nullopt; }
    bool can_ever_be_ready() const noexcept { return false; }

    bool disconnect() noexcept { return false; }
    void discard_all_messages() noexcept {}
    bool is_disconnected() const noexcept { return false; }

    std::size_t size() const noexcept { return 0; }
    bool empty() const noexcept { return true; }
    bool full() const noexcept { return false; }
};

}  // namespace chan::detail
