// Every rule of the checking API, on recordings built by hand: each one holds on the
// run that obeys it and fails, saying what happened, on the run that breaks it.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>

#include <chan/result.hpp>

#include "grade.hpp"

using namespace exercises;
using chan::trace::event;
using chan::trace::flavor;
using chan::trace::kind;

namespace {

// A recording written event by event, in order: threads and channels by number.
struct script {
    chan::trace::recording r;

    script& add(kind what, std::uint32_t thread, std::uint32_t channel = 0, std::uint64_t message = 0,
                std::string text = "", std::uint8_t detail = 0, std::int16_t arm = -1) {
        event e;
        e.seq = r.events.size();
        e.time_ns = static_cast<std::int64_t>(e.seq + 1);
        e.what = what;
        e.thread = thread;
        e.channel = channel;
        e.message = message;
        e.text = std::move(text);
        e.detail = detail;
        e.arm = arm;
        r.events.push_back(std::move(e));
        return *this;
    }
    script& thread(std::uint32_t t, std::string name) { return add(kind::thread_named, t, 0, 0, std::move(name)); }
    script& channel(std::uint32_t c, std::string name, flavor f = flavor::bounded, std::int64_t capacity = 1) {
        add(kind::channel_created, 1, c, 0, std::move(name), static_cast<std::uint8_t>(f));
        r.events.back().a = capacity;
        return *this;
    }
    script& send(std::uint32_t t, std::uint32_t c, std::uint64_t m, std::string text) {
        add(kind::send_begin, t, c, 0, text);
        return add(kind::send_done, t, c, m, std::move(text));
    }
    script& recv(std::uint32_t t, std::uint32_t c, std::uint64_t m) {
        add(kind::recv_begin, t, c);
        return add(kind::recv_done, t, c, m);
    }
    script& disconnect(std::uint32_t t, std::uint32_t c, chan::trace::disconnect_cause why) {
        return add(kind::disconnected, t, c, 0, "", static_cast<std::uint8_t>(why));
    }
};

// A main thread, a worker, and "jobs" carrying two messages.
script two_jobs() {
    script s;
    s.thread(1, "main").thread(2, "worker 1").channel(1, "jobs", flavor::bounded, 2);
    s.send(1, 1, 0, "job 1").send(1, 1, 1, "job 2");
    return s;
}

run_result ran(const script& s, std::vector<std::string> out = {}) {
    run_result r;
    r.exit_code = 0;
    r.out = std::move(out);
    r.trace = s.r;
    return r;
}

// The failures of `rule` applied to a run of `s`.
template <class Rule>
std::vector<failure> failures_of(const script& s, Rule rule, std::vector<std::string> out = {},
                                 std::string source = "") {
    const run_result r = ran(s, std::move(out));
    grade g(r, std::move(source));
    rule(g);
    return g.failures();
}

std::string happened(const std::vector<failure>& f) { return f.empty() ? "" : f[0].happened; }

}  // namespace

TEST_CASE("every message received once: none lost, none twice", "[grade]") {
    const auto rule = [](grade& g) { g.every_message_received_once("jobs"); };
    script ok = two_jobs();
    ok.recv(2, 1, 0).recv(2, 1, 1);
    CHECK(failures_of(ok, rule).empty());

    script lost = two_jobs();
    lost.recv(2, 1, 0);
    CHECK(happened(failures_of(lost, rule)) == "message \"job 2\" (the 2nd sent) was never received");

    script twice = two_jobs();
    twice.thread(3, "worker 2").recv(2, 1, 0).recv(3, 1, 0).recv(2, 1, 1);
    CHECK(happened(failures_of(twice, rule)) == "message \"job 1\" (the 1st sent) was received 2 times (by worker 1, worker 2)");

    script none;
    none.thread(1, "main").channel(1, "jobs");
    CHECK(happened(failures_of(none, rule)) == "nothing was sent on jobs");
}

TEST_CASE("a channel the program never made is reported once, by name", "[grade]") {
    script s = two_jobs();
    const auto f = failures_of(s, [](grade& g) {
        g.messages_sent("results", 2);
        g.every_message_received_once("results");
    });
    REQUIRE(f.size() == 1);
    CHECK(f[0].rule == "the program makes a channel named \"results\"");
    CHECK(f[0].happened.find("its channels were named jobs") == 0);
}

TEST_CASE("how many threads sent and received", "[grade]") {
    script s = two_jobs();
    s.thread(3, "worker 2").recv(2, 1, 0).recv(3, 1, 1);
    CHECK(failures_of(s, [](grade& g) { g.received_by_at_least("jobs", 2); }).empty());
    CHECK(happened(failures_of(s, [](grade& g) { g.received_by_at_least("jobs", 3); })) ==
          "only worker 1, worker 2 received");
    CHECK(happened(failures_of(s, [](grade& g) { g.sent_by_at_least("jobs", 2); })) == "only main sent");
    CHECK(failures_of(s, [](grade& g) { g.received_by("jobs", "worker 2"); }).empty());
    CHECK(failures_of(s, [](grade& g) { g.sent_by("jobs", "main"); }).empty());
    CHECK(happened(failures_of(s, [](grade& g) { g.sent_by("jobs", "worker 1"); })) == "it was sent by main");
    CHECK_FALSE(failures_of(s, [](grade& g) { g.received_by("jobs", "main"); }).empty());
    CHECK(failures_of(s, [](grade& g) { g.messages_sent("jobs", 2); }).empty());
    CHECK(happened(failures_of(s, [](grade& g) { g.messages_sent("jobs", 3); })) == "2 were sent");
}

