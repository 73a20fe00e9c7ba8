// Helpers for the tracing tests: following a recording as it grows (to script runs
// step by step), and describing events as short lines that read well in a failure.
#pragma once

#include <catch2/catch.hpp>
#include <chan/chan.hpp>
#include <chan/trace.hpp>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

namespace trace_test {

using chan::trace::event;
using chan::trace::kind;
using chan::trace::recording;

// A recording for the length of a test.
struct recording_scope {
    recording_scope() { chan::trace::start(); }
    ~recording_scope() { chan::trace::stop(); }
    recording_scope(const recording_scope&) = delete;
    recording_scope& operator=(const recording_scope&) = delete;
};

// "t1 send_done ch1 m0 '42'": the fields of an event that a scripted run fixes (not its
// seq, time or source location). Detail values are shown by name.
std::string describe(const event& e);

inline std::vector<std::string> describe(const std::vector<event>& events) {
    std::vector<std::string> out;
    for (const event& e : events) out.push_back(describe(e));
    return out;
}

// Follows the current recording, so that a test can wait until a thread has reached a
// point (e.g. is blocked) before making the next move.
class follower {
public:
    // Waits for the next event, after the last one returned, that satisfies `pred`.
    // Fails the test if none comes within 10 s.
    template <class Pred>
    event wait_for(Pred pred, const std::string& what) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        for (;;) {
            reader_.poll(rec_);
            for (; scanned_ < rec_.events.size(); ++scanned_) {
                if (pred(rec_.events[scanned_])) return rec_.events[scanned_++];
            }
            if (std::chrono::steady_clock::now() > deadline) FAIL("no event in 10 s: " << what);
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
    }

    event wait_for(kind k, std::uint32_t thread) {
        return wait_for([&](const event& e) { return e.what == k && e.thread == thread; },
                        std::string(chan::trace::to_string(k)) + " on thread " + std::to_string(thread));
    }

    // Everything recorded so far.
    const recording& all() {
        reader_.poll(rec_);
        return rec_;
    }

private:
    chan::trace::reader reader_;
    recording rec_;
    std::size_t scanned_ = 0;
};

// A message that was received, by its send_done and recv_done: what one flow arrow of
// a trace file must show.
struct delivery {
    std::uint32_t from_thread, to_thread;
    std::int64_t sent_ns, received_ns;
    bool operator<(const delivery& o) const {
        return std::tie(sent_ns, received_ns, from_thread, to_thread) <
               std::tie(o.sent_ns, o.received_ns, o.from_thread, o.to_thread);
    }
    bool operator==(const delivery&) const = default;
};
std::vector<delivery> deliveries(const recording& r);

// Writes `r` as a trace file and checks it: Perfetto's rules hold, there is one flow per
// delivered message, bound to the send and the receive, and loading it gives `r` back.
// Returns the file.
std::string check_trace_file(const recording& r);

// A named thread that runs the actions it is given, one at a time, in order: a
// scripted run posts one channel operation at a time to each of its threads, so that
// only one thread is ever free to record. (It waits on a condition variable, never on
// a channel, so it adds nothing to a recording but its name and its exit.)
class actor {
public:
    explicit actor(std::string name);
    ~actor();  // finishes the actions posted, then ends the thread
    actor(const actor&) = delete;
    actor& operator=(const actor&) = delete;

    void post(std::function<void()> action);

private:
    void run(std::string name);

    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::function<void()>> actions_;
    bool done_ = false;
    std::thread thread_;
};

// Sorts a stretch of described events whose order is up to the scheduler.
inline std::vector<std::string> sorted(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
}

}  // namespace trace_test
