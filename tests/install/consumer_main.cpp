// The program both consumer projects build: it uses nothing but what linking
// chan::chan provides (headers, C++20, threads), so it fails to build or to run
// when the package or the target leaves one of those out.
#include <chan/chan.hpp>

#include <cstdio>
#include <thread>

int main() {
    auto [tx, rx] = chan::bounded<int>(1);
    std::thread producer([tx = std::move(tx)]() mutable { tx.send(42); });
    const auto received = rx.recv();
    producer.join();
    if (!received || *received != 42) {
        std::fprintf(stderr, "consumer: expected 42 through the channel\n");
        return 1;
    }
    std::puts("consumer: received 42");
    return 0;
}
