// Exercise 23: the worker pool that never finishes.
//
// Main has 6 jobs for 2 workers. It queues every job, then collects the results. The
// channels are small on purpose (in a real program the number of jobs is not known in
// advance, so no buffer is "big enough"), and this program never ends: run it and see
// who is waiting for whom. Fix it without making the channels bigger: queue the jobs
// from a thread of their own, so that main collects results while jobs are queued.
//
// Check it:  ./cookbook exercise pool_deadlock
#include <chan/chan.hpp>

#include <cstdio>
#include <string>
#include <thread>
#include <vector>

void worker(int id, chan::receiver<int> jobs, chan::sender<int> results) {
    chan::trace::name_thread("worker " + std::to_string(id));
    for (int job : jobs) results.send(job * 2);  // waits while "results" is full
}

int main() {
    chan::trace::name_thread("main");
    const int job_count = 6;

    auto [jobs_tx, jobs_rx] = chan::bounded<int>(1, "jobs");
    auto [results_tx, results_rx] = chan::bounded<int>(1, "results");

    std::vector<std::thread> pool;
    for (int id = 1; id <= 2; ++id) pool.emplace_back(worker, id, jobs_rx, results_tx);

    // Queue every job...
    for (int job = 1; job <= job_count; ++job) jobs_tx.send(job);  // waits while "jobs" is full
    jobs_tx = {};  // no more jobs: the workers stop once "jobs" is empty

    // ...then collect every result.
    int collected = 0;
    for (; collected < job_count; ++collected) {
        auto r = results_rx.recv();
        if (!r) break;
        std::printf("result: %d\n", *r);
    }
    std::printf("collected %d of %d results\n", collected, job_count);

    for (std::thread& t : pool) t.join();
    return 0;
}
