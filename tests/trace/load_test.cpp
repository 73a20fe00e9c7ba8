// The loader accepts what the writer and Perfetto-compatible tools write, and turns
// anything else into a load_error that says what is wrong and where.
#include <chan/trace/json.hpp>
#include <chan/trace/load.hpp>

#include <cstdio>
#include <fstream>

#include "support.hpp"

using namespace trace_test;
using chan::trace::load;
using chan::trace::load_error;

namespace {

// One record carrying a send_begin at 1.5 µs on thread 2.
const std::string send_record = R"({"ph":"X","pid":1,"tid":2,"ts":1.5,"dur":1,"name":"send","args":{"ev":"send_begin","ch":3,"v":"42"}})";

event send_event() {
    event e;
    e.what = kind::send_begin;
    e.time_ns = 1500;
    e.thread = 2;
    e.channel = 3;
    e.text = "42";
    return e;
}

// The load_error `json` raises; fails the test if it loads.
load_error error_of(const std::string& json, const chan::trace::load_limits& limits = {}) {
    try {
        (void)load(json, nullptr, limits);
    } catch (const load_error& e) {
        return e;
    }
    FAIL("loaded without error: " << json.substr(0, 200));
    return load_error("", 0);
}

bool mentions(const load_error& e, const std::string& text) {
    INFO("error: " << e.what());
    return std::string(e.what()).find(text) != std::string::npos;
}

}  // namespace

TEST_CASE("the object form and the bare array form load the same", "[load]") {
    const recording a = load(R"({"traceEvents":[)" + send_record + "]}");
    const recording b = load("[" + send_record + "]");
    REQUIRE(a.events.size() == 1);
    CHECK(a.events[0] == send_event());
    CHECK(a == b);
}

TEST_CASE("a file cut off after a complete record loads, and says it was truncated", "[load]") {
    for (const std::string& cut : {"[" + send_record, "[" + send_record + ",", "[" + send_record + ",\n  ",
                                   R"({"traceEvents":[)" + send_record + ",", R"({"traceEvents":[)" + send_record + "]"}) {
        CAPTURE(cut);
        chan::trace::load_info info;
        const recording r = load(cut, &info);
        CHECK(info.truncated);
        REQUIRE(r.events.size() == 1);
        CHECK(r.events[0] == send_event());
    }
    chan::trace::load_info info;
    (void)load("[" + send_record + "]", &info);
    CHECK_FALSE(info.truncated);
}

TEST_CASE("a file cut off inside a record is an error naming the record", "[load]") {
    const std::string text = "[" + send_record + "," + send_record.substr(0, 40);
    const load_error e = error_of(text);
    CHECK(mentions(e, "ends inside trace event 1"));
    CHECK(e.offset() == text.size());
}

TEST_CASE("keys in any order, extra keys and records, floats and unknown phases are accepted", "[load]") {
    const std::string text = R"({"displayTimeUnit":"ms","otherData":{"x":[1,2,{"y":null}]},"traceEvents":[
        {"name":"foreign","ph":"B","ts":0.2,"pid":7,"tid":7,"args":{"ch":"not ours"}},
        {"ph":"Q","ts":0.3,"pid":1,"tid":1},
        {"args":{"extra":[1,{"deep":true}],"v":"42","ch":3.0,"ev":"send_begin"},"tid":2e0,"ts":1.5000,"cat":"x","ph":"X","pid":1,"dur":1},
        17.5e-1
    ]})";
    // (The last element is not an object: that one is an error; without it the rest loads.)
    CHECK(mentions(error_of(text), "trace event 3 is not an object"));
    std::string fine = text;
    fine.erase(fine.find(",\n        17.5e-1"), std::string(",\n        17.5e-1").size());
    chan::trace::load_info info;
    const recording r = load(fine, &info);
    REQUIRE(r.events.size() == 1);
    CHECK(r.events[0] == send_event());
    CHECK(info.records == 3);
    CHECK(info.ignored == 2);
}

TEST_CASE("timestamps keep every nanosecond, however the number is written", "[load]") {
    for (const auto& [ts, ns] : std::vector<std::pair<std::string, std::int64_t>>{
             {"1", 1000},
             {"1.5", 1500},
             {"1.0015", 1002},  // rounded to the nearest nanosecond
             {"1234567890.123", 1234567890123},
             {"1.234567890123e9", 1234567890123},
             {"12e-3", 12},
             {"0.0004", 0},
             {"-2.5", -2500},
             {"9223372036854775.807", 9223372036854775807},
         }) {
        CAPTURE(ts);
        const recording r = load(R"([{"ph":"i","pid":1,"tid":1,"ts":)" + ts + R"(,"args":{"ev":"closed"}}])");
        REQUIRE(r.events.size() == 1);
        CHECK(r.events[0].time_ns == ns);
    }
}

