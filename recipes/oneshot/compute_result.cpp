// A computation's result is sent back to the thread waiting for it through a oneshot channel.
//
// `chan::oneshot<T>()` carries exactly one value from one sender to one receiver.
// Sending consumes the sender (`std::move(tx).send(v)`), so it cannot be sent twice.
// Main starts the computation, does other work meanwhile, then waits for the result.
// If the computing thread ends without sending, here because the computation fails
// (`--fail 1`), its sender is destroyed unused and main's receive reports
// `disconnected` instead of waiting forever.
//
// Ports: the tokio::sync::oneshot example of tokio's sync module documentation (also
// rust_howto's async_channels_oneshot.rs).
//
// Run:   ./cookbook run compute_result
//        ./cookbook run compute_result --fail 1 (the computation fails: main learns
//            that no result will come)
//
// Output:
//     main: doing other work while the computation runs
//     main: got "represents the result of the computation"
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>

#include <chan/chan.hpp>
#include <chan/trace.hpp>

#include "cookbook.hpp"

// ANCHOR: example
namespace {

std::string some_computation(std::chrono::milliseconds work, bool fail) {
    std::this_thread::sleep_for(work);
    if (fail) throw std::runtime_error("the computation failed");
    return "represents the result of the computation";
}

void compute(chan::oneshot_sender<std::string> result, std::chrono::milliseconds work, bool fail) {
    chan::trace::name_thread("computation");
    try {
        std::move(result).send(some_computation(work, fail));
    } catch (const std::exception&) {
        // `result` is destroyed unsent when this function returns: the waiter learns
        // that no value will come.
    }
}

}  // namespace
// ANCHOR_END: example

int main(int argc, char** argv) {
    cookbook::args args(argc, argv,
                        {{"work-ms", 100, 0, 2000, "how long the computation takes"},
                         {"fail", 0, 0, 1, "1: the computation fails and sends nothing"}});

    // ANCHOR: example
    auto [tx, rx] = chan::oneshot<std::string>("result");
    std::thread computation(compute, std::move(tx), args.get<std::chrono::milliseconds>("work-ms"),
                            args.get<bool>("fail"));

    cookbook::println("main: doing other work while the computation runs");

    if (auto result = rx.recv()) {
        cookbook::println("main: got \"", *result, "\"");
    } else {
        cookbook::println("main: no result will come (", result.status(), ")");
    }
    // ANCHOR_END: example

    computation.join();
    return 0;
}

// Checks:
//     takes 0.1..10 s
