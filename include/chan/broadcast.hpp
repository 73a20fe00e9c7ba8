// Broadcast channels: every receiver gets every message sent after it subscribed.
//
//   auto [tx, rx] = chan::broadcast<std::string>(16, "news");   // lossless
//   auto late = tx.subscribe();          // sees only what is sent from now on
//   auto twin = rx;                      // a second receiver at rx's position
//   tx.send("hello");                    // rx, twin and late each receive "hello"
//
// Two policies:
//   chan::broadcast<T>(capacity)          lossless (postage): a send waits while the
//                                         slowest receiver is `capacity` messages behind;
//   chan::lagging_broadcast<T>(capacity)  lagging (tokio): a send never waits; a receiver
//                                         that fell more than `capacity` behind gets
//                                         `status::lagged` with `r.missed()` messages
//                                         skipped, then continues from the oldest kept.
//
// Handles are values. Copying a sender adds a sender; copying a receiver adds a receiver
// at the same position (it will see exactly what the original will see); destroying a
// receiver lets go of what it has not read, which releases a waiting sender. Messages are
// stored once and each receiver gets a copy (so T must be copyable); a message is
// destroyed when the last receiver has read it. When the last sender is gone, or on
// close(), receivers get what is left for them, then `disconnected`. A send while no
// receiver exists fails with `disconnected` and hands the message back.
//
// Both sides are select arms: `chan::on_recv(rx, f)`, `chan::on_send(tx, v, f)`,
// `selector::recv(rx)`, `selector::send(tx)`. Protocol: detail/broadcast.hpp.
#pragma once

#include <cassert>
#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

#include "detail/broadcast.hpp"
#include "detail/handle_api.hpp"
#include "detail/recv_iterator.hpp"
#include "detail/selectable.hpp"
#include "result.hpp"

namespace chan {

template <class T>
class broadcast_sender;
template <class T>
class broadcast_receiver;

namespace detail {
struct broadcast_access;

template <class T>
std::pair<broadcast_sender<T>, broadcast_receiver<T>> make_broadcast(std::size_t capacity, bool lagging,
                                                                     std::string name);
}  // namespace detail

// The sending side of a broadcast channel.
template <class T>
class broadcast_sender {
    static_assert(std::is_object_v<T> && !std::is_const_v<T> && !std::is_array_v<T>,
                  "chan: a message type must be a non-const object type");
    static_assert(std::is_copy_constructible_v<T>, "chan: a broadcast message type must be copyable");

public:
    using value_type = T;

    broadcast_sender() noexcept = default;
    broadcast_sender(const broadcast_sender& other) noexcept : c_(other.c_) {
        if (c_) c_->add_sender();
    }
    broadcast_sender(broadcast_sender&& other) noexcept : c_(std::exchange(other.c_, nullptr)) {}
    broadcast_sender& operator=(broadcast_sender other) noexcept {
        std::swap(c_, other.c_);
        return *this;
    }
    ~broadcast_sender() {
        if (c_) c_->drop_sender();
    }

    // Sends to every receiver. Lossless: waits while the slowest receiver is `capacity`
    // messages behind. Fails (handing the message back) when the channel is closed or
    // has no receiver.
    send_result<T> send(T message, source_location loc = source_location::current()) {
        return run(std::move(message), mode::block, detail::deadline::never(), loc);
    }
    // Sends only if that needs no waiting; otherwise `full`.
    send_result<T> try_send(T message, source_location loc = source_location::current()) {
        return run(std::move(message), mode::no_wait, detail::deadline::never(), loc);
    }
    template <class Rep, class Period>
    send_result<T> send_for(T message, std::chrono::duration<Rep, Period> timeout,
                            source_location loc = source_location::current()) {
        return run(std::move(message), mode::block, detail::deadline::after(timeout), loc);
    }
    template <class Clock, class Duration>
    send_result<T> send_until(T message, std::chrono::time_point<Clock, Duration> deadline,
                              source_location loc = source_location::current()) {
        return run(std::move(message), mode::block, detail::deadline::until(deadline), loc);
    }

    // A new receiver that gets only the messages sent after this call.
    broadcast_receiver<T> subscribe() const {
        auto cur = std::make_unique<detail::broadcast_cursor<T>>(detail::broadcast_cursor<T>{c_, 0});
        cur->pos = c_->subscribe();
        return broadcast_receiver<T>(cur.release());
    }

    // Closes the channel now; true if this call did it.
    bool close() noexcept { return c_->close(trace::disconnect_cause::closed); }
    bool is_closed() const noexcept { return c_->is_closed(); }
    std::size_t capacity() const noexcept { return c_->capacity(); }
    std::size_t sender_count() const noexcept { return c_->sender_count(); }
    std::size_t receiver_count() const noexcept { return c_->receiver_count(); }

    explicit operator bool() const noexcept { return c_ != nullptr; }

private:
    friend struct detail::broadcast_access;
    template <class U>
    friend std::pair<broadcast_sender<U>, broadcast_receiver<U>> detail::make_broadcast(std::size_t, bool,
                                                                                       std::string);
    explicit broadcast_sender(detail::broadcast_channel<T>* c) noexcept : c_(c) {}

    enum class mode { block, no_wait };

    send_result<T> run(T&& message, mode m, const detail::deadline& d, source_location loc) {
        assert(c_ && "chan: send on an empty broadcast_sender");
        return detail::send_traced<T>(c_->desc(), loc, detail::store(std::move(message)),
                                      [&](detail::stored<T>& s, auto p) {
                                          return m == mode::block ? c_->send(s, d, p) : c_->try_send(s, p);
                                      });
    }

