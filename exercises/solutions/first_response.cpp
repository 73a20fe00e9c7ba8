// Exercise 22, solved: one shared channel with room for the answers nobody reads.
#include <chan/chan.hpp>

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

std::string ask_mirror(int id) {
    static const int delay_ms[] = {0, 60, 20, 40};
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms[id]));
    return "version 1.4.2 (from mirror " + std::to_string(id) + ")";
}

int main() {
    chan::trace::name_thread("main");

    // Room for every answer: the two that main never reads wait in the buffer, so no
    // mirror ever waits to send (a rendezvous channel would leave them stuck forever).
    auto [answers_tx, answers_rx] = chan::bounded<std::string>(3, "answers");

    std::vector<std::thread> mirrors;
    for (int id = 1; id <= 3; ++id) {
        mirrors.emplace_back([tx = answers_tx, id] {
            chan::trace::name_thread("mirror " + std::to_string(id));
            tx.send(ask_mirror(id));
        });
    }

    std::string first = "(no answer)";
    if (auto r = answers_rx.recv()) first = *r;

    std::printf("first answer: %s\n", first.c_str());
    for (std::thread& m : mirrors) m.join();
    return 0;
}
