// A small program that knows nothing about tracing, for the CHAN_TRACE end-to-end test:
// a producer and a consumer, and a thread still waiting when main returns. With
// --hang, main instead waits forever for a message nobody sends (it says "waiting"
// first), until a signal stops it.
#include <chan/chan.hpp>

#include <cstdio>
#include <string_view>
#include <thread>
#include <utility>

int main(int argc, char** argv) {
    if (argc > 1 && std::string_view(argv[1]) == "--hang") {
        auto [tx, rx] = chan::bounded<int>(0, "nobody sends");
        std::puts("waiting");
        std::fflush(stdout);
        (void)rx.recv();
        return 0;
    }
    auto [tx, rx] = chan::bounded<int>(2, "numbers");
    std::thread consumer([rx = std::move(rx)]() mutable {
        chan::trace::name_thread("consumer");
        long sum = 0;
        for (int v : rx) sum += v;
        std::printf("sum %ld\n", sum);
    });
    std::thread producer([tx = std::move(tx)] {
        chan::trace::name_thread("producer");
        for (int i = 1; i <= 100; ++i) tx.send(i);
    });
    producer.join();
    consumer.join();

    // Still blocked when the program exits: the trace must show it waiting. (Its channel
    // is never destroyed: destroying it at exit would pull it from under the thread.)
    static auto* const never_sent = new std::pair(chan::bounded<int>(0, "never sent"));
    std::thread([] {
        chan::trace::name_thread("lingering");
        (void)never_sent->second.recv();
    }).detach();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    return 0;
}
