// A pool of worker threads takes jobs from one channel and posts results to another.
//
// Several receivers on one channel share its messages: each job goes to exactly one
// worker, whichever is free first. Main queues every job, then closes the jobs
// channel: that is how the workers learn there is no more work, since their loops end
// once the channel is closed and drained. Main then collects one result per job. Both
// channels have room for every job, so main never waits to queue a job and a worker
// never waits to post a result (worker_pool_deadlock shows what happens when they
// might). The handles in `worker`'s signature say which way each channel goes: a
// worker can only receive jobs and only send results.
//
// Ports: Go by Example, "Worker Pools".
//
// Run:   ./cookbook run worker_pool
//        ./cookbook run worker_pool --workers 2 --jobs 8 (fewer workers, more jobs)
//
// Possible output:
//     worker 1 started job 1
//     worker 2 started job 2
//     worker 3 started job 3
//     worker 1 finished job 1
//     worker 1 started job 4
//     worker 3 finished job 3
//     worker 3 started job 5
//     worker 2 finished job 2
//     worker 1 finished job 4
//     worker 3 finished job 5
//     all 5 jobs done
// Which worker takes which job, and how the lines interleave, varies from run to run.
// What cannot vary: every job is started once and finished once, by the same worker,
// and "all 5 jobs done" comes last. With 3 workers, 5 jobs of 100 ms take two rounds.
#include <chrono>
#include <cstddef>
#include <string>
#include <thread>
#include <vector>

#include <chan/chan.hpp>
#include <chan/trace.hpp>

#include "cookbook.hpp"

// ANCHOR: example
namespace {

void worker(int id, chan::receiver<int> jobs, chan::sender<int> results,
            std::chrono::milliseconds work) {
    chan::trace::name_thread("worker " + std::to_string(id));
    for (int job : jobs) {
        cookbook::println("worker ", id, " started job ", job);
        std::this_thread::sleep_for(work);  // the work itself
        cookbook::println("worker ", id, " finished job ", job);
        results.send(job * 2);
    }
}

}  // namespace
// ANCHOR_END: example

int main(int argc, char** argv) {
    cookbook::args args(argc, argv,
                        {{"workers", 3, 1, 8, "worker threads"},
                         {"jobs", 5, 1, 20, "jobs to do"},
                         {"work-ms", 100, 0, 1000, "how long one job takes"}});
    const int workers = args.get("workers");
    const int jobs = args.get("jobs");

    // ANCHOR: example
    auto [jobs_tx, jobs_rx] = chan::bounded<int>(args.get<std::size_t>("jobs"), "jobs");
    auto [results_tx, results_rx] = chan::bounded<int>(args.get<std::size_t>("jobs"), "results");

    std::vector<std::thread> pool;
    const auto work = args.get<std::chrono::milliseconds>("work-ms");
    for (int id = 1; id <= workers; ++id) pool.emplace_back(worker, id, jobs_rx, results_tx, work);

    for (int job = 1; job <= jobs; ++job) jobs_tx.send(job);
    jobs_tx.close();  // no more jobs: each worker's loop ends when the channel is drained

    for (int i = 0; i < jobs; ++i) results_rx.recv();
    cookbook::println("all ", jobs, " jobs done");
    // ANCHOR_END: example

    for (std::thread& t : pool) t.join();
    return 0;
}

// Checks:
//     lines 11
//     every /^(worker [1-3] (started|finished) job [1-5]|all 5 jobs done)$/
//     in order /(started|finished) job 1$/
//     in order /(started|finished) job 2$/
//     in order /(started|finished) job 3$/
//     in order /(started|finished) job 4$/
//     in order /(started|finished) job 5$/
//     last /^all 5 jobs done$/
//     takes 0.2..10 s
