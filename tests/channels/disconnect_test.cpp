// Disconnection in both directions, close() from either side, waking whoever waits,
// and the destruction of messages nobody will receive (exactly once each).
#include <memory>
#include <vector>

#include "support.hpp"

using namespace chan_test;
using chan::status;

namespace {

// Every call a receiver can make on a disconnected, drained channel says so, at once.
void check_disconnected_forever(chan::receiver<int>& rx) {
    const auto start = clock::now();
    for (int i = 0; i < 3; ++i) {
        CHECK(rx.recv().status() == status::disconnected);
        CHECK(rx.try_recv().status() == status::disconnected);
        CHECK(rx.recv_for(slack).status() == status::disconnected);
        CHECK(rx.recv_until(clock::now() + slack).status() == status::disconnected);
    }
    CHECK(seconds_since(start) < 1.0);
    CHECK(rx.is_disconnected());
}

// Every send on a channel without receivers fails at once and hands the message back.
void check_sends_fail_at_once(chan::sender<int>& tx) {
    const auto start = clock::now();
    for (int i = 0; i < 3; ++i) {
        auto blocking = tx.send(10 + i);
        CHECK(blocking.status() == status::disconnected);
        CHECK(*blocking == 10 + i);
        auto nonblocking = tx.try_send(20 + i);
        CHECK(nonblocking.status() == status::disconnected);
        CHECK(*nonblocking == 20 + i);
        auto timed = tx.send_for(30 + i, slack);
        CHECK(timed.status() == status::disconnected);
        CHECK(*timed == 30 + i);
        auto until = tx.send_until(40 + i, clock::now() + slack);
        CHECK(until.status() == status::disconnected);
        CHECK(*until == 40 + i);
    }
    CHECK(seconds_since(start) < 1.0);
    CHECK(tx.is_disconnected());
}

// Fills a channel to what it holds without a receiver.
void fill(chan::sender<int>& tx, flavor f) {
    for (int i = 0; i < static_cast<int>(room(f)); ++i) REQUIRE(tx.try_send(i));
}

void drain_in_order(chan::receiver<int>& rx, flavor f) {
    for (int i = 0; i < static_cast<int>(room(f)); ++i) {
        auto r = rx.recv();
        REQUIRE(r);
        CHECK(*r == i);
    }
}

// What the waiting thread saw.
struct outcome {
    std::atomic<status> st{status::ok};
    std::atomic<int> handed_back{-1};
};

enum class wait_kind { forever, with_deadline };

void wait_in_recv(chan::receiver<int> rx, wait_kind k, outcome& out) {
    out.st = (k == wait_kind::forever ? rx.recv() : rx.recv_for(std::chrono::hours(1))).status();
}

void wait_in_send(chan::sender<int> tx, int value, wait_kind k, outcome& out) {
    auto r = k == wait_kind::forever ? tx.send(value) : tx.send_for(value, std::chrono::hours(1));
    out.st = r.status();
    if (r.has_value()) out.handed_back = *r;
}

enum class side { senders, receivers };

// Runs `wait(value, outcome)` on two threads (values 100 and 200), lets them block,
// calls `disconnect()`, and checks that both woke with `disconnected` (and that
// senders got their own message back).
template <class Wait, class Disconnect>
void check_both_wake(side who, Wait wait, Disconnect disconnect) {
    outcome a, b;
    background first([&a, wait] { wait(100, a); });
    background second([&b, wait] { wait(200, b); });
    std::this_thread::sleep_for(settle);
    disconnect();
    const bool first_woke = first.finishes_within(slack);
    const bool second_woke = second.finishes_within(slack);
    REQUIRE(first_woke);
    REQUIRE(second_woke);
    CHECK(a.st.load() == status::disconnected);
    CHECK(b.st.load() == status::disconnected);
    if (who == side::senders) {
        CHECK(a.handed_back.load() == 100);
        CHECK(b.handed_back.load() == 200);
    }
}

}  // namespace

