// Two producer threads send words, with pauses, to one consumer that stops at disconnection.
//
// A channel may have many senders: copying a sender adds one. The consumer loops on
// `recv()` until it reports `disconnected`, which happens only when every sender is
// gone, so each producer owns its sender and destroys it by finishing. Main keeps no
// sender of its own: if it did, the loop would wait for it forever. The channel is
// unbounded, like Rust's `mpsc::channel()`: a send never waits.
//
// Ports: the std::sync::mpsc example of rust_howto (message_passing_mpsc.rs), from
// the Rust Book's "Using Message Passing to Transfer Data Between Threads".
//
// Run:   ./cookbook run two_producers
//        ./cookbook run two_producers --pause-ms 300 (longer pauses between the words)
//
// Possible output:
//     Got: hi
//     Got: more
//     Got: hi again
//     Got: messages
// The two producers' words interleave differently from run to run. What cannot vary:
// every word arrives once, each producer's words arrive in the order it sent them,
// and the loop ends only after both producers are done (two pauses of 100 ms each).
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <chan/chan.hpp>
#include <chan/trace.hpp>

#include "cookbook.hpp"

// ANCHOR: example
namespace {

void produce(std::string name, chan::sender<std::string> tx, std::vector<std::string> words,
             std::chrono::milliseconds pause) {
    chan::trace::name_thread(name);
    for (std::string& word : words) {
        tx.send(std::move(word));
        std::this_thread::sleep_for(pause);
    }
}  // `tx` is destroyed here: one sender fewer

}  // namespace
// ANCHOR_END: example

int main(int argc, char** argv) {
    cookbook::args args(argc, argv, {{"pause-ms", 100, 0, 2000, "pause after each send"}});
    const auto pause = args.get<std::chrono::milliseconds>("pause-ms");

    // ANCHOR: example
    auto [tx, rx] = chan::unbounded<std::string>("words");
    chan::sender<std::string> tx2 = tx;  // a second sender for the second producer

    using words = std::vector<std::string>;
    std::thread first(produce, "producer 1", std::move(tx), words{"hi", "hi again"}, pause);
    std::thread second(produce, "producer 2", std::move(tx2), words{"more", "messages"}, pause);

    // Ends when both senders are gone and every word has been received.
    while (auto message = rx.recv()) cookbook::println("Got: ", *message);
    // ANCHOR_END: example

    first.join();
    second.join();
    return 0;
}

// Checks:
//     any order
//     in order /^Got: (hi|hi again)$/
//     in order /^Got: (more|messages)$/
//     takes 0.2..10 s
