// Random but plausible traces for the model's property tests: threads send, receive,
// select, block and get woken, close channels, drop the last receiver, receive ticks,
// lag behind a broadcast and exit, on bounded, unbounded, rendezvous, lagging
// broadcast and tick channels. Messages keep their channel's order, except that two
// concurrent sends are sometimes recorded in the opposite order of their numbers (as
// the library may).
#pragma once

#include <deque>
#include <random>
#include <string>
#include <vector>

#include "script.hpp"

namespace viz_test {

class random_trace {
public:
    explicit random_trace(unsigned seed) : rng_(seed) {}

    trace::recording make(std::size_t events) {
        const std::uint32_t threads = pick(2, 6);
        const std::uint32_t channels = pick(1, 4);
        for (std::uint32_t t = 1; t <= threads; ++t) {
            s_.named(t, "t" + std::to_string(t));
            threads_.push_back({});
        }
        for (std::uint32_t c = 1; c <= channels; ++c) create(c);
        while (s_.next() < events) step();
        return s_.rec;
    }

private:
    enum class wait { none, send, recv };
    struct thread_sim {
        bool alive = true;
        wait waiting = wait::none;
        std::uint32_t channel = 0;
        std::string text;
    };
    struct channel_sim {
        trace::flavor flavor = trace::flavor::bounded;
        std::size_t cap = 1;
        std::uint64_t next = 0;
        std::deque<std::uint64_t> held;
        bool open = true;
    };

    std::uint32_t pick(std::uint32_t lo, std::uint32_t hi) { return std::uniform_int_distribution<std::uint32_t>(lo, hi)(rng_); }
    bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }

    void create(std::uint32_t c) {
        static constexpr trace::flavor kinds[] = {trace::flavor::bounded, trace::flavor::unbounded,
                                                  trace::flavor::rendezvous, trace::flavor::broadcast_lagging,
                                                  trace::flavor::timer_tick};
        channel_sim ch;
        ch.flavor = kinds[pick(0, 4)];
        ch.cap = ch.flavor == trace::flavor::unbounded ? 1000000 : ch.flavor == trace::flavor::rendezvous ? 0 : pick(1, 3);
        const auto capacity = ch.flavor == trace::flavor::unbounded ? -1 : static_cast<std::int64_t>(ch.cap);
        s_.created(1, c, ch.flavor, capacity, "c" + std::to_string(c));
        channels_.push_back(ch);
    }

    channel_sim& chan_of(std::uint32_t c) { return channels_[c - 1]; }

    void step() {
        const std::uint32_t t = pick(1, static_cast<std::uint32_t>(threads_.size()));
        thread_sim& th = threads_[t - 1];
        if (!th.alive) return;
        if (th.waiting != wait::none) {
            if (chance(0.1)) time_out(t);
            return;
        }
        const std::uint32_t c = pick(1, static_cast<std::uint32_t>(channels_.size()));
        const double r = std::uniform_real_distribution<double>(0, 1)(rng_);
        const trace::flavor f = chan_of(c).flavor;
        if (f == trace::flavor::timer_tick) {
            if (r < 0.5) tick(t, c);
        } else if (r < 0.35) {
            send(t, c);
        } else if (r < 0.45 && f != trace::flavor::rendezvous && f != trace::flavor::broadcast_lagging) {
            two_sends(t, c);
        } else if (r < 0.75) {
            recv(t, c);
        } else if (r < 0.82) {
            select(t);
        } else if (r < 0.86) {
            s_.handles(t, c, trace::handle_change::sender_added, pick(1, 3), pick(1, 3));
        } else if (r < 0.865 && chan_of(c).open) {
            s_.closed(t, c);
            disconnect(t, c, trace::disconnect_cause::closed);
        } else if (r < 0.87 && chan_of(c).open) {
            s_.handles(t, c, trace::handle_change::receiver_dropped, 1, 0);
            disconnect(t, c, trace::disconnect_cause::receivers_gone);
        } else if (r < 0.88 && channels_.size() < 10) {
            create(static_cast<std::uint32_t>(channels_.size()) + 1);  // made by thread 1, used by all
        } else if (r < 0.92 && f == trace::flavor::broadcast_lagging) {
            s_.recv_begin(t, c).lagged(t, c, pick(1, 3)).recv_failed(t, c, chan::status::lagged);
        } else if (r < 0.93 && alive_count() > 2) {
            th.alive = false;
            s_.exited(t);
        } else {
            s_.recv_begin(t, c).recv_failed(t, c, chan::status::empty);
        }
    }

