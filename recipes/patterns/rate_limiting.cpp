// Rate limiting with a ticker: steady (one request per tick), then bursty (a bucket of tokens).
//
// Taking one tick from `chan::tick(period)` before each request limits the requests to
// one per period. To allow short bursts while keeping that average rate, a bounded
// channel serves as a bucket of tokens: it starts full, a refill thread adds one token
// per tick (dropped if the bucket is full: `try_send` never waits), and each request
// takes a token. So the first 3 bursty requests find a token ready and go at once,
// and the rest wait for the ticker. The refill thread stops by itself once main destroys the bucket's only
// receiver: its next `try_send` reports `disconnected`.
//
// Ports: Go by Example, "Rate Limiting".
//
// Run:   ./cookbook run rate_limiting
//        ./cookbook run rate_limiting --burst 1 (a bucket of one token: the bursty
//            phase is steady too)
//
// Possible output:
//     steady: request 1 at 50 ms
//     steady: request 2 at 100 ms
//     steady: request 3 at 150 ms
//     steady: request 4 at 200 ms
//     steady: request 5 at 250 ms
//     bursty: request 1 at 0 ms (token ready)
//     bursty: request 2 at 0 ms (token ready)
//     bursty: request 3 at 0 ms (token ready)
//     bursty: request 4 at 50 ms (waited for a token)
//     bursty: request 5 at 100 ms (waited for a token)
// The times are a little late by varying amounts (on a busy machine, a request may
// even find a token the refill added while it was late). What cannot vary: the
// requests keep their order, steady requests come later and later, and the first
// three bursty requests find a token ready.
#include <chrono>
#include <cstddef>
#include <thread>

#include <chan/chan.hpp>
#include <chan/trace.hpp>

#include "cookbook.hpp"

// ANCHOR: example
namespace {

long long ms_since(chan::instant start) {
    const auto elapsed = chan::clock::now() - start;
    return std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count();
}

// Adds a token per tick until nobody takes tokens any more.
void refill(chan::sender<chan::instant> bucket, chan::receiver<chan::instant> ticker) {
    chan::trace::name_thread("refill");
    for (;;) {
        const chan::instant now = ticker.recv().value();
        if (bucket.try_send(now).status() == chan::status::disconnected) return;
    }
}

chan::receiver<int> requests(int count, const char* name) {
    auto [tx, rx] = chan::bounded<int>(static_cast<std::size_t>(count), name);
    for (int i = 1; i <= count; ++i) tx.send(i);
    return rx;  // `tx` goes: the receiver gets every request, then the end
}

}  // namespace
// ANCHOR_END: example

int main(int argc, char** argv) {
    cookbook::args args(argc, argv,
                        {{"requests", 5, 1, 20, "requests in each phase"},
                         {"period-ms", 50, 10, 1000, "one request per period, on average"},
                         {"burst", 3, 1, 10, "requests the bucket lets through at once"}});
    const auto period = args.get<std::chrono::milliseconds>("period-ms");

    // ANCHOR: example
    auto start = chan::clock::now();
    auto limiter = chan::tick(period, "limiter");
    for (int request : requests(args.get("requests"), "requests")) {
        limiter.recv();  // one request per tick
        cookbook::println("steady: request ", request, " at ", ms_since(start), " ms");
    }

    const int burst = args.get("burst");
    auto [bucket_tx, bucket_rx] = chan::bounded<chan::instant>(static_cast<std::size_t>(burst),
                                                               "bucket");
    for (int i = 0; i < burst; ++i) bucket_tx.send(chan::clock::now());  // a full bucket
    start = chan::clock::now();
    std::thread refiller(refill, std::move(bucket_tx), chan::tick(period, "refill ticker"));

    for (int request : requests(args.get("requests"), "bursty requests")) {
        // One token per request: one ready in the bucket, or else the next refill.
        const bool ready = bucket_rx.try_recv().status() == chan::status::ok;
        if (!ready) bucket_rx.recv();
        cookbook::println("bursty: request ", request, " at ", ms_since(start), " ms",
                          ready ? " (token ready)" : " (waited for a token)");
    }
    bucket_rx = {};  // the refill thread sees that nobody takes tokens any more, and ends
    // ANCHOR_END: example

    refiller.join();
    return 0;
}

// Checks:
//     lines 10
//     in order /^steady: request \d/
//     in order /^bursty: request \d/
//     increasing /^steady: request \d at (\d+) ms$/
//     count 3 /^bursty: request [1-3] at \d+ ms \(token ready\)$/
//     takes 0.35..10 s
