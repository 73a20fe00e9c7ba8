// What the select, timer, oneshot and broadcast tests share, on top of the channel
// tests' support (flavors, background threads, time tolerances): a uniformity check
// that cannot flake, and a message type that counts its copies.
#pragma once

#include <chan/chan.hpp>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <numeric>
#include <vector>

#include "../channels/support.hpp"

namespace select_test {

using namespace chan_test;

// Pearson's chi-square statistic of `counts` against the uniform distribution.
inline double chi_square_uniform(const std::vector<long>& counts) {
    const double n = static_cast<double>(std::accumulate(counts.begin(), counts.end(), 0L));
    const double expected = n / static_cast<double>(counts.size());
    double x = 0;
    for (long c : counts) x += (static_cast<double>(c) - expected) * (static_cast<double>(c) - expected) / expected;
    return x;
}

// The chi-square value that a uniform choice exceeds with probability 1e-9, by degrees
// of freedom (1 to 7): a fair select fails this test about once in a billion runs.
inline double chi_square_limit(std::size_t degrees_of_freedom) {
    static constexpr double limits[] = {37.32, 41.45, 44.84, 47.88, 50.69, 53.34, 55.87};
    REQUIRE(degrees_of_freedom >= 1);
    REQUIRE(degrees_of_freedom <= 7);
    return limits[degrees_of_freedom - 1];
}

// Checks that `counts` (how often each of several equally ready arms was chosen) look
// uniform. With 10'000 choices per arm this catches a bias of a few percent.
inline void check_uniform(const std::vector<long>& counts) {
    CAPTURE(counts);
    CHECK(chi_square_uniform(counts) < chi_square_limit(counts.size() - 1));
}

// A copyable message that counts its live objects and how often it was copied, to see
// how often a broadcast channel stores and copies a message.
class tracked {
public:
    explicit tracked(int v) noexcept : value_(v) { live().fetch_add(1); }
    tracked(const tracked& o) noexcept : value_(o.value_) {
        live().fetch_add(1);
        copies().fetch_add(1);
    }
    tracked(tracked&& o) noexcept : value_(o.value_) { live().fetch_add(1); }
    tracked& operator=(const tracked&) = delete;
    ~tracked() { live().fetch_sub(1); }

    int value() const noexcept { return value_; }

    static std::atomic<long>& live() noexcept {
        static std::atomic<long> n{0};
        return n;
    }
    static std::atomic<long>& copies() noexcept {
        static std::atomic<long> n{0};
        return n;
    }

private:
    int value_;
};

}  // namespace select_test
