// Oneshot channels in every ending: the value arrives; the sender is destroyed without
// sending; the receiver is gone before the send. Plus try/for/until, select, and that
// the one message is destroyed exactly once whatever happens.
#include <memory>
#include <string>
#include <type_traits>

#include "support.hpp"

using namespace select_test;
using chan::status;

namespace {
constexpr auto wait = 100ms;
}

static_assert(!std::is_copy_constructible_v<chan::oneshot_sender<int>>);
static_assert(!std::is_copy_constructible_v<chan::oneshot_receiver<int>>);
static_assert(std::is_nothrow_move_constructible_v<chan::oneshot_sender<int>>);
static_assert(std::is_nothrow_move_constructible_v<chan::oneshot_receiver<int>>);

TEST_CASE("oneshot: the value arrives, once", "[oneshot]") {
    auto [tx, rx] = chan::oneshot<std::string>("answer");
    CHECK_FALSE(tx.is_closed());
    SECTION("sent before the receive") {
        CHECK(std::move(tx).send("42").ok());
        CHECK_FALSE(tx);  // the send consumed the sender
        CHECK(*rx.recv() == "42");
    }
    SECTION("sent while the receiver waits") {
        background sender([tx = std::move(tx)]() mutable {
            std::this_thread::sleep_for(settle);
            (void)std::move(tx).send("later");
        });
        const auto r = rx.recv();
        REQUIRE(r);
        CHECK(*r == "later");
    }
    SECTION("try_recv, recv_for, recv_until") {
        CHECK(rx.try_recv().status() == status::empty);
        const auto start = clock::now();
        CHECK(rx.recv_for(wait).status() == status::timeout);
        CHECK(clock::now() - start >= wait);
        CHECK(rx.recv_until(std::chrono::system_clock::now() + 10ms).status() == status::timeout);
        CHECK(std::move(tx).send("now").ok());
        CHECK(*rx.recv_until(clock::now() + wait) == "now");
    }
    // There was one value: every later receive says so.
    CHECK(rx.try_recv().status() == status::disconnected);
    CHECK(rx.recv().status() == status::disconnected);
}

TEST_CASE("oneshot: a sender destroyed without sending disconnects the receiver", "[oneshot]") {
    auto [tx, rx] = chan::oneshot<int>();
    SECTION("before the receive") {
        tx = {};
        CHECK(rx.try_recv().status() == status::disconnected);
        CHECK(rx.recv().status() == status::disconnected);
    }
    SECTION("while the receiver waits") {
        background dropper([tx = std::move(tx)]() mutable {
            std::this_thread::sleep_for(settle);
            tx = {};
        });
        const auto start = clock::now();
        CHECK(rx.recv_for(slack).status() == status::disconnected);
        CHECK(clock::now() - start < slack);
    }
}

TEST_CASE("oneshot: a send after the receiver is gone fails and hands the value back", "[oneshot]") {
    auto [tx, rx] = chan::oneshot<std::unique_ptr<int>>();
    rx = {};
    CHECK(tx.is_closed());
    auto r = std::move(tx).send(std::make_unique<int>(7));
    CHECK(r.status() == status::disconnected);
    REQUIRE(r.has_value());
    CHECK(**r == 7);
}

TEST_CASE("oneshot: the message is destroyed exactly once in every ending", "[oneshot]") {
    counted::reset();
    const int before = counted::alive();
    SECTION("received") {
        auto [tx, rx] = chan::oneshot<counted>();
        REQUIRE(std::move(tx).send(counted(1)));
        CHECK(rx.recv()->id() == 1);
    }
    SECTION("sent, never received") {
        auto [tx, rx] = chan::oneshot<counted>();
        REQUIRE(std::move(tx).send(counted(1)));
    }
    SECTION("sent, then the receiver is destroyed first") {
        auto [tx, rx] = chan::oneshot<counted>();
        REQUIRE(std::move(tx).send(counted(1)));
        rx = {};
        CHECK(counted::owners_destroyed(1) == 1);
    }
    SECTION("the receiver was gone: handed back") {
        auto [tx, rx] = chan::oneshot<counted>();
        rx = {};
        auto r = std::move(tx).send(counted(1));
        CHECK_FALSE(r);
        CHECK(counted::owners_destroyed(1) == 0);  // still held by the result
    }
    CHECK(counted::owners_destroyed(1) == 1);
    CHECK(counted::alive() == before);
}

TEST_CASE("oneshot: a message whose move may throw travels boxed", "[oneshot]") {
    struct throwing_move {
        std::string s;
        throwing_move(std::string v) : s(std::move(v)) {}
        throwing_move(throwing_move&& o) noexcept(false) : s(std::move(o.s)) {}
    };
    auto [tx, rx] = chan::oneshot<throwing_move>();
    REQUIRE(std::move(tx).send(throwing_move("boxed")));
    CHECK(rx.recv()->s == "boxed");
}

TEST_CASE("oneshot: a receiver is a select arm", "[oneshot][select]") {
    auto [tx, rx] = chan::oneshot<int>();
    auto [other_tx, other_rx] = chan::bounded<int>(1);
    SECTION("not ready until sent") {
        CHECK(chan::select(chan::on_recv(rx, [](auto) {}), chan::on_default([] {})) == 1);
        background sender([tx = std::move(tx)]() mutable {
            std::this_thread::sleep_for(settle);
            (void)std::move(tx).send(5);
        });
        int got = 0;
        CHECK(chan::select(chan::on_recv(other_rx, [](auto) {}),
                           chan::on_recv(rx, [&](chan::recv_result<int> r) { got = *r; })) == 1);
        CHECK(got == 5);
    }
    SECTION("ready and disconnected once the sender is gone") {
        tx = {};
        status seen = status::ok;
        CHECK(chan::select(chan::on_recv(other_rx, [](auto) {}), chan::on_recv(rx, [&](auto r) { seen = r.status(); }),
                           chan::on_timeout(slack, [] {})) == 1);
        CHECK(seen == status::disconnected);
    }
    SECTION("dynamic selector and readiness") {
        chan::selector sel;
        sel.recv(other_rx);
        const std::size_t mine = sel.recv(rx);
        CHECK_FALSE(sel.try_ready());
        REQUIRE(std::move(tx).send(8));
        CHECK(sel.ready() == mine);
        auto op = sel.select();
        REQUIRE(op.index() == mine);
        CHECK(*op.recv(rx) == 8);
        CHECK(rx.try_recv().status() == status::disconnected);
    }
}
