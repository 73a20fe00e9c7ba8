// What a channel delivers and when: FIFO order, the rendezvous hand-off, room in a
// ring, an unbounded channel that never makes a sender wait, range-for and drain().
#include <vector>

#include "support.hpp"

using namespace chan_test;

TEST_CASE("messages from one sender arrive in the order sent", "[delivery]") {
    const flavor f = CHAN_TEST_ALL_FLAVORS;
    CAPTURE(to_string(f));
    auto [tx, rx] = make<int>(f);
    constexpr int n = 1000;
    std::atomic<int> failed_sends{0};
    background producer([&failed_sends, tx = tx] {
        for (int i = 0; i < n; ++i) failed_sends += !tx.send(i);
    });
    for (int i = 0; i < n; ++i) {
        auto r = rx.recv();
        REQUIRE(r);
        REQUIRE(*r == i);
    }
    producer.join();
    CHECK(failed_sends == 0);
}

TEST_CASE("a buffered channel holds its messages in order until received", "[delivery]") {
    const flavor f = CHAN_TEST_BUFFERED_FLAVORS;
    CAPTURE(to_string(f));
    auto [tx, rx] = make<int>(f);
    const int n = static_cast<int>(room(f));
    for (int i = 0; i < n; ++i) REQUIRE(tx.try_send(i));
    for (int i = 0; i < n; ++i) CHECK(*rx.try_recv() == i);
    CHECK(rx.try_recv().status() == chan::status::empty);
}

TEST_CASE("a bounded channel makes the sender wait while it is full", "[delivery]") {
    auto [tx, rx] = chan::bounded<int>(2);
    REQUIRE(tx.send(1));
    REQUIRE(tx.send(2));
    auto r = tx.try_send(3);
    CHECK(r.status() == chan::status::full);

    std::atomic<bool> sent{false};
    background producer([&sent, tx = tx] { sent = tx.send(3).ok(); });
    std::this_thread::sleep_for(settle);
    CHECK_FALSE(sent.load());  // still full: the send must still be waiting
    CHECK(*rx.recv() == 1);
    producer.join();  // room now: the send completes
    CHECK(sent.load());
    CHECK(*rx.recv() == 2);
    CHECK(*rx.recv() == 3);
}

TEST_CASE("a rendezvous send completes only when a receiver takes the message", "[delivery]") {
    auto [tx, rx] = chan::bounded<int>(0);
    CHECK(tx.try_send(1).status() == chan::status::full);  // nobody is receiving

    std::atomic<bool> sent{false};
    background producer([&sent, tx = tx] { sent = tx.send(7).ok(); });
    std::this_thread::sleep_for(settle);
    CHECK_FALSE(sent.load());
    CHECK(rx.size() == 0);
    CHECK(*rx.recv() == 7);
    producer.join();
    CHECK(sent.load());
}

TEST_CASE("a rendezvous try_recv takes a message from a waiting sender only", "[delivery]") {
    auto [tx, rx] = chan::bounded<int>(0);
    CHECK(rx.try_recv().status() == chan::status::empty);
    std::atomic<bool> sent{false};
    background producer([&sent, tx = tx] { sent = tx.send(5).ok(); });
    chan::recv_result<int> r = rx.try_recv();
    const auto give_up = clock::now() + slack;
    while (!r && clock::now() < give_up) {
        std::this_thread::yield();
        r = rx.try_recv();
    }
    REQUIRE(r);
    CHECK(*r == 5);
    producer.join();
    CHECK(sent);
}

TEST_CASE("an unbounded channel never makes a sender wait", "[delivery]") {
    auto [tx, rx] = chan::unbounded<int>();
    constexpr int n = 10'000;  // hundreds of blocks
    for (int i = 0; i < n; ++i) REQUIRE(tx.try_send(i));
    CHECK(rx.size() == static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) REQUIRE(*rx.try_recv() == i);
    CHECK(rx.empty());
}

TEST_CASE("range-for receives every message and ends once disconnected and drained", "[iteration]") {
    const flavor f = CHAN_TEST_ALL_FLAVORS;
    CAPTURE(to_string(f));
    auto [tx, rx] = make<int>(f);
    constexpr int n = 200;
    std::atomic<int> failed_sends{0};
    background producer([&failed_sends, tx = std::move(tx)] {
        for (int i = 0; i < n; ++i) failed_sends += !tx.send(i);
    });  // the producer's handle, the only sender, goes when it ends
    std::vector<int> got;
    for (int v : rx) got.push_back(v);
    REQUIRE(got.size() == static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) CHECK(got[static_cast<std::size_t>(i)] == i);
    CHECK(rx.recv().status() == chan::status::disconnected);
    producer.join();
    CHECK(failed_sends == 0);
}

TEST_CASE("range-for waits for messages while the channel is connected", "[iteration]") {
    auto [tx, rx] = chan::unbounded<int>();
    std::atomic<int> received{0};
    background consumer([&received, rx = rx] {
        for (int v : rx) received += v;
    });
    std::this_thread::sleep_for(settle);
    CHECK(received.load() == 0);
    REQUIRE(tx.send(40));
    REQUIRE(tx.send(2));
    tx.close();
    consumer.join();
    CHECK(received.load() == 42);
}

TEST_CASE("drain() takes what is there now, without waiting", "[iteration]") {
    const flavor f = CHAN_TEST_BUFFERED_FLAVORS;
    CAPTURE(to_string(f));
    auto [tx, rx] = make<int>(f);
    const int n = static_cast<int>(room(f));
    for (int i = 0; i < n; ++i) REQUIRE(tx.try_send(i));

    std::vector<int> got;
    const auto start = clock::now();
    for (int& v : rx.drain()) got.push_back(v);  // the sender is still connected
    CHECK(seconds_since(start) < 1.0);
    REQUIRE(got.size() == static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) CHECK(got[static_cast<std::size_t>(i)] == i);
    CHECK(rx.empty());

    // A later message waits for the next drain.
    REQUIRE(tx.try_send(99));
    std::vector<int> later;
    for (int& v : rx.drain()) later.push_back(v);
    CHECK(later == std::vector<int>{99});
}

TEST_CASE("drain() of an empty or disconnected channel yields nothing", "[iteration]") {
    const flavor f = CHAN_TEST_ALL_FLAVORS;
    CAPTURE(to_string(f));
    auto [tx, rx] = make<int>(f);
    int seen = 0;
    for ([[maybe_unused]] int& v : rx.drain()) ++seen;
    CHECK(seen == 0);
    tx.close();
    for ([[maybe_unused]] int& v : rx.drain()) ++seen;
    CHECK(seen == 0);
}
