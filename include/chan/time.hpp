// Time as channels: receivers whose sender is the clock. Use them wherever a receiver
// fits: `recv()`, `recv_for()`, and as select arms.
//
//   auto timeout = chan::after(1s);               // one message, one second from now
//   auto ticker  = chan::tick(50ms);              // a message every 50 ms
//   auto off     = chan::never<int>();            // never ready: switches a select arm off
//
// Each message is the `chan::instant` the delivery was due. See detail/timer.hpp for
// how readiness is computed (no thread per timer) and how `tick` drops ticks for a
// slow receiver without drifting.
#pragma once

#include <chrono>
#include <string>

#include "channel.hpp"
#include "detail/timer.hpp"

namespace chan {

// One message at `when`.
template <class Clock, class Duration>
receiver<instant> at(std::chrono::time_point<Clock, Duration> when, std::string name = {}) {
    const detail::deadline d = detail::deadline::until(when);
    return detail::access::make_receiver(
        detail::make_core<instant, detail::at_channel>(trace::flavor::timer_at, 1, std::move(name), 0, d.when));
}

// One message after `delay`.
template <class Rep, class Period>
receiver<instant> after(std::chrono::duration<Rep, Period> delay, std::string name = {}) {
    return detail::access::make_receiver(detail::make_core<instant, detail::at_channel>(
        trace::flavor::timer_at, 1, std::move(name), 0, detail::deadline::after(delay).when));
}

// A message every `period` (> 0, else std::invalid_argument), the first one `period`
// from now. A receiver that falls behind finds at most one tick waiting; the schedule
// itself never drifts.
template <class Rep, class Period>
receiver<instant> tick(std::chrono::duration<Rep, Period> period, std::string name = {}) {
    const std::int64_t period_ns = detail::tick_period_ns(period);
    return detail::access::make_receiver(detail::make_core<instant, detail::tick_channel>(
        trace::flavor::timer_tick, 1, std::move(name), 0, period_ns));
}

// A receiver that never gets a message.
template <class T>
receiver<T> never(std::string name = {}) {
    return detail::access::make_receiver(
        detail::make_core<T, detail::never_channel<T>>(trace::flavor::never, 0, std::move(name), 0));
}

}  // namespace chan
