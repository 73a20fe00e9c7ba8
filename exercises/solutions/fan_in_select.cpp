// Exercise 13, solved: one select per message, over both channels. A channel that has
// ended is always ready, so its arm is switched off with a receiver that never is; the
// loop stops when both have ended.
#include <chan/chan.hpp>

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <utility>

void produce(std::string name, int count, std::chrono::milliseconds pause, chan::sender<std::string> out) {
    chan::trace::name_thread(name + " producer");
    for (int i = 1; i <= count; ++i) {
        std::this_thread::sleep_for(pause);
        out.send(name + " " + std::to_string(i));
    }
}

void print_both(chan::receiver<std::string> fast, chan::receiver<std::string> slow) {
    int open = 2;
    while (open > 0) {
        chan::select(
            chan::on_recv(fast, [&](chan::recv_result<std::string> r) {
                if (r) {
                    std::printf("got %s\n", r->c_str());
                } else {
                    fast = chan::never<std::string>();
                    --open;
                }
            }),
            chan::on_recv(slow, [&](chan::recv_result<std::string> r) {
                if (r) {
                    std::printf("got %s\n", r->c_str());
                } else {
                    slow = chan::never<std::string>();
                    --open;
                }
            }));
    }
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
