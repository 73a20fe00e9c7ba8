// A producer feeds two workers, which feed a sink, over bounded(1) channels.
//
// Each stage ends when the stage before it is done: a range-for over a receiver stops
// when every sender of that channel is gone. So the producer's sender must go when it
// has sent everything (it is destroyed with the producer's thread), each worker owns
// a copy of the sink channel's sender, and main destroys its own copy at once: keep it
// and the sink would wait forever. Destroying a handle is not `close()`: closing the
// results channel would cut off the workers that still hold a sender. Capacity 1
// keeps each stage at most one message ahead of the next.
//
// Ports: the crossbeam-channel "complex" example of rust_howto (crossbeam_complex.rs),
// from the Rust Cookbook.
//
// Run:   ./cookbook run pipeline
//        ./cookbook run pipeline --messages 8 (eight messages through the same two
//            workers)
//
// Possible output:
//     source sent 0
//     source sent 1
//     worker 1 received 0
//     source sent 2
//     worker 2 received 1
//     sink received 0
//     worker 1 received 2
//     sink received 2
//     source sent 3
//     sink received 4
//     worker 2 received 3
//     sink received 6
// The interleaving, and which worker takes which message, vary from run to run. What
// cannot vary: the source sends 0 to 3 in order, each message is worked on once, and
// the sink receives each doubled value exactly once.
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <chan/chan.hpp>
#include <chan/trace.hpp>

#include "cookbook.hpp"

// ANCHOR: example
namespace {

void source(chan::sender<int> out, int messages) {
    chan::trace::name_thread("source");
    for (int i = 0; i < messages; ++i) {
        out.send(i);
        cookbook::println("source sent ", i);
    }
}  // `out` is destroyed: the workers' loops can end

void worker(int id, chan::receiver<int> in, chan::sender<int> out,
            std::chrono::milliseconds delay) {
    chan::trace::name_thread("worker " + std::to_string(id));
    std::this_thread::sleep_for(delay);  // a slow start: the source fills the channel
    for (int message : in) {
        cookbook::println("worker ", id, " received ", message);
        out.send(message * 2);
    }
}

}  // namespace
// ANCHOR_END: example

int main(int argc, char** argv) {
    cookbook::args args(argc, argv,
                        {{"messages", 4, 1, 20, "messages the source sends"},
                         {"workers", 2, 1, 8, "worker threads"},
                         {"delay-ms", 100, 0, 1000, "how long the workers wait before starting"}});

    // ANCHOR: example
    auto [to_workers, from_source] = chan::bounded<int>(1, "work");
    auto [to_sink, from_workers] = chan::bounded<int>(1, "results");

    std::vector<std::thread> threads;
    threads.emplace_back(source, std::move(to_workers), args.get("messages"));
    const auto delay = args.get<std::chrono::milliseconds>("delay-ms");
    for (int id = 1; id <= args.get("workers"); ++id) {
        threads.emplace_back(worker, id, from_source, to_sink, delay);
    }
    to_sink = {};  // only the workers may keep the sink's channel open

    for (int result : from_workers) cookbook::println("sink received ", result);
    // ANCHOR_END: example

    for (std::thread& t : threads) t.join();
    return 0;
}

// Checks:
//     lines 12
//     in order /^source sent \d$/
//     count 4 /^worker [12] received [0-3]$/
//     unique /^worker \d received (\d)$/
//     count 4 /^sink received [0246]$/
//     unique /^sink received \d$/
//     takes 0.1..10 s
