// Exercise 17: hand a result back with a oneshot.
//
// A oneshot channel carries exactly one value, from one sender to one receiver: the
// natural way for a thread to hand back the answer it was asked for. A worker adds up
// the squares of 1 to 10. Make a oneshot channel named "result", send the worker's
// answer through it, and have main wait for it and print it.
//
// Check it:  ./cookbook exercise oneshot_result
#include <chan/chan.hpp>

#include <cstdio>
#include <thread>

// The worker's computation: 1*1 + 2*2 + ... + n*n.
int sum_of_squares(int n) {
    int sum = 0;
    for (int i = 1; i <= n; ++i) sum += i * i;
    return sum;
}

int main() {
    chan::trace::name_thread("main");

    // TODO: make a oneshot channel of int named "result":
    //       auto [tx, rx] = chan::oneshot<int>("result");

    // TODO: the worker must own the sender. A oneshot sender is move-only, and sending
    //       changes it, so capture it by move in a mutable lambda:
    //       [tx = std::move(tx)]() mutable { ... }
    std::thread worker([] {
        chan::trace::name_thread("worker");
        // TODO: send sum_of_squares(10). Sending consumes a oneshot sender (it can send
        //       only once), which is why it is called on std::move(tx):
        //       std::move(tx).send(...);
    });

    int result = 0;
    // TODO: wait for the worker's answer: rx.recv() returns a result; *r is the value.

    std::printf("result: %d\n", result);
    worker.join();
    return 0;
}
