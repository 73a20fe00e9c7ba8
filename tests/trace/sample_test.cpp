// The sample trace shown in docs/tracing.md (docs/tracing-sample.json) is made by the
// scripted run below. The test fails when the committed file is not a valid trace or
// no longer matches what the run records (say, after a change to the library or to
// this file); it then says how to replace it.
//
// The run: a producer sends three jobs into `jobs` (one slot), a worker takes them and
// hands each result to main through `results` (a rendezvous channel); main takes one
// result with a select, then waits for another in vain until its timeout. On the way
// the producer blocks on a full channel, the worker on an empty one and on a missing
// receiver, and the producer closes `jobs`.
#include <chan/trace/json.hpp>
#include <chan/trace/load.hpp>

#include <fstream>
#include <map>
#include <sstream>

#include "perfetto_rules.hpp"
#include "support.hpp"

using namespace trace_test;
using namespace std::chrono_literals;

namespace {

recording record_sample() {
    recording_scope on;
    follower f;
    chan::trace::name_thread("main");
    auto [jobs, jobs_rx] = chan::bounded<std::string>(1, "jobs");
    auto [results, results_rx] = chan::bounded<std::size_t>(0, "results");
    std::vector<std::string> taken;  // by the worker; checked once it has ended
    chan::status last = chan::status::ok;
    {
        actor producer("producer");
        f.wait_for(kind::thread_named, 2);
        actor worker("worker");
        f.wait_for(kind::thread_named, 3);

        auto take_job = [&jobs_rx = jobs_rx, &results = results, &taken] {
            if (auto job = jobs_rx.recv()) {
                taken.push_back(*job);
                results.send(job->size());
            }
        };
        auto send_job = [&jobs = jobs](std::string job) { return [&jobs, job] { jobs.send(job); }; };

        worker.post(take_job);
        f.wait_for(kind::recv_blocked, 3);  // nothing to take yet
        producer.post(send_job("alpha"));
        f.wait_for(kind::send_blocked, 3);  // alpha taken; its result waits for a receiver
        producer.post(send_job("beta"));
        f.wait_for(kind::send_done, 2);
        producer.post(send_job("gamma"));
        f.wait_for(kind::send_blocked, 2);  // the slot holds beta

        // (Traced calls stay on one line: compilers differ on the line of a call that spans several.)
        const auto got_result = [](chan::recv_result<std::size_t> r) { CHECK(*r == 5); };
        const auto no_result = [] { FAIL("the worker's result was waiting"); };
        chan::select(chan::on_recv(results_rx, got_result), chan::on_timeout(10s, no_result));

        worker.post([&jobs_rx = jobs_rx, &taken] { taken.push_back(*jobs_rx.recv()); });
        f.wait_for(kind::send_done, 2);  // taking beta made room for gamma
        producer.post([&jobs = jobs] { jobs.close(); });
        f.wait_for(kind::disconnected, 2);
        worker.post([&jobs_rx = jobs_rx, &taken] { taken.push_back(*jobs_rx.recv()); });
        f.wait_for(kind::recv_done, 3);
        worker.post([&jobs_rx = jobs_rx, &last] { last = jobs_rx.recv().status(); });
        f.wait_for(kind::recv_failed, 3);

        const auto unexpected = [](chan::recv_result<std::size_t>) { FAIL("nothing was sent"); };
        chan::select(chan::on_recv(results_rx, unexpected), chan::on_timeout(20ms, [] {}));
        // The actors end here, the worker first: each exit is recorded in turn.
    }
    chan::trace::stop();
    CHECK(taken == std::vector<std::string>{"alpha", "beta", "gamma"});
    CHECK(last == chan::status::disconnected);
    return f.all();
}

// Only the source files the events refer to (the recorder's table also lists files of
// earlier recordings, which depend on what ran before), with paths relative to the
// repository, so that the committed file does not depend on where it was made.
recording portable(recording r) {
    const std::string root = CHAN_SOURCE_DIR "/";
    std::vector<std::string> files = {""};
    std::map<std::uint32_t, std::uint32_t> renumbered = {{0, 0}};
    for (event& e : r.events) {
        auto [it, fresh] = renumbered.try_emplace(e.file, static_cast<std::uint32_t>(files.size()));
        if (fresh) {
            std::string file = r.files.at(e.file);
            if (file.rfind(root, 0) == 0) file.erase(0, root.size());
            files.push_back(file);
        }
        e.file = it->second;
    }
    r.files = files;
    return r;
}

// Everything but the times, which differ from run to run.
std::vector<event> timeless(std::vector<event> events) {
    for (event& e : events) e.time_ns = 0;
    for (event& e : events)
        if (e.what == kind::timer_fired) e.a = 0;
    return events;
}

std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

TEST_CASE("the sample trace in docs/ is valid and is what the scripted run records", "[sample]") {
    const recording fresh = portable(record_sample());
    const std::string fresh_file = check_trace_file(fresh);
    {
        std::ofstream out(CHAN_TRACE_SAMPLE_OUT, std::ios::binary);
        out << fresh_file;
    }
    const std::string fix = std::string("if the change is intended, update it: cp ") + CHAN_TRACE_SAMPLE_OUT + " " +
                            CHAN_TRACE_SAMPLE;

    const std::string committed_file = read(CHAN_TRACE_SAMPLE);
    INFO(fix);
    REQUIRE_FALSE(committed_file.empty());
    CHECK(perfetto_rules(committed_file).problems == std::vector<std::string>{});
    const recording committed = chan::trace::load(committed_file);
    CHECK(committed.files == fresh.files);
    CHECK(describe(committed.events) == describe(fresh.events));
    CHECK((timeless(committed.events) == timeless(fresh.events)));  // source lines too
}

TEST_CASE("the records quoted in docs/tracing.md are lines of the sample trace", "[sample]") {
    const std::string doc = read(CHAN_TRACE_DOC), sample = read(CHAN_TRACE_SAMPLE);
    const std::size_t block = doc.find("```json\n");
    REQUIRE(block != std::string::npos);
    std::istringstream quoted(doc.substr(block + 8, doc.find("```", block + 8) - (block + 8)));
    int lines = 0;
    for (std::string line; std::getline(quoted, line); ++lines) {
        INFO(line);
        CHECK(sample.find("\n" + line + "\n") != std::string::npos);
    }
    CHECK(lines == 2);
}
