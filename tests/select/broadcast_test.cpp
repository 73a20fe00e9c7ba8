// Broadcast channels, both policies: every receiver gets every message sent after it
// subscribed, in order; subscribe() starts at the present; a copied receiver starts where
// its original is; lossless senders wait for the slowest receiver and are released when
// it goes; lagging receivers learn exactly how many messages they missed; messages are
// stored once and released when the last receiver has seen them.
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "support.hpp"

using namespace select_test;
using chan::status;

namespace {

constexpr auto wait = 100ms;

template <class T>
std::vector<T> drain(chan::broadcast_receiver<T>& rx) {
    std::vector<T> got;
    for (;;) {
        auto r = rx.try_recv();
        if (!r) return got;
        got.push_back(*r);
    }
}

std::vector<int> range(int from, int to) {
    std::vector<int> v;
    for (int i = from; i < to; ++i) v.push_back(i);
    return v;
}

enum class policy { lossless, lagging };

std::pair<chan::broadcast_sender<int>, chan::broadcast_receiver<int>> make_broadcast(policy p, std::size_t capacity) {
    return p == policy::lossless ? chan::broadcast<int>(capacity, "lossless") : chan::lagging_broadcast<int>(capacity, "lagging");
}

#define BOTH_POLICIES GENERATE(policy::lossless, policy::lagging)

}  // namespace

TEST_CASE("broadcast: every receiver gets every message, in order", "[broadcast]") {
    const policy p = BOTH_POLICIES;
    CAPTURE(p == policy::lossless);
    auto [tx, a] = make_broadcast(p, 8);
    auto b = tx.subscribe();
    auto c = a;
    CHECK(tx.receiver_count() == 3);
    for (int i = 0; i < 5; ++i) REQUIRE(tx.try_send(i));
    CHECK(drain(a) == range(0, 5));
    CHECK(drain(b) == range(0, 5));
    CHECK(drain(c) == range(0, 5));
    CHECK(a.try_recv().status() == status::empty);
}

TEST_CASE("broadcast: subscribe() sees only what is sent after it", "[broadcast]") {
    const policy p = BOTH_POLICIES;
    auto [tx, rx] = make_broadcast(p, 8);
    REQUIRE(tx.try_send(1));
    REQUIRE(tx.try_send(2));
    auto late = tx.subscribe();
    REQUIRE(tx.try_send(3));
    CHECK(drain(late) == std::vector<int>{3});
    CHECK(drain(rx) == std::vector<int>{1, 2, 3});
}

TEST_CASE("broadcast: a copy of a receiver starts at the original's position", "[broadcast]") {
    const policy p = BOTH_POLICIES;
    auto [tx, rx] = make_broadcast(p, 8);
    for (int i = 0; i < 5; ++i) REQUIRE(tx.try_send(i));
    CHECK(*rx.recv() == 0);
    CHECK(*rx.recv() == 1);
    auto copy = rx;
    REQUIRE(tx.try_send(5));
    CHECK(drain(copy) == range(2, 6));
    CHECK(drain(rx) == range(2, 6));
    auto empty_copy = chan::broadcast_receiver<int>(copy);  // at the end: nothing for it yet
    CHECK(empty_copy.try_recv().status() == status::empty);
}

TEST_CASE("broadcast (lossless): a sender waits while the slowest receiver is capacity behind", "[broadcast]") {
    auto [tx, fast] = chan::broadcast<int>(2);
    auto slow = fast;
    REQUIRE(tx.try_send(0));
    REQUIRE(tx.try_send(1));
    CHECK(drain(fast) == range(0, 2));  // the fast receiver is done...
    auto r = tx.try_send(2);
    CHECK(r.status() == status::full);  // ...but the slow one is 2 behind
    CHECK(*r == 2);
    const auto start = clock::now();
    CHECK(tx.send_for(2, wait).status() == status::timeout);
    CHECK(clock::now() - start >= wait);

    CHECK(*slow.recv() == 0);  // one slot is free again
    CHECK(tx.try_send(2).ok());
    CHECK(tx.try_send(3).status() == status::full);

    SECTION("a blocked sender goes on when the slowest receiver reads") {
        background sender([tx = tx]() mutable { (void)tx.send(3); });
        std::this_thread::sleep_for(settle);
        CHECK(*slow.recv() == 1);
        CHECK(sender.finishes_within(slack));
        CHECK(drain(slow) == range(2, 4));
    }
    SECTION("dropping the slowest receiver releases a blocked sender") {
        background sender([tx = tx]() mutable { (void)tx.send(3); });
        std::this_thread::sleep_for(settle);
        slow = {};
        CHECK(sender.finishes_within(slack));
        CHECK(drain(fast) == range(2, 4));
    }
}

