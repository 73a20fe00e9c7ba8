// Exercise 20: a logger left waiting.
//
// Every line this program logs goes through one logger thread, so lines from different
// threads never mix. When the logger was joined, the program never ended, so someone
// detached it instead. Now the program ends, but the logger is abandoned mid-work: its
// channel never closes, and lines that were logged are never written. Make the
// logger's loop end by itself once everyone is done logging, and join it.
//
// Check it:  ./cookbook exercise leaking_receiver
#include <chan/chan.hpp>

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

// Writing a line takes a moment (think of a slow disk).
void write_line(const std::string& line) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    std::printf("log: %s\n", line.c_str());
}

int main() {
    chan::trace::name_thread("main");

    auto log = chan::unbounded<std::string>("log");  // log.first sends, log.second receives

    // The logger writes every line it receives, until the channel closes.
    std::thread logger([log] {
        chan::trace::name_thread("logger");
        for (const std::string& line : log.second) write_line(line);
    });
    logger.detach();  // join() never returned...

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
    return 0;
}
