// Small platform facts shared by every part of the library.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <version>
#if defined(__cpp_lib_source_location)
#include <source_location>
#endif

namespace chan {

// The clock every timeout, deadline and timer of the library is measured on.
using clock = std::chrono::steady_clock;
// A point in time on that clock; timers (`after`, `at`, `tick`) deliver these.
using instant = clock::time_point;

// The place in the program that called a library function, taken by every operation as
// a default argument (`source_location::current()`, evaluated at the caller).
//
// Where the standard library has `std::source_location` (g++), this is one pointer to
// a constant the compiler lays out once per call site: setting it up on every call,
// traced or not, is one instruction. Emscripten 3.1.6's libc++ lacks it, so there the
// file and line are spelled with the builtins that both g++ and clang evaluate at the
// call site when used as default arguments.
#if defined(__cpp_lib_source_location)
class source_location {
public:
    constexpr source_location() noexcept = default;  // nowhere: file "", line 0
    const char* file() const noexcept { return where_.file_name(); }
    unsigned line() const noexcept { return static_cast<unsigned>(where_.line()); }

    static constexpr source_location current(std::source_location w = std::source_location::current()) noexcept {
        return source_location(w);
    }

private:
    constexpr explicit source_location(std::source_location w) noexcept : where_(w) {}
    std::source_location where_;
};
#else
class source_location {
public:
    constexpr source_location() noexcept = default;  // nowhere: file "", line 0
    const char* file() const noexcept { return file_; }
    unsigned line() const noexcept { return line_; }

    static constexpr source_location current(const char* f = __builtin_FILE(), unsigned l = __builtin_LINE()) noexcept {
        return source_location(f, l);
    }

private:
    constexpr source_location(const char* f, unsigned l) noexcept : file_(f), line_(l) {}
    const char* file_ = "";
    unsigned line_ = 0;
    // Fills what would be padding: every operation passes its location by value to its
    // traced path, and with undefined bytes beside the line g++ merges the line into a
    // register on every call, traced or not. Always 0.
    [[maybe_unused]] unsigned filler_ = 0;
};
#endif

}  // namespace chan

namespace chan::detail {

// Inlining policy, by name. The handles' untraced operations are small chains of calls
// (handle -> dispatch -> flavor claim -> complete), and every link must be inlined for an
// untraced operation to cost what a build without tracing costs. Tracing compiled in
// adds callers (the traced instantiations) that g++ does not know to be cold, and its
// size heuristics spend one inlining budget per file on them too, so which link loses
// depends on the program: the only choice that holds for every program is to force the
// hot links and to push the traced ones out of line.
//   CHAN_HOT_PATH    always inlined: a link of an untraced operation's common path (the
//                    dispatch to a flavor, the flavors' claims and completions, the
//                    spin before parking, the select arms' completion)
//   CHAN_HOT_LAMBDA  the same for a lambda's call operator (the GNU spelling is the only
//                    one that applies there; put it after the parameter list)
//   CHAN_COLD_PATH   never inlined and cold: a traced operation's path, entered only
//                    while a recording is on
//   CHAN_SLOW_PATH   never inlined: the rare branch of a hot function (a block boundary,
//                    a lost race), kept out so that the common path saves no registers
#if defined(__GNUC__) || defined(__clang__)
#define CHAN_HOT_PATH [[gnu::always_inline]]
#define CHAN_HOT_LAMBDA __attribute__((always_inline))
#define CHAN_COLD_PATH [[gnu::noinline, gnu::cold]]
#define CHAN_SLOW_PATH [[gnu::noinline]]
#else
#define CHAN_HOT_PATH
#define CHAN_HOT_LAMBDA
#define CHAN_COLD_PATH
#define CHAN_SLOW_PATH
#endif

// Counters written by different threads live on separate cache lines so that a
// producer and a consumer do not invalidate each other's line on every message.
// x86-64 and AArch64 prefetch cache lines in pairs, hence 128 there.
#if defined(__x86_64__) || defined(__aarch64__)
inline constexpr std::size_t cache_line = 128;
#else
inline constexpr std::size_t cache_line = 64;
#endif

// Tells the processor we are spinning, so it can save power and let a sibling
// hyper-thread run.
inline void cpu_relax() noexcept {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    asm volatile("yield" ::: "memory");
#endif
}

// Refuses a capacity that a channel's ring cannot be sized for (positions or bytes
// that would overflow), with a message naming the call, instead of a wrapped size or an
// endless loop; returns it otherwise. `most` is the flavor's own limit.
inline std::size_t checked_capacity(const char* who, std::size_t capacity, std::size_t most) {
    if (capacity <= most) return capacity;
    throw std::length_error(std::string(who) + ": capacity " + std::to_string(capacity) + " is too large (at most " +
                            std::to_string(most) + ")");
}

// An optional deadline; absent means "wait forever".
struct deadline {
    bool set = false;
    instant when{};

    static deadline never() noexcept { return {}; }
    static deadline at(instant t) noexcept { return {true, t}; }

    // now + d, saturating instead of overflowing for huge durations.
    template <class Rep, class Period>
    static deadline after(std::chrono::duration<Rep, Period> d) noexcept {
        const auto now = clock::now();
        const auto room = instant::max() - now;
        if (d <= std::chrono::duration<Rep, Period>::zero()) return at(now);
        // Compared in floating point: converting `d` (say, hours::max()) to the clock's
        // nanoseconds first could itself overflow.
        using seconds = std::chrono::duration<double>;
        if (std::chrono::duration_cast<seconds>(d) >= std::chrono::duration_cast<seconds>(room))
            return at(instant::max());
        return at(now + std::chrono::duration_cast<clock::duration>(d));
    }

    // Converts a deadline on any clock to ours, by the offset between the two clocks now.
    template <class Clock, class Duration>
    static deadline until(std::chrono::time_point<Clock, Duration> tp) noexcept {
        if constexpr (std::is_same_v<Clock, clock>) {
            return at(std::chrono::time_point_cast<clock::duration>(tp));
        } else {
            return after(tp - Clock::now());
        }
    }

    bool passed() const noexcept { return set && clock::now() >= when; }
};

}  // namespace chan::detail
