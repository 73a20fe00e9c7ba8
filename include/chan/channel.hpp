// Multi-producer multi-consumer channels: bounded, rendezvous and unbounded.
//
//   auto [tx, rx] = chan::bounded<int>(8);       // room for 8 messages
//   std::thread producer([tx = std::move(tx)] {  // the channel disconnects when the
//       for (int i = 0; i < 100; ++i)            // last sender is destroyed
//           tx.send(i);
//   });
//   for (int v : rx) std::cout << v << '\n';     // ends when disconnected and drained
//   producer.join();
//
// Handles are values. Copying a sender or receiver adds a handle to the same channel;
// moving transfers it; destroying drops it. Operations are const (they change the
// channel, not the handle), so a lambda that captured a handle by copy can use it.
// When the last sender is gone, receivers still get every buffered message, then
// `status::disconnected`, at once and forever.
// When the last receiver is gone, every send fails at once (handing the message back)
// and buffered messages are destroyed. `close()` on either side disconnects on demand:
// sends fail, receivers drain what is buffered, everyone waiting wakes up.
//
// Semantics follow crossbeam-channel (Rust) and Go. A moved-from or default-constructed
// handle is empty: it may only be assigned to or destroyed.
#pragma once

#include <cassert>
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>

#include "detail/core.hpp"
#include "detail/recv_iterator.hpp"
#include "detail/selectable.hpp"
#include "result.hpp"
#include "trace/format.hpp"
#include "trace/probe.hpp"

namespace chan {

template <class T>
class sender;
template <class T>
class receiver;

namespace detail {
struct access;  // lets select reach a handle's channel

// What senders and receivers have in common: value semantics over a counted handle,
// and the questions either side may ask about the channel.
template <class T, bool IsSender>
class handle_base {
    static_assert(std::is_object_v<T> && !std::is_const_v<T> && !std::is_array_v<T>,
                  "chan: a message type must be a non-const object type");

public:
    using value_type = T;

    handle_base() noexcept = default;
    handle_base(const handle_base& other) noexcept : c_(other.c_) {
        if (c_) add_handle(*c_, IsSender);
    }
    handle_base(handle_base&& other) noexcept : c_(std::exchange(other.c_, nullptr)) {}
    handle_base& operator=(handle_base other) noexcept {
        std::swap(c_, other.c_);
        return *this;
    }
    ~handle_base() {
        if (!c_) return;
        if constexpr (IsSender) {
            drop_sender(c_);
        } else {
            drop_receiver(c_);
        }
    }

    // Disconnects the channel now; true if this call did it.
    bool close() const noexcept { return close_channel(*c_); }

    std::size_t size() const noexcept { return visit([](auto& f) { return f.size(); }); }
    bool empty() const noexcept { return visit([](auto& f) { return f.empty(); }); }
    bool full() const noexcept { return visit([](auto& f) { return f.full(); }); }
    // The number of slots; absent for an unbounded channel (0 for a rendezvous one).
    std::optional<std::size_t> capacity() const noexcept {
        if (c_->desc.kind == trace::flavor::unbounded) return std::nullopt;
        return static_cast<std::size_t>(c_->desc.capacity);
    }
    bool is_disconnected() const noexcept { return visit([](auto& f) { return f.is_disconnected(); }); }
    std::size_t sender_count() const noexcept { return c_->senders.load(std::memory_order_relaxed); }
    std::size_t receiver_count() const noexcept { return c_->receivers.load(std::memory_order_relaxed); }

    template <bool S>
    bool same_channel(const handle_base<T, S>& other) const noexcept {
        return c_ == other.c_;
    }

    explicit operator bool() const noexcept { return c_ != nullptr; }

protected:
    template <class, bool>
    friend class handle_base;
    friend struct access;

    explicit handle_base(core_base<T>* c) noexcept : c_(c) {}

    template <class Fn>
    decltype(auto) visit(Fn&& fn) const {
        assert(c_ && "chan: operation on an empty handle");
        if constexpr (IsSender) {
            return visit_send_side(*c_, std::forward<Fn>(fn));
        } else {
            return visit_recv_side(*c_, std::forward<Fn>(fn));
        }
    }

    core_base<T>* c_ = nullptr;
};
}  // namespace detail

// The sending side of a channel.
template <class T>
class sender : public detail::handle_base<T, true> {
    using base = detail::handle_base<T, true>;

public:
    sender() noexcept = default;

