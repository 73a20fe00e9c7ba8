// Exercise 09, solved: the workers range over their copies of the receiver; main closes
// the channel after the last job, so each loop ends once the queue is empty.
#include <chan/chan.hpp>

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

void do_job(int worker, int job) {
    std::printf("worker %d took job %d\n", worker, job);
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
}

int main() {
    chan::trace::name_thread("main");

    auto [jobs_tx, jobs_rx] = chan::unbounded<int>("jobs");

    std::vector<std::thread> workers;
    for (int id = 1; id <= 3; ++id) {
        workers.emplace_back([id, jobs = jobs_rx] {
            chan::trace::name_thread("worker " + std::to_string(id));
            for (int job : jobs) do_job(id, job);  // ends when closed and empty
        });
    }

    for (int job = 1; job <= 12; ++job) jobs_tx.send(job);
    jobs_tx.close();  // no more jobs: the workers finish what is queued, then stop

    for (std::thread& w : workers) w.join();
    std::printf("all jobs done\n");
    return 0;
}