    std::size_t alive_count() const {
        std::size_t n = 0;
        for (const thread_sim& t : threads_) n += t.alive ? 1 : 0;
        return n;
    }

    // A thread waiting on c for `w`, if any.
    std::uint32_t waiter_on(std::uint32_t c, wait w) const {
        for (std::uint32_t k = 0; k < threads_.size(); ++k)
            if (threads_[k].waiting == w && threads_[k].channel == c) return k + 1;
        return 0;
    }

    void send(std::uint32_t t, std::uint32_t c) {
        channel_sim& ch = chan_of(c);
        const std::string text = std::to_string(pick(0, 999));
        s_.send_begin(t, c, text);
        if (!ch.open) {
            s_.send_failed(t, c, chan::status::disconnected);
            return;
        }
        const std::uint32_t receiver = waiter_on(c, wait::recv);
        const bool room = ch.flavor == trace::flavor::broadcast_lagging || ch.held.size() < ch.cap;
        if (!room && !(ch.flavor == trace::flavor::rendezvous && receiver)) {
            s_.send_blocked(t, c, ch.flavor == trace::flavor::rendezvous ? trace::wait_reason::no_receiver
                                                                          : trace::wait_reason::full);
            threads_[t - 1] = {true, wait::send, c, text};
            return;
        }
        const std::uint64_t id = ch.next++;
        s_.send_done(t, c, id, text);
        if (ch.flavor == trace::flavor::broadcast_lagging) {
            if (receiver) deliver(receiver, c, id);
            return;
        }
        ch.held.push_back(id);
        if (receiver) take(receiver, c);
    }

    // Two senders claim consecutive numbers; the later number is recorded first.
    void two_sends(std::uint32_t t, std::uint32_t c) {
        channel_sim& ch = chan_of(c);
        const std::uint32_t u = t % static_cast<std::uint32_t>(threads_.size()) + 1;
        if (!ch.open || ch.held.size() + 2 > ch.cap || !threads_[u - 1].alive || threads_[u - 1].waiting != wait::none)
            return;
        const std::uint64_t a = ch.next++, b = ch.next++;
        s_.send_begin(t, c, "a").send_begin(u, c, "b").send_done(u, c, b, "b").send_done(t, c, a, "a");
        ch.held.push_back(a);
        ch.held.push_back(b);
    }

    void recv(std::uint32_t t, std::uint32_t c) {
        channel_sim& ch = chan_of(c);
        s_.recv_begin(t, c);
        if (!ch.held.empty()) {
            take(t, c, false);
            return;
        }
        if (const std::uint32_t sender = waiter_on(c, wait::send); sender && ch.flavor == trace::flavor::rendezvous) {
            const std::uint64_t id = ch.next++;
            s_.send_done(sender, c, id, threads_[sender - 1].text);
            threads_[sender - 1].waiting = wait::none;
            s_.recv_done(t, c, id);
            return;
        }
        if (!ch.open) {
            s_.recv_failed(t, c, chan::status::disconnected);
            return;
        }
        s_.recv_blocked(t, c, ch.flavor == trace::flavor::rendezvous ? trace::wait_reason::no_sender : trace::wait_reason::empty);
        threads_[t - 1] = {true, wait::recv, c, {}};
    }

