// Oneshot and broadcast channels are traced like the other flavors: a send and its
// receptions report the same (channel, message); a broadcast message read by N receivers
// has N receptions; a lagging receiver's lag and a sender waiting for the slowest
// receiver are recorded with their numbers and reasons.
#include <chan/trace.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "support.hpp"

using namespace select_test;
using chan::trace::event;
using chan::trace::kind;

namespace {

struct recording_scope {
    recording_scope() { chan::trace::start(); }
    ~recording_scope() { chan::trace::stop(); }
    recording_scope(const recording_scope&) = delete;
    recording_scope& operator=(const recording_scope&) = delete;
};

// The events of the one channel named `name` (after its channel_created event).
std::vector<event> events_of(const chan::trace::recording& r, const std::string& name) {
    std::uint32_t channel = 0;
    for (const event& e : r.events)
        if (e.what == kind::channel_created && e.text == name) channel = e.channel;
    REQUIRE(channel != 0);
    std::vector<event> out;
    for (const event& e : r.events)
        if (e.channel == channel) out.push_back(e);
    return out;
}

std::size_t count(const std::vector<event>& es, kind k) {
    return static_cast<std::size_t>(std::count_if(es.begin(), es.end(), [&](const event& e) { return e.what == k; }));
}

const event& first(const std::vector<event>& es, kind k) {
    auto it = std::find_if(es.begin(), es.end(), [&](const event& e) { return e.what == k; });
    REQUIRE(it != es.end());
    return *it;
}

}  // namespace

TEST_CASE("a oneshot is traced: created, sent and received as message 0, sender gone", "[trace][oneshot]") {
    std::vector<event> es;
    {
        recording_scope on;
        auto [tx, rx] = chan::oneshot<int>("reply");
        REQUIRE(std::move(tx).send(42));
        REQUIRE(rx.recv());
        es = events_of(chan::trace::snapshot(), "reply");
    }
    CHECK(first(es, kind::channel_created).detail == static_cast<std::uint8_t>(chan::trace::flavor::oneshot));
    const event& sent = first(es, kind::send_done);
    const event& received = first(es, kind::recv_done);
    CHECK(sent.message == 0);
    CHECK(sent.text == "42");
    CHECK(received.message == 0);
    CHECK(sent.seq < received.seq);
    CHECK(first(es, kind::disconnected).detail == static_cast<std::uint8_t>(chan::trace::disconnect_cause::senders_gone));
    CHECK(count(es, kind::disconnected) == 1);
}

TEST_CASE("a broadcast message read by N receivers is received N times under one id", "[trace][broadcast]") {
    std::vector<event> es;
    {
        recording_scope on;
        auto [tx, a] = chan::broadcast<std::string>(4, "news");
        auto b = a;
        auto c = tx.subscribe();
        REQUIRE(tx.send("first"));
        REQUIRE(tx.send("second"));
        for (auto* rx : {&a, &b, &c}) {
            REQUIRE(rx->recv());
            REQUIRE(rx->recv());
        }
        es = events_of(chan::trace::snapshot(), "news");
    }
    CHECK(first(es, kind::channel_created).detail == static_cast<std::uint8_t>(chan::trace::flavor::broadcast));
    CHECK(first(es, kind::channel_created).a == 4);
    for (std::uint64_t m : {0u, 1u}) {
        CAPTURE(m);
        std::vector<event> sends, receptions;
        for (const event& e : es) {
            if (e.message != m) continue;
            if (e.what == kind::send_done) sends.push_back(e);
            if (e.what == kind::recv_done) receptions.push_back(e);
        }
        REQUIRE(sends.size() == 1);
        CHECK(sends[0].text == (m == 0 ? "\"first\"" : "\"second\""));
        CHECK(receptions.size() == 3);
        for (const event& r : receptions) CHECK(r.seq > sends[0].seq);
    }
}

