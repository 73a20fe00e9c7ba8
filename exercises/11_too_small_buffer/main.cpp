// Exercise 11: fix a program that never ends.
//
// A worker computes five results and sends each on "results", which has room for one.
// Main waits for the worker to finish, then reads the results. It hangs. Find out who
// waits for whom, and fix it.
//
// Check it:  ./cookbook exercise too_small_buffer
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

    worker.join();  // wait until the worker has sent everything

    int total = 0;
    for (int r : results_rx) {
        std::printf("result %d\n", r);
        total += r;
    }
    std::printf("total %d\n", total);
    return 0;
}
