// Exercise 02, solved: two sends fill the buffer, then main drains it in order.
#include <chan/chan.hpp>

#include <cstdio>
#include <string>

int main() {
    chan::trace::name_thread("main");

    auto [tx, rx] = chan::bounded<std::string>(2, "words");

    // Room for two: both sends complete at once, with no receiver anywhere.
    tx.send("buffered");
    tx.send("channel");

    // A channel is first in, first out.
    for (int i = 0; i < 2; ++i) {
        if (auto word = rx.recv()) std::printf("received: %s\n", word->c_str());
    }
    return 0;
}
