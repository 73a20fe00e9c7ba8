// The non-blocking and timed variants: try_*, *_for (a duration), *_until (a time
// point). A timeout really waits at least its duration and never returns early; the
// upper bound is generous (shared, loaded machines). Every failed send hands its
// message back.
#include <memory>

#include "support.hpp"

using namespace chan_test;
using chan::status;

namespace {

constexpr auto wait = 100ms;

// Flavors where a send can be made to wait: full rings, and a rendezvous with nobody.
#define CHAN_TEST_BLOCKING_SEND_FLAVORS \
    GENERATE(chan_test::flavor::rendezvous, chan_test::flavor::bounded1, chan_test::flavor::bounded4)

void fill(chan::sender<int>& tx, flavor f) {
    for (int i = 0; i < static_cast<int>(room(f)); ++i) REQUIRE(tx.try_send(i));
}

// Checks a timed operation that timed out: it waited at least `d`, not much more.
void check_waited(clock::time_point start, clock::duration d) {
    const auto elapsed = clock::now() - start;
    CHECK(elapsed >= d);
    CHECK(elapsed < d + slack);
}

}  // namespace

TEST_CASE("try_send on a channel without room says full and hands the message back", "[timeout][try]") {
    const flavor f = CHAN_TEST_BLOCKING_SEND_FLAVORS;
    CAPTURE(to_string(f));
    auto [tx, rx] = make<int>(f);
    fill(tx, f);
    const auto start = clock::now();
    auto r = tx.try_send(42);
    CHECK(seconds_since(start) < 1.0);
    CHECK(r.status() == status::full);
    CHECK_FALSE(r.ok());
    REQUIRE(r.has_value());
    CHECK(*r == 42);
    CHECK(r.value() == 42);
    CHECK(rx.size() == room(f));  // nothing was added
}

TEST_CASE("try_send on an unbounded channel always succeeds", "[timeout][try]") {
    auto [tx, rx] = chan::unbounded<int>();
    for (int i = 0; i < 1000; ++i) {
        auto r = tx.try_send(i);
        REQUIRE(r.ok());
        CHECK_FALSE(r.has_value());
    }
}

TEST_CASE("try_recv on an empty channel says empty at once", "[timeout][try]") {
    const flavor f = CHAN_TEST_ALL_FLAVORS;
    CAPTURE(to_string(f));
    auto [tx, rx] = make<int>(f);
    const auto start = clock::now();
    auto r = rx.try_recv();
    CHECK(seconds_since(start) < 1.0);
    CHECK(r.status() == status::empty);
    CHECK_FALSE(r);
    CHECK_FALSE(r.has_value());
    CHECK_THROWS_AS(r.value(), chan::bad_result_access);
}

TEST_CASE("recv_for and recv_until on an empty channel wait the whole time, then say timeout",
          "[timeout][timed]") {
    const flavor f = CHAN_TEST_ALL_FLAVORS;
    CAPTURE(to_string(f));
    auto [tx, rx] = make<int>(f);

    SECTION("recv_for") {
        const auto start = clock::now();
        CHECK(rx.recv_for(wait).status() == status::timeout);
        check_waited(start, wait);
    }
    SECTION("recv_until, steady clock") {
        const auto start = clock::now();
        const auto deadline = start + wait;
        CHECK(rx.recv_until(deadline).status() == status::timeout);
        CHECK(clock::now() >= deadline);
        check_waited(start, wait);
    }
    SECTION("recv_until, system clock") {
        const auto start = clock::now();
        const auto deadline = std::chrono::system_clock::now() + wait;
        CHECK(rx.recv_until(deadline).status() == status::timeout);
        CHECK(std::chrono::system_clock::now() >= deadline);
        check_waited(start, wait - 5ms);  // the two clocks are read at slightly different times
    }
}

TEST_CASE("send_for and send_until on a channel without room wait the whole time, then hand the message back",
          "[timeout][timed]") {
    const flavor f = CHAN_TEST_BLOCKING_SEND_FLAVORS;
    CAPTURE(to_string(f));
    auto [tx, rx] = make<int>(f);
    fill(tx, f);

    SECTION("send_for") {
        const auto start = clock::now();
        auto r = tx.send_for(42, wait);
        CHECK(r.status() == status::timeout);
        check_waited(start, wait);
        REQUIRE(r.has_value());
        CHECK(*r == 42);
    }
    SECTION("send_until, steady clock") {
        const auto start = clock::now();
        const auto deadline = start + wait;
        auto r = tx.send_until(43, deadline);
        CHECK(r.status() == status::timeout);
        CHECK(clock::now() >= deadline);
        REQUIRE(r.has_value());
        CHECK(*r == 43);
    }
    SECTION("send_until, system clock") {
        const auto deadline = std::chrono::system_clock::now() + wait;
        auto r = tx.send_until(44, deadline);
        CHECK(r.status() == status::timeout);
        CHECK(std::chrono::system_clock::now() >= deadline);
        REQUIRE(r.has_value());
        CHECK(*r == 44);
    }
    CHECK(rx.size() == room(f));  // the timed-out message was not added
}

