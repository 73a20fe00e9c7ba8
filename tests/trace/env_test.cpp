// CHAN_TRACE=out.json ./program traces a program that was not changed for it.
#include <chan/trace/load.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "support.hpp"

using namespace trace_test;

namespace {

struct run_result {
    int status;
    std::string out, err;
};

std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Runs the test program with `env` prefixed (shell syntax).
run_result run(const std::string& env) {
    const std::string out = "trace_env_out.txt", err = "trace_env_err.txt";
    const std::string command = env + " '" TRACE_ENV_PROGRAM "' >" + out + " 2>" + err;
    const int raw = std::system(command.c_str());
    run_result r{WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, read(out), read(err)};
    std::remove(out.c_str());
    std::remove(err.c_str());
    return r;
}

}  // namespace

TEST_CASE("CHAN_TRACE writes the trace of an unchanged program at exit", "[env]") {
    const std::string path = "trace_env_test.json";
    std::remove(path.c_str());
    const run_result r = run("CHAN_TRACE=" + path);
    CHECK(r.status == 0);
    CHECK(r.out == "sum 5050\n");
    CHECK(r.err.empty());

    const recording rec = chan::trace::load_file(path);
    check_trace_file(rec);
    std::map<std::string, std::uint32_t> thread_of;
    for (const event& e : rec.events)
        if (e.what == kind::thread_named) thread_of[e.text] = e.thread;
    REQUIRE(thread_of.count("producer"));
    REQUIRE(thread_of.count("consumer"));
    REQUIRE(thread_of.count("lingering"));
    const auto count = [&](kind k, const std::string& thread) {
        return std::count_if(rec.events.begin(), rec.events.end(),
                             [&](const event& e) { return e.what == k && e.thread == thread_of[thread]; });
    };
    CHECK(count(kind::send_done, "producer") == 100);
    CHECK(count(kind::recv_done, "consumer") == 100);
    CHECK(deliveries(rec).size() == 100);
    // The thread still waiting at exit is recorded waiting, with no end.
    CHECK(count(kind::recv_blocked, "lingering") == 1);
    CHECK(count(kind::recv_failed, "lingering") + count(kind::recv_done, "lingering") == 0);
    std::remove(path.c_str());
}

TEST_CASE("a program stopped by SIGINT, SIGTERM or SIGHUP writes its trace, then ends by that signal", "[env]") {
    const auto [signal_name, number] = GENERATE(table<std::string, int>({{"INT", 2}, {"TERM", 15}, {"HUP", 1}}));
    CAPTURE(signal_name);
    const std::string path = "trace_env_signal.json", out = "trace_env_signal.txt";
    std::remove(path.c_str());
    // Start the program, wait for it to say it is waiting, stop it, print how it ended.
    const std::string script = "CHAN_TRACE=" + path + " '" TRACE_ENV_PROGRAM "' --hang >" + out +
                               " & pid=$!; for i in $(seq 200); do grep -q waiting " + out +
                               " && break; sleep 0.05; done; kill -" + signal_name +
                               " $pid; wait $pid 2>/dev/null; exit $?";
    const int raw = std::system(script.c_str());
    std::remove(out.c_str());
    REQUIRE(WIFEXITED(raw));
    CHECK(WEXITSTATUS(raw) == 128 + number);  // the shell's status for "ended by signal N"

    const recording rec = chan::trace::load_file(path);
    check_trace_file(rec);
    const auto blocked = std::count_if(rec.events.begin(), rec.events.end(),
                                       [](const event& e) { return e.what == kind::recv_blocked; });
    CHECK(blocked == 1);  // main, waiting when the signal came
    std::remove(path.c_str());
}

TEST_CASE("without CHAN_TRACE nothing is recorded or written", "[env]") {
    const run_result r = run("CHAN_TRACE=");
    CHECK(r.status == 0);
    CHECK(r.out == "sum 5050\n");
    CHECK(r.err.empty());
}

TEST_CASE("a CHAN_TRACE path that cannot be written stops the program at once, saying why", "[env]") {
    const run_result r = run("CHAN_TRACE=/nonexistent-dir/out.json");
    CHECK(r.status == 2);
    CHECK(r.out.empty());  // the program did not run
    CHECK(r.err.find("CHAN_TRACE=/nonexistent-dir/out.json") != std::string::npos);
    CHECK(r.err.find("No such file or directory") != std::string::npos);
}

TEST_CASE("a trace that cannot be written at exit is reported on stderr", "[env]") {
    // /dev/full can be opened, but every write fails.
    const run_result r = run("CHAN_TRACE=/dev/full");
    CHECK(r.status == 0);  // the program's own exit status
    CHECK(r.out == "sum 5050\n");
    CHECK(r.err.find("the trace was not written") != std::string::npos);
    CHECK(r.err.find("No space left on device") != std::string::npos);
}
