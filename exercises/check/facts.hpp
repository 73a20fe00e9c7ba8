// What a run's trace says its channels and threads did, in the terms an exercise's
// check speaks: channels and threads by name, each message sent and who received it,
// who closed what, and who was still waiting when the program ended.
#pragma once

#include <chan/trace/event.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace exercises {

// Where in the learner's program an operation was called (empty file: unknown).
struct call_site {
    std::string file;
    std::uint32_t line = 0;
};

// One message: sent by `sender`, received by each of `receivers` (one for a channel;
// every subscriber for a broadcast). Thread names, as the trace names threads.
struct message_facts {
    std::uint64_t number = 0;  // within its channel, from 0
    std::string text;          // the message, rendered
    std::string sender;
    std::vector<std::string> receivers;
};

// One operation that had not finished when the program ended.
struct waiting_facts {
    std::string thread;
    std::string operation;  // "send", "recv" or "select"
    std::vector<std::string> channels;  // the channel waited on; a select's arms
    call_site where;
};

struct channel_facts {
    std::uint32_t id = 0;
    std::string name;  // as made, e.g. chan::bounded<int>(2, "jobs"); "channel N" if unnamed
    chan::trace::flavor flavor = chan::trace::flavor::bounded;
    std::int64_t capacity = 0;  // -1: unbounded
    std::vector<message_facts> messages;  // in the order they were sent
    std::map<std::string, std::size_t> failed_sends;  // by status ("full", "timeout", "disconnected")
    std::map<std::string, std::size_t> failed_recvs;  // by status ("empty", "timeout", "disconnected")
    std::size_t blocked_sends = 0, blocked_recvs = 0;  // operations that had to wait
    std::size_t timer_fires = 0;                      // timers and tickers
    std::string closed_by;                            // the thread that called close(), if any
    std::optional<chan::trace::disconnect_cause> disconnected;
    std::string disconnected_by;  // the thread whose drop or close disconnected it
};

struct select_facts {
    std::string thread;
    std::vector<std::string> arms;  // channel names, by arm index
    std::int16_t chosen = -1;       // the arm that completed; -1: none (timeout, default)
    std::string outcome;            // "ok", "timeout", "empty" (the default arm); "" if it never ended
};

class trace_facts {
public:
    explicit trace_facts(const chan::trace::recording& r);

    // Null when the program made no channel of that name.
    const channel_facts* channel(const std::string& name) const;
    const std::vector<channel_facts>& channels() const { return channels_; }
    // Thread names, in order of first appearance ("thread N" for an unnamed one).
    const std::vector<std::string>& threads() const { return threads_; }
    const std::vector<waiting_facts>& waiting_at_end() const { return waiting_; }
    const std::vector<select_facts>& selects() const { return selects_; }

private:
    std::vector<channel_facts> channels_;
    std::vector<std::string> threads_;
    std::vector<waiting_facts> waiting_;
    std::vector<select_facts> selects_;
};

// "worker 2 in recv on jobs (main.cpp:23)": how a check reports a waiting operation.
std::string describe(const waiting_facts& w);

}  // namespace exercises
