// Exercise 05: the loop that never ends.
//
// A producer sends the numbers 1 to 10 and finishes; main adds up everything it
// receives with a range-for, which should end once the producer is done. It never
// does: the program hangs after the last number. Find out why, and fix it.
//
// Check it:  ./cookbook exercise never_closed
#include <chan/chan.hpp>

#include <cstdio>
#include <thread>

int main() {
    chan::trace::name_thread("main");

    auto [tx, rx] = chan::bounded<int>(4, "numbers");

    std::thread producer([tx] {
        chan::trace::name_thread("producer");
        for (int n = 1; n <= 10; ++n) tx.send(n);
    });  // the producer is done with its sender here

    // Receives until the channel is closed and empty.
    int sum = 0;
    for (int n : rx) sum += n;

    std::printf("sum: %d\n", sum);
    producer.join();
    return 0;
}
