// crossbeam-channel's benchmark workloads, written once for any channel implementation.
//
// Each run sends MESSAGES ints (env MESSAGES, default 5e6), 0 .. MESSAGES-1, and checks
// the count and sum received (and the order, where there is one sender and one
// receiver), so a broken run can never print a good time.
//   seq          one thread sends all, then receives all (needs capacity >= MESSAGES)
//   spsc         one sender thread, one receiver thread
//   mpsc         4 senders, 1 receiver
//   mpmc         4 senders, 4 receivers
//   select_rx    4 channels, one sender each; one receiver selecting over all 4
//   select_both  4 threads sending through a select over the 4 channels, 4 receiving
//                through a select over them
// flavors: bounded0 (rendezvous), bounded1, bounded (capacity MESSAGES), unbounded.
//
// An implementation is a type with `sender`, `receiver`, `make(capacity)` (nullopt:
// unbounded), `send(tx, v)`, `recv(rx)`, and `has_select`.
#pragma once

#include <chan/chan.hpp>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "baseline.hpp"

namespace bench {

inline constexpr int threads = 4;
inline const std::vector<std::string> workloads = {"seq", "spsc", "mpsc", "mpmc", "select_rx", "select_both"};
inline const std::vector<std::string> flavors = {"bounded0", "bounded1", "bounded", "unbounded"};

// The channels of this library.
struct chan_impl {
    using sender = chan::sender<int>;
    using receiver = chan::receiver<int>;
    static constexpr bool has_select = true;
    static std::pair<sender, receiver> make(std::optional<std::size_t> capacity) {
        return capacity ? chan::bounded<int>(*capacity) : chan::unbounded<int>();
    }
    static void send(const sender& tx, int v) { tx.send(v); }
    static int recv(const receiver& rx) { return *rx.recv(); }
};

// The hand-written std::mutex + std::condition_variable + std::deque channel.
struct mutex_cv_impl {
    using sender = std::shared_ptr<mutex_cv_channel<int>>;
    using receiver = sender;
    static constexpr bool has_select = false;
    static std::pair<sender, receiver> make(std::optional<std::size_t> capacity) {
        auto c = std::make_shared<mutex_cv_channel<int>>(capacity);
        return {c, c};
    }
    static void send(const sender& tx, int v) { tx->send(v); }
    static int recv(const receiver& rx) { return rx->recv(); }
};

inline long messages_from_env() {
    const char* s = std::getenv("MESSAGES");
    if (!s) return 5'000'000;
    char* end = nullptr;
    const double v = std::strtod(s, &end);
    if (end == s || *end != '\0' || !(v >= threads && v < 2'000'000'000))
        throw std::invalid_argument(std::string("MESSAGES='") + s + "' must be a number from 4 to 2e9");
    return static_cast<long>(v);
}

// Thread k of `threads` handles [lo(m, k), lo(m, k + 1)): together exactly 0 .. m-1.
inline long lo(long m, int k) { return k * m / threads; }

inline std::optional<std::size_t> capacity_of(const std::string& flavor, long m) {
    if (flavor == "bounded0") return 0;
    if (flavor == "bounded1") return 1;
    if (flavor == "bounded") return static_cast<std::size_t>(m);
    if (flavor == "unbounded") return std::nullopt;
    throw std::invalid_argument("unknown flavor '" + flavor + "' (bounded0, bounded1, bounded, unbounded)");
}

// What the receivers got, added up across threads.
class tally {
public:
    void add(long long count, long long sum) {
        count_ += count;
        sum_ += sum;
    }
    void check(long m, const std::string& what) const {
        if (count_ != m || sum_ != static_cast<long long>(m) * (m - 1) / 2)
            throw std::runtime_error(what + ": wrong count or sum of messages received");
    }

private:
    std::atomic<long long> count_{0}, sum_{0};
};

template <class Impl>
void send_range(const typename Impl::sender& tx, long from, long to) {
    for (long i = from; i < to; ++i) Impl::send(tx, static_cast<int>(i));
}

template <class Impl>
void recv_count(const typename Impl::receiver& rx, long n, tally& t) {
    long long sum = 0;
    for (long i = 0; i < n; ++i) sum += Impl::recv(rx);
    t.add(n, sum);
}

// Receives 0 .. m-1 and insists on that order.
template <class Impl>
void recv_in_order(const typename Impl::receiver& rx, long m, tally& t, const std::string& what) {
    long long sum = 0;
    for (long i = 0; i < m; ++i) {
        const int v = Impl::recv(rx);
        if (v != i) throw std::runtime_error(what + ": FIFO order broken");
        sum += v;
    }
    t.add(m, sum);
}

class thread_group {
public:
    template <class Fn>
    void start(Fn fn) {
        threads_.emplace_back(std::move(fn));
    }
    void join() {
        for (auto& t : threads_) t.join();
        threads_.clear();
    }
    ~thread_group() { join(); }

private:
    std::vector<std::thread> threads_;
};

template <class Impl>
bool run_single_channel(const std::string& workload, std::optional<std::size_t> capacity, long m, tally& t) {
    auto [tx, rx] = Impl::make(capacity);
    thread_group group;
    if (workload == "seq") {
        if (capacity && *capacity < static_cast<std::size_t>(m)) return false;  // cannot hold them all
        send_range<Impl>(tx, 0, m);
        recv_in_order<Impl>(rx, m, t, workload);
    } else if (workload == "spsc") {
        group.start([&, tx = tx] { send_range<Impl>(tx, 0, m); });
        recv_in_order<Impl>(rx, m, t, workload);
    } else if (workload == "mpsc" || workload == "mpmc") {
        for (int k = 0; k < threads; ++k) group.start([&, k, tx = tx] { send_range<Impl>(tx, lo(m, k), lo(m, k + 1)); });
        if (workload == "mpsc") {
            recv_count<Impl>(rx, m, t);
        } else {
            for (int k = 0; k < threads; ++k)
                group.start([&, k, rx = rx] { recv_count<Impl>(rx, lo(m, k + 1) - lo(m, k), t); });
        }
    } else {
        throw std::invalid_argument("unknown workload '" + workload + "'");
    }
    group.join();
    return true;
}

// The select workloads: `threads` channels, each arm of a select one of them.
inline void run_select(const std::string& workload, std::optional<std::size_t> capacity, long m, tally& t) {
    std::vector<chan::sender<int>> txs;
    std::vector<chan::receiver<int>> rxs;
    for (int k = 0; k < threads; ++k) {
        auto [tx, rx] = chan_impl::make(capacity);
        txs.push_back(std::move(tx));
        rxs.push_back(std::move(rx));
    }
    auto select_recv = [&rxs, &t](long n) {
        auto mine = rxs;  // this thread's own handles
        chan::selector sel;
        for (auto& rx : mine) sel.recv(rx);
        long long sum = 0;
        for (long i = 0; i < n; ++i) {
            auto op = sel.select();
            sum += *op.recv(mine[op.index()]);
        }
        t.add(n, sum);
    };
    thread_group group;
    if (workload == "select_rx") {
        for (int k = 0; k < threads; ++k)
            group.start([&, k, tx = txs[static_cast<std::size_t>(k)]] { send_range<chan_impl>(tx, lo(m, k), lo(m, k + 1)); });
        select_recv(m);
    } else {
        for (int k = 0; k < threads; ++k) {
            group.start([&, k] {
                auto mine = txs;
                chan::selector sel;
                for (auto& tx : mine) sel.send(tx);
                for (long i = lo(m, k); i < lo(m, k + 1); ++i) {
                    auto op = sel.select();
                    op.send(mine[op.index()], static_cast<int>(i));
                }
            });
        }
        for (int k = 0; k < threads; ++k) group.start([&, k] { select_recv(lo(m, k + 1) - lo(m, k)); });
    }
    group.join();  // the original handles in txs keep every channel connected until here
}

// Runs one workload once; returns its wall seconds, or nullopt when the implementation
// or the flavor does not support it. Throws std::runtime_error on a wrong result and
// std::invalid_argument on an unknown name.
template <class Impl>
std::optional<double> run(const std::string& workload, const std::string& flavor, long m) {
    const std::optional<std::size_t> capacity = capacity_of(flavor, m);
    const bool is_select = workload == "select_rx" || workload == "select_both";
    if (is_select && !Impl::has_select) return std::nullopt;
    using clock = std::chrono::steady_clock;
    tally t;
    const auto start = clock::now();
    if (is_select) {
        if constexpr (Impl::has_select) run_select(workload, capacity, m, t);
    } else if (!run_single_channel<Impl>(workload, capacity, m, t)) {
        return std::nullopt;
    }
    const double seconds = std::chrono::duration<double>(clock::now() - start).count();
    t.check(m, workload + "/" + flavor);
    return seconds;
}

}  // namespace bench
