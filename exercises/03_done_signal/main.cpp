// Exercise 03: tell main the work is done.
//
// Main must not report that the worker finished before it has. Make a channel named
// "done"; the worker sends on it when its work is over, and main waits for that
// message before it prints "worker finished".
//
// Check it:  ./cookbook exercise done_signal
#include <chan/chan.hpp>

#include <chrono>
#include <cstdio>
#include <thread>

int main() {
    chan::trace::name_thread("main");

    // TODO: make a channel of bool named "done", with room for one message:
    //       the worker can then signal and go on without waiting for main.

    std::thread worker([] {
        chan::trace::name_thread("worker");
        std::printf("working...\n");
        std::this_thread::sleep_for(std::chrono::milliseconds(100));  // the work
        std::printf("done\n");
        // TODO: signal main: send true on the done channel. (Capture the sender first.)
    });

    // TODO: wait here for the worker's signal: receive from the done channel.

    std::printf("worker finished\n");
    worker.join();
    return 0;
}
