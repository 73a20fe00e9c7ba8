// Layout: producers left of their channels, consumers right, one column per pipeline
// stage, loops broken, timers beside their receiver, rows that avoid crossings, and
// token positions along pipes.
#include <catch2/catch.hpp>

#include "model/model.hpp"
#include "script.hpp"

using namespace viz_test;
using trace::flavor;

namespace {

int column(const viz::layout& lay, viz::thread_id t) { return lay.thread(t)->column; }
int pipe_column(const viz::layout& lay, viz::channel_id c) { return lay.channel(c)->place.column; }

}  // namespace

TEST_CASE("producers, channel, consumers: three columns, left to right", "[visualizer]") {
    script s;
    s.named(1, "main").named(2, "producer 1").named(3, "producer 2").named(4, "consumer");
    s.created(1, 1, flavor::bounded, 2, "jobs");
    s.send(2, 1, 0, "a").send(3, 1, 1, "b").recv(4, 1, 0);
    const viz::timeline tl(s.rec);
    const viz::layout lay = viz::compute_layout(tl);

    CHECK(lay.columns == 3);
    CHECK(column(lay, 2) == 0);
    CHECK(column(lay, 3) == 0);
    CHECK(pipe_column(lay, 1) == 1);
    CHECK(column(lay, 4) == 2);
    CHECK(column(lay, 1) == 0);  // main only made the channel
    CHECK(lay.rows == std::vector<int>{3, 1, 1});
    CHECK(lay.thread(2)->at.x < lay.channel(1)->place.at.x);
    CHECK(lay.channel(1)->place.at.x < lay.thread(4)->at.x);
    CHECK(lay.thread(4)->at.y == Approx(0.5f));
    for (const auto& t : lay.threads) {
        CHECK(t.place.at.x > 0);
        CHECK(t.place.at.x < 1);
        CHECK(t.place.at.y > 0);
        CHECK(t.place.at.y < 1);
    }
}

TEST_CASE("a pipeline gets a column per stage; a loop back does not pull it apart", "[visualizer]") {
    script s;
    s.named(1, "source").named(2, "stage").named(3, "sink");
    s.created(1, 1, flavor::bounded, 1, "raw").created(1, 2, flavor::bounded, 1, "cooked").created(1, 3, flavor::bounded, 1, "acks");
    s.send(1, 1, 0, "x").recv(2, 1, 0).send(2, 2, 0, "y").recv(3, 2, 0);
    s.send(3, 3, 0, "ok").recv(1, 3, 0);  // the sink acknowledges to the source
    const viz::layout lay = viz::compute_layout(viz::timeline(s.rec));

    CHECK(column(lay, 1) == 0);
    CHECK(pipe_column(lay, 1) == 1);
    CHECK(column(lay, 2) == 2);
    CHECK(pipe_column(lay, 2) == 3);
    CHECK(column(lay, 3) == 4);
    CHECK(pipe_column(lay, 3) == 5);  // acks sits after the sink: the edge back to source is dropped
    CHECK(lay.columns == 6);
}

TEST_CASE("ping-pong between two threads lays out in order of appearance, the same every time", "[visualizer]") {
    script s;
    s.named(1, "ping").named(2, "pong");
    s.created(1, 1, flavor::rendezvous, 0, "to pong").created(1, 2, flavor::rendezvous, 0, "to ping");
    s.send_begin(1, 1, "1").recv_begin(2, 1).send_done(1, 1, 0, "1").recv_done(2, 1, 0);
    s.send_begin(2, 2, "2").recv_begin(1, 2).send_done(2, 2, 0, "2").recv_done(1, 2, 0);
    const viz::timeline tl(s.rec);
    const viz::layout a = viz::compute_layout(tl);
    const viz::layout b = viz::compute_layout(tl);

    CHECK(column(a, 1) == 0);
    CHECK(pipe_column(a, 1) == 1);
    CHECK(column(a, 2) == 2);
    CHECK(pipe_column(a, 2) == 3);
    for (std::size_t k = 0; k < a.threads.size(); ++k) CHECK(a.threads[k].place.at == b.threads[k].place.at);
    for (std::size_t k = 0; k < a.channels.size(); ++k) CHECK(a.channels[k].place.at == b.channels[k].place.at);
}

TEST_CASE("a timer sits just left of the thread that receives from it", "[visualizer]") {
    script s;
    s.named(1, "pacer").named(2, "worker");
    s.created(1, 1, flavor::timer_tick, 1, "tick").created(1, 2, flavor::bounded, 1, "jobs");
    s.recv_begin(1, 1).timer_fired(1, 1, 0).recv_done(1, 1, 0);
    s.send(1, 2, 0, "job").recv(2, 2, 0);
    const viz::layout lay = viz::compute_layout(viz::timeline(s.rec));

    CHECK(pipe_column(lay, 1) == 0);
    CHECK(column(lay, 1) == 1);
    CHECK(pipe_column(lay, 2) == 2);
    CHECK(column(lay, 2) == 3);
}

