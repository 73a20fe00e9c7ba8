// A selector waits on a list of receivers known only at run time.
//
// `chan::select(...)` takes a fixed set of arms. When the number of channels comes
// from the program's input, build a `chan::selector` instead: add one receive per
// channel, then `select()` waits until one is ready and claims it, and
// `op.recv(rx)` completes it with the receiver added at `op.index()`. A finished
// channel is removed from the selector, and the loop ends when none is left. Each
// producer here has its own channel and its own pace.
//
// Ports: crossbeam-channel's `Select` (dynamic select) in the style of the flume
// Selector example of rust_howto (flume.rs).
//
// Run:   ./cookbook run dynamic_selector
//        ./cookbook run dynamic_selector --producers 5 (five receivers in the selector)
//
// Possible output:
//     from producer 1: 1
//     from producer 2: 1
//     from producer 1: 2
//     from producer 3: 1
//     from producer 1: 3
//     producer 1 finished
//     from producer 2: 2
//     from producer 3: 2
//     from producer 2: 3
//     producer 2 finished
//     from producer 3: 3
//     producer 3 finished
//     all producers finished
// How the producers interleave varies from run to run. What cannot vary: each
// producer's numbers arrive in order, then its end, and the last line comes last.
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <chan/chan.hpp>
#include <chan/trace.hpp>

#include "cookbook.hpp"

// ANCHOR: example
namespace {

void produce(int id, chan::sender<int> tx, int messages, std::chrono::milliseconds pause) {
    chan::trace::name_thread("producer " + std::to_string(id));
    for (int i = 1; i <= messages; ++i) {
        std::this_thread::sleep_for(pause * id);  // producer 1 is the fastest
        tx.send(i);
    }
}

}  // namespace
// ANCHOR_END: example

int main(int argc, char** argv) {
    cookbook::args args(argc, argv,
                        {{"producers", 3, 1, 8, "producer threads, each with its own channel"},
                         {"messages", 3, 1, 10, "messages each producer sends"},
                         {"pause-ms", 20, 0, 200, "pause of producer 1 (producer n: n times it)"}});
    const int producers = args.get("producers");
    const auto pause = args.get<std::chrono::milliseconds>("pause-ms");

    // ANCHOR: example
    std::vector<chan::receiver<int>> channels;
    std::vector<std::thread> threads;
    for (int id = 1; id <= producers; ++id) {
        auto [tx, rx] = chan::bounded<int>(1, "from producer " + std::to_string(id));
        threads.emplace_back(produce, id, std::move(tx), args.get("messages"), pause);
        channels.push_back(std::move(rx));
    }

    // Operation i receives from channels[i]. The selector does not own the receivers:
    // they must outlive it.
    chan::selector selector;
    for (chan::receiver<int>& rx : channels) selector.recv(rx);

    while (selector.size() > 0) {
        chan::selected_operation op = selector.select();
        const std::size_t i = op.index();
        if (auto r = op.recv(channels[i])) {
            cookbook::println("from producer ", i + 1, ": ", *r);
        } else {
            cookbook::println("producer ", i + 1, " finished");
            selector.remove(i);
        }
    }
    cookbook::println("all producers finished");
    // ANCHOR_END: example

    for (std::thread& t : threads) t.join();
    return 0;
}

// Checks:
//     lines 13
//     in order /^(from producer 1: \d|producer 1 finished)$/
//     in order /^(from producer 2: \d|producer 2 finished)$/
//     in order /^(from producer 3: \d|producer 3 finished)$/
//     last /^all producers finished$/
