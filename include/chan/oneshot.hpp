// Oneshot channels: exactly one value, from one producer to one consumer.
//
//   auto [tx, rx] = chan::oneshot<int>("answer");
//   std::thread worker([tx = std::move(tx)]() mutable { std::move(tx).send(42); });
//   if (auto r = rx.recv()) use(*r);   // else: the worker ended without sending
//   worker.join();
//
// Both handles are move-only. Sending consumes the sender (`std::move(tx).send(v)`);
// if the receiver is already gone the send fails with `disconnected` and hands the
// value back. A receive waits for the value and reports `disconnected` if the sender
// was destroyed without sending (or the value was already taken). A oneshot receiver
// is a select arm like any other: `chan::on_recv(rx, f)`, `selector::recv(rx)`.
//
// The protocol is in detail/oneshot.hpp (semantics of tokio's oneshot).
#pragma once

#include <cassert>
#include <chrono>
#include <string>
#include <utility>

#include "detail/handle_api.hpp"
#include "detail/oneshot.hpp"
#include "detail/selectable.hpp"
#include "result.hpp"

namespace chan {

template <class T>
class oneshot_sender;
template <class T>
class oneshot_receiver;

template <class T>
std::pair<oneshot_sender<T>, oneshot_receiver<T>> oneshot(std::string name = {});

namespace detail {
template <class T>
struct oneshot_access;
}

// The sending side of a oneshot channel: used once, by `std::move(tx).send(value)`.
template <class T>
class oneshot_sender {
    static_assert(std::is_object_v<T> && !std::is_const_v<T> && !std::is_array_v<T>,
                  "chan: a message type must be a non-const object type");

public:
    using value_type = T;

    oneshot_sender() noexcept = default;
    oneshot_sender(oneshot_sender&& other) noexcept : c_(std::exchange(other.c_, nullptr)) {}
    oneshot_sender& operator=(oneshot_sender other) noexcept {
        std::swap(c_, other.c_);
        return *this;
    }
    ~oneshot_sender() {
        if (c_) c_->leave_sender();
    }

    // Sends the value and consumes the sender. Never waits. Fails with `disconnected`,
    // handing the value back, if the receiver is gone.
    send_result<T> send(T message, source_location loc = source_location::current()) && {
        assert(c_ && "chan: send on an empty oneshot_sender");
        const oneshot_sender consumed(std::move(*this));  // leaves when this call ends, whatever happens
        detail::oneshot_channel<T>& c = *consumed.c_;
        return detail::send_traced<T>(c.desc(), loc, detail::store(std::move(message)),
                                      [&](detail::stored<T>& s, auto p) { return c.send(s, p); });
    }

    // Whether the receiver is gone (a send would fail).
    bool is_closed() const noexcept { return c_->is_closed(); }

    explicit operator bool() const noexcept { return c_ != nullptr; }

private:
    friend std::pair<oneshot_sender<T>, oneshot_receiver<T>> oneshot<T>(std::string);
    explicit oneshot_sender(detail::oneshot_channel<T>* c) noexcept : c_(c) {}

    detail::oneshot_channel<T>* c_ = nullptr;
};

// The receiving side of a oneshot channel: recv() waits for the value; it says
// `disconnected` if the sender was destroyed without sending (or the value was taken).
// try_recv(), recv_for(d) and recv_until(t) as for every receiver.
template <class T>
class oneshot_receiver : public detail::receive_api<oneshot_receiver<T>, T> {
public:
    using value_type = T;

    oneshot_receiver() noexcept = default;
    oneshot_receiver(oneshot_receiver&& other) noexcept : c_(std::exchange(other.c_, nullptr)) {}
    oneshot_receiver& operator=(oneshot_receiver other) noexcept {
        std::swap(c_, other.c_);
        return *this;
    }
    ~oneshot_receiver() {
        if (c_) c_->leave_receiver();
    }

    explicit operator bool() const noexcept { return c_ != nullptr; }

private:
    friend std::pair<oneshot_sender<T>, oneshot_receiver<T>> oneshot<T>(std::string);
    friend class detail::receive_api<oneshot_receiver<T>, T>;
    friend struct detail::oneshot_access<T>;
    explicit oneshot_receiver(detail::oneshot_channel<T>* c) noexcept : c_(c) {}

    template <class Probe>
    recv_result<T> run(bool wait, const detail::deadline& d, Probe p) {
        assert(c_ && "chan: receive on an empty oneshot_receiver");
        return wait ? c_->recv(d, p) : c_->try_recv(p);
    }
    const detail::channel_desc& desc() const noexcept { return c_->desc(); }

    detail::oneshot_channel<T>* c_ = nullptr;
};

// A new oneshot channel; `name` labels it in traces.
template <class T>
std::pair<oneshot_sender<T>, oneshot_receiver<T>> oneshot(std::string name) {
    auto* c = new detail::oneshot_channel<T>(std::move(name));
    if (detail::tracing_on()) detail::trace_created(c->desc());
    return {oneshot_sender<T>(c), oneshot_receiver<T>(c)};
}

namespace detail {
template <class T>
struct oneshot_access : direct_access<oneshot_channel<T>> {
    static void* target(oneshot_receiver<T>& h) noexcept { return h.c_; }
};

template <class T>
struct selectable<oneshot_receiver<T>> : recv_selectable<T, oneshot_access<T>> {};
}  // namespace detail

}  // namespace chan
