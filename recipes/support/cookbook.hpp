// What every recipe shares: its knobs (command-line flags) and its printing.
//
//   int main(int argc, char** argv) {
//       cookbook::args args(argc, argv, {{"capacity", 2, 0, 8, "slots in the jobs channel"}});
//       auto [tx, rx] = chan::bounded<int>(args.get<std::size_t>("capacity"), "jobs");
//       cookbook::println("capacity: ", *tx.capacity());
//   }
//
// `args` understands `--help`, `--capacity 3` and `--capacity=3`. Anything else (an
// unknown flag, a missing or malformed value, a value outside min..max) prints a
// message on stderr and exits with status 2, before the recipe starts a thread. It also
// names the calling thread "main" in traces.
//
// `println` writes one whole line at a time: lines printed by different threads never
// mix, and each line reaches stdout as soon as it is printed.
//
// Hosts (the visualizer, the catalog tests) run a recipe inside their own process
// through `cookbook::host`: there `args` throws instead of exiting, `println` hands each
// line to the host, and the knob list can be read without running the recipe.
#pragma once

#include <functional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace cookbook {

// A number the reader may turn: `--name value`, within min..max.
struct knob {
    std::string name;  // the flag without its dashes: "capacity" for --capacity
    int value;         // the default
    int min;
    int max;
    std::string help;  // what it changes, in a few words
};

// Why a recipe cannot start: what the command line got wrong. Thrown only in host
// mode; a standalone recipe prints the message and exits with status 2.
class usage_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The knobs of one run, parsed from the command line.
class args {
public:
    args(int argc, char** argv, std::vector<knob> knobs);

    // The value of knob `name`, converted to T: `get<int>("workers")`,
    // `get<std::size_t>("capacity")`, `get<std::chrono::milliseconds>("pause-ms")`.
    template <class T = int>
    T get(std::string_view name) const {
        return static_cast<T>(find(name).value);
    }

    const std::vector<knob>& knobs() const noexcept { return knobs_; }

private:
    const knob& find(std::string_view name) const;

    std::vector<knob> knobs_;  // each holding its value for this run
};

namespace detail {
void write_line(std::string line);
}

// Prints its arguments as one line (streamed with `<<`, booleans as true/false).
template <class... Parts>
void println(const Parts&... parts) {
    std::ostringstream line;
    line << std::boolalpha;
    (line << ... << parts);
    detail::write_line(std::move(line).str());
}

// ---- running a recipe inside another program ----
namespace host {

using entry_point = int (*)(int, char**);
using line_sink = std::function<void(std::string_view line)>;

// Runs `main` with `arguments` (the flags, without a program name) in this process,
// handing every printed line to `sink` (called under a lock, one line at a time, from
// whichever thread printed; so the sink must not call println). Returns main's result,
// 0 after `--help`. Throws `usage_error` for bad arguments. One in-process run at a
// time: a second call waits for the first to finish.
int run(entry_point main, std::string_view program_name, const std::vector<std::string>& arguments,
        line_sink sink);

// The knobs `main` declares, with their defaults, read without running the recipe:
// `main` is called in a mode where its `cookbook::args` throws them back at once.
std::vector<knob> knobs_of(entry_point main);

}  // namespace host
}  // namespace cookbook
