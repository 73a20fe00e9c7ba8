// The rules of select (crossbeam-channel's select, Go's select statement), one test each:
// exactly one operation per select; a uniformly random choice among ready arms; a receive
// on a disconnected channel and a send to a receiver-less channel are ready; the same
// channel in several arms; selecting sender meets selecting receiver; hopeless selects
// throw; default, timeout and deadline arms.
#include <memory>
#include <string>
#include <vector>

#include "support.hpp"

using namespace select_test;
using chan::status;

namespace {

constexpr auto wait = 100ms;

// Fills a buffered channel of `f` with messages 0, 1, ... (as many as it holds, at most n).
void put(chan::sender<int>& tx, int n) {
    for (int i = 0; i < n; ++i) REQUIRE(tx.try_send(i));
}

}  // namespace

TEST_CASE("a select runs exactly one arm, even when several are ready", "[select][rules]") {
    std::vector<std::pair<chan::sender<int>, chan::receiver<int>>> chans;
    for (int i = 0; i < 3; ++i) chans.push_back(chan::bounded<int>(4));
    for (auto& c : chans) put(c.first, 2);
    auto [out_tx, out_rx] = chan::unbounded<int>();

    int handlers = 0;
    std::size_t ran_arm = 99;
    std::vector<status> statuses;
    auto arm = [&](std::size_t i) {
        return [&, i](const auto& r) {
            ++handlers;
            ran_arm = i;
            statuses.push_back(r.status());
        };
    };
    const std::size_t index = chan::select(chan::on_recv(chans[0].second, arm(0)), chan::on_recv(chans[1].second, arm(1)),
                                           chan::on_send(out_tx, 7, arm(2)), chan::on_recv(chans[2].second, arm(3)));

    CHECK(handlers == 1);
    CHECK(index == ran_arm);
    CHECK(statuses == std::vector<status>{status::ok});
    const std::size_t left = chans[0].second.size() + chans[1].second.size() + chans[2].second.size();
    CHECK((6 - left) + out_rx.size() == 1);  // one message received or one sent, not more
    CHECK(out_rx.size() == (index == 2 ? 1u : 0u));
}

TEST_CASE("when several arms are ready, each is chosen equally often", "[select][fairness]") {
    constexpr int trials = 60'000;

    SECTION("receive arms") {
        std::vector<std::pair<chan::sender<int>, chan::receiver<int>>> c;
        for (int i = 0; i < 4; ++i) c.push_back(chan::unbounded<int>());
        for (auto& [tx, rx] : c) put(tx, 1);
        std::vector<long> counts(4, 0);
        for (int t = 0; t < trials; ++t) {
            const std::size_t i = chan::select(chan::on_recv(c[0].second, [](auto) {}),
                                               chan::on_recv(c[1].second, [](auto) {}),
                                               chan::on_recv(c[2].second, [](auto) {}),
                                               chan::on_recv(c[3].second, [](auto) {}));
            ++counts[i];
            put(c[i].first, 1);  // every arm stays ready
        }
        check_uniform(counts);
    }
    SECTION("send arms") {
        std::vector<std::pair<chan::sender<int>, chan::receiver<int>>> c;
        for (int i = 0; i < 3; ++i) c.push_back(chan::unbounded<int>());
        std::vector<long> counts(3, 0);
        for (int t = 0; t < trials; ++t) {
            ++counts[chan::select(chan::on_send(c[0].first, t, [](auto) {}), chan::on_send(c[1].first, t, [](auto) {}),
                                  chan::on_send(c[2].first, t, [](auto) {}))];
        }
        check_uniform(counts);
        for (int i = 0; i < 3; ++i) CHECK(static_cast<long>(c[i].second.size()) == counts[i]);
    }
    SECTION("only ready arms are chosen, uniformly among themselves") {
        auto [a_tx, a_rx] = chan::unbounded<int>();
        auto [b_tx, b_rx] = chan::bounded<int>(0);  // no partner: never ready
        auto [c_tx, c_rx] = chan::unbounded<int>();
        auto [d_tx, d_rx] = chan::bounded<int>(1);  // empty: never ready
        std::vector<long> counts(4, 0);
        for (int t = 0; t < trials; ++t) {
            put(a_tx, 1);
            put(c_tx, 1);
            ++counts[chan::select(chan::on_recv(a_rx, [](auto) {}), chan::on_recv(b_rx, [](auto) {}),
                                  chan::on_recv(c_rx, [](auto) {}), chan::on_recv(d_rx, [](auto) {}))];
            (void)a_rx.try_recv();
            (void)c_rx.try_recv();
        }
        CHECK(counts[1] == 0);
        CHECK(counts[3] == 0);
        check_uniform({counts[0], counts[2]});
    }
    SECTION("a dynamic selector") {
        std::vector<std::pair<chan::sender<int>, chan::receiver<int>>> c;
        for (int i = 0; i < 5; ++i) c.push_back(chan::unbounded<int>());
        chan::selector sel;
        for (auto& [tx, rx] : c) {
            put(tx, 1);
            sel.recv(rx);
        }
        std::vector<long> counts(5, 0);
        for (int t = 0; t < trials; ++t) {
            auto op = sel.select();
            REQUIRE(op.recv(c[op.index()].second));
            ++counts[op.index()];
            put(c[op.index()].first, 1);
        }
        check_uniform(counts);
    }
    SECTION("readiness only") {
        std::vector<std::pair<chan::sender<int>, chan::receiver<int>>> c;
        for (int i = 0; i < 3; ++i) c.push_back(chan::unbounded<int>());
        chan::selector sel;
        for (auto& [tx, rx] : c) {
            put(tx, 1);
            sel.recv(rx);
        }
        std::vector<long> counts(3, 0);
        for (int t = 0; t < trials; ++t) ++counts[sel.ready()];
        check_uniform(counts);
    }
}

