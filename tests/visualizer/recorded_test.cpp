// Real programs run under chan::trace, then read by the model: the scenes at the
// events that matter are exactly what happened, whatever the interleaving.
//
// Where a step must happen before another (a producer must be blocked before anyone
// receives), the test waits until the recording shows it, the way a viewer watching a
// live run would. Channels that a scenario's threads share are made before the
// recording starts, so that the test's own thread stays out of the trace until it
// steps in.
#include <catch2/catch.hpp>

#include <chan/chan.hpp>
#include <chan/trace.hpp>

#include <chrono>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "model/model.hpp"

using namespace std::chrono_literals;
namespace trace = chan::trace;

namespace {

// Polls the recording until `ready` holds for it (at most 20 s; then the test fails).
trace::recording wait_for(const std::function<bool(const trace::recording&)>& ready) {
    const auto give_up = std::chrono::steady_clock::now() + 20s;
    for (;;) {
        trace::recording r = trace::snapshot();
        if (ready(r)) return r;
        if (std::chrono::steady_clock::now() > give_up) {
            FAIL("the recording never reached the expected state");
            return r;
        }
        std::this_thread::sleep_for(1ms);
    }
}

std::function<bool(const trace::recording&)> has(trace::kind what) {
    return [what](const trace::recording& r) {
        for (const trace::event& e : r.events)
            if (e.what == what) return true;
        return false;
    };
}

// The index of the first event of kind `what` (optionally by a named thread).
std::size_t first(const viz::timeline& tl, trace::kind what, std::string_view thread_name = {}) {
    for (std::size_t i = 0; i < tl.size(); ++i) {
        const trace::event& e = tl.event(i);
        if (e.what != what) continue;
        if (thread_name.empty()) return i;
        const auto ti = tl.thread_index(e.thread);
        if (ti && tl.thread_name(*ti) == thread_name) return i;
    }
    FAIL("no " << trace::to_string(what) << " event" << (thread_name.empty() ? "" : " from ") << thread_name);
    return 0;
}

const viz::thread_view& named(const viz::scene& s, std::string_view name) {
    for (const viz::thread_view& t : s.threads)
        if (t.name == name) return t;
    FAIL("no thread named " << name);
    return s.threads.front();
}

// Waits until the model, reading the live recording, reports a deadlock that lasts:
// like a viewer, it wants the run to stay quiet for a while, since at the live edge a
// thread that has not recorded anything yet may be about to act.
viz::deadlock_report wait_for_deadlock() {
    viz::deadlock_report found;
    std::size_t events = 0;
    auto quiet_since = std::chrono::steady_clock::now();
    wait_for([&](const trace::recording& r) {
        const auto now = std::chrono::steady_clock::now();
        if (r.events.size() != events) {
            events = r.events.size();
            quiet_since = now;
            return false;
        }
        if (now - quiet_since < 200ms) return false;
        viz::timeline tl(r);
        viz::cursor c(tl);
        c.seek(static_cast<std::ptrdiff_t>(tl.size()) - 1);
        found = viz::find_deadlock(c);
        return static_cast<bool>(found);
    });
    return found;
}

}  // namespace

TEST_CASE("recorded rendezvous: the sender waits, the receiver takes 42 from its hands", "[visualizer]") {
    auto [tx, rx] = chan::bounded<int>(0, "handoff");
    trace::start();
    std::thread sender([tx = std::move(tx)]() mutable {
        trace::name_thread("sender");
        tx.send(42);
    });
    wait_for(has(trace::kind::send_blocked));
    trace::name_thread("receiver");
    REQUIRE(*rx.recv() == 42);
    sender.join();
    trace::stop();

    viz::timeline tl(trace::snapshot());
    viz::cursor cur(tl);
    const std::size_t blocked = first(tl, trace::kind::send_blocked);
    const viz::scene& a = cur.seek(static_cast<std::ptrdiff_t>(blocked));
    const viz::thread_view& s = named(a, "sender");
    CHECK(s.state == viz::phase::blocked);
    CHECK(s.reason == trace::wait_reason::no_receiver);
    CHECK(s.value == "42");
    CHECK(viz::narrate(cur, blocked) == "sender waits: nobody is receiving on handoff");

    const std::size_t handed = first(tl, trace::kind::send_done);
    CHECK(named(cur.seek(static_cast<std::ptrdiff_t>(handed)), "sender").state == viz::phase::running);
    CHECK(viz::narrate(cur, handed) == "sender handed 42 over on handoff");
    const std::size_t taken = first(tl, trace::kind::recv_done);
    CHECK(taken > handed);
    CHECK(viz::narrate(cur, taken) == "receiver received 42 from handoff");

    const viz::scene& end = cur.seek(static_cast<std::ptrdiff_t>(tl.size()) - 1);
    CHECK(named(end, "sender").state == viz::phase::exited);
    CHECK(end.channels.at(0).received == 1);
    CHECK(end.channels.at(0).occupancy == 0);
}