TEST_CASE("broadcast (lagging): senders never wait; a slow receiver is told how many it missed",
          "[broadcast][lagging]") {
    auto [tx, slow] = chan::lagging_broadcast<int>(3);
    auto fast = slow;
    for (int i = 0; i < 10; ++i) {
        REQUIRE(tx.try_send(i));
        CHECK(*fast.try_recv() == i);
    }
    // Only 7, 8, 9 are kept: 0..6 were overwritten before `slow` read them.
    auto r = slow.recv();
    CHECK(r.status() == status::lagged);
    CHECK(r.missed() == 7);
    CHECK_FALSE(r.has_value());
    auto copy = slow;  // after the lag: at the oldest kept message
    CHECK(drain(slow) == range(7, 10));
    CHECK(drain(copy) == range(7, 10));

    SECTION("a copy of a lagged receiver lags the same way") {
        for (int i = 10; i < 15; ++i) REQUIRE(tx.send(i));
        auto twin = slow;
        for (auto* rx : {&slow, &twin}) {
            auto lag = rx->recv();
            CHECK(lag.status() == status::lagged);
            CHECK(lag.missed() == 2);
            CHECK(drain(*rx) == range(12, 15));
        }
    }
    SECTION("range-for steps over lag reports") {
        for (int i = 10; i < 20; ++i) REQUIRE(tx.send(i));
        tx = {};
        std::vector<int> got;
        for (int v : slow) got.push_back(v);
        CHECK(got == range(17, 20));
    }
}

TEST_CASE("broadcast: messages are stored once and released when the last receiver has read them",
          "[broadcast]") {
    tracked::live() = 0;
    tracked::copies() = 0;
    SECTION("lossless") {
        auto [tx, a] = chan::broadcast<tracked>(4);
        auto b = a;
        auto c = tx.subscribe();
        for (int i = 0; i < 3; ++i) REQUIRE(tx.send(tracked(i)));
        CHECK(tracked::live() == 3);  // one object per message, not one per receiver
        CHECK(tracked::copies() == 0);
        for (auto* rx : {&a, &b}) {
            for (int i = 0; i < 3; ++i) CHECK(rx->recv()->value() == i);
        }
        CHECK(tracked::live() == 3);  // `c` has read none yet
        CHECK(c.recv()->value() == 0);
        CHECK(tracked::live() == 2);  // message 0 is gone
        c = {};                       // `c` lets go of 1 and 2
        CHECK(tracked::live() == 0);
        CHECK(tracked::copies() == 7);  // one per reception
    }
    SECTION("lagging: overwritten messages are released too") {
        auto [tx, rx] = chan::lagging_broadcast<tracked>(2);
        for (int i = 0; i < 5; ++i) REQUIRE(tx.send(tracked(i)));
        CHECK(tracked::live() == 2);
        rx = {};
        CHECK(tracked::live() == 0);
    }
    CHECK(tracked::live() == 0);
}

