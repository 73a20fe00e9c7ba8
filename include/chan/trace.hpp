// Recording what a program's channels do: which thread sent which message into which
// channel, who waited and why, and who received it.
//
//   chan::trace::start();                       // begin a recording (in memory)
//   ... run threads that use channels ...
//   chan::trace::stop();
//   chan::trace::recording r = chan::trace::snapshot();
//
// Any program can also be traced without changing it: run it with the environment
// variable CHAN_TRACE naming a file (`CHAN_TRACE=out.json ./program`) and it writes a
// Chrome Trace Event JSON file at exit, which opens in Perfetto and chrome://tracing
// (see trace/json.hpp and docs/tracing.md).
//
// With no recording on, an operation pays one relaxed atomic load and a predictable
// branch. The recorder never uses a channel itself.
#pragma once

#include <cstddef>
#include <string>

#include "trace/env.hpp"
#include "trace/event.hpp"
#include "trace/format.hpp"
#include "trace/recorder.hpp"

namespace chan::trace {

// Starts a new recording, discarding the previous one.
inline void start() { detail::recorder::instance().start(); }

// Stops recording; what was recorded stays readable.
inline void stop() noexcept { detail::recorder::instance().stop(); }

// Whether a recording is on.
inline bool recording_on() noexcept { return detail::tracing_on(); }

// Names the calling thread in recordings ("producer 1"). Call it first thing in the
// thread; a thread without a name shows as "thread N".
inline void name_thread(std::string name) { detail::recorder::instance().name_thread(std::move(name)); }

// Reads the current recording as it grows, for live views. Each `poll` appends the
// events committed since the previous one, in order; it never returns an event before
// one that precedes it (an event whose predecessor is still being written waits).
using reader = detail::recorder::reader;

// Everything recorded so far in the current (or last) recording.
inline recording snapshot() {
    recording r;
    reader().poll(r);
    return r;
}

// Disconnects every channel of the current recording that still exists, as `close()`
// would: sends fail, receivers drain what is buffered and then see `disconnected`, and
// every thread waiting on one of them wakes up. For hosts that run a program in-process
// and must end it when it is stuck (a deadlock): its threads then return. Safe while
// the program's threads create and destroy channels. Returns how many channels this
// call disconnected. Timers and `never()` have nothing to disconnect.
inline std::size_t close_all_channels() noexcept { return detail::recorder::instance().close_all_channels(); }

}  // namespace chan::trace