TEST_CASE("a timed operation with no time left still completes if it can at once", "[timeout][timed]") {
    const flavor f = CHAN_TEST_BUFFERED_FLAVORS;
    CAPTURE(to_string(f));
    auto [tx, rx] = make<int>(f);
    CHECK(tx.send_for(1, 0ms));
    CHECK(tx.send_until(2, clock::now() - 1s).status() == (f == flavor::bounded1 ? status::timeout : status::ok));
    CHECK(*rx.recv_for(0ms) == 1);
    CHECK(rx.recv_until(clock::now() - 1s).status() == (f == flavor::bounded1 ? status::timeout : status::ok));
    CHECK(rx.recv_for(-5s).status() == status::timeout);  // negative: as zero
}

TEST_CASE("a timed receive returns the message as soon as it arrives", "[timeout][timed]") {
    const flavor f = CHAN_TEST_ALL_FLAVORS;
    const bool with_duration = GENERATE(true, false);
    CAPTURE(to_string(f), with_duration);
    auto [tx, rx] = make<int>(f);
    std::atomic<bool> sent{false};
    background producer([&sent, tx = tx] {
        std::this_thread::sleep_for(settle);
        sent = tx.send(5).ok();
    });
    const auto start = clock::now();
    auto r = with_duration ? rx.recv_for(std::chrono::hours(1)) : rx.recv_until(clock::now() + std::chrono::hours(1));
    REQUIRE(r);
    CHECK(*r == 5);
    CHECK(seconds_since(start) < std::chrono::duration<double>(slack).count());
    producer.join();
    CHECK(sent);
}

TEST_CASE("a timed send completes as soon as a receiver makes room", "[timeout][timed]") {
    const flavor f = CHAN_TEST_BLOCKING_SEND_FLAVORS;
    const bool with_duration = GENERATE(true, false);
    CAPTURE(to_string(f), with_duration);
    auto [tx, rx] = make<int>(f);
    fill(tx, f);
    std::atomic<int> got_first{-1};
    background consumer([&got_first, rx = rx] {
        std::this_thread::sleep_for(settle);
        auto r = rx.recv();
        if (r) got_first = *r;
    });
    const auto start = clock::now();
    auto r = with_duration ? tx.send_for(77, std::chrono::hours(1))
                           : tx.send_until(77, clock::now() + std::chrono::hours(1));
    CHECK(r.ok());
    CHECK(seconds_since(start) < std::chrono::duration<double>(slack).count());
    consumer.join();
    CHECK(got_first.load() == (f == flavor::rendezvous ? 77 : 0));
}

TEST_CASE("durations and time points too large to add to now mean 'wait forever'", "[timeout][timed]") {
    auto [tx, rx] = chan::bounded<int>(1);
    background producer([tx = tx] {
        for (int i = 1; i <= 3; ++i) {
            std::this_thread::sleep_for(settle);
            (void)tx.send(i);
        }
    });
    auto first = rx.recv_for(std::chrono::nanoseconds::max());
    REQUIRE(first);
    CHECK(*first == 1);
    auto second = rx.recv_for(std::chrono::hours::max());  // overflows if converted to nanoseconds
    REQUIRE(second);
    CHECK(*second == 2);
    auto third = rx.recv_until(clock::time_point::max());
    REQUIRE(third);
    CHECK(*third == 3);
}

TEST_CASE("every way a send can fail hands back the very same message", "[timeout][handback]") {
    // A unique_ptr shows it is the same object handed back, not a copy.
    const flavor f = CHAN_TEST_BLOCKING_SEND_FLAVORS;
    CAPTURE(to_string(f));
    auto [tx, rx] = make<std::unique_ptr<int>>(f);
    for (int i = 0; i < static_cast<int>(room(f)); ++i) REQUIRE(tx.try_send(std::make_unique<int>(i)));

    auto check_handed_back = [](chan::send_result<std::unique_ptr<int>> r, status expected, const int* sent) {
        CHECK(r.status() == expected);
        REQUIRE(r.has_value());
        CHECK(r->get() == sent);
        std::unique_ptr<int> back = std::move(r).value();
        CHECK(back.get() == sent);
    };
    auto p = std::make_unique<int>(1);
    const int* raw = p.get();
    check_handed_back(tx.try_send(std::move(p)), status::full, raw);
    p = std::make_unique<int>(2);
    raw = p.get();
    check_handed_back(tx.send_for(std::move(p), 20ms), status::timeout, raw);
    p = std::make_unique<int>(3);
    raw = p.get();
    check_handed_back(tx.send_until(std::move(p), clock::now() + 20ms), status::timeout, raw);

    rx.close();
    p = std::make_unique<int>(4);
    raw = p.get();
    check_handed_back(tx.send(std::move(p)), status::disconnected, raw);
    p = std::make_unique<int>(5);
    raw = p.get();
    check_handed_back(tx.try_send(std::move(p)), status::disconnected, raw);
    p = std::make_unique<int>(6);
    raw = p.get();
    check_handed_back(tx.send_for(std::move(p), 1s), status::disconnected, raw);
}