    // Sends, waiting while the channel is full (or, for a rendezvous channel, until a
    // receiver takes the message). Fails only when disconnected.
    send_result<T> send(T message, source_location loc = source_location::current()) const {
        return run(std::move(message), mode::block, detail::deadline::never(), loc);
    }

    // Sends only if that can be done without waiting; otherwise `full` (or `disconnected`).
    send_result<T> try_send(T message, source_location loc = source_location::current()) const {
        return run(std::move(message), mode::no_wait, detail::deadline::never(), loc);
    }

    // Sends, waiting at most `timeout`; then `timeout`.
    template <class Rep, class Period>
    send_result<T> send_for(T message, std::chrono::duration<Rep, Period> timeout,
                            source_location loc = source_location::current()) const {
        return run(std::move(message), mode::block, detail::deadline::after(timeout), loc);
    }

    // Sends, waiting until `deadline` at the latest; then `timeout`.
    template <class Clock, class Duration>
    send_result<T> send_until(T message, std::chrono::time_point<Clock, Duration> deadline,
                              source_location loc = source_location::current()) const {
        return run(std::move(message), mode::block, detail::deadline::until(deadline), loc);
    }

private:
    friend struct detail::access;
    using base::base;
    using base::c_;
    using base::visit;

    enum class mode { block, no_wait };

    send_result<T> run(T&& message, mode m, const detail::deadline& d, source_location loc) const {
        detail::stored<T> s = detail::store(std::move(message));
        if (detail::tracing_on()) [[unlikely]]
            return run_traced(s, m, d, loc);
        const status st = visit([&](auto& f) {
            return m == mode::block ? f.send(s, d, detail::no_probe{}) : f.try_send(s, detail::no_probe{});
        });
        return detail::send_outcome<T>(st, s);
    }

    // A cold path: the untraced path (run) stays small enough to inline into send and
    // recv, so tracing compiled in but idle costs one load and a branch.
    CHAN_COLD_PATH send_result<T> run_traced(detail::stored<T>& s, mode m, const detail::deadline& d,
                                                           source_location loc) const {
        detail::probe p(c_->desc, detail::probe::side::send, loc);
        p.begin(trace::format_value(detail::unbox<T>(s)));
        const status st = visit([&](auto& f) { return m == mode::block ? f.send(s, d, &p) : f.try_send(s, &p); });
        if (st != status::ok) p.failed(st);
        return detail::send_outcome<T>(st, s);
    }
};

// The receiving side of a channel. Range-for over it receives until the channel is
// disconnected and drained.
template <class T>
class receiver : public detail::handle_base<T, false> {
    using base = detail::handle_base<T, false>;

public:
    receiver() noexcept = default;

    // Receives, waiting until a message arrives; `disconnected` once drained.
    recv_result<T> recv(source_location loc = source_location::current()) const {
        return run(mode::block, detail::deadline::never(), loc);
    }

    // Receives only if a message is there now; otherwise `empty` (or `disconnected`).
    recv_result<T> try_recv(source_location loc = source_location::current()) const {
        return run(mode::no_wait, detail::deadline::never(), loc);
    }

    template <class Rep, class Period>
    recv_result<T> recv_for(std::chrono::duration<Rep, Period> timeout,
                            source_location loc = source_location::current()) const {
        return run(mode::block, detail::deadline::after(timeout), loc);
    }

    template <class Clock, class Duration>
    recv_result<T> recv_until(std::chrono::time_point<Clock, Duration> deadline,
                              source_location loc = source_location::current()) const {
        return run(mode::block, detail::deadline::until(deadline), loc);
    }

    // ---- iteration ----

private:
    // How a range receives: waiting for each message, or taking only what is there now.
    template <bool Wait>
    struct next_message {
        const receiver* r = nullptr;
        source_location loc;
        recv_result<T> operator()() const { return Wait ? r->recv(loc) : r->try_recv(loc); }
    };

public:
    using sentinel = detail::recv_sentinel;
    using iterator = detail::recv_iterator<T, next_message<true>>;

    // The location default is the range-for statement, which traces then point at.
    iterator begin(source_location loc = source_location::current()) const { return iterator({this, loc}); }
    sentinel end() const noexcept { return {}; }

