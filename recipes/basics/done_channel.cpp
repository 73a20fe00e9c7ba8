// A worker tells main it has finished by sending on a "done" channel.
//
// Main starts a worker and must not go on until the work is finished. The worker
// says so by sending one message; main waits for it with `recv()`, which blocks until
// the message arrives. The channel has room for that one message, so the worker never
// waits for main to pick it up: it signals and moves on. (Joining the thread would
// also wait, but only for the thread's end; a done message can report the work's end
// while the thread goes on with something else, or come from a thread main does not
// own.)
//
// Ports: Go by Example, "Channel Synchronization".
//
// Run:   ./cookbook run done_channel
//        ./cookbook run done_channel --work-ms 500 (main waits longer for the done
//            message)
//
// Output:
//     working...
//     done
//     main: the worker is done
#include <chrono>
#include <thread>

#include <chan/chan.hpp>
#include <chan/trace.hpp>

#include "cookbook.hpp"

// ANCHOR: example
namespace {

void work(chan::sender<bool> done, std::chrono::milliseconds how_long) {
    chan::trace::name_thread("worker");
    cookbook::println("working...");
    std::this_thread::sleep_for(how_long);
    cookbook::println("done");
    done.send(true);
}

}  // namespace
// ANCHOR_END: example

int main(int argc, char** argv) {
    cookbook::args args(argc, argv, {{"work-ms", 100, 0, 2000, "how long the work takes"}});

    // ANCHOR: example
    auto [done_tx, done_rx] = chan::bounded<bool>(1, "done");
    std::thread worker(work, std::move(done_tx), args.get<std::chrono::milliseconds>("work-ms"));

    done_rx.recv();  // blocks until the worker says it is done
    cookbook::println("main: the worker is done");
    // ANCHOR_END: example

    worker.join();
    return 0;
}

// Checks:
//     takes 0.1..10 s
