// crossbeam-channel's benchmark workloads on chan, shared by the benchmark programs.
//
// Each workload sends MESSAGES ints (env MESSAGES, default 5e6) and checks the count and
// sum received, so a broken run can never print a good time.
//   seq      one thread sends all, then receives all (capacity >= MESSAGES)
//   spsc     one sender thread, one receiver thread
//   mpsc     4 senders, 1 receiver
//   mpmc     4 senders, 4 receivers
//   select_rx    4 channels, one sender each; one receiver selecting over all 4
//   select_both  4 threads sending through a select over the 4 channels, 4 receiving through one
// flavors: bounded0 (rendezvous), bounded1, bounded (capacity MESSAGES), unbounded
#pragma once

#include <chan/chan.hpp>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace bench {

inline constexpr int threads = 4;

inline long messages_from_env() {
    const char* s = std::getenv("MESSAGES");
    if (!s) return 5'000'000;
    const double v = std::atof(s);
    if (v < threads) throw std::invalid_argument("MESSAGES must be a number >= 4");
    return static_cast<long>(v);
}

inline long part(long m, int k) { return (k + 1) * m / threads - k * m / threads; }
inline long part_lo(long m, int k) { return k * m / threads; }

struct tally {
    std::atomic<long long> count{0}, sum{0};
    void add(long long c, long long s) {
        count += c;
        sum += s;
    }
    bool ok(long m) const { return count == m && sum == static_cast<long long>(m) * (m - 1) / 2; }
};

// Makes a channel of the named flavor; nullopt if the flavor does not suit the workload.
inline std::optional<std::pair<chan::sender<int>, chan::receiver<int>>> make(const std::string& flavor, long m) {
    if (flavor == "bounded0") return chan::bounded<int>(0);
    if (flavor == "bounded1") return chan::bounded<int>(1);
    if (flavor == "bounded") return chan::bounded<int>(static_cast<std::size_t>(m));
    if (flavor == "unbounded") return chan::unbounded<int>();
    throw std::invalid_argument("unknown flavor " + flavor);
}

inline void send_range(chan::sender<int>& tx, long lo, long hi) {
    for (long i = lo; i < hi; ++i) tx.send(static_cast<int>(i));
}
inline void recv_n(chan::receiver<int>& rx, long n, tally& t) {
    long long s = 0;
    for (long i = 0; i < n; ++i) s += *rx.recv();
    t.add(n, s);
}

// Runs one workload once; returns wall seconds, or nullopt when unsupported.
// Throws std::runtime_error when the messages received are wrong.
inline std::optional<double> run(const std::string& workload, const std::string& flavor, long m) {
    using clk = std::chrono::steady_clock;
    tally t;
    const auto start = clk::now();
    std::vector<std::thread> ts;
    if (workload == "seq") {
        if (flavor == "bounded0" || flavor == "bounded1") return std::nullopt;
        auto [tx, rx] = *make(flavor, m);
        send_range(tx, 0, m);
        recv_n(rx, m, t);
    } else if (workload == "spsc") {
        auto [tx, rx] = *make(flavor, m);
        ts.emplace_back([&, tx = tx]() mutable { send_range(tx, 0, m); });
        recv_n(rx, m, t);
    } else if (workload == "mpsc" || workload == "mpmc") {
        auto [tx, rx] = *make(flavor, m);
        for (int k = 0; k < threads; ++k)
            ts.emplace_back([&, k, tx = tx]() mutable { send_range(tx, part_lo(m, k), part_lo(m, k) + part(m, k)); });
        if (workload == "mpsc") {
            recv_n(rx, m, t);
        } else {
            for (int k = 0; k < threads; ++k) ts.emplace_back([&, k, rx = rx]() mutable { recv_n(rx, part(m, k), t); });
        }
    } else {
        throw std::invalid_argument("unknown workload " + workload);
    }
    for (auto& th : ts) th.join();
    const double seconds = std::chrono::duration<double>(clk::now() - start).count();
    if (!t.ok(m)) throw std::runtime_error("wrong count or sum for " + workload + "/" + flavor);
    return seconds;
}

}  // namespace bench
