// Exercise 09: share the work among three workers.
//
// Copies of a receiver compete for a channel's messages: each message goes to exactly
// one of them. Main queues twelve jobs on "jobs"; three workers share it. Make each
// worker take jobs until the channel ends, and make the channel end once main has
// queued the last job, so that the workers finish and main can join them.
//
// Check it:  ./cookbook exercise share_the_work
#include <chan/chan.hpp>

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

// A job takes a little while: that is what lets the three workers share them.
void do_job(int worker, int job) {
    std::printf("worker %d took job %d\n", worker, job);
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
}

int main() {
    chan::trace::name_thread("main");

    auto [jobs_tx, jobs_rx] = chan::unbounded<int>("jobs");

    std::vector<std::thread> workers;
    for (int id = 1; id <= 3; ++id) {
        // Each worker gets its own copy of the receiver.
        workers.emplace_back([id, jobs = jobs_rx] {
            chan::trace::name_thread("worker " + std::to_string(id));
            // TODO: this takes one job and stops. Take jobs until the channel ends
            //       (a range-for over `jobs` does), calling do_job(id, job) for each.
            if (auto job = jobs.recv()) do_job(id, *job);
        });
    }

    for (int job = 1; job <= 12; ++job) jobs_tx.send(job);
    // TODO: no more jobs are coming: say so, or the workers' loops never end.

    for (std::thread& w : workers) w.join();
    std::printf("all jobs done\n");
    return 0;
}
