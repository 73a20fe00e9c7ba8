// Exercise 04: find the lost messages.
//
// A producer sends the numbers 1 to 20 to main, which adds them up. The total should be
// 210, but it comes out smaller: some numbers never arrive. Find out why, and fix the
// producer so that every number gets through.
//
// Check it:  ./cookbook exercise lost_message
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
            tx.try_send(n);  // hands the number to main
        }
    });  // the producer's sender goes away here, which ends main's loop

    int total = 0;
    for (int n : rx) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));  // each number takes a while
        total += n;
    }

    std::printf("total: %d\n", total);
    producer.join();
    return 0;
}
