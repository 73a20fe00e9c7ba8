// A ticker fires every 50 ms inside a select loop that ends when a one-second timer fires.
//
// `chan::tick(d)` is a receiver that gets a message every d; `chan::after(d)` gets
// one message after d. Both are ordinary receivers, so a select can wait on them
// together with any other channel. No thread runs behind them: the time is the
// sender. A receiver that falls behind a ticker finds at most one tick waiting (the
// ones in between are dropped), and the schedule never drifts.
//
// Ports: the crossbeam-channel after/tick example of rust_howto
// (message_passing_crossbeam_channel_after_tick.rs).
//
// Run:   ./cookbook run tick_and_after
//        ./cookbook run tick_and_after --tick-ms 200 (a slower ticker: fewer ticks in the second)
//
// Possible output:
//     elapsed: 50 ms
//     elapsed: 100 ms
//     elapsed: 150 ms
//     elapsed: 200 ms
//     elapsed: 250 ms
//     elapsed: 300 ms
//     elapsed: 350 ms
//     elapsed: 400 ms
//     elapsed: 450 ms
//     elapsed: 500 ms
//     elapsed: 550 ms
//     elapsed: 600 ms
//     elapsed: 650 ms
//     elapsed: 700 ms
//     elapsed: 750 ms
//     elapsed: 800 ms
//     elapsed: 850 ms
//     elapsed: 900 ms
//     elapsed: 950 ms
// The printed times are a little late by varying amounts, and whether a tick is
// printed at 1000 ms (when both are due) varies; on a busy machine, ticks missed while
// the loop was late are dropped, so fewer lines may come. What cannot vary: the times
// grow, no tick comes early, and the loop ends after one second.
#include <chrono>

#include <chan/chan.hpp>

#include "cookbook.hpp"

int main(int argc, char** argv) {
    cookbook::args args(argc, argv,
                        {{"tick-ms", 50, 10, 500, "the ticker's period"},
                         {"after-ms", 1000, 100, 5000, "when the loop ends"}});

    // ANCHOR: example
    const auto start = chan::clock::now();
    auto ticker = chan::tick(args.get<std::chrono::milliseconds>("tick-ms"), "ticker");
    auto timeout = chan::after(args.get<std::chrono::milliseconds>("after-ms"), "timeout");

    for (bool done = false; !done;) {
        chan::select(
            chan::on_recv(ticker, [&](chan::recv_result<chan::instant>) {
                const auto elapsed = chan::clock::now() - start;
                const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(elapsed);
                cookbook::println("elapsed: ", ms.count(), " ms");
            }),
            chan::on_recv(timeout, [&](chan::recv_result<chan::instant>) { done = true; }));
    }
    // ANCHOR_END: example
    return 0;
}

// Checks:
//     lines 1..20
//     every /^elapsed: ([5-9]\d|\d{3,}) ms$/
//     increasing /^elapsed: (\d+) ms$/
//     takes 1..10 s
