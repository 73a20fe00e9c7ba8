// Exercise 03, solved: the worker sends on "done" when its work is over; main waits for it.
#include <chan/chan.hpp>

#include <chrono>
#include <cstdio>
#include <thread>
#include <utility>

int main() {
    chan::trace::name_thread("main");

    auto [done_tx, done_rx] = chan::bounded<bool>(1, "done");

    std::thread worker([done = std::move(done_tx)] {
        chan::trace::name_thread("worker");
        std::printf("working...\n");
        std::this_thread::sleep_for(std::chrono::milliseconds(100));  // the work
        std::printf("done\n");
        done.send(true);  // room for one: the worker does not wait for main
    });

    done_rx.recv();  // blocks until the worker's signal arrives
    std::printf("worker finished\n");
    worker.join();
    return 0;
}
