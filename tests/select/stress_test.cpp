// Many threads through select, broadcast and oneshot at once. Every test checks exactly
// what arrived (counts, sums, whole sequences), so a lost, duplicated or reordered
// message fails it; under the sanitizers the same runs look for races and leaks.
#include <algorithm>
#include <iterator>
#include <numeric>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "support.hpp"

using namespace select_test;
using chan::status;

namespace {

constexpr long scaled(long n) { return std::max<long>(n / CHAN_STRESS_SCALE, 100); }

// Sleeps or yields now and then, so that receivers fall behind in varied ways.
class dawdler {
public:
    explicit dawdler(unsigned seed) : rng_(seed) {}
    void maybe() {
        const unsigned r = rng_() % 1000;
        if (r < 2) {
            std::this_thread::sleep_for(std::chrono::microseconds(200));
        } else if (r < 50) {
            std::this_thread::yield();
        }
    }

private:
    std::mt19937 rng_;
};

}  // namespace

TEST_CASE("stress: lossless broadcast, every receiver sees the same complete sequence", "[stress][broadcast]") {
    const long per_sender = scaled(100'000);
    constexpr int senders = 2;
    constexpr int receivers = 4;
    const long total = per_sender * senders;
    auto [tx, rx] = chan::broadcast<long>(8, "stress");

    // Receivers: copies of rx and subscribers, all made before the first send. Receiver 0
    // also makes a copy of itself halfway, read by a thread of its own, which must see
    // exactly the rest of receiver 0's sequence.
    std::vector<chan::broadcast_receiver<long>> rxs;
    for (int i = 0; i < receivers; ++i) rxs.push_back(i % 2 ? tx.subscribe() : rx);
    rx = {};
    std::vector<std::vector<long>> seen(receivers);
    std::vector<long> seen_by_copy;
    std::atomic<long> failed_sends{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < receivers; ++i) {
        threads.emplace_back([&, i] {
            dawdler d(static_cast<unsigned>(i));
            std::thread copier;
            for (long v : rxs[i]) {
                seen[i].push_back(v);
                if (i == 0 && static_cast<long>(seen[i].size()) == total / 2) {
                    copier = std::thread([&, copy = rxs[i]]() mutable {
                        for (long w : copy) seen_by_copy.push_back(w);
                    });
                }
                d.maybe();
            }
            if (copier.joinable()) copier.join();
        });
    }
    for (int s = 0; s < senders; ++s) {
        threads.emplace_back([&, s, tx = tx]() mutable {
            for (long k = 0; k < per_sender; ++k) failed_sends += tx.send(s * per_sender + k).ok() ? 0 : 1;
        });
    }
    tx = {};  // the senders' copies end the channel when they are done
    for (auto& t : threads) t.join();

    CHECK(failed_sends == 0);
    for (int i = 0; i < receivers; ++i) {
        CAPTURE(i);
        REQUIRE(static_cast<long>(seen[i].size()) == total);
        CHECK(seen[i] == seen[0]);  // one order for everyone
    }
    // Each sender's messages, all of them, in the order it sent them.
    for (int s = 0; s < senders; ++s) {
        std::vector<long> mine;
        std::copy_if(seen[0].begin(), seen[0].end(), std::back_inserter(mine), [&](long v) { return v / per_sender == s; });
        std::vector<long> expected(static_cast<std::size_t>(per_sender));
        std::iota(expected.begin(), expected.end(), s * per_sender);
        CHECK(mine == expected);
    }
    CHECK(static_cast<long>(seen_by_copy.size()) == total - total / 2);
    CHECK(std::equal(seen_by_copy.begin(), seen_by_copy.end(), seen[0].begin() + total / 2, seen[0].end()));
}

TEST_CASE("stress: lossless broadcast, receivers leaving release the senders", "[stress][broadcast]") {
    const long n = scaled(50'000);
    auto [tx, rx] = chan::broadcast<long>(4, "leaving");
    std::vector<chan::broadcast_receiver<long>> rxs{rx, rx, rx};
    rx = {};
    std::atomic<long> complete{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 3; ++i) {
        // Receiver i reads the first (i + 1) / 3 of the messages (the last one all of
        // them), checks them, and leaves.
        threads.emplace_back([&, i, r = std::move(rxs[i])]() mutable {
            const long stop = n * (i + 1) / 3;
            long expect = 0;
            bool ok = true;
            for (; expect < stop; ++expect) ok &= *r.recv() == expect;
            if (ok) ++complete;
        });
    }
    background sender([&, tx = std::move(tx)]() mutable {
        for (long k = 0; k < n; ++k) tx.send(k);
    });
    for (auto& t : threads) t.join();
    CHECK(sender.finishes_within(slack));
    CHECK(complete == 3);
}

TEST_CASE("stress: lagging broadcast, every message is either received in order or reported missed",
          "[stress][broadcast][lagging]") {
    const long n = scaled(200'000);
    constexpr int receivers = 4;
    auto [tx, rx] = chan::lagging_broadcast<long>(16, "lagging");
    std::vector<chan::broadcast_receiver<long>> rxs(receivers, rx);
    rx = {};
    struct tally {
        long next = 0, received = 0, missed = 0, lags = 0;
        bool in_order = true;
    };
    std::vector<tally> tallies(receivers);
    std::vector<std::thread> threads;
    for (int i = 0; i < receivers; ++i) {
        threads.emplace_back([&, i] {
            dawdler d(static_cast<unsigned>(100 + i));
            tally& t = tallies[i];
            for (;;) {
                auto r = rxs[i].recv();
                if (r.status() == status::disconnected) break;
                if (r.status() == status::lagged) {
                    t.in_order &= r.missed() > 0;
                    t.next += static_cast<long>(r.missed());
                    t.missed += static_cast<long>(r.missed());
                    ++t.lags;
                } else {
                    t.in_order &= *r == t.next;
                    ++t.next;
                    ++t.received;
                }
                if (i > 0) d.maybe();  // receiver 0 keeps up as well as it can
            }
        });
    }
    threads.emplace_back([&, tx = std::move(tx)]() mutable {
        for (long k = 0; k < n; ++k) {
            (void)tx.send(k);  // never waits, never fails while receivers exist
            if (k % 8 == 0) std::this_thread::yield();  // let receiver 0 keep up, mostly
        }
    });
    for (auto& t : threads) t.join();
    for (int i = 0; i < receivers; ++i) {
        CAPTURE(i, tallies[i].received, tallies[i].missed, tallies[i].lags);
        CHECK(tallies[i].in_order);
        CHECK(tallies[i].next == n);  // nothing unaccounted for
        CHECK(tallies[i].received + tallies[i].missed == n);
        CHECK(tallies[i].received > 0);
    }
}

TEST_CASE("stress: messages cross 4 channels through selecting senders and selecting receivers",
          "[stress][select]") {
    const flavor f = CHAN_TEST_ALL_FLAVORS;
    CAPTURE(to_string(f));
    const long n = scaled(f == flavor::rendezvous ? 50'000 : 200'000);
    constexpr int chans = 4, senders = 2, receivers = 2;
    std::vector<std::pair<chan::sender<long>, chan::receiver<long>>> c;
    for (int i = 0; i < chans; ++i) c.push_back(make<long>(f));

    std::atomic<long> count{0}, sum{0};
    std::vector<std::thread> threads;
    for (int s = 0; s < senders; ++s) {
        threads.emplace_back([&, s] {
            for (long k = s; k < n; k += senders) {
                chan::select(chan::on_send(c[0].first, k, [](auto) {}), chan::on_send(c[1].first, k, [](auto) {}),
                             chan::on_send(c[2].first, k, [](auto) {}), chan::on_send(c[3].first, k, [](auto) {}));
            }
        });
    }
    for (int r = 0; r < receivers; ++r) {
        threads.emplace_back([&, r] {
            // One static, one dynamic: both kinds of select on the receiving side.
            long my_count = 0, my_sum = 0;
            auto take = [&](chan::recv_result<long> m) {
                if (m) ++my_count, my_sum += *m;
            };
            // A channel stops only when it is disconnected *and* drained; the others may
            // still hold messages, so keep selecting until all four have stopped.
            if (r == 0) {
                std::vector<bool> stopped(chans, false);
                auto arm = [&](int i) {
                    return [&, i](chan::recv_result<long> m) {
                        stopped[i] = m.status() == status::disconnected;
                        take(std::move(m));
                    };
                };
                while (std::count(stopped.begin(), stopped.end(), true) < chans) {
                    chan::select(chan::on_recv(c[0].second, arm(0)), chan::on_recv(c[1].second, arm(1)),
                                 chan::on_recv(c[2].second, arm(2)), chan::on_recv(c[3].second, arm(3)));
                }
            } else {
                chan::selector sel;
                for (auto& ch : c) sel.recv(ch.second);
                while (sel.size() > 0) {
                    auto op = sel.select();
                    auto m = op.recv(c[op.index()].second);
                    if (m.status() == status::disconnected) sel.remove(op.index());
                    take(std::move(m));
                }
            }
            count += my_count;
            sum += my_sum;
        });
    }
    for (int s = 0; s < senders; ++s) threads[s].join();
    for (auto& ch : c) ch.first = {};  // disconnect: receivers drain, then stop
    for (std::size_t t = senders; t < threads.size(); ++t) threads[t].join();
    CHECK(count == n);
    CHECK(sum == n * (n - 1) / 2);
}

TEST_CASE("stress: selects mixing broadcast, oneshot, channels and timers", "[stress][select][broadcast]") {
    const long n = scaled(50'000);
    auto [news_tx, news_rx] = chan::broadcast<long>(4, "news");
    auto [jobs_tx, jobs_rx] = chan::bounded<long>(2, "jobs");
    struct report {
        long job_sum = 0;
        long news_seen = 0;  // -1: out of order
    };
    std::vector<std::pair<chan::oneshot_sender<report>, chan::oneshot_receiver<report>>> replies;
    constexpr int workers = 3;
    for (int i = 0; i < workers; ++i) replies.push_back(chan::oneshot<report>());

    std::vector<std::thread> threads;
    for (int w = 0; w < workers; ++w) {
        // Each worker takes jobs (shared) and follows the news (each sees all) in one
        // select with a ticker, finishes whichever is left, and replies with what it saw.
        threads.emplace_back([news = news_tx.subscribe(), jobs = jobs_rx,
                              reply = std::move(replies[w].first)]() mutable {
            auto ticker = chan::tick(1ms);
            report seen;
            bool jobs_open = true, news_open = true;
            auto on_job = [&](chan::recv_result<long> r) {
                if (r) {
                    seen.job_sum += *r;
                } else {
                    jobs_open = false;
                }
            };
            auto on_news = [&](chan::recv_result<long> r) {
                if (!r) {
                    news_open = false;
                } else if (seen.news_seen >= 0) {
                    seen.news_seen = *r == seen.news_seen ? seen.news_seen + 1 : -1;
                }
            };
            while (jobs_open && news_open)
                chan::select(chan::on_recv(jobs, on_job), chan::on_recv(news, on_news), chan::on_recv(ticker, [](auto) {}));
            while (jobs_open) on_job(jobs.recv());
            while (news_open) on_news(news.recv());
            (void)std::move(reply).send(seen);
        });
    }
    news_rx = {};
    jobs_rx = {};
    threads.emplace_back([tx = std::move(jobs_tx)]() mutable {
        for (long k = 0; k < n; ++k) tx.send(k);
    });
    threads.emplace_back([tx = std::move(news_tx)]() mutable {
        for (long k = 0; k < n; ++k) tx.send(k);
    });
    long job_total = 0;
    for (auto& [tx, rx] : replies) {
        auto r = rx.recv();
        REQUIRE(r);
        CHECK(r->news_seen == n);  // this worker saw all the news, in order
        job_total += r->job_sum;
    }
    for (auto& t : threads) t.join();
    CHECK(job_total == n * (n - 1) / 2);  // the jobs were shared, each taken once
}

TEST_CASE("stress: oneshot sends racing the receiver's departure lose nothing and free everything",
          "[stress][oneshot]") {
    const long rounds = scaled(10'000);
    counted::reset();
    const int before = counted::alive();
    long delivered = 0, handed_back = 0;
    for (long i = 0; i < rounds; ++i) {
        auto [tx, rx] = chan::oneshot<counted>();
        std::atomic<bool> ok{false};
        std::thread sender([&ok, tx = std::move(tx)]() mutable {
            auto r = std::move(tx).send(counted(static_cast<int>(1)));
            ok = r.ok();
            // a failed send hands the message back: it dies here, with `r`
        });
        if (i % 2) {
            if (rx.recv()) ++delivered;
        } else {
            rx = {};  // races the send
        }
        sender.join();
        if (!ok) ++handed_back;
    }
    CHECK(delivered == rounds / 2);
    CHECK(counted::owners_destroyed(1) == rounds);  // each message destroyed exactly once
    CHECK(counted::alive() == before);
    CAPTURE(handed_back);
}
