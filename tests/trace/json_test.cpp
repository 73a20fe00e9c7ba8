// The trace file: Perfetto's rules for slices and flows, one arrow per delivered
// message, occupancy counters, thread and channel names, and a write -> load round
// trip that keeps every field.
#include <chan/trace/json.hpp>
#include <chan/trace/load.hpp>

#include <nlohmann/json.hpp>

#include <limits>
#include <thread>

#include "perfetto_rules.hpp"
#include "support.hpp"

using namespace trace_test;
using namespace std::chrono_literals;

namespace {

// A recording made by hand: seq from the position, times 1 µs apart unless given.
recording make_recording(std::vector<event> events, std::vector<std::string> files = {""}) {
    recording r;
    r.files = std::move(files);
    for (std::size_t i = 0; i < events.size(); ++i) {
        events[i].seq = i;
        if (events[i].time_ns == 0) events[i].time_ns = static_cast<std::int64_t>(i + 1) * 1000;
    }
    r.events = std::move(events);
    return r;
}

event ev(kind k, std::uint32_t thread, std::uint32_t channel = 0, std::uint64_t message = 0) {
    event e;
    e.what = k;
    e.thread = thread;
    e.channel = channel;
    e.message = message;
    return e;
}

event created(std::uint32_t thread, std::uint32_t channel, chan::trace::flavor f, std::int64_t capacity,
              std::string name) {
    event e = ev(kind::channel_created, thread, channel);
    e.detail = static_cast<std::uint8_t>(f);
    e.a = capacity;
    e.text = std::move(name);
    return e;
}

nlohmann::json records(const std::string& file) { return nlohmann::json::parse(file)["traceEvents"]; }

}  // namespace

TEST_CASE("a real run's file obeys Perfetto's rules and has one arrow per delivered message", "[json]") {
    recording_scope on;
    chan::trace::name_thread("main");
    auto [jobs, jobs_rx] = chan::bounded<int>(2, "jobs");
    auto [hand, hand_rx] = chan::bounded<std::string>(0, "hand");
    std::thread worker([jobs_rx = std::move(jobs_rx), hand = std::move(hand)]() mutable {
        chan::trace::name_thread("worker");
        for (int j : jobs_rx) hand.send("done " + std::to_string(j));
    });
    std::thread pickup([hand_rx = std::move(hand_rx)]() mutable {
        chan::trace::name_thread("pickup");
        auto tick = chan::tick(1ms, "tick");
        int got = 0;
        while (got < 20) {
            chan::select(chan::on_recv(hand_rx, [&](chan::recv_result<std::string> r) { got += r ? 1 : 100; }),
                         chan::on_recv(tick, [](chan::recv_result<chan::instant>) {}));
        }
    });
    for (int i = 0; i < 20; ++i) jobs.send(i);
    jobs.close();
    worker.join();
    pickup.join();
    chan::trace::stop();

    const recording r = chan::trace::snapshot();
    CHECK(deliveries(r).size() >= 40);  // 20 jobs and 20 hand-offs, plus ticks
    check_trace_file(r);
}

TEST_CASE("write then load gives back every field of every kind of event", "[json][load]") {
    std::vector<event> events;
    for (int k = 0; k <= static_cast<int>(chan::trace::json_format::last_kind); ++k) {
        event e = ev(static_cast<kind>(k), 3, 2, 7);
        e.a = -5;
        e.b = std::numeric_limits<std::int64_t>::max();
        e.file = 1;
        e.line = 99;
        e.text = "text of " + std::string(chan::trace::to_string(e.what));
        events.push_back(e);
    }
    event odd = ev(kind::handles, std::numeric_limits<std::uint32_t>::max(), std::numeric_limits<std::uint32_t>::max(),
                   std::numeric_limits<std::uint64_t>::max());
    odd.a = std::numeric_limits<std::int64_t>::min();
    odd.detail = 200;  // a value no enumerator names: kept as a number
    odd.arm = std::numeric_limits<std::int16_t>::min();
    odd.text = "quotes \" backslash \\ newline \n tab \t bell \x07 é ∑ 𝄞";
    events.push_back(odd);
    event far = ev(kind::closed, 1, 1);
    far.time_ns = std::int64_t{1} << 60;  // 36 years into the recording
    events.push_back(far);
    check_trace_file(make_recording(events, {"", "src/a.cpp", "/abs/path with spaces/b.cpp"}));
}

