// Exercise 14: look without waiting.
//
// A select with a default arm never waits: if no other arm can complete right now, it
// runs the default at once. Main polls "messages" and "signals" three times; before
// round 2 a message arrives, before round 3 a signal. Each round must report what it
// found, or "no activity".
//
// Check it:  ./cookbook exercise select_default
#include <chan/chan.hpp>

#include <cstdio>
#include <string>

int main() {
    chan::trace::name_thread("main");

    auto [messages_tx, messages_rx] = chan::bounded<std::string>(1, "messages");
    auto [signals_tx, signals_rx] = chan::bounded<bool>(1, "signals");

    for (int round = 1; round <= 3; ++round) {
        if (round == 2) messages_tx.send("hello");
        if (round == 3) signals_tx.send(true);

        // TODO: this says "no activity" without looking. Poll both channels once, without
        //       waiting: a chan::select with an on_recv arm for messages_rx, one for
        //       signals_rx, and a chan::on_default arm. Print exactly one line per round:
        //           round N: received message <message>
        //           round N: received a signal
        //           round N: no activity
        std::printf("round %d: no activity\n", round);
    }
    return 0;
}
