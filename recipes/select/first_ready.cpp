// Select receives from whichever of two channels, of different types, is ready first.
//
// `chan::select` waits on several operations at once and runs exactly one: the first
// that can complete, or a random one among several ready at once, so that no channel
// starves. Each arm has its own handler, so the channels need not carry the same type.
// A receive on a disconnected channel is always ready (its handler gets
// `disconnected`), so once a channel is finished its arm is switched off by putting a
// receiver that is never ready, `chan::never<T>()`, in its place. The loop ends when
// both channels are finished.
//
// Ports: the flume Selector example of rust_howto (flume.rs).
//
// Run:   ./cookbook run first_ready
//
// Possible output:
//     received flag: true
//     received number: 42
//     no more flags
//     no more numbers
// The sender sends the flag first, but by the time main selects both messages may be
// waiting, and then either may come first; the same holds for the two ends. What
// cannot vary: each channel's message comes before that channel's end.
#include <thread>

#include <chan/chan.hpp>
#include <chan/trace.hpp>

#include "cookbook.hpp"

// ANCHOR: example
namespace {

// Receives from both channels until both are finished, whichever is ready first.
void receive_both(chan::receiver<bool> flags, chan::receiver<int> numbers) {
    int open = 2;
    while (open > 0) {
        chan::select(
            chan::on_recv(flags, [&](chan::recv_result<bool> r) {
                if (r) {
                    cookbook::println("received flag: ", *r);
                } else {
                    cookbook::println("no more flags");
                    flags = chan::never<bool>("flags done");
                    --open;
                }
            }),
            chan::on_recv(numbers, [&](chan::recv_result<int> r) {
                if (r) {
                    cookbook::println("received number: ", *r);
                } else {
                    cookbook::println("no more numbers");
                    numbers = chan::never<int>("numbers done");
                    --open;
                }
            }));
    }
}

}  // namespace
// ANCHOR_END: example

int main(int argc, char** argv) {
    cookbook::args args(argc, argv, {});

    // ANCHOR: example
    auto [flags_tx, flags_rx] = chan::unbounded<bool>("flags");
    auto [numbers_tx, numbers_rx] = chan::unbounded<int>("numbers");

    std::thread sender(
        [](chan::sender<bool> flag, chan::sender<int> number) {
            chan::trace::name_thread("sender");
            flag.send(true);
            number.send(42);
        },
        std::move(flags_tx), std::move(numbers_tx));

    receive_both(std::move(flags_rx), std::move(numbers_rx));
    // ANCHOR_END: example

    sender.join();
    return 0;
}

// Checks:
//     any order
//     in order /flag/
//     in order /number/
