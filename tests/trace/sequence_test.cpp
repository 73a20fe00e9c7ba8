// Scripted small runs record exactly the expected events, in the expected order.
//
// Each run is made deterministic by waiting, through the recording itself, until a
// thread has reached a point (it is blocked) before the next move.
#include <chan/trace/format.hpp>

#include <memory>
#include <string>
#include <thread>

#include "support.hpp"

using namespace trace_test;
using namespace std::chrono_literals;
using strings = std::vector<std::string>;

TEST_CASE("a rendezvous hand-off: the receiver waits, the sender hands over, both report message 0", "[sequence]") {
    recording_scope on;
    follower f;
    chan::trace::name_thread("main");
    auto [tx, rx] = chan::bounded<int>(0, "handoff");
    int got = 0;
    std::thread receiver([&rx = rx, &got] {
        chan::trace::name_thread("receiver");
        got = *rx.recv();
    });
    f.wait_for(kind::recv_blocked, 2);
    REQUIRE(tx.send(42));
    receiver.join();
    chan::trace::stop();
    CHECK(got == 42);

    CHECK(describe(f.all().events) == strings{
                                          "t1 thread_named 'main'",
                                          "t1 channel_created ch1 rendezvous 'handoff'",
                                          "t2 thread_named 'receiver'",
                                          "t2 recv_begin ch1",
                                          "t2 recv_blocked ch1 no_sender",
                                          "t1 send_begin ch1 '42'",
                                          "t1 send_done ch1 m0 '42'",
                                          "t2 recv_done ch1 m0",
                                          "t2 thread_exited",
                                      });
}

TEST_CASE("a bounded send blocks while the channel is full and completes after a receive", "[sequence]") {
    recording_scope on;
    follower f;
    chan::trace::name_thread("main");
    auto [tx, rx] = chan::bounded<int>(1, "jobs");
    REQUIRE(tx.send(1));
    bool sent = false;
    std::thread sender([&tx = tx, &sent] {
        chan::trace::name_thread("sender");
        sent = tx.send(2).ok();
    });
    f.wait_for(kind::send_blocked, 2);
    CHECK(*rx.recv() == 1);
    f.wait_for(kind::send_done, 2);
    sender.join();
    CHECK(sent);
    CHECK(*rx.recv() == 2);
    chan::trace::stop();

    CHECK(describe(f.all().events) == strings{
                                          "t1 thread_named 'main'",
                                          "t1 channel_created ch1 a=1 bounded 'jobs'",
                                          "t1 send_begin ch1 '1'",
                                          "t1 send_done ch1 m0 '1'",
                                          "t2 thread_named 'sender'",
                                          "t2 send_begin ch1 '2'",
                                          "t2 send_blocked ch1 full",
                                          "t1 recv_begin ch1",
                                          "t1 recv_done ch1 m0",  // before the slot is free again
                                          "t2 send_done ch1 m1 '2'",
                                          "t2 thread_exited",
                                          "t1 recv_begin ch1",
                                          "t1 recv_done ch1 m1",
                                      });
}

TEST_CASE("a select with a timeout: its arms, the wait, and the timeout as the outcome", "[sequence]") {
    recording_scope on;
    follower f;
    chan::trace::name_thread("main");
    auto [tx, rx] = chan::bounded<int>(2, "input");
    bool timed_out = false;
    const std::size_t ran = chan::select(chan::on_recv(rx, [](chan::recv_result<int>) { FAIL("nothing was sent"); }),
                                         chan::on_timeout(20ms, [&] { timed_out = true; }));
    chan::trace::stop();
    CHECK(ran == 1);
    CHECK(timed_out);

    CHECK(describe(f.all().events) == strings{
                                          "t1 thread_named 'main'",
                                          "t1 channel_created ch1 a=2 bounded 'input'",
                                          "t1 select_begin a=1 b=1",  // one channel arm; b: may time out
                                          "t1 select_arm ch1 recv arm0",
                                          "t1 select_blocked select",
                                          "t1 select_done timeout",
                                      });
}

