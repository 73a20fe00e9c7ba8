// Deadlock detection on hand-written traces: a wait-for cycle, nobody left to wake a
// waiter, the classic worker pool with too small buffers, and the waits that only
// look stuck (another thread can act, the clock will, or the trace shows them ending).
#include <catch2/catch.hpp>

#include "model/model.hpp"
#include "script.hpp"

using namespace viz_test;
using chan::status;
using trace::flavor;
using trace::wait_reason;
using threads_t = std::vector<viz::thread_id>;

namespace {

// ping and pong exchange one message each way over two rendezvous channels, then both
// receive: each waits for the other. main (3) made the channels and still runs.
script ping_pong() {
    script s;
    s.named(1, "ping").named(2, "pong").named(3, "main");
    s.created(3, 1, flavor::rendezvous, 0, "to pong").created(3, 2, flavor::rendezvous, 0, "to ping");
    s.send_begin(1, 1, "1").recv_begin(2, 1).send_done(1, 1, 0, "1").recv_done(2, 1, 0);
    s.send_begin(2, 2, "2").recv_begin(1, 2).send_done(2, 2, 0, "2").recv_done(1, 2, 0);
    s.recv_begin(1, 2).recv_blocked(1, 2, wait_reason::no_sender);
    s.recv_begin(2, 1).recv_blocked(2, 1, wait_reason::no_sender);
    return s;
}

viz::deadlock_report at(const viz::timeline& tl, std::size_t i) {
    viz::cursor cur(tl);
    cur.seek(static_cast<std::ptrdiff_t>(i));
    return viz::find_deadlock(cur);
}

}  // namespace

TEST_CASE("two threads each waiting on the other's channel: a cycle, named in words", "[visualizer]") {
    script s = ping_pong();
    const std::size_t both = s.next() - 1;
    viz::timeline tl(s.rec);

    CHECK_FALSE(at(tl, both - 2));  // only ping waits: pong can still send

    const viz::deadlock_report d = at(tl, both);
    REQUIRE(d);
    CHECK(d.kind == viz::deadlock_kind::cycle);
    CHECK(d.certain);
    CHECK(d.cycle == threads_t{1, 2});
    CHECK(d.summary == "Deadlock: ping waits for pong, and pong waits for ping.");
    REQUIRE(d.threads.size() == 2);
    CHECK(d.threads[0].thread == 1);
    CHECK(d.threads[0].channels == std::vector<viz::channel_id>{2});
    CHECK(d.threads[0].wakers == threads_t{2});
    CHECK(d.threads[0].text == "ping waits: nobody is sending on to ping; only pong could wake it, and waits too");
    CHECK(d.quiet_ns == -1);
}

