// Exercise 24: stop the workers gracefully.
//
// A graceful shutdown stops taking new work but finishes the work already accepted.
// Main feeds 10 jobs to 3 workers through a small queue, "jobs", then shuts the pool
// down: it closes the queue. The workers are not interrupted: each finishes the jobs
// still queued, and its loop ends only when the queue is closed and empty. Main waits
// for every worker to stop before it reports. Write the queue, the workers' loop and
// the shutdown.
//
// Check it:  ./cookbook exercise graceful_shutdown
#include <chan/chan.hpp>

#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <thread>
#include <vector>

constexpr int job_count = 10;

// One job takes a few milliseconds.
void do_job(int job) { std::this_thread::sleep_for(std::chrono::milliseconds(3 + job % 3)); }

// TODO: a worker needs the receiving end of "jobs": add a parameter
//       chan::receiver<int> jobs (after id, before done).
void worker(int id, int& done) {
    chan::trace::name_thread("worker " + std::to_string(id));
    // TODO: take jobs until "jobs" is closed and empty, calling do_job(job) and counting
    //       each in done: a range-for over the receiver ends exactly then.
    std::printf("worker %d stopped after %d jobs\n", id, done);
}

int main() {
    chan::trace::name_thread("main");

    // TODO: make "jobs", a channel of int with room for 3 jobs:
    //       auto [jobs_tx, jobs_rx] = chan::bounded<int>(3, "jobs");

    std::vector<int> done(3, 0);  // jobs done by each worker, read once they have stopped
    std::vector<std::thread> workers;
    for (int id = 1; id <= 3; ++id) {
        workers.emplace_back(worker, id, std::ref(done[id - 1]));  // TODO: pass jobs_rx too
    }

    // TODO: send the jobs 1 to job_count on "jobs" (a send waits while the queue is full).

    // TODO: shut down: close "jobs". The workers finish what is still queued, then stop.

    for (std::thread& w : workers) w.join();  // waits for every worker to stop
    int total = 0;
    for (int d : done) total += d;
    std::printf("all %d jobs done, workers stopped\n", total);
    return 0;
}
