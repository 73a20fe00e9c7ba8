// Exercise 16, solved: each receive waits for the ticker's next delivery, 20 ms apart.
// A ticker has no thread of its own: dropping its receiver is all that stopping it takes.
#include <chan/chan.hpp>

#include <chrono>
#include <cstdio>

using namespace std::chrono_literals;

int main() {
    chan::trace::name_thread("main");

    auto ticker = chan::tick(20ms, "ticker");

    for (int n = 1; n <= 3; ++n) {
        ticker.recv();  // waits for the next delivery
        std::printf("tick %d\n", n);
    }

    ticker = {};  // stopped: no receiver is left
    std::printf("ticker stopped\n");
    return 0;
}
