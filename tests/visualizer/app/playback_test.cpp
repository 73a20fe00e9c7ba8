// The playback clock: stepping settles on events, playing stops at the end and at a
// pause point, axes convert both ways, speeds stay per axis.
#include <catch2/catch.hpp>

#include <chan/trace/event.hpp>

#include "app/playback.hpp"

namespace {

// A recording of `n` thread_named events at the given times (ns).
viz::timeline events_at(std::initializer_list<std::int64_t> times) {
    chan::trace::recording r;
    std::uint64_t seq = 0;
    for (std::int64_t t : times) {
        chan::trace::event e;
        e.seq = seq++;
        e.time_ns = t;
        e.thread = 1;
        e.what = chan::trace::kind::thread_named;
        e.text = "t";
        r.events.push_back(e);
    }
    return viz::timeline(std::move(r));
}

}  // namespace

TEST_CASE("stepping lands on each event with its moves finished, before the next", "[visualizer]") {
    const viz::timeline tl = events_at({1000, 2000, 5000, 9000});
    viz::app::playback p;
    REQUIRE(p.axis() == viz::time_axis::events);
    p.step(tl, +1);
    p.advance(1.0, tl);  // finish the glide
    CHECK(viz::event_at(tl, p.time(), p.axis()) == 0);
    CHECK(p.time() == Approx(p.settled(tl, 0)));
    p.step(tl, +2);
    p.advance(1.0, tl);
    CHECK(viz::event_at(tl, p.time(), p.axis()) == 2);
    p.step(tl, +10);  // clamped to the last event
    p.advance(1.0, tl);
    CHECK(viz::event_at(tl, p.time(), p.axis()) == 3);
    p.step(tl, -1);
    p.advance(1.0, tl);
    CHECK(viz::event_at(tl, p.time(), p.axis()) == 2);
    CHECK_FALSE(p.playing());
}

TEST_CASE("a glide ends exactly on its target, so the next step moves on", "[visualizer]") {
    // A step pressed while the previous one still glides starts from wherever the picture
    // is; ending there by arithmetic (from + (to - from) * 1) can fall an ulp short of
    // the settled position, and the next step would then only "finish" the same event.
    const viz::timeline tl = events_at({1000, 2000, 5000, 9000});
    for (int partial_ms = 1; partial_ms < 300; partial_ms += 7) {
        viz::app::playback p;
        p.step(tl, +1);
        p.advance(partial_ms / 1000.0, tl);  // the first glide under way
        p.step(tl, +1);
        p.advance(1.0, tl);
        REQUIRE(p.time() == p.settled(tl, 1));
        p.step(tl, +1);
        p.advance(1.0, tl);
        REQUIRE(viz::event_at(tl, p.time(), p.axis()) == 2);
    }
}

TEST_CASE("real time: a settled position stays before the next event however close it is", "[visualizer]") {
    const viz::timeline tl = events_at({1000, 1001, 900000000});
    viz::app::playback p;
    p.set_axis(tl, viz::time_axis::real);
    CHECK(p.settled(tl, 0) < 1001);
    CHECK(viz::event_at(tl, p.settled(tl, 0), viz::time_axis::real) == 0);
    CHECK(p.settled(tl, 1) == Approx(1001 + p.travel()));
}

TEST_CASE("playing advances at the axis's speed and stops at the end", "[visualizer]") {
    const viz::timeline tl = events_at({0, 10, 20, 30, 40});
    viz::app::playback p;
    p.set_speed(2);  // events per second
    p.play();
    p.advance(1.0, tl);
    CHECK(p.time() == Approx(2.0));
    CHECK(p.playing());
    p.advance(100.0, tl);
    CHECK(p.time() == Approx(p.end(tl)));
    CHECK_FALSE(p.playing());
    p.toggle(tl);  // play at the end starts over
    CHECK(p.playing());
    CHECK(p.time() == Approx(p.start(tl)));
}

TEST_CASE("a live run keeps playing at its end; a pause point stops playback once", "[visualizer]") {
    const viz::timeline tl = events_at({0, 10, 20, 30, 40, 50});
    viz::app::playback p;
    p.set_live(true);
    p.set_speed(1);
    p.play();
    p.advance(100.0, tl);
    CHECK(p.playing());  // waiting for more events
    p.set_live(false);
    p.home(tl);
    p.advance(1.0, tl);
    p.set_pause_point(2);
    p.play();
    p.advance(10.0, tl);
    CHECK_FALSE(p.playing());
    CHECK(p.time() == Approx(p.settled(tl, 2)));
    p.play();
    p.advance(10.0, tl);
    CHECK(p.time() == Approx(p.end(tl)));  // the pause point was used up
}

TEST_CASE("switching axes keeps the picture on the same event", "[visualizer]") {
    const viz::timeline tl = events_at({100, 200, 1000000, 1000100});
    viz::app::playback p;
    p.seek_event(tl, 2, true);
    p.set_axis(tl, viz::time_axis::real);
    CHECK(viz::event_at(tl, p.time(), viz::time_axis::real) == 2);
    CHECK(p.time() == Approx(p.settled(tl, 2)));
    p.set_axis(tl, viz::time_axis::events);
    CHECK(p.time() == Approx(2.8));
    // Halfway between two events on one axis is halfway on the other.
    CHECK(viz::app::playback::convert(tl, 1.5, viz::time_axis::events, viz::time_axis::real) == Approx(500100));
    CHECK(viz::app::playback::convert(tl, 500100, viz::time_axis::real, viz::time_axis::events) == Approx(1.5));
}

TEST_CASE("each axis keeps its own speed; go-to positions by seconds and by fraction", "[visualizer]") {
    const viz::timeline tl = events_at({0, 1000000000, 2000000000});
    viz::app::playback p;
    p.set_speed(12);
    p.set_axis(tl, viz::time_axis::real);
    CHECK(p.speed() == Approx(viz::app::playback::default_real_speed));
    p.set_speed(0.5);
    p.set_axis(tl, viz::time_axis::events);
    CHECK(p.speed() == Approx(12));
    CHECK(p.time_at_fraction(tl, 0.5) == Approx(1.0));
    CHECK(p.time_at_seconds(tl, 1.5) == Approx(1.5));
    p.set_axis(tl, viz::time_axis::real);
    CHECK(p.time_at_seconds(tl, 1.5) == Approx(1.5e9));
}
