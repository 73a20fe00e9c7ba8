#include "ui/words.hpp"

#include <cstdio>

namespace viz::ui {

std::string duration_words(std::int64_t ns) {
    char text[32];
    const double v = static_cast<double>(ns);
    if (ns < 1'000) {
        std::snprintf(text, sizeof text, "%lld ns", static_cast<long long>(ns));
    } else if (ns < 1'000'000) {
        std::snprintf(text, sizeof text, "%.1f µs", v / 1e3);
    } else if (ns < 1'000'000'000) {
        std::snprintf(text, sizeof text, "%.1f ms", v / 1e6);
    } else {
        std::snprintf(text, sizeof text, "%.3f s", v / 1e9);
    }
    return text;
}

std::string position_words(const app::run_view& v) {
    const viz::timeline& tl = *v.tl;
    if (tl.empty()) return "no events yet";
    if (v.frame.event < 0) return "before the first of " + std::to_string(tl.size()) + " events";
    const auto i = static_cast<std::size_t>(v.frame.event);
    return "event " + std::to_string(i + 1) + " of " + std::to_string(tl.size()) + " · " +
           duration_words(tl.event(i).time_ns - tl.start_ns());
}

std::string status_words(const app::session& s) {
    const app::run_view* v = s.view();
    switch (s.state()) {
        case app::activity::loading: return "loading the trace file…";
        case app::activity::ending: return "ending the previous run…";
        case app::activity::running:
            return v && v->interrupted ? "running · ending it: every channel was disconnected" : "running (live)";
        case app::activity::idle: break;
    }
    if (!v) return "nothing open";
    if (v->from_file) return "trace file";
    if (v->stuck_at) return "was stuck (deadlock): ended by disconnecting every channel";
    if (v->interrupted) return "stopped: ended by disconnecting every channel";
    if (!v->outcome.error.empty()) return "failed: " + v->outcome.error;
    if (v->outcome.exit_code != 0) return "finished with exit status " + std::to_string(v->outcome.exit_code);
    return "finished";
}

}  // namespace viz::ui
