// What the oneshot and broadcast handles share: their receive calls, and tracing of
// their operations.
//
// receive_api: `Derived` supplies `run(bool wait, const deadline&, Probe) -> recv_result<T>` (the
// flavor's receive, `wait` false for try_recv) and `desc()` (its channel); this class
// adds the four public calls and tracing: with a recording on, each call is a traced
// operation (recv_begin, then the flavor's own reports, then recv_failed if nothing
// was received).
#pragma once

#include <chrono>

#include "../result.hpp"
#include "../trace/format.hpp"
#include "../trace/probe.hpp"
#include "config.hpp"
#include "storage.hpp"
#include "trace_hooks.hpp"

namespace chan::detail {

template <class Derived, class T>
class receive_api {
public:
    // Waits for a message.
    recv_result<T> recv(source_location loc = source_location::current()) {
        return traced(true, chan::detail::deadline::never(), loc);
    }

    // A message if there is one now; otherwise `empty` (or why there will be none).
    recv_result<T> try_recv(source_location loc = source_location::current()) {
        return traced(false, chan::detail::deadline::never(), loc);
    }

    // Waits at most `timeout`; then `timeout`.
    template <class Rep, class Period>
    recv_result<T> recv_for(std::chrono::duration<Rep, Period> timeout,
                            source_location loc = source_location::current()) {
        return traced(true, chan::detail::deadline::after(timeout), loc);
    }

    // Waits until `deadline` at the latest; then `timeout`.
    template <class Clock, class Duration>
    recv_result<T> recv_until(std::chrono::time_point<Clock, Duration> deadline,
                              source_location loc = source_location::current()) {
        return traced(true, chan::detail::deadline::until(deadline), loc);
    }

private:
    recv_result<T> traced(bool wait, const deadline& d, source_location loc) {
        Derived& self = static_cast<Derived&>(*this);
        if (!tracing_on()) [[likely]]
            return self.run(wait, d, no_probe{});
        probe p(self.desc(), probe::side::recv, loc);
        p.begin();
        recv_result<T> r = self.run(wait, d, &p);
        if (!r) p.failed(r.status());
        return r;
    }
};

// Sends `message` through `op(stored<T>&, Probe) -> status` (Probe: probe* or
// no_probe), traced when a recording is on (send_begin with the message, the flavor's
// reports, send_failed if it failed).
// A failed send hands the message back.
template <class T, class Op>
send_result<T> send_traced(const channel_desc& channel, source_location loc, stored<T> message, Op op) {
    status st;
    if (!tracing_on()) [[likely]] {
        st = op(message, no_probe{});
    } else {
        probe p(channel, probe::side::send, loc);
        p.begin(trace::format_value(unbox<T>(message)));
        st = op(message, &p);
        if (st != status::ok) p.failed(st);
    }
    return send_outcome<T>(st, message);
}

}  // namespace chan::detail
