// The native visualizer's command line.
//
//   visualizer                                  the recipe picker
//   visualizer TRACE.json                       open a trace file (also --trace FILE)
//   visualizer --recipe NAME [--KNOB N]...      run a recipe with some knobs set
//   visualizer --list                           the recipes' names
//
// Headless, for tests and documentation: render one frame, write it as a PNG, exit.
//   visualizer --recipe NAME [--KNOB N]... --screenshot out.png [--at 0.25 | --at 40%]...
//              [--size 1280x800] [--scale 2] [--clock events|real]
// --at: seconds of trace time after the first event, or a percentage of the way
// through the events (default: the end, or for a run found stuck in a deadlock the
// moment it was found stuck). The run is played to its end first. With
// several --at, one picture each: out-1.png, out-2.png, ...
//
// Anything else is an error with a message; the caller exits with status 2.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "model/frame.hpp"

namespace viz::native {

class usage_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct moment {
    double value = 0;
    bool percent = false;  // value is a percentage of the events, else seconds
};

struct options {
    std::string recipe;
    std::vector<std::pair<std::string, int>> knobs;
    std::string trace;
    bool list = false;
    bool help = false;

    std::string screenshot;  // headless when set
    std::vector<moment> at;
    int width = 1280;
    int height = 800;
    std::optional<float> scale;  // overrides the display's content scale
    std::optional<viz::time_axis> clock;
};

// Throws usage_error.
options parse_options(const std::vector<std::string>& args);

std::string usage_text(const std::string& program);

}  // namespace viz::native