TEST_CASE("a receive on a disconnected channel is ready: it reports disconnected", "[select][rules]") {
    const flavor f = CHAN_TEST_ALL_FLAVORS;
    CAPTURE(to_string(f));
    auto [tx, rx] = make<int>(f);
    auto [idle_tx, idle_rx] = make<int>(f);
    if (f != flavor::rendezvous) put(tx, 1);
    tx = {};  // the last sender is gone

    std::vector<status> seen;
    auto once = [&seen, &idle_rx = idle_rx, &rx = rx] {
        return chan::select(chan::on_recv(idle_rx, [&](auto r) { seen.push_back(r.status()); }),
                            chan::on_recv(rx, [&](chan::recv_result<int> r) { seen.push_back(r.status()); }),
                            chan::on_timeout(slack, [&] { seen.push_back(status::timeout); }));
    };
    if (f != flavor::rendezvous) {
        CHECK(once() == 1);  // buffered messages come first
        CHECK(seen.back() == status::ok);
    }
    const auto start = clock::now();
    CHECK(once() == 1);
    CHECK(seen.back() == status::disconnected);
    CHECK(seconds_since(start) < 1.0);
    CHECK(once() == 1);  // and stays ready
    CHECK(seen.back() == status::disconnected);

    SECTION("dynamic") {
        chan::selector sel;
        sel.recv(idle_rx);
        const std::size_t i = sel.recv(rx);
        CHECK(sel.ready() == i);
        auto op = sel.select();
        REQUIRE(op.index() == i);
        CHECK(op.recv(rx).status() == status::disconnected);
    }
}

TEST_CASE("a send to a channel whose receivers are gone is ready, fails and hands the message back",
          "[select][rules]") {
    const flavor f = CHAN_TEST_ALL_FLAVORS;
    CAPTURE(to_string(f));
    auto [tx, rx] = make<std::unique_ptr<int>>(f);
    rx = {};  // the last receiver is gone
    auto [idle_tx, idle_rx] = chan::bounded<int>(1);

    SECTION("an rvalue message comes back in the result") {
        std::unique_ptr<int> back;
        const std::size_t i = chan::select(
            chan::on_recv(idle_rx, [](auto) {}),
            chan::on_send(tx, std::make_unique<int>(5),
                          [&](chan::send_result<std::unique_ptr<int>> r) {
                              CHECK(r.status() == status::disconnected);
                              REQUIRE(r.has_value());
                              back = std::move(r).value();
                          }),
            chan::on_timeout(slack, [] {}));
        CHECK(i == 1);
        REQUIRE(back);
        CHECK(*back == 5);
    }
    SECTION("dynamic") {
        chan::selector sel;
        sel.recv(idle_rx);
        const std::size_t i = sel.send(tx);
        CHECK(sel.ready() == i);
        auto op = sel.select();
        REQUIRE(op.index() == i);
        auto r = op.send(tx, std::make_unique<int>(6));
        CHECK(r.status() == status::disconnected);
        REQUIRE(r.has_value());
        CHECK(**r == 6);
    }
}