TEST_CASE("rows follow their neighbours so that lines do not cross", "[visualizer]") {
    script s;
    // p1 -> a -> k2 and p2 -> b -> k1: the consumers appear in the crossing order.
    s.named(1, "p1").named(2, "p2").named(3, "k1").named(4, "k2");
    s.created(1, 1, flavor::unbounded, -1, "a").created(2, 2, flavor::unbounded, -1, "b");
    s.recv_begin(3, 2).recv_begin(4, 1);
    s.send(1, 1, 0, "x").send(2, 2, 0, "y");
    const viz::layout lay = viz::compute_layout(viz::timeline(s.rec));

    CHECK(lay.thread(1)->row == 0);
    CHECK(lay.channel(1)->place.row == 0);
    CHECK(lay.thread(4)->row == 0);  // k2, fed by a, moves up beside it
    CHECK(lay.thread(3)->row == 1);
}

TEST_CASE("token positions: along the pipe, slot 0 at the receivers' end", "[visualizer]") {
    script s;
    s.named(1, "producer").named(2, "consumer").created(1, 1, flavor::bounded, 4, "jobs");
    s.send(1, 1, 0, "a").recv(2, 1, 0);
    const viz::layout lay = viz::compute_layout(viz::timeline(s.rec));
    const viz::placed_channel& pipe = *lay.channel(1);
    const float right = pipe.place.at.x + pipe.half_width;
    const float left = pipe.place.at.x - pipe.half_width;

    viz::token k;
    k.channel = 1;
    k.from = 1;
    k.to = 2;
    k.where = viz::leg::in_slot;
    k.slot = 0;
    CHECK(viz::token_position(lay, k, 4).x == Approx(right - pipe.half_width / 4));
    k.slot = 3;
    CHECK(viz::token_position(lay, k, 4).x == Approx(left + pipe.half_width / 4));
    k.slot = 9;  // beyond the shown slots: stacked at the senders' end
    CHECK(viz::token_position(lay, k, 4).x == Approx(left + pipe.half_width / 4));

    k.slot = 0;
    k.where = viz::leg::to_receiver;
    k.progress = 1;
    CHECK(viz::token_position(lay, k, 4) == lay.thread(2)->at);
    k.where = viz::leg::to_slot;
    k.progress = 0;
    CHECK(viz::token_position(lay, k, 4) == lay.thread(1)->at);
    k.where = viz::leg::handover;
    k.progress = 0.5f;
    CHECK(viz::token_position(lay, k, 4) == pipe.place.at);
    k.from = 0;  // the clock: starts at the pipe's senders' end
    k.progress = 0;
    CHECK(viz::token_position(lay, k, 4).x == Approx(left));
}

TEST_CASE("slots shown per flavor", "[visualizer]") {
    viz::channel_view c;
    c.flavor = flavor::bounded;
    c.capacity = 3;
    CHECK(viz::shown_slots(c) == 3);
    c.capacity = 100;
    CHECK(viz::shown_slots(c) == 8);
    c.flavor = flavor::rendezvous;
    c.capacity = 0;
    CHECK(viz::shown_slots(c) == 1);
    c.flavor = flavor::unbounded;
    c.capacity = -1;
    c.occupancy = 5;
    CHECK(viz::shown_slots(c) == 5);
    c.occupancy = 0;
    CHECK(viz::shown_slots(c) == 1);
}

TEST_CASE("event time: between event i and i+1 the move of event i is under way", "[visualizer]") {
    script s;
    s.named(1, "producer").created(1, 1, flavor::bounded, 2, "jobs");
    s.at(1'000'000).send(1, 1, 0, "a");  // a long pause before: event time skips it
    viz::timeline tl(s.rec);
    viz::cursor cur(tl);
    viz::frame f;
    const double done = 3;  // send_begin is event 2, send_done event 3
    viz::compute_frame(cur, done + 0.25, {viz::time_axis::events, 1.0}, f);
    CHECK(f.event == 3);
    REQUIRE(f.tokens.size() == 1);
    CHECK(f.tokens[0].where == viz::leg::to_slot);
    CHECK(f.tokens[0].progress == Approx(0.25));
    viz::compute_frame(cur, done + 2, {viz::time_axis::events, 1.0}, f);
    CHECK(f.tokens[0].where == viz::leg::in_slot);
    viz::compute_frame(cur, -0.5, {viz::time_axis::events, 1.0}, f);
    CHECK(f.event == -1);
    CHECK(f.tokens.empty());
}
