// Real broadcast runs read back by the model: every receiver's place, what the channel
// keeps, and a lagging receiver skipping ahead.
#include <catch2/catch.hpp>

#include <chan/broadcast.hpp>
#include <chan/trace.hpp>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "model/model.hpp"

namespace trace = chan::trace;

namespace {

std::size_t nth(const viz::timeline& tl, trace::kind what, std::size_t n) {
    for (std::size_t i = 0; i < tl.size(); ++i)
        if (tl.event(i).what == what && n-- == 0) return i;
    FAIL("fewer " << trace::to_string(what) << " events than expected");
    return 0;
}

const viz::receiver_position* place_of(const viz::scene& s, std::string_view thread) {
    for (const viz::receiver_position& p : s.channels.at(0).positions)
        if (s.thread(p.thread)->name == thread) return &p;
    return nullptr;
}

}  // namespace

TEST_CASE("recorded lagging broadcast: the slow receiver skips to the oldest kept message", "[visualizer]") {
    auto [tx, fast_rx] = chan::lagging_broadcast<int>(2, "feed");
    auto slow_rx = fast_rx;  // a second receiver, at the same place
    trace::start();
    trace::name_thread("main");
    std::vector<int> fast_got, slow_got;
    for (int v = 0; v < 5; ++v) {  // main keeps up: it reads each message as it is sent
        REQUIRE(tx.send(v));       // a lagging sender never waits
        fast_got.push_back(*fast_rx.recv());
    }
    std::thread slow([&, rx = std::move(slow_rx)]() mutable {
        trace::name_thread("slow");
        chan::recv_result<int> r = rx.recv();
        REQUIRE(r.status() == chan::status::lagged);
        CHECK(r.missed() == 3);
        slow_got.push_back(*rx.recv());
    });
    slow.join();
    trace::stop();
    CHECK(fast_got == std::vector<int>{0, 1, 2, 3, 4});
    CHECK(slow_got == std::vector<int>{3});

    viz::timeline tl(trace::snapshot());
    viz::cursor cur(tl);
    const std::size_t sent_all = nth(tl, trace::kind::send_done, 4);
    const viz::scene& a = cur.seek(static_cast<std::ptrdiff_t>(sent_all));
    std::vector<std::string> kept;
    for (const viz::message_view& m : a.channels.at(0).buffered) kept.emplace_back(m.text);
    CHECK(kept == std::vector<std::string>{"3", "4"});
    CHECK(a.channels.at(0).occupancy == 2);

    const std::size_t lag = nth(tl, trace::kind::lagged, 0);
    CHECK(viz::narrate(cur, lag) == "slow fell behind on feed and skipped 3 messages");
    const viz::receiver_position* slow_place = place_of(cur.current(), "slow");
    REQUIRE(slow_place);
    CHECK(slow_place->next == 3);

    const viz::scene& end = cur.seek(static_cast<std::ptrdiff_t>(tl.size()) - 1);
    CHECK(place_of(end, "main")->next == 5);
    CHECK(place_of(end, "slow")->next == 4);
    CHECK(end.channels.at(0).received == 6);
}

TEST_CASE("recorded lossless broadcast: the sender waits for the slowest receiver", "[visualizer]") {
    auto [tx, rx_a] = chan::broadcast<int>(1, "news");
    auto rx_b = rx_a;
    trace::start();
    std::thread sender([tx = std::move(tx)]() mutable {
        trace::name_thread("sender");
        tx.send(1);
        tx.send(2);  // waits: both receivers still have to read 1
    });
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    auto blocked = [] {
        for (const trace::event& e : trace::snapshot().events)
            if (e.what == trace::kind::send_blocked) return true;
        return false;
    };
    while (!blocked() && std::chrono::steady_clock::now() < give_up) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    std::vector<int> got_a, got_b;
    std::thread a([&, rx = std::move(rx_a)]() mutable {
        trace::name_thread("a");
        for (int k = 0; k < 2; ++k) got_a.push_back(*rx.recv());
    });
    std::thread b([&, rx = std::move(rx_b)]() mutable {
        trace::name_thread("b");
        for (int k = 0; k < 2; ++k) got_b.push_back(*rx.recv());
    });
    sender.join();
    a.join();
    b.join();
    trace::stop();
    CHECK(got_a == std::vector<int>{1, 2});
    CHECK(got_b == std::vector<int>{1, 2});

    viz::timeline tl(trace::snapshot());
    viz::cursor cur(tl);
    const std::size_t waiting = nth(tl, trace::kind::send_blocked, 0);
    const viz::scene& s = cur.seek(static_cast<std::ptrdiff_t>(waiting));
    CHECK(s.channels.at(0).occupancy == 1);
    CHECK(s.thread(tl.event(waiting).thread)->reason == trace::wait_reason::slowest_receiver);
    CHECK(viz::narrate(cur, waiting) == "sender waits: news is full (1/1) until its slowest receiver catches up");
    const viz::scene& end = cur.seek(static_cast<std::ptrdiff_t>(tl.size()) - 1);
    CHECK(end.channels.at(0).received == 4);
    CHECK(end.channels.at(0).occupancy == 0);
}
