// Exercise 15, solved: main's select gives up after 50 ms. The worker's late answer
// still fits in the channel's slot, so the worker ends and main can join it.
#include <chan/chan.hpp>

#include <chrono>
#include <cstdio>
#include <thread>
#include <utility>

using namespace std::chrono_literals;

int main() {
    chan::trace::name_thread("main");

    auto [answer_tx, answer_rx] = chan::bounded<int>(1, "answer");

    std::thread worker([answer = std::move(answer_tx)] {
        chan::trace::name_thread("worker");
        std::this_thread::sleep_for(300ms);
        answer.send(42);  // nobody receives it any more, but there is room: it does not wait
    });

    chan::select(chan::on_recv(answer_rx, [](chan::recv_result<int> r) { std::printf("answer: %d\n", *r); }),
                 chan::on_timeout(50ms, [] { std::printf("timed out\n"); }));

    worker.join();
    return 0;
}
