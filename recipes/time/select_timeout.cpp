// A select with a timeout arm gives up on a slow result.
//
// An `on_timeout(d, f)` arm runs f if no other arm completes within d. A worker
// computes for 300 ms: waiting 100 ms for it times out, waiting 600 ms gets the
// result. The result channels have room for one message, which matters: when main
// has given up, the late worker can still send its result and end. With a rendezvous
// channel it would wait forever for a receiver that has left, and joining it would
// hang. (`chan::on_recv(timer, ...)` with `auto timer = chan::after(d)` is the same timeout,
// as a timer channel.)
//
// Ports: Go by Example, "Timeouts" (the crossbeam-channel `select!` with a
// `default(timeout)` arm is the same idea).
//
// Run:   ./cookbook run select_timeout
//        ./cookbook run select_timeout --work-ms 50 (quick computations: no timeout)
//
// Possible output:
//     timeout 1
//     result 2
// With these timings the first wait gives up and the second gets the result; only a
// machine stalled for 200 ms could print otherwise.
#include <chrono>
#include <string>
#include <thread>

#include <chan/chan.hpp>
#include <chan/trace.hpp>

#include "cookbook.hpp"

using namespace std::chrono_literals;

// ANCHOR: example
namespace {

void compute(std::string result, chan::sender<std::string> out, std::chrono::milliseconds work) {
    chan::trace::name_thread("computing " + result);
    std::this_thread::sleep_for(work);
    out.send(std::move(result));
}

}  // namespace
// ANCHOR_END: example

int main(int argc, char** argv) {
    cookbook::args args(argc, argv, {{"work-ms", 300, 0, 1000, "how long each computation takes"}});
    const auto work = args.get<std::chrono::milliseconds>("work-ms");

    // ANCHOR: example
    auto [tx1, rx1] = chan::bounded<std::string>(1, "result 1");
    std::thread worker1(compute, "result 1", std::move(tx1), work);
    chan::select(chan::on_recv(rx1, [](auto r) { cookbook::println(*r); }),
                 chan::on_timeout(100ms, [] { cookbook::println("timeout 1"); }));

    auto [tx2, rx2] = chan::bounded<std::string>(1, "result 2");
    std::thread worker2(compute, "result 2", std::move(tx2), work);
    chan::select(chan::on_recv(rx2, [](auto r) { cookbook::println(*r); }),
                 chan::on_timeout(600ms, [] { cookbook::println("timeout 2"); }));
    // ANCHOR_END: example

    worker1.join();
    worker2.join();
    return 0;
}

// Checks:
//     lines 2
//     first /^timeout 1$/
//     last /^result 2$/
//     takes 0.4..10 s