TEST_CASE("events are put in time order and numbered", "[load]") {
    const recording r = load(R"([
        {"ph":"i","pid":1,"tid":1,"ts":3,"args":{"ev":"closed"}},
        {"ph":"X","pid":1,"tid":2,"ts":1,"dur":5,"args":{"ev":"send_begin","then":[{"ev":"send_done","dt":3000}]}},
        {"ph":"i","pid":1,"tid":1,"ts":2,"args":{"ev":"thread_exited"}}])");
    REQUIRE(r.events.size() == 4);
    CHECK(describe(r.events) == std::vector<std::string>{"t2 send_begin", "t1 thread_exited", "t1 closed",
                                                         "t2 send_done m0"});
    for (std::size_t i = 0; i < r.events.size(); ++i) CHECK(r.events[i].seq == i);
}

TEST_CASE("malformed JSON is an error with its byte offset", "[load]") {
    const std::string text = "[" + send_record + ", {\"ph\":\"X\" \"ts\":1}]";
    const load_error e = error_of(text);
    CHECK(mentions(e, "malformed JSON at byte"));
    CHECK(mentions(e, "trace event 1"));
    // The offset points into the token the parser did not expect.
    CHECK(e.offset() >= text.find("\"ts\":1}]"));
    CHECK(e.offset() < text.find(":1}]"));
}

TEST_CASE("what is not a trace at all is said so", "[load]") {
    CHECK(mentions(error_of(""), "empty"));
    CHECK(mentions(error_of("  \n"), "empty"));
    CHECK(mentions(error_of("42"), "neither an object nor an array"));
    CHECK(mentions(error_of("\"trace\""), "neither an object nor an array"));
    CHECK(mentions(error_of("{}"), "no traceEvents"));
    CHECK(mentions(error_of(R"({"traceEvents":[]} x)"), "malformed JSON"));
    CHECK(mentions(error_of("[[1]]"), "trace event 0 is not an object"));
}

TEST_CASE("fields of the wrong type or out of range are errors naming the field and the event", "[load]") {
    const auto bad = [](const std::string& args, const std::string& extra = "") {
        return error_of(R"([{"ph":"i","pid":1,"tid":1,"ts":1)" + extra + R"(,"args":{"ev":"closed")" + args + "}}]");
    };
    CHECK(mentions(bad(R"(,"ch":"three")"), "trace event 0: 'ch' must be an integer"));
    CHECK(mentions(bad(R"(,"ch":-1)"), "'ch' must be an integer in [0, 4294967295]"));
    CHECK(mentions(bad(R"(,"ch":1.5)"), "'ch' must be an integer"));
    CHECK(mentions(bad(R"(,"arm":40000)"), "'arm'"));
    CHECK(mentions(bad(R"(,"m":-1)"), "'m'"));
    CHECK(mentions(bad(R"(,"a":1e30)"), "'a'"));
    CHECK(mentions(bad(R"(,"d":"sideways")"), "'d' is 'sideways'"));
    CHECK(mentions(bad(R"(,"d":300)"), "'d'"));
    CHECK(mentions(bad(R"(,"v":5)"), "'v' must be a string"));
    CHECK(mentions(bad(R"(,"src":"a:b")"), "'src'"));
    CHECK(mentions(bad(R"(,"th":{})"), "'th'"));
    CHECK(mentions(bad(R"(,"then":5)"), "'then' must be an array"));
    CHECK(mentions(bad(R"(,"done":{"dt":1})"), "'done' belongs to an operation's first event"));
    CHECK(mentions(error_of(R"([{"ph":"X","tid":1,"ts":1,"args":{"ev":"send_begin","done":{"ev":"recv_done","dt":1}}}])"),
                   "done: 'ev' is implied"));
    CHECK(mentions(bad(R"(,"then":[{"ev":"send_done"}])"), "then[0]: 'dt'"));
    CHECK(mentions(bad(R"(,"then":[{"ev":"bogus","dt":1}])"), "then[0]: unknown event kind 'bogus'"));
    CHECK(mentions(error_of(R"([{"ph":"i","ts":1,"args":{"ev":"closed"}}])"), "no 'tid'"));
    CHECK(mentions(error_of(R"([{"ph":"i","tid":1,"args":{"ev":"closed"}}])"), "no 'ts'"));
    CHECK(mentions(error_of(R"([{"ph":"i","tid":1,"ts":"1","args":{"ev":"closed"}}])"), "'ts' must be a number"));
    CHECK(mentions(error_of(R"([{"ph":"i","tid":1,"ts":1e300,"args":{"ev":"closed"}}])"), "'ts'"));
    CHECK(mentions(error_of(R"([{"ph":"i","tid":1,"ts":1,"args":{"ev":"nonsense"}}])"), "unknown event kind 'nonsense'"));
    CHECK(mentions(error_of(R"([{"ph":"i","tid":1,"ts":1,"args":{"ev":7}}])"), "'ev' must be a string"));
}