TEST_CASE("broadcast: no receiver, no send; closing and the last sender disconnect", "[broadcast]") {
    const policy p = BOTH_POLICIES;
    auto [tx, rx] = make_broadcast(p, 4);
    SECTION("a send without receivers fails and hands the message back; subscribing revives it") {
        rx = {};
        CHECK(tx.receiver_count() == 0);
        auto r = tx.send(1);
        CHECK(r.status() == status::disconnected);
        CHECK(*r == 1);
        auto again = tx.subscribe();
        CHECK(tx.send(2).ok());
        CHECK(*again.recv() == 2);
    }
    SECTION("close: receivers drain, then disconnected; sends fail") {
        REQUIRE(tx.send(1));
        CHECK(rx.close());
        CHECK_FALSE(tx.close());  // already closed
        CHECK(tx.send(2).status() == status::disconnected);
        CHECK(*rx.recv() == 1);
        CHECK(rx.recv().status() == status::disconnected);
    }
    SECTION("the last sender gone: receivers drain, then disconnected, even a waiting one") {
        auto copy = tx;
        REQUIRE(tx.send(1));
        tx = {};
        REQUIRE(copy.send(2));
        CHECK(copy.sender_count() == 1);
        background dropper([copy = std::move(copy)]() mutable {
            std::this_thread::sleep_for(settle);
            copy = {};
        });
        std::vector<int> got;
        for (int v : rx) got.push_back(v);
        CHECK(got == std::vector<int>{1, 2});
        CHECK(rx.recv().status() == status::disconnected);
        CHECK(dropper.finishes_within(slack));
    }
}

TEST_CASE("broadcast (lagging): a lagged receive arm reports the lag", "[broadcast][lagging][select]") {
    auto [tx, rx] = chan::lagging_broadcast<int>(1);
    for (int i = 0; i < 3; ++i) REQUIRE(tx.send(i));
    chan::recv_result<int> seen(status::ok);
    chan::select(chan::on_recv(rx, [&](chan::recv_result<int> r) { seen = std::move(r); }));
    CHECK(seen.status() == status::lagged);
    CHECK(seen.missed() == 2);
    CHECK(*rx.recv() == 2);
}

TEST_CASE("broadcast: a capacity of 0, or one whose ring cannot be sized, is refused", "[broadcast]") {
    CHECK_THROWS_AS(chan::broadcast<int>(0), std::invalid_argument);
    CHECK_THROWS_AS(chan::lagging_broadcast<int>(0), std::invalid_argument);
    const std::size_t too_large = std::numeric_limits<std::size_t>::max();
    CHECK_THROWS_WITH(chan::broadcast<int>(too_large), Catch::Contains("chan::broadcast: capacity"));
    CHECK_THROWS_WITH(chan::lagging_broadcast<int>(too_large), Catch::Contains("chan::lagging_broadcast: capacity"));
    CHECK_THROWS_AS(chan::broadcast<int>(too_large), std::length_error);
}

TEST_CASE("broadcast: receivers and senders are select arms", "[broadcast][select]") {
    const policy p = BOTH_POLICIES;
    auto [tx, rx] = make_broadcast(p, 1);
    auto [idle_tx, idle_rx] = chan::bounded<int>(1);

    SECTION("a receive arm waits for a message from another thread") {
        background sender([tx = tx]() mutable {
            std::this_thread::sleep_for(settle);
            (void)tx.send(4);
        });
        int got = 0;
        CHECK(chan::select(chan::on_recv(idle_rx, [](auto) {}),
                           chan::on_recv(rx, [&](chan::recv_result<int> r) { got = *r; })) == 1);
        CHECK(got == 4);
    }
    SECTION("a send arm: lossless waits for room, lagging never does") {
        REQUIRE(tx.send(1));
        const std::size_t i = chan::select(chan::on_send(tx, 2, [](auto r) { CHECK(r.ok()); }),
                                           chan::on_timeout(wait, [] {}));
        CHECK(i == (p == policy::lossless ? 1u : 0u));
        auto r = rx.recv();
        if (p == policy::lossless) {
            CHECK(*r == 1);
        } else {
            CHECK(r.status() == status::lagged);  // 1 was overwritten by 2
            CHECK(r.missed() == 1);
        }
    }
    SECTION("dynamic selector and readiness") {
        chan::selector sel;
        sel.recv(idle_rx);
        const std::size_t in = sel.recv(rx);
        const std::size_t out = sel.send(tx);
        CHECK(sel.ready() == out);  // room for one, nothing to receive
        auto op = sel.select();
        REQUIRE(op.index() == out);
        CHECK(op.send(tx, 6).ok());
        sel.remove(out);
        CHECK(sel.ready() == in);
        auto op2 = sel.select();
        REQUIRE(op2.index() == in);
        CHECK(*op2.recv(rx) == 6);
    }
}
