// A channel's life: clone a sender, try an empty channel, drain it, disconnect, read to the end.
//
// Copying a handle makes another handle to the same channel, not a new stream of
// messages. `try_recv()` answers at once, `empty` if nothing is there; `drain()` takes
// whatever is there now without waiting. When the last sender is destroyed the
// channel is disconnected: nothing more can be sent, but what is buffered can still be
// received, so a range-for reads to the end and stops by itself. After that, `recv()`
// does not wait: it reports `disconnected` at once. (`close()` disconnects on demand,
// from either side, while handles still exist.)
//
// Ports: the crossbeam-channel example of rust_howto (message_passing_crossbeam_channel.rs),
// after crossbeam-channel's README.
//
// Run:   ./cookbook run lifecycle
//
// Output:
//     received: Hi!
//     try_recv on an empty channel: empty
//     drained: 0
//     after the last sender is gone: 1
//     empty: true
//     recv after disconnection: disconnected
#include <string>
#include <thread>

#include <chan/chan.hpp>
#include <chan/trace.hpp>

#include "cookbook.hpp"

int main(int argc, char** argv) {
    cookbook::args args(argc, argv, {});

    // ANCHOR: example
    auto [s1, r1] = chan::unbounded<std::string>("messages");

    // A copy of the sender goes to another thread; both send into the same channel.
    std::thread greeter(
        [](chan::sender<std::string> s2) {
            chan::trace::name_thread("greeter");
            s2.send("Hi!");
        },
        s1);
    cookbook::println("received: ", r1.recv().value());  // waits for the greeting
    greeter.join();

    cookbook::println("try_recv on an empty channel: ", r1.try_recv().status());

    s1.send("0");
    for (const std::string& m : r1.drain()) cookbook::println("drained: ", m);

    s1.send("1");
    s1 = {};  // destroys the last sender: the channel is now disconnected

    for (const std::string& m : r1) cookbook::println("after the last sender is gone: ", m);
    cookbook::println("empty: ", r1.empty());
    cookbook::println("recv after disconnection: ", r1.recv().status());
    // ANCHOR_END: example
    return 0;
}
