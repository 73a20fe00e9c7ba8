// The visualizer's state and behaviour, without GL or ImGui: what is open (a recipe run
// live or finished, or a trace file), its timeline and the picture at the playback
// time with the deadlock report and the narration there, and what the controls ask
// for. The native and browser builds share it; the ui layer draws it and calls it, and
// the browser's page reads it.
//
//   viz::app::session s;
//   s.choose_recipe("worker_pool");          // or s.open_file("out.json")
//   each frame, on the GUI thread:
//     s.update(wall_seconds);                // polls the run or the loader; never blocks
//     if (const viz::app::run_view* v = s.view()) draw(v->frame, v->scene(), v->lay, ...);
//
// Runs: choosing a recipe, changing a knob and running again, or opening a file while a
// run is still going first interrupts it (close_all_channels) and starts the next one
// once it has ended, because only one run can record at a time. A run that goes quiet
// with every live thread stuck for good (a certain deadlock) is interrupted the same
// way; `run_view::stuck_at` remembers where, and playback pauses there.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/playback.hpp"
#include "app/recipe_run.hpp"
#include "app/trace_loading.hpp"
#include "catalog.hpp"
#include "model/model.hpp"

namespace viz::app {

// One run on screen. Heap-held and never moved: its cursors refer to its timeline.
struct run_view {
    explicit run_view(std::unique_ptr<viz::timeline> timeline);
    run_view(const run_view&) = delete;
    run_view& operator=(const run_view&) = delete;

    std::unique_ptr<viz::timeline> tl;
    viz::layout lay;
    viz::cursor picture;  // at the frame's event: the scene drawn
    viz::cursor probe;    // for looking elsewhere (the live end, the event log)
    viz::frame frame;

    std::string title;                         // "worker_pool --capacity 1", or the file's path
    bool from_file = false;                    // a trace file, not a run of this process
    const cookbook::recipe* recipe = nullptr;  // the recipe that ran (also for a file of one of its runs)
    std::string source;                        // the program's source, when known
    std::uint32_t source_file = 0;             // its index in tl->recording().files (0: none matches)
    std::vector<std::string> output;           // lines the recipe printed

    bool live = false;                  // a run still going
    bool ended = false;                 // the run has ended (a file: always)
    run_outcome outcome;                // how its main ended
    bool interrupted = false;           // it was ended by disconnecting its channels
    std::optional<std::size_t> stuck_at;  // the last event before it was found stuck

    // A stuck run as it was when found stuck (events up to stuck_at), for judging the
    // deadlock up to that moment: the full trace goes on with the interruption, whose
    // channels close one at a time, so that a wait may end in it by a completion and
    // look, with hindsight, like a pause rather than a deadlock.
    std::unique_ptr<viz::timeline> before_interrupt;
    std::unique_ptr<viz::cursor> before_interrupt_probe;

    const viz::scene& scene() const noexcept { return picture.current(); }
    // Who waits with nothing left to wake them, at frame.event (deadlock.hpp).
    const viz::deadlock_report& deadlock() const noexcept { return deadlock_.value(); }
    // The sentence for frame.event ("" before the first event), for the narration line
    // under the scene and for the page around the browser's canvas.
    const std::string& narration() const noexcept { return narration_.value(); }

private:
    friend class session;
    std::size_t layout_signature = 0;  // threads, channels and uses the layout was made for
    viz::computed_at<viz::deadlock_report> deadlock_;
    viz::computed_at<std::string> narration_;
};

enum class activity : std::uint8_t {
    idle,     // nothing open, or a finished run / loaded file on screen
    running,  // a recipe is running (live)
    ending,   // a run is being interrupted so that the next one can start
    loading,  // a trace file is being read
};

class session {
public:
    session() = default;
    session(const session&) = delete;
    session& operator=(const session&) = delete;
    // Interrupts a run still going, without waiting for it (see shutdown).
    ~session();

    // For a host about to exit: interrupts any run and waits up to `seconds` for it to
    // end. False if one is still going (its thread may still be inside the recipe).
    bool shutdown(double seconds);

    // ---- what to show ----
    // Selects a recipe, sets the given knobs (the others keep their defaults) and runs
    // it. False, with nothing started and `error()` saying why, when there is no recipe
    // of that name or a knob is unknown or out of range.
    bool choose_recipe(std::string_view name, const std::vector<std::pair<std::string, int>>& knobs = {});
    // Sets a knob of the chosen recipe for the next run. False (and `error()`) when it
    // has no such knob or the value is out of range.
    bool set_knob(std::string_view name, int value);
    // Runs the chosen recipe again with the current knobs.
    void run_again();
    // Opens a trace file (read on another thread); a bad file gives `error()` and
    // leaves what is on screen.
    void open_file(std::string path);
    void open_text(std::string name, std::string json);
    // Interrupts a live run (its channels are disconnected so that its threads end).
    void stop();

    // For hosts that cannot start threads (a browser page that is not cross-origin
    // isolated): with a replayer set, a run that would start calls it instead, and the
    // host later opens a recording of that recipe with open_text(). It returns a
    // problem to show instead (empty: the recording is on its way).
    using replayer = std::function<std::string(const cookbook::recipe&, const std::vector<std::string>& arguments)>;
    void replay_instead(replayer r) { replayer_ = std::move(r); }

    // ---- each frame ----
    void update(double wall_seconds);

    // ---- reading ----
    const run_view* view() const noexcept { return view_.get(); }
    run_view* view() noexcept { return view_.get(); }
    playback& clock() noexcept { return clock_; }
    const playback& clock() const noexcept { return clock_; }
    activity state() const noexcept;
    // Something is still to come: a run going or ending, a file loading, a run waiting to start.
    bool busy() const noexcept { return state() != activity::idle || pending_.has_value(); }

    const cookbook::recipe* recipe() const noexcept { return recipe_; }
    const std::vector<cookbook::knob>& knobs() const noexcept { return knobs_; }

    // The last problem to tell the user (empty: none), until dismissed.
    const std::string& error() const noexcept { return error_; }
    void dismiss_error() noexcept { error_.clear(); }

    // How long a run must stay quiet, with every live thread stuck, before it is ended.
    static constexpr double stuck_after_seconds = 0.75;

private:
    struct start_request {
        const cookbook::recipe* recipe;
        std::vector<std::string> arguments;
        std::string title;
    };

    void request(start_request r);
    void start(start_request r);
    void poll_run(double wall_seconds);
    void finish_run();
    void check_stuck();
    void poll_loading();
    void refresh(run_view& v);
    std::string run_title() const;

    playback clock_;
    std::unique_ptr<run_view> view_;
    std::unique_ptr<recipe_run> run_;       // the run on screen, live or ending
    std::unique_ptr<recipe_run> retiring_;  // a run no longer on screen, still ending
    std::optional<trace_loading> loading_;
    std::optional<start_request> pending_;
    chan::trace::recording batch_;

    const cookbook::recipe* recipe_ = nullptr;
    std::vector<cookbook::knob> knobs_;  // the chosen recipe's, each holding its current value
    std::string error_;
    replayer replayer_;
    double quiet_seconds_ = 0;  // since the live run's last event
    bool stuck_checked_ = false;
};

// Finds the source a trace's events point at: the catalog recipe whose path ends one of
// the recording's file names, else a file that can be read from disk (the one most
// events point at). Fills `v.recipe`, `v.source` and `v.source_file`.
void attach_source(run_view& v);

}  // namespace viz::app
