// Exercise 05, solved: the producer owns the only sender, so the channel closes when it ends.
#include <chan/chan.hpp>

#include <cstdio>
#include <thread>
#include <utility>

int main() {
    chan::trace::name_thread("main");

    auto [tx, rx] = chan::bounded<int>(4, "numbers");

    // Capturing `tx` by copy made a second sender and left main's own alive: the channel
    // stays open while any sender exists, so the range-for waited for a number that main
    // itself could still send. Moving it in leaves main with none.
    std::thread producer([tx = std::move(tx)] {
        chan::trace::name_thread("producer");
        for (int n = 1; n <= 10; ++n) tx.send(n);
    });  // the last sender goes away here: the channel is closed

    int sum = 0;
    for (int n : rx) sum += n;

    std::printf("sum: %d\n", sum);
    producer.join();
    return 0;
}
