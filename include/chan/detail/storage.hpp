// How a message is held while it is inside a channel.
//
// The flavors' lock-free protocols claim a slot first and fill it second; a move
// constructor that threw in between would leave a claimed slot that is never filled,
// and every receiver behind it would wait forever. So a channel only ever moves
// messages with moves that cannot throw: a type whose move may throw is boxed on the
// heap *before* the channel is touched, and only the box (a pointer) moves inside.
// The box also travels on in the receive result, so receiving never moves the user's
// type either: an exception from a message's copy or move can only happen outside the
// channel, and nothing already in it is lost.
#pragma once

#include <memory>
#include <new>
#include <type_traits>
#include <utility>

namespace chan::detail {

template <class T>
inline constexpr bool is_boxed = !std::is_nothrow_move_constructible_v<T>;

template <class T>
using stored = std::conditional_t<is_boxed<T>, std::unique_ptr<T>, T>;

template <class T>
stored<T> store(T&& value) {
    if constexpr (is_boxed<T>) {
        return std::make_unique<T>(std::move(value));
    } else {
        return std::move(value);
    }
}

template <class T>
T& unbox(stored<T>& s) noexcept {
    if constexpr (is_boxed<T>) {
        return *s;
    } else {
        return s;
    }
}

template <class T>
const T& unbox(const stored<T>& s) noexcept {
    if constexpr (is_boxed<T>) {
        return *s;
    } else {
        return s;
    }
}

// Raw, uninitialised room for one stored message; whoever owns the protocol decides
// when it holds a live object.
template <class T>
class message_cell {
public:
    void put(stored<T>&& v) noexcept { ::new (static_cast<void*>(bytes_)) stored<T>(std::move(v)); }
    stored<T> take() noexcept {
        stored<T>* p = ptr();
        stored<T> v(std::move(*p));
        p->~stored<T>();
        return v;
    }
    void destroy() noexcept { ptr()->~stored<T>(); }
    const stored<T>& peek() const noexcept { return *std::launder(reinterpret_cast<const stored<T>*>(bytes_)); }

private:
    stored<T>* ptr() noexcept { return std::launder(reinterpret_cast<stored<T>*>(bytes_)); }
    alignas(stored<T>) unsigned char bytes_[sizeof(stored<T>)];
};

static_assert(std::is_nothrow_move_constructible_v<stored<int>>);

}  // namespace chan::detail
