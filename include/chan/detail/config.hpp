// Small platform facts shared by every part of the library.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
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
    // traced path, and with four undefined bytes beside the line g++ spent five
    // instructions per call merging the line into a register, traced or not (a tenth of
    // an untraced select's overhead, bench/RESULTS.md). Always 0.
    unsigned filler_ = 0;
};
#endif

}  // namespace chan

namespace chan::detail {

// Inlining. A few functions on the untraced path are marked [[gnu::always_inline]]:
// the dispatch from a handle to its flavor (visit_send_side, visit_recv_side, the select
// arms' visit and complete with its lambda, selected_operation's recv and send), the
// bounded channel's claims (start_send, start_recv), the unbounded channel's claims'
// first attempts with their helpers, its whole send and its read's common case, and
// the spin before parking (spin_until). Tracing compiled in adds cold callers and code
// around them, and g++'s size heuristics then kept them out of line where a build
// without tracing inlined them: up to 30% more instructions per message for the same
// work (bench/RESULTS.md, "Tracing overhead"). The heuristics spend one budget per
// file (--param inline-unit-growth), and the traced instantiations, which are not
// known to be cold, spend it too; which call loses is a matter of order, so forcing
// the hot path is the only choice that holds for every program.

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
