// Runs under Node after Emscripten compiled it: a producer thread (a Web Worker
// there) sends 0..99 through a small bounded channel, so the sender keeps blocking
// on a full buffer and waking up, and the main thread sums what arrives.
#include <chan/chan.hpp>

#include <cstdio>
#include <thread>

int main() {
    auto [tx, rx] = chan::bounded<int>(4);
    std::thread producer([tx = std::move(tx)]() mutable {
        for (int i = 0; i < 100; ++i) tx.send(i);
    });
    long sum = 0;
    for (int v : rx) sum += v;
    producer.join();

    constexpr long expected = 99 * 100 / 2;
    std::printf("channel_exchange: sum %ld (expected %ld)\n", sum, expected);
    return sum == expected ? 0 : 1;
}
