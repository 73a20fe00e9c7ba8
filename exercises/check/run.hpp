// Runs a learner's program the way a check needs it: traced (CHAN_TRACE), with its
// output captured, and within a time limit. A program still running at the limit is
// stopped with SIGTERM, which makes the library write its trace first (so the check can
// say who was waiting), and with SIGKILL if it does not end soon after.
#pragma once

#include <chan/trace/event.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace exercises {

struct run_result {
    std::vector<std::string> out;  // stdout, line by line
    std::string err;               // stderr
    int exit_code = -1;            // when it exited by itself
    int signal = 0;                // the signal that ended it, when one did
    bool timed_out = false;        // stopped at the time limit
    double seconds = 0;
    std::optional<chan::trace::recording> trace;
    std::string trace_error;  // why there is no trace, when there is none
};

struct run_options {
    std::string program;
    std::vector<std::string> args;
    std::string trace_path;  // where the program writes its trace
    std::chrono::milliseconds limit{5000};
};

// Throws std::runtime_error when the program cannot be started at all.
run_result run_program(const run_options& options);

}  // namespace exercises
