// The browser visualizer: the same session and ImGui window as the native one, drawn
// into the page's canvas by the browser's own frame loop. See page.hpp for how it
// talks to the page, web_window.hpp for the canvas.
//
//   arguments (the page passes them from its address, ?recipe=NAME&KNOB=N...&embed):
//     [--recipe NAME [--KNOB N]...] [--embed]
//   --embed: the page is a frame in the cookbook's book, which chose the recipe: no
//   recipe picker.
//
// Built twice (visualizer/platform/web/CMakeLists.txt): with threads, recipes run here
// on real threads (Web Workers); without (CHAN_WEB_THREADS=0), choosing a recipe
// replays a recording made when the cookbook was built.
//
// The browser's main thread must never block: a frame polls the session and returns.
// Everything lives on the heap for the life of the page, because main returns (to
// the browser's event loop) right after it starts the frame loop.
#include <emscripten/emscripten.h>

#include <charconv>
#include <cstdio>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/session.hpp"
#include "platform/glfw/system_fonts.hpp"
#include "platform/web/page.hpp"
#include "platform/web/web_window.hpp"
#include "platform/web/worker_warmup.hpp"
#include "ui/app_window.hpp"
#include "ui/theme.hpp"

namespace {

using namespace viz;

constexpr web::run_mode mode = CHAN_WEB_THREADS ? web::run_mode::threads : web::run_mode::replay;

struct deep_link {
    std::string recipe;
    std::vector<std::pair<std::string, int>> knobs;
    bool embedded = false;
};

struct visualizer {
    web::web_window window{"#canvas"};
    // Fonts: DejaVu, packed into the module's file system at the paths Debian uses.
    ui::theme look{glfw::sans_font(), glfw::mono_font()};
    ui::app_window ui{look};
    app::session session;
    web::page page{session, mode};
    web::worker_warmup workers{mode == web::run_mode::threads ? CHAN_WEB_THREAD_POOL : 0};
    std::optional<deep_link> link;  // the recipe the address asks for, until it runs
    bool workers_were_ready = false;
};

visualizer* the_visualizer = nullptr;

// Runs the recipe of the address once every worker is ready (see worker_warmup.hpp).
// An unknown recipe or knob leaves the picker showing, with the session's error.
void follow_link(visualizer& v) {
    if (!v.link || !v.workers.ready()) return;
    if (!std::exchange(v.workers_were_ready, true)) return;  // a frame later
    v.page.link_followed(v.session.choose_recipe(v.link->recipe, v.link->knobs));
    v.link.reset();
}

void draw_frame() {
    visualizer& v = *the_visualizer;
    follow_link(v);
    v.window.begin_frame(v.look);
    v.session.update(ImGui::GetIO().DeltaTime);
    v.ui.draw(v.session);
    v.window.end_frame();
    v.page.frame_drawn(v.workers, v.ui.scene());
}

// --recipe NAME [--KNOB N]... [--embed]; anything else is reported and skipped (the
// page only passes whole numbers as knob values).
deep_link parse_arguments(const std::vector<std::string_view>& args) {
    deep_link link;
    for (std::size_t i = 0; i < args.size();) {
        const std::string_view flag = args[i++];
        if (flag == "--embed") {  // the one flag without a value
            link.embedded = true;
            continue;
        }
        if (i == args.size()) {
            std::fprintf(stderr, "visualizer: %s needs a value\n", std::string(flag).c_str());
            break;
        }
        const std::string_view value = args[i++];
        if (flag.substr(0, 2) != "--") {
            std::fprintf(stderr, "visualizer: unexpected argument '%s'\n", std::string(flag).c_str());
            continue;
        }
        if (flag == "--recipe") {
            link.recipe = value;
            continue;
        }
        int number = 0;
        const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
        if (error != std::errc() || end != value.data() + value.size()) {
            std::fprintf(stderr, "visualizer: %s: '%s' is not a whole number\n", std::string(flag).c_str(),
                         std::string(value).c_str());
            continue;
        }
        link.knobs.emplace_back(flag.substr(2), number);
    }
    return link;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        the_visualizer = new visualizer;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "visualizer: %s\n", e.what());
        return 1;
    }
    deep_link link = parse_arguments(std::vector<std::string_view>(argv + 1, argv + argc));
    // The module's file system holds none of the visitor's files, so a path field could
    // open nothing: the page opens trace files (its button, drag and drop).
    the_visualizer->ui.set_controls({.recipe_picker = !link.embedded, .trace_path = false});
    if (!link.recipe.empty()) {
        the_visualizer->link = std::move(link);
        the_visualizer->page.link_pending();
    }
    emscripten_set_main_loop(draw_frame, 0, true);  // does not return
    return 0;
}
