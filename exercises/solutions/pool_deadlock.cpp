// Exercise 23, solved: a feeder thread queues the jobs while main collects the results,
// so a full channel always has someone draining it.
#include <chan/chan.hpp>

#include <cstdio>
#include <string>
#include <thread>
#include <utility>
#include <vector>

void worker(int id, chan::receiver<int> jobs, chan::sender<int> results) {
    chan::trace::name_thread("worker " + std::to_string(id));
    for (int job : jobs) results.send(job * 2);
}

int main() {
    chan::trace::name_thread("main");
    const int job_count = 6;

    auto [jobs_tx, jobs_rx] = chan::bounded<int>(1, "jobs");
    auto [results_tx, results_rx] = chan::bounded<int>(1, "results");

    std::vector<std::thread> pool;
    for (int id = 1; id <= 2; ++id) pool.emplace_back(worker, id, jobs_rx, results_tx);

    // The feeder takes the only sender of "jobs"; when it ends, "jobs" closes.
    std::thread feeder(
        [](chan::sender<int> jobs, int count) {
            chan::trace::name_thread("feeder");
            for (int job = 1; job <= count; ++job) jobs.send(job);
        },
        std::move(jobs_tx), job_count);

    int collected = 0;
    for (; collected < job_count; ++collected) {
        auto r = results_rx.recv();
        if (!r) break;
        std::printf("result: %d\n", *r);
    }
    std::printf("collected %d of %d results\n", collected, job_count);

    feeder.join();
    for (std::thread& t : pool) t.join();
    return 0;
}
