// The visualizer's state in words and numbers, for the page around the canvas: its
// aria-live regions (Dear ImGui draws pixels that screen readers cannot see), its
// HTML controls, and the browser tests, which read it as `window.cookbookStatus`.
//
//   viz::web::status_board board(viz::web::run_mode::threads);
//   each frame, after session.update():
//     if (board.update(session)) publish(board.json());
//
// The JSON object (camelCase, for JavaScript):
//   mode        "threads" (recipes run here) or "replay" (recordings are replayed)
//   activity    "idle" | "running" | "ending" | "loading"
//   title, recipe, fromFile, live, ended, exitCode, runError, interrupted, stuck
//   events      events in the timeline so far
//   waits       of those, the ones that say an operation blocked (*_blocked): the only
//               events whose number depends on timing
//   messages    messages delivered: receives of a message whose send is in the trace
//               (the trace file's flow arrows)
//   threads, channels, event (the one on screen, -1 before the first), playing, atEnd
//   recordedSeconds  when the last event happened, in seconds after recording started
//   narration   the sentence for the event on screen
//   deadlock    null, or {summary, certain, threads: [sentence per stuck thread]}
//   error       the problem the visualizer shows (empty: none)
//   knobs       the chosen recipe's knobs: [{name, value, min, max, help}]
//   link        the recipe the address named: "" (none), "waiting" (for the workers),
//               "opened", or "refused" (unknown recipe or knob: `error` says why)
//   workers, workersReady   the Web Workers of the pool, and how many are ready
//   window      the canvas's size in CSS pixels, {width, height}, which the layout is for
//   layout      how the window is laid out: "wide", "stacked" or "tabbed" (app_window.hpp)
//   scene       where the scene is on the canvas, in CSS pixels: {x, y, width, height}
//               (width and height 0 while none is on screen)
// Counting is incremental, so a long live run costs only its new events per frame.
#pragma once

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <utility>

#include "app/session.hpp"
#include "ui/app_window.hpp"

namespace viz::web {

enum class run_mode { threads, replay };

// Counts a timeline's events as it grows: feed it the new ones in order.
class run_counter {
public:
    void add(const chan::trace::event& e);

    std::size_t events() const noexcept { return events_; }
    std::size_t waits() const noexcept { return waits_; }
    std::size_t messages() const noexcept { return messages_; }

private:
    std::size_t events_ = 0;
    std::size_t waits_ = 0;
    std::size_t messages_ = 0;
    std::set<std::pair<std::uint32_t, std::uint64_t>> sent_;  // (channel, message) of every send_done
};

class status_board {
public:
    explicit status_board(run_mode mode) : mode_(mode) {}

    // Reads the session; true when the JSON changed since the last call.
    bool update(const app::session& s);

    void set_link(std::string state) { link_ = std::move(state); }
    void set_workers(int ready, int total) noexcept { workers_ready_ = ready, workers_ = total; }
    void set_scene(const ui::scene_place& place) noexcept { scene_ = place; }
    const std::string& json() const noexcept { return json_; }

private:
    void follow(const app::run_view& v);

    run_mode mode_;
    std::string json_;
    std::string link_;
    int workers_ready_ = 0;
    int workers_ = 0;
    ui::scene_place scene_;

    const app::run_view* view_ = nullptr;  // the view counted
    run_counter counter_;
};

}  // namespace viz::web