TEST_CASE("a deadlock unstuck by closing its channels is still shown before the close", "[visualizer]") {
    script s = ping_pong();
    const std::size_t both = s.next() - 1;
    s.at(5'000'000'000).named(4, "host");
    s.closed(4, 1).disconnected(4, 1, trace::disconnect_cause::closed).recv_failed(2, 1, status::disconnected);
    s.closed(4, 2).disconnected(4, 2, trace::disconnect_cause::closed).recv_failed(1, 2, status::disconnected);
    viz::timeline tl(s.rec);

    const viz::deadlock_report d = at(tl, both);
    CHECK(d.kind == viz::deadlock_kind::cycle);
    CHECK(d.quiet_ns > 4'000'000'000);
    CHECK_FALSE(at(tl, tl.size() - 1));  // afterwards both have failed and run again
}

TEST_CASE("a wait that the rest of the trace shows completing is not a deadlock", "[visualizer]") {
    script s = ping_pong();
    const std::size_t both = s.next() - 1;
    s.send_begin(3, 2, "rescue").send_done(3, 2, 1, "rescue").recv_done(1, 2, 1);  // main sends to ping
    viz::timeline tl(s.rec);
    CHECK_FALSE(at(tl, both));
}

TEST_CASE("nobody left to wake: the only sender has ended, the receiver waits forever", "[visualizer]") {
    script s;
    s.named(1, "producer").named(2, "consumer").created(1, 1, flavor::bounded, 2, "jobs");
    s.handles(1, 1, trace::handle_change::sender_added, 2, 1);  // a sender handle that stays somewhere
    s.send(1, 1, 0, "1").recv(2, 1, 0);
    s.handles(1, 1, trace::handle_change::sender_dropped, 1, 1).exited(1);
    s.recv_begin(2, 1).recv_blocked(2, 1, wait_reason::empty);
    viz::timeline tl(s.rec);

    const viz::deadlock_report d = at(tl, tl.size() - 1);
    REQUIRE(d);
    CHECK(d.kind == viz::deadlock_kind::all_waiting);
    CHECK(d.certain);
    CHECK(d.summary == "Deadlock: every thread is waiting, and none can wake another.");
    REQUIRE(d.threads.size() == 1);
    CHECK(d.threads[0].nobody_left);
    CHECK(d.threads[0].wakers.empty());
    CHECK(d.threads[0].text == "consumer waits: jobs is empty; every thread that sent on jobs has ended");
}

TEST_CASE("nobody left to wake while another thread runs: reported, but not certain", "[visualizer]") {
    script s;
    s.named(3, "main").named(1, "producer").named(2, "consumer").created(3, 1, flavor::bounded, 2, "jobs");
    s.handles(3, 1, trace::handle_change::sender_added, 2, 1);
    s.send(1, 1, 0, "1").recv(2, 1, 0).handles(1, 1, trace::handle_change::sender_dropped, 1, 1).exited(1);
    s.recv_begin(2, 1).recv_blocked(2, 1, wait_reason::empty);
    const std::size_t waiting = s.next() - 1;

    viz::timeline tl(s.rec);
    const viz::deadlock_report d = at(tl, waiting);
    REQUIRE(d);
    CHECK(d.kind == viz::deadlock_kind::abandoned);
    CHECK_FALSE(d.certain);
    CHECK(d.summary == "Stuck: consumer waits with nobody left to wake it.");

    SECTION("main then drops the last sender: the wait was only a pause") {
        s.handles(3, 1, trace::handle_change::sender_dropped, 0, 1);
        s.disconnected(3, 1, trace::disconnect_cause::senders_gone).recv_failed(2, 1, status::disconnected);
        viz::timeline later(s.rec);
        CHECK_FALSE(at(later, waiting));
    }
}

TEST_CASE("worker pool with too small buffers: everyone waits, no cycle needed", "[visualizer]") {
    script s;
    s.named(1, "main").named(2, "worker");
    s.created(1, 1, flavor::bounded, 1, "jobs").created(1, 2, flavor::bounded, 1, "results");
    s.send(1, 1, 0, "job 0").recv(2, 1, 0);
    s.send_begin(2, 2, "result 0").send_done(2, 2, 0, "result 0");
    s.send(1, 1, 1, "job 1").recv(2, 1, 1);
    s.send_begin(2, 2, "result 1").send_blocked(2, 2, wait_reason::full);
    s.send(1, 1, 2, "job 2");
    s.send_begin(1, 1, "job 3").send_blocked(1, 1, wait_reason::full);
    viz::timeline tl(s.rec);

    const viz::deadlock_report d = at(tl, tl.size() - 1);
    REQUIRE(d);
    CHECK(d.kind == viz::deadlock_kind::all_waiting);
    REQUIRE(d.threads.size() == 2);
    CHECK(d.threads[0].text == "main waits: jobs is full (1/1); only worker could wake it, and waits too");
    CHECK(d.threads[1].text == "worker waits: results is full (1/1); no thread has received from results yet");
    CHECK_FALSE(at(tl, tl.size() - 3));  // main could still act
}

TEST_CASE("waits the clock ends are never stuck", "[visualizer]") {
    script s;
    s.named(1, "main").created(1, 1, flavor::timer_at, 1, "deadline").created(1, 2, flavor::never, 0, "off");
    s.recv_begin(1, 1).recv_blocked(1, 1, wait_reason::timer);
    const std::size_t timer_wait = s.next() - 1;
    s.timer_fired(1, 1, 0).recv_done(1, 1, 0);
    s.recv_begin(1, 2).recv_blocked(1, 2, wait_reason::timer);
    viz::timeline tl(s.rec);

    CHECK_FALSE(at(tl, timer_wait));
    const viz::deadlock_report d = at(tl, tl.size() - 1);  // a never channel never delivers
    REQUIRE(d);
    CHECK(d.threads[0].text == "main waits on off, which never delivers");
}
