// Exercise 18, solved: main tests the receive's result before using it.
#include <chan/chan.hpp>

#include <cstdio>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

int total_of(const std::vector<std::string>& readings) {
    int total = 0;
    for (const std::string& r : readings) total += std::stoi(r);
    return total;
}

void add_up(std::vector<std::string> readings, chan::oneshot_sender<int> result) {
    chan::trace::name_thread("worker");
    int total = 0;
    try {
        total = total_of(readings);
    } catch (const std::invalid_argument&) {
        std::printf("worker: a reading is not a number, giving up\n");
        return;
    }
    std::move(result).send(total);
}

int main() {
    chan::trace::name_thread("main");

    auto [tx, rx] = chan::oneshot<int>("result");
    std::thread worker(add_up, std::vector<std::string>{"12", "7", "x3", "30"}, std::move(tx));

    // A worker that ends without sending leaves the receive "disconnected", not waiting.
    if (auto r = rx.recv()) {
        std::printf("total: %d\n", *r);
    } else {
        std::printf("no result: worker failed\n");
    }

    worker.join();
    return 0;
}
