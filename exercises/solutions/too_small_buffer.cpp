// Exercise 11, solved: main reads the results while the worker sends them, and joins
// the worker afterwards. (A channel with room for all five results works too.)
#include <chan/chan.hpp>

#include <cstdio>
#include <thread>
#include <utility>

int main() {
    chan::trace::name_thread("main");

    auto [results_tx, results_rx] = chan::bounded<int>(1, "results");

    std::thread worker([results = std::move(results_tx)] {
        chan::trace::name_thread("worker");
        for (int n = 1; n <= 5; ++n) results.send(n * n);
    });

    int total = 0;
    for (int r : results_rx) {  // ends when the worker, and its sender, are gone
        std::printf("result %d\n", r);
        total += r;
    }
    std::printf("total %d\n", total);

    worker.join();  // it has sent everything by now
    return 0;
}
