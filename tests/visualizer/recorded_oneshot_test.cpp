// A real oneshot run read back by the model: the waiter, the one message, the
// disconnection that sending causes, and the channel gone once both handles are.
#include <catch2/catch.hpp>

#include <chan/oneshot.hpp>
#include <chan/trace.hpp>

#include <chrono>
#include <thread>

#include "model/model.hpp"

using namespace std::chrono_literals;
namespace trace = chan::trace;

namespace {

std::size_t first(const viz::timeline& tl, trace::kind what) {
    for (std::size_t i = 0; i < tl.size(); ++i)
        if (tl.event(i).what == what) return i;
    FAIL("no " << trace::to_string(what) << " event");
    return 0;
}

bool has(const trace::recording& r, trace::kind what) {
    for (const trace::event& e : r.events)
        if (e.what == what) return true;
    return false;
}

}  // namespace

TEST_CASE("recorded oneshot: the waiter gets the one value, then the channel is gone", "[visualizer]") {
    trace::start();
    trace::name_thread("main");
    auto [tx, rx] = chan::oneshot<int>("reply");
    int got = 0;
    std::thread worker([&, rx = std::move(rx)]() mutable {
        trace::name_thread("worker");
        got = *rx.recv();
    });
    const auto give_up = std::chrono::steady_clock::now() + 20s;
    while (!has(trace::snapshot(), trace::kind::recv_blocked) && std::chrono::steady_clock::now() < give_up)
        std::this_thread::sleep_for(1ms);
    REQUIRE(std::move(tx).send(42));
    worker.join();
    trace::stop();
    CHECK(got == 42);

    viz::timeline tl(trace::snapshot());
    viz::cursor cur(tl);
    const std::size_t waiting = first(tl, trace::kind::recv_blocked);
    CHECK(viz::narrate(cur, waiting) == "worker waits: reply is empty");
    const std::size_t sent = first(tl, trace::kind::send_done);
    CHECK(viz::narrate(cur, sent) == "main put 42 into reply (1/1)");
    const std::size_t taken = first(tl, trace::kind::recv_done);
    const viz::scene& a = cur.seek(static_cast<std::ptrdiff_t>(taken) - 1);
    CHECK(a.channels.at(0).disconnected);  // sending consumed the only sender
    CHECK(a.channels.at(0).occupancy == 1);
    CHECK(viz::narrate(cur, taken) == "worker received 42 from reply (0/1)");
    const viz::scene& end = cur.seek(static_cast<std::ptrdiff_t>(tl.size()) - 1);
    CHECK(end.channels.at(0).gone);
}
