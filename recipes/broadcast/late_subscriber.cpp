// Every receiver of a broadcast gets every message; a late subscriber only what comes after.
//
// On a broadcast channel each message goes to all receivers, not to one of them.
// Two broadcaster threads send two messages each; receivers A and B exist from the
// start and receive all four. C subscribes with `tx.subscribe()` after the
// broadcasters are done: it sees only what is sent from then on, the last message.
// This broadcast is lossless: a sender waits while the slowest receiver is
// `capacity` messages behind, so no receiver misses anything. Receivers stop when
// every sender is gone and they have read what was sent to them.
//
// Ports: the postage broadcast example of rust_howto (postage.rs).
//
// Run:   ./cookbook run late_subscriber
//        ./cookbook run late_subscriber --capacity 1 (each send waits until both A and
//            B took the previous message)
//
// Possible output:
//     sent: broadcaster 1's message 0
//     sent: broadcaster 2's message 0
//     A received: broadcaster 1's message 0
//     B received: broadcaster 1's message 0
//     A received: broadcaster 2's message 0
//     B received: broadcaster 2's message 0
//     sent: broadcaster 1's message 1
//     sent: broadcaster 2's message 1
//     A received: broadcaster 1's message 1
//     A received: broadcaster 2's message 1
//     B received: broadcaster 1's message 1
//     B received: broadcaster 2's message 1
//     sent: last message
//     C received: last message
//     A received: last message
//     B received: last message
// The interleaving varies from run to run (main may even print "sent: last message"
// after the receivers print it). What cannot vary: A and B each receive all five
// messages, each broadcaster's in the order sent; C receives only the last, which is
// what the last line is about.
#include <chrono>
#include <cstddef>
#include <string>
#include <thread>
#include <vector>

#include <chan/chan.hpp>
#include <chan/trace.hpp>

#include "cookbook.hpp"

// ANCHOR: example
namespace {

void broadcaster(int id, chan::broadcast_sender<std::string> tx, std::chrono::milliseconds pause) {
    chan::trace::name_thread("broadcaster " + std::to_string(id));
    for (int i = 0; i < 2; ++i) {
        const std::string message =
            "broadcaster " + std::to_string(id) + "'s message " + std::to_string(i);
        tx.send(message);
        cookbook::println("sent: ", message);
        std::this_thread::sleep_for(pause);
    }
}

void receiver(std::string name, chan::broadcast_receiver<std::string> rx) {
    chan::trace::name_thread("receiver " + name);
    for (const std::string& message : rx) cookbook::println(name, " received: ", message);
}

}  // namespace
// ANCHOR_END: example

int main(int argc, char** argv) {
    cookbook::args args(argc, argv,
                        {{"capacity", 10, 1, 10, "messages a receiver may fall behind"},
                         {"pause-ms", 10, 0, 500, "pause after each broadcast"}});
    const auto pause = args.get<std::chrono::milliseconds>("pause-ms");

    // ANCHOR: example
    auto [tx, rx] = chan::broadcast<std::string>(args.get<std::size_t>("capacity"), "news");

    std::vector<std::thread> threads;
    threads.emplace_back(receiver, "A", rx);  // a copy of a receiver starts where it is
    threads.emplace_back(receiver, "B", std::move(rx));
    std::thread broadcaster1(broadcaster, 1, tx, pause);
    std::thread broadcaster2(broadcaster, 2, tx, pause);
    broadcaster1.join();
    broadcaster2.join();

    // C sees only what is sent after it subscribed.
    threads.emplace_back(receiver, "C", tx.subscribe());
    tx.send("last message");
    cookbook::println("sent: last message");
    tx = {};  // the last sender goes: receivers end once they have read everything
    // ANCHOR_END: example

    for (std::thread& t : threads) t.join();
    return 0;
}

// Checks:
//     lines 16
//     count 5 /^A received: /
//     count 5 /^B received: /
//     count 1 /^C received: /
//     count 1 /^C received: last message$/
//     in order /^A received: broadcaster 1's message \d$/
//     in order /^A received: broadcaster 2's message \d$/
//     in order /^B received: broadcaster 1's message \d$/
//     in order /^B received: broadcaster 2's message \d$/
//     last /: last message$/