TEST_CASE("the header's file table is checked", "[load]") {
    const std::string header =
        R"({"ph":"M","pid":1,"tid":1,"name":"process_name","args":{"name":"threads","chan_format":1,"files":["","a.cpp"]}})";
    const recording r = load("[" + header + R"(,{"ph":"i","tid":1,"ts":1,"args":{"ev":"closed","src":"1:7"}}])");
    CHECK(r.files == std::vector<std::string>{"", "a.cpp"});
    REQUIRE(r.events.size() == 1);
    CHECK(r.events[0].file == 1);
    CHECK(r.events[0].line == 7);

    CHECK(mentions(error_of("[" + header + R"(,{"ph":"i","tid":1,"ts":1,"args":{"ev":"closed","src":"2:7"}}])"),
                   "refers to source file 2, but the header lists 2 files"));
    CHECK(mentions(error_of(R"([{"ph":"i","tid":1,"ts":1,"args":{"ev":"closed","src":"1:7"}}])"),
                   "refers to source file 1"));
    CHECK(mentions(error_of(R"([{"ph":"M","args":{"chan_format":2,"files":[""]}}])"), "newer than this loader"));
    CHECK(mentions(error_of(R"([{"ph":"M","args":{"chan_format":1,"files":[1]}}])"), "'files' must be an array of strings"));
    CHECK(mentions(error_of("[" + header + "," + header + "]"), "a second header"));
}

TEST_CASE("hostile input is stopped by the limits, with a clear error", "[load][limits]") {
    std::string deep = "[{\"args\":";
    for (int i = 0; i < 100000; ++i) deep += "{\"a\":";
    CHECK(mentions(error_of(deep), "nesting deeper than 64 levels"));
    CHECK(mentions(error_of(std::string(100000, '[')), "trace event 0 is not an object"));

    chan::trace::load_limits small;
    small.max_string = 100;
    CHECK(mentions(error_of("[" + send_record + R"(,{"ph":"i","args":{"v":")" + std::string(1000, 'x') + "\"}}]", small),
                   "a string of 1000 bytes (more than 100)"));
    CHECK(mentions(error_of("[{\"" + std::string(1000, 'k') + "\":1}]", small), "a string of 1000 bytes"));

    small = {};
    small.max_events = 2;
    std::string many = "[";
    for (int i = 0; i < 5; ++i) many += (i ? "," : "") + send_record;
    CHECK(mentions(error_of(many + "]", small), "more than 2 events"));

    small = {};
    small.max_bytes = 10;
    CHECK(mentions(error_of("[" + send_record + "]", small), "more than the limit of 10"));

    // Long numbers cannot overflow anything, and the error quotes only their start.
    CHECK(mentions(error_of(R"([{"ph":"i","tid":1,"ts":1)" + std::string(50, '0') + R"(,"args":{"ev":"closed"}}])"),
                   "'ts'"));
    const load_error huge =
        error_of(R"([{"ph":"i","tid":1,"ts":1)" + std::string(5000, '0') + R"(,"args":{"ev":"closed"}}])");
    CHECK(mentions(huge, "number overflow"));
    CHECK(std::string(huge.what()).size() < 300);
    CHECK(load(R"([{"ph":"i","tid":1,"ts":0.)" + std::string(5000, '0') + R"(1,"args":{"ev":"closed"}}])")
              .events.at(0)
              .time_ns == 0);
}

TEST_CASE("load_file reads a file and names it in errors", "[load]") {
    const std::string path = "trace_load_test.json";
    {
        std::ofstream out(path);
        out << "[" << send_record << "]";
    }
    CHECK(chan::trace::load_file(path).events.at(0) == send_event());
    {
        std::ofstream out(path);
        out << "[" << send_record << ",{";
    }
    try {
        (void)chan::trace::load_file(path);
        FAIL("loaded a broken file");
    } catch (const load_error& e) {
        CHECK(mentions(e, path + ": the file ends inside trace event 1"));
    }
    std::remove(path.c_str());
    try {
        (void)chan::trace::load_file("no-such-trace.json");
        FAIL("loaded a missing file");
    } catch (const load_error& e) {
        CHECK(mentions(e, "cannot open 'no-such-trace.json': No such file or directory"));
    }
}
