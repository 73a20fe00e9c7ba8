// An unbounded channel gives memory back as its messages are consumed. This program
// replaces the global operator new and delete to count live allocations, which is
// why it is a test executable of its own.
#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <new>

#include "support.hpp"

namespace {
std::atomic<long> live_allocations{0};

void* allocate(std::size_t n, std::size_t alignment = alignof(std::max_align_t)) noexcept {
    n = n == 0 ? 1 : n;
    void* p = alignment <= alignof(std::max_align_t) ? std::malloc(n)
                                                       : std::aligned_alloc(alignment, (n + alignment - 1) / alignment * alignment);
    if (p) live_allocations.fetch_add(1, std::memory_order_relaxed);
    return p;
}
void* allocate_or_throw(std::size_t n, std::size_t alignment = alignof(std::max_align_t)) {
    if (void* p = allocate(n, alignment)) return p;
    throw std::bad_alloc();
}
void deallocate(void* p) noexcept {
    if (!p) return;
    live_allocations.fetch_sub(1, std::memory_order_relaxed);
    std::free(p);
}
}  // namespace

// Every form, so that nothing allocated by the runtime's own operator new is freed here.
void* operator new(std::size_t n) { return allocate_or_throw(n); }
void* operator new[](std::size_t n) { return allocate_or_throw(n); }
void* operator new(std::size_t n, std::align_val_t a) { return allocate_or_throw(n, static_cast<std::size_t>(a)); }
void* operator new[](std::size_t n, std::align_val_t a) { return allocate_or_throw(n, static_cast<std::size_t>(a)); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept { return allocate(n); }
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept { return allocate(n); }
void* operator new(std::size_t n, std::align_val_t a, const std::nothrow_t&) noexcept {
    return allocate(n, static_cast<std::size_t>(a));
}
void* operator new[](std::size_t n, std::align_val_t a, const std::nothrow_t&) noexcept {
    return allocate(n, static_cast<std::size_t>(a));
}
void operator delete(void* p) noexcept { deallocate(p); }
void operator delete[](void* p) noexcept { deallocate(p); }
void operator delete(void* p, std::size_t) noexcept { deallocate(p); }
void operator delete[](void* p, std::size_t) noexcept { deallocate(p); }
void operator delete(void* p, std::align_val_t) noexcept { deallocate(p); }
void operator delete[](void* p, std::align_val_t) noexcept { deallocate(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { deallocate(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { deallocate(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { deallocate(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { deallocate(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { deallocate(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { deallocate(p); }

TEST_CASE("an unbounded channel gives memory back as messages are consumed", "[memory]") {
    constexpr int rounds = 10'000, in_flight = 50;  // 500,000 messages, 50 at a time
    long most = 0;
    const long before = live_allocations.load();
    {
        auto [tx, rx] = chan::unbounded<int>();
        for (int round = 0; round < rounds; ++round) {
            for (int i = 0; i < in_flight; ++i) REQUIRE(tx.send(i));
            most = std::max(most, live_allocations.load() - before);
            for (int i = 0; i < in_flight; ++i) REQUIRE(*rx.recv() == i);
        }
    }
    // The control block plus the few blocks (31 messages each) that 50 messages span;
    // keeping consumed blocks would mean thousands.
    CHECK(most <= 5);
    CHECK(live_allocations.load() == before);
}

TEST_CASE("dropping an unbounded channel with messages in it frees every block", "[memory]") {
    const long before = live_allocations.load();
    {
        auto [tx, rx] = chan::unbounded<int>();
        for (int i = 0; i < 1000; ++i) REQUIRE(tx.send(i));
        for (int i = 0; i < 500; ++i) REQUIRE(rx.recv());
    }
    CHECK(live_allocations.load() == before);
}
