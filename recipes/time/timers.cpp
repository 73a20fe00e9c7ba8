// A timer fires once; a thread waiting on a timer can be told to stop waiting.
//
// `chan::after(d)` is a receiver that gets one message d from now: receiving from it
// waits until then. Nothing runs behind a timer, so stopping one means no longer
// waiting on it. A thread that should give up early waits on the timer and on a stop
// channel at once; closing the stop channel makes that receive ready (a closed
// channel is always ready), so the thread leaves without the timer ever firing.
//
// Ports: Go by Example, "Timers".
//
// Run:   ./cookbook run timers
//        ./cookbook run timers --timer1-ms 1000 (the first timer fires later)
//
// Output:
//     timer 1 fired
//     timer 2 stopped
#include <chrono>
#include <thread>

#include <chan/chan.hpp>
#include <chan/trace.hpp>

#include "cookbook.hpp"

using namespace std::chrono_literals;

int main(int argc, char** argv) {
    cookbook::args args(argc, argv, {{"timer1-ms", 200, 0, 2000, "when the first timer fires"}});

    // ANCHOR: example
    auto timer1 = chan::after(args.get<std::chrono::milliseconds>("timer1-ms"), "timer 1");
    timer1.recv();  // waits until the timer fires
    cookbook::println("timer 1 fired");

    auto timer2 = chan::after(1s, "timer 2");
    auto [stop_tx, stop] = chan::bounded<bool>(0, "stop");
    std::thread waiter(
        [](chan::receiver<chan::instant> timer, chan::receiver<bool> stop_rx) {
            chan::trace::name_thread("waiter");
            chan::select(chan::on_recv(timer, [](auto) { cookbook::println("timer 2 fired"); }),
                         chan::on_recv(stop_rx, [](auto) {}));
        },
        std::move(timer2), std::move(stop));

    stop_tx.close();  // the waiter stops waiting at once
    waiter.join();
    cookbook::println("timer 2 stopped");
    // ANCHOR_END: example
    return 0;
}

// Checks:
//     takes 0.2..10 s
