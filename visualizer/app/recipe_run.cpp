#include "app/recipe_run.hpp"

#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <utility>

namespace viz::app {

// What the recipe's thread and the GUI thread share. The recipe's thread writes
// `outcome` and then sets `done` (under the mutex); the GUI thread reads `outcome`
// only after seeing `done`.
struct recipe_run::shared {
    std::mutex mutex;
    std::condition_variable ended;
    std::vector<std::string> lines;  // printed, not yet taken
    run_outcome outcome;
    bool done = false;
};

namespace {

// Runs the recipe's main, turning every way it can fail into an outcome.
run_outcome run_main(const cookbook::recipe& r, const std::vector<std::string>& arguments,
                     cookbook::host::line_sink sink) {
    run_outcome outcome;
    try {
        outcome.exit_code = cookbook::host::run(r.main, r.name, arguments, std::move(sink));
    } catch (const cookbook::usage_error& e) {
        outcome.exit_code = 2;
        outcome.error = e.what();
    } catch (const std::exception& e) {
        outcome.exit_code = 1;
        outcome.error = std::string("the recipe threw: ") + e.what();
    } catch (...) {
        outcome.exit_code = 1;
        outcome.error = "the recipe threw an exception that is not a std::exception";
    }
    return outcome;
}

}  // namespace

recipe_run::recipe_run(std::vector<std::string> arguments)
    : shared_(std::make_shared<shared>()), arguments_(std::move(arguments)) {}

recipe_run::~recipe_run() = default;

std::unique_ptr<recipe_run> recipe_run::start(const cookbook::recipe& r, std::vector<std::string> arguments) {
    std::unique_ptr<recipe_run> run(new recipe_run(std::move(arguments)));
    // Recording starts here, before the reader's first poll, so that the reader can
    // never see events of an earlier recording.
    chan::trace::start();
    std::thread([state = run->shared_, &r, args = run->arguments_] {
        run_outcome outcome = run_main(r, args, [&state](std::string_view line) {
            std::lock_guard lock(state->mutex);
            state->lines.emplace_back(line);
        });
        chan::trace::stop();
        std::lock_guard lock(state->mutex);
        state->outcome = std::move(outcome);
        state->done = true;
        state->ended.notify_all();
    }).detach();
    return run;
}

std::size_t recipe_run::poll(chan::trace::recording& out) { return reader_.poll(out); }

void recipe_run::take_output(std::vector<std::string>& out) {
    std::lock_guard lock(shared_->mutex);
    for (std::string& line : shared_->lines) out.push_back(std::move(line));
    shared_->lines.clear();
}

bool recipe_run::ended() const noexcept {
    std::lock_guard lock(shared_->mutex);
    return shared_->done;
}

run_outcome recipe_run::outcome() const {
    std::lock_guard lock(shared_->mutex);
    return shared_->outcome;
}

std::size_t recipe_run::interrupt() noexcept {
    interrupted_ = true;
    // The closes are recorded on the calling thread: name it, or the scene shows a
    // stranger ("thread 4") ending the run.
    chan::trace::name_thread("visualizer");
    return chan::trace::close_all_channels();
}

bool recipe_run::wait_ended(double seconds) const {
    std::unique_lock lock(shared_->mutex);
    return shared_->ended.wait_for(lock, std::chrono::duration<double>(seconds), [&] { return shared_->done; });
}

}  // namespace viz::app
