// Message types: move-only, without a default constructor, large, and types whose
// copy or move throws (the exception leaves the channel usable and loses nothing).
#include <array>
#include <memory>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

#include "support.hpp"

using namespace chan_test;
using chan::status;

namespace {

// Sends `make(i)` for i in [0, n) from another thread and hands each received message
// to `check(i, message)` in this one: works for every flavor, rendezvous included.
template <class T, class Make, class Check>
void round_trip(flavor f, int n, Make make_message, Check check) {
    auto [tx, rx] = make<T>(f);
    std::atomic<int> failed_sends{0};
    background producer([&, tx = std::move(tx)] {
        for (int i = 0; i < n; ++i) failed_sends += !tx.send(make_message(i));
    });
    int i = 0;
    for (T& m : rx) check(i++, m);
    producer.join();
    CHECK(i == n);
    CHECK(failed_sends == 0);
}

struct no_default {
    explicit no_default(int v) noexcept : value(v) {}
    no_default() = delete;
    int value;
};

struct large {
    explicit large(int seed) noexcept { std::iota(bytes.begin(), bytes.end(), static_cast<unsigned char>(seed)); }
    bool intact(int seed) const noexcept {
        large expected(seed);
        return bytes == expected.bytes;
    }
    std::array<unsigned char, 16 * 1024> bytes;
};

// A message whose copy and move may throw: this thread arms the next copy or move to
// throw. Its objects are counted, so a leak or double destruction shows.
class fragile {
public:
    explicit fragile(int v) : value_(v) { ++alive(); }
    fragile(const fragile& o) : value_(o.value_) {
        maybe_throw(throw_on_copy());
        ++alive();
    }
    fragile(fragile&& o) : value_(o.value_) {  // NOLINT: may throw on purpose
        maybe_throw(throw_on_move());
        ++alive();
    }
    fragile& operator=(const fragile&) = delete;
    ~fragile() { --alive(); }

    int value() const noexcept { return value_; }

    static std::atomic<int>& alive() {
        static std::atomic<int> n{0};
        return n;
    }
    // The number of copies (moves) still allowed before one throws; negative: never.
    static int& throw_on_copy() {
        thread_local int n = -1;
        return n;
    }
    static int& throw_on_move() {
        thread_local int n = -1;
        return n;
    }
    static void disarm() { throw_on_copy() = throw_on_move() = -1; }

private:
    static void maybe_throw(int& countdown) {
        if (countdown < 0) return;
        if (countdown-- == 0) throw std::runtime_error("fragile: copy or move failed");
    }
    int value_;
};
static_assert(!std::is_nothrow_move_constructible_v<fragile>);

// Sends 0, 1, ... until one slot is left; returns what was sent.
std::vector<int> fill_all_but_one(chan::sender<fragile>& tx, flavor f) {
    std::vector<int> sent;
    for (int i = 0; i + 1 < static_cast<int>(room(f)); ++i) {
        REQUIRE(tx.try_send(fragile(i)));
        sent.push_back(i);
    }
    return sent;
}

// Checks that the channel still holds exactly `values`, in order, and still works.
void check_holds(chan::sender<fragile>& tx, chan::receiver<fragile>& rx, const std::vector<int>& values) {
    CHECK(rx.size() == values.size());
    for (int v : values) {
        auto r = rx.try_recv();
        REQUIRE(r);
        CHECK(r->value() == v);
    }
    CHECK(rx.try_recv().status() == status::empty);
    REQUIRE(tx.try_send(fragile(99)));
    CHECK(rx.try_recv()->value() == 99);
}

}  // namespace

TEST_CASE("move-only messages travel through every flavor", "[types]") {
    const flavor f = CHAN_TEST_ALL_FLAVORS;
    CAPTURE(to_string(f));
    round_trip<std::unique_ptr<int>>(
        f, 100, [](int i) { return std::make_unique<int>(i); },
        [](int i, std::unique_ptr<int>& m) {
            REQUIRE(m);
            CHECK(*m == i);
        });
}

TEST_CASE("messages without a default constructor travel through every flavor", "[types]") {
    const flavor f = CHAN_TEST_ALL_FLAVORS;
    CAPTURE(to_string(f));
    round_trip<no_default>(
        f, 100, [](int i) { return no_default(i); }, [](int i, no_default& m) { CHECK(m.value == i); });

    auto [tx, rx] = make<no_default>(f);
    if (room(f) > 0) {
        REQUIRE(tx.try_send(no_default(1)));
        for (no_default& m : rx.drain()) CHECK(m.value == 1);
    }
    CHECK(rx.try_recv().status() == status::empty);
}

