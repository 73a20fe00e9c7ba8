// Closing a channel tells its receivers that no more messages will come.
//
// Main sends three jobs to a worker, then closes the jobs channel. Closing does not
// throw away what is buffered: the worker still receives all three jobs, and only
// then does its receive report `disconnected`, which is how it knows the work is
// complete. It reports back on a done channel. A receive on a closed, drained channel
// never waits: it fails at once, every time, as main's last receive shows.
//
// Ports: Go by Example, "Closing Channels".
//
// Run:   ./cookbook run closing
//
// Possible output:
//     sent job 1
//     sent job 2
//     received job 1
//     sent job 3
//     sent all jobs
//     received job 2
//     received job 3
//     received all jobs
//     received more jobs: false
// Main's lines and the worker's interleave differently from run to run. What cannot
// vary: main sends jobs 1, 2, 3 in order and then reports "sent all jobs"; the worker
// receives them in that same order before "received all jobs"; and the last line is
// main's final receive, which finds the channel closed and empty.
#include <thread>

#include <chan/chan.hpp>
#include <chan/trace.hpp>

#include "cookbook.hpp"

// ANCHOR: example
namespace {

void worker(chan::receiver<int> jobs, chan::sender<bool> done) {
    chan::trace::name_thread("worker");
    for (;;) {
        if (auto job = jobs.recv()) {
            cookbook::println("received job ", *job);
        } else {  // closed and drained: no job will ever come again
            cookbook::println("received all jobs");
            done.send(true);
            return;
        }
    }
}

}  // namespace
// ANCHOR_END: example

int main(int argc, char** argv) {
    cookbook::args args(argc, argv, {});

    // ANCHOR: example
    auto [jobs_tx, jobs_rx] = chan::bounded<int>(5, "jobs");
    auto [done_tx, done_rx] = chan::bounded<bool>(0, "done");
    std::thread t(worker, jobs_rx, std::move(done_tx));

    for (int job = 1; job <= 3; ++job) {
        jobs_tx.send(job);
        cookbook::println("sent job ", job);
    }
    jobs_tx.close();
    cookbook::println("sent all jobs");

    done_rx.recv();  // wait until the worker has seen the end

    const bool more = jobs_rx.recv().status() == chan::status::ok;
    cookbook::println("received more jobs: ", more);
    // ANCHOR_END: example

    t.join();
    return 0;
}

// Checks:
//     any order
//     in order /^sent .*/
//     in order /^received (job \d|all jobs)$/
//     last /^received more jobs: false$/