TEST_CASE("after the last sender goes, receivers get every buffered message, then disconnected forever",
          "[disconnect]") {
    const flavor f = CHAN_TEST_ALL_FLAVORS;
    CAPTURE(to_string(f));
    auto [tx, rx] = make<int>(f);
    fill(tx, f);
    chan::sender<int> second = tx;
    { auto gone = std::move(tx); }
    CHECK_FALSE(rx.is_disconnected());  // one sender is left
    { auto gone = std::move(second); }
    drain_in_order(rx, f);
    check_disconnected_forever(rx);
}

TEST_CASE("after the last receiver goes, every send fails at once and hands its message back", "[disconnect]") {
    const flavor f = CHAN_TEST_ALL_FLAVORS;
    CAPTURE(to_string(f));
    auto [tx, rx] = make<int>(f);
    fill(tx, f);  // a full bounded channel must not make these sends wait either
    chan::receiver<int> second = rx;
    { auto gone = std::move(rx); }
    CHECK(tx.try_send(-1).status() != status::disconnected);  // one receiver is left
    { auto gone = std::move(second); }
    check_sends_fail_at_once(tx);
}

TEST_CASE("close() keeps buffered messages for receivers and fails sends at once", "[disconnect][close]") {
    const flavor f = CHAN_TEST_ALL_FLAVORS;
    const bool from_sender = GENERATE(true, false);
    CAPTURE(to_string(f), from_sender);
    auto [tx, rx] = make<int>(f);
    fill(tx, f);
    REQUIRE((from_sender ? tx.close() : rx.close()));
    check_sends_fail_at_once(tx);
    drain_in_order(rx, f);
    check_disconnected_forever(rx);
}

TEST_CASE("close() wakes every receiver waiting on an empty channel", "[disconnect][close]") {
    const flavor f = CHAN_TEST_ALL_FLAVORS;
    const bool from_sender = GENERATE(true, false);
    const wait_kind k = GENERATE(wait_kind::forever, wait_kind::with_deadline);
    CAPTURE(to_string(f), from_sender, k == wait_kind::forever);
    auto [tx, rx] = make<int>(f);
    check_both_wake(
        side::receivers, [rx = rx, k](int, outcome& out) { wait_in_recv(rx, k, out); },
        [&, &tx = tx, &rx = rx] { REQUIRE((from_sender ? tx.close() : rx.close())); });
}

TEST_CASE("close() wakes every sender waiting for room or a receiver, handing messages back",
          "[disconnect][close]") {
    const flavor f = GENERATE(flavor::rendezvous, flavor::bounded1, flavor::bounded4);
    const bool from_sender = GENERATE(true, false);
    const wait_kind k = GENERATE(wait_kind::forever, wait_kind::with_deadline);
    CAPTURE(to_string(f), from_sender, k == wait_kind::forever);
    auto [tx, rx] = make<int>(f);
    fill(tx, f);
    check_both_wake(
        side::senders, [tx = tx, k](int value, outcome& out) { wait_in_send(tx, value, k, out); },
        [&, &tx = tx, &rx = rx] { REQUIRE((from_sender ? tx.close() : rx.close())); });
    drain_in_order(rx, f);  // what was buffered before close() is still there
}

TEST_CASE("dropping the last sender wakes every waiting receiver", "[disconnect]") {
    const flavor f = CHAN_TEST_ALL_FLAVORS;
    const wait_kind k = GENERATE(wait_kind::forever, wait_kind::with_deadline);
    CAPTURE(to_string(f), k == wait_kind::forever);
    auto [tx, rx] = make<int>(f);
    check_both_wake(
        side::receivers, [rx = rx, k](int, outcome& out) { wait_in_recv(rx, k, out); },
        [&tx = tx] { auto gone = std::move(tx); });
}

TEST_CASE("dropping the last receiver wakes every waiting sender, handing messages back", "[disconnect]") {
    const flavor f = GENERATE(flavor::rendezvous, flavor::bounded1, flavor::bounded4);
    const wait_kind k = GENERATE(wait_kind::forever, wait_kind::with_deadline);
    CAPTURE(to_string(f), k == wait_kind::forever);
    auto [tx, rx] = make<int>(f);
    fill(tx, f);
    check_both_wake(
        side::senders, [tx = tx, k](int value, outcome& out) { wait_in_send(tx, value, k, out); },
        [&rx = rx] { auto gone = std::move(rx); });
}

