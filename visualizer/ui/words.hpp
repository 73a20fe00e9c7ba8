// Short texts the panels share: durations, event positions, run status.
#pragma once

#include <cstdint>
#include <string>

#include "app/session.hpp"

namespace viz::ui {

// "850 ns", "12.5 µs", "153.2 ms", "2.350 s".
std::string duration_words(std::int64_t ns);

// "event 41 of 120 · 153.2 ms" for the picture's current event.
std::string position_words(const app::run_view& v);

// What the session is doing, for the status line: "running…", "finished", "stuck: ended by
// closing its channels", "loading out.json…".
std::string status_words(const app::session& s);

}  // namespace viz::ui
