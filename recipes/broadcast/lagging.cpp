// A lagging broadcast never makes its sender wait; a slow receiver is told how much it missed.
//
// `chan::lagging_broadcast<T>(capacity)` keeps the last `capacity` messages. A send
// never waits: when the buffer is full the oldest message is dropped, even if some
// receiver has not read it. That receiver's next `recv()` returns `status::lagged`,
// with `missed()` saying how many messages it lost, and the receive after that
// continues from the oldest message still kept. Here "fast" reads each message as
// soon as it is sent, while "slow" reads only at the end. (A range-for over a
// receiver skips such gaps silently; call `recv()` to hear about them.)
//
// Ports: the lagging example of tokio's broadcast documentation ("Lagging").
//
// Run:   ./cookbook run lagging
//        ./cookbook run lagging --capacity 4 (more kept: slow misses only one message)
//
// Output:
//     sent 1, fast received 1
//     sent 2, fast received 2
//     sent 3, fast received 3
//     sent 4, fast received 4
//     sent 5, fast received 5
//     slow lagged: missed 3 message(s)
//     slow received 4
//     slow received 5
//     slow: no more messages (disconnected)
#include <cstddef>

#include <chan/chan.hpp>

#include "cookbook.hpp"

int main(int argc, char** argv) {
    cookbook::args args(argc, argv,
                        {{"capacity", 2, 1, 8, "messages the channel keeps"},
                         {"messages", 5, 1, 20, "messages sent"}});

    // ANCHOR: example
    auto [tx, fast] = chan::lagging_broadcast<int>(args.get<std::size_t>("capacity"), "numbers");
    auto slow = fast;  // a second receiver, at the same position

    for (int i = 1; i <= args.get("messages"); ++i) {
        tx.send(i);  // never waits, whoever is behind
        cookbook::println("sent ", i, ", fast received ", fast.recv().value());
    }
    tx = {};  // no more messages

    for (;;) {
        auto r = slow.recv();
        if (r.status() == chan::status::lagged) {
            cookbook::println("slow lagged: missed ", r.missed(), " message(s)");
        } else if (r) {
            cookbook::println("slow received ", *r);
        } else {
            cookbook::println("slow: no more messages (", r.status(), ")");
            break;
        }
    }
    // ANCHOR_END: example
    return 0;
}
