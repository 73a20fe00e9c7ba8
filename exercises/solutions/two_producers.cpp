// Exercise 07, solved: each producer owns one sender; main keeps none, so its loop ends.
#include <chan/chan.hpp>

#include <cstdio>
#include <thread>
#include <utility>

int main() {
    chan::trace::name_thread("main");

    auto [tx, rx] = chan::unbounded<int>("numbers");
    chan::sender<int> tx2 = tx;  // a second sender on the same channel

    std::thread first([tx = std::move(tx)] {
        chan::trace::name_thread("producer 1");
        for (int n = 1; n <= 5; ++n) tx.send(n);
    });  // one sender fewer

    std::thread second([tx = std::move(tx2)] {
        chan::trace::name_thread("producer 2");
        for (int n = 6; n <= 10; ++n) tx.send(n);
    });  // the last sender: the channel closes

    // Ends once both senders are gone and every number has been received.
    int total = 0;
    for (int n : rx) total += n;

    std::printf("total: %d\n", total);
    first.join();
    second.join();
    return 0;
}
