// Exercise 21: a pool of workers.
//
// Several threads receiving from one channel share its messages: each job goes to
// exactly one worker, whichever is free first. Main has 9 jobs for a pool of 3 workers:
// send them on a channel named "jobs", have the workers post each result on a channel
// named "results", and collect all 9 results in main.
//
// Check it:  ./cookbook exercise worker_pool
#include <chan/chan.hpp>

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

// One job: squaring a number, which (for the sake of the exercise) takes 10 ms.
int square(int n) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    return n * n;
}

// TODO: a worker needs the receiving end of "jobs" and the sending end of "results":
//       void worker(int id, chan::receiver<int> jobs, chan::sender<int> results)
void worker(int id) {
    chan::trace::name_thread("worker " + std::to_string(id));
    // TODO: take jobs until "jobs" is closed and empty, and send square(job) on results
    //       for each: a range-for over a receiver does exactly that: for (int job : jobs)
}

int main() {
    chan::trace::name_thread("main");

    // TODO: make two channels of int, "jobs" and "results", each with room for all 9
    //       messages: auto [jobs_tx, jobs_rx] = chan::bounded<int>(9, "jobs");

    std::vector<std::thread> pool;
    for (int id = 1; id <= 3; ++id) {
        pool.emplace_back(worker, id);  // TODO: pass each worker its channel ends
    }

    // TODO: send the jobs 1 to 9 on "jobs", then close it (jobs_tx.close()): that is how
    //       the workers learn there is no more work.

    int collected = 0, total = 0;
    // TODO: receive the 9 results, counting them in collected and adding them to total.

    std::printf("collected %d results, total %d\n", collected, total);
    for (std::thread& t : pool) t.join();
    return 0;
}