    // The messages there now, without waiting: `for (auto& m : rx.drain())`.
    class drain_range {
    public:
        drain_range(const receiver& r, source_location loc) : r_(r), loc_(loc) {}
        detail::recv_iterator<T, next_message<false>> begin() const {
            return detail::recv_iterator<T, next_message<false>>({&r_, loc_});
        }
        sentinel end() const noexcept { return {}; }

    private:
        const receiver& r_;
        source_location loc_;
    };
    drain_range drain(source_location loc = source_location::current()) const { return drain_range(*this, loc); }

private:
    friend struct detail::access;
    using base::base;
    using base::c_;
    using base::visit;

    enum class mode { block, no_wait };

    recv_result<T> run(mode m, const detail::deadline& d, source_location loc) const {
        if (detail::tracing_on()) [[unlikely]]
            return run_traced(m, d, loc);
        return visit([&](auto& f) {
            return m == mode::block ? f.recv(d, detail::no_probe{}) : f.try_recv(detail::no_probe{});
        });
    }

    CHAN_COLD_PATH recv_result<T> run_traced(mode m, const detail::deadline& d, source_location loc) const {
        detail::probe p(c_->desc, detail::probe::side::recv, loc);
        p.begin();
        recv_result<T> r = visit([&](auto& f) { return m == mode::block ? f.recv(d, &p) : f.try_recv(&p); });
        if (!r) p.failed(r.status());
        return r;
    }
};

namespace detail {
struct access {
    template <class T, bool S>
    static core_base<T>* core_of(const handle_base<T, S>& h) noexcept {
        return h.c_;
    }
    template <class T>
    static sender<T> make_sender(core_base<T>* c) noexcept {
        return sender<T>(c);
    }
    template <class T>
    static receiver<T> make_receiver(core_base<T>* c) noexcept {
        return receiver<T>(c);
    }
};

// ---- senders and receivers as select arms (selectable.hpp) ----

// Channels' receivers and senders reach their flavor through the control block. Their
// `visit` is a hot path (config.hpp), like visit_send_side / visit_recv_side and the
// arms' `complete`: glue between a select and a flavor.
template <class T>
struct receiver_access {
    static void* target(receiver<T>& h) noexcept { return access::core_of(h); }
    template <class Fn>
    CHAN_HOT_PATH static decltype(auto) visit(void* c, Fn&& fn) {
        return visit_recv_side(*static_cast<core_base<T>*>(c), std::forward<Fn>(fn));
    }
    static const channel_desc& describe(void* c) noexcept { return static_cast<core_base<T>*>(c)->desc; }
};

template <class T>
struct sender_access {
    static void* target(sender<T>& h) noexcept { return access::core_of(h); }
    template <class Fn>
    CHAN_HOT_PATH static decltype(auto) visit(void* c, Fn&& fn) {
        return visit_send_side(*static_cast<core_base<T>*>(c), std::forward<Fn>(fn));
    }
    static const channel_desc& describe(void* c) noexcept { return static_cast<core_base<T>*>(c)->desc; }
};

template <class T>
struct selectable<receiver<T>> : recv_selectable<T, receiver_access<T>> {};
template <class T>
struct selectable<sender<T>> : send_selectable<T, sender_access<T>> {};
}  // namespace detail

// A channel with room for `capacity` messages: a send waits while it is full.
// `bounded<T>(0)` is a rendezvous channel: a send waits until a receiver takes the
// message. `name` labels the channel in traces.
template <class T>
std::pair<sender<T>, receiver<T>> bounded(std::size_t capacity, std::string name = {}) {
    detail::core_base<T>* c =
        capacity == 0
            ? detail::make_core<T, detail::zero_channel<T>>(trace::flavor::rendezvous, 0, std::move(name), 1)
            : detail::make_core<T, detail::array_channel<T>>(trace::flavor::bounded,
                                                             static_cast<std::int64_t>(capacity), std::move(name), 1,
                                                             capacity);
    return {detail::access::make_sender(c), detail::access::make_receiver(c)};
}

// A channel without a limit: a send never waits. Memory is given back as messages are
// received.
template <class T>
std::pair<sender<T>, receiver<T>> unbounded(std::string name = {}) {
    detail::core_base<T>* c =
        detail::make_core<T, detail::list_channel<T>>(trace::flavor::unbounded, -1, std::move(name), 1);
    return {detail::access::make_sender(c), detail::access::make_receiver(c)};
}

}  // namespace chan
