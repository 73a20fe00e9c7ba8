// Exercise 20, solved: the logger holds only the receiving end, main lets go of its
// sender when it is done logging, and joins the logger, whose loop ends by itself.
#include <chan/chan.hpp>

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

void write_line(const std::string& line) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    std::printf("log: %s\n", line.c_str());
}

int main() {
    chan::trace::name_thread("main");

    auto log = chan::unbounded<std::string>("log");

    // The logger must not hold a sender: while any sender exists, the channel stays open
    // and the logger's loop waits for more.
    std::thread logger([rx = log.second] {
        chan::trace::name_thread("logger");
        for (const std::string& line : rx) write_line(line);
    });

    std::vector<std::thread> workers;
    for (int id = 1; id <= 2; ++id) {
        workers.emplace_back([tx = log.first, id] {
            chan::trace::name_thread("worker " + std::to_string(id));
            tx.send("worker " + std::to_string(id) + " started");
            tx.send("worker " + std::to_string(id) + " finished");
        });
    }
    for (std::thread& w : workers) w.join();

    log.first.send("main: all workers finished");
    log.first = {};  // the last sender: the logger writes what is queued, then its loop ends
    logger.join();
    return 0;
}