TEST_CASE("a select that completes names the arm that ran and its message", "[sequence]") {
    recording_scope on;
    follower f;
    chan::trace::name_thread("main");
    auto [tx1, rx1] = chan::bounded<int>(1, "quiet");
    auto [tx2, rx2] = chan::bounded<int>(1, "busy");
    REQUIRE(tx2.send(5));
    const std::size_t ran = chan::select(chan::on_recv(rx1, [](chan::recv_result<int>) {}),
                                         chan::on_recv(rx2, [](chan::recv_result<int> r) { CHECK(*r == 5); }));
    chan::trace::stop();
    CHECK(ran == 1);

    CHECK(describe(f.all().events) == strings{
                                          "t1 thread_named 'main'",
                                          "t1 channel_created ch1 a=1 bounded 'quiet'",
                                          "t1 channel_created ch2 a=1 bounded 'busy'",
                                          "t1 send_begin ch2 '5'",
                                          "t1 send_done ch2 m0 '5'",
                                          "t1 select_begin a=2",
                                          "t1 select_arm ch1 recv arm0",
                                          "t1 select_arm ch2 recv arm1",
                                          "t1 recv_done ch2 m0",
                                          "t1 select_done ok arm1",
                                      });
}

TEST_CASE("a traced selector records its arms, the send or receive it completed, and the arm that ran",
          "[sequence]") {
    recording_scope on;
    follower f;
    chan::trace::name_thread("main");
    auto [full_tx, full_rx] = chan::bounded<int>(1, "full");
    auto [out_tx, out_rx] = chan::bounded<int>(1, "out");
    REQUIRE(full_tx.send(1));
    chan::selector sends;
    sends.send(full_tx);
    const std::size_t out = sends.send(out_tx);
    auto sending = sends.select();
    REQUIRE(sending.index() == out);
    CHECK(sending.send(out_tx, 7).ok());
    chan::selector receives;
    receives.recv(out_rx);
    auto receiving = receives.select();
    CHECK(*receiving.recv(out_rx) == 7);
    chan::trace::stop();

    CHECK(describe(f.all().events) == strings{
                                          "t1 thread_named 'main'",
                                          "t1 channel_created ch1 a=1 bounded 'full'",
                                          "t1 channel_created ch2 a=1 bounded 'out'",
                                          "t1 send_begin ch1 '1'",
                                          "t1 send_done ch1 m0 '1'",
                                          "t1 select_begin a=2",
                                          "t1 select_arm ch1 send arm0",
                                          "t1 select_arm ch2 send arm1",
                                          "t1 send_done ch2 m0 '7'",  // the message is known only now
                                          "t1 select_done ok arm1",
                                          "t1 select_begin a=1",
                                          "t1 select_arm ch2 recv arm0",
                                          "t1 recv_done ch2 m0",
                                          "t1 select_done ok arm0",
                                      });
}

TEST_CASE("closing a channel wakes every thread waiting on it, each with its failure", "[sequence]") {
    recording_scope on;
    follower f;
    chan::trace::name_thread("main");
    auto [tx, rx] = chan::bounded<int>(0, "meeting");
    chan::status woke_with[2] = {chan::status::ok, chan::status::ok};
    auto receive = [&rx = rx, &woke_with](int i, const char* name) {
        chan::trace::name_thread(name);
        woke_with[i] = rx.recv().status();
    };
    std::thread r1(receive, 0, "r1");
    f.wait_for(kind::recv_blocked, 2);
    std::thread r2(receive, 1, "r2");
    f.wait_for(kind::recv_blocked, 3);
    CHECK(tx.close());
    r1.join();
    r2.join();
    chan::trace::stop();
    CHECK(woke_with[0] == chan::status::disconnected);
    CHECK(woke_with[1] == chan::status::disconnected);

    const strings got = describe(f.all().events);
    REQUIRE(got.size() == 14);
    CHECK(strings(got.begin(), got.begin() + 10) == strings{
                                                       "t1 thread_named 'main'",
                                                       "t1 channel_created ch1 rendezvous 'meeting'",
                                                       "t2 thread_named 'r1'",
                                                       "t2 recv_begin ch1",
                                                       "t2 recv_blocked ch1 no_sender",
                                                       "t3 thread_named 'r2'",
                                                       "t3 recv_begin ch1",
                                                       "t3 recv_blocked ch1 no_sender",
                                                       "t1 closed ch1",
                                                       "t1 disconnected ch1 closed",
                                                   });
    // The woken threads run in any order.
    CHECK(sorted(strings(got.begin() + 10, got.end())) == strings{
                                                              "t2 recv_failed ch1 disconnected",
                                                              "t2 thread_exited",
                                                              "t3 recv_failed ch1 disconnected",
                                                              "t3 thread_exited",
                                                          });
}

