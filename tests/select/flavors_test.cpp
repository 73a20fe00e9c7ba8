// Select over every flavor and over mixes of them: bounded, rendezvous, unbounded,
// timers, never, oneshot, lossless and lagging broadcast, as receive arms and (where
// there is a sender) as send arms, in the static select and the dynamic selector.
#include <string>

#include "support.hpp"

using namespace select_test;
using chan::status;

namespace {

// A select waiting on `rx` (next to arms that never become ready) is woken when
// `make_ready` (run on another thread after a while) makes `rx` ready. Optionally a
// readiness-only wait sees it first (and takes nothing).
template <class Rx, class MakeReady>
void check_receive_arm(Rx& rx, MakeReady make_ready, bool wait_for_readiness_first) {
    auto off = chan::never<int>();
    auto [idle_tx, idle_rx] = chan::bounded<std::string>(1);
    background later([&] {
        std::this_thread::sleep_for(settle);
        make_ready();
    });
    if (wait_for_readiness_first) {
        chan::selector sel;
        sel.recv(off);
        sel.recv(idle_rx);
        const std::size_t mine = sel.recv(rx);
        CHECK(sel.ready_for(slack) == mine);
    }
    status seen = status::empty;
    const std::size_t i = chan::select(chan::on_recv(off, [](auto) {}), chan::on_recv(idle_rx, [](auto) {}),
                                       chan::on_recv(rx, [&](const auto& r) { seen = r.status(); }),
                                       chan::on_timeout(slack, [] {}));
    CHECK(i == 2);
    CHECK(seen == status::ok);
}

// The same for a send arm through `tx`.
template <class Tx, class MakeReady>
void check_send_arm(Tx& tx, MakeReady make_ready) {
    auto off = chan::never<int>();
    background later([&] {
        std::this_thread::sleep_for(settle);
        make_ready();
    });
    status seen = status::empty;
    const std::size_t i = chan::select(chan::on_recv(off, [](auto) {}),
                                       chan::on_send(tx, 1, [&](const auto& r) { seen = r.status(); }),
                                       chan::on_timeout(slack, [] {}));
    CHECK(i == 1);
    CHECK(seen == status::ok);
}

}  // namespace

TEST_CASE("a receive arm of every flavor wakes a waiting select when it becomes ready", "[select][flavors]") {
    const bool ready_first = GENERATE(false, true);  // with a readiness-only wait first
    CAPTURE(ready_first);
    SECTION("bounded") {
        auto [tx, rx] = chan::bounded<int>(1);
        check_receive_arm(rx, [&, tx = tx]() mutable { tx.send(1); }, ready_first);
    }
    SECTION("rendezvous") {
        auto [tx, rx] = chan::bounded<int>(0);
        check_receive_arm(rx, [&, tx = tx]() mutable { tx.send(1); }, ready_first);
    }
    SECTION("unbounded") {
        auto [tx, rx] = chan::unbounded<int>();
        check_receive_arm(rx, [&, tx = tx]() mutable { tx.send(1); }, ready_first);
    }
    SECTION("oneshot") {
        auto [tx, rx] = chan::oneshot<int>();
        check_receive_arm(rx, [&tx = tx] { (void)std::move(tx).send(1); }, ready_first);
    }
    SECTION("lossless broadcast") {
        auto [tx, rx] = chan::broadcast<int>(1);
        check_receive_arm(rx, [&, tx = tx]() mutable { tx.send(1); }, ready_first);
    }
    SECTION("lagging broadcast") {
        auto [tx, rx] = chan::lagging_broadcast<int>(1);
        check_receive_arm(rx, [&, tx = tx]() mutable { tx.send(1); }, ready_first);
    }
    SECTION("after") {
        auto timer = chan::after(settle * 2);
        check_receive_arm(timer, [] {}, ready_first);
    }
    SECTION("tick") {
        auto ticker = chan::tick(settle * 2);
        check_receive_arm(ticker, [] {}, ready_first);
    }
}

TEST_CASE("a send arm of every flavor wakes a waiting select when it becomes ready", "[select][flavors]") {
    SECTION("bounded, full until a receive") {
        auto [tx, rx] = chan::bounded<int>(1);
        REQUIRE(tx.try_send(0));
        check_send_arm(tx, [&, rx = rx]() mutable { (void)rx.recv(); });
        CHECK(rx.size() == 1);
    }
    SECTION("rendezvous, until a receiver comes") {
        auto [tx, rx] = chan::bounded<int>(0);
        int got = 0;
        check_send_arm(tx, [&, rx = rx]() mutable { got = *rx.recv(); });
        CHECK(got == 1);
    }
    SECTION("unbounded, always") {
        auto [tx, rx] = chan::unbounded<int>();
        check_send_arm(tx, [] {});
    }
    SECTION("lossless broadcast, until the slowest receiver reads") {
        auto [tx, rx] = chan::broadcast<int>(1);
        REQUIRE(tx.try_send(0));
        check_send_arm(tx, [&rx = rx] { (void)rx.recv(); });  // (a copy of rx would be a second receiver)
    }
    SECTION("lagging broadcast, always") {
        auto [tx, rx] = chan::lagging_broadcast<int>(1);
        REQUIRE(tx.try_send(0));
        check_send_arm(tx, [] {});
    }
}

