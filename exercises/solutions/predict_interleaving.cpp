// Exercise 08, solved: the program with every possible output ticked.
#include <chan/chan.hpp>

#include <cstdio>
#include <string>
#include <thread>
#include <utility>

int main() {
    chan::trace::name_thread("main");

    auto [tx, rx] = chan::unbounded<std::string>("labels");
    chan::sender<std::string> tx_b = tx;

    std::thread a([tx = std::move(tx)] {
        chan::trace::name_thread("producer a");
        tx.send("a1");
        tx.send("a2");
    });
    std::thread b([tx = std::move(tx_b)] {
        chan::trace::name_thread("producer b");
        tx.send("b1");
        tx.send("b2");
    });

    for (const std::string& label : rx) std::printf("%s\n", label.c_str());

    a.join();
    b.join();
    return 0;
}

// Each producer's own messages arrive in the order it sent them; between the two
// producers, any interleaving can happen.
// The program prints four lines. Which of these can they be, top to bottom?
// [x] A: a1 a2 b1 b2
// [ ] B: a2 a1 b1 b2
// [x] C: b1 a1 b2 a2
// [ ] D: a1 b2 b1 a2
// [x] E: b1 b2 a1 a2