TEST_CASE("closing a full channel fails the blocked sender, which keeps its message", "[sequence]") {
    recording_scope on;
    follower f;
    chan::trace::name_thread("main");
    auto [tx, rx] = chan::bounded<int>(1, "full");
    REQUIRE(tx.send(1));
    chan::status st = chan::status::ok;
    int handed_back = 0;
    std::thread sender([&tx = tx, &st, &handed_back] {
        chan::trace::name_thread("sender");
        auto r = tx.send(2);
        st = r.status();
        if (!r) handed_back = std::move(r).value();
    });
    f.wait_for(kind::send_blocked, 2);
    CHECK(rx.close());
    sender.join();
    chan::trace::stop();
    CHECK(st == chan::status::disconnected);
    CHECK(handed_back == 2);

    CHECK(describe(f.all().events) == strings{
                                          "t1 thread_named 'main'",
                                          "t1 channel_created ch1 a=1 bounded 'full'",
                                          "t1 send_begin ch1 '1'",
                                          "t1 send_done ch1 m0 '1'",
                                          "t2 thread_named 'sender'",
                                          "t2 send_begin ch1 '2'",
                                          "t2 send_blocked ch1 full",
                                          "t1 closed ch1",
                                          "t1 disconnected ch1 closed",
                                          "t2 send_failed ch1 disconnected",
                                          "t2 thread_exited",
                                      });
}

TEST_CASE("a timer delivery: the receiver waits for the clock, then the timer fires", "[sequence]") {
    recording_scope on;
    follower f;
    chan::trace::name_thread("main");
    auto alarm = chan::after(10ms, "alarm");
    CHECK(alarm.recv());
    chan::trace::stop();

    const recording& r = f.all();
    CHECK(describe(r.events) == strings{
                                    "t1 thread_named 'main'",
                                    "t1 channel_created ch1 a=1 timer_at 'alarm'",
                                    "t1 recv_begin ch1",
                                    "t1 recv_blocked ch1 timer",
                                    "t1 timer_fired ch1 m0",
                                    "t1 recv_done ch1 m0",
                                });
    REQUIRE(r.events.size() == 6);
    // The delivery was due 10 ms after the timer was made (its clock was read just
    // before the channel_created event), in recording time.
    CHECK(r.events[4].a >= r.events[1].time_ns + 9'000'000);
    CHECK(r.events[4].a <= r.events[4].time_ns);
}

TEST_CASE("copying and destroying handles records the counts after each change", "[sequence]") {
    recording_scope on;
    follower f;
    chan::trace::name_thread("main");
    auto [tx, rx] = chan::bounded<int>(1, "shared");
    {
        auto tx2 = tx;
        auto rx2 = rx;
    }
    chan::trace::stop();

    CHECK(describe(f.all().events) == strings{
                                          "t1 thread_named 'main'",
                                          "t1 channel_created ch1 a=1 bounded 'shared'",
                                          "t1 handles ch1 a=2 b=1 sender_added",
                                          "t1 handles ch1 a=2 b=2 receiver_added",
                                          "t1 handles ch1 a=2 b=1 receiver_dropped",
                                          "t1 handles ch1 a=1 b=1 sender_dropped",
                                      });
}

TEST_CASE("the last sender gone disconnects the channel, recorded once", "[sequence]") {
    recording_scope on;
    follower f;
    chan::trace::name_thread("main");
    auto [tx, rx] = chan::bounded<int>(1, "done");
    { auto gone = std::move(tx); }
    CHECK(rx.recv().status() == chan::status::disconnected);
    chan::trace::stop();

    CHECK(describe(f.all().events) == strings{
                                          "t1 thread_named 'main'",
                                          "t1 channel_created ch1 a=1 bounded 'done'",
                                          "t1 handles ch1 b=1 sender_dropped",
                                          "t1 disconnected ch1 senders_gone",
                                          "t1 recv_begin ch1",
                                          "t1 recv_failed ch1 disconnected",
                                      });
}

TEST_CASE("a channel made before the recording is introduced, with its counts, when first used", "[sequence]") {
    auto [tx, rx] = chan::bounded<int>(4, "early");
    auto tx2 = tx;
    REQUIRE(tx.send(5));
    recording_scope on;
    follower f;
    chan::trace::name_thread("main");
    CHECK(*rx.recv() == 5);
    chan::trace::stop();

    CHECK(describe(f.all().events) == strings{
                                          "t1 thread_named 'main'",
                                          "t1 channel_created ch1 a=4 bounded 'early'",
                                          "t1 handles ch1 a=2 b=1 existing",
                                          "t1 recv_begin ch1",
                                          "t1 recv_done ch1 m0",
                                      });
}