TEST_CASE("large messages travel through every flavor intact", "[types]") {
    const flavor f = CHAN_TEST_ALL_FLAVORS;
    CAPTURE(to_string(f));
    round_trip<std::unique_ptr<large>>(
        f, 50, [](int i) { return std::make_unique<large>(i); },
        [](int i, std::unique_ptr<large>& m) { CHECK(m->intact(i)); });
    // And by value, stored in the channel's own slots.
    round_trip<large>(
        f, 20, [](int i) { return large(i); }, [](int i, large& m) { CHECK(m.intact(i)); });
}

TEST_CASE("strings keep their contents", "[types]") {
    const flavor f = CHAN_TEST_ALL_FLAVORS;
    CAPTURE(to_string(f));
    round_trip<std::string>(
        f, 100, [](int i) { return std::string(static_cast<std::size_t>(i), 'x') + std::to_string(i); },
        [](int i, std::string& m) { CHECK(m == std::string(static_cast<std::size_t>(i), 'x') + std::to_string(i)); });
}

TEST_CASE("a copy that throws while sending leaves the channel as it was", "[types][exceptions]") {
    const flavor f = CHAN_TEST_BUFFERED_FLAVORS;
    CAPTURE(to_string(f));
    const int alive_before = fragile::alive();
    {
        auto [tx, rx] = make<fragile>(f);
        const std::vector<int> sent = fill_all_but_one(tx, f);
        const fragile original(7);
        fragile::throw_on_copy() = 0;
        CHECK_THROWS_AS(tx.send(original), std::runtime_error);
        fragile::disarm();
        check_holds(tx, rx, sent);
    }
    CHECK(fragile::alive().load() == alive_before);
}

TEST_CASE("a move that throws while sending leaves the channel as it was", "[types][exceptions]") {
    const flavor f = CHAN_TEST_ALL_FLAVORS;
    // The first move makes the by-value parameter; the second puts it in the channel.
    const int moves_before_throw = GENERATE(0, 1);
    CAPTURE(to_string(f), moves_before_throw);
    const int alive_before = fragile::alive();
    {
        auto [tx, rx] = make<fragile>(f);
        const std::vector<int> sent = fill_all_but_one(tx, f);
        fragile message(7);
        fragile::throw_on_move() = moves_before_throw;
        CHECK_THROWS_AS(tx.try_send(std::move(message)), std::runtime_error);
        fragile::disarm();
        if (room(f) > 0) check_holds(tx, rx, sent);
    }
    CHECK(fragile::alive().load() == alive_before);
}

TEST_CASE("receiving never copies or moves the message, so it cannot throw", "[types][exceptions]") {
    const flavor f = CHAN_TEST_ALL_FLAVORS;
    CAPTURE(to_string(f));
    const int alive_before = fragile::alive();
    {
        auto [tx, rx] = make<fragile>(f);
        background producer([tx = std::move(tx)] {
            for (int i = 0; i < 10; ++i) (void)tx.send(fragile(i));
        });
        fragile::throw_on_copy() = fragile::throw_on_move() = 0;  // on this thread
        std::vector<int> got;
        for (int i = 0; i < 5; ++i) {
            auto r = i % 2 ? rx.recv() : rx.recv_for(std::chrono::hours(1));
            REQUIRE(r);
            got.push_back(r->value());
        }
        // Moving one out is the caller's business, and may throw there; the channel
        // still has the rest.
        auto r = rx.recv();
        REQUIRE(r);
        CHECK_THROWS_AS(fragile(std::move(*r)), std::runtime_error);
        fragile::disarm();
        got.push_back(r->value());
        for (fragile& m : rx) got.push_back(m.value());
        producer.join();
        CHECK(got == std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
    }
    CHECK(fragile::alive().load() == alive_before);
}

TEST_CASE("value_or gives the message, or the fallback when there is none", "[types]") {
    auto [tx, rx] = chan::bounded<std::string>(1);
    REQUIRE(tx.try_send("hello"));
    CHECK(rx.try_recv().value_or("none") == "hello");
    CHECK(rx.try_recv().value_or("none") == "none");
}
