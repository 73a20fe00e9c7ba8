// The runner: a program that hangs, crashes, throws or fails is reported as such, with
// its trace when the library could write one, and never hangs the checker.
#include <catch2/catch.hpp>

#include <csignal>

#include "facts.hpp"
#include "run.hpp"

using namespace exercises;

namespace {

run_result run_mode(const std::string& mode, std::chrono::milliseconds limit = std::chrono::milliseconds(3000)) {
    run_options o;
    o.program = MISBEHAVING_PROGRAM;
    o.args = {mode};
    o.trace_path = "exercises_run_test_" + mode + ".json";
    o.limit = limit;
    return run_program(o);
}

}  // namespace

TEST_CASE("a program that ends by itself: output, status and trace", "[run]") {
    const run_result r = run_mode("ok");
    CHECK_FALSE(r.timed_out);
    CHECK(r.exit_code == 0);
    CHECK(r.signal == 0);
    CHECK(r.out == std::vector<std::string>{"got 1"});
    REQUIRE(r.trace);
    const trace_facts f(*r.trace);
    REQUIRE(f.channel("jobs"));
    CHECK(f.channel("jobs")->messages.size() == 1);
    CHECK(f.waiting_at_end().empty());
}

TEST_CASE("a hung program is stopped at the limit, and its trace says who waited where", "[run]") {
    const auto start = std::chrono::steady_clock::now();
    const run_result r = run_mode("hang", std::chrono::milliseconds(1500));
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
    CHECK(r.timed_out);
    CHECK(r.out == std::vector<std::string>{"started"});
    REQUIRE(r.trace);  // SIGTERM made the library write it
    const trace_facts f(*r.trace);
    REQUIRE(f.waiting_at_end().size() == 1);
    const std::string said = describe(f.waiting_at_end()[0]);
    CHECK(said.rfind("worker 2 in recv on jobs (misbehaving.cpp:", 0) == 0);
}

TEST_CASE("a crash and an uncaught exception are told apart", "[run]") {
    const run_result crash = run_mode("crash");
    CHECK(crash.signal == SIGSEGV);
    CHECK_FALSE(crash.timed_out);
    const run_result thrown = run_mode("throw");
    CHECK(thrown.signal == SIGABRT);
    CHECK(thrown.err.find("the queue is on fire") != std::string::npos);
}

TEST_CASE("everything a program wrote before it ended is read", "[run]") {
    for (int run = 0; run < 10; ++run) {
        const run_result r = run_mode("burst");
        REQUIRE(r.out.size() == 500);
        CHECK(r.out.back() == "line 499");
        CHECK(r.err.size() == std::string("err 0\n").size() * 10 + std::string("err 10\n").size() * 90 +
                                  std::string("err 100\n").size() * 400);
    }
}

TEST_CASE("a program that closes its output and hangs is still stopped at the limit", "[run]") {
    const auto start = std::chrono::steady_clock::now();
    const run_result r = run_mode("mute", std::chrono::milliseconds(1000));
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
    CHECK(r.timed_out);
    CHECK(r.signal == SIGTERM);
}

TEST_CASE("an exit status and stderr are kept", "[run]") {
    const run_result r = run_mode("exit3");
    CHECK(r.exit_code == 3);
    CHECK(r.err == "cannot go on\n");
}

TEST_CASE("a program that cannot start is reported, not hung on", "[run]") {
    run_options o;
    o.program = "/nonexistent/program";
    o.trace_path = "exercises_run_test_missing.json";
    const run_result r = run_program(o);
    CHECK(r.exit_code == 127);
    CHECK(r.err.find("cannot start /nonexistent/program") != std::string::npos);
    CHECK_FALSE(r.trace);
}
