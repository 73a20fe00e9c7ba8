// The native visualizer: GLFW + OpenGL 3.3 window, or a headless frame written as a PNG.
// See options.hpp for the command line.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "app/session.hpp"
#include "platform/glfw/system_fonts.hpp"
#include "platform/native/options.hpp"
#include "platform/native/screenshot.hpp"
#include "platform/native/window.hpp"
#include "ui/app_window.hpp"
#include "ui/theme.hpp"

namespace {

using namespace viz;

constexpr double longest_run_seconds = 120;

void list_recipes() {
    for (const cookbook::recipe& r : cookbook::catalog()) {
        std::printf("%-24s %s\n", std::string(r.name).c_str(), std::string(r.summary).c_str());
    }
}

// Lets the run (or the file loading) finish, as a user would by waiting.
void play_to_the_end(app::session& s) {
    using clock = std::chrono::steady_clock;
    const auto start = clock::now();
    auto last = start;
    while (s.busy()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        const auto now = clock::now();
        s.update(std::chrono::duration<double>(now - last).count());
        last = now;
        if (now - start > std::chrono::duration<double>(longest_run_seconds)) {
            throw std::runtime_error("the run did not end within " + std::to_string(int(longest_run_seconds)) + " s");
        }
    }
    s.update(0);
}

void go_to(app::session& s, const std::optional<native::moment>& at) {
    const app::run_view* v = s.view();
    if (!v) return;
    const viz::timeline& tl = *v->tl;
    app::playback& clock = s.clock();
    clock.pause();
    // No --at: the end, or for a run found stuck the moment it was found stuck.
    const double t = at               ? (at->percent ? clock.time_at_fraction(tl, at->value / 100.0)
                                                     : clock.time_at_seconds(tl, at->value))
                     : clock.pause_point() ? clock.settled(tl, *clock.pause_point())
                                           : clock.end(tl);
    clock.seek(tl, t, true);
}

// "out.png" for the only picture; "out-2.png" for the second of several.
std::string numbered(const std::string& path, std::size_t k, std::size_t count) {
    if (count == 1) return path;
    const std::size_t dot = path.rfind('.');
    const std::size_t slash = path.find_last_of('/');
    const bool has_extension = dot != std::string::npos && (slash == std::string::npos || dot > slash);
    const std::string stem = has_extension ? path.substr(0, dot) : path;
    return stem + "-" + std::to_string(k + 1) + (has_extension ? path.substr(dot) : std::string());
}

int headless(app::session& s, const native::options& o) {
    native::window w({o.width, o.height, false});
    native::offscreen target(w.framebuffer_width(), w.framebuffer_height());
    ui::theme look(glfw::sans_font(), glfw::mono_font());
    ui::app_window window(look);
    play_to_the_end(s);
    const std::string problem = s.error();
    std::vector<std::optional<native::moment>> moments(o.at.begin(), o.at.end());
    if (moments.empty()) moments.emplace_back();  // the end
    for (std::size_t k = 0; k < moments.size(); ++k) {
        go_to(s, moments[k]);
        // A few frames: ImGui sizes windows and opens popups one frame after asking.
        for (int frame = 0; frame < 4; ++frame) {
            w.begin_frame(look, o.scale.value_or(1.0f), false);
            s.update(0);
            window.draw(s);
            target.bind();
            w.end_frame();
        }
        native::write_png(numbered(o.screenshot, k, moments.size()), w.framebuffer_width(), w.framebuffer_height(),
                          target.read_rgb());
    }
    if (!problem.empty()) {
        std::fprintf(stderr, "visualizer: %s\n", problem.c_str());
        return 1;
    }
    return 0;
}

int interactive(app::session& s, const native::options& o) {
    native::window w({o.width, o.height, true});
    w.on_drop([&s](const std::string& path) { s.open_file(path); });
    ui::theme look(glfw::sans_font(), glfw::mono_font());
    ui::app_window window(look);
    while (!w.should_close()) {
        w.begin_frame(look, o.scale, !s.busy() && !s.clock().moving());
        s.update(ImGui::GetIO().DeltaTime);
        window.draw(s);
        w.end_frame();
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string program = "visualizer";
    native::options o;
    try {
        o = native::parse_options(std::vector<std::string>(argv + 1, argv + argc));
    } catch (const native::usage_error& e) {
        std::fprintf(stderr, "%s: %s\nRun '%s --help' for the options.\n", program.c_str(), e.what(), program.c_str());
        return 2;
    }
    if (o.help) {
        std::fputs(native::usage_text(program).c_str(), stdout);
        return 0;
    }
    if (o.list) {
        list_recipes();
        return 0;
    }

    app::session s;
    if (o.clock) s.clock().set_axis(viz::timeline(), *o.clock);
    if (!o.recipe.empty() && !s.choose_recipe(o.recipe, o.knobs)) {
        std::fprintf(stderr, "%s: %s\nRun '%s --list' for the recipes.\n", program.c_str(), s.error().c_str(),
                     program.c_str());
        return 2;
    }
    if (!o.trace.empty()) s.open_file(o.trace);

    int status = 1;
    try {
        status = o.screenshot.empty() ? interactive(s, o) : headless(s, o);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s: %s\n", program.c_str(), e.what());
    }
    // A run still going (stuck in something that disconnecting cannot wake) is left
    // behind: exit without running destructors under its feet.
    if (!s.shutdown(2.0)) {
        std::fflush(nullptr);
        std::_Exit(status);
    }
    return status;
}