TEST_CASE("closed by its last sender, not never, not by its receivers", "[grade]") {
    const auto rule = [](grade& g) { g.closed_by_last_sender("jobs"); };
    script by_senders = two_jobs();
    by_senders.disconnect(1, 1, chan::trace::disconnect_cause::senders_gone);
    CHECK(failures_of(by_senders, rule).empty());

    script closed = two_jobs();
    closed.add(kind::closed, 1, 1).disconnect(1, 1, chan::trace::disconnect_cause::closed);
    CHECK(failures_of(closed, rule).empty());
    CHECK(failures_of(closed, [](grade& g) { g.closed_by("jobs", "main"); }).empty());
    CHECK(happened(failures_of(by_senders, [](grade& g) { g.closed_by("jobs", "main"); })) ==
          "nobody called close() on it");

    CHECK(happened(failures_of(two_jobs(), rule)).find("jobs was never closed") == 0);

    script receivers_left = two_jobs();
    receivers_left.disconnect(2, 1, chan::trace::disconnect_cause::receivers_gone);
    CHECK(happened(failures_of(receivers_left, rule)) ==
          "its receivers went away first (worker 1 dropped the last one)");
}

TEST_CASE("a thread still waiting at the end is named, with its operation and channel", "[grade]") {
    const auto rule = [](grade& g) { g.no_thread_waiting_at_exit(); };
    script waiting = two_jobs();
    waiting.recv(2, 1, 0).recv(2, 1, 1).add(kind::recv_begin, 2, 1);
    waiting.r.files.push_back("/src/exercises/03/main.cpp");
    waiting.r.events.back().file = 1;
    waiting.r.events.back().line = 23;
    waiting.add(kind::recv_blocked, 2, 1);
    CHECK(happened(failures_of(waiting, rule)) == "still waiting: worker 1 in recv on jobs (main.cpp:23)");

    script finished = two_jobs();
    finished.recv(2, 1, 0).recv(2, 1, 1).add(kind::recv_begin, 2, 1);
    finished.add(kind::recv_failed, 2, 1, 0, "", static_cast<std::uint8_t>(chan::status::disconnected));
    CHECK(failures_of(finished, rule).empty());

    script exited = waiting;
    exited.add(kind::thread_exited, 2);
    CHECK(failures_of(exited, rule).empty());
}

TEST_CASE("selects: which arm completed, or the timeout", "[grade]") {
    script s;
    s.thread(1, "main").channel(1, "jobs").channel(2, "quit");
    s.add(kind::select_begin, 1).add(kind::select_arm, 1, 1, 0, "", 0, 0).add(kind::select_arm, 1, 2, 0, "", 0, 1);
    s.add(kind::select_done, 1, 0, 0, "", static_cast<std::uint8_t>(chan::status::timeout), -1);
    CHECK(failures_of(s, [](grade& g) { g.select_timed_out("main"); }).empty());
    CHECK(happened(failures_of(s, [](grade& g) { g.select_received_from("main", "quit"); })) ==
          "no select of main completed on quit");
    CHECK(happened(failures_of(s, [](grade& g) { g.select_timed_out("worker"); })) == "worker never ran a select");
    CHECK_FALSE(failures_of(s, [](grade& g) { g.select_defaulted("main"); }).empty());

    script defaulted = s;
    defaulted.r.events.back().detail = static_cast<std::uint8_t>(chan::status::empty);
    CHECK(failures_of(defaulted, [](grade& g) { g.select_defaulted("main"); }).empty());

    // Giving up by receiving from a chan::after timer is a timeout too.
    script timer;
    timer.thread(1, "main").channel(1, "answer").channel(2, "deadline", flavor::timer_at, 0);
    timer.add(kind::select_begin, 1).add(kind::select_arm, 1, 1, 0, "", 0, 0).add(kind::select_arm, 1, 2, 0, "", 0, 1);
    timer.add(kind::select_done, 1, 0, 0, "", static_cast<std::uint8_t>(chan::status::ok), 1);
    CHECK(failures_of(timer, [](grade& g) { g.select_timed_out("main"); }).empty());
    timer.r.events.back().arm = 0;
    CHECK_FALSE(failures_of(timer, [](grade& g) { g.select_timed_out("main"); }).empty());

    script got = s;
    got.r.events.back().detail = static_cast<std::uint8_t>(chan::status::ok);
    got.r.events.back().arm = 1;
    CHECK(failures_of(got, [](grade& g) { g.select_received_from("main", "quit"); }).empty());
    CHECK_FALSE(failures_of(got, [](grade& g) { g.select_timed_out("main"); }).empty());
}

