// Exercise 13: receive from two channels, whichever is ready first.
//
// Two producers send on "fast" and "slow". Main must print every message as soon as it
// arrives, from either channel, until both channels have ended. One receive waits on
// one channel only; a select waits on several at once.
//
// Check it:  ./cookbook exercise fan_in_select
#include <chan/chan.hpp>

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <utility>

// Sends "<name> 1" to "<name> <count>", one every `pause`; its sender goes with it.
void produce(std::string name, int count, std::chrono::milliseconds pause, chan::sender<std::string> out) {
    chan::trace::name_thread(name + " producer");
    for (int i = 1; i <= count; ++i) {
        std::this_thread::sleep_for(pause);
        out.send(name + " " + std::to_string(i));
    }
}

// Prints "got <message>" for every message of both channels, until both have ended.
void print_both(chan::receiver<std::string> fast, chan::receiver<std::string> slow) {
    // TODO: this reads "fast" to its end before it even looks at "slow": a message on
    //       "slow" waits until "fast" is done. Instead, loop on a chan::select with one
    //       chan::on_recv arm per channel, until both channels have ended.
    for (const std::string& m : fast) std::printf("got %s\n", m.c_str());
    for (const std::string& m : slow) std::printf("got %s\n", m.c_str());
}

int main() {
    chan::trace::name_thread("main");

    auto [fast_tx, fast_rx] = chan::bounded<std::string>(1, "fast");
    auto [slow_tx, slow_rx] = chan::bounded<std::string>(1, "slow");
    std::thread fast(produce, "fast", 4, std::chrono::milliseconds(20), std::move(fast_tx));
    std::thread slow(produce, "slow", 2, std::chrono::milliseconds(50), std::move(slow_tx));

    print_both(std::move(fast_rx), std::move(slow_rx));

    fast.join();
    slow.join();
    return 0;
}
