// A receive that waits at most a given time, and how its result says why it stopped.
//
// `recv_for(d)` returns a message if one arrives within d, and otherwise
// `status::timeout`; it never returns early. The same call also reports
// `disconnected` as soon as the senders are gone: there is no point waiting for a
// message that cannot come. The result's status tells the three cases apart.
//
// Ports: the receive-with-timeout step of the flume example of rust_howto (flume.rs)
// and Rust's `Receiver::recv_timeout`.
//
// Run:   ./cookbook run recv_timeout
//        ./cookbook run recv_timeout --reply-ms 2000 (the reply comes after the second
//            receive gave up; the third gets it, since a channel hands over what it
//            holds before it reports `disconnected`)
//
// Output:
//     recv_for(100 ms) on an empty channel: timeout
//     it waited at least 100 ms: true
//     recv_for(1000 ms) while a reply is on its way: ok, reply
//     recv_for(1000 ms) after the sender is gone: disconnected
#include <chrono>
#include <string>
#include <thread>

#include <chan/chan.hpp>
#include <chan/trace.hpp>

#include "cookbook.hpp"

using namespace std::chrono_literals;

int main(int argc, char** argv) {
    cookbook::args args(argc, argv,
                        {{"timeout-ms", 100, 1, 1000, "how long the first receive waits"},
                         {"reply-ms", 50, 0, 3000, "when the reply is sent"}});
    const auto timeout = args.get<std::chrono::milliseconds>("timeout-ms");

    // ANCHOR: example
    auto [tx, rx] = chan::bounded<std::string>(1, "replies");

    // Nobody sends yet: the receive gives up after `timeout`, and never sooner.
    const auto start = chan::clock::now();
    auto first = rx.recv_for(timeout);
    cookbook::println("recv_for(", timeout.count(), " ms) on an empty channel: ", first.status());
    const bool waited = chan::clock::now() - start >= timeout;
    cookbook::println("it waited at least ", timeout.count(), " ms: ", waited);

    std::thread replier(
        [](chan::sender<std::string> reply, std::chrono::milliseconds delay) {
            chan::trace::name_thread("replier");
            std::this_thread::sleep_for(delay);
            reply.send("reply");
        },
        std::move(tx), args.get<std::chrono::milliseconds>("reply-ms"));

    auto second = rx.recv_for(1000ms);
    cookbook::println("recv_for(1000 ms) while a reply is on its way: ", second.status(),
                      second ? ", " + *second : "");
    replier.join();  // the replier's sender is gone with it

    // Returns at once: no message can come any more. (A reply still buffered would be
    // handed over first: `disconnected` means gone and drained.)
    auto third = rx.recv_for(1000ms);
    cookbook::println("recv_for(1000 ms) after the sender is gone: ", third.status(),
                      third ? ", " + *third : "");
    // ANCHOR_END: example
    return 0;
}

// Checks:
//     takes 0.1..10 s