TEST_CASE("the kind of a channel, failed and waiting sends, ticks", "[grade]") {
    script s = two_jobs();
    CHECK(failures_of(s, [](grade& g) { g.made("jobs", flavor::bounded, 2); }).empty());
    CHECK(happened(failures_of(s, [](grade& g) { g.made("jobs", flavor::bounded, 1); })) ==
          "jobs is bounded with room for 2 messages");
    CHECK(happened(failures_of(s, [](grade& g) { g.made("jobs", flavor::unbounded); })) ==
          "jobs is bounded with room for 2 messages");

    s.add(kind::send_begin, 1, 1).add(kind::send_failed, 1, 1, 0, "", static_cast<std::uint8_t>(chan::status::full));
    CHECK(happened(failures_of(s, [](grade& g) { g.no_failed_send("jobs"); })) == "sends failed: 1 full");
    CHECK(failures_of(s, [](grade& g) { g.a_send_failed("jobs", "full"); }).empty());
    CHECK_FALSE(failures_of(s, [](grade& g) { g.a_send_failed("jobs", "timeout"); }).empty());

    CHECK_FALSE(failures_of(s, [](grade& g) { g.a_send_waited("jobs"); }).empty());
    s.add(kind::send_begin, 1, 1).add(kind::send_blocked, 1, 1).add(kind::send_done, 1, 1, 2, "job 3");
    CHECK(failures_of(s, [](grade& g) { g.a_send_waited("jobs"); }).empty());
    CHECK(happened(failures_of(s, [](grade& g) { g.no_send_waited("jobs"); })) == "1 send waited for room");

    script t;
    t.thread(1, "main").channel(1, "tick", flavor::timer_tick, 0);
    t.add(kind::timer_fired, 0, 1).add(kind::timer_fired, 0, 1);
    CHECK(failures_of(t, [](grade& g) { g.ticked_at_least("tick", 2); }).empty());
    CHECK(happened(failures_of(t, [](grade& g) { g.ticked_at_least("tick", 3); })) == "it fired 2 times");
}

TEST_CASE("output rules compare whole lines", "[grade]") {
    const script s = two_jobs();
    const std::vector<std::string> out = {"got: hello", "done"};
    CHECK(failures_of(s, [](grade& g) { g.output_has("done"); }, out).empty());
    CHECK_FALSE(failures_of(s, [](grade& g) { g.output_has("don"); }, out).empty());
    CHECK(failures_of(s, [](grade& g) { g.output_is({"got: hello", "done"}); }, out).empty());
    CHECK_FALSE(failures_of(s, [](grade& g) { g.output_is({"done", "got: hello"}); }, out).empty());
    CHECK(failures_of(s, [](grade& g) { g.output_count("o", 2); }, out).empty());
    CHECK(happened(failures_of(s, [](grade& g) { g.output_count("got", 2); }, out)) == "it printed 1");
}

TEST_CASE("predictions are read from the learner's file", "[grade]") {
    const std::string file = "exercises_grade_test_prediction.cpp";
    const auto write = [&](const std::string& text) { std::ofstream(file) << text; };
    const std::vector<std::string> out = {"a", "b"};
    const auto predicted = [](grade& g) { g.predicted_output(); };

    write("// PREDICT: ?\n// PREDICT: ?\n");
    CHECK(happened(failures_of(two_jobs(), predicted, out, file)) == "line 1 of your prediction is still \"?\"");
    write("int x;\n  // PREDICT: a\n// PREDICT: b\n");
    CHECK(failures_of(two_jobs(), predicted, out, file).empty());
    write("// PREDICT: a\n// PREDICT: c\n");
    CHECK(happened(failures_of(two_jobs(), predicted, out, file)) == "line 2 is not \"c\"");
    write("// PREDICT: a\n");
    CHECK(happened(failures_of(two_jobs(), predicted, out, file)) == "it printed 2 lines, you predicted 1");
    write("// PREDICT: a\n// PREDICT: b\n// PREDICT: c\n");
    CHECK(happened(failures_of(two_jobs(), predicted, out, file)) == "it printed only 2 lines, you predicted 3");
    write("int main() {}\n");
    CHECK(happened(failures_of(two_jobs(), predicted, out, file)) == "the file has no \"// PREDICT:\" line");

    const auto ticked = [](grade& g) { g.ticked({'A', 'C'}, "which can happen?"); };
    write("// [x] A: one\n// [ ] B: two\n// [X] C: three\n");
    CHECK(failures_of(two_jobs(), ticked, out, file).empty());
    write("// [x] A: one\n// [x] B: two\n// [ ] C: three\n");
    CHECK(happened(failures_of(two_jobs(), ticked, out, file)) ==
          "you ticked A, B: 2 boxes are wrong (ticked and cannot happen, or unticked and can)");
    write("// [ ] A: one\n");
    CHECK(happened(failures_of(two_jobs(), ticked, out, file)).find("no box is ticked yet") == 0);
    std::remove(file.c_str());
}
