// A worker pool that deadlocks when main queues every job before collecting any result.
//
// The classic trap. Main has N jobs for a pool of W workers; it queues all of them,
// then collects the results. While it is queuing it collects nothing, so work piles
// up: J jobs wait in the jobs channel, each worker holds one more (working on it, or
// waiting to hand over its result), and R results wait in the results channel. Main
// can queue J + W + R jobs that way and no more. With more jobs than that, main's next
// send waits for room in the jobs channel, which only a worker can make; every worker
// waits for room in the results channel, which only main can make, and main is not
// collecting. Nobody can move, forever. No line of the program is wrong on its own:
// the shape is.
//
// Two ways out. Go by Example's: give the channels room for every job, so main never
// waits (`--feeder 0 --capacity 6` finishes). The robust one, this recipe's default:
// queue the jobs from a thread of their own, so that main collects results while the
// jobs are being queued. That works with any capacity, even 0.
//
// Ports: Go by Example, "Worker Pools", and the deadlock its readers meet when they
// shrink its buffers (mmcgrana/gobyexample issue 125 and pull request 180).
//
// Run:   ./cookbook run worker_pool_deadlock
//        ./cookbook run worker_pool_deadlock --feeder 0    (never ends: press Ctrl-C)
//        ./cookbook run worker_pool_deadlock --feeder 0 --capacity 2 (room for
//            2 + 2 + 2 = 6 jobs: it just fits, and ends)
//
// With the defaults, --feeder 0 lets main queue only 1 + 2 + 1 = 4 of the 6 jobs.
// Watch that run (./cookbook visualizer --recipe worker_pool_deadlock --feeder 0, or
// set feeder to 0 in the browser): main is blocked on "jobs" (full), both workers on
// "results" (full), and the visualizer says that no thread can wake another.
//
// Possible output:
//     result: 2
//     result: 4
//     result: 8
//     result: 6
//     result: 10
//     result: 12
//     collected 6 of 6 results
// The order of the results varies from run to run. What cannot vary: every job's
// result is collected once, and the run ends.
#include <cstddef>
#include <string>
#include <thread>
#include <vector>

#include <chan/chan.hpp>
#include <chan/trace.hpp>

#include "cookbook.hpp"

// ANCHOR: example
namespace {

void worker(int id, chan::receiver<int> jobs, chan::sender<int> results) {
    chan::trace::name_thread("worker " + std::to_string(id));
    for (int job : jobs) results.send(job * 2);  // waits while "results" is full
}

void queue_jobs(chan::sender<int> jobs, int count) {
    for (int job = 1; job <= count; ++job) jobs.send(job);  // waits while "jobs" is full
}  // the last sender of "jobs" is gone: the workers stop once it is empty

void collect(chan::receiver<int>& results, int count) {
    int collected = 0;
    for (; collected < count; ++collected) {
        auto r = results.recv();
        if (!r) break;
        cookbook::println("result: ", *r);
    }
    cookbook::println("collected ", collected, " of ", count, " results");
}

}  // namespace
// ANCHOR_END: example

int main(int argc, char** argv) {
    cookbook::args args(argc, argv,
                        {{"jobs", 6, 1, 20, "jobs to do"},
                         {"workers", 2, 1, 8, "worker threads"},
                         {"capacity", 1, 0, 20, "room in each of the two channels"},
                         {"feeder", 1, 0, 1, "1: a feeder thread queues the jobs, 0: main does"}});
    const int jobs = args.get("jobs");

    // ANCHOR: example
    const auto capacity = args.get<std::size_t>("capacity");
    auto [jobs_tx, jobs_rx] = chan::bounded<int>(capacity, "jobs");
    auto [results_tx, results_rx] = chan::bounded<int>(capacity, "results");

    std::vector<std::thread> pool;
    for (int id = 1; id <= args.get("workers"); ++id) {
        pool.emplace_back(worker, id, jobs_rx, results_tx);
    }

    if (args.get("feeder") == 1) {
        // The fix: jobs are queued while main collects, so a full channel always drains.
        std::thread feeder(
            [](chan::sender<int> tx, int count) {
                chan::trace::name_thread("feeder");
                queue_jobs(std::move(tx), count);
            },
            std::move(jobs_tx), jobs);
        collect(results_rx, jobs);
        feeder.join();
    } else {
        // The trap: with more jobs than the channels and workers can hold, this never
        // returns, so main never gets to collect.
        queue_jobs(std::move(jobs_tx), jobs);
        collect(results_rx, jobs);
    }
    // ANCHOR_END: example

    for (std::thread& t : pool) t.join();
    return 0;
}

// Checks:
//     lines 7
//     count 6 /^result: (2|4|6|8|10|12)$/
//     unique /^result: (\d+)$/
//     last /^collected 6 of 6 results$/
