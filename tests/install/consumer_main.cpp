// The program both consumer projects build: it uses nothing but what linking
// chan::chan provides (headers, C++20, threads), so it fails to build or to run
// when the package or the target leaves one of those out. It records what it does and
// writes the trace, as CHAN_TRACE would: tracing needs no other library.
#include <chan/chan.hpp>
#include <chan/trace/json.hpp>

#include <cstdio>
#include <sstream>
#include <thread>

int main() {
    chan::trace::start();
    auto [tx, rx] = chan::bounded<int>(1);
    std::thread producer([tx = std::move(tx)]() mutable { tx.send(42); });
    const auto received = rx.recv();
    producer.join();
    chan::trace::stop();
    if (!received || *received != 42) {
        std::fprintf(stderr, "consumer: expected 42 through the channel\n");
        return 1;
    }
    std::ostringstream trace;
    chan::trace::write_json(trace, chan::trace::snapshot());
    if (trace.str().find("\"ph\":\"f\"") == std::string::npos) {  // the message's arrow ends
        std::fprintf(stderr, "consumer: the trace shows no message received\n");
        return 1;
    }
    std::puts("consumer: received 42, and traced it");
    return 0;
}
