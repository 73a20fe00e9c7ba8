// Exercise 16: a loop paced by a ticker.
//
// chan::tick(period, name) is a receiver that gets a message every period, on a fixed
// schedule. Print "tick 1" to "tick 3", one every 20 ms, each when the ticker delivers,
// then stop the ticker.
//
// Check it:  ./cookbook exercise ticker_loop
#include <chan/chan.hpp>

#include <chrono>
#include <cstdio>

using namespace std::chrono_literals;

int main() {
    chan::trace::name_thread("main");

    // TODO: make a ticker named "ticker" that delivers every 20 ms:
    //       auto ticker = chan::tick(20ms, "ticker");

    for (int n = 1; n <= 3; ++n) {
        // TODO: wait for the ticker's next delivery (receive from it) before printing.
        std::printf("tick %d\n", n);
    }

    // TODO: stop the ticker: drop its receiver (ticker = {};). Nobody can receive from
    //       it any more, and nothing keeps it running.
    std::printf("ticker stopped\n");
    return 0;
}
