// How fast the visualizer's model is on big runs. Prints:
//   - recording a real run of about 1,000,000 events (4 producers, 4 consumers, a
//     bounded channel); where chan::trace_load is built, writing it as a trace file and
//     loading it back; then building the timeline from it: seconds (wall and CPU) and
//     bytes per event (the recording itself, and the model's indexes on top);
//   - seeking to random events and random times (microseconds per seek; a frame at
//     60 fps has 16,667);
//   - playing forward event by event;
//   - computing one frame (seek + tokens + their positions) with 1,000 tokens on screen.
//
// usage: visualizer-model-bench [events]     (default 1000000)
// Bytes are counted by replacing the global operator new/delete in this program.
#include <chan/chan.hpp>
#include <chan/trace.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <new>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "model/model.hpp"

#ifdef VISUALIZER_BENCH_JSON
#include <chan/trace/json.hpp>
#include <chan/trace/load.hpp>

#include <filesystem>
#endif

namespace {

std::atomic<std::int64_t> live_bytes{0};

struct header {
    std::size_t size;
    std::max_align_t pad;
};

void* counted_alloc(std::size_t n) {
    auto* h = static_cast<header*>(std::malloc(sizeof(header) + n));
    if (!h) throw std::bad_alloc();
    h->size = n;
    live_bytes.fetch_add(static_cast<std::int64_t>(n), std::memory_order_relaxed);
    return h + 1;
}

void counted_free(void* p) noexcept {
    if (!p) return;
    header* h = static_cast<header*>(p) - 1;
    live_bytes.fetch_sub(static_cast<std::int64_t>(h->size), std::memory_order_relaxed);
    std::free(h);
}

}  // namespace

void* operator new(std::size_t n) { return counted_alloc(n); }
void* operator new[](std::size_t n) { return counted_alloc(n); }
void operator delete(void* p) noexcept { counted_free(p); }
void operator delete[](void* p) noexcept { counted_free(p); }
void operator delete(void* p, std::size_t) noexcept { counted_free(p); }
void operator delete[](void* p, std::size_t) noexcept { counted_free(p); }

namespace {

using clock_type = std::chrono::steady_clock;

double seconds_since(clock_type::time_point t0) {
    return std::chrono::duration<double>(clock_type::now() - t0).count();
}

// About four events per message (send begin/done, receive begin/done) plus waits.
chan::trace::recording record_run(std::size_t events) {
    const std::size_t messages = events / 4;
    constexpr int producers = 4, consumers = 4;
    auto [tx, rx] = chan::bounded<std::uint64_t>(8, "jobs");
    chan::trace::start();
    std::vector<std::thread> threads;
    for (int p = 0; p < producers; ++p)
        threads.emplace_back([tx, p, n = messages / producers]() mutable {
            chan::trace::name_thread("producer " + std::to_string(p + 1));
            for (std::uint64_t v = 0; v < n; ++v) tx.send(v);
        });
    for (int c = 0; c < consumers; ++c)
        threads.emplace_back([rx, c]() mutable {
            chan::trace::name_thread("consumer " + std::to_string(c + 1));
            for (std::uint64_t v : rx) (void)v;
        });
    tx = {};
    rx = {};
    for (auto& t : threads) t.join();
    chan::trace::stop();
    chan::trace::recording r = chan::trace::snapshot();
    chan::trace::start();  // drops the recorder's own copy of the run
    chan::trace::stop();
    return r;
}

// 1,000 messages held in 8 unbounded channels, 125 each, then the first receive of
// each: a frame with about 1,000 tokens, some moving.
viz::timeline many_tokens() {
    chan::trace::recording r;
    std::int64_t t = 0;
    auto add = [&](chan::trace::kind k, std::uint32_t thread, std::uint32_t ch, std::uint64_t m, std::string text) {
        chan::trace::event e;
        e.seq = r.events.size();
        e.time_ns = t += 1000;
        e.what = k;
        e.thread = thread;
        e.channel = ch;
        e.message = m;
        e.text = std::move(text);
        r.events.push_back(std::move(e));
    };
    for (std::uint32_t c = 1; c <= 8; ++c) {
        add(chan::trace::kind::channel_created, 1, c, 0, "queue " + std::to_string(c));
        r.events.back().detail = static_cast<std::uint8_t>(chan::trace::flavor::unbounded);
        r.events.back().a = -1;
        for (std::uint64_t m = 0; m < 125; ++m) add(chan::trace::kind::send_done, 1, c, m, std::to_string(m));
    }
    for (std::uint32_t c = 1; c <= 8; ++c) add(chan::trace::kind::recv_done, 1 + c, c, 0, {});
    return viz::timeline(std::move(r));
}

#ifdef VISUALIZER_BENCH_JSON
// Writes the run as a trace file and loads it back, as opening a file in the viewer does.
chan::trace::recording load_through_json(chan::trace::recording rec) {
    const std::string path = (std::filesystem::temp_directory_path() / "visualizer-model-bench.json").string();
    std::string error;
    if (!chan::trace::write_json_file(path, rec, &error)) {
        std::fprintf(stderr, "cannot write %s: %s\n", path.c_str(), error.c_str());
        std::exit(1);
    }
    const std::size_t n = rec.events.size();
    rec = {};
    const auto t0 = clock_type::now();
    const std::clock_t c0 = std::clock();
    chan::trace::recording loaded = chan::trace::load_file(path);
    const double cpu_s = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
    const double load_s = seconds_since(t0);
    std::printf("loaded the trace file (%.0f MB) in %.3f s (%.3f s of CPU); %zu events\n",
                static_cast<double>(std::filesystem::file_size(path)) / 1e6, load_s, cpu_s, loaded.events.size());
    if (loaded.events.size() != n) std::printf("  (the file held a different number of events than recorded)\n");
    std::filesystem::remove(path);
    return loaded;
}
#endif

}  // namespace

