#include "app/session.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <utility>

namespace viz::app {

namespace {

bool ends_with(std::string_view text, std::string_view end) {
    return text.size() >= end.size() && text.substr(text.size() - end.size()) == end;
}

// The index of the recording's file that is `r`'s source file (0: none).
std::uint32_t file_of_recipe(const chan::trace::recording& rec, const cookbook::recipe& r) {
    for (std::size_t f = 1; f < rec.files.size(); ++f) {
        if (ends_with(rec.files[f], r.path)) return static_cast<std::uint32_t>(f);
    }
    return 0;
}

std::string read_text_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return {};
    std::ostringstream text;
    text << in.rdbuf();
    return std::move(text).str();
}

// The file most events point at that can be read, and its text.
std::pair<std::uint32_t, std::string> busiest_readable_file(const chan::trace::recording& rec) {
    std::vector<std::size_t> counts(rec.files.size(), 0);
    for (const chan::trace::event& e : rec.events) {
        if (e.file > 0 && e.file < counts.size()) ++counts[e.file];
    }
    std::vector<std::uint32_t> order;
    for (std::size_t f = 1; f < rec.files.size(); ++f) {
        if (counts[f] > 0) order.push_back(static_cast<std::uint32_t>(f));
    }
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return counts[a] > counts[b]; });
    for (std::uint32_t f : order) {
        std::string text = read_text_file(rec.files[f]);
        if (!text.empty()) return {f, std::move(text)};
    }
    return {0, {}};
}

// What the layout depends on: threads, channels, and who uses which channel how.
std::size_t layout_signature(const viz::timeline& tl) {
    std::size_t uses = 0;
    for (std::size_t ci = 0; ci < tl.channel_count(); ++ci) {
        for (const viz::channel_use& u : tl.channel(ci).uses) {
            uses += (u.first_send != viz::no_event) + (u.first_recv != viz::no_event) + 1;
        }
    }
    return (tl.thread_count() * 1'000'003 + tl.channel_count()) * 1'000'003 + uses;
}

// The deadlock report at the frame's event; up to the moment a stuck run was found
// stuck, judged on the run as it was then.
viz::deadlock_report deadlock_at(run_view& v) {
    const std::ptrdiff_t at = v.frame.event;
    if (at < 0) return {};
    if (v.before_interrupt_probe && at <= static_cast<std::ptrdiff_t>(*v.stuck_at)) {
        v.before_interrupt_probe->seek(at);
        return viz::find_deadlock(*v.before_interrupt_probe);
    }
    return viz::find_deadlock(v.picture);
}

}  // namespace

run_view::run_view(std::unique_ptr<viz::timeline> timeline) : tl(std::move(timeline)), picture(*tl), probe(*tl) {}

void attach_source(run_view& v) {
    const chan::trace::recording& rec = v.tl->recording();
    for (const cookbook::recipe& r : cookbook::catalog()) {
        if (const std::uint32_t f = file_of_recipe(rec, r)) {
            v.recipe = &r;
            v.source = std::string(r.source);
            v.source_file = f;
            return;
        }
    }
    auto [file, text] = busiest_readable_file(rec);
    v.source_file = file;
    v.source = std::move(text);
}

// ---- lifetime ----

session::~session() {
    if (run_ && !run_->ended()) run_->interrupt();
}

bool session::shutdown(double seconds) {
    pending_.reset();
    bool ended = true;
    for (recipe_run* r : {run_.get(), retiring_.get()}) {
        if (!r || r->ended()) continue;
        r->interrupt();
        ended = r->wait_ended(seconds) && ended;
    }
    return ended;
}

activity session::state() const noexcept {
    if (loading_) return activity::loading;
    // A run stays `running` until update() has taken its last events, even if its main
    // has already returned.
    if (run_) return run_->interrupted() && pending_ ? activity::ending : activity::running;
    if (retiring_ && pending_) return activity::ending;
    return activity::idle;
}

// ---- choosing what to show ----

bool session::choose_recipe(std::string_view name, const std::vector<std::pair<std::string, int>>& knobs) {
    const cookbook::recipe* r = cookbook::find_recipe(name);
    if (!r) {
        error_ = "There is no recipe named '" + std::string(name) + "'.";
        return false;
    }
    std::vector<cookbook::knob> previous = std::exchange(knobs_, {});
    const cookbook::recipe* previous_recipe = std::exchange(recipe_, r);
    bool ok = true;
    try {
        knobs_ = cookbook::host::knobs_of(r->main);
    } catch (const std::exception& e) {
        error_ = std::string(r->name) + ": " + e.what();
        ok = false;
    }
    for (const auto& [knob, value] : knobs) ok = ok && set_knob(knob, value);
    if (!ok) {  // keep what was chosen before
        knobs_ = std::move(previous);
        recipe_ = previous_recipe;
        return false;
    }
    run_again();
    return true;
}

bool session::set_knob(std::string_view name, int value) {
    for (cookbook::knob& k : knobs_) {
        if (k.name != name) continue;
        if (value < k.min || value > k.max) {
            error_ = "--" + k.name + " must be between " + std::to_string(k.min) + " and " + std::to_string(k.max) +
                     ", not " + std::to_string(value) + ".";
            return false;
        }
        k.value = value;
        return true;
    }
    error_ = recipe_ ? std::string(recipe_->name) + " has no knob --" + std::string(name) + "."
                     : "No recipe is chosen, so there is no knob --" + std::string(name) + ".";
    return false;
}

