// chan: channels for C++20 — bounded, unbounded and rendezvous MPMC channels, select,
// timers, oneshot and broadcast, with built-in message-flow tracing.
#pragma once

#include "broadcast.hpp"
#include "channel.hpp"
#include "oneshot.hpp"
#include "result.hpp"
#include "select.hpp"
#include "time.hpp"
#include "trace.hpp"
