// Exercise 22: the first answer wins.
//
// Main asks three mirrors the same question and wants only the first answer: whichever
// mirror is fastest today. The others answer too, later, and nobody reads them, but a
// mirror must never be left stuck trying to hand over an answer nobody wants. Make one
// channel named "answers" that every mirror sends its answer on, with room for the
// answers nobody will read, and have main take the first one.
//
// Check it:  ./cookbook exercise first_response
#include <chan/chan.hpp>

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

// Asking a mirror takes a while; some mirrors are slower than others.
std::string ask_mirror(int id) {
    static const int delay_ms[] = {0, 60, 20, 40};
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms[id]));
    return "version 1.4.2 (from mirror " + std::to_string(id) + ")";
}

int main() {
    chan::trace::name_thread("main");

    // TODO: make a channel of std::string named "answers". How much room must it have so
    //       that the mirrors whose answers are never read can still send and end?

    std::vector<std::thread> mirrors;
    for (int id = 1; id <= 3; ++id) {
        // TODO: give each mirror a copy of the sender: [tx = answers_tx, id]
        mirrors.emplace_back([id] {
            chan::trace::name_thread("mirror " + std::to_string(id));
            // TODO: send ask_mirror(id) on "answers".
        });
    }

    std::string first = "(no answer)";
    // TODO: receive one answer, the first to arrive, into first. Only one.

    std::printf("first answer: %s\n", first.c_str());
    for (std::thread& m : mirrors) m.join();  // every mirror must be able to end
    return 0;
}
