#include "grade.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

namespace exercises {

namespace {

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

// A message's text as the trace renders it, without the quotes around a string.
std::string unquoted(const std::string& text) {
    return text.size() >= 2 && text.front() == '"' && text.back() == '"' ? text.substr(1, text.size() - 2) : text;
}

std::string plural(std::size_t n, const std::string& one, const std::string& many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string joined(const std::vector<std::string>& items) {
    std::string text;
    for (std::size_t i = 0; i < items.size(); ++i) text += (i ? ", " : "") + items[i];
    return text;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// The threads that sent / received a message of `c`.
std::set<std::string> senders_of(const channel_facts& c) {
    std::set<std::string> who;
    for (const message_facts& m : c.messages) who.insert(m.sender);
    return who;
}
std::set<std::string> receivers_of(const channel_facts& c) {
    std::set<std::string> who;
    for (const message_facts& m : c.messages) who.insert(m.receivers.begin(), m.receivers.end());
    return who;
}

std::string ordinal(std::uint64_t n) {
    const std::uint64_t tens = n % 100, ones = n % 10;
    const char* suffix = (tens >= 11 && tens <= 13) ? "th" : ones == 1 ? "st" : ones == 2 ? "nd" : ones == 3 ? "rd" : "th";
    return std::to_string(n) + suffix;
}

// `message "job 4" (the 4th sent)`: what the program sent, then where in the order.
std::string message_label(const message_facts& m) {
    const std::string place = ordinal(m.number + 1);
    return m.text.empty() ? "the " + place + " message sent"
                          : "message " + quoted(unquoted(m.text)) + " (the " + place + " sent)";
}

std::string lines_text(const std::vector<std::string>& lines) {
    if (lines.empty()) return " nothing";
    std::string text;
    for (const auto& l : lines) text += "\n      " + l;
    return text;
}

}  // namespace

std::vector<registered_check>& all_checks() {
    static std::vector<registered_check> checks;
    return checks;
}

grade::grade(const run_result& run, std::string source)
    : run_(run), source_(std::move(source)), facts_(run.trace ? *run.trace : chan::trace::recording{}) {}

void grade::expect(bool holds, std::string rule, std::string happened) {
    if (!holds) failures_.push_back({std::move(rule), std::move(happened)});
}

const channel_facts* grade::find(const std::string& channel) {
    if (const channel_facts* c = facts_.channel(channel)) return c;
    if (missing_.insert(channel).second) {
        std::vector<std::string> names;
        for (const auto& c : facts_.channels()) names.push_back(c.name);
        expect(false, "the program makes a channel named " + quoted(channel),
               names.empty() ? "it made no channel at all"
                             : "its channels were named " + joined(names) +
                                   " (a channel's name is the last argument of the call that makes it, as in "
                                   "chan::bounded<int>(1, " +
                                   quoted(channel) + "))");
    }
    return nullptr;
}

// ---- output ----

void grade::output_has(const std::string& line) {
    const bool found = std::find(run_.out.begin(), run_.out.end(), line) != run_.out.end();
    expect(found, "the program prints the line " + quoted(line), "it printed:" + lines_text(run_.out));
}

void grade::output_is(const std::vector<std::string>& lines) {
    expect(run_.out == lines, "the program prints:" + lines_text(lines), "it printed:" + lines_text(run_.out));
}

void grade::output_count(const std::string& text, std::size_t count) {
    const auto n = static_cast<std::size_t>(std::count_if(
        run_.out.begin(), run_.out.end(), [&](const std::string& l) { return l.find(text) != std::string::npos; }));
    expect(n == count, "the program prints " + plural(count, "line", "lines") + " with " + quoted(text),
           "it printed " + std::to_string(n));
}

// ---- one channel ----

void grade::made(const std::string& channel, chan::trace::flavor flavor, std::int64_t capacity) {
    const channel_facts* c = find(channel);
    if (!c) return;
    const auto describe_kind = [](chan::trace::flavor f, std::int64_t cap) {
        std::string text(chan::trace::to_string(f));
        if (f == chan::trace::flavor::bounded || f == chan::trace::flavor::broadcast ||
            f == chan::trace::flavor::broadcast_lagging)
            text += " with room for " + plural(static_cast<std::size_t>(cap), "message", "messages");
        return text;
    };
    const bool capacity_matters = flavor == chan::trace::flavor::bounded ||
                                  flavor == chan::trace::flavor::broadcast ||
                                  flavor == chan::trace::flavor::broadcast_lagging;
    expect(c->flavor == flavor && (!capacity_matters || c->capacity == capacity),
           channel + " is " + describe_kind(flavor, capacity),
           channel + " is " + describe_kind(c->flavor, c->capacity));
}

void grade::messages_sent(const std::string& channel, std::size_t count) {
    const channel_facts* c = find(channel);
    if (!c) return;
    expect(c->messages.size() == count, plural(count, "message is", "messages are") + " sent on " + channel,
           plural(c->messages.size(), "was", "were") + " sent");
}

void grade::every_message_received_once(const std::string& channel) {
    const channel_facts* c = find(channel);
    if (!c) return;
    const std::string rule = "every message sent on " + channel + " is received exactly once";
    if (c->messages.empty()) return expect(false, rule, "nothing was sent on " + channel);
    for (const message_facts& m : c->messages) {
        if (m.receivers.empty()) return expect(false, rule, message_label(m) + " was never received");
        if (m.receivers.size() > 1 && c->flavor != chan::trace::flavor::broadcast &&
            c->flavor != chan::trace::flavor::broadcast_lagging)
            return expect(false, rule, message_label(m) + " was received " + std::to_string(m.receivers.size()) +
                                           " times (by " + joined(m.receivers) + ")");
    }
}

void grade::received_in_order(const std::string& channel, const std::vector<std::string>& messages) {
    const channel_facts* c = find(channel);
    if (!c) return;
    std::vector<std::string> received;
    for (const message_facts& m : c->messages)
        if (!m.receivers.empty()) received.push_back(unquoted(m.text));
    expect(received == messages, "the messages received on " + channel + " are, in order: " + joined(messages),
           received.empty() ? "nothing was received" : "they were: " + joined(received));
}

void grade::sent_by_at_least(const std::string& channel, std::size_t threads) {
    const channel_facts* c = find(channel);
    if (!c) return;
    const auto who = senders_of(*c);
    expect(who.size() >= threads, "at least " + plural(threads, "thread sends", "threads send") + " on " + channel,
           who.empty() ? "nothing was sent" : "only " + joined({who.begin(), who.end()}) + " sent");
}

void grade::received_by_at_least(const std::string& channel, std::size_t threads) {
    const channel_facts* c = find(channel);
    if (!c) return;
    const auto who = receivers_of(*c);
    expect(who.size() >= threads,
           "at least " + plural(threads, "thread receives", "threads receive") + " from " + channel,
           who.empty() ? "nothing was received" : "only " + joined({who.begin(), who.end()}) + " received");
}

void grade::received_by(const std::string& channel, const std::string& thread) {
    const channel_facts* c = find(channel);
    if (!c) return;
    const auto who = receivers_of(*c);
    expect(who.count(thread) != 0, thread + " receives from " + channel,
           who.empty() ? "nothing was received" : "it was received by " + joined({who.begin(), who.end()}));
}

void grade::sent_by(const std::string& channel, const std::string& thread) {
    const channel_facts* c = find(channel);
    if (!c) return;
    const auto who = senders_of(*c);
    expect(!who.empty() && who == std::set<std::string>{thread}, thread + " sends on " + channel,
           who.empty() ? "nothing was sent" : "it was sent by " + joined({who.begin(), who.end()}));
}

void grade::closed_by_last_sender(const std::string& channel) {
    const channel_facts* c = find(channel);
    if (!c) return;
    const std::string rule = channel + " is closed when its senders are done";
    using chan::trace::disconnect_cause;
    if (!c->disconnected)
        return expect(false, rule, channel + " was never closed: a sender (or a copy of one) still existed at the end");
    if (*c->disconnected == disconnect_cause::receivers_gone)
        return expect(false, rule, "its receivers went away first (" + c->disconnected_by + " dropped the last one)");
}

void grade::closed_by(const std::string& channel, const std::string& thread) {
    const channel_facts* c = find(channel);
    if (!c) return;
    expect(c->closed_by == thread, thread + " closes " + channel,
           c->closed_by.empty() ? "nobody called close() on it" : c->closed_by + " closed it");
}

void grade::never_closed(const std::string& channel) {
    const channel_facts* c = find(channel);
    if (!c) return;
    expect(!c->disconnected, channel + " stays open",
           channel + " was disconnected" + (c->disconnected_by.empty() ? "" : " by " + c->disconnected_by));
}

void grade::no_failed_send(const std::string& channel) {
    const channel_facts* c = find(channel);
    if (!c) return;
    std::vector<std::string> failed;
    for (const auto& [why, n] : c->failed_sends) failed.push_back(std::to_string(n) + " " + why);
    expect(failed.empty(), "every send on " + channel + " succeeds", "sends failed: " + joined(failed));
}

void grade::a_send_failed(const std::string& channel, const std::string& status) {
    const channel_facts* c = find(channel);
    if (!c) return;
    expect(c->failed_sends.count(status) != 0, "a send on " + channel + " fails with " + quoted(status),
           "no send on it failed that way");
}

void grade::a_send_waited(const std::string& channel) {
    const channel_facts* c = find(channel);
    if (!c) return;
    expect(c->blocked_sends > 0, "a send on " + channel + " has to wait for room", "no send on it ever waited");
}

void grade::no_send_waited(const std::string& channel) {
    const channel_facts* c = find(channel);
    if (!c) return;
    expect(c->blocked_sends == 0, "no send on " + channel + " has to wait",
           plural(c->blocked_sends, "send", "sends") + " waited for room");
}

void grade::a_recv_failed(const std::string& channel, const std::string& status) {
    const channel_facts* c = find(channel);
    if (!c) return;
    expect(c->failed_recvs.count(status) != 0, "a receive on " + channel + " ends with " + quoted(status),
           "no receive on it ended that way");
}

void grade::ticked_at_least(const std::string& channel, std::size_t ticks) {
    const channel_facts* c = find(channel);
    if (!c) return;
    expect(c->timer_fires >= ticks, channel + " fires at least " + plural(ticks, "time", "times"),
           "it fired " + plural(c->timer_fires, "time", "times"));
}

// ---- threads ----

void grade::no_thread_waiting_at_exit() {
    std::vector<std::string> waiting;
    for (const waiting_facts& w : facts_.waiting_at_end()) waiting.push_back(describe(w));
    expect(waiting.empty(), "no thread is still waiting when the program ends",
           "still waiting: " + joined(waiting));
}

void grade::select_timed_out(const std::string& thread) {
    bool found = false, any = false;
    for (const select_facts& s : facts_.selects()) {
        if (s.thread != thread) continue;
        any = true;
        found = found || s.outcome == "timeout";
        if (s.chosen >= 0 && static_cast<std::size_t>(s.chosen) < s.arms.size()) {
            const channel_facts* arm = facts_.channel(s.arms[static_cast<std::size_t>(s.chosen)]);
            found = found || (arm && arm->flavor == chan::trace::flavor::timer_at);
        }
    }
    expect(found, thread + " waits in a select until its timeout arm fires",
           any ? "every select of " + thread + " got a message before its timeout" : thread + " never ran a select");
}

void grade::select_defaulted(const std::string& thread) {
    bool found = false, any = false;
    for (const select_facts& s : facts_.selects()) {
        if (s.thread != thread) continue;
        any = true;
        found = found || s.outcome == "empty";
    }
    expect(found, "a select of " + thread + " finds nothing ready and runs its default arm at once",
           any ? "no select of " + thread + " ran a default arm (without one, a select waits until an arm is ready)"
               : thread + " never ran a select");
}

void grade::select_received_from(const std::string& thread, const std::string& channel) {
    bool found = false, any = false;
    for (const select_facts& s : facts_.selects()) {
        if (s.thread != thread) continue;
        any = true;
        found = found || (s.chosen >= 0 && static_cast<std::size_t>(s.chosen) < s.arms.size() &&
                          s.arms[static_cast<std::size_t>(s.chosen)] == channel);
    }
    expect(found, "a select of " + thread + " takes a message from " + channel,
           any ? "no select of " + thread + " completed on " + channel : thread + " never ran a select");
}

// ---- predictions ----

std::vector<std::string> grade::predicted_lines() const {
    std::vector<std::string> lines;
    static const std::regex predict(R"(^\s*//\s*PREDICT:\s?(.*?)\s*$)");
    std::istringstream in(read_file(source_));
    for (std::string line; std::getline(in, line);) {
        std::smatch m;
        if (std::regex_match(line, m, predict)) lines.push_back(m[1]);
    }
    return lines;
}

std::set<char> grade::ticked_boxes() const {
    std::set<char> boxes;
    static const std::regex box(R"(^\s*//\s*\[\s*[xX]\s*\]\s*([A-Z])\b.*$)");
    std::istringstream in(read_file(source_));
    for (std::string line; std::getline(in, line);) {
        std::smatch m;
        if (std::regex_match(line, m, box)) boxes.insert(m[1].str()[0]);
    }
    return boxes;
}

void grade::predicted_output() {
    const std::vector<std::string> predicted = predicted_lines();
    if (predicted.empty())
        return expect(false, "your prediction is written in the file, one \"// PREDICT:\" line per printed line",
                      "the file has no \"// PREDICT:\" line");
    for (std::size_t i = 0; i < predicted.size(); ++i) {
        if (predicted[i] == "?" || predicted[i].empty())
            return expect(false, "every \"// PREDICT:\" line holds a line you expect the program to print",
                          "line " + std::to_string(i + 1) + " of your prediction is still \"?\"");
    }
    // Only the first line that differs: the whole output would give the answer away.
    const std::string rule = "the program prints what you predicted";
    for (std::size_t i = 0; i < predicted.size(); ++i) {
        if (i >= run_.out.size())
            return expect(false, rule, "it printed only " + plural(run_.out.size(), "line", "lines") + ", you predicted " +
                                           std::to_string(predicted.size()));
        if (predicted[i] != run_.out[i])
            return expect(false, rule, "line " + std::to_string(i + 1) + " is not " + quoted(predicted[i]));
    }
    expect(predicted.size() == run_.out.size(), rule,
           "it printed " + plural(run_.out.size(), "line", "lines") + ", you predicted " + std::to_string(predicted.size()));
}

void grade::ticked(const std::set<char>& possible, const std::string& question) {
    const std::set<char> boxes = ticked_boxes();
    const auto letters = [](const std::set<char>& s) {
        std::string text;
        for (char c : s) text += (text.empty() ? "" : ", ") + std::string(1, c);
        return text.empty() ? std::string("none") : text;
    };
    if (boxes.empty())
        return expect(false, question, "no box is ticked yet: write an x in each one that can happen, as // [x] A");
    // How many answers are wrong, not which: naming them would give the key away.
    std::size_t wrong = 0;
    for (char c : boxes) wrong += possible.count(c) == 0;
    for (char c : possible) wrong += boxes.count(c) == 0;
    expect(wrong == 0, question,
           "you ticked " + letters(boxes) + ": " + plural(wrong, "box is", "boxes are") + " wrong (ticked and " +
               "cannot happen, or unticked and can)");
}

}  // namespace exercises
