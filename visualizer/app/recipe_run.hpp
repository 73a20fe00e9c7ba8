// One run of a recipe inside this process: its main on a thread of its own, with
// tracing on, its printed lines captured, readable while it runs.
//
//   auto run = viz::app::recipe_run::start(*cookbook::find_recipe("worker_pool"), {"--workers", "2"});
//   each frame, on the GUI thread (nothing here blocks):
//     run->poll(batch);            // the events recorded since the last poll
//     run->take_output(lines);     // the lines printed since the last call
//     if (run->ended()) ...        // run->outcome(): how main returned
//   a stuck run (deadlock):  run->interrupt();   // every channel is disconnected, its threads return
//
// The recipe's thread is detached and shares its state with this object through a
// shared_ptr: the GUI thread never joins (a browser's main thread must not block).
// `ended()` turns true after the recipe's main has returned and recording has stopped.
//
// Tracing is process-wide: only one run may record at a time. Start the next run only
// once the previous one has ended (interrupt it first if it is stuck).
#pragma once

#include <chan/trace.hpp>

#include "catalog.hpp"

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace viz::app {

// How a run's main ended.
struct run_outcome {
    int exit_code = 0;
    std::string error;  // why it could not run or threw (empty: it returned exit_code)
};

class recipe_run {
public:
    // Starts recording and runs `r` with `arguments` (flags without a program name).
    static std::unique_ptr<recipe_run> start(const cookbook::recipe& r, std::vector<std::string> arguments);

    recipe_run(const recipe_run&) = delete;
    recipe_run& operator=(const recipe_run&) = delete;
    ~recipe_run();

    // Appends the events recorded since the last call; returns how many.
    std::size_t poll(chan::trace::recording& out);
    // Moves the lines printed since the last call to the end of `out`.
    void take_output(std::vector<std::string>& out);

    bool ended() const noexcept;
    // How main ended; meaningful once ended().
    run_outcome outcome() const;

    // Disconnects every channel of the run so that threads waiting forever wake up and
    // the run can end. Returns how many channels that disconnected.
    std::size_t interrupt() noexcept;
    bool interrupted() const noexcept { return interrupted_; }

    // Waits up to `seconds` for the run to end: for a host that is about to exit.
    bool wait_ended(double seconds) const;

    const std::vector<std::string>& arguments() const noexcept { return arguments_; }

private:
    struct shared;
    explicit recipe_run(std::vector<std::string> arguments);

    std::shared_ptr<shared> shared_;
    chan::trace::reader reader_;
    std::vector<std::string> arguments_;
    bool interrupted_ = false;
};

}  // namespace viz::app
