// Opening a trace file without stopping the GUI: the file is read, parsed and indexed
// into a timeline on a thread of its own.
//
//   viz::app::trace_loading job = viz::app::trace_loading::from_file("out.json");
//   each frame:  if (job.ready()) { viz::app::loaded_trace t = job.take(); ... }
//
// A file that cannot be read or is not a trace gives `loaded_trace::error`, a sentence
// naming the file and the problem (and where in the file it is); never an exception.
// The thread is detached: dropping a job that is still loading is fine.
#pragma once

#include <future>
#include <memory>
#include <string>

#include "model/timeline.hpp"

namespace viz::app {

struct loaded_trace {
    std::string name;                   // the file's path (or the name given with the text)
    std::unique_ptr<viz::timeline> tl;  // null when `error` says why
    std::string error;
    bool truncated = false;             // the file ended early but every complete record was kept
};

class trace_loading {
public:
    static trace_loading from_file(std::string path);
    // For hosts that get the bytes themselves (a browser's file picker).
    static trace_loading from_text(std::string name, std::string json);

    bool ready() const;
    // The result, once ready(); call at most once.
    loaded_trace take();

private:
    explicit trace_loading(std::future<loaded_trace> result) : result_(std::move(result)) {}
    std::future<loaded_trace> result_;
};

// The same, on the calling thread.
loaded_trace load_trace_file(const std::string& path);

}  // namespace viz::app