TEST_CASE("a send arm given an lvalue moves from it only if that arm sends", "[select][rules]") {
    auto [full_tx, full_rx] = chan::bounded<std::string>(1);
    REQUIRE(full_tx.try_send("x"));
    auto [ready_tx, ready_rx] = chan::bounded<int>(1);
    REQUIRE(ready_tx.try_send(1));

    std::string message = "kept";
    CHECK(chan::select(chan::on_send(full_tx, message, [](auto) {}), chan::on_recv(ready_rx, [](auto) {})) == 1);
    CHECK(message == "kept");

    (void)full_rx.try_recv();
    CHECK(chan::select(chan::on_send(full_tx, message, [](auto r) { CHECK(r.ok()); }),
                       chan::on_recv(ready_rx, [](auto) {})) == 0);
    CHECK(*full_rx.try_recv() == "kept");
}

TEST_CASE("the same channel may appear in several arms", "[select][rules]") {
    SECTION("two receive arms: one message, one arm, both arms chosen over time") {
        auto [tx, rx] = chan::bounded<int>(2);
        std::vector<long> counts(2, 0);
        for (int t = 0; t < 4000; ++t) {
            put(tx, 1);
            ++counts[chan::select(chan::on_recv(rx, [](auto r) { CHECK(r); }), chan::on_recv(rx, [](auto r) { CHECK(r); }))];
            CHECK(rx.empty());
        }
        check_uniform(counts);
    }
    SECTION("a send and a receive arm on one buffered channel: whichever can proceed") {
        auto [tx, rx] = chan::bounded<int>(1);
        auto round = [&tx = tx, &rx = rx] {
            return chan::select(chan::on_send(tx, 1, [](auto) {}), chan::on_recv(rx, [](auto) {}));
        };
        CHECK(round() == 0);  // empty: only the send can proceed
        CHECK(round() == 1);  // full: only the receive can
        CHECK(round() == 0);
    }
    SECTION("a send and a receive arm on one rendezvous channel do not meet each other") {
        auto [tx, rx] = chan::bounded<int>(0);
        const auto start = clock::now();
        CHECK(chan::select(chan::on_send(tx, 1, [](auto) {}), chan::on_recv(rx, [](auto) {}),
                           chan::on_timeout(wait, [] {})) == 2);
        CHECK(clock::now() - start >= wait);
    }
}

