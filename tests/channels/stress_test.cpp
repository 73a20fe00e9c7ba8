// Many threads on one channel: every flavor with 1-4 producers and 1-4 consumers.
// Every message is received exactly once (nothing lost, nothing duplicated), and each
// consumer sees each producer's messages in the order they were sent.
//
// Message counts are divided by CHAN_STRESS_SCALE (the sanitizer builds run slower).
#include <cstdint>
#include <random>
#include <vector>

#include "support.hpp"

#ifndef CHAN_STRESS_SCALE
#define CHAN_STRESS_SCALE 1
#endif

using namespace chan_test;

namespace {

constexpr long scaled(long n) { return n / CHAN_STRESS_SCALE; }

// A message names its producer and its number within that producer's sequence.
using message = std::uint64_t;
constexpr int producer_shift = 40;
constexpr message encode(int producer, long seq) {
    return (static_cast<message>(producer) << producer_shift) | static_cast<message>(seq);
}
constexpr int producer_of(message m) { return static_cast<int>(m >> producer_shift); }
constexpr long seq_of(message m) { return static_cast<long>(m & ((message{1} << producer_shift) - 1)); }

// How the threads send and receive.
enum class style {
    blocking,  // send(); range-for over the receiver
    timed,     // send_for() / recv_for() with short timeouts, retried; try_* now and then
};

// What the consumers saw, checked by the test thread once everyone is done.
class ledger {
public:
    ledger(int producers, long per_producer)
        : per_producer_(per_producer), seen_(static_cast<std::size_t>(producers * per_producer)) {}

    // One consumer's view: each producer's numbers must increase.
    class reader {
    public:
        reader(ledger& l, int producers) : l_(l), last_(static_cast<std::size_t>(producers), -1) {}
        void saw(message m) {
            const int p = producer_of(m);
            const long seq = seq_of(m);
            if (p >= static_cast<int>(last_.size()) || seq >= l_.per_producer_) {
                ++l_.garbage;
                return;
            }
            if (seq <= last_[static_cast<std::size_t>(p)]) ++l_.out_of_order;
            last_[static_cast<std::size_t>(p)] = seq;
            if (l_.seen_[static_cast<std::size_t>(p * l_.per_producer_ + seq)].fetch_add(1) != 0) ++l_.duplicated;
            ++l_.received;
        }

    private:
        ledger& l_;
        std::vector<long> last_;
    };

    long missing() const {
        long n = 0;
        for (const auto& s : seen_) n += s.load() == 0;
        return n;
    }

    std::atomic<long> received{0}, out_of_order{0}, duplicated{0}, garbage{0}, failed_sends{0};

private:
    long per_producer_;
    std::vector<std::atomic<std::uint8_t>> seen_;
};

void produce(chan::sender<message> tx, int p, long n, style s, ledger& l) {
    for (long seq = 0; seq < n; ++seq) {
        message m = encode(p, seq);
        if (s == style::blocking) {
            l.failed_sends += !tx.send(m);
            continue;
        }
        // Timed: a try now and then, otherwise short timeouts, retried with the very
        // message handed back.
        auto r = seq % 8 == 0 ? tx.try_send(m) : tx.send_for(m, 100us);
        while (r.status() == chan::status::full || r.status() == chan::status::timeout) {
            m = *r;
            r = tx.send_for(m, 1ms);
        }
        l.failed_sends += !r.ok();
    }
}

void consume(chan::receiver<message> rx, int producers, style s, ledger& l) {
    ledger::reader reader(l, producers);
    if (s == style::blocking) {
        for (message m : rx) reader.saw(m);
        return;
    }
    for (long i = 0;; ++i) {
        auto r = i % 8 == 0 ? rx.try_recv() : rx.recv_for(100us);
        if (r) {
            reader.saw(*r);
        } else if (r.status() == chan::status::disconnected) {
            return;
        }
    }
}

// Runs one configuration to the end: producers drop their senders when done, which
// disconnects the channel, which ends the consumers.
void run(flavor f, int producers, int consumers, long per_producer, style s) {
    CAPTURE(to_string(f), producers, consumers, per_producer);
    ledger l(producers, per_producer);
    {
        std::vector<std::thread> threads;
        {
            auto [tx, rx] = make<message>(f);
            for (int c = 0; c < consumers; ++c)
                threads.emplace_back([&l, rx = rx, producers, s] { consume(rx, producers, s, l); });
            for (int p = 0; p < producers; ++p)
                threads.emplace_back([&l, tx = tx, p, per_producer, s] { produce(tx, p, per_producer, s, l); });
        }  // only the threads' handles are left
        for (auto& t : threads) t.join();
    }
    CHECK(l.failed_sends == 0);
    CHECK(l.garbage == 0);
    CHECK(l.duplicated == 0);
    CHECK(l.out_of_order == 0);
    CHECK(l.missing() == 0);
    CHECK(l.received == producers * per_producer);
}

// Every producer/consumer count from 1 to 4, `total` messages in all.
void run_matrix(flavor f, long total, style s) {
    constexpr int max_threads = 4;
    const long per_configuration = total / (max_threads * max_threads);
    for (int producers = 1; producers <= max_threads; ++producers)
        for (int consumers = 1; consumers <= max_threads; ++consumers)
            run(f, producers, consumers, per_configuration / producers, s);
}

}  // namespace

TEST_CASE("stress: a million messages per flavor, 1-4 producers x 1-4 consumers, blocking", "[stress]") {
    const flavor f = CHAN_TEST_ALL_FLAVORS;
    run_matrix(f, scaled(1'000'000), style::blocking);
}

TEST_CASE("stress: timed and non-blocking operations racing with wake-ups", "[stress]") {
    const flavor f = CHAN_TEST_ALL_FLAVORS;
    run_matrix(f, scaled(160'000), style::timed);
}

TEST_CASE("stress: close() racing with senders is never lost", "[stress]") {
    // A sender that read "closed" before sending must see its send fail. In the
    // unbounded flavor this pins the mark set by a close() that lands while a sender
    // links in a new block.
    const flavor f = CHAN_TEST_ALL_FLAVORS;
    CAPTURE(to_string(f));
    std::mt19937 rng(12345);
    const long rounds = scaled(5'000);
    long accepted_after_close = 0, unfinished = 0, reconnected = 0;
    for (long round = 0; round < rounds; ++round) {
        auto [tx, rx] = make<int>(f);
        std::atomic<bool> closed{false};
        std::atomic<long> sent{0}, late{0};
        background sender([&closed, &sent, &late, tx = tx] {
            for (int i = 0; i < 5'000; ++i) {  // a bound in case this thread outruns close()
                const bool was_closed = closed.load();
                const bool ok = tx.send(i).ok();
                if (ok && was_closed) {
                    ++late;
                    return;
                }
                if (!ok) return;
                sent.store(i + 1, std::memory_order_relaxed);
            }
        });
        // A receiver keeps the bounded flavors moving; close at a random point of the
        // sends once they are under way (a rendezvous takes a thread switch per message).
        const long close_after = static_cast<long>(rng() % (f == flavor::rendezvous ? 20 : 200));
        while (sent.load(std::memory_order_relaxed) < close_after) (void)rx.recv_for(1ms);
        rx.close();
        closed = true;
        for (int& v : rx.drain()) (void)v;
        if (!sender.finishes_within(slack)) ++unfinished;
        if (!rx.is_disconnected()) ++reconnected;
        accepted_after_close += late.load();
    }
    CHECK(accepted_after_close == 0);
    CHECK(unfinished == 0);
    CHECK(reconnected == 0);
}
