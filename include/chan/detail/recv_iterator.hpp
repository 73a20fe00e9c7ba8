// The input iterator behind every range-for over a receiving handle.
//
// Each step receives through `Next`, a small function object that knows the handle and
// how this range receives (waiting or not, stepping over lag reports): it returns the
// next message, or a result without one, which ends the range. The message received is
// kept in the iterator until the next step, so `*it` may be moved from.
#pragma once

#include <cstddef>
#include <iterator>
#include <optional>
#include <utility>

#include "../result.hpp"

namespace chan::detail {

// Where every receive range ends.
struct recv_sentinel {};

template <class T, class Next>
class recv_iterator {
public:
    using iterator_category = std::input_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using pointer = T*;
    using reference = T&;

    recv_iterator() = default;
    explicit recv_iterator(Next next) : next_(std::move(next)) { advance(); }

    T& operator*() const noexcept { return **current_; }
    T* operator->() const noexcept { return &**current_; }
    recv_iterator& operator++() {
        advance();
        return *this;
    }
    void operator++(int) { advance(); }
    friend bool operator==(const recv_iterator& it, recv_sentinel) noexcept { return !it.current_; }

private:
    void advance() {
        current_.reset();
        recv_result<T> r = next_();
        if (r) current_.emplace(std::move(r));
    }

    Next next_{};
    mutable std::optional<recv_result<T>> current_;
};

}  // namespace chan::detail
