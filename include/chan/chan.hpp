// chan: channels for C++20 — bounded, unbounded and rendezvous MPMC channels, select,
// timers, oneshot and broadcast, with built-in message-flow tracing.
//
// How the library is built - its layers (handles, flavors, waiting; tracing beside them)
// and the order of its locks - is drawn in docs/architecture.md.
#pragma once

#include "broadcast.hpp"
#include "channel.hpp"
#include "oneshot.hpp"
#include "result.hpp"
#include "select.hpp"
#include "selector.hpp"
#include "time.hpp"
#include "trace.hpp"
