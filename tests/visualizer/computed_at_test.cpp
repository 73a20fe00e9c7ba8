// viz::computed_at gives the value for the event asked for, never one kept from another
// event or from before the timeline grew, and computes it only when it must.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <vector>

#include "model/computed_at.hpp"
#include "script.hpp"

using namespace viz_test;

namespace {

// Four events; the timeline starts with the first three, so that a test can grow it.
struct growing {
    script s;
    viz::timeline tl;

    growing() {
        s.named(1, "producer").created(1, 1, trace::flavor::bounded, 2, "jobs").send(1, 1, 1, "7");
        trace::recording first = s.rec;
        first.events.resize(3);
        tl = viz::timeline(std::move(first));
    }
    void grow() { tl.append(s.rec.events[3]); }
};

// A value that says which event and which timeline size it was computed for.
std::string words(const viz::timeline& tl, std::ptrdiff_t event) {
    return "event " + std::to_string(event) + " of " + std::to_string(tl.size());
}

}  // namespace

TEST_CASE("computed_at: the value is the one for the event asked for, computed once per event", "[visualizer]") {
    growing g;
    viz::computed_at<std::string> memo;
    int fills = 0;
    auto at = [&](std::ptrdiff_t event) -> const std::string& {
        return memo.get(g.tl, event, [&](std::string& out) {
            ++fills;
            out = words(g.tl, event);
        });
    };
    // -1 (before the first event) is an event like the others: nothing is kept yet.
    CHECK(at(-1) == "event -1 of 3");
    CHECK(fills == 1);
    CHECK(at(-1) == "event -1 of 3");
    CHECK(fills == 1);
    CHECK(at(2) == "event 2 of 3");
    CHECK(at(0) == "event 0 of 3");
    CHECK(at(0) == "event 0 of 3");
    CHECK(at(-1) == "event -1 of 3");
    CHECK(fills == 4);
    CHECK(memo.value() == "event -1 of 3");
}

TEST_CASE("computed_at: a timeline that grew gives the same event a new value", "[visualizer]") {
    growing g;
    viz::computed_at<std::string> memo;
    auto at = [&](std::ptrdiff_t event) -> const std::string& {
        return memo.get(g.tl, event, [&](std::string& out) { out = words(g.tl, event); });
    };
    CHECK(at(2) == "event 2 of 3");
    g.grow();
    CHECK(at(2) == "event 2 of 4");
}

TEST_CASE("computed_at: a fill that throws leaves no value kept for any event", "[visualizer]") {
    growing g;
    viz::computed_at<std::string> memo;
    memo.get(g.tl, 1, [](std::string& out) { out = "for 1"; });
    CHECK_THROWS_AS(memo.get(g.tl, 2,
                             [](std::string& out) {
                                 out = "half";
                                 throw std::runtime_error("failed");
                             }),
                    std::runtime_error);
    // The value was rewritten halfway: it is no longer the one for event 1 either.
    CHECK(memo.get(g.tl, 1, [](std::string& out) { out = "for 1 again"; }) == "for 1 again");
    CHECK(memo.get(g.tl, 2, [](std::string& out) { out = "for 2"; }) == "for 2");
}

TEST_CASE("computed_at: fill rewrites the value kept, so its storage is reused", "[visualizer]") {
    growing g;
    viz::computed_at<std::vector<int>> memo;
    memo.get(g.tl, 0, [](std::vector<int>& out) { out.assign(100, 0); });
    const int* storage = memo.value().data();
    memo.get(g.tl, 1, [](std::vector<int>& out) {
        CHECK(out.size() == 100);  // the value for event 0, to be rewritten
        out.assign(50, 1);
    });
    CHECK(memo.value().data() == storage);
    CHECK(memo.value() == std::vector<int>(50, 1));
}
