// A ticker thread acts on every tick until main tells it to stop.
//
// `chan::tick(d)` delivers a message every d, for as long as anyone receives from
// it. The ticker thread waits on the ticks and on a done channel at once; main lets
// it tick for 350 ms, then sends on done. The done channel is a rendezvous channel,
// so main's send returns only when the ticker thread has taken the message: after
// that it prints no more ticks.
//
// Ports: Go by Example, "Tickers".
//
// Run:   ./cookbook run tickers
//        ./cookbook run tickers --run-ms 1000 (more ticks before main stops the ticker)
//
// Possible output:
//     tick at 100 ms
//     tick at 200 ms
//     tick at 300 ms
//     ticker stopped
// Each line shows when its tick was due, so the times fall on multiples of the
// period: the schedule does not drift, however late the thread gets to a tick. A slow
// machine may print fewer ticks (a receiver that falls behind finds one tick waiting,
// not all it missed) or one more. What cannot vary: the times grow, and "ticker
// stopped" comes last.
#include <chrono>
#include <thread>

#include <chan/chan.hpp>
#include <chan/trace.hpp>

#include "cookbook.hpp"

// ANCHOR: example
namespace {

// Prints each tick's scheduled time, counted from `start`, until done.
void tick_until_done(chan::receiver<chan::instant> ticker, chan::receiver<bool> done,
                     chan::instant start) {
    chan::trace::name_thread("ticker");
    for (bool running = true; running;) {
        chan::select(
            chan::on_recv(done, [&](auto) { running = false; }),
            chan::on_recv(ticker, [&](chan::recv_result<chan::instant> t) {
                const auto at = std::chrono::duration_cast<std::chrono::milliseconds>(*t - start);
                cookbook::println("tick at ", at.count(), " ms");
            }));
    }
}

}  // namespace
// ANCHOR_END: example

int main(int argc, char** argv) {
    cookbook::args args(argc, argv,
                        {{"tick-ms", 100, 10, 1000, "the ticker's period"},
                         {"run-ms", 350, 0, 3000, "how long main lets it tick"}});

    // ANCHOR: example
    const auto start = chan::clock::now();
    auto ticker = chan::tick(args.get<std::chrono::milliseconds>("tick-ms"), "ticker");
    auto [done_tx, done_rx] = chan::bounded<bool>(0, "done");
    std::thread t(tick_until_done, std::move(ticker), std::move(done_rx), start);

    std::this_thread::sleep_for(args.get<std::chrono::milliseconds>("run-ms"));
    done_tx.send(true);  // returns once the ticker thread has it
    cookbook::println("ticker stopped");
    // ANCHOR_END: example

    t.join();
    return 0;
}

// Checks:
//     count 1..4 /^tick at/
//     every /^(tick at [1-9]\d{2,} ms|ticker stopped)$/
//     increasing /^tick at (\d+) ms$/
//     last /^ticker stopped$/
//     takes 0.35..10 s