TEST_CASE("recorded full buffer: the producer waits with 1 and 2 held, then all arrive in order", "[visualizer]") {
    auto [tx, rx] = chan::bounded<int>(2, "jobs");
    trace::start();
    std::thread producer([tx = std::move(tx)]() mutable {
        trace::name_thread("producer");
        for (int v = 1; v <= 3; ++v) tx.send(v);
    });
    wait_for(has(trace::kind::send_blocked));
    trace::name_thread("consumer");
    std::vector<int> got;
    for (int v : rx) got.push_back(v);
    producer.join();
    trace::stop();
    CHECK(got == std::vector<int>{1, 2, 3});

    viz::timeline tl(trace::snapshot());
    viz::cursor cur(tl);
    const std::size_t full = first(tl, trace::kind::send_blocked);
    const viz::scene& a = cur.seek(static_cast<std::ptrdiff_t>(full));
    const viz::channel_view& jobs = a.channels.at(0);
    CHECK(jobs.occupancy == 2);
    REQUIRE(jobs.buffered.size() == 2);
    CHECK(jobs.buffered[0].text == "1");
    CHECK(jobs.buffered[1].text == "2");
    CHECK(named(a, "producer").reason == trace::wait_reason::full);
    CHECK(named(a, "producer").value == "3");
    CHECK(viz::narrate(cur, full) == "producer waits: jobs is full (2/2)");

    const viz::scene& end = cur.seek(static_cast<std::ptrdiff_t>(tl.size()) - 1);
    CHECK(end.channels.at(0).sent == 3);
    CHECK(end.channels.at(0).received == 3);
    CHECK(end.channels.at(0).disconnected);
    CHECK(end.channels.at(0).cause == trace::disconnect_cause::senders_gone);
    CHECK(named(end, "consumer").outcome == chan::status::disconnected);
}

TEST_CASE("recorded select with a timeout: blocked on its arm, woken by the clock", "[visualizer]") {
    auto [tx, rx] = chan::bounded<int>(1, "quiet");
    trace::start();
    trace::name_thread("main");
    bool timed_out = false;
    chan::select(chan::on_recv(rx, [](chan::recv_result<int>) {}), chan::on_timeout(20ms, [&] { timed_out = true; }));
    trace::stop();
    CHECK(timed_out);

    viz::timeline tl(trace::snapshot());
    viz::cursor cur(tl);
    const std::size_t waiting = first(tl, trace::kind::select_blocked);
    const viz::thread_view& main = named(cur.seek(static_cast<std::ptrdiff_t>(waiting)), "main");
    CHECK(main.state == viz::phase::blocked);
    CHECK(main.reason == trace::wait_reason::select);
    CHECK(main.clock_wakes);
    REQUIRE(main.arms.size() == 1);
    CHECK_FALSE(main.arms[0].is_send);
    CHECK_FALSE(viz::find_deadlock(cur));
    const std::size_t done = first(tl, trace::kind::select_done);
    CHECK(viz::narrate(cur, done) == "select in main timed out");
    CHECK(named(cur.current(), "main").outcome == chan::status::timeout);
    CHECK(tl.event(done).time_ns - tl.event(waiting).time_ns >= 15'000'000);
}

