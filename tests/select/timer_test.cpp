// Time as channels: after, at, tick, never. A delivery is never early; how late it may
// be is generous (`slack`: shared, loaded 2-core machines). tick keeps its schedule
// fixed and leaves a slow receiver at most one tick.
#include <vector>

#include "support.hpp"

using namespace select_test;
using chan::status;

namespace {

constexpr auto delay = 80ms;

// A delivery of `r` (received at `received`) that was due at `due` and not before.
void check_delivery(const chan::recv_result<chan::instant>& r, chan::instant due, chan::instant received) {
    REQUIRE(r);
    CHECK(*r >= due);
    CHECK(*r <= received);
    CHECK(received - due < slack);
}

}  // namespace

TEST_CASE("after(d) delivers one message, d after it was made, never earlier", "[timer][after]") {
    const auto made = clock::now();
    auto timer = chan::after(delay, "delay");
    auto later = chan::after(slack);  // due long after any stall of a loaded machine
    CHECK(later.try_recv().status() == status::empty);
    const auto start = clock::now();
    CHECK(later.recv_for(delay).status() == status::timeout);  // not yet: a timeout waits in full
    CHECK(clock::now() - start >= delay);

    const auto r = timer.recv();
    const auto received = clock::now();
    check_delivery(r, made + delay, received);

    CHECK(timer.try_recv().status() == status::empty);  // only one message, ever
    CHECK(timer.recv_for(10ms).status() == status::timeout);
}

TEST_CASE("at(tp) delivers one message at tp, on any clock; a past tp at once", "[timer][at]") {
    SECTION("steady clock") {
        const auto due = clock::now() + delay;
        auto timer = chan::at(due);
        const auto r = timer.recv();
        check_delivery(r, due, clock::now());
    }
    SECTION("system clock") {
        const auto due = std::chrono::system_clock::now() + delay;
        auto timer = chan::at(due);
        const auto r = timer.recv();
        CHECK(std::chrono::system_clock::now() >= due - 2ms);  // the clocks are read at different times
        CHECK(r);
    }
    SECTION("in the past") {
        const auto start = clock::now();
        auto timer = chan::at(start - 1s);
        const auto r = timer.try_recv();
        REQUIRE(r);
        CHECK(*r == start - 1s);  // the message is the instant it was due
    }
}

TEST_CASE("copies of a timer receiver share its one message", "[timer][after]") {
    auto a = chan::after(10ms);
    auto b = a;
    int got = 0;
    for (auto* rx : {&a, &b}) got += rx->recv_for(delay).status() == status::ok ? 1 : 0;
    CHECK(got == 1);
}

TEST_CASE("tick(d) delivers on a fixed schedule: never early, no drift", "[timer][tick]") {
    const auto made = clock::now();
    auto ticker = chan::tick(30ms);
    std::vector<chan::instant> due;
    for (int i = 0; i < 5; ++i) {
        const auto r = ticker.recv();
        const auto received = clock::now();
        REQUIRE(r);
        CHECK(*r <= received);  // never early
        due.push_back(*r);
    }
    CHECK(due[0] >= made + 30ms);
    CHECK(due[0] - made < 30ms + slack);
    // Every delivery is a point of the schedule first + k * period, whatever the delays
    // of the receiver: the schedule does not drift.
    for (std::size_t i = 1; i < due.size(); ++i) {
        const auto since_first = due[i] - due[0];
        CHECK(since_first > std::chrono::nanoseconds(0));
        CHECK(since_first % 30ms == std::chrono::nanoseconds(0));
    }
}

TEST_CASE("tick leaves a slow receiver at most one pending tick and drops the rest", "[timer][tick]") {
    constexpr auto period = 40ms;
    auto ticker = chan::tick(period);
    std::this_thread::sleep_for(period * 4 + period / 2);  // about four ticks missed

    const auto first = ticker.try_recv();  // the earliest missed tick is waiting
    REQUIRE(first);
    auto next = ticker.try_recv();  // nothing else, unless a new point of the schedule has come since
    if (!next) next = ticker.recv();
    REQUIRE(next);
    // The ticks missed while sleeping (the 2nd, 3rd, 4th) were dropped: the next one is
    // the first point of the schedule after the moment the pending one was taken.
    CHECK(*next - *first >= 3 * period);
    CHECK((*next - *first) % period == std::chrono::nanoseconds(0));
}

TEST_CASE("tick rejects a period that is not positive", "[timer][tick]") {
    CHECK_THROWS_AS(chan::tick(0ms), std::invalid_argument);
    CHECK_THROWS_AS(chan::tick(-1s), std::invalid_argument);
    CHECK_NOTHROW(chan::tick(std::chrono::hours::max()));  // far away, but no overflow
}

TEST_CASE("never() is never ready, for any message type", "[timer][never]") {
    auto off = chan::never<std::string>("off");
    CHECK(off.try_recv().status() == status::empty);
    const auto start = clock::now();
    CHECK(off.recv_for(delay).status() == status::timeout);
    CHECK(clock::now() - start >= delay);

    auto [tx, rx] = chan::bounded<std::string>(1);
    REQUIRE(tx.try_send("real"));
    std::string got;
    CHECK(chan::select(chan::on_recv(off, [](auto) { FAIL("never is never ready"); }),
                       chan::on_recv(rx, [&](chan::recv_result<std::string> r) { got = *r; })) == 1);
    CHECK(got == "real");
}

TEST_CASE("timers are select arms: a select with an after() arm waits for it", "[timer][select]") {
    auto [tx, rx] = chan::bounded<int>(1);
    const auto made = clock::now();
    auto timeout = chan::after(delay);
    chan::instant fired{};
    CHECK(chan::select(chan::on_recv(rx, [](auto) {}),
                       chan::on_recv(timeout, [&](chan::recv_result<chan::instant> r) { fired = *r; })) == 1);
    CHECK(fired >= made + delay);
    CHECK(clock::now() >= fired);

    SECTION("and a tick arm keeps firing in a loop, between messages") {
        auto ticker = chan::tick(10ms);
        int ticks = 0, messages = 0;
        background producer([tx = tx]() mutable {
            for (int i = 0; i < 3; ++i) {
                std::this_thread::sleep_for(40ms);
                tx.send(i);
            }
        });
        while (messages < 3)
            chan::select(chan::on_recv(rx, [&](auto) { ++messages; }), chan::on_recv(ticker, [&](auto) { ++ticks; }));
        CHECK(ticks >= 2);
    }
    SECTION("readiness only") {
        auto later = chan::after(delay);
        chan::selector sel;
        sel.recv(rx);
        const std::size_t t = sel.recv(later);
        const auto start = clock::now();
        CHECK(sel.ready() == t);
        CHECK(clock::now() - start >= delay);
    }
}
