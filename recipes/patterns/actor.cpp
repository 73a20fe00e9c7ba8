// An actor thread owns a counter; each client's request carries a oneshot channel for the reply.
//
// Instead of sharing the counter under a lock, one thread owns it and is the only one
// that ever touches it. Clients send requests through a channel, and each request
// carries the sending half of a fresh oneshot channel: the actor answers through it,
// and the client waits on its receiving half for exactly that answer. Here every
// request is "fetch and increment": the reply is the value before the increment. The
// actor's loop ends when every client (and main) has dropped its sender.
//
// Ports: the counter task of tokio's sync module documentation (mpsc commands with
// oneshot replies), and Go by Example, "Stateful Goroutines".
//
// Run:   ./cookbook run actor
//        ./cookbook run actor --clients 20 (twenty clients, one counter, still no lost
//            update)
//
// Possible output:
//     client 2: previous value = 0
//     client 1: previous value = 1
//     client 3: previous value = 2
//     client 4: previous value = 3
//     client 6: previous value = 4
//     client 5: previous value = 5
//     client 7: previous value = 6
//     client 8: previous value = 7
//     client 10: previous value = 8
//     client 9: previous value = 9
//     counter stopped at 10
// Which client gets which value, and the order of the lines, vary from run to run.
// What cannot vary: each client gets one reply, the values 0 to 9 are each handed
// out once, and the actor stops last, at 10.
#include <cstdint>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

#include <chan/chan.hpp>
#include <chan/trace.hpp>

#include "cookbook.hpp"

// ANCHOR: example
namespace {

struct increment {
    chan::oneshot_sender<std::uint64_t> reply;  // where the previous value goes

    // How a request reads in a trace.
    friend std::ostream& operator<<(std::ostream& os, const increment&) {
        return os << "increment";
    }
};

void run_counter(chan::receiver<increment> requests) {
    chan::trace::name_thread("counter");
    std::uint64_t counter = 0;  // owned by this thread alone: no lock needed
    for (increment& request : requests) std::move(request.reply).send(counter++);
    cookbook::println("counter stopped at ", counter);
}

void client(int id, chan::sender<increment> counter) {
    chan::trace::name_thread("client " + std::to_string(id));
    auto [reply_tx, reply_rx] =
        chan::oneshot<std::uint64_t>("reply to client " + std::to_string(id));
    counter.send(increment{std::move(reply_tx)});
    cookbook::println("client ", id, ": previous value = ", reply_rx.recv().value());
}

}  // namespace
// ANCHOR_END: example

int main(int argc, char** argv) {
    cookbook::args args(argc, argv, {{"clients", 10, 1, 50, "client threads, one request each"}});

    // ANCHOR: example
    auto [requests_tx, requests_rx] = chan::bounded<increment>(100, "requests");
    std::thread counter(run_counter, std::move(requests_rx));

    std::vector<std::thread> clients;
    for (int id = 1; id <= args.get("clients"); ++id) clients.emplace_back(client, id, requests_tx);
    requests_tx = {};  // the clients hold the only senders now

    for (std::thread& c : clients) c.join();
    counter.join();
    // ANCHOR_END: example
    return 0;
}

// Checks:
//     lines 11
//     count 10 /^client \d+: previous value = \d$/
//     unique /^client (\d+):/
//     unique /previous value = (\d+)$/
//     last /^counter stopped at 10$/
