// How fast the native visualizer draws (run it under xvfb-run where there is no
// display). Prints frames per second of the whole app (controls, scene, panels) drawn
// and rendered offscreen at 1280x800, each frame finished with glFinish, and how a
// frame's time splits between building it (the model's update and ImGui's draw lists,
// on the CPU) and rendering it (OpenGL, which under Xvfb is Mesa's software
// rasteriser), with the vertices and draw calls it sends:
//   - scrubbing a run of about 1,000,000 events: every frame at a random moment;
//   - 1,000 tokens in flight: four channels, 250 messages each, sent in one burst,
//     drawn while every token is still travelling to its slot.
// The runs go through trace files, as a user would open them.
//
// usage: visualizer-frame-bench [events]     (default 1000000)
#include <chan/chan.hpp>
#include <chan/trace.hpp>
#include <chan/trace/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <GL/gl.h>

#include <imgui.h>

#include "app/session.hpp"
#include "platform/glfw/system_fonts.hpp"
#include "platform/native/screenshot.hpp"
#include "platform/native/window.hpp"
#include "ui/app_window.hpp"
#include "ui/theme.hpp"

namespace {

using namespace viz;
using clock_type = std::chrono::steady_clock;

double seconds_since(clock_type::time_point t0) { return std::chrono::duration<double>(clock_type::now() - t0).count(); }

// The recording of `run`, written as a trace file in the temporary folder.
std::string traced(const std::string& name, const std::function<void()>& run) {
    chan::trace::start();
    run();
    chan::trace::stop();
    const std::string path = (std::filesystem::temp_directory_path() / name).string();
    std::ofstream out(path);
    chan::trace::write_json(out, chan::trace::snapshot());
    return path;
}

// A producer and a consumer passing messages through a small bounded channel.
void busy_run(std::size_t events) {
    auto [tx, rx] = chan::bounded<std::uint64_t>(8, "jobs");
    std::thread consumer([rx = std::move(rx)]() mutable {
        chan::trace::name_thread("consumer");
        for (std::uint64_t v : rx) (void)v;
    });
    chan::trace::name_thread("producer");
    for (std::uint64_t v = 0; v < events / 4; ++v) tx.send(v);
    tx = {};
    consumer.join();
}

// 4 x 250 messages sent at once into unbounded channels nobody has received from yet.
void burst_run() {
    constexpr int lanes = 4, per_lane = 250;
    std::vector<chan::sender<int>> tx;
    std::vector<chan::receiver<int>> rx;
    for (int c = 0; c < lanes; ++c) {
        auto [t, r] = chan::unbounded<int>("lane " + std::to_string(c + 1));
        tx.push_back(std::move(t));
        rx.push_back(std::move(r));
    }
    chan::trace::name_thread("sender");
    for (int i = 0; i < per_lane; ++i) {
        for (auto& t : tx) t.send(i);
    }
}

void open(app::session& s, const std::string& path) {
    const auto t0 = clock_type::now();
    s.open_file(path);
    while (s.busy()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        s.update(0);
    }
    s.update(0);
    if (!s.view() || !s.error().empty()) throw std::runtime_error(path + ": " + s.error());
    std::printf("  opened %s: %zu events in %.2f s\n", path.c_str(), s.view()->tl->size(), seconds_since(t0));
}

// One frame's milliseconds: building it, then rendering it.
struct frame_time {
    double build = 0, render = 0;
};

struct drawing {
    native::window w{{1280, 800, false}};
    native::offscreen target{w.framebuffer_width(), w.framebuffer_height()};
    ui::theme look{glfw::sans_font(), glfw::mono_font()};
    ui::app_window app{look};

    frame_time frame(app::session& s) {
        const auto t0 = clock_type::now();
        w.begin_frame(look, 1.0f, false);
        s.update(0);
        app.draw(s);
        const double build_ms = seconds_since(t0) * 1e3;
        const auto t1 = clock_type::now();
        target.bind();
        w.end_frame();
        glFinish();
        return {build_ms, seconds_since(t1) * 1e3};
    }
};

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// What the last frame sent to OpenGL.
void print_draw_data() {
    const ImDrawData* data = ImGui::GetDrawData();
    int calls = 0;
    for (int i = 0; i < data->CmdListsCount; ++i) calls += data->CmdLists[i]->CmdBuffer.Size;
    std::printf("    last frame: %d vertices, %d indices, %d draw calls\n", data->TotalVtxCount, data->TotalIdxCount,
                calls);
}

// Draws `n` frames, calling `before` ahead of each; prints frames per second and the slowest.
void measure(const char* what, drawing& d, app::session& s, int n, const std::function<void(int)>& before) {
    for (int i = 0; i < 5; ++i) d.frame(s);  // windows sized, fonts uploaded
    std::vector<double> ms, build, render;
    const auto t0 = clock_type::now();
    for (int i = 0; i < n; ++i) {
        before(i);
        const auto f0 = clock_type::now();
        const frame_time f = d.frame(s);
        ms.push_back(seconds_since(f0) * 1e3);
        build.push_back(f.build);
        render.push_back(f.render);
    }
    const double total = seconds_since(t0);
    std::printf("  %s: %.0f frames/s (%d frames; median %.2f ms, slowest %.2f ms)\n", what, n / total, n, median(ms),
                *std::max_element(ms.begin(), ms.end()));
    std::printf("    median build %.2f ms (%.0f frames/s if rendering were free), render %.2f ms\n", median(build),
                1e3 / median(build), median(render));
    print_draw_data();
}

}  // namespace

int main(int argc, char** argv) {
    const std::size_t events = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000000;
    try {
        drawing d;
        app::session s;

        std::printf("scrubbing a run of about %zu events:\n", events);
        open(s, traced("visualizer-frame-bench-busy.json", [&] { busy_run(events); }));
        std::mt19937_64 random(7);
        const viz::timeline& busy = *s.view()->tl;
        measure("random moments", d, s, 600, [&](int) {
            std::uniform_real_distribution<double> at(s.clock().start(busy), s.clock().end(busy));
            s.clock().pause();
            s.clock().seek(busy, at(random), true);
        });

        std::printf("1,000 tokens in flight:\n");
        open(s, traced("visualizer-frame-bench-burst.json", burst_run));
        const viz::timeline& burst = *s.view()->tl;
        s.clock().pause();
        s.clock().set_axis(burst, viz::time_axis::real);
        std::size_t last_send = 0;
        for (std::size_t i = 0; i < burst.size(); ++i) {
            if (burst.event(i).what == chan::trace::kind::send_done) last_send = i;
        }
        s.clock().seek(burst, viz::time_of(burst, last_send, viz::time_axis::real), true);
        d.frame(s);
        const auto& tokens = s.view()->frame.tokens;
        const auto moving = std::count_if(tokens.begin(), tokens.end(), [](const viz::token& k) { return k.progress < 1; });
        std::printf("  %zu tokens on screen, %zu of them moving\n", tokens.size(), static_cast<std::size_t>(moving));
        measure("drawn", d, s, 300, [](int) {});
    } catch (const std::exception& e) {
        std::fprintf(stderr, "visualizer-frame-bench: %s\n", e.what());
        return 1;
    }
    return 0;
}
