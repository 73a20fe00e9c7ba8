// The session with real recipes run in this process: a run is recorded live and ends;
// its output is captured; a deadlocked run is found stuck, ended by disconnecting its
// channels, and remembered; the narration follows the event on screen; knobs are
// checked; a new run waits for the old to end; trace files load or fail with words.
#include <catch2/catch.hpp>

#include <chan/trace/json.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <thread>

#include "app/session.hpp"

namespace {

// Updates the session as a GUI would, until nothing is pending (or 30 s pass).
void settle(viz::app::session& s) {
    const auto start = std::chrono::steady_clock::now();
    while (s.busy() && std::chrono::steady_clock::now() - start < std::chrono::seconds(30)) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        s.update(0.005);
    }
    REQUIRE_FALSE(s.busy());
    s.update(0);
}

std::size_t count_kind(const viz::timeline& tl, chan::trace::kind k) {
    std::size_t n = 0;
    for (const auto& e : tl.recording().events) n += e.what == k;
    return n;
}

}  // namespace

TEST_CASE("a recipe runs in this process, recorded, with its output captured", "[visualizer]") {
    viz::app::session s;
    REQUIRE(s.choose_recipe("buffering"));
    CHECK(s.state() == viz::app::activity::running);
    settle(s);
    const viz::app::run_view* v = s.view();
    REQUIRE(v);
    CHECK(v->ended);
    CHECK_FALSE(v->live);
    CHECK(v->outcome.exit_code == 0);
    CHECK(v->outcome.error.empty());
    CHECK_FALSE(v->output.empty());
    CHECK(count_kind(*v->tl, chan::trace::kind::send_done) > 0);
    CHECK(v->recipe == cookbook::find_recipe("buffering"));
    CHECK(v->source_file != 0);  // the trace's source lines point into the recipe's file
    CHECK_FALSE(v->lay.threads.empty());
    CHECK(s.error().empty());
}

TEST_CASE("a deadlocked run is found stuck, ended, and playback pauses where it stuck", "[visualizer]") {
    viz::app::session s;
    REQUIRE(s.choose_recipe("worker_pool_deadlock", {{"feeder", 0}}));
    settle(s);
    viz::app::run_view* v = s.view();
    REQUIRE(v);
    REQUIRE(v->stuck_at.has_value());
    CHECK(v->interrupted);
    CHECK(v->ended);
    CHECK(s.clock().pause_point() == v->stuck_at);
    // At the moment it was found stuck, the picture shows every live thread waiting
    // forever (however the interruption that followed went).
    s.clock().seek_event(*v->tl, *v->stuck_at, true);
    s.update(0);
    REQUIRE(v->frame.event == static_cast<std::ptrdiff_t>(*v->stuck_at));
    CHECK(v->deadlock().certain);
    CHECK(v->deadlock().threads.size() >= 2);
    // The disconnection that ended it is in the trace after that moment.
    CHECK(v->tl->size() > *v->stuck_at + 1);
}

TEST_CASE("a healthy run is not ended as stuck", "[visualizer]") {
    viz::app::session s;
    REQUIRE(s.choose_recipe("worker_pool_deadlock"));  // the fixed version: a feeder thread
    settle(s);
    REQUIRE(s.view());
    CHECK_FALSE(s.view()->stuck_at.has_value());
    CHECK_FALSE(s.view()->interrupted);
    CHECK(s.view()->outcome.exit_code == 0);
}

TEST_CASE("the narration is the sentence for the event on screen, wherever playback goes", "[visualizer]") {
    viz::app::session s;
    REQUIRE(s.choose_recipe("buffering"));
    settle(s);
    const viz::app::run_view* v = s.view();
    REQUIRE(v);
    REQUIRE(v->tl->size() > 2);
    viz::cursor c(*v->tl);
    const std::size_t last = v->tl->size() - 1;
    for (const std::size_t i : {last, std::size_t{0}, last / 2, last}) {
        s.clock().seek_event(*v->tl, i, true);
        s.update(0);
        REQUIRE(v->frame.event == static_cast<std::ptrdiff_t>(i));
        CHECK(v->narration() == viz::narrate(c, i));
    }
}

TEST_CASE("knobs are checked before anything runs", "[visualizer]") {
    viz::app::session s;
    CHECK_FALSE(s.choose_recipe("no_such_recipe"));
    CHECK(s.error() == "There is no recipe named 'no_such_recipe'.");
    CHECK_FALSE(s.busy());
    s.dismiss_error();
    CHECK_FALSE(s.choose_recipe("worker_pool", {{"workers", 99}}));
    CHECK(s.error().find("--workers must be between 1 and 8, not 99") != std::string::npos);
    CHECK_FALSE(s.choose_recipe("worker_pool", {{"nope", 1}}));
    CHECK(s.error().find("worker_pool has no knob --nope") != std::string::npos);
    CHECK_FALSE(s.busy());
    CHECK(s.view() == nullptr);
}

TEST_CASE("knob values reach the run, and a new run waits for the old one to end", "[visualizer]") {
    viz::app::session s;
    REQUIRE(s.choose_recipe("worker_pool", {{"workers", 1}, {"jobs", 2}, {"work-ms", 300}}));
    s.update(0.01);
    REQUIRE(s.set_knob("jobs", 3));
    s.run_again();  // the first run is still going: it is interrupted, the second waits
    CHECK(s.busy());
    settle(s);
    const viz::app::run_view* v = s.view();
    REQUIRE(v);
    CHECK(v->title == "worker_pool --workers 1 --jobs 3 --work-ms 300");
    CHECK_FALSE(v->interrupted);
    CHECK(v->output.back() == "all 3 jobs done");
}

TEST_CASE("trace files: a good one opens with its source, a bad one is refused in words", "[visualizer]") {
    viz::app::session s;
    REQUIRE(s.choose_recipe("buffering"));
    settle(s);
    const std::string path = "session_test_trace.json";
    {
        std::ofstream out(path);
        chan::trace::write_json(out, s.view()->tl->recording());
    }
    const std::size_t events = s.view()->tl->size();
    s.open_file(path);
    settle(s);
    REQUIRE(s.view());
    CHECK(s.view()->from_file);
    CHECK(s.view()->tl->size() == events);
    CHECK(s.view()->recipe == cookbook::find_recipe("buffering"));
    CHECK_FALSE(s.view()->source.empty());

    s.open_text("broken.json", "{\"traceEvents\": [ {\"ph\": ");
    settle(s);
    CHECK(s.error().rfind("broken.json: ", 0) == 0);
    CHECK(s.view()->tl->size() == events);  // what was on screen stays
    s.dismiss_error();
    s.open_file("no/such/file.json");
    settle(s);
    CHECK(s.error().find("cannot open 'no/such/file.json'") != std::string::npos);
    std::remove(path.c_str());
}
