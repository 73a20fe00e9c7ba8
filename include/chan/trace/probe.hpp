// One traced channel operation: the tracing layer's side of a flavor's `Probe`
// (detail/trace_hooks.hpp).
//
// A probe exists only while a recording is on: a handle's operation checks
// `tracing_on()` once, and if it is off passes a `no_probe` down. With tracing on, the
// handle creates a probe on the operating thread; the flavor reports `blocked`, `sent`
// and `received` through it at the exact protocol step where they happen (a send
// before its message is published, a receive after it is taken), which is what keeps
// the recording's order causal.
//
// The flavors take their probe as a template parameter (`probe*` or `no_probe`), so the
// untraced path is its own instantiation in which every `if (p)` is false at compile
// time: the same code, and the same inlining, as a build with tracing compiled out. (A
// shared function taking a null `probe*` is called from both paths, and the compiler
// then stops inlining it into the untraced one.)
//
// A probe may be reported to from another thread: a rendezvous receiver that takes a
// message from a blocked sender's packet reports the sender's `sent` through the
// sender's probe (the sender is asleep and cannot). Events carry the probe owner's
// thread number, whoever appends them.
#pragma once

#include <cstdint>
#include <string>

#include "../detail/config.hpp"
#include "../detail/trace_hooks.hpp"
#include "../result.hpp"
#include "env.hpp"  // CHAN_TRACE=out.json: every program that traces an operation gets it
#include "recorder.hpp"

namespace chan::detail {

class probe {
public:
    enum class side : std::uint8_t { send, recv };

    probe(const channel_desc& ch, side s, source_location loc) noexcept : side_(s) {
        try {
            recorder& r = recorder::instance();
            epoch_ = r.epoch();
            thread_ = r.thread_number();
            channel_ = r.channel_number(ch);
            file_ = r.file_index(loc.file());
            line_ = loc.line();
        } catch (...) {
            epoch_ = 0;  // matches no recording: every event is dropped
        }
    }

    // The operation starts; a send says what it sends.
    void begin(std::string text = {}) noexcept {
        set_text(std::move(text));
        emit(side_ == side::send ? trace::kind::send_begin : trace::kind::recv_begin, 0, text_);
    }

    // The rendering of the message a send carries; repeated on its send_done, so that
    // every delivered message's text is on its send_done whatever began the operation.
    void set_text(std::string text) noexcept { text_ = std::move(text); }

    // Reported each time the operation is about to sleep; repeated identical reports
    // (a woken sender that finds the buffer full again) are recorded once.
    void blocked(wait_reason r) noexcept {
        if (blocked_ && last_reason_ == r) return;
        blocked_ = true;
        last_reason_ = r;
        trace::event e = make(side_ == side::send ? trace::kind::send_blocked : trace::kind::recv_blocked);
        e.detail = static_cast<std::uint8_t>(r);
        append(std::move(e));
    }

    void sent(std::uint64_t message) noexcept { emit(trace::kind::send_done, message, text_); }
    void received(std::uint64_t message) noexcept { emit(trace::kind::recv_done, message); }

    void failed(status s) noexcept {
        trace::event e = make(side_ == side::send ? trace::kind::send_failed : trace::kind::recv_failed);
        e.detail = static_cast<std::uint8_t>(s);
        append(std::move(e));
    }

    // A lagging broadcast receiver fell behind: `missed` messages were overwritten unread.
    void lagged(std::uint64_t missed) noexcept {
        trace::event e = make(trace::kind::lagged);
        e.a = static_cast<std::int64_t>(missed);
        append(std::move(e));
    }

    // A timer delivery (the clock is the sender): numbered `message`, due at `due`.
    void timer_fired(std::uint64_t message, instant due) noexcept {
        trace::event e = make(trace::kind::timer_fired);
        e.message = message;
        e.a = std::chrono::duration_cast<std::chrono::nanoseconds>(due.time_since_epoch()).count() -
              recorder::instance().start_ns();
        append(std::move(e));
    }

    std::uint32_t thread() const noexcept { return thread_; }

private:
    trace::event make(trace::kind k) const noexcept {
        trace::event e;
        e.what = k;
        e.thread = thread_;
        e.channel = channel_;
        e.file = file_;
        e.line = line_;
        return e;
    }

    void emit(trace::kind k, std::uint64_t message, const std::string& text = {}) noexcept {
        try {
            trace::event e = make(k);
            e.message = message;
            e.text = text;
            append(std::move(e));
        } catch (...) {
        }
    }

    void append(trace::event&& e) noexcept { recorder::instance().append(std::move(e), epoch_); }

    std::uint64_t epoch_ = 0;
    std::uint32_t thread_ = 0;
    std::uint32_t channel_ = 0;
    std::uint32_t file_ = 0;
    std::uint32_t line_ = 0;
    side side_;
    std::string text_;
    bool blocked_ = false;
    wait_reason last_reason_{};
};

static_assert(operation_probe<probe*>);

inline void report_sent(probe& sender, std::uint64_t message) noexcept { sender.sent(message); }

}  // namespace chan::detail
