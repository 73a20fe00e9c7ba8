// Writing traces by hand for the model's tests: one call per event, in order, each
// 1000 ns after the previous unless `at` says otherwise.
//
//   script s;
//   s.named(1, "producer").created(1, 1, flavor::bounded, 2, "jobs");
//   s.send_begin(1, 1, "7").send_done(1, 1, 0, "7");
#pragma once

#include <chan/result.hpp>
#include <chan/trace/event.hpp>

#include <cstdint>
#include <string>
#include <utility>

namespace viz_test {

namespace trace = chan::trace;

class script {
public:
    trace::recording rec;

    // The time of the next event.
    script& at(std::int64_t t_ns) {
        next_time_ = t_ns;
        return *this;
    }

    script& add(trace::kind what, std::uint32_t thread, std::uint32_t channel = 0, std::uint64_t message = 0,
                std::string text = {}, std::uint8_t detail = 0, std::int64_t a = 0, std::int64_t b = 0,
                std::int16_t arm = -1) {
        trace::event e;
        e.seq = rec.events.size();
        e.time_ns = next_time_;
        e.what = what;
        e.thread = thread;
        e.channel = channel;
        e.message = message;
        e.text = std::move(text);
        e.detail = detail;
        e.a = a;
        e.b = b;
        e.arm = arm;
        e.file = 1;
        e.line = static_cast<std::uint32_t>(100 + rec.events.size());
        rec.events.push_back(std::move(e));
        next_time_ += 1000;
        return *this;
    }

    script& named(std::uint32_t thread, std::string name) {
        add(trace::kind::thread_named, thread, 0, 0, std::move(name));
        rec.events.back().line = 0;
        return *this;
    }
    script& created(std::uint32_t thread, std::uint32_t channel, trace::flavor f, std::int64_t capacity,
                    std::string name) {
        add(trace::kind::channel_created, thread, channel, 0, std::move(name), static_cast<std::uint8_t>(f), capacity);
        rec.events.back().line = 0;
        return *this;
    }
    script& handles(std::uint32_t thread, std::uint32_t channel, trace::handle_change c, std::int64_t senders,
                    std::int64_t receivers) {
        return add(trace::kind::handles, thread, channel, 0, {}, static_cast<std::uint8_t>(c), senders, receivers);
    }
    script& send_begin(std::uint32_t thread, std::uint32_t channel, std::string text) {
        return add(trace::kind::send_begin, thread, channel, 0, std::move(text));
    }
    script& send_blocked(std::uint32_t thread, std::uint32_t channel, trace::wait_reason r) {
        return add(trace::kind::send_blocked, thread, channel, 0, {}, static_cast<std::uint8_t>(r));
    }
    script& send_done(std::uint32_t thread, std::uint32_t channel, std::uint64_t message, std::string text) {
        return add(trace::kind::send_done, thread, channel, message, std::move(text));
    }
    script& send_failed(std::uint32_t thread, std::uint32_t channel, chan::status s) {
        return add(trace::kind::send_failed, thread, channel, 0, {}, static_cast<std::uint8_t>(s));
    }
    script& recv_begin(std::uint32_t thread, std::uint32_t channel) {
        return add(trace::kind::recv_begin, thread, channel);
    }
    script& recv_blocked(std::uint32_t thread, std::uint32_t channel, trace::wait_reason r) {
        return add(trace::kind::recv_blocked, thread, channel, 0, {}, static_cast<std::uint8_t>(r));
    }
    script& recv_done(std::uint32_t thread, std::uint32_t channel, std::uint64_t message) {
        return add(trace::kind::recv_done, thread, channel, message);
    }
    script& recv_failed(std::uint32_t thread, std::uint32_t channel, chan::status s) {
        return add(trace::kind::recv_failed, thread, channel, 0, {}, static_cast<std::uint8_t>(s));
    }
    // A whole send that does not wait, and a whole receive that does not wait.
    script& send(std::uint32_t thread, std::uint32_t channel, std::uint64_t message, const std::string& text) {
        return send_begin(thread, channel, text).send_done(thread, channel, message, text);
    }
    script& recv(std::uint32_t thread, std::uint32_t channel, std::uint64_t message) {
        return recv_begin(thread, channel).recv_done(thread, channel, message);
    }
    script& select_begin(std::uint32_t thread, std::int64_t arms, trace::select_wait w) {
        return add(trace::kind::select_begin, thread, 0, 0, {}, 0, arms, static_cast<std::int64_t>(w));
    }
    script& select_arm(std::uint32_t thread, std::int16_t arm, std::uint32_t channel, bool is_send,
                       std::string text = {}) {
        return add(trace::kind::select_arm, thread, channel, 0, std::move(text), is_send ? 1 : 0, 0, 0, arm);
    }
    script& select_blocked(std::uint32_t thread) {
        return add(trace::kind::select_blocked, thread, 0, 0, {}, static_cast<std::uint8_t>(trace::wait_reason::select));
    }
    script& select_done(std::uint32_t thread, std::int16_t arm, chan::status s) {
        return add(trace::kind::select_done, thread, 0, 0, {}, static_cast<std::uint8_t>(s), 0, 0, arm);
    }
    script& timer_fired(std::uint32_t thread, std::uint32_t channel, std::uint64_t message) {
        return add(trace::kind::timer_fired, thread, channel, message);
    }
    script& closed(std::uint32_t thread, std::uint32_t channel) { return add(trace::kind::closed, thread, channel); }
    script& disconnected(std::uint32_t thread, std::uint32_t channel, trace::disconnect_cause c) {
        return add(trace::kind::disconnected, thread, channel, 0, {}, static_cast<std::uint8_t>(c));
    }
    script& lagged(std::uint32_t thread, std::uint32_t channel, std::int64_t missed) {
        return add(trace::kind::lagged, thread, channel, 0, {}, 0, missed);
    }
    script& exited(std::uint32_t thread) {
        add(trace::kind::thread_exited, thread);
        rec.events.back().line = 0;
        return *this;
    }

    // The index the next event will have.
    std::size_t next() const { return rec.events.size(); }

private:
    std::int64_t next_time_ = 1000;
};

}  // namespace viz_test