TEST_CASE("a selecting sender and a selecting receiver complete a rendezvous", "[select][rules]") {
    constexpr int n = 2000;
    auto [tx, rx] = chan::bounded<int>(0);
    // Extra arms that never become ready, so that both sides really select: the sender
    // also waits to receive from `idle_in`, the receiver to send into `idle_out`.
    auto [idle_in_tx, idle_in_rx] = chan::bounded<int>(0);
    auto [idle_out_tx, idle_out_rx] = chan::bounded<int>(0);
    std::atomic<long> sum{0};
    std::atomic<int> sent{0};

    SECTION("static select on both sides") {
        background sender([&, tx = tx, other_rx = idle_in_rx]() mutable {
            for (int i = 0; i < n; ++i)
                chan::select(chan::on_send(tx, i, [&](auto r) { sent += r.ok() ? 1 : 0; }),
                             chan::on_recv(other_rx, [](auto) {}));
        });
        background receiver([&, rx = rx, other_tx = idle_out_tx]() mutable {
            for (int i = 0; i < n; ++i)
                chan::select(chan::on_recv(rx, [&](chan::recv_result<int> r) { sum += *r; }),
                             chan::on_send(other_tx, -1, [](auto) {}));
        });
        CHECK(sender.finishes_within(20s));
        CHECK(receiver.finishes_within(20s));
    }
    SECTION("dynamic selectors on both sides") {
        background sender([&, tx = tx, other_rx = idle_in_rx]() mutable {
            chan::selector sel;
            sel.recv(other_rx);
            const std::size_t mine = sel.send(tx);
            for (int i = 0; i < n; ++i) {
                auto op = sel.select();
                if (op.index() == mine) sent += op.send(tx, i).ok() ? 1 : 0;
            }
        });
        background receiver([&, rx = rx, other_tx = idle_out_tx]() mutable {
            chan::selector sel;
            const std::size_t mine = sel.recv(rx);
            sel.send(other_tx);
            for (int i = 0; i < n; ++i) {
                auto op = sel.select();
                if (op.index() == mine) sum += *op.recv(rx);
            }
        });
        CHECK(sender.finishes_within(20s));
        CHECK(receiver.finishes_within(20s));
    }
    CHECK(sent == n);
    CHECK(sum == static_cast<long>(n) * (n - 1) / 2);
}

TEST_CASE("a select that could only block forever throws select_error", "[select][rules]") {
    auto off = chan::never<int>();
    SECTION("only never()") { CHECK_THROWS_AS(chan::select(chan::on_recv(off, [](auto) {})), chan::select_error); }
    SECTION("only a timer that has already fired") {
        auto timer = chan::after(0ms);
        REQUIRE(timer.recv());
        CHECK_THROWS_AS(chan::select(chan::on_recv(timer, [](auto) {}), chan::on_recv(off, [](auto) {})),
                        chan::select_error);
    }
    SECTION("an empty or hopeless selector") {
        chan::selector sel;
        CHECK_THROWS_AS(sel.select(), chan::select_error);
        CHECK_THROWS_AS(sel.ready(), chan::select_error);
        sel.recv(off);
        CHECK_THROWS_AS(sel.select(), chan::select_error);
    }
    SECTION("but with a way out it is fine") {
        CHECK(chan::select(chan::on_recv(off, [](auto) {}), chan::on_default([] {})) == 1);
        const auto start = clock::now();
        CHECK(chan::select(chan::on_recv(off, [](auto) {}), chan::on_timeout(wait, [] {})) == 1);
        CHECK(clock::now() - start >= wait);
        chan::selector sel;
        sel.recv(off);
        CHECK_FALSE(sel.try_select());
        CHECK_FALSE(sel.ready_for(10ms));
    }
}

TEST_CASE("a default arm runs at once when no other arm can proceed, and only then", "[select][default]") {
    const flavor f = CHAN_TEST_ALL_FLAVORS;
    CAPTURE(to_string(f));
    auto [tx, rx] = make<int>(f);
    const auto start = clock::now();
    CHECK(chan::select(chan::on_recv(rx, [](auto) { FAIL("nothing to receive"); }), chan::on_default([] {})) == 1);
    CHECK(seconds_since(start) < 1.0);
    if (f != flavor::rendezvous) {
        put(tx, 1);
        CHECK(chan::select(chan::on_default([] { FAIL("a message was ready"); }),
                           chan::on_recv(rx, [](auto r) { CHECK(r); })) == 1);
    }
}