TEST_CASE("events carry the source file and line of the call", "[sequence]") {
    recording_scope on;
    follower f;
    auto [tx, rx] = chan::unbounded<int>("lines");
    const unsigned send_line = __LINE__ + 1;
    REQUIRE(tx.send(1));
    tx.close();
    const unsigned loop_line = __LINE__ + 1;
    for (int v : rx) CHECK(v == 1);
    chan::trace::stop();

    const recording& r = f.all();
    const auto at = [&](kind k, std::size_t nth) {
        std::size_t seen = 0;
        for (const event& e : r.events)
            if (e.what == k && seen++ == nth) return e;
        FAIL("no " << chan::trace::to_string(k) << " #" << nth);
        return event{};
    };
    for (const event& e : {at(kind::send_begin, 0), at(kind::send_done, 0)}) {
        CHECK(e.line == send_line);
        REQUIRE(e.file < r.files.size());
        CHECK(r.files[e.file].find("sequence_test.cpp") != std::string::npos);
    }
    // Range-for receives report the line of the loop, the last (failed) one too.
    CHECK(at(kind::recv_begin, 0).line == loop_line);
    CHECK(at(kind::recv_failed, 0).line == loop_line);
}

namespace {
struct order {
    int id;
};
struct opaque {
    char bytes[24];
};
}  // namespace

template <>
struct chan::trace::formatter<order> {
    static std::string format(const order& o) { return "order #" + std::to_string(o.id); }
};

TEST_CASE("messages are rendered by formatter<T>, shortened, or shown by size", "[sequence][format]") {
    recording_scope on;
    follower f;
    auto [orders, orders_rx] = chan::unbounded<order>("orders");
    auto [texts, texts_rx] = chan::unbounded<std::string>("texts");
    auto [blobs, blobs_rx] = chan::unbounded<opaque>("blobs");
    REQUIRE(orders.send(order{7}));
    REQUIRE(texts.send(std::string(100, 'x')));
    REQUIRE(texts.send(std::string(36, 'y') + "\xC3\xA9\xC3\xA9"));  // cut falls inside a 2-byte character
    REQUIRE(blobs.send(opaque{}));
    chan::trace::stop();

    std::vector<std::string> texts_seen;
    for (const event& e : f.all().events)
        if (e.what == kind::send_done) texts_seen.push_back(e.text);
    CHECK(texts_seen == strings{
                            "order #7",
                            "\"" + std::string(36, 'x') + "...",
                            "\"" + std::string(36, 'y') + "...",
                            "<24 bytes>",
                        });
    for (const std::string& t : texts_seen) CHECK(t.size() <= chan::trace::max_length);
}

TEST_CASE("a lagging broadcast receiver that fell behind learns how many messages it missed", "[sequence]") {
    recording_scope on;
    follower f;
    chan::trace::name_thread("main");
    auto [tx, slow] = chan::lagging_broadcast<int>(2, "news");
    auto fast = tx.subscribe();
    for (int i = 1; i <= 4; ++i) {
        REQUIRE(tx.send(i));
        CHECK(*fast.recv() == i);
    }
    const auto missed = slow.recv();  // messages 0 and 1 were overwritten
    CHECK(missed.status() == chan::status::lagged);
    CHECK(missed.missed() == 2);
    CHECK(*slow.recv() == 3);
    chan::trace::stop();

    const recording& r = f.all();
    strings expected = {
        "t1 thread_named 'main'",
        "t1 channel_created ch1 a=2 broadcast_lagging 'news'",
        "t1 handles ch1 a=1 b=2 receiver_added",
    };
    for (int m = 0; m < 4; ++m) {
        const std::string v = "'" + std::to_string(m + 1) + "'";
        expected.insert(expected.end(), {"t1 send_begin ch1 " + v, "t1 send_done ch1 m" + std::to_string(m) + " " + v,
                                         "t1 recv_begin ch1", "t1 recv_done ch1 m" + std::to_string(m)});
    }
    expected.insert(expected.end(), {
                                        "t1 recv_begin ch1",
                                        "t1 lagged ch1 a=2",
                                        "t1 recv_failed ch1 lagged",
                                        "t1 recv_begin ch1",
                                        "t1 recv_done ch1 m2",  // the second receipt of message 2
                                    });
    CHECK(describe(r.events) == expected);
    CHECK(deliveries(r).size() == 5);
    check_trace_file(r);
}
