#include "support.hpp"

#include <chan/trace/json.hpp>
#include <chan/trace/json_format.hpp>
#include <chan/trace/load.hpp>

#include <map>

#include "perfetto_rules.hpp"

namespace trace_test {

std::string describe(const event& e) {
    std::string s = "t" + std::to_string(e.thread) + " " + std::string(chan::trace::to_string(e.what));
    if (e.channel) s += " ch" + std::to_string(e.channel);
    const bool numbered = e.what == kind::send_done || e.what == kind::recv_done || e.what == kind::timer_fired;
    if (numbered) s += " m" + std::to_string(e.message);
    if (e.a && e.what != kind::timer_fired) s += " a=" + std::to_string(e.a);  // a timer's due time varies
    if (e.b) s += " b=" + std::to_string(e.b);
    const std::string_view d = chan::trace::json_format::detail_name(e.what, e.detail);
    if (!d.empty()) s += " " + std::string(d);
    if (e.arm != -1) s += " arm" + std::to_string(e.arm);
    if (!e.text.empty()) s += " '" + e.text + "'";
    return s;
}

actor::actor(std::string name) : thread_([this, name = std::move(name)] { run(name); }) {}

actor::~actor() {
    {
        std::lock_guard lock(mutex_);
        done_ = true;
    }
    wake_.notify_one();
    thread_.join();
}

void actor::post(std::function<void()> action) {
    {
        std::lock_guard lock(mutex_);
        actions_.push_back(std::move(action));
    }
    wake_.notify_one();
}

void actor::run(std::string name) {
    chan::trace::name_thread(std::move(name));
    for (;;) {
        std::function<void()> action;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [&] { return done_ || !actions_.empty(); });
            if (actions_.empty()) return;
            action = std::move(actions_.front());
            actions_.pop_front();
        }
        action();
    }
}

std::vector<delivery> deliveries(const recording& r) {
    std::map<std::pair<std::uint32_t, std::uint64_t>, const event*> sends;
    std::vector<delivery> out;
    for (const event& e : r.events) {
        if (e.what == kind::send_done) sends[{e.channel, e.message}] = &e;
        if (e.what != kind::recv_done) continue;
        const auto s = sends.find({e.channel, e.message});
        if (s != sends.end()) out.push_back({s->second->thread, e.thread, s->second->time_ns, e.time_ns});
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::string check_trace_file(const recording& r) {
    const std::string file = chan::trace::to_json(r);
    const perfetto_view v = perfetto_rules(file);
    CHECK(v.problems == std::vector<std::string>{});

    std::vector<delivery> arrows;
    for (const auto& f : v.flows) {
        arrows.push_back({static_cast<std::uint32_t>(f.from_tid), static_cast<std::uint32_t>(f.to_tid), f.from_ns,
                          f.to_ns});
        const auto starts = [](const std::string& s, const char* p) { return s.rfind(p, 0) == 0; };
        CHECK((starts(f.from_slice, "send") || starts(f.from_slice, "select") || starts(f.from_slice, "blocked")));
        CHECK((starts(f.to_slice, "recv") || starts(f.to_slice, "select") || starts(f.to_slice, "blocked")));
    }
    std::sort(arrows.begin(), arrows.end());
    CHECK(arrows.size() == deliveries(r).size());
    CHECK((arrows == deliveries(r)));

    const recording back = chan::trace::load(file);
    CHECK(back.files == r.files);
    REQUIRE(back.events.size() == r.events.size());
    for (std::size_t i = 0; i < r.events.size(); ++i) {
        if (back.events[i] == r.events[i]) continue;
        FAIL_CHECK("event " << i << " changed: " << describe(r.events[i]) << " came back as "
                            << describe(back.events[i]));
        break;
    }
    return file;
}

}  // namespace trace_test