TEST_CASE("recorded close while a worker waits: marked closed, the worker fails disconnected", "[visualizer]") {
    auto [tx, rx] = chan::bounded<int>(1, "jobs");
    trace::start();
    std::thread worker([rx = std::move(rx)]() mutable {
        trace::name_thread("worker");
        (void)rx.recv();
    });
    wait_for(has(trace::kind::recv_blocked));
    trace::name_thread("main");
    tx.close();
    worker.join();
    trace::stop();

    viz::timeline tl(trace::snapshot());
    viz::cursor cur(tl);
    const std::size_t waiting = first(tl, trace::kind::recv_blocked);
    CHECK(named(cur.seek(static_cast<std::ptrdiff_t>(waiting)), "worker").reason == trace::wait_reason::empty);
    const std::size_t closed = first(tl, trace::kind::closed);
    CHECK(viz::narrate(cur, closed) == "main closes jobs");
    const viz::scene& end = cur.seek(static_cast<std::ptrdiff_t>(first(tl, trace::kind::recv_failed)));
    CHECK(end.channels.at(0).closed);
    CHECK(end.channels.at(0).disconnected);
    CHECK(named(end, "worker").outcome == chan::status::disconnected);
    CHECK(viz::narrate(cur, cur.position()) == "worker found jobs drained and disconnected: it was closed");
}

TEST_CASE("recorded deadlock: two threads each wait on the other's channel", "[visualizer]") {
    auto [to_b, from_a] = chan::bounded<int>(0, "to B");
    auto [to_a, from_b] = chan::bounded<int>(0, "to A");
    auto a_out = to_b, b_out = to_a;  // the test's own copies, to unstick them at the end
    auto a_in = from_b, b_in = from_a;
    trace::start();
    std::thread a([tx = std::move(a_out), rx = std::move(a_in)]() mutable {
        trace::name_thread("A");
        tx.send(1);
        (void)rx.recv();
        (void)rx.recv();  // B never sends twice
    });
    std::thread b([tx = std::move(b_out), rx = std::move(b_in)]() mutable {
        trace::name_thread("B");
        (void)rx.recv();
        tx.send(2);
        (void)rx.recv();  // A never sends twice
    });

    const viz::deadlock_report d = wait_for_deadlock();
    CHECK(d.kind == viz::deadlock_kind::cycle);
    CHECK(d.certain);
    CHECK((d.summary == "Deadlock: A waits for B, and B waits for A." ||
           d.summary == "Deadlock: B waits for A, and A waits for B."));
    REQUIRE(d.threads.size() == 2);

    trace::name_thread("host");
    to_b.close();
    to_a.close();
    a.join();
    b.join();
    trace::stop();

    // Replayed afterwards, the deadlock is still there just before the host's close.
    viz::timeline tl(trace::snapshot());
    viz::cursor cur(tl);
    cur.seek(static_cast<std::ptrdiff_t>(first(tl, trace::kind::closed)) - 1);
    CHECK(viz::find_deadlock(cur).kind == viz::deadlock_kind::cycle);
    cur.seek(static_cast<std::ptrdiff_t>(tl.size()) - 1);
    CHECK_FALSE(viz::find_deadlock(cur));
}

TEST_CASE("recorded deadlock with nobody left: the only producer has ended", "[visualizer]") {
    auto [tx, rx] = chan::bounded<int>(4, "jobs");
    auto producer_tx = tx;  // the test keeps `tx`: the channel stays connected
    trace::start();
    std::thread producer([tx = std::move(producer_tx)]() mutable {
        trace::name_thread("producer");
        tx.send(7);
    });
    std::thread consumer([rx = std::move(rx)]() mutable {
        trace::name_thread("consumer");
        (void)rx.recv();
        (void)rx.recv();
    });
    producer.join();

    const viz::deadlock_report d = wait_for_deadlock();
    CHECK(d.kind == viz::deadlock_kind::all_waiting);
    CHECK(d.certain);
    REQUIRE(d.threads.size() == 1);
    CHECK(d.threads[0].nobody_left);
    CHECK(d.threads[0].text == "consumer waits: jobs is empty; every thread that sent on jobs has ended");

    trace::name_thread("host");
    tx.close();
    consumer.join();
    trace::stop();
}