    detail::broadcast_channel<T>* c_ = nullptr;
};

// One receiving side of a broadcast channel. recv() receives the next message, waiting
// for it; it says `disconnected` once the channel is closed and drained, and (lagging
// policy) `lagged` with `missed()` when messages were overwritten before this receiver
// read them. try_recv(), recv_for(d), recv_until(t) as for every receiver. Range-for
// receives until the channel is closed and drained, stepping over lag reports.
template <class T>
class broadcast_receiver : public detail::receive_api<broadcast_receiver<T>, T> {
public:
    using value_type = T;

    broadcast_receiver() noexcept = default;
    // A new receiver at the same position: it will receive what `other` will receive.
    broadcast_receiver(const broadcast_receiver& other)
        : cur_(other.cur_ ? new detail::broadcast_cursor<T>{other.cur_->chan, other.cur_->chan->join_at(other.cur_->pos)}
                          : nullptr) {}
    broadcast_receiver(broadcast_receiver&& other) noexcept : cur_(std::exchange(other.cur_, nullptr)) {}
    broadcast_receiver& operator=(broadcast_receiver other) noexcept {
        std::swap(cur_, other.cur_);
        return *this;
    }
    ~broadcast_receiver() {
        if (!cur_) return;
        cur_->chan->leave(cur_->pos);
        delete cur_;
    }

    bool close() noexcept { return cur_->chan->close(trace::disconnect_cause::closed); }
    bool is_closed() const noexcept { return cur_->chan->is_closed(); }
    std::size_t capacity() const noexcept { return cur_->chan->capacity(); }
    std::size_t sender_count() const noexcept { return cur_->chan->sender_count(); }
    std::size_t receiver_count() const noexcept { return cur_->chan->receiver_count(); }

    explicit operator bool() const noexcept { return cur_ != nullptr; }

    // ---- iteration ----

private:
    // How a range receives: the next message, stepping over lag reports.
    struct next_message {
        broadcast_receiver* r = nullptr;
        source_location loc;
        recv_result<T> operator()() const {
            for (;;) {
                recv_result<T> m = r->recv(loc);
                if (m.status() != status::lagged) return m;
            }
        }
    };

public:
    using sentinel = detail::recv_sentinel;
    using iterator = detail::recv_iterator<T, next_message>;

    iterator begin(source_location loc = source_location::current()) { return iterator({this, loc}); }
    sentinel end() const noexcept { return {}; }

private:
    friend class broadcast_sender<T>;
    friend class detail::receive_api<broadcast_receiver<T>, T>;
    friend struct detail::broadcast_access;
    template <class U>
    friend std::pair<broadcast_sender<U>, broadcast_receiver<U>> detail::make_broadcast(std::size_t, bool,
                                                                                       std::string);
    explicit broadcast_receiver(detail::broadcast_cursor<T>* cur) noexcept : cur_(cur) {}

    template <class Probe>
    recv_result<T> run(bool wait, const detail::deadline& d, Probe p) {
        assert(cur_ && "chan: receive on an empty broadcast_receiver");
        return wait ? cur_->chan->recv(cur_->pos, d, p) : cur_->chan->receive(cur_->pos, p);
    }
    const detail::channel_desc& desc() const noexcept { return cur_->chan->desc(); }

    detail::broadcast_cursor<T>* cur_ = nullptr;
};

// A lossless broadcast channel with room for `capacity` (>= 1) messages: a send waits
// while the slowest receiver is `capacity` messages behind. `name` labels it in traces.
template <class T>
std::pair<broadcast_sender<T>, broadcast_receiver<T>> broadcast(std::size_t capacity, std::string name = {}) {
    return detail::make_broadcast<T>(capacity, false, std::move(name));
}

// A lagging broadcast channel keeping the last `capacity` (>= 1) messages: a send never
// waits; a receiver that falls further behind is told how many messages it missed.
template <class T>
std::pair<broadcast_sender<T>, broadcast_receiver<T>> lagging_broadcast(std::size_t capacity,
                                                                        std::string name = {}) {
    return detail::make_broadcast<T>(capacity, true, std::move(name));
}

namespace detail {

template <class T>
std::pair<broadcast_sender<T>, broadcast_receiver<T>> make_broadcast(std::size_t capacity, bool lagging,
                                                                     std::string name) {
    if (capacity == 0) throw std::invalid_argument("chan::broadcast: capacity must be at least 1");
    auto cur = std::make_unique<broadcast_cursor<T>>(broadcast_cursor<T>{nullptr, 0});
    cur->chan = new broadcast_channel<T>(capacity, lagging, std::move(name));
    if (tracing_on()) trace_created(cur->chan->desc());
    broadcast_sender<T> tx(cur->chan);
    return {std::move(tx), broadcast_receiver<T>(cur.release())};
}

struct broadcast_access {
    template <class T>
    static void* target(broadcast_receiver<T>& h) noexcept {
        return h.cur_;
    }
    template <class T>
    static void* target(broadcast_sender<T>& h) noexcept {
        return h.c_;
    }
};

template <class T>
struct broadcast_recv_access : direct_access<broadcast_cursor<T>> {
    static void* target(broadcast_receiver<T>& h) noexcept { return broadcast_access::target(h); }
};
template <class T>
struct broadcast_send_access : direct_access<broadcast_channel<T>> {
    static void* target(broadcast_sender<T>& h) noexcept { return broadcast_access::target(h); }
};

template <class T>
struct selectable<broadcast_receiver<T>> : recv_selectable<T, broadcast_recv_access<T>> {};
template <class T>
struct selectable<broadcast_sender<T>> : send_selectable<T, broadcast_send_access<T>> {};

}  // namespace detail

}  // namespace chan
