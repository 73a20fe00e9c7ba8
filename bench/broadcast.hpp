// Broadcast throughput: one sender, 4 receivers, MESSAGES ints through a broadcast
// channel of capacity 1024; every receiver gets (its own copy of) every message.
//   lossless  each receiver must get 0 .. MESSAGES-1 in order; the sender waits for the
//             slowest receiver.
//   lagging   the sender never waits; each receiver must get an increasing sequence in
//             which every message is either received or counted in a lag report.
// The peers (../shared/peers) have no broadcast channel, so there is nothing to compare
// with; the time is the wall time until every receiver has seen the end.
#pragma once

#include <chan/chan.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace bench {

inline const std::vector<std::string> broadcast_policies = {"lossless", "lagging"};
inline constexpr int broadcast_receivers = 4;
inline constexpr std::size_t broadcast_capacity = 1024;

struct broadcast_outcome {
    double seconds = 0;
    double received = 0;  // the share of the messages the receivers got (1 when lossless)
};

// What one receiver saw, checked against the policy as it goes.
inline long long receive_all(chan::broadcast_receiver<int>& rx, long m, bool lossless) {
    long long next = 0, got = 0;
    for (;;) {
        const chan::recv_result<int> r = rx.recv();
        if (r.status() == chan::status::disconnected) break;
        if (r.status() == chan::status::lagged && !lossless) {
            next += static_cast<long long>(r.missed());
            continue;
        }
        if (!r || *r != next) throw std::runtime_error("a receiver saw the wrong message");
        ++next;
        ++got;
    }
    if (next != m) throw std::runtime_error("messages unaccounted for");
    return got;
}

inline broadcast_outcome run_broadcast(const std::string& policy, long m) {
    if (policy != "lossless" && policy != "lagging")
        throw std::invalid_argument("unknown broadcast policy '" + policy + "' (lossless, lagging)");
    const bool lossless = policy == "lossless";
    auto [tx, rx] = lossless ? chan::broadcast<int>(broadcast_capacity) : chan::lagging_broadcast<int>(broadcast_capacity);
    std::vector<chan::broadcast_receiver<int>> rxs(broadcast_receivers, rx);
    rx = {};
    std::atomic<long long> received{0};
    std::atomic<bool> wrong{false};
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::thread> threads;
    for (auto& r : rxs) {
        threads.emplace_back([&, r = std::move(r)]() mutable {
            try {
                received += receive_all(r, m, lossless);
            } catch (const std::exception&) {
                wrong = true;  // (and the receiver leaves, so a lossless sender is not stuck)
            }
        });
    }
    for (long i = 0; i < m; ++i) tx.send(static_cast<int>(i));
    tx = {};  // the end: receivers drain and stop
    for (auto& t : threads) t.join();
    if (wrong) throw std::runtime_error("broadcast/" + policy + ": a receiver saw wrong or missing messages");
    broadcast_outcome o;
    o.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    o.received = static_cast<double>(received) / (static_cast<double>(m) * broadcast_receivers);
    return o;
}

// The run with the median time of `repeats`.
inline broadcast_outcome run_broadcast_median(const std::string& policy, long m, int repeats) {
    std::vector<broadcast_outcome> runs;
    for (int i = 0; i < repeats; ++i) runs.push_back(run_broadcast(policy, m));
    std::sort(runs.begin(), runs.end(), [](const auto& a, const auto& b) { return a.seconds < b.seconds; });
    return runs[runs.size() / 2];
}

}  // namespace bench