TEST_CASE("an operation's events travel together and come back in place", "[json][load]") {
    // A select on thread 1 with a thread-2 send interleaved in time, an unfinished
    // receive on thread 3, and an operation whose end is missing.
    std::vector<event> e = {
        created(1, 1, chan::trace::flavor::bounded, 2, "a"),
        ev(kind::select_begin, 1),
        ev(kind::select_arm, 1, 1),
        ev(kind::send_begin, 2, 1),
        ev(kind::select_blocked, 1),
        ev(kind::send_done, 2, 1, 0),
        ev(kind::recv_done, 1, 1, 0),
        ev(kind::select_done, 1),
        ev(kind::recv_begin, 3, 1),
        ev(kind::recv_blocked, 3, 1),
        ev(kind::send_begin, 2, 1),  // never finished
    };
    e[1].a = 1;
    e[2].arm = 0;
    e[4].detail = static_cast<std::uint8_t>(chan::trace::wait_reason::select);
    e[6].text = "";
    e[7].arm = 0;
    e[3].text = e[5].text = "x";
    e[9].detail = static_cast<std::uint8_t>(chan::trace::wait_reason::empty);
    const recording r = make_recording(e);
    const std::string file = check_trace_file(r);
    // One slice per operation plus one per blocked period.
    CHECK(perfetto_rules(file).slices == 4 + 2);
}

TEST_CASE("a broadcast message gets one arrow per receiver, each with its own id", "[json]") {
    const recording r = make_recording({
        created(1, 1, chan::trace::flavor::broadcast, 4, "news"),
        ev(kind::send_begin, 1, 1),
        ev(kind::send_done, 1, 1, 0),
        ev(kind::recv_begin, 2, 1),
        ev(kind::recv_done, 2, 1, 0),
        ev(kind::recv_begin, 3, 1),
        ev(kind::recv_done, 3, 1, 0),
        ev(kind::recv_begin, 4, 1),
        ev(kind::recv_done, 4, 1, 0),
    });
    const std::string file = check_trace_file(r);
    const perfetto_view v = perfetto_rules(file);
    REQUIRE(v.flows.size() == 3);
    for (const auto& f : v.flows) {
        CHECK(f.from_tid == 1);
        CHECK(f.from_ns == r.events[2].time_ns);
    }
}

TEST_CASE("a real broadcast run: one arrow per receipt of each message", "[json]") {
    recording_scope on;
    auto [tx, rx] = chan::broadcast<int>(4, "news");
    std::vector<chan::broadcast_receiver<int>> receivers = {rx, rx, rx};
    { auto gone = std::move(rx); }
    std::vector<std::thread> threads;
    for (auto& r : receivers)
        threads.emplace_back([r = std::move(r)]() mutable {
            for (int v : r) (void)v;
        });
    for (int i = 0; i < 50; ++i) tx.send(i);
    tx.close();
    for (auto& t : threads) t.join();
    chan::trace::stop();
    const recording r = chan::trace::snapshot();
    CHECK(deliveries(r).size() == 3 * 50);
    check_trace_file(r);
}

TEST_CASE("occupancy counters start from what was buffered before the recording", "[json]") {
    // Two messages were buffered when the recording began: their receipts have no send.
    const recording r = make_recording({
        created(1, 1, chan::trace::flavor::bounded, 4, "backlog"),
        ev(kind::recv_begin, 1, 1),
        ev(kind::recv_done, 1, 1, 0),
        ev(kind::send_begin, 2, 1),
        ev(kind::send_done, 2, 1, 4),
        ev(kind::recv_begin, 1, 1),
        ev(kind::recv_done, 1, 1, 1),
        ev(kind::recv_begin, 1, 1),
        ev(kind::recv_done, 1, 1, 4),
    });
    const perfetto_view v = perfetto_rules(check_trace_file(r));
    CHECK(v.counters.at("backlog queued") == std::vector<double>{2, 1, 2, 1, 0});
}

TEST_CASE("a bounded channel's counter never exceeds its capacity in a real run", "[json]") {
    recording_scope on;
    auto [tx, rx] = chan::bounded<int>(3, "small");
    std::thread consumer([rx = std::move(rx)]() mutable {
        for (int v : rx) (void)v;
    });
    for (int i = 0; i < 2000; ++i) tx.send(i);
    tx.close();
    consumer.join();
    chan::trace::stop();
    const perfetto_view v = perfetto_rules(check_trace_file(chan::trace::snapshot()));
    const auto& queued = v.counters.at("small queued");
    CHECK(queued.size() == 1 + 2 * 2000);
    CHECK(*std::max_element(queued.begin(), queued.end()) <= 3);
    CHECK(queued.back() == 0);
}

