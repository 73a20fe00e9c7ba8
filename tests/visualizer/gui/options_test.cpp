// The native visualizer's command line: what each flag means, and a clear error for
// anything else.
#include <catch2/catch.hpp>

#include "platform/native/options.hpp"

using viz::native::parse_options;
using viz::native::usage_error;

TEST_CASE("the command line: recipes with knobs, trace files, headless pictures", "[visualizer]") {
    const auto o = parse_options({"--recipe", "worker_pool", "--workers", "2", "--screenshot", "a.png", "--at", "40%",
                                  "--at", "0.5", "--size", "1600x900", "--scale", "2", "--clock", "real"});
    CHECK(o.recipe == "worker_pool");
    REQUIRE(o.knobs.size() == 1);
    CHECK(o.knobs[0] == std::pair<std::string, int>("workers", 2));
    CHECK(o.screenshot == "a.png");
    REQUIRE(o.at.size() == 2);
    CHECK(o.at[0].percent);
    CHECK(o.at[0].value == 40);
    CHECK_FALSE(o.at[1].percent);
    CHECK(o.at[1].value == 0.5);
    CHECK(o.width == 1600);
    CHECK(o.height == 900);
    CHECK(o.scale == 2.0f);
    CHECK(o.clock == viz::time_axis::real);

    CHECK(parse_options({"run.json"}).trace == "run.json");
    CHECK(parse_options({"--trace", "run.json"}).trace == "run.json");
    CHECK(parse_options({"--list"}).list);
    CHECK(parse_options({"--help"}).help);
}

TEST_CASE("the command line: everything else is refused with what is wrong", "[visualizer]") {
    auto message = [](std::vector<std::string> args) {
        try {
            parse_options(args);
        } catch (const usage_error& e) {
            return std::string(e.what());
        }
        return std::string("accepted");
    };
    CHECK(message({"--bogus", "1"}) == "unknown option '--bogus' (knobs need --recipe NAME)");
    CHECK(message({"--recipe"}) == "--recipe needs a value");
    CHECK(message({"--recipe", "a", "--workers", "x"}) == "--workers: 'x' is not a number");
    CHECK(message({"--recipe", "a", "--screenshot", "a.png", "--at", "101%"}).rfind("--at: '101%' must be", 0) == 0);
    CHECK(message({"--recipe", "a", "--screenshot", "a.png", "--at", "-1"}).rfind("--at: '-1' must be", 0) == 0);
    CHECK(message({"--recipe", "a", "--at", "1"}) == "--at needs --screenshot");
    CHECK(message({"--screenshot", "a.png"}) == "--screenshot needs --recipe NAME or a trace file to show");
    CHECK(message({"--recipe", "a", "t.json"}) == "give either --recipe or a trace file, not both");
    CHECK(message({"a.json", "b.json"}) == "unexpected argument 'b.json'");
    CHECK(message({"--recipe", "a", "--size", "12x"}) == "--size: '' is not a number");
    CHECK(message({"--recipe", "a", "--size", "100x100"}) == "--size: 100x100 is outside 320x240 to 8192x8192");
    CHECK(message({"--recipe", "a", "--clock", "fast"}) == "--clock: 'fast' is not 'events' or 'real'");
    CHECK(message({"--recipe", "a", "--scale", "9"}) == "--scale: must be between 0.5 and 4");
}
