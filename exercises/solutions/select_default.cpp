// Exercise 14, solved: each round runs one select with a default arm. It takes what is
// ready now, or runs the default at once; it never waits.
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

        chan::select(
            chan::on_recv(messages_rx, [round](chan::recv_result<std::string> r) {
                std::printf("round %d: received message %s\n", round, r->c_str());
            }),
            chan::on_recv(signals_rx, [round](chan::recv_result<bool>) {
                std::printf("round %d: received a signal\n", round);
            }),
            chan::on_default([round] { std::printf("round %d: no activity\n", round); }));
    }
    return 0;
}
