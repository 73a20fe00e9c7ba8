// The checking API an exercise's check is written in. A check states what the program
// must have done, in a learner's words, and the grade records each rule that did not
// hold together with what happened instead:
//
//   EXERCISE_CHECK(worker_pool) {
//       g.every_message_received_once("jobs");
//       g.received_by_at_least("jobs", 2);
//       g.closed_by_last_sender("jobs");
//       g.no_thread_waiting_at_exit();
//   }
//
// Rules about a channel name it as the program made it (chan::bounded<int>(2, "jobs")).
// Messages are compared as the trace renders them: numbers as written (42), strings
// without their quotes ("job 4" is given as job 4).
// A rule about a channel the program never made fails once, saying so, and the other
// rules about it are skipped.
#pragma once

#include <chan/trace/event.hpp>

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "facts.hpp"
#include "run.hpp"

namespace exercises {

struct failure {
    std::string rule;      // what was expected
    std::string happened;  // what the run did instead
};

class grade {
public:
    // `source` is the learner's file (read by the prediction rules).
    grade(const run_result& run, std::string source);

    // ---- output (stdout, line by line) ----
    void output_has(const std::string& line);
    void output_is(const std::vector<std::string>& lines);
    // How many lines contain `text`.
    void output_count(const std::string& text, std::size_t count);

    // ---- one channel ----
    void made(const std::string& channel, chan::trace::flavor flavor, std::int64_t capacity = 0);
    void messages_sent(const std::string& channel, std::size_t count);
    void every_message_received_once(const std::string& channel);
    void received_in_order(const std::string& channel, const std::vector<std::string>& messages);
    void sent_by_at_least(const std::string& channel, std::size_t threads);
    void received_by_at_least(const std::string& channel, std::size_t threads);
    void received_by(const std::string& channel, const std::string& thread);
    // Every message on `channel` was sent by `thread`.
    void sent_by(const std::string& channel, const std::string& thread);
    // It was disconnected because its last sender went away or closed it, with every
    // message it carried delivered (a range over it ended because the senders finished).
    void closed_by_last_sender(const std::string& channel);
    void closed_by(const std::string& channel, const std::string& thread);
    void never_closed(const std::string& channel);
    void no_failed_send(const std::string& channel);
    void a_send_failed(const std::string& channel, const std::string& status);  // "full", "timeout", ...
    void a_send_waited(const std::string& channel);
    void no_send_waited(const std::string& channel);
    void a_recv_failed(const std::string& channel, const std::string& status);
    void ticked_at_least(const std::string& channel, std::size_t ticks);

    // ---- threads ----
    void no_thread_waiting_at_exit();
    // A select on `thread` gave up waiting: its timeout ran out, or it received from a
    // timer arm (chan::after) / ran its default arm at once / took a message from `channel`.
    void select_timed_out(const std::string& thread);
    void select_defaulted(const std::string& thread);
    void select_received_from(const std::string& thread, const std::string& channel);

    // ---- predictions, answered in the learner's file ----
    // The text after each "// PREDICT:" comment, in order ("?" when not answered yet).
    std::vector<std::string> predicted_lines() const;
    // The letters of the boxes ticked as "// [x] A: ..." in the file.
    std::set<char> ticked_boxes() const;
    // The prediction lines equal `actual` (the program's real output, checked first).
    void predicted_output();
    // Exactly the boxes in `possible` are ticked.
    void ticked(const std::set<char>& possible, const std::string& question);

    // ---- anything else ----
    void expect(bool holds, std::string rule, std::string happened);

    const run_result& run() const { return run_; }
    const trace_facts& facts() const { return facts_; }
    const std::vector<failure>& failures() const { return failures_; }

private:
    const channel_facts* find(const std::string& channel);

    const run_result& run_;
    std::string source_;
    trace_facts facts_;
    std::set<std::string> missing_;  // channels already reported missing
    std::vector<failure> failures_;
};

using check_function = void (*)(grade&);

// Every exercise's check, by name (EXERCISE_CHECK adds one).
struct registered_check {
    const char* name;
    check_function check;
};
std::vector<registered_check>& all_checks();

struct check_registration {
    check_registration(const char* name, check_function f) { all_checks().push_back({name, f}); }
};

}  // namespace exercises

#define EXERCISE_CHECK(NAME)                                                                    \
    static void exercise_check_##NAME(::exercises::grade& g);                                   \
    static const ::exercises::check_registration exercise_registration_##NAME{#NAME,            \
                                                                              &exercise_check_##NAME}; \
    static void exercise_check_##NAME(::exercises::grade& g)
