// What the channel flavors may tell the tracing layer, and nothing more.
//
// Tracing sits beside the channels, not beneath them (docs/architecture.md draws the
// layers): a flavor includes this header, never the tracing layer; the tracing layer
// (trace/) implements what is declared here, with the recorder and the file writer
// above it; the handles (channel.hpp, oneshot.hpp, ...) include both and decide, once
// per operation, whether it is traced.
//
// The interface:
//   tracing_on()      whether a recording is on: the one thing an untraced operation reads
//   channel_desc      what a trace says about a channel (kind, capacity, name, handle
//                     counts) plus the recorder's bookkeeping for it; every channel owns one
//   Probe             every flavor operation takes one as a template argument: `probe*`
//                     (traced, trace/probe.hpp) or `no_probe` (untraced: each report
//                     compiles to nothing, so the untraced instantiation is the code of a
//                     build without tracing). `operation_probe` says what a flavor may
//                     report through it.
//   trace_created, trace_handles, trace_disconnect
//                     a channel's life: call them only while tracing_on()
//   report_sent, report_blocked
//                     the two reports made through a probe the caller holds only as a
//                     pointer (a sleeping rendezvous sender's, a select's)
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>

#include "../trace/event.hpp"
#include "config.hpp"

namespace chan::detail {

using trace::wait_reason;

// Whether a recording is on (set by the recorder).
inline std::atomic<bool> tracing{false};

// Defining CHAN_DISABLE_TRACING compiles tracing out entirely (the benchmark uses it to
// show that tracing compiled in but off costs nothing measurable).
#ifdef CHAN_DISABLE_TRACING
constexpr bool tracing_on() noexcept { return false; }
#else
inline bool tracing_on() noexcept { return tracing.load(std::memory_order_relaxed); }
#endif

// A channel as traces describe it; lives in the channel.
struct channel_desc {
    // Disconnects the channel that `owner` points to; true if this call did it.
    using closer = bool (*)(void* owner) noexcept;

    channel_desc(trace::flavor k, std::int64_t cap, std::string n, const std::atomic<std::size_t>* s,
                 const std::atomic<std::size_t>* r, void* owner_ = nullptr, closer close_ = nullptr)
        : kind(k), capacity(cap), name(std::move(n)), senders(s), receivers(r), owner(owner_), close(close_) {}
    channel_desc(const channel_desc&) = delete;
    channel_desc& operator=(const channel_desc&) = delete;
    // Leaves the recorder's list (unlist). Defined by the recorder.
    inline ~channel_desc();

    // Takes the channel out of the recorder's list of closable channels (a no-op if it
    // is not in it), waiting for a trace::close_all_channels() that is closing it. A
    // channel with a `close` calls it before it starts destroying what `close` acts on;
    // the destructor's call comes too late for that. Defined by the recorder.
    inline void unlist() const noexcept;

    trace::flavor kind;
    std::int64_t capacity;  // -1: unbounded
    std::string name;
    const std::atomic<std::size_t>* senders = nullptr;  // live handle counts, if the flavor has them
    const std::atomic<std::size_t>* receivers = nullptr;
    void* owner = nullptr;  // what `close` acts on (the channel's control block)
    closer close = nullptr;

    // The recorder's bookkeeping (trace/recorder.hpp); no flavor touches it.
    // The channel's number, set once per recording, under `intro_mutex`, before
    // `intro_epoch` is released. It is atomic because a thread of an older recording may
    // read it while a newer one renumbers the channel; what that thread then records
    // carries the older epoch and is dropped (recorder::append), so the mixed-up number
    // is never seen.
    mutable std::mutex intro_mutex;
    mutable std::atomic<std::uint64_t> intro_epoch{0};
    mutable std::atomic<std::uint32_t> number{0};
    // Links of the recorder's channel list, under the list's mutex; `listed` is set once.
    mutable std::atomic<bool> listed{false};
    mutable const channel_desc* prev = nullptr;
    mutable const channel_desc* next = nullptr;
    // close_all_channels() is closing the channel: it may not be destroyed meanwhile.
    mutable std::atomic<std::uint32_t> pins{0};
};

// ---- probes ----

class probe;         // one traced channel operation (trace/probe.hpp)
class select_probe;  // one traced select (trace/select_probe.hpp)

// What a flavor may report about the operation it runs, at the protocol step where it
// happens: a send before its message is published, a receive after it is taken, so that
// a recording's order is causal.
template <class P>
concept operation_probe = requires(P p, wait_reason why, std::uint64_t message, instant due) {
    static_cast<bool>(p);     // false: untraced, nothing to report
    p->blocked(why);          // about to sleep (repeats of the same reason are recorded once)
    p->sent(message);         // the message, numbered within its channel, is being published
    p->received(message);     // the message has been taken
    p->lagged(message);       // a lagging broadcast receiver missed this many messages
    p->timer_fired(message, due);  // a timer's delivery number `message`, due at `due`
};

// The probe of an untraced operation: false, every report a no-op, and a null `probe*`
// where one is stored (a rendezvous packet's sender probe).
struct no_probe {
    constexpr explicit operator bool() const noexcept { return false; }
    constexpr operator probe*() const noexcept { return nullptr; }
    constexpr const no_probe* operator->() const noexcept { return this; }
    constexpr void blocked(wait_reason) const noexcept {}
    constexpr void sent(std::uint64_t) const noexcept {}
    constexpr void received(std::uint64_t) const noexcept {}
    constexpr void lagged(std::uint64_t) const noexcept {}
    constexpr void timer_fired(std::uint64_t, instant) const noexcept {}
};
static_assert(operation_probe<no_probe>);

// A rendezvous receiver that takes a sleeping sender's message reports the sender's
// `sent` for it, through the sender's probe.
inline void report_sent(probe& sender, std::uint64_t message) noexcept;
// A traced select found no arm ready and is about to sleep.
inline void report_blocked(select_probe& p) noexcept;

// ---- a channel's life (only while tracing_on(); never throw) ----

// The channel was just created.
inline void trace_created(const channel_desc& d) noexcept;
// A handle was added or dropped. The event shows the counts after the change: a drop is
// recorded before its count falls (afterwards another thread may free the channel), so
// it passes the deltas that the counts do not show yet.
inline void trace_handles(const channel_desc& d, trace::handle_change change, std::int64_t sender_delta = 0,
                          std::int64_t receiver_delta = 0) noexcept;
// The channel is being disconnected (recorded before it is, so that no woken waiter's
// failure precedes it); a `closed` cause also records who closed it.
inline void trace_disconnect(const channel_desc& d, trace::disconnect_cause why) noexcept;

}  // namespace chan::detail
