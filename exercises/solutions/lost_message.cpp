// Exercise 04, solved: send waits for room instead of giving up when the buffer is full.
#include <chan/chan.hpp>

#include <chrono>
#include <cstdio>
#include <thread>
#include <utility>

int main() {
    chan::trace::name_thread("main");

    auto [tx, rx] = chan::bounded<int>(2, "numbers");

    std::thread producer([tx = std::move(tx)] {
        chan::trace::name_thread("producer");
        for (int n = 1; n <= 20; ++n) {
            // try_send refuses when the two places are taken, and the number was then
            // dropped. send waits until main has made room.
            tx.send(n);
        }
    });

    int total = 0;
    for (int n : rx) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));  // each number takes a while
        total += n;
    }

    std::printf("total: %d\n", total);
    producer.join();
    return 0;
}
