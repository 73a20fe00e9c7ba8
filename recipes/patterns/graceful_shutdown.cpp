// Graceful shutdown: closing one channel stops the producer, and the workers finish what is queued.
//
// A producer feeds a queue of jobs to two workers until main asks everyone to stop.
// The request is a channel that nobody ever sends on: main closes it, and a closed
// channel is ready for every receiver at once, however many there are, so it works
// as a broadcast of "stop". The producer waits on the queue and the shutdown channel
// together with a select, so it hears the request even while the queue is full; it
// then stops producing, and its sender goes with it. The workers are not interrupted:
// they finish every job already queued, and their loops end when the queue is drained.
// Main waits for that, but only up to a deadline, as any shutdown should.
//
// Ports: Go's cancellation by closing a done channel (Go by Example, "Closing
// Channels", and the context package), and the graceful-shutdown example of rust_howto
// (tokio_graceful_shutdown.rs): stop on request, let running work finish, bound the wait.
//
// Run:   ./cookbook run graceful_shutdown
//        ./cookbook run graceful_shutdown --run-ms 1000 (more jobs are produced before
//            the request)
//
// Possible output:
//     worker 1 finished job 1
//     worker 2 finished job 2
//     worker 1 finished job 3
//     worker 2 finished job 4
//     worker 1 finished job 5
//     worker 2 finished job 6
//     worker 1 finished job 7
//     worker 2 finished job 8
//     worker 1 finished job 9
//     worker 2 finished job 10
//     requesting shutdown
//     producer stopped after 13 jobs
//     worker 1 finished job 11
//     worker 2 finished job 12
//     worker 1 finished job 13
//     worker 2 exits: the queue is empty
//     worker 1 exits: the queue is empty
//     shutdown complete: 13 jobs produced, 13 finished
// How many jobs are produced before the request, and which worker does which job,
// vary from run to run. What cannot vary: the request comes before the producer
// stops; every job produced is finished, once; both workers exit; and the last line
// reports as many jobs finished as produced.
#include <chrono>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include <chan/chan.hpp>
#include <chan/trace.hpp>

#include "cookbook.hpp"

using namespace std::chrono_literals;

// ANCHOR: example
namespace {

void produce(chan::sender<int> queue, chan::receiver<bool> shutdown, int& produced) {
    chan::trace::name_thread("producer");
    for (bool running = true; running;) {
        chan::select(chan::on_send(queue, produced + 1, [&](auto) { ++produced; }),
                     chan::on_recv(shutdown, [&](auto) { running = false; }));
    }
    cookbook::println("producer stopped after ", produced, " jobs");
}  // `queue` goes: the workers' loops end once they have drained it

void work(int id, chan::receiver<int> queue, chan::sender<int> finished,
          std::chrono::milliseconds how_long) {
    chan::trace::name_thread("worker " + std::to_string(id));
    for (int job : queue) {
        std::this_thread::sleep_for(how_long);
        cookbook::println("worker ", id, " finished job ", job);
        finished.send(job);
    }
    cookbook::println("worker ", id, " exits: the queue is empty");
}

}  // namespace
// ANCHOR_END: example

int main(int argc, char** argv) {
    cookbook::args args(argc, argv,
                        {{"workers", 2, 1, 8, "worker threads"},
                         {"run-ms", 250, 0, 3000, "how long main lets them work"},
                         {"work-ms", 50, 0, 500, "how long one job takes"}});
    const auto work_time = args.get<std::chrono::milliseconds>("work-ms");

    // ANCHOR: example
    auto [queue_tx, queue_rx] = chan::bounded<int>(2, "queue");
    auto [shutdown_tx, shutdown_rx] = chan::bounded<bool>(0, "shutdown");
    auto [finished_tx, finished_rx] = chan::unbounded<int>("finished");

    int produced = 0;  // read only after joining the producer
    std::thread producer(produce, std::move(queue_tx), shutdown_rx, std::ref(produced));
    std::vector<std::thread> workers;
    for (int id = 1; id <= args.get("workers"); ++id) {
        workers.emplace_back(work, id, queue_rx, finished_tx, work_time);
    }
    finished_tx = {};  // "finished" ends when the last worker exits

    std::this_thread::sleep_for(args.get<std::chrono::milliseconds>("run-ms"));
    cookbook::println("requesting shutdown");
    shutdown_tx.close();  // every thread waiting on "shutdown" wakes at once

    // Wait for the workers to drain the queue, but not forever.
    int finished = 0;
    const auto deadline = chan::clock::now() + 5s;
    while (finished_rx.recv_until(deadline)) ++finished;
    producer.join();
    cookbook::println("shutdown complete: ", produced, " jobs produced, ", finished, " finished");
    // ANCHOR_END: example

    for (std::thread& w : workers) w.join();
    return 0;
}

// Checks:
//     count 1 /^requesting shutdown$/
//     in order /^(requesting shutdown|producer stopped)/
//     unique /^worker [12] finished job (\d+)$/
//     count 2 /^worker [12] exits: the queue is empty$/
//     last /^shutdown complete: (\d+) jobs produced, \1 finished$/
