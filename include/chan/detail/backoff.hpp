// Exponential backoff for lock-free retry loops (the scheme of crossbeam-utils).
//
// `spin()` is for retrying after a lost race (a failed compare-exchange): the other
// thread has made progress, so retry soon. `snooze()` is for waiting on another thread
// to finish something (a half-written slot): spin a little, then yield the processor.
// After `is_completed()` a caller should stop snoozing and park.
#pragma once

#include <algorithm>
#include <thread>

#include "config.hpp"

namespace chan::detail {

class backoff {
public:
    void spin() noexcept {
        for (unsigned i = 0; i < (1u << std::min(step_, spin_limit)); ++i) cpu_relax();
        if (step_ <= spin_limit) ++step_;
    }

    void snooze() noexcept {
        if (step_ <= spin_limit) {
            for (unsigned i = 0; i < (1u << step_); ++i) cpu_relax();
        } else {
            std::this_thread::yield();
        }
        if (step_ <= yield_limit) ++step_;
    }

    bool is_completed() const noexcept { return step_ > yield_limit; }

private:
    static constexpr unsigned spin_limit = 6;
    static constexpr unsigned yield_limit = 10;
    unsigned step_ = 0;
};

}  // namespace chan::detail