    // Thread t takes the oldest held message of c; a sender waiting for room gets in.
    void take(std::uint32_t t, std::uint32_t c, bool was_waiting = true) {
        channel_sim& ch = chan_of(c);
        const std::uint64_t id = ch.held.front();
        ch.held.pop_front();
        s_.recv_done(t, c, id);
        if (was_waiting) threads_[t - 1].waiting = wait::none;
        if (const std::uint32_t sender = waiter_on(c, wait::send)) {
            const std::uint64_t next = ch.next++;
            s_.send_done(sender, c, next, threads_[sender - 1].text);
            threads_[sender - 1].waiting = wait::none;
            ch.held.push_back(next);
        }
    }

    void deliver(std::uint32_t t, std::uint32_t c, std::uint64_t id) {
        s_.recv_done(t, c, id);
        threads_[t - 1].waiting = wait::none;
    }

    void select(std::uint32_t t) {
        const std::uint32_t a = pick(1, static_cast<std::uint32_t>(channels_.size()));
        const std::uint32_t b = pick(1, static_cast<std::uint32_t>(channels_.size()));
        s_.select_begin(t, 2, trace::select_wait::timeout).select_arm(t, 0, a, false).select_arm(t, 1, b, true, "s");
        channel_sim& ca = chan_of(a);
        if (!ca.held.empty() && ca.flavor != trace::flavor::broadcast_lagging) {
            const std::uint64_t id = ca.held.front();
            ca.held.pop_front();
            s_.recv_done(t, a, id).select_done(t, 0, chan::status::ok);
            return;
        }
        channel_sim& cb = chan_of(b);
        const bool buffered = cb.flavor == trace::flavor::bounded || cb.flavor == trace::flavor::unbounded;
        if (buffered && cb.open && cb.held.size() < cb.cap && chance(0.7)) {
            if (chance(0.5)) s_.select_blocked(t);
            s_.send_done(t, b, cb.next, "s").select_done(t, 1, chan::status::ok);
            cb.held.push_back(cb.next++);
            return;
        }
        s_.select_blocked(t);
        if (chance(0.5)) s_.select_blocked(t);  // woken, nothing ready, waits again
        s_.select_done(t, -1, chan::status::timeout);
    }

    void tick(std::uint32_t t, std::uint32_t c) {
        channel_sim& ch = chan_of(c);
        s_.recv_begin(t, c);
        if (chance(0.5)) s_.recv_blocked(t, c, trace::wait_reason::timer);
        s_.timer_fired(t, c, ch.next).recv_done(t, c, ch.next);
        ch.next += pick(1, 3);  // slow receivers miss ticks
    }

    void time_out(std::uint32_t t) {
        thread_sim& th = threads_[t - 1];
        if (th.waiting == wait::send) s_.send_failed(t, th.channel, chan::status::timeout);
        if (th.waiting == wait::recv) s_.recv_failed(t, th.channel, chan::status::timeout);
        th.waiting = wait::none;
    }

    void disconnect(std::uint32_t t, std::uint32_t c, trace::disconnect_cause why) {
        channel_sim& ch = chan_of(c);
        ch.open = false;
        s_.disconnected(t, c, why);
        if (why == trace::disconnect_cause::receivers_gone) ch.held.clear();
        for (std::uint32_t k = 1; k <= threads_.size(); ++k) {
            thread_sim& th = threads_[k - 1];
            if (th.channel != c || th.waiting == wait::none) continue;
            if (th.waiting == wait::send) s_.send_failed(k, c, chan::status::disconnected);
            if (th.waiting == wait::recv && ch.held.empty()) s_.recv_failed(k, c, chan::status::disconnected);
            if (th.waiting == wait::recv && !ch.held.empty()) take(k, c);
            th.waiting = wait::none;
        }
    }

    std::mt19937 rng_;
    script s_;
    std::vector<thread_sim> threads_;
    std::vector<channel_sim> channels_;
};

}  // namespace viz_test
