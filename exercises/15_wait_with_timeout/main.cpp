// Exercise 15: stop waiting for an answer that comes too late.
//
// A worker takes 300 ms to answer on "answer"; main can wait 50 ms, no more. Make main
// wait in a select that gives up after 50 ms and prints "timed out". The worker still
// answers later: "answer" has room for one message, so its send does not wait for a
// receiver that has stopped listening, and main can join it.
//
// Check it:  ./cookbook exercise wait_with_timeout
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
        std::this_thread::sleep_for(300ms);  // thinking, for too long
        answer.send(42);
    });

    // TODO: this waits as long as the worker takes. Wait at most 50 ms instead: a
    //       chan::select with an on_recv arm for answer_rx (print "answer: N") and a
    //       chan::on_timeout(50ms, ...) arm that prints "timed out".
    if (auto a = answer_rx.recv()) std::printf("answer: %d\n", *a);

    worker.join();
    return 0;
}
