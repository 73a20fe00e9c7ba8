// The catalog as an in-process host uses it: every recipe listed with its true source,
// summary and knobs, and recipes run inside this process producing output that passes
// the same checks as their standalone runs.
#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

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
