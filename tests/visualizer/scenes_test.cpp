// Hand-written traces give exactly the expected scene, narration and tokens at chosen
// events: a rendezvous, a full bounded buffer, a select with a timeout, a lagging
// broadcast, a close while a thread waits, timers, dropped messages.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "model/model.hpp"
#include "script.hpp"

using namespace viz_test;
using chan::status;
using trace::flavor;
using trace::wait_reason;

namespace {

std::vector<std::uint64_t> ids(const viz::channel_view& c) {
    std::vector<std::uint64_t> out;
    for (const auto& m : c.buffered) out.push_back(m.id);
    return out;
}

std::vector<std::string> texts(const viz::channel_view& c) {
    std::vector<std::string> out;
    for (const auto& m : c.buffered) out.emplace_back(m.text);
    return out;
}

using ids_t = std::vector<std::uint64_t>;
using texts_t = std::vector<std::string>;
using threads_t = std::vector<viz::thread_id>;

}  // namespace

TEST_CASE("rendezvous: the sender waits for a receiver, then hands the message over", "[visualizer]") {
    script s;
    s.named(1, "sender").named(2, "receiver").created(1, 1, flavor::rendezvous, 0, "handoff");
    s.send_begin(1, 1, "42");
    const auto blocked = s.next();
    s.send_blocked(1, 1, wait_reason::no_receiver);
    const auto receiving = s.next();
    s.recv_begin(2, 1);
    const auto sent = s.next();
    s.at(10'000).send_done(1, 1, 0, "42");  // reported by the receiver, for the sender
    const auto taken = s.next();
    s.at(10'500).recv_done(2, 1, 0);

    viz::timeline tl(s.rec);
    viz::cursor cur(tl);

    const viz::scene& a = cur.seek(static_cast<std::ptrdiff_t>(blocked));
    const viz::thread_view& sender = *a.thread(1);
    CHECK(sender.state == viz::phase::blocked);
    CHECK(sender.op == viz::operation::send);
    CHECK(sender.reason == wait_reason::no_receiver);
    CHECK(sender.value == "42");
    CHECK(sender.channel == 1);
    CHECK(sender.wakers.empty());  // no receiver seen yet
    CHECK(viz::narrate(cur, blocked) == "sender waits: nobody is receiving on handoff");

    CHECK(cur.seek(static_cast<std::ptrdiff_t>(receiving)).thread(1)->wakers == threads_t{2});

    const viz::scene& b = cur.seek(static_cast<std::ptrdiff_t>(sent));
    CHECK(b.thread(1)->state == viz::phase::running);
    CHECK(b.thread(1)->outcome == status::ok);
    CHECK(b.thread(2)->state == viz::phase::in_call);
    CHECK(ids(*b.channel(1)) == ids_t{0});  // between the two sides
    CHECK(viz::narrate(cur, sent) == "sender handed 42 over on handoff");

    const viz::scene& c = cur.seek(static_cast<std::ptrdiff_t>(taken));
    CHECK(c.thread(2)->state == viz::phase::running);
    CHECK(c.channel(1)->sent == 1);
    CHECK(c.channel(1)->received == 1);
    CHECK(c.channel(1)->occupancy == 0);
    CHECK(viz::narrate(cur, taken) == "receiver received 42 from handoff");

    viz::frame f;
    viz::compute_frame(cur, 11'000, {viz::time_axis::real, 1000}, f);
    REQUIRE(f.tokens.size() == 1);
    CHECK(f.tokens[0].where == viz::leg::handover);
    CHECK(f.tokens[0].from == 1);
    CHECK(f.tokens[0].to == 2);
    CHECK(f.tokens[0].text == "42");
    CHECK(f.tokens[0].progress == Approx(0.5));
}

TEST_CASE("full bounded buffer: the producer waits with two messages held, in order", "[visualizer]") {
    script s;
    s.named(1, "producer").named(2, "consumer").created(1, 1, flavor::bounded, 2, "jobs");
    s.send(1, 1, 0, "1").send(1, 1, 1, "2").send_begin(1, 1, "3");
    const auto full = s.next();
    s.send_blocked(1, 1, wait_reason::full);
    const auto consumer_arrives = s.next();
    s.recv_begin(2, 1);
    const auto taken = s.next();
    s.at(10'000).recv_done(2, 1, 0);
    const auto refilled = s.next();
    s.at(20'000).send_done(1, 1, 2, "3");

    viz::timeline tl(s.rec);
    viz::cursor cur(tl);

    const viz::scene& a = cur.seek(static_cast<std::ptrdiff_t>(full));
    CHECK(a.channel(1)->occupancy == 2);
    CHECK(ids(*a.channel(1)) == ids_t{0, 1});
    CHECK(texts(*a.channel(1)) == texts_t{"1", "2"});
    CHECK(a.thread(1)->state == viz::phase::blocked);
    CHECK(a.thread(1)->reason == wait_reason::full);
    CHECK(a.thread(1)->value == "3");
    CHECK(viz::narrate(cur, full) == "producer waits: jobs is full (2/2)");

    const viz::scene& b = cur.seek(static_cast<std::ptrdiff_t>(consumer_arrives));
    CHECK(b.thread(1)->wakers == threads_t{2});
    CHECK(viz::describe(b, *b.thread(1)) == "waits: jobs is full (2/2); consumer can wake it");

    const viz::scene& c = cur.seek(static_cast<std::ptrdiff_t>(taken));
    CHECK(ids(*c.channel(1)) == ids_t{1});
    CHECK(c.thread(1)->state == viz::phase::blocked);  // woken only when its send completes
    CHECK(viz::narrate(cur, taken) == "consumer received 1 from jobs (1/2)");

    const viz::scene& d = cur.seek(static_cast<std::ptrdiff_t>(refilled));
    CHECK(ids(*d.channel(1)) == ids_t{1, 2});
    CHECK(texts(*d.channel(1)) == texts_t{"2", "3"});
    CHECK(d.thread(1)->state == viz::phase::running);
    CHECK(viz::narrate(cur, refilled) == "producer put 3 into jobs (2/2)");

    // A quarter of the way into the receive's move: message 0 leaves, message 1 has
    // moved three quarters of the way up to slot 0.
    viz::frame f;
    viz::compute_frame(cur, 11'000, {viz::time_axis::real, 4000}, f);
    REQUIRE(f.tokens.size() == 2);
    CHECK(f.tokens[0].message == 0);
    CHECK(f.tokens[0].where == viz::leg::to_receiver);
    CHECK(f.tokens[0].from == 1);
    CHECK(f.tokens[0].to == 2);
    CHECK(f.tokens[0].progress == Approx(0.25));
    CHECK(f.tokens[1].message == 1);
    CHECK(f.tokens[1].where == viz::leg::in_slot);
    CHECK(f.tokens[1].slot == Approx(0.75));
}

TEST_CASE("select with a timeout: waits on its arms, the clock wakes it, no arm taken", "[visualizer]") {
    script s;
    s.named(1, "main").created(1, 1, flavor::bounded, 1, "quit").created(1, 2, flavor::bounded, 4, "jobs");
    s.select_begin(1, 2, trace::select_wait::timeout).select_arm(1, 0, 1, false).select_arm(1, 1, 2, false);
    const auto waiting = s.next();
    s.select_blocked(1);
    const auto timed_out = s.next();
    s.select_done(1, -1, status::timeout);

    viz::timeline tl(s.rec);
    viz::cursor cur(tl);
    const viz::scene& a = cur.seek(static_cast<std::ptrdiff_t>(waiting));
    const viz::thread_view& main = *a.thread(1);
    CHECK(main.state == viz::phase::blocked);
    CHECK(main.op == viz::operation::select);
    CHECK(main.reason == wait_reason::select);
    CHECK(main.select_wait == trace::select_wait::timeout);
    REQUIRE(main.arms.size() == 2);
    CHECK(main.arms[0].channel == 1);
    CHECK(main.arms[1].channel == 2);
    CHECK_FALSE(main.arms[1].is_send);
    CHECK(main.clock_wakes);
    CHECK(viz::narrate(cur, waiting) == "main waits in select: none of 2 arms is ready (receive from quit, receive from jobs)");
    CHECK_FALSE(viz::find_deadlock(cur));

    const viz::scene& b = cur.seek(static_cast<std::ptrdiff_t>(timed_out));
    CHECK(b.thread(1)->state == viz::phase::running);
    CHECK(b.thread(1)->outcome == status::timeout);
    CHECK(b.thread(1)->arm_taken == -1);
    CHECK(viz::narrate(cur, timed_out) == "select in main timed out");
}

TEST_CASE("select takes an arm: the arm's message moves, the arm is shown taken", "[visualizer]") {
    script s;
    s.named(1, "main").named(2, "boss").created(1, 1, flavor::bounded, 4, "jobs").created(1, 2, flavor::bounded, 1, "quit");
    s.select_begin(1, 2, trace::select_wait::forever).select_arm(1, 0, 1, false).select_arm(1, 1, 2, false);
    s.select_blocked(1);
    s.send(2, 2, 0, "stop");
    const auto arm_done = s.next();
    s.recv_done(1, 2, 0);
    const auto done = s.next();
    s.select_done(1, 1, status::ok);

    viz::timeline tl(s.rec);
    viz::cursor cur(tl);
    const viz::scene& a = cur.seek(static_cast<std::ptrdiff_t>(arm_done));
    CHECK(a.thread(1)->state == viz::phase::blocked);  // the select ends at select_done
    CHECK(a.channel(2)->occupancy == 0);
    const viz::scene& b = cur.seek(static_cast<std::ptrdiff_t>(done));
    CHECK(b.thread(1)->state == viz::phase::running);
    CHECK(b.thread(1)->arm_taken == 1);
    CHECK(viz::narrate(cur, done) == "select in main took arm 1 (receive from quit)");
}

TEST_CASE("select takes a send arm: its message enters the channel, the arm's value is shown", "[visualizer]") {
    script s;
    s.named(1, "main").created(1, 1, flavor::bounded, 1, "out");
    s.select_begin(1, 1, trace::select_wait::forever).select_arm(1, 0, 1, true, "5");
    const auto arm_done = s.next();
    s.send_done(1, 1, 0, "5");
    const auto done = s.next();
    s.select_done(1, 0, status::ok);

    viz::timeline tl(s.rec);
    viz::cursor cur(tl);
    const viz::scene& a = cur.seek(static_cast<std::ptrdiff_t>(arm_done));
    CHECK(a.thread(1)->state == viz::phase::in_call);
    CHECK(ids(*a.channel(1)) == ids_t{0});
    const viz::scene& b = cur.seek(static_cast<std::ptrdiff_t>(done));
    CHECK(b.thread(1)->state == viz::phase::running);
    CHECK(b.thread(1)->value == "5");
    CHECK(viz::narrate(cur, done) == "select in main took arm 0 (send 5 on out)");
}

TEST_CASE("lagging broadcast: each receiver's place, what is kept, and the lag", "[visualizer]") {
    script s;
    s.named(1, "news").named(2, "fast").named(3, "slow").created(1, 1, flavor::broadcast_lagging, 2, "feed");
    s.handles(1, 1, trace::handle_change::receiver_added, 1, 2);
    s.send(1, 1, 0, "a").recv(2, 1, 0);
    const auto slow_not_yet = s.next() - 1;
    s.recv(3, 1, 0);
    s.send(1, 1, 1, "b").send(1, 1, 2, "c").send(1, 1, 3, "d");
    s.recv(2, 1, 1).recv(2, 1, 2);
    const auto fast_read_2 = s.next() - 1;
    s.recv(2, 1, 3);
    s.recv_begin(3, 1);
    const auto lag = s.next();
    s.lagged(3, 1, 1);
    const auto caught_up = s.next();
    s.recv_done(3, 1, 2);

    viz::timeline tl(s.rec);
    viz::cursor cur(tl);
    // fast has "a"; slow has not received anything yet, so "a" is still held for it.
    CHECK(ids(*cur.seek(static_cast<std::ptrdiff_t>(slow_not_yet)).channel(1)) == ids_t{0});
    const viz::scene& a = cur.seek(static_cast<std::ptrdiff_t>(fast_read_2));
    // fast has read up to 2 (next 3), slow is at 1, but only 2 messages are kept.
    CHECK(ids(*a.channel(1)) == ids_t{2, 3});
    CHECK(texts(*a.channel(1)) == texts_t{"c", "d"});
    CHECK(a.channel(1)->occupancy == 2);
    REQUIRE(a.channel(1)->positions.size() == 2);
    CHECK(a.channel(1)->positions[0].thread == 2);
    CHECK(a.channel(1)->positions[0].next == 3);
    CHECK(a.channel(1)->positions[1].thread == 3);
    CHECK(a.channel(1)->positions[1].next == 1);

    const viz::scene& b = cur.seek(static_cast<std::ptrdiff_t>(lag));
    CHECK(b.channel(1)->positions[1].next == 2);
    CHECK(viz::narrate(cur, lag) == "slow fell behind on feed and skipped 1 message");

    const viz::scene& c = cur.seek(static_cast<std::ptrdiff_t>(caught_up));
    CHECK(c.channel(1)->positions[1].next == 3);
    CHECK(ids(*c.channel(1)) == ids_t{3});  // everyone has 0..2 now
    CHECK(c.channel(1)->received == 6);
}

TEST_CASE("close while a thread waits: marks, then the waiter fails with disconnected", "[visualizer]") {
    script s;
    s.named(1, "main").named(2, "worker").created(1, 1, flavor::bounded, 1, "jobs");
    s.recv_begin(2, 1);
    const auto waiting = s.next();
    s.recv_blocked(2, 1, wait_reason::empty);
    const auto closed = s.next();
    s.closed(1, 1);
    const auto disconnected = s.next();
    s.disconnected(1, 1, trace::disconnect_cause::closed);
    const auto failed = s.next();
    s.recv_failed(2, 1, status::disconnected);

    viz::timeline tl(s.rec);
    viz::cursor cur(tl);
    const viz::scene& a = cur.seek(static_cast<std::ptrdiff_t>(waiting));
    CHECK(a.thread(2)->state == viz::phase::blocked);
    CHECK(viz::describe(a, *a.thread(2)) ==
          "waits: jobs is empty; no live thread has been seen on the other side");
    CHECK_FALSE(viz::find_deadlock(cur));  // main runs, and nobody has been seen sending: main may

    const viz::scene& b = cur.seek(static_cast<std::ptrdiff_t>(closed));
    CHECK(b.channel(1)->closed);
    CHECK_FALSE(b.channel(1)->disconnected);
    CHECK(viz::narrate(cur, closed) == "main closes jobs");

    const viz::scene& c = cur.seek(static_cast<std::ptrdiff_t>(disconnected));
    CHECK(c.channel(1)->disconnected);
    CHECK(c.channel(1)->cause == trace::disconnect_cause::closed);
    CHECK(c.thread(2)->state == viz::phase::blocked);
    CHECK(viz::narrate(cur, disconnected) == "jobs is disconnected: it was closed");

    const viz::scene& d = cur.seek(static_cast<std::ptrdiff_t>(failed));
    CHECK(d.thread(2)->state == viz::phase::running);
    CHECK(d.thread(2)->outcome == status::disconnected);
    CHECK(viz::narrate(cur, failed) == "worker found jobs drained and disconnected: it was closed");
}

TEST_CASE("timers: the clock wakes the waiter and delivers from the timer", "[visualizer]") {
    script s;
    s.named(1, "main").created(1, 1, flavor::timer_tick, 1, "ticker");
    s.handles(1, 1, trace::handle_change::receiver_added, 0, 1);
    s.recv_begin(1, 1);
    const auto waiting = s.next();
    s.recv_blocked(1, 1, wait_reason::timer);
    const auto fired = s.next();
    s.timer_fired(1, 1, 0);
    const auto got = s.next();
    s.at(50'000).recv_done(1, 1, 0);

    viz::timeline tl(s.rec);
    viz::cursor cur(tl);
    const viz::scene& a = cur.seek(static_cast<std::ptrdiff_t>(waiting));
    CHECK(a.thread(1)->clock_wakes);
    CHECK(a.channel(1)->senders == 0);
    CHECK(viz::narrate(cur, waiting) == "main waits for ticker to fire");
    CHECK_FALSE(viz::find_deadlock(cur));
    CHECK(viz::narrate(cur, fired) == "ticker ticks (tick 1)");
    CHECK(cur.seek(static_cast<std::ptrdiff_t>(fired)).channel(1)->ticks == 1);
    CHECK(viz::narrate(cur, got) == "main got a tick from ticker");

    viz::frame f;
    viz::compute_frame(cur, 50'500, {viz::time_axis::real, 1000}, f);
    REQUIRE(f.tokens.size() == 1);
    CHECK(f.tokens[0].where == viz::leg::to_receiver);
    CHECK(f.tokens[0].from == 0);
    CHECK(f.tokens[0].to == 1);
}

TEST_CASE("the last receiver going away drops what the channel held", "[visualizer]") {
    script s;
    s.named(1, "main").created(1, 1, flavor::unbounded, -1, "log");
    s.send(1, 1, 0, "x").send(1, 1, 1, "y").send(1, 1, 2, "z");
    const auto three = s.next() - 1;
    s.handles(1, 1, trace::handle_change::receiver_dropped, 1, 0);
    const auto gone = s.next();
    s.disconnected(1, 1, trace::disconnect_cause::receivers_gone);

    viz::timeline tl(s.rec);
    viz::cursor cur(tl);
    CHECK(cur.seek(static_cast<std::ptrdiff_t>(three)).channel(1)->occupancy == 3);
    CHECK(viz::narrate(cur, three) == "main put z into log (3 queued)");
    const viz::scene& a = cur.seek(static_cast<std::ptrdiff_t>(gone));
    CHECK(a.channel(1)->occupancy == 0);
    CHECK(a.channel(1)->buffered.empty());
    CHECK(a.channel(1)->dropped == 3);
    CHECK(viz::narrate(cur, gone) == "log is disconnected: its last receiver is gone (3 messages dropped unread)");
}

TEST_CASE("messages are held in number order even when their sends are recorded out of order", "[visualizer]") {
    script s;
    s.named(1, "a").named(2, "b").created(1, 1, flavor::bounded, 4, "q");
    s.send_begin(1, 1, "first").send_begin(2, 1, "second");
    s.send_done(2, 1, 1, "second");  // b claimed the later slot but was recorded first
    const auto both = s.next();
    s.send_done(1, 1, 0, "first");

    viz::timeline tl(s.rec);
    viz::cursor cur(tl);
    CHECK(ids(*cur.seek(static_cast<std::ptrdiff_t>(both) - 1).channel(1)) == ids_t{1});
    CHECK(ids(*cur.seek(static_cast<std::ptrdiff_t>(both)).channel(1)) == ids_t{0, 1});
}

TEST_CASE("handles, names, source lines and exits show in the scene", "[visualizer]") {
    script s;
    s.named(1, "main").created(1, 1, flavor::bounded, 1, "jobs");
    const auto cloned = s.next();
    s.handles(1, 1, trace::handle_change::sender_added, 2, 1);
    const auto begin = s.next();
    s.send_begin(1, 1, "5");
    const auto ended = s.next();
    s.exited(1);

    viz::timeline tl(s.rec);
    viz::cursor cur(tl);
    CHECK(cur.seek(-1).threads.empty());
    const viz::scene& a = cur.seek(static_cast<std::ptrdiff_t>(cloned));
    CHECK(a.channel(1)->senders == 2);
    CHECK(a.channel(1)->receivers == 1);
    CHECK(viz::narrate(cur, cloned) == "main adds a sender to jobs (2 senders, 1 receiver)");
    const viz::scene& b = cur.seek(static_cast<std::ptrdiff_t>(begin));
    CHECK(b.thread(1)->line == 100 + begin);
    CHECK(b.thread(1)->file == 1);
    const viz::scene& c = cur.seek(static_cast<std::ptrdiff_t>(ended));
    CHECK(c.thread(1)->state == viz::phase::exited);
    CHECK(c.thread(1)->line == 100 + begin);  // the exit has no line: the last known stays
    CHECK(viz::narrate(cur, ended) == "main ends");
    CHECK(viz::narrate(cur, 1) == "main creates jobs, a bounded channel with 1 slot");
}
