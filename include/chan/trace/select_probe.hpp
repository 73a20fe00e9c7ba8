// Tracing of a select: which arms it offers, whether it waits, which arm completes.
//
// Recorded as  select_begin, one select_arm per arm, [select_blocked], then the
// completed arm's own send_done / recv_done (through an ordinary probe for that arm,
// reported by the flavor at the protocol step where it happens), then select_done.
#pragma once

#include <cstdint>
#include <string>

#include "../detail/trace_hooks.hpp"
#include "probe.hpp"
#include "recorder.hpp"

namespace chan::detail {

class select_probe {
public:
    select_probe(std::size_t arms, trace::select_wait wait, source_location loc) noexcept : loc_(loc) {
        try {
            recorder& r = recorder::instance();
            epoch_ = r.epoch();
            thread_ = r.thread_number();
            file_ = r.file_index(loc.file());
            trace::event e = make(trace::kind::select_begin);
            e.a = static_cast<std::int64_t>(arms);
            e.b = static_cast<std::int64_t>(wait);
            append(std::move(e));
        } catch (...) {
            epoch_ = 0;
        }
    }

    void arm(std::size_t index, const channel_desc& ch, bool is_send, std::string text = {}) noexcept {
        try {
            trace::event e = make(trace::kind::select_arm);
            e.channel = recorder::instance().channel_number(ch);
            e.arm = static_cast<std::int16_t>(index);
            e.detail = is_send ? 1 : 0;
            e.text = std::move(text);
            append(std::move(e));
        } catch (...) {
        }
    }

    void blocked() noexcept {
        trace::event e = make(trace::kind::select_blocked);
        e.detail = static_cast<std::uint8_t>(wait_reason::select);
        append(std::move(e));
    }

    // `arm` is the completed arm's index, or -1 when the timeout or default arm ran.
    void done(std::ptrdiff_t arm, status s) noexcept {
        trace::event e = make(trace::kind::select_done);
        e.arm = static_cast<std::int16_t>(arm);
        e.detail = static_cast<std::uint8_t>(s);
        append(std::move(e));
    }

    // A probe for completing arm operation on `ch` (it records only the completion).
    probe arm_probe(const channel_desc& ch, probe::side s) const noexcept { return probe(ch, s, loc_); }

private:
    trace::event make(trace::kind k) const noexcept {
        trace::event e;
        e.what = k;
        e.thread = thread_;
        e.file = file_;
        e.line = loc_.line();
        return e;
    }
    void append(trace::event&& e) noexcept { recorder::instance().append(std::move(e), epoch_); }

    std::uint64_t epoch_ = 0;
    std::uint32_t thread_ = 0;
    std::uint32_t file_ = 0;
    source_location loc_;
};

inline void report_blocked(select_probe& p) noexcept { p.blocked(); }

}  // namespace chan::detail
