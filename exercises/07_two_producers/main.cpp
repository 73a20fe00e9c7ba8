// Exercise 07: two producers, one channel.
//
// Two threads send numbers into the same channel, and main adds up everything until
// both are done. Each producer needs its own sender (a copy of the first), and main
// must keep none: the channel closes, and main's loop ends, only when every sender is gone.
//
// Check it:  ./cookbook exercise two_producers
#include <chan/chan.hpp>

#include <cstdio>
#include <thread>

int main() {
    chan::trace::name_thread("main");

    // TODO: make an unbounded channel of int named "numbers":
    //       auto [tx, rx] = chan::unbounded<int>("numbers");
    // TODO: make a second sender for the second producer: copying a sender adds one.

    std::thread first([] {
        chan::trace::name_thread("producer 1");
        // TODO: send 1, 2, 3, 4, 5. (Move one sender into this lambda.)
    });

    std::thread second([] {
        chan::trace::name_thread("producer 2");
        // TODO: send 6, 7, 8, 9, 10. (Move the other sender into this lambda.)
    });

    int total = 0;
    // TODO: receive until every sender is gone, adding each number to total:
    //       a range-for over the receiver does exactly that.

    std::printf("total: %d\n", total);
    first.join();
    second.join();
    return 0;
}
