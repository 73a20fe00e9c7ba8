// Sends and receives that give up after a timeout, on a bounded(2) channel, until disconnection.
//
// `send_for(v, d)` waits at most d for room and `recv_for(d)` at most d for a message;
// each then reports `timeout` instead of waiting on. A failed send hands the message
// back, so nothing is lost without the sender knowing. The producer here sends each
// number with a plain `send` (it waits as long as needed) and each number plus 10
// with a 5 ms patience: whether those fit depends on how quickly the slow consumer
// makes room. The consumer gives each receive 10 ms, and would print a timeout if the
// producer fell that far behind (here the producer is the fast one, so it rarely
// does); its loop ends at `disconnected`: the producer is done, main has dropped its
// sender, and the channel is empty.
//
// Ports: the flume example of rust_howto (flume.rs).
//
// Run:   ./cookbook run send_recv_timeouts
//        ./cookbook run send_recv_timeouts --patience-ms 0 (no patience: a number plus
//            10 gets in only if the channel has room at that instant; 11 always
//            does, most of the others are handed back)
//
// Possible output:
//     produced 1
//     produced 11
//     consumed 1
//     produced 2
//     send timed out, 12 handed back
//     consumed 11
//     produced 3
//     consumed 2
//     send timed out, 13 handed back
//     consumed 3
//     produced 4
//     produced 14
//     consumed 4
//     produced 5
//     send timed out, 15 handed back
//     producer finished
//     consumed 14
//     disconnected: true
//     consumed 5
//     consumer: all senders are gone and the channel is empty
//     consumer finished
//     sent 7, received 7
// Which sends time out, and where the consumer's timeouts fall, depend on timing and
// vary from run to run. What cannot vary: 1 to 5 are always sent and received, in
// order; each of 11 to 15 is either sent or handed back; the consumer receives
// exactly what was sent; and the run ends with the two threads finished, in that order.
#include <chrono>
#include <functional>
#include <thread>

#include <chan/chan.hpp>
#include <chan/trace.hpp>

#include "cookbook.hpp"

using namespace std::chrono_literals;

// ANCHOR: example
namespace {

void produce(chan::sender<int> tx, std::chrono::milliseconds patience, int& sent) {
    chan::trace::name_thread("producer");
    for (int i = 1; i <= 5; ++i) {
        tx.send(i);  // waits as long as the channel is full
        cookbook::println("produced ", i);
        ++sent;
        if (auto r = tx.send_for(i + 10, patience)) {
            cookbook::println("produced ", i + 10);
            ++sent;
        } else {
            cookbook::println("send timed out, ", r.value(), " handed back");
        }
    }
}

void consume(chan::receiver<int> rx, int& received) {
    chan::trace::name_thread("consumer");
    for (;;) {
        auto r = rx.recv_for(10ms);
        if (r) {
            cookbook::println("consumed ", *r);
            ++received;
        } else if (r.status() == chan::status::timeout) {
            cookbook::println("no message within 10 ms: ", r.status());
        } else {
            cookbook::println("consumer: all senders are gone and the channel is empty");
            return;
        }
        std::this_thread::sleep_for(10ms);  // a slow consumer
    }
}

}  // namespace
// ANCHOR_END: example

int main(int argc, char** argv) {
    cookbook::args args(argc, argv, {{"patience-ms", 5, 0, 100, "how long the second send waits"}});

    // ANCHOR: example
    auto [tx, rx] = chan::bounded<int>(2, "numbers");

    int sent = 0, received = 0;  // read only after joining the thread that writes it
    const auto patience = args.get<std::chrono::milliseconds>("patience-ms");
    std::thread producer(produce, tx, patience, std::ref(sent));
    std::thread consumer(consume, rx, std::ref(received));

    producer.join();
    cookbook::println("producer finished");
    tx = {};  // main's sender goes too: the consumer can now see the end
    cookbook::println("disconnected: ", rx.is_disconnected());

    consumer.join();
    cookbook::println("consumer finished");
    cookbook::println("sent ", sent, ", received ", received);
    // ANCHOR_END: example
    return 0;
}

// Checks:
//     count 5 /^produced [1-5]$/
//     count 5 /^(produced 1[1-5]|send timed out, 1[1-5] handed back)$/
//     in order /^consumed [1-5]$/
//     in order /^(producer finished|disconnected: true|consumer finished)$/
//     count 1 /^consumer: all senders are gone and the channel is empty$/
//     last /^sent (\d+), received \1$/
