// The catalog as an in-process host uses it: every recipe listed with its true source,
// summary and knobs, and recipes run inside this process producing output that passes
// the same checks as their standalone runs.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <fstream>
#include <future>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <chan/trace.hpp>

#include "catalog.hpp"
#include "check.hpp"

namespace check = cookbook::check;

namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

struct captured {
    int status;
    std::vector<std::string> lines;
    double seconds;
};

captured run_in_process(const cookbook::recipe& r, const std::vector<std::string>& flags = {}) {
    captured c{};
    const auto start = std::chrono::steady_clock::now();
    c.status = cookbook::host::run(r.main, r.name, flags, [&](std::string_view line) { c.lines.emplace_back(line); });
    c.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return c;
}

const cookbook::recipe& recipe_named(std::string_view name) {
    const cookbook::recipe* r = cookbook::find_recipe(name);
    REQUIRE(r != nullptr);
    return *r;
}

struct hosted_run {
    int status = -1;
    std::vector<std::string> lines;
    std::promise<void> done;
};

// Waits until exactly `count` threads of the current recording are blocked in a send
// (the last thing each recorded about a send, receive or select is that its send
// waits); false if that has not happened within `limit`. Blocked receives are not
// counted: a receiver that was just handed a message still shows as blocked until it
// records the receive, so they can look stuck when they are not.
bool wait_for_blocked_senders(std::size_t count, std::chrono::milliseconds limit) {
    using chan::trace::kind;
    const auto deadline = std::chrono::steady_clock::now() + limit;
    do {
        std::map<std::uint32_t, kind> last;
        for (const chan::trace::event& e : chan::trace::snapshot().events) {
            if (e.what >= kind::send_begin && e.what <= kind::select_done) last[e.thread] = e.what;
        }
        std::size_t blocked = 0;
        for (const auto& [thread, what] : last) blocked += what == kind::send_blocked ? 1 : 0;
        if (blocked == count) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    } while (std::chrono::steady_clock::now() < deadline);
    return false;
}

}  // namespace

TEST_CASE("every catalog entry is its recipe file: source, summary, topic, knobs") {
    std::set<std::string_view> names, topics;
    for (const cookbook::topic& t : cookbook::topics()) topics.insert(t.name);
    REQUIRE_FALSE(cookbook::catalog().empty());
    for (const cookbook::recipe& r : cookbook::catalog()) {
        INFO(r.name);
        CHECK(names.insert(r.name).second);
        CHECK(topics.count(r.topic) == 1);
        CHECK(r.path == "recipes/" + std::string(r.topic) + "/" + std::string(r.name) + ".cpp");
        CHECK(r.source == read_file(COOKBOOK_SOURCE_DIR "/" + std::string(r.path)));
        CHECK(r.summary == check::read_documentation(r.source).summary);
        CHECK(cookbook::find_recipe(r.name) == &r);
        CHECK_NOTHROW(cookbook::host::knobs_of(r.main));
    }
    CHECK(cookbook::find_recipe("no_such_recipe") == nullptr);
}

TEST_CASE("a deterministic recipe run in-process prints exactly its documented Output") {
    const cookbook::recipe& r = recipe_named("buffering");
    const check::documentation doc = check::read_documentation(r.source);
    REQUIRE(doc.exact);
    const captured c = run_in_process(r);
    CHECK(c.status == 0);
    CHECK(check::verify(doc, c.lines, c.seconds) == std::vector<std::string>{});
}

TEST_CASE("a threaded recipe run in-process passes its standalone checks") {
    const cookbook::recipe& r = recipe_named("worker_pool");
    const check::documentation doc = check::read_documentation(r.source);
    REQUIRE_FALSE(doc.rules.empty());
    const captured c = run_in_process(r);
    CHECK(c.status == 0);
    CHECK(check::verify(doc, c.lines, c.seconds) == std::vector<std::string>{});
}

TEST_CASE("knobs given to an in-process run change what the recipe does") {
    const cookbook::recipe& r = recipe_named("buffering");
    const std::vector<cookbook::knob> knobs = cookbook::host::knobs_of(r.main);
    REQUIRE(knobs.size() == 1);
    CHECK(knobs[0].name == "capacity");
    const captured c = run_in_process(r, {"--capacity", "3"});
    CHECK(c.lines.at(2) == "sent: overflow");
    CHECK_THROWS_AS(run_in_process(r, {"--capacity", "99"}), cookbook::usage_error);
}

TEST_CASE("a deadlocked recipe run in-process ends when the host closes every channel") {
    // What the visualizer does with a stuck program: record it, see in the recording
    // that it is stuck, then disconnect every channel of the recording so that its
    // threads wake and return.
    using namespace std::chrono_literals;
    const cookbook::recipe& r = recipe_named("worker_pool_deadlock");
    // Shared with the run's thread, which outlives this test if the run never ends.
    auto run = std::make_shared<hosted_run>();
    std::future<void> finished = run->done.get_future();

    chan::trace::start();
    std::thread host([&r, run] {
        run->status = cookbook::host::run(r.main, r.name, {"--feeder", "0"},
                                          [&](std::string_view line) { run->lines.emplace_back(line); });
        run->done.set_value();
    });
    // With its default knobs and --feeder 0 the recipe gets stuck with main waiting on
    // a full "jobs" and both workers waiting on a full "results". Once both workers wait
    // there, neither can move again (only main empties "results", and main is queuing).
    const bool stuck = wait_for_blocked_senders(3, 30s);
    const std::size_t closed = chan::trace::close_all_channels();
    const bool ended = finished.wait_for(30s) == std::future_status::ready;
    chan::trace::stop();
    if (ended) {
        host.join();
    } else {
        host.detach();  // still stuck: fail rather than hang
    }

    REQUIRE(stuck);
    REQUIRE(ended);
    CHECK(closed >= 1);  // "results" at least: closing it alone ends this run
    CHECK(run->status == 0);
    // Main collects the one result "results" held when it was closed, then sees it
    // disconnected; the jobs main had not queued yet are never done.
    REQUIRE(run->lines.size() == 2);
    CHECK(run->lines[0].rfind("result: ", 0) == 0);
    CHECK(run->lines[1] == "collected 1 of 6 results");
}
