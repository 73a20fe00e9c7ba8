// Exercise 06, solved: the program with its output predicted.
#include <chan/chan.hpp>

#include <cstdio>
#include <string>

int main() {
    chan::trace::name_thread("main");

    auto [tx, rx] = chan::bounded<int>(2, "numbers");

    // Sends n if the channel has room right now; never waits.
    const auto offer = [&tx](int n) {
        if (auto r = tx.try_send(n)) {
            std::printf("sent %d\n", n);
        } else {
            std::printf("refused %d (%s)\n", n, std::string(chan::to_string(r.status())).c_str());
        }
    };

    offer(1);
    offer(2);
    offer(3);
    if (auto n = rx.recv()) std::printf("received %d\n", *n);
    offer(4);
    offer(5);

    // drain() takes whatever the channel holds now, without waiting for more.
    for (int n : rx.drain()) std::printf("received %d\n", n);

    // Your prediction, one line per printed line:
    // PREDICT: sent 1
    // PREDICT: sent 2
    // PREDICT: refused 3 (full)
    // PREDICT: received 1
    // PREDICT: sent 4
    // PREDICT: refused 5 (full)
    // PREDICT: received 2
    // PREDICT: received 4
    return 0;
}