TEST_CASE("a lagging receiver's lag is recorded with the number of messages it missed", "[trace][broadcast]") {
    std::vector<event> es;
    {
        recording_scope on;
        auto [tx, rx] = chan::lagging_broadcast<int>(2, "ticker");
        for (int i = 0; i < 5; ++i) REQUIRE(tx.send(i));
        REQUIRE(rx.recv().status() == chan::status::lagged);
        es = events_of(chan::trace::snapshot(), "ticker");
    }
    CHECK(first(es, kind::channel_created).detail ==
          static_cast<std::uint8_t>(chan::trace::flavor::broadcast_lagging));
    const event& lag = first(es, kind::lagged);
    CHECK(lag.a == 3);
    const event& failed = first(es, kind::recv_failed);
    CHECK(failed.detail == static_cast<std::uint8_t>(chan::status::lagged));
    CHECK(lag.seq < failed.seq);
}

TEST_CASE("a lossless sender waiting for the slowest receiver says so", "[trace][broadcast]") {
    std::vector<event> es;
    {
        recording_scope on;
        auto [tx, rx] = chan::broadcast<int>(1, "slow");
        REQUIRE(tx.send(0));
        // Long enough that the sender gets past its brief spinning and really waits.
        CHECK(tx.send_for(1, 300ms).status() == chan::status::timeout);
        es = events_of(chan::trace::snapshot(), "slow");
    }
    CHECK(first(es, kind::send_blocked).detail == static_cast<std::uint8_t>(chan::trace::wait_reason::slowest_receiver));
    CHECK(first(es, kind::send_failed).detail == static_cast<std::uint8_t>(chan::status::timeout));
}

TEST_CASE("a select over oneshot and broadcast arms names them and the arm that ran", "[trace][select]") {
    chan::trace::recording rec;
    {
        recording_scope on;
        auto [otx, orx] = chan::oneshot<int>("one");
        auto [btx, brx] = chan::broadcast<int>(2, "many");
        REQUIRE(btx.send(7));
        CHECK(chan::select(chan::on_recv(orx, [](auto) {}), chan::on_recv(brx, [](auto r) { CHECK(*r == 7); })) == 1);
        rec = chan::trace::snapshot();
    }
    const auto one = events_of(rec, "one");
    const auto many = events_of(rec, "many");
    CHECK(count(one, kind::select_arm) == 1);
    CHECK(count(many, kind::select_arm) == 1);
    CHECK(count(many, kind::recv_done) == 1);
    const auto done = std::find_if(rec.events.begin(), rec.events.end(), [](const event& e) { return e.what == kind::select_done; });
    REQUIRE(done != rec.events.end());
    CHECK(done->arm == 1);
}

TEST_CASE("close_all_channels wakes threads stuck on oneshot and broadcast channels", "[trace][oneshot][broadcast]") {
    recording_scope on;
    auto [reply_tx, reply_rx] = chan::oneshot<int>("reply");
    auto [news_tx, news_rx] = chan::broadcast<int>(1, "news");
    auto [feed_tx, feed_rx] = chan::lagging_broadcast<int>(1, "feed");
    REQUIRE(news_tx.send(0));  // news is full: its next send waits for news_rx
    std::atomic<int> woken{0};
    background waiting_for_reply([&woken, &reply_rx = reply_rx] {
        woken += reply_rx.recv().status() == chan::status::disconnected;
    });
    background waiting_for_room([&woken, &news_tx = news_tx] {
        woken += news_tx.send(1).status() == chan::status::disconnected;
    });
    background waiting_for_feed([&woken, &feed_rx = feed_rx] {
        woken += feed_rx.recv().status() == chan::status::disconnected;
    });
    std::this_thread::sleep_for(settle);
    CHECK(chan::trace::close_all_channels() == 3);
    CHECK(waiting_for_reply.finishes_within(slack));
    CHECK(waiting_for_room.finishes_within(slack));
    CHECK(waiting_for_feed.finishes_within(slack));
    CHECK(woken == 3);
    CHECK(reply_tx.is_closed());
    CHECK(std::move(reply_tx).send(1).status() == chan::status::disconnected);
    CHECK(*news_rx.recv() == 0);  // what was buffered is still delivered
    CHECK(news_rx.recv().status() == chan::status::disconnected);
}