TEST_CASE("one select over every flavor at once, with different message types", "[select][flavors]") {
    constexpr long n = 300;
    auto [ints_tx, ints_rx] = chan::bounded<int>(2);
    auto [words_tx, words_rx] = chan::unbounded<std::string>();
    auto [out_tx, out_rx] = chan::bounded<double>(0);
    auto [news_tx, news_rx] = chan::broadcast<std::string>(4);
    auto [feed_tx, feed_rx] = chan::lagging_broadcast<long>(4);
    auto ticker = chan::tick(2ms);
    auto off = chan::never<char>();

    std::atomic<long> out_sum{0};
    background ints([&ints_tx = ints_tx] {
        for (long i = 0; i < n; ++i) ints_tx.send(static_cast<int>(i));
    });
    background words([&words_tx = words_tx] {
        for (long i = 0; i < n; ++i) words_tx.send(std::to_string(i));
    });
    background out([&out_sum, &out_rx = out_rx] {
        for (long i = 0; i < n; ++i) out_sum += static_cast<long>(*out_rx.recv());
    });
    background news([&news_tx = news_tx] {
        for (long i = 0; i < n; ++i) news_tx.send(std::to_string(i));
    });
    background feed([&feed_tx = feed_tx] {
        for (long i = 0; i < n; ++i) feed_tx.send(i);
    });

    long got_ints = 0, got_words = 0, sent_out = 0, got_news = 0, feed_next = 0, feed_missed = 0, ticks = 0;
    bool in_order = true;
    while (got_ints < n || got_words < n || sent_out < n || got_news < n || feed_next < n || ticks < 3) {
        chan::select(
            chan::on_recv(ints_rx, [&](chan::recv_result<int> r) { in_order &= r && *r == got_ints++; }),
            chan::on_recv(words_rx,
                          [&](chan::recv_result<std::string> r) { in_order &= r && *r == std::to_string(got_words++); }),
            chan::on_send(out_tx, static_cast<double>(sent_out), [&](chan::send_result<double> r) { sent_out += r.ok(); }),
            chan::on_recv(news_rx,
                          [&](chan::recv_result<std::string> r) { in_order &= r && *r == std::to_string(got_news++); }),
            chan::on_recv(feed_rx,
                          [&](chan::recv_result<long> r) {
                              if (r.status() == status::lagged) {
                                  feed_missed += static_cast<long>(r.missed());
                                  feed_next += static_cast<long>(r.missed());
                              } else {
                                  in_order &= r && *r == feed_next++;
                              }
                          }),
            chan::on_recv(ticker, [&](auto r) { ticks += r ? 1 : 0; }),
            chan::on_recv(off, [](auto) { FAIL("never() became ready"); }));
    }
    CHECK(in_order);
    CHECK(got_ints == n);
    CHECK(got_words == n);
    CHECK(got_news == n);
    CHECK(feed_next == n);  // every message of the lagging feed was seen or reported missed
    CHECK(out.finishes_within(slack));
    CHECK(out_sum == n * (n - 1) / 2);
    CAPTURE(feed_missed, ticks);
}

TEST_CASE("a dynamic selector over every flavor, operations removed as they finish", "[select][flavors][selector]") {
    auto [reply_tx, reply_rx] = chan::oneshot<std::string>();
    auto [jobs_tx, jobs_rx] = chan::bounded<int>(0);
    auto [news_tx, news_rx] = chan::broadcast<int>(2);
    auto timeout = chan::after(settle);
    auto off = chan::never<int>();

    background worker([&news_tx = news_tx, &reply_tx = reply_tx] {
        for (int i = 0; i < 3; ++i) news_tx.send(i);
        (void)std::move(reply_tx).send("done");
    });
    background consumer([jobs_rx = jobs_rx]() mutable {
        for (int i = 0; i < 2; ++i) (void)jobs_rx.recv();
    });

    chan::selector sel;
    const std::size_t reply = sel.recv(reply_rx);
    const std::size_t jobs = sel.send(jobs_tx);
    const std::size_t news = sel.recv(news_rx);
    const std::size_t timer = sel.recv(timeout);
    sel.recv(off);

    int replies = 0, jobs_sent = 0, news_got = 0, timeouts = 0;
    while (replies + timeouts < 2 || jobs_sent < 2 || news_got < 3) {
        auto op = sel.select_for(slack);
        REQUIRE(op);
        const std::size_t i = op->index();
        if (i == reply) {
            CHECK(*op->recv(reply_rx) == "done");
            ++replies;
            sel.remove(reply);
        } else if (i == jobs) {
            CHECK(op->send(jobs_tx, jobs_sent).ok());
            if (++jobs_sent == 2) sel.remove(jobs);
        } else if (i == news) {
            CHECK(*op->recv(news_rx) == news_got++);
            if (news_got == 3) sel.remove(news);
        } else {
            REQUIRE(i == timer);
            CHECK(op->recv(timeout));
            ++timeouts;
            sel.remove(timer);
        }
    }
    CHECK(replies == 1);
    CHECK(timeouts == 1);
    CHECK(sel.size() == 1);  // only never() is left
    CHECK_FALSE(sel.try_select());
}
