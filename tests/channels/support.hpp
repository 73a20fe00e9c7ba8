// What the channel tests share: the flavors under test, a message type that counts its
// own lives, and time measurement for timeout checks.
#pragma once

#include <chan/channel.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <memory>
#include <mutex>
#include <cstddef>
#include <optional>
#include <string>
#include <thread>
#include <utility>

namespace chan_test {

using namespace std::chrono_literals;

// The channels every rule is checked on. bounded4 has room for several messages, so
// that FIFO order and partial draining mean something; bounded1 is the smallest ring.
enum class flavor { rendezvous, bounded1, bounded4, unbounded };

inline std::string to_string(flavor f) {
    switch (f) {
        case flavor::rendezvous: return "rendezvous";
        case flavor::bounded1: return "bounded(1)";
        case flavor::bounded4: return "bounded(4)";
        case flavor::unbounded: return "unbounded";
    }
    return "?";
}

// Messages a flavor can hold with nobody receiving (unbounded: as many as a test wants).
inline std::size_t room(flavor f) {
    switch (f) {
        case flavor::rendezvous: return 0;
        case flavor::bounded1: return 1;
        case flavor::bounded4: return 4;
        case flavor::unbounded: return 100;
    }
    return 0;
}

template <class T>
std::pair<chan::sender<T>, chan::receiver<T>> make(flavor f) {
    switch (f) {
        case flavor::rendezvous: return chan::bounded<T>(0, "rendezvous");
        case flavor::bounded1: return chan::bounded<T>(1, "bounded1");
        case flavor::bounded4: return chan::bounded<T>(4, "bounded4");
        case flavor::unbounded: return chan::unbounded<T>("unbounded");
    }
    FAIL("unknown flavor");
    return {};
}

#define CHAN_TEST_ALL_FLAVORS                                                                                \
    GENERATE(chan_test::flavor::rendezvous, chan_test::flavor::bounded1, chan_test::flavor::bounded4, \
             chan_test::flavor::unbounded)
#define CHAN_TEST_BUFFERED_FLAVORS \
    GENERATE(chan_test::flavor::bounded1, chan_test::flavor::bounded4, chan_test::flavor::unbounded)

// A message that keeps count of its objects. Each message has an id; the object holding
// it (not a moved-from shell) is its owner, and `owners_destroyed(id)` says how often an
// owner of that id was destroyed: a leak leaves 0, a double destruction 2.
class counted {
public:
    static constexpr int max_ids = 1024;

    explicit counted(int id) noexcept : id_(id) { live().fetch_add(1); }
    counted(const counted&) = delete;
    counted& operator=(const counted&) = delete;
    counted(counted&& other) noexcept : id_(std::exchange(other.id_, -1)) { live().fetch_add(1); }
    counted& operator=(counted&&) = delete;
    ~counted() {
        live().fetch_sub(1);
        if (id_ >= 0) destroyed()[id_].fetch_add(1);
    }

    int id() const noexcept { return id_; }

    // Objects alive now, moved-from shells included.
    static int alive() noexcept { return live().load(); }
    static int owners_destroyed(int id) noexcept { return destroyed()[id].load(); }
    static void reset() noexcept {
        for (auto& d : destroyed()) d.store(0);
    }

private:
    static std::atomic<int>& live() noexcept {
        static std::atomic<int> n{0};
        return n;
    }
    static std::atomic<int> (&destroyed() noexcept)[max_ids] {
        static std::atomic<int> d[max_ids];
        return d;
    }
    int id_;
};

// Upper tolerance for anything that should happen "soon" or "at the deadline": far
// more than any scheduler delay on a loaded machine, far less than a hang.
inline constexpr auto slack = 3s;

// A delay long enough that another thread has almost certainly reached its blocking
// call; tests never depend on it for correctness, only for exercising the wake path.
inline constexpr auto settle = 50ms;

using clock = std::chrono::steady_clock;

inline double seconds_since(clock::time_point start) {
    return std::chrono::duration<double>(clock::now() - start).count();
}

// Runs `fn` on another thread. Catch2's assertions are not thread-safe, so `fn`
// reports through atomics and the test checks them after join().
class background {
public:
    template <class Fn>
    explicit background(Fn fn)
        : state_(std::make_shared<state>()), thread_([fn = std::move(fn), st = state_]() mutable {
              fn();
              std::lock_guard lock(st->mutex);
              st->done = true;
              st->cv.notify_all();
          }) {}
    background(const background&) = delete;
    background& operator=(const background&) = delete;
    // A test that failed before its thread could finish must not hang on it.
    ~background() {
        if (thread_.joinable() && !finishes_within(1min))
            std::fprintf(stderr, "chan test: a background thread never finished; abandoned\n");
    }

    void join() {
        if (thread_.joinable()) thread_.join();
    }

    // Waits up to `limit` for `fn` to return. If it does not (a waiter that was never
    // woken), the thread is abandoned so that the test fails instead of hanging.
    bool finishes_within(clock::duration limit) {
        bool done = false;
        {
            std::unique_lock lock(state_->mutex);
            done = state_->cv.wait_for(lock, limit, [&] { return state_->done; });
        }
        if (!done) {
            thread_.detach();
            return false;
        }
        join();
        return true;
    }

private:
    struct state {
        std::mutex mutex;
        std::condition_variable cv;
        bool done = false;
    };
    std::shared_ptr<state> state_;
    std::thread thread_;
};

}  // namespace chan_test
