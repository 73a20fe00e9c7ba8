// Exercise 08: predict how two producers' messages can interleave.
//
// Two threads send two labelled messages each into one channel, and main prints them
// as they arrive. Read the program, then tick every output below that it CAN print
// (some run, some day), and only those: write an x in the box, as // [x] A.
//
// Check it:  ./cookbook exercise predict_interleaving
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

// The program prints four lines. Which of these can they be, top to bottom?
// [ ] A: a1 a2 b1 b2
// [ ] B: a2 a1 b1 b2
// [ ] C: b1 a1 b2 a2
// [ ] D: a1 b2 b1 a2
// [ ] E: b1 b2 a1 a2
