// Exercise 21, solved: three workers share the jobs; main collects one result per job.
#include <chan/chan.hpp>

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

int square(int n) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    return n * n;
}

void worker(int id, chan::receiver<int> jobs, chan::sender<int> results) {
    chan::trace::name_thread("worker " + std::to_string(id));
    for (int job : jobs) results.send(square(job));
}

int main() {
    chan::trace::name_thread("main");

    // Room for every job and every result: main never waits to queue a job, and a
    // worker never waits to post a result.
    auto [jobs_tx, jobs_rx] = chan::bounded<int>(9, "jobs");
    auto [results_tx, results_rx] = chan::bounded<int>(9, "results");

    std::vector<std::thread> pool;
    for (int id = 1; id <= 3; ++id) pool.emplace_back(worker, id, jobs_rx, results_tx);

    for (int job = 1; job <= 9; ++job) jobs_tx.send(job);
    jobs_tx.close();  // each worker's loop ends once the queue is drained

    int collected = 0, total = 0;
    for (; collected < 9; ++collected) {
        auto r = results_rx.recv();
        if (!r) break;
        total += *r;
    }

    std::printf("collected %d results, total %d\n", collected, total);
    for (std::thread& t : pool) t.join();
    return 0;
}
