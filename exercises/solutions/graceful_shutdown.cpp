// Exercise 24, solved: main closes the queue after the last job; each worker finishes
// what is queued and stops; main joins them all before it reports.
#include <chan/chan.hpp>

#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <thread>
#include <vector>

constexpr int job_count = 10;

void do_job(int job) { std::this_thread::sleep_for(std::chrono::milliseconds(3 + job % 3)); }

void worker(int id, chan::receiver<int> jobs, int& done) {
    chan::trace::name_thread("worker " + std::to_string(id));
    for (int job : jobs) {  // ends once "jobs" is closed and drained
        do_job(job);
        ++done;
    }
    std::printf("worker %d stopped after %d jobs\n", id, done);
}

int main() {
    chan::trace::name_thread("main");

    auto [jobs_tx, jobs_rx] = chan::bounded<int>(3, "jobs");

    std::vector<int> done(3, 0);
    std::vector<std::thread> workers;
    for (int id = 1; id <= 3; ++id) workers.emplace_back(worker, id, jobs_rx, std::ref(done[id - 1]));

    for (int job = 1; job <= job_count; ++job) jobs_tx.send(job);

    // No more jobs will come. Jobs still queued are not lost: a closed channel still
    // delivers what it holds, and only then do the workers' loops end.
    jobs_tx.close();

    for (std::thread& w : workers) w.join();
    int total = 0;
    for (int d : done) total += d;
    std::printf("all %d jobs done, workers stopped\n", total);
    return 0;
}