int main(int argc, char** argv) {
    std::size_t target = 1'000'000;
    if (argc > 2 || (argc == 2 && (target = std::strtoull(argv[1], nullptr, 10)) < 1000)) {
        std::fprintf(stderr, "usage: visualizer-model-bench [events >= 1000]\n");
        return 2;
    }

    auto t0 = clock_type::now();
    chan::trace::recording rec = record_run(target);
    std::printf("recorded a run of %zu events in %.2f s\n", rec.events.size(), seconds_since(t0));
#ifdef VISUALIZER_BENCH_JSON
    rec = load_through_json(std::move(rec));
#endif
    const std::size_t n = rec.events.size();
    std::printf("the recording holds %.1f bytes/event (an event is %zu)\n",
                static_cast<double>(live_bytes.load()) / static_cast<double>(n), sizeof(chan::trace::event));

    t0 = clock_type::now();
    const std::clock_t c0 = std::clock();
    viz::timeline tl(std::move(rec));
    const double build_s = seconds_since(t0);
    const double build_cpu_s = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
    const auto after = live_bytes.load();
    std::printf("timeline built in %.3f s (%.3f s of CPU, %.0f ns/event); total %.1f bytes/event, of which indexes %.1f "
                "(checkpoint every %zu events)\n",
                build_s, build_cpu_s, build_s * 1e9 / static_cast<double>(n), static_cast<double>(after) / static_cast<double>(n),
                static_cast<double>(tl.index_bytes()) / static_cast<double>(n), tl.checkpoint_interval());

    t0 = clock_type::now();
    const viz::layout lay = viz::compute_layout(tl);
    std::printf("layout: %.1f us (%d columns)\n", seconds_since(t0) * 1e6, lay.columns);

    std::mt19937_64 rng(42);
    viz::cursor cur(tl);
    constexpr int seeks = 20000;
    std::uniform_int_distribution<std::ptrdiff_t> anywhere(0, static_cast<std::ptrdiff_t>(n) - 1);
    std::size_t sink = 0;
    t0 = clock_type::now();
    for (int k = 0; k < seeks; ++k) sink += cur.seek(anywhere(rng)).threads.size();
    std::printf("seek to a random event: %.2f us\n", seconds_since(t0) * 1e6 / seeks);

    std::uniform_int_distribution<std::int64_t> any_time(tl.start_ns(), tl.end_ns());
    t0 = clock_type::now();
    for (int k = 0; k < seeks; ++k) sink += cur.seek_time(any_time(rng)).channels.size();
    std::printf("seek to a random time: %.2f us\n", seconds_since(t0) * 1e6 / seeks);

    t0 = clock_type::now();
    constexpr std::ptrdiff_t steps = 100000;
    cur.seek(-1);
    for (std::ptrdiff_t i = 0; i < steps; ++i) sink += cur.seek(i).threads.size();
    std::printf("step forward one event: %.3f us\n", seconds_since(t0) * 1e6 / steps);

    viz::frame f;
    const viz::animation anim{viz::time_axis::real, 5e6, 4096};
    t0 = clock_type::now();
    for (int k = 0; k < seeks; ++k) {
        viz::compute_frame(cur, static_cast<double>(any_time(rng)), anim, f);
        sink += f.tokens.size();
    }
    std::printf("frame at a random time of the big run (seek + tokens): %.2f us\n", seconds_since(t0) * 1e6 / seeks);

    const viz::timeline crowd = many_tokens();
    const viz::layout crowd_lay = viz::compute_layout(crowd);
    viz::cursor crowd_cur(crowd);
    const double t_frame = static_cast<double>(crowd.end_ns()) - 500;
    constexpr int frames = 2000;
    float checksum = 0;
    t0 = clock_type::now();
    for (int k = 0; k < frames; ++k) {
        crowd_cur.seek(k % 2 ? 0 : -1);  // force a real seek each time
        viz::compute_frame(crowd_cur, t_frame, {viz::time_axis::real, 4000, 4096}, f);
        for (const viz::token& tok : f.tokens)
            checksum += viz::token_position(crowd_lay, tok, viz::shown_slots(*crowd_cur.current().channel(tok.channel))).x;
    }
    std::printf("frame with %zu tokens (seek + tokens + positions): %.1f us\n", f.tokens.size(),
                seconds_since(t0) * 1e6 / frames);

    return sink == 0 || checksum == 0 ? 1 : 0;
}
