// One producer fills an unbounded channel, pausing between sends; main reads afterwards.
//
// A send on an unbounded channel never waits, so a producer is never held back by a
// slow (here: absent) consumer. Main lets the producer finish all five sends before
// receiving anything: the messages wait in the channel, which grows to hold them.
// That is the trade an unbounded channel makes: the producer never blocks, and memory
// is what absorbs the difference in speed. Main receives exactly as many messages as
// were sent, so it does not depend on the channel being disconnected.
//
// Ports: the crossbeam-channel single-producer single-consumer example of rust_howto
// (crossbeam_spsc.rs), from the Rust Cookbook.
//
// Run:   ./cookbook run spsc_unbounded
//        ./cookbook run spsc_unbounded --messages 8 (more messages, all buffered before
//            main reads)
//
// Output:
//     5 messages waiting in the channel
//     Received 0
//     Received 1
//     Received 2
//     Received 3
//     Received 4
#include <chrono>
#include <thread>

#include <chan/chan.hpp>
#include <chan/trace.hpp>

#include "cookbook.hpp"

// ANCHOR: example
namespace {

void produce(chan::sender<int> tx, int messages, std::chrono::milliseconds pause) {
    chan::trace::name_thread("producer");
    for (int i = 0; i < messages; ++i) {
        tx.send(i);
        std::this_thread::sleep_for(pause);
    }
}

}  // namespace
// ANCHOR_END: example

int main(int argc, char** argv) {
    cookbook::args args(argc, argv,
                        {{"messages", 5, 1, 20, "messages to send"},
                         {"pause-ms", 50, 0, 500, "pause after each send"}});
    const int messages = args.get("messages");

    // ANCHOR: example
    auto [tx, rx] = chan::unbounded<int>("numbers");
    std::thread producer(produce, tx, messages, args.get<std::chrono::milliseconds>("pause-ms"));
    producer.join();  // every send has completed, though nobody has received yet

    cookbook::println(rx.size(), " messages waiting in the channel");
    for (int i = 0; i < messages; ++i) cookbook::println("Received ", rx.recv().value());
    // ANCHOR_END: example
    return 0;
}

// Checks:
//     takes 0.25..10 s