// ---- destruction of undelivered messages ----

namespace {

using counted_ptr = std::unique_ptr<counted>;

// Sends ids [0, n) into a fresh channel; `received` of them are then received.
struct counted_channel {
    counted_channel(flavor f, int n, int received) : ends(make<counted>(f)) {
        counted::reset();
        for (int id = 0; id < n; ++id) REQUIRE(ends.first.try_send(counted(id)));
        for (int id = 0; id < received; ++id) {
            auto r = ends.second.try_recv();
            REQUIRE(r);
            CHECK(r->id() == id);
        }
    }
    std::pair<chan::sender<counted>, chan::receiver<counted>> ends;
};

void check_each_destroyed_once(int n) {
    for (int id = 0; id < n; ++id) {
        CAPTURE(id);
        CHECK(counted::owners_destroyed(id) == 1);
    }
}

}  // namespace

TEST_CASE("when the last receiver goes, buffered messages are destroyed at once", "[disconnect][lifetime]") {
    const flavor f = CHAN_TEST_BUFFERED_FLAVORS;
    CAPTURE(to_string(f));
    const int n = static_cast<int>(room(f));
    const int alive_before = counted::alive();
    counted_channel ch(f, n, n / 2);
    { auto gone = std::move(ch.ends.second); }
    check_each_destroyed_once(n);  // the sender is still there
    CHECK(counted::alive() == alive_before);
    CHECK(ch.ends.first.try_send(counted(999)).status() == status::disconnected);
}

TEST_CASE("undelivered messages are destroyed exactly once, whichever side goes last",
          "[disconnect][lifetime]") {
    const flavor f = CHAN_TEST_BUFFERED_FLAVORS;
    const bool senders_first = GENERATE(true, false);
    const bool closed_first = GENERATE(true, false);
    CAPTURE(to_string(f), senders_first, closed_first);
    const int n = static_cast<int>(room(f));
    const int alive_before = counted::alive();
    {
        counted_channel ch(f, n, n / 3);
        if (closed_first) ch.ends.first.close();
        if (senders_first) {
            { auto gone = std::move(ch.ends.first); }
        } else {
            { auto gone = std::move(ch.ends.second); }
        }
    }
    check_each_destroyed_once(n);
    CHECK(counted::alive() == alive_before);
}

TEST_CASE("a message handed back by a failed send is the caller's to destroy, once", "[disconnect][lifetime]") {
    const flavor f = CHAN_TEST_ALL_FLAVORS;
    CAPTURE(to_string(f));
    counted::reset();
    const int alive_before = counted::alive();
    {
        auto [tx, rx] = make<counted>(f);
        rx.close();
        auto r = tx.send(counted(7));
        REQUIRE(r.status() == status::disconnected);
        CHECK(r->id() == 7);
        CHECK(counted::owners_destroyed(7) == 0);
    }
    CHECK(counted::owners_destroyed(7) == 1);
    CHECK(counted::alive() == alive_before);
}

TEST_CASE("a message whose destructor drops the channel's last sender is discarded safely",
          "[disconnect][lifetime]") {
    // The channel carries its own sender: discarding the message drops that sender,
    // re-entering the channel's disconnection while it discards.
    struct carries_sender {
        std::shared_ptr<chan::sender<carries_sender>> tx;
    };
    const flavor f = CHAN_TEST_BUFFERED_FLAVORS;
    CAPTURE(to_string(f));
    auto [tx, rx] = make<carries_sender>(f);
    auto inner = std::make_shared<chan::sender<carries_sender>>(std::move(tx));
    std::weak_ptr<chan::sender<carries_sender>> watch = inner;
    REQUIRE(inner->try_send(carries_sender{inner}));
    inner.reset();  // the message now holds the only sender
    CHECK_FALSE(rx.is_disconnected());
    { auto gone = std::move(rx); }  // discards the message, which drops the last sender
    CHECK(watch.expired());
}
