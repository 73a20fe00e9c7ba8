// trace::close_all_channels(): a host ends a stuck run by disconnecting every channel
// of the current recording, safely while channels come and go.
#include <atomic>
#include <thread>
#include <vector>

#include "support.hpp"

using namespace trace_test;
using namespace std::chrono_literals;

TEST_CASE("close_all_channels ends a deadlock: every waiting thread wakes and returns", "[close_all]") {
    recording_scope on;
    follower f;
    // Each thread waits for the other to speak first.
    auto [to_b, b_rx] = chan::bounded<int>(0, "to b");
    auto [to_a, a_rx] = chan::bounded<int>(0, "to a");
    chan::status a_got = chan::status::ok, b_got = chan::status::ok;
    std::thread a([&a_rx = a_rx, &to_b = to_b, &a_got] {
        chan::trace::name_thread("a");
        a_got = a_rx.recv().status();
        if (a_got == chan::status::ok) to_b.send(1);
    });
    f.wait_for(kind::recv_blocked, 2);
    std::thread b([&b_rx = b_rx, &to_a = to_a, &b_got] {
        chan::trace::name_thread("b");
        b_got = b_rx.recv().status();
        if (b_got == chan::status::ok) to_a.send(1);
    });
    f.wait_for(kind::recv_blocked, 3);

    CHECK(chan::trace::close_all_channels() == 2);
    a.join();
    b.join();
    CHECK(a_got == chan::status::disconnected);
    CHECK(b_got == chan::status::disconnected);
    CHECK(to_a.is_disconnected());
    CHECK(to_b.is_disconnected());
    // Closing again finds nothing left to close.
    CHECK(chan::trace::close_all_channels() == 0);
}

TEST_CASE("close_all_channels closes only the channels of the current recording", "[close_all]") {
    auto [untraced, untraced_rx] = chan::bounded<int>(1, "made before, never used");
    auto [earlier, earlier_rx] = chan::unbounded<int>("used in an earlier recording");
    chan::trace::start();
    REQUIRE(earlier.send(1));
    recording_scope on;  // a new recording
    auto [current, current_rx] = chan::bounded<int>(1, "made now");
    auto [old_used, old_used_rx] = chan::bounded<int>(1, "made before, used now");
    (void)old_used.try_send(1);

    CHECK(chan::trace::close_all_channels() == 2);
    CHECK(current.is_disconnected());
    CHECK(old_used.is_disconnected());
    CHECK_FALSE(untraced.is_disconnected());
    CHECK_FALSE(earlier.is_disconnected());
    // Buffered messages stay receivable, as after close().
    CHECK(*old_used_rx.recv() == 1);
}

TEST_CASE("close_all_channels is safe while other threads create and destroy channels", "[close_all]") {
    recording_scope on;
    std::atomic<bool> stop{false};
    std::atomic<long> made{0};
    std::vector<std::thread> churn;
    for (int t = 0; t < 3; ++t) {
        churn.emplace_back([&] {
            while (!stop) {
                auto [tx, rx] = chan::bounded<int>(1);
                (void)tx.try_send(1);
                auto copy = rx;
                (void)copy.try_recv();
                ++made;
            }
        });
    }
    std::size_t closed = 0;
    const auto until = std::chrono::steady_clock::now() + 200ms;
    while (std::chrono::steady_clock::now() < until || made < 100) closed += chan::trace::close_all_channels();
    stop = true;
    for (auto& t : churn) t.join();
    CHECK(made >= 100);
    INFO(closed << " channels closed while " << made << " were made");
    SUCCEED();
}
