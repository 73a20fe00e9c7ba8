// On a rendezvous channel (capacity 0) every send waits until a receiver takes the message.
//
// `chan::bounded<T>(0)` stores nothing: a send completes only when a receiver takes
// the message from the sender's hands, so sender and receiver meet at every message.
// Two producers share one consumer here; each producer's sends are spaced by the
// consumer's pace, never running ahead of it. Try `--capacity 3` to let the producers
// run ahead into a buffer, and compare the two traces.
//
// Ports: the kanal example of rust_howto (kanal.rs).
//
// Run:   ./cookbook run rendezvous
//        ./cookbook run rendezvous --capacity 3 (a buffered channel: producers run
//            ahead of the consumer)
//
// Possible output:
//     producer 1 sent: 0
//     consumer received: 0
//     consumer received: 0
//     producer 2 sent: 0
//     producer 1 sent: 1
//     consumer received: 1
//     consumer received: 1
//     producer 2 sent: 1
//     producer 1 sent: 2
//     consumer received: 2
//     consumer received: 2
//     producer 2 sent: 2
//     producer 1 sent: 3
//     consumer received: 3
//     consumer received: 3
//     producer 2 sent: 3
//     producer 1 sent: 4
//     consumer received: 4
//     consumer received: 4
//     producer 2 sent: 4
// The order in which the two producers get through, and whether a producer's line or
// the consumer's line comes first, vary from run to run. What cannot vary: each
// producer sends 0 to 4 in order, and the consumer receives all ten numbers.
#include <cstddef>
#include <string>
#include <thread>

#include <chan/chan.hpp>
#include <chan/trace.hpp>

#include "cookbook.hpp"

// ANCHOR: example
namespace {

void producer(int id, chan::sender<int> tx) {
    chan::trace::name_thread("producer " + std::to_string(id));
    for (int i = 0; i < 5; ++i) {
        tx.send(i);  // returns once the consumer has the number
        cookbook::println("producer ", id, " sent: ", i);
    }
}

void consumer(chan::receiver<int> rx) {
    chan::trace::name_thread("consumer");
    for (int value : rx) cookbook::println("consumer received: ", value);
}

}  // namespace
// ANCHOR_END: example

int main(int argc, char** argv) {
    cookbook::args args(argc, argv, {{"capacity", 0, 0, 10, "messages the channel can hold"}});

    // ANCHOR: example
    auto [tx, rx] = chan::bounded<int>(args.get<std::size_t>("capacity"), "numbers");

    std::thread producer1(producer, 1, tx);
    std::thread producer2(producer, 2, std::move(tx));  // the producers own every sender
    std::thread receiver(consumer, std::move(rx));
    // ANCHOR_END: example

    producer1.join();
    producer2.join();
    receiver.join();
    return 0;
}

// Checks:
//     lines 20
//     in order /^producer 1 sent: \d$/
//     in order /^producer 2 sent: \d$/
//     count 2 /^consumer received: 0$/
//     count 2 /^consumer received: 4$/
//     count 10 /^consumer received: [0-4]$/
