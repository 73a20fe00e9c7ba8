// How a message is shown in a trace: a short line of text.
//
// Specialise `chan::trace::formatter` for your own message types:
//
//   template <> struct chan::trace::formatter<order> {
//       static std::string format(const order& o) { return "order #" + std::to_string(o.id); }
//   };
//
// Without a specialisation: strings are shown quoted, anything with an `operator<<` is
// streamed, smart pointers and optionals show what they hold, and anything else shows
// its size ("<24 bytes>"). Any text longer than `max_length` bytes, a specialisation's
// too, is cut with "..." (at a UTF-8 character boundary).
#pragma once

#include <charconv>
#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace chan::trace {

inline constexpr std::size_t max_length = 40;

template <class T, class Enable = void>
struct formatter;

template <class T>
std::string format_value(const T& value);

}  // namespace chan::trace

namespace chan::detail {

template <class T>
concept streamable = requires(std::ostream& os, const T& v) { os << v; };

template <class T>
inline constexpr bool is_string_like =
    std::is_same_v<T, std::string> || std::is_same_v<T, std::string_view> || std::is_same_v<T, const char*>;

template <class T>
struct is_pointer_like : std::false_type {};
template <class U, class D>
struct is_pointer_like<std::unique_ptr<U, D>> : std::true_type {};
template <class U>
struct is_pointer_like<std::shared_ptr<U>> : std::true_type {};
template <class U>
struct is_pointer_like<std::optional<U>> : std::true_type {};

template <class T>
struct is_pair : std::false_type {};
template <class A, class B>
struct is_pair<std::pair<A, B>> : std::true_type {};

// Cuts `s` to at most `max_length` bytes, ending in "...", without splitting a UTF-8
// character.
inline std::string shorten_text(std::string s) {
    if (s.size() <= trace::max_length) return s;
    std::size_t end = trace::max_length - 3;
    while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;  // a continuation byte
    s.resize(end);
    s += "...";
    return s;
}

template <class T>
std::string default_format_value(const T& v) {
    if constexpr (is_string_like<T>) {
        return shorten_text("\"" + std::string(std::string_view(v)) + "\"");
    } else if constexpr (std::is_same_v<T, bool>) {
        return v ? "true" : "false";
    } else if constexpr (std::is_same_v<T, char>) {
        return std::string("'") + v + "'";
    } else if constexpr (std::is_integral_v<T>) {
        char digits[24];  // without a stream: formatting is most of what tracing an int costs
        return std::string(digits, std::to_chars(digits, digits + sizeof digits, v).ptr);
    } else if constexpr (is_pointer_like<T>::value) {
        return v ? trace::format_value(*v) : std::string("null");
    } else if constexpr (is_pair<T>::value) {
        return shorten_text("(" + trace::format_value(v.first) + ", " + trace::format_value(v.second) + ")");
    } else if constexpr (std::is_same_v<T, std::chrono::steady_clock::time_point>) {
        return "tick";
    } else if constexpr (std::is_empty_v<T>) {
        return "()";
    } else if constexpr (streamable<T>) {
        std::ostringstream os;
        os << v;
        return shorten_text(os.str());
    } else {
        return "<" + std::to_string(sizeof(T)) + " bytes>";
    }
}

}  // namespace chan::detail

namespace chan::trace {

// The customisation point; the primary template uses the defaults above.
template <class T, class Enable>
struct formatter {
    static std::string format(const T& value) { return detail::default_format_value(value); }
};

// The text recorded for `value` (never throws: a formatter that throws yields "?").
template <class T>
std::string format_value(const T& value) {
    try {
        return detail::shorten_text(formatter<T>::format(value));
    } catch (...) {
        return "?";
    }
}

}  // namespace chan::trace
