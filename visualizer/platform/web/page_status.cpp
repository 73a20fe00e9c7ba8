#include "platform/web/page_status.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace viz::web {

namespace {

using chan::trace::kind;

const char* activity_name(app::activity a) {
    switch (a) {
        case app::activity::idle: return "idle";
        case app::activity::running: return "running";
        case app::activity::ending: return "ending";
        case app::activity::loading: return "loading";
    }
    return "idle";
}

nlohmann::json deadlock_json(const viz::deadlock_report& d) {
    if (d.kind == viz::deadlock_kind::none) return nullptr;
    nlohmann::json threads = nlohmann::json::array();
    for (const viz::stuck_thread& t : d.threads) threads.push_back(t.text);
    return {{"summary", d.summary}, {"certain", d.certain}, {"threads", std::move(threads)}};
}

// In whole CSS pixels: a fraction of a pixel is no news to the page.
long px(float v) { return std::lround(v); }

nlohmann::json size_json(ImVec2 size) { return {{"width", px(size.x)}, {"height", px(size.y)}}; }

nlohmann::json rect_json(ImVec2 min, ImVec2 size) {
    return {{"x", px(min.x)}, {"y", px(min.y)}, {"width", px(size.x)}, {"height", px(size.y)}};
}

nlohmann::json knobs_json(const app::session& s) {
    nlohmann::json knobs = nlohmann::json::array();
    for (const cookbook::knob& k : s.knobs()) {
        knobs.push_back({{"name", k.name}, {"value", k.value}, {"min", k.min}, {"max", k.max}, {"help", k.help}});
    }
    return knobs;
}

}  // namespace

void run_counter::add(const chan::trace::event& e) {
    ++events_;
    switch (e.what) {
        case kind::send_blocked:
        case kind::recv_blocked:
        case kind::select_blocked: ++waits_; break;
        case kind::send_done: sent_.emplace(e.channel, e.message); break;
        case kind::recv_done: messages_ += sent_.count({e.channel, e.message}); break;
        default: break;
    }
}

void status_board::follow(const app::run_view& v) {
    if (&v != view_ || v.tl->size() < counter_.events()) {
        view_ = &v;
        counter_ = {};
    }
    for (std::size_t i = counter_.events(); i < v.tl->size(); ++i) counter_.add(v.tl->event(i));
}

bool status_board::update(const app::session& s) {
    nlohmann::json j = {
        {"mode", mode_ == run_mode::threads ? "threads" : "replay"},
        {"activity", activity_name(s.state())},
        {"recipe", s.recipe() ? std::string(s.recipe()->name) : ""},
        {"knobs", knobs_json(s)},
        {"error", s.error()},
        {"playing", s.clock().playing()},
        {"link", link_},
        {"workers", workers_},
        {"workersReady", workers_ready_},
        {"window", size_json(scene_.window)},
        {"layout", ui::layout_name(scene_.arrangement)},
        {"scene", rect_json(scene_.min, scene_.size)},
    };
    if (const app::run_view* v = s.view()) {
        follow(*v);
        const viz::timeline& tl = *v->tl;
        j.update({
            {"title", v->title},
            {"fromFile", v->from_file},
            {"live", v->live},
            {"ended", v->ended},
            {"exitCode", v->outcome.exit_code},
            {"runError", v->outcome.error},
            {"interrupted", v->interrupted},
            {"stuck", v->stuck_at.has_value()},
            {"events", counter_.events()},
            {"waits", counter_.waits()},
            {"messages", counter_.messages()},
            {"threads", tl.thread_count()},
            {"channels", tl.channel_count()},
            {"event", v->frame.event},
            {"recordedSeconds", tl.empty() ? 0.0 : static_cast<double>(tl.event(tl.size() - 1).time_ns) / 1e9},
            {"atEnd", !v->live && !tl.empty() && s.clock().time() >= s.clock().end(tl)},
            {"narration", v->narration()},
            {"deadlock", deadlock_json(v->deadlock())},
        });
    } else {
        view_ = nullptr;
    }
    std::string text = j.dump();
    if (text == json_) return false;
    json_ = std::move(text);
    return true;
}

}  // namespace viz::web
