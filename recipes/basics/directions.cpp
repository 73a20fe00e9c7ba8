// Handles carry a direction: a function that takes a sender can only send.
//
// A channel has two kinds of handle, `chan::sender<T>` and `chan::receiver<T>`, so a
// function's signature says which way each channel flows through it, as Go's
// `chan<- string` and `<-chan string` do. `ping` only sends; `pong` receives from one
// channel and sends on another. Were `pong` to send on `pings` by mistake, the program
// would not compile: a receiver has no `send`.
//
// Ports: Go by Example, "Channel Directions".
//
// Run:   ./cookbook run directions
//
// Output:
//     ping sends: passed message
//     pong passes on: passed message
//     main receives: passed message
#include <string>
#include <thread>

#include <chan/chan.hpp>
#include <chan/trace.hpp>

#include "cookbook.hpp"

// ANCHOR: example
namespace {

void ping(chan::sender<std::string> pings, std::string message) {
    chan::trace::name_thread("ping");
    cookbook::println("ping sends: ", message);
    pings.send(std::move(message));
}

void pong(chan::receiver<std::string> pings, chan::sender<std::string> pongs) {
    chan::trace::name_thread("pong");
    std::string message = pings.recv().value();
    cookbook::println("pong passes on: ", message);
    pongs.send(std::move(message));
}

}  // namespace
// ANCHOR_END: example

int main(int argc, char** argv) {
    cookbook::args args(argc, argv, {});

    // ANCHOR: example
    auto [pings_tx, pings_rx] = chan::bounded<std::string>(1, "pings");
    auto [pongs_tx, pongs_rx] = chan::bounded<std::string>(1, "pongs");

    std::thread pinger(ping, std::move(pings_tx), "passed message");
    std::thread ponger(pong, std::move(pings_rx), std::move(pongs_tx));

    cookbook::println("main receives: ", pongs_rx.recv().value());
    // ANCHOR_END: example

    pinger.join();
    ponger.join();
    return 0;
}
