// Three producers and two consumers share a bounded(2) channel; main counts handles and closes it.
//
// Every handle counts: `sender_count()` and `receiver_count()` include main's own.
// With room for only two messages, the producers cannot finish before consumers
// exist, so the counts main prints are exact. `size()` tells how many messages wait
// in the channel at this instant. Main closes the channel once the producers are
// done: the consumers still receive everything buffered, then their loops end, and
// a receive after that fails at once with `disconnected`.
//
// Ports: the async-channel example of rust_howto (async_channel.rs).
//
// Run:   ./cookbook run counts_and_close
//        ./cookbook run counts_and_close --pause-ms 0 (no pauses: the lines interleave
//            differently)
//
// Possible output:
//     try_recv before anything is sent: empty
//     senders: 4
//     receivers: 3
//     consumer 1 received producer 1: message 0
//     consumer 2 received producer 2: message 0
//     consumer 1 received producer 3: message 0
//     consumer 2 received producer 1: message 1
//     consumer 1 received producer 2: message 1
//     consumer 2 received producer 3: message 1
//     consumer 1 received producer 1: message 2
//     consumer 2 received producer 2: message 2
//     consumer 1 received producer 3: message 2
//     consumer 2 received producer 1: message 3
//     consumer 1 received producer 2: message 3
//     consumer 2 received producer 3: message 3
//     consumer 1 received producer 1: message 4
//     consumer 2 received producer 2: message 4
//     producers done, 1 message(s) still in the channel
//     closed: true
//     consumer 1 received producer 3: message 4
//     consumer 1 finished: disconnected
//     consumer 2 finished: disconnected
//     empty at the end: true
// Which consumer receives which message, the interleaving, and how many messages are
// still buffered when the producers finish (0 to 2) vary from run to run. What cannot
// vary: the counts, every one of the 15 messages received exactly once, and the end.
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <chan/chan.hpp>
#include <chan/trace.hpp>

#include "cookbook.hpp"

// ANCHOR: example
namespace {

void producer(int id, chan::sender<std::string> tx, std::chrono::milliseconds pause) {
    chan::trace::name_thread("producer " + std::to_string(id));
    for (int i = 0; i < 5; ++i) {
        // Waits while the channel is full; fails only if the channel was closed.
        if (!tx.send("producer " + std::to_string(id) + ": message " + std::to_string(i))) return;
        std::this_thread::sleep_for(pause * id);  // producers work at different speeds
    }
}

void consumer(int id, chan::receiver<std::string> rx, std::chrono::milliseconds pause) {
    chan::trace::name_thread("consumer " + std::to_string(id));
    for (const std::string& message : rx) {
        cookbook::println("consumer ", id, " received ", message);
        std::this_thread::sleep_for(pause * 3);  // consuming is slower than producing
    }
    cookbook::println("consumer ", id, " finished: ", rx.try_recv().status());
}

}  // namespace
// ANCHOR_END: example

int main(int argc, char** argv) {
    cookbook::args args(argc, argv, {{"pause-ms", 10, 0, 100, "the unit of every pause"}});
    const auto pause = args.get<std::chrono::milliseconds>("pause-ms");

    // ANCHOR: example
    auto [tx, rx] = chan::bounded<std::string>(2, "messages");
    cookbook::println("try_recv before anything is sent: ", rx.try_recv().status());

    std::vector<std::thread> producers, consumers;
    for (int id = 1; id <= 3; ++id) producers.emplace_back(producer, id, tx, pause);
    cookbook::println("senders: ", tx.sender_count());  // main's own and one per producer

    for (int id = 1; id <= 2; ++id) consumers.emplace_back(consumer, id, rx, pause);
    cookbook::println("receivers: ", rx.receiver_count());

    for (std::thread& p : producers) p.join();
    cookbook::println("producers done, ", tx.size(), " message(s) still in the channel");

    tx.close();  // no more messages; the consumers drain what is left
    cookbook::println("closed: ", rx.is_disconnected());

    for (std::thread& c : consumers) c.join();
    cookbook::println("empty at the end: ", rx.empty());
    // ANCHOR_END: example
    return 0;
}

// Checks:
//     lines 23
//     first /^try_recv before anything is sent: empty$/
//     count 1 /^senders: 4$/
//     count 1 /^receivers: 3$/
//     count 15 /^consumer [12] received producer [1-3]: message [0-4]$/
//     unique /producer [1-3]: message [0-4]/
//     count 1 /^producers done, [0-2] message\(s\) still in the channel$/
//     in order /^(producers done|closed: true)/
//     count 2 /^consumer [12] finished: disconnected$/
//     last /^empty at the end: true$/