std::string session::run_title() const {
    std::string title(recipe_->name);
    const std::vector<cookbook::knob> defaults = cookbook::host::knobs_of(recipe_->main);
    for (std::size_t i = 0; i < knobs_.size() && i < defaults.size(); ++i) {
        if (knobs_[i].value != defaults[i].value) title += " --" + knobs_[i].name + " " + std::to_string(knobs_[i].value);
    }
    return title;
}

void session::run_again() {
    if (!recipe_) return;
    start_request r{recipe_, {}, run_title()};
    for (const cookbook::knob& k : knobs_) {
        r.arguments.push_back("--" + k.name);
        r.arguments.push_back(std::to_string(k.value));
    }
    request(std::move(r));
}

void session::request(start_request r) {
    loading_.reset();  // a file still loading is no longer wanted
    if (run_ && !run_->ended()) {
        run_->interrupt();
        pending_ = std::move(r);
    } else if (retiring_) {
        pending_ = std::move(r);
    } else {
        start(std::move(r));
    }
}

void session::start(start_request r) {
    if (replayer_) {
        if (std::string problem = replayer_(*r.recipe, r.arguments); !problem.empty()) error_ = std::move(problem);
        return;
    }
    run_ = recipe_run::start(*r.recipe, std::move(r.arguments));
    auto v = std::make_unique<run_view>(std::make_unique<viz::timeline>());
    v->title = std::move(r.title);
    v->recipe = r.recipe;
    v->source = std::string(r.recipe->source);
    v->live = true;
    view_ = std::move(v);
    batch_ = {};
    quiet_seconds_ = 0;
    stuck_checked_ = false;
    clock_.reset();
    clock_.set_live(true);
    clock_.play();
}

void session::open_file(std::string path) {
    pending_.reset();
    loading_ = trace_loading::from_file(std::move(path));
}

void session::open_text(std::string name, std::string json) {
    pending_.reset();
    loading_ = trace_loading::from_text(std::move(name), std::move(json));
}

void session::stop() {
    if (run_ && !run_->ended()) {
        run_->interrupt();
        if (view_) view_->interrupted = true;
    }
}

// ---- each frame ----

void session::update(double wall_seconds) {
    if (retiring_ && retiring_->ended()) retiring_.reset();
    if (run_) poll_run(wall_seconds);
    if (loading_ && loading_->ready()) poll_loading();
    if (pending_ && !run_ && !retiring_) {
        start(std::move(*pending_));
        pending_.reset();
    }
    if (!view_) return;
    clock_.advance(wall_seconds, *view_->tl);
    refresh(*view_);
}

void session::poll_run(double wall_seconds) {
    run_view& v = *view_;
    // Read `ended` first: once it is true, this poll gets every remaining event.
    const bool ended = run_->ended();
    if (run_->poll(batch_) > 0) {
        v.tl->append(std::move(batch_));
        batch_ = {};
        quiet_seconds_ = 0;
        stuck_checked_ = false;
    } else {
        quiet_seconds_ += wall_seconds;
    }
    run_->take_output(v.output);
    if (ended) {
        finish_run();
    } else {
        check_stuck();
    }
}

void session::finish_run() {
    run_view& v = *view_;
    v.live = false;
    v.ended = true;
    v.outcome = run_->outcome();
    v.interrupted = v.interrupted || run_->interrupted();
    if (!v.outcome.error.empty()) error_ = v.title + ": " + v.outcome.error;
    clock_.set_live(false);
    run_.reset();
}

void session::check_stuck() {
    run_view& v = *view_;
    if (stuck_checked_ || quiet_seconds_ < stuck_after_seconds || v.tl->empty() || run_->interrupted()) return;
    stuck_checked_ = true;
    const std::size_t last = v.tl->size() - 1;
    v.probe.seek(static_cast<std::ptrdiff_t>(last));
    const viz::deadlock_report d = viz::find_deadlock(v.probe);
    if (!d || !d.certain) return;
    v.stuck_at = last;
    chan::trace::recording before = v.tl->recording();
    before.events.resize(last + 1);
    v.before_interrupt = std::make_unique<viz::timeline>(std::move(before));
    v.before_interrupt_probe = std::make_unique<viz::cursor>(*v.before_interrupt);
    v.interrupted = true;
    clock_.set_pause_point(last);
    run_->interrupt();
}

void session::poll_loading() {
    loaded_trace t = loading_->take();
    loading_.reset();
    if (!t.tl) {
        error_ = t.error;
        return;
    }
    if (run_ && !run_->ended()) {
        run_->interrupt();
        retiring_ = std::move(run_);
    }
    run_.reset();
    auto v = std::make_unique<run_view>(std::move(t.tl));
    v->title = t.name;
    v->from_file = true;
    v->ended = true;
    attach_source(*v);
    if (t.truncated) error_ = t.name + " ends early; every complete record in it is shown.";
    view_ = std::move(v);
    clock_.reset();
    clock_.seek(*view_->tl, clock_.start(*view_->tl), true);
    clock_.play();
}

void session::refresh(run_view& v) {
    const viz::timeline& tl = *v.tl;
    if (const std::size_t sig = layout_signature(tl); sig != v.layout_signature) {
        v.lay = viz::compute_layout(tl);
        v.layout_signature = sig;
    }
    if (v.recipe && v.source_file == 0) v.source_file = file_of_recipe(tl.recording(), *v.recipe);
    viz::compute_frame(v.picture, clock_.time(), clock_.animation(), v.frame);
    const std::ptrdiff_t at = v.frame.event;
    v.deadlock_.get(tl, at, [&](viz::deadlock_report& d) { d = deadlock_at(v); });
    v.narration_.get(tl, at, [&](std::string& s) {
        s = at >= 0 ? viz::narrate(v.probe, static_cast<std::size_t>(at)) : std::string();
    });
}

}  // namespace viz::app
