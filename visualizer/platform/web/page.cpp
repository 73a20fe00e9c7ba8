#include "platform/web/page.hpp"

#include <chan/trace/json.hpp>
#include <emscripten/emscripten.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string_view>

namespace viz::web {

namespace {

page* the_page = nullptr;

// ---- calls into the page ----

EM_JS(void, page_status, (const char* json), {
    const page = window.cookbookPage;
    if (page && page.status) page.status(JSON.parse(UTF8ToString(json)));
});

EM_JS(void, page_first_frame, (), {
    const page = window.cookbookPage;
    if (page && page.firstFrame) page.firstFrame();
});

EM_JS(void, page_fetch_recording, (const char* name), {
    const page = window.cookbookPage;
    if (page && page.fetchRecording) page.fetchRecording(UTF8ToString(name));
});

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

std::string title_of_recording(std::string_view name) {
    return std::string(name) + " (recorded when the cookbook was built)";
}

// The arguments of a run with every knob at its default.
std::vector<std::string> default_arguments(const cookbook::recipe& r) {
    std::vector<std::string> arguments;
    for (const cookbook::knob& k : cookbook::host::knobs_of(r.main)) {
        arguments.push_back("--" + k.name);
        arguments.push_back(std::to_string(k.value));
    }
    return arguments;
}

std::string catalog_json() {
    std::string_view title;
    nlohmann::json recipes = nlohmann::json::array();
    for (const cookbook::recipe& r : cookbook::catalog()) {
        for (const cookbook::topic& t : cookbook::topics()) {
            if (t.name == r.topic) title = t.title;
        }
        nlohmann::json knobs = nlohmann::json::array();
        for (const cookbook::knob& k : cookbook::host::knobs_of(r.main)) {
            knobs.push_back({{"name", k.name}, {"value", k.value}, {"min", k.min}, {"max", k.max}, {"help", k.help}});
        }
        recipes.push_back({{"name", r.name},
                           {"topic", r.topic},
                           {"topicTitle", title},
                           {"summary", r.summary},
                           {"knobs", std::move(knobs)}});
    }
    return recipes.dump();
}

}  // namespace

page::page(app::session& s, run_mode mode) : session_(s), board_(mode) {
    the_page = this;
    if (mode == run_mode::replay) {
        session_.replay_instead([this](const cookbook::recipe& r, const std::vector<std::string>& arguments) {
            return replay(r, arguments);
        });
    }
}

page::~page() { the_page = nullptr; }

std::string page::replay(const cookbook::recipe& r, const std::vector<std::string>& arguments) {
    if (arguments != default_arguments(r)) {
        return "This page replays runs recorded with each recipe's default settings: other settings need "
               "threads, which this browser gives only to a cross-origin isolated page (see the notice "
               "above the visualizer).";
    }
    page_fetch_recording(std::string(r.name).c_str());
    return {};
}

void page::open_recording(const std::string& name) {
    const std::string base = "/recordings/" + name;
    std::string json = read_file(base + ".json");
    recorded_title_ = title_of_recording(name);
    recorded_output_ = lines_of(read_file(base + ".txt"));
    std::remove((base + ".json").c_str());
    std::remove((base + ".txt").c_str());
    session_.open_text(recorded_title_, std::move(json));
}

// A recording's view appears a frame or more after it was opened: give it its output then.
void page::attach_recorded_output() {
    app::run_view* v = session_.view();
    if (recorded_title_.empty() || !v || v->title != recorded_title_) return;
    v->output = std::move(recorded_output_);
    recorded_output_.clear();
    recorded_title_.clear();
}

void page::frame_drawn(const worker_warmup& workers, const ui::scene_place& scene) {
    attach_recorded_output();
    board_.set_workers(workers.ready_count(), workers.workers());
    board_.set_scene(scene);
    if (board_.update(session_)) page_status(board_.json().c_str());
    if (++frames_ == 1) page_first_frame();
}

}  // namespace viz::web

// ---- called by the page ----

using viz::web::the_page;

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* cookbook_catalog() {
    static const std::string json = viz::web::catalog_json();
    return json.c_str();
}

EMSCRIPTEN_KEEPALIVE int cookbook_choose(const char* name) {
    return the_page && the_page->session().choose_recipe(name) ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE int cookbook_set_knob(const char* name, int value) {
    return the_page && the_page->session().set_knob(name, value) ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE void cookbook_run_again() {
    if (the_page) the_page->session().run_again();
}

EMSCRIPTEN_KEEPALIVE void cookbook_stop() {
    if (the_page) the_page->session().stop();
}

EMSCRIPTEN_KEEPALIVE void cookbook_dismiss_error() {
    if (the_page) the_page->session().dismiss_error();
}

EMSCRIPTEN_KEEPALIVE void cookbook_playback(const char* action) {
    if (!the_page || !the_page->session().view()) return;
    viz::app::playback& clock = the_page->session().clock();
    const viz::timeline& tl = *the_page->session().view()->tl;
    const std::string_view a = action;
    if (a == "toggle") clock.toggle(tl);
    if (a == "step-forward") clock.step(tl, +1);
    if (a == "step-back") clock.step(tl, -1);
    if (a == "start") clock.home(tl);
    if (a == "end") clock.end_jump(tl);
    if (a == "faster") clock.set_speed(clock.speed() * 1.5);
    if (a == "slower") clock.set_speed(clock.speed() / 1.5);
}

EMSCRIPTEN_KEEPALIVE void cookbook_open_file(const char* path, const char* name) {
    if (!the_page) return;
    std::string json = viz::web::read_file(path);
    std::remove(path);
    the_page->session().open_text(name, std::move(json));
}

EMSCRIPTEN_KEEPALIVE void cookbook_open_recording(const char* name) {
    if (the_page) the_page->open_recording(name);
}

EMSCRIPTEN_KEEPALIVE const char* cookbook_output() {
    static std::string text;
    text.clear();
    if (const viz::app::run_view* v = the_page ? the_page->session().view() : nullptr) {
        for (const std::string& line : v->output) text += line + '\n';
    }
    return text.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* cookbook_export_trace() {
    static std::string text;
    text.clear();
    if (const viz::app::run_view* v = the_page ? the_page->session().view() : nullptr) {
        std::ostringstream out;
        chan::trace::write_json(out, v->tl->recording());
        text = std::move(out).str();
    }
    return text.c_str();
}

EMSCRIPTEN_KEEPALIVE double cookbook_frames() { return the_page ? static_cast<double>(the_page->frames()) : 0; }

}  // extern "C"