TEST_CASE("threads and channels get names; channels that share a name are told apart", "[json]") {
    event named = ev(kind::thread_named, 2);
    named.text = "producer";
    const recording r = make_recording({
        named,
        created(2, 1, chan::trace::flavor::bounded, 1, "jobs"),
        created(2, 2, chan::trace::flavor::unbounded, -1, "jobs"),
        created(2, 3, chan::trace::flavor::bounded, 0, ""),
        ev(kind::closed, 1, 3),
    });
    const std::string file = check_trace_file(r);
    std::map<std::pair<int, std::uint64_t>, std::string> names;
    for (const auto& rec : records(file))
        if (rec["ph"] == "M" && rec["name"] == "thread_name") names[{rec["pid"], rec["tid"]}] = rec["args"]["name"];
    const std::uint64_t base = chan::trace::json_format::channel_tid_base(2);
    CHECK(names.at({1, 1}) == "thread 1");
    CHECK(names.at({1, 2}) == "producer");
    CHECK(names.at({2, base + 1}) == "jobs #1 (bounded, 1 slot)");
    CHECK(names.at({2, base + 2}) == "jobs #2 (unbounded)");
    CHECK(names.at({2, base + 3}) == "channel 3 (bounded, 0 slots)");
}

TEST_CASE("records are written in time order, one per line", "[json]") {
    recording_scope on;
    auto [tx, rx] = chan::unbounded<int>("q");
    std::thread t([rx = std::move(rx)]() mutable {
        for (int v : rx) (void)v;
    });
    for (int i = 0; i < 100; ++i) tx.send(i);
    tx.close();
    t.join();
    chan::trace::stop();
    const std::string file = chan::trace::to_json(chan::trace::snapshot());
    double last = -1;
    std::size_t lines = 0;
    for (const auto& rec : records(file)) {
        ++lines;
        if (rec["ph"] == "M") continue;
        CHECK(rec["ts"].get<double>() >= last);
        last = rec["ts"].get<double>();
    }
    CHECK(static_cast<std::size_t>(std::count(file.begin(), file.end(), '\n')) == lines + 1);
}

TEST_CASE("text that is not UTF-8 is written as U+FFFD, and the file stays valid", "[json]") {
    event e = ev(kind::send_begin, 1, 1);
    e.text = "ok \xFF\xC3 end";  // a stray byte and a cut 2-byte sequence
    const std::string file = chan::trace::to_json(make_recording({e}));
    const recording back = chan::trace::load(file);
    REQUIRE(back.events.size() == 1);
    CHECK(back.events[0].text == "ok \xEF\xBF\xBD\xEF\xBF\xBD end");
}

TEST_CASE("an empty recording is a valid, empty trace", "[json]") {
    const std::string file = chan::trace::to_json(recording{});
    CHECK(perfetto_rules(file).problems.empty());
    CHECK(chan::trace::load(file) == recording{});
}

TEST_CASE("writing to a file that cannot be created says which and why", "[json]") {
    std::string error;
    CHECK_FALSE(chan::trace::write_json_file("/nonexistent-dir/out.json", recording{}, &error));
    CHECK(error.find("/nonexistent-dir/out.json") != std::string::npos);
    CHECK(error.find("No such file or directory") != std::string::npos);
}

TEST_CASE("a message costs few bytes in the file", "[json][size]") {
    // One slice, one flow end and one counter value per side of a message; Perfetto
    // needs each record's own keys, so this is about as lean as the format allows.
    recording_scope on;
    auto [tx, rx] = chan::bounded<int>(64, "q");
    std::thread t([rx = std::move(rx)]() mutable {
        for (int v : rx) (void)v;
    });
    for (int i = 0; i < 5000; ++i) tx.send(i);
    tx.close();
    t.join();
    chan::trace::stop();
    const recording r = chan::trace::snapshot();
    const std::string file = chan::trace::to_json(r);
    const double per_event = static_cast<double>(file.size()) / static_cast<double>(r.events.size());
    INFO(per_event << " bytes per event");
    CHECK(per_event < 165);
}
