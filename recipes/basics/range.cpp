// A range-for over a receiver takes every message until the channel is closed.
//
// `for (const std::string& element : queue)` receives one message per iteration and ends
// when the channel is disconnected and empty. Here the queue is filled and closed
// before the loop starts, and the loop still gets both elements: closing stops
// further sends, not the delivery of what is already buffered.
//
// Ports: Go by Example, "Range over Channels".
//
// Run:   ./cookbook run range
//
// Output:
//     one
//     two
#include <string>

#include <chan/chan.hpp>

#include "cookbook.hpp"

int main(int argc, char** argv) {
    cookbook::args args(argc, argv, {});

    // ANCHOR: example
    auto [tx, queue] = chan::bounded<std::string>(2, "queue");
    tx.send("one");
    tx.send("two");
    tx.close();

    for (const std::string& element : queue) cookbook::println(element);
    // ANCHOR_END: example
    return 0;
}
