// cookbook::args and println as a host sees them: knobs read without running the
// recipe, flags parsed, bad input thrown as usage_error, every line handed over whole.
// (The standalone behaviour, exit status 2 and the message on stderr, is checked per
// recipe by the recipe.<name>.unknown_flag tests.)
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "cookbook.hpp"

namespace {

bool body_ran = false;

// A recipe with two knobs that prints what it got.
int knobby(int argc, char** argv) {
    cookbook::args args(argc, argv,
                        {{"capacity", 2, 0, 8, "slots in the channel"}, {"pause-ms", 10, 0, 1000, "pause between sends"}});
    body_ran = true;
    cookbook::println("capacity ", args.get<std::size_t>("capacity"), ", pause ",
                      args.get<std::chrono::milliseconds>("pause-ms").count(), " ms, ", true);
    return 7;
}

int no_args(int, char**) { return 0; }

int badly_declared(int argc, char** argv) {
    cookbook::args args(argc, argv, {{"capacity", 9, 0, 8, "default outside its range"}});
    return 0;
}

int reads_undeclared(int argc, char** argv) {
    cookbook::args args(argc, argv, {});
    return args.get("workers");
}

std::vector<std::string> run_knobby(const std::vector<std::string>& flags, int* status = nullptr) {
    std::vector<std::string> lines;
    const int s = cookbook::host::run(knobby, "knobby", flags, [&](std::string_view l) { lines.emplace_back(l); });
    if (status) *status = s;
    return lines;
}

std::string usage_message(const std::vector<std::string>& flags) {
    try {
        run_knobby(flags);
    } catch (const cookbook::usage_error& e) {
        return e.what();
    }
    return "(no usage_error)";
}

}  // namespace

TEST_CASE("knobs_of reads the knob list without running the recipe") {
    body_ran = false;
    const std::vector<cookbook::knob> knobs = cookbook::host::knobs_of(knobby);
    REQUIRE(knobs.size() == 2);
    CHECK(knobs[0].name == "capacity");
    CHECK(knobs[0].value == 2);
    CHECK(knobs[0].min == 0);
    CHECK(knobs[0].max == 8);
    CHECK(knobs[1].name == "pause-ms");
    CHECK_FALSE(body_ran);
}

TEST_CASE("knobs_of rejects a function that does not start with cookbook::args") {
    CHECK_THROWS_AS(cookbook::host::knobs_of(no_args), std::logic_error);
}

TEST_CASE("a run uses the defaults, returns main's result and captures println") {
    int status = 0;
    CHECK(run_knobby({}, &status) == std::vector<std::string>{"capacity 2, pause 10 ms, true"});
    CHECK(status == 7);
}

TEST_CASE("flags set knobs, as --name value and --name=value") {
    CHECK(run_knobby({"--capacity", "5", "--pause-ms=0"}) == std::vector<std::string>{"capacity 5, pause 0 ms, true"});
    CHECK(run_knobby({"--capacity", "0", "--capacity", "8"}) ==
          std::vector<std::string>{"capacity 8, pause 10 ms, true"});
}

TEST_CASE("bad flags are usage errors that say what is wrong") {
    CHECK(usage_message({"--workers", "3"}) == "unknown option '--workers' (knobs: --capacity --pause-ms)");
    CHECK(usage_message({"--capacity", "9"}) == "--capacity: 9 is outside 0 to 8");
    CHECK(usage_message({"--capacity", "-1"}) == "--capacity: -1 is outside 0 to 8");
    CHECK(usage_message({"--capacity", "two"}) == "--capacity: 'two' is not a whole number");
    CHECK(usage_message({"--capacity", "3x"}) == "--capacity: '3x' is not a whole number");
    CHECK(usage_message({"--capacity="}) == "--capacity: '' is not a whole number");
    CHECK(usage_message({"--capacity"}) == "--capacity needs a value");
    CHECK(usage_message({"capacity"}) == "unexpected argument 'capacity'");
}

TEST_CASE("a usage error stops the recipe before its body runs") {
    body_ran = false;
    CHECK_THROWS_AS(run_knobby({"--bogus", "1"}), cookbook::usage_error);
    CHECK_FALSE(body_ran);
}

TEST_CASE("--help prints every knob through the host and returns 0") {
    body_ran = false;
    int status = -1;
    const std::vector<std::string> lines = run_knobby({"--help"}, &status);
    CHECK(status == 0);
    CHECK_FALSE(body_ran);
    REQUIRE(lines.size() == 3);
    CHECK(lines[0] == "usage: knobby [--knob value]...");
    CHECK(lines[1] == "  --capacity N  slots in the channel (default 2, 0 to 8)");
    CHECK(lines[2] == "  --pause-ms N  pause between sends (default 10, 0 to 1000)");
}

TEST_CASE("a recipe's own mistakes are logic errors, not usage errors") {
    const auto ignore = [](std::string_view) {};
    CHECK_THROWS_AS(cookbook::host::run(badly_declared, "bad", {}, ignore), std::logic_error);
    CHECK_THROWS_AS(cookbook::host::run(reads_undeclared, "bad", {}, ignore), std::logic_error);
}

TEST_CASE("println hands over whole lines from concurrent threads") {
    constexpr int threads = 4, lines_each = 2000;
    std::vector<std::string> lines;
    const auto many_printers = [](int argc, char** argv) {
        cookbook::args args(argc, argv, {});
        std::vector<std::thread> printers;
        for (int t = 0; t < threads; ++t) {
            printers.emplace_back([t] {
                for (int i = 0; i < lines_each; ++i) cookbook::println("thread ", t, " line ", i);
            });
        }
        for (std::thread& p : printers) p.join();
        return 0;
    };
    cookbook::host::run(many_printers, "printers", {}, [&](std::string_view l) { lines.emplace_back(l); });
    REQUIRE(lines.size() == threads * lines_each);
    std::vector<int> next(threads, 0);  // each thread's lines arrive whole and in order
    for (const std::string& l : lines) {
        int t = -1, i = -1;
        REQUIRE(std::sscanf(l.c_str(), "thread %d line %d", &t, &i) == 2);
        REQUIRE(l == "thread " + std::to_string(t) + " line " + std::to_string(i));
        CHECK(i == next[static_cast<std::size_t>(t)]++);
    }
}
