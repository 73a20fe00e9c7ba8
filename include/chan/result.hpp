// What channel operations return: whether they succeeded, why not, and the message.
//
//   auto r = rx.recv_for(100ms);
//   if (r) use(*r);                                 // got a message
//   else if (r.status() == chan::status::timeout)   // nothing arrived in time
//
//   auto s = tx.try_send(std::move(job));
//   if (!s) keep(std::move(s).value());             // full or disconnected: the job is handed back
//
// A failed send always hands the message back: nothing the program sent is lost
// silently.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "detail/storage.hpp"

namespace chan {

enum class status : std::uint8_t {
    ok,            // the operation completed
    full,          // try_send: no room, and waiting was not allowed
    empty,         // try_recv: no message, and waiting was not allowed
    timeout,       // the deadline passed first
    disconnected,  // the other side is gone or the channel was closed (and, for a receive, drained)
    lagged,        // lagging broadcast receive: messages were overwritten before this receiver read them
};

constexpr std::string_view to_string(status s) noexcept {
    switch (s) {
        case status::ok: return "ok";
        case status::full: return "full";
        case status::empty: return "empty";
        case status::timeout: return "timeout";
        case status::disconnected: return "disconnected";
        case status::lagged: return "lagged";
    }
    return "unknown";
}

inline std::ostream& operator<<(std::ostream& os, status s) { return os << to_string(s); }

// Thrown by `value()` on a result that holds no message.
class bad_result_access : public std::logic_error {
public:
    explicit bad_result_access(status s)
        : std::logic_error("chan: result holds no message (status: " + std::string(to_string(s)) + ")") {}
};

namespace detail {
template <class T>
class message_result {
public:
    explicit message_result(chan::status s) noexcept : status_(s) {}
    message_result(chan::status s, stored<T>&& v) noexcept : value_(std::move(v)), status_(s) {}

    chan::status status() const noexcept { return status_; }
    bool has_value() const noexcept { return value_.has_value(); }

    T& value() & { return checked(); }
    const T& value() const& { return const_cast<message_result*>(this)->checked(); }
    T&& value() && { return std::move(checked()); }

    template <class U>
    T value_or(U&& fallback) && {
        return has_value() ? std::move(unbox<T>(*value_)) : static_cast<T>(std::forward<U>(fallback));
    }

    T& operator*() & noexcept { return unbox<T>(*value_); }
    const T& operator*() const& noexcept { return unbox<T>(*value_); }
    T&& operator*() && noexcept { return std::move(unbox<T>(*value_)); }
    T* operator->() noexcept { return &unbox<T>(*value_); }
    const T* operator->() const noexcept { return &unbox<T>(*value_); }

    friend bool operator==(const message_result& r, chan::status s) noexcept { return r.status_ == s; }

    // The stored form, for the library's own hand-offs (keeps boxed messages boxed).
    stored<T>&& release_stored() && noexcept { return std::move(*value_); }

private:
    T& checked() {
        if (!value_) throw bad_result_access(status_);
        return unbox<T>(*value_);
    }

    std::optional<stored<T>> value_;
    chan::status status_;
};
}  // namespace detail

// The outcome of a receive: a message (status ok), or why there is none.
template <class T>
class recv_result : public detail::message_result<T> {
public:
    using detail::message_result<T>::message_result;
    explicit operator bool() const noexcept { return this->has_value(); }

    // With status `lagged`: how many messages the receiver missed (0 otherwise).
    std::uint64_t missed() const noexcept { return missed_; }

    static recv_result lagged(std::uint64_t missed) noexcept {
        recv_result r(status::lagged);
        r.missed_ = missed;
        return r;
    }

private:
    std::uint64_t missed_ = 0;
};

// The outcome of a send: ok, or why not together with the message handed back.
template <class T>
class send_result : public detail::message_result<T> {
public:
    using detail::message_result<T>::message_result;
    bool ok() const noexcept { return this->status() == status::ok; }
    explicit operator bool() const noexcept { return ok(); }
};

namespace detail {
// What every send returns: ok, or its failure with the message handed back. (`stored<T>`
// is an alias that may be T itself, so callers name T.)
template <class T>
send_result<T> send_outcome(status st, stored<T>& message) noexcept {
    return st == status::ok ? send_result<T>(st) : send_result<T>(st, std::move(message));
}
}  // namespace detail

}  // namespace chan
