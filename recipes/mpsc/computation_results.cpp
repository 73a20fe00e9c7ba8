// A producer streams the results of ten computations through a bounded channel.
//
// One thread computes results one after another and sends each as soon as it is
// ready; main prints them as they arrive and stops when the producer is done and the
// channel is empty. The capacity bounds how far the producer may run ahead of the
// consumer: with room for 100 results it never waits here, and with `--capacity 1` it
// cannot run more than one result ahead: it waits whenever main has not yet taken the
// previous one (a trace shows those waits, when they happen). Capacity is how a bounded channel pushes back on a fast producer.
// The output is the same either way: one producer, and a channel keeps its order.
//
// Ports: the tokio::sync::mpsc example of tokio's sync module documentation (also
// rust_howto's async_channels_mpsc.rs).
//
// Run:   ./cookbook run computation_results
//        ./cookbook run computation_results --capacity 1 (room for one result: the
//            producer waits for the consumer)
//
// Output:
//     got = the result of computation 0
//     got = the result of computation 1
//     got = the result of computation 2
//     got = the result of computation 3
//     got = the result of computation 4
//     got = the result of computation 5
//     got = the result of computation 6
//     got = the result of computation 7
//     got = the result of computation 8
//     got = the result of computation 9
#include <cstddef>
#include <string>
#include <thread>

#include <chan/chan.hpp>
#include <chan/trace.hpp>

#include "cookbook.hpp"

// ANCHOR: example
namespace {

std::string some_computation(int input) {
    return "the result of computation " + std::to_string(input);
}

void produce(chan::sender<std::string> tx) {
    chan::trace::name_thread("producer");
    for (int i = 0; i < 10; ++i) tx.send(some_computation(i));
}

}  // namespace
// ANCHOR_END: example

int main(int argc, char** argv) {
    cookbook::args args(argc, argv, {{"capacity", 100, 0, 100, "results the channel can hold"}});

    // ANCHOR: example
    auto [tx, rx] = chan::bounded<std::string>(args.get<std::size_t>("capacity"), "results");
    std::thread producer(produce, std::move(tx));

    for (const std::string& result : rx) cookbook::println("got = ", result);
    // ANCHOR_END: example

    producer.join();
    return 0;
}
