// A select with a default arm tries its operations and never waits.
//
// A plain `send` or `recv` waits until it can complete. A select with an `on_default`
// arm instead runs the default at once when no other arm can complete right now: a
// non-blocking receive, send, or choice among several channels. Both channels here
// are rendezvous channels (capacity 0) and no other thread exists, so nothing is ever
// ready: there is no message to receive, and no receiver waiting to take "hi". For one
// operation, `try_recv()` and `try_send()` do the same without a select.
//
// Ports: Go by Example, "Non-Blocking Channel Operations".
//
// Run:   ./cookbook run non_blocking
//
// Output:
//     no message received
//     no message sent
//     no activity
#include <string>

#include <chan/chan.hpp>

#include "cookbook.hpp"

int main(int argc, char** argv) {
    cookbook::args args(argc, argv, {});

    // ANCHOR: example
    auto [messages_tx, messages_rx] = chan::bounded<std::string>(0, "messages");
    auto [signals_tx, signals_rx] = chan::bounded<bool>(0, "signals");

    // A receive that does not wait.
    chan::select(
        chan::on_recv(messages_rx, [](chan::recv_result<std::string> m) {
            cookbook::println("received message ", *m);
        }),
        chan::on_default([] { cookbook::println("no message received"); }));

    // A send that does not wait: nobody is receiving, so the send fails and hands "hi" back.
    chan::select(
        chan::on_send(messages_tx, std::string("hi"), [](chan::send_result<std::string>) {
            cookbook::println("sent message hi");
        }),
        chan::on_default([] { cookbook::println("no message sent"); }));

    // Several channels at once, still without waiting.
    chan::select(
        chan::on_recv(messages_rx, [](auto m) { cookbook::println("received message ", *m); }),
        chan::on_recv(signals_rx, [](auto s) { cookbook::println("received signal ", *s); }),
        chan::on_default([] { cookbook::println("no activity"); }));
    // ANCHOR_END: example
    return 0;
}