TEST_CASE("a timeout arm runs after the timeout, never before; an arm that becomes ready first wins",
          "[select][timeout]") {
    auto [tx, rx] = chan::bounded<int>(1);
    SECTION("nothing arrives") {
        const auto start = clock::now();
        CHECK(chan::select(chan::on_recv(rx, [](auto) {}), chan::on_timeout(wait, [] {})) == 1);
        CHECK(clock::now() - start >= wait);
        CHECK(clock::now() - start < wait + slack);
    }
    SECTION("a deadline on the steady clock") {
        const auto deadline = clock::now() + wait;
        CHECK(chan::select(chan::on_recv(rx, [](auto) {}), chan::on_deadline(deadline, [] {})) == 1);
        CHECK(clock::now() >= deadline);
    }
    SECTION("a deadline on the system clock") {
        const auto deadline = std::chrono::system_clock::now() + wait;
        CHECK(chan::select(chan::on_recv(rx, [](auto) {}), chan::on_deadline(deadline, [] {})) == 1);
        CHECK(std::chrono::system_clock::now() >= deadline);
    }
    SECTION("a message arrives first") {
        background later([tx = tx]() mutable {
            std::this_thread::sleep_for(settle);
            tx.send(3);
        });
        int got = 0;
        CHECK(chan::select(chan::on_recv(rx, [&](chan::recv_result<int> r) { got = *r; }),
                           chan::on_timeout(slack, [] {})) == 0);
        CHECK(got == 3);
    }
}

TEST_CASE("a dynamic selector claims one operation, which the caller completes", "[select][selector]") {
    auto [a_tx, a_rx] = chan::bounded<int>(1);
    auto [b_tx, b_rx] = chan::bounded<std::string>(1);
    chan::selector sel;
    const std::size_t a = sel.recv(a_rx);
    const std::size_t b = sel.send(b_tx);
    CHECK(a == 0);
    CHECK(b == 1);
    CHECK(sel.size() == 2);

    SECTION("select, then complete") {
        auto op = sel.select();
        REQUIRE(op.index() == b);  // only the send can proceed
        CHECK(op.send(b_tx, "hi").ok());
        CHECK(*b_rx.try_recv() == "hi");
    }
    SECTION("completing with another handle than the one added is an error") {
        auto op = sel.select();
        REQUIRE(op.index() == b);
        auto [c_tx, c_rx] = chan::bounded<std::string>(1);
        CHECK_THROWS_AS(op.send(c_tx, "wrong"), std::logic_error);
        CHECK(op.send(b_tx, "right").ok());
    }
    SECTION("try_select and select_for give up without taking anything") {
        REQUIRE(b_tx.try_send("fill"));
        CHECK_FALSE(sel.try_select());
        const auto start = clock::now();
        CHECK_FALSE(sel.select_for(wait));
        CHECK(clock::now() - start >= wait);
        CHECK_FALSE(sel.select_until(std::chrono::system_clock::now() + 10ms));
        CHECK(b_rx.size() == 1);
    }
    SECTION("remove takes an operation out") {
        sel.remove(b);
        CHECK(sel.size() == 1);
        CHECK_FALSE(sel.try_select());
        CHECK_THROWS_AS(sel.remove(b), std::out_of_range);
    }
    SECTION("an operation that becomes ready from another thread wakes the selector") {
        REQUIRE(b_tx.try_send("fill"));
        background later([a_tx = a_tx]() mutable {
            std::this_thread::sleep_for(settle);
            a_tx.send(9);
        });
        auto op = sel.select();
        REQUIRE(op.index() == a);
        CHECK(*op.recv(a_rx) == 9);
    }
}

TEST_CASE("readiness only: ready() reports an operation that can proceed without performing it",
          "[select][selector]") {
    auto [a_tx, a_rx] = chan::bounded<int>(1);
    auto [b_tx, b_rx] = chan::bounded<int>(1);
    chan::selector sel;
    const std::size_t a = sel.recv(a_rx);
    const std::size_t b = sel.recv(b_rx);

    CHECK_FALSE(sel.try_ready());
    const auto start = clock::now();
    CHECK_FALSE(sel.ready_for(wait));
    CHECK(clock::now() - start >= wait);
    CHECK_FALSE(sel.ready_until(clock::now() + 10ms));

    put(b_tx, 1);
    CHECK(sel.ready() == b);
    CHECK(sel.try_ready() == b);
    CHECK(b_rx.size() == 1);  // nothing was taken

    background later([a_tx = a_tx, b_rx = b_rx]() mutable {
        (void)b_rx.recv();
        std::this_thread::sleep_for(settle);
        a_tx.send(1);
    });
    while (b_rx.size() == 1) std::this_thread::yield();
    CHECK(sel.ready() == a);  // woken by the send
    CHECK(a_rx.size() == 1);
}
