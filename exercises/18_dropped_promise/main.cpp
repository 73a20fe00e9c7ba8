// Exercise 18: a promise that is never kept.
//
// A worker adds up a list of readings and hands the total to main through a oneshot.
// Today one reading is garbled, so the worker gives up and returns without sending:
// its sender is destroyed unused, and main's receive reports "disconnected" instead of
// a value. Main never looks: it takes the value anyway, and the program dies. Make
// main check what it received and print "no result: worker failed" when nothing came.
// (Leave the readings and the worker as they are: workers fail; main must cope.)
//
// Check it:  ./cookbook exercise dropped_promise
#include <chan/chan.hpp>

#include <cstdio>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

// Adds up the readings; throws std::invalid_argument on one that is not a number.
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
        return;  // `result` is destroyed here without sending
    }
    std::move(result).send(total);
}

int main() {
    chan::trace::name_thread("main");

    auto [tx, rx] = chan::oneshot<int>("result");
    std::thread worker(add_up, std::vector<std::string>{"12", "7", "x3", "30"}, std::move(tx));

    int total = rx.recv().value();  // assumes the worker always sends
    std::printf("total: %d\n", total);

    worker.join();
    return 0;
}
