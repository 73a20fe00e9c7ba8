// Exercise 17, solved: the worker sends its one answer; main waits for it.
#include <chan/chan.hpp>

#include <cstdio>
#include <thread>
#include <utility>

int sum_of_squares(int n) {
    int sum = 0;
    for (int i = 1; i <= n; ++i) sum += i * i;
    return sum;
}

int main() {
    chan::trace::name_thread("main");

    auto [tx, rx] = chan::oneshot<int>("result");

    std::thread worker([tx = std::move(tx)]() mutable {
        chan::trace::name_thread("worker");
        std::move(tx).send(sum_of_squares(10));
    });

    int result = 0;
    if (auto r = rx.recv()) result = *r;

    std::printf("result: %d\n", result);
    worker.join();
    return 0;
}
