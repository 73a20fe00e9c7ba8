#include "cookbook.hpp"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <iostream>
#include <mutex>
#include <utility>

#include <chan/trace.hpp>

namespace cookbook {
namespace {

// How `args` behaves on the thread that calls a recipe's main. Hosts switch it for
// the duration of one call (see host::run and host::knobs_of).
enum class mode { standalone, hosted, describing };
thread_local mode current_mode = mode::standalone;

// Thrown by `args` in describing mode: the knob list, before the recipe does anything.
struct knobs_described {
    std::vector<knob> knobs;
};
// Thrown by `args` in hosted mode after printing the help.
struct help_shown {};

// Where lines go: stdout, or a host's sink. Guarded by output_mutex.
std::mutex output_mutex;
host::line_sink output_sink;

std::string program_name(int argc, char** argv) {
    if (argc < 1 || argv[0] == nullptr) return "recipe";
    const std::string_view path = argv[0];
    const std::size_t slash = path.find_last_of("/\\");
    return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

std::string knob_names(const std::vector<knob>& knobs) {
    if (knobs.empty()) return "this recipe has no knobs";
    std::string names = "knobs:";
    for (const knob& k : knobs) names += " --" + k.name;
    return names;
}

std::string usage(const std::string& program, const std::vector<knob>& knobs) {
    std::ostringstream text;
    text << "usage: " << program << (knobs.empty() ? "" : " [--knob value]...") << '\n';
    if (knobs.empty()) text << "This recipe has no knobs.\n";
    std::size_t width = 0;
    for (const knob& k : knobs) width = std::max(width, k.name.size());
    for (const knob& k : knobs) {
        text << "  --" << k.name << " N" << std::string(width - k.name.size() + 2, ' ') << k.help << " (default "
             << k.value << ", " << k.min << " to " << k.max << ")\n";
    }
    return text.str();
}

// A recipe that declares a knob badly has a bug: that is not the user's fault.
void check_declarations(const std::vector<knob>& knobs) {
    for (std::size_t i = 0; i < knobs.size(); ++i) {
        const knob& k = knobs[i];
        if (k.name.empty() || k.name.front() == '-' || k.min > k.max || k.value < k.min || k.value > k.max) {
            throw std::logic_error("cookbook::args: knob '" + k.name + "' is declared badly");
        }
        for (std::size_t j = 0; j < i; ++j) {
            if (knobs[j].name == k.name) throw std::logic_error("cookbook::args: knob '" + k.name + "' declared twice");
        }
    }
}

int parse_value(const knob& k, std::string_view text) {
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || text.empty()) {
        throw usage_error("--" + k.name + ": '" + std::string(text) + "' is not a whole number");
    }
    if (value < k.min || value > k.max) {
        throw usage_error("--" + k.name + ": " + std::string(text) + " is outside " + std::to_string(k.min) +
                          " to " + std::to_string(k.max));
    }
    return value;
}

// Applies `--name value` and `--name=value` flags to `knobs`; returns false for --help.
bool parse(int argc, char** argv, std::vector<knob>& knobs) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--help" || arg == "-h") return false;
        if (arg.substr(0, 2) != "--") throw usage_error("unexpected argument '" + std::string(arg) + "'");
        const std::size_t equals = arg.find('=');
        const std::string_view name = arg.substr(2, equals == std::string_view::npos ? arg.npos : equals - 2);
        knob* k = nullptr;
        for (knob& candidate : knobs) {
            if (candidate.name == name) k = &candidate;
        }
        if (!k) throw usage_error("unknown option '--" + std::string(name) + "' (" + knob_names(knobs) + ")");
        if (equals != std::string_view::npos) {
            k->value = parse_value(*k, arg.substr(equals + 1));
        } else if (i + 1 < argc) {
            k->value = parse_value(*k, argv[++i]);
        } else {
            throw usage_error("--" + k->name + " needs a value");
        }
    }
    return true;
}

}  // namespace

args::args(int argc, char** argv, std::vector<knob> knobs) : knobs_(std::move(knobs)) {
    check_declarations(knobs_);
    if (current_mode == mode::describing) throw knobs_described{knobs_};
    chan::trace::name_thread("main");
    const std::string program = program_name(argc, argv);
    try {
        if (parse(argc, argv, knobs_)) return;
    } catch (const usage_error& e) {
        if (current_mode == mode::hosted) throw;
        std::cerr << program << ": " << e.what() << "\nRun '" << program << " --help' for its usage.\n";
        std::exit(2);
    }
    // --help
    std::string text = usage(program, knobs_);
    if (current_mode == mode::hosted) {
        std::istringstream lines(text);
        for (std::string line; std::getline(lines, line);) detail::write_line(line);
        throw help_shown{};
    }
    std::cout << text << std::flush;
    std::exit(0);
}

const knob& args::find(std::string_view name) const {
    for (const knob& k : knobs_) {
        if (k.name == name) return k;
    }
    throw std::logic_error("cookbook::args: the recipe reads knob '" + std::string(name) + "' it did not declare");
}

void detail::write_line(std::string line) {
    std::lock_guard lock(output_mutex);
    if (output_sink) {
        output_sink(line);
    } else {
        line += '\n';
        std::cout << line << std::flush;
    }
}

namespace host {
namespace {

// Sets the calling thread's mode for one call to a recipe's main, and restores it.
class scoped_mode {
public:
    explicit scoped_mode(mode m) : previous_(std::exchange(current_mode, m)) {}
    scoped_mode(const scoped_mode&) = delete;
    scoped_mode& operator=(const scoped_mode&) = delete;
    ~scoped_mode() { current_mode = previous_; }

private:
    mode previous_;
};

// Sends every printed line to a host's sink while it lives.
class scoped_sink {
public:
    explicit scoped_sink(line_sink sink) {
        std::lock_guard lock(output_mutex);
        output_sink = std::move(sink);
    }
    scoped_sink(const scoped_sink&) = delete;
    scoped_sink& operator=(const scoped_sink&) = delete;
    ~scoped_sink() {
        std::lock_guard lock(output_mutex);
        output_sink = nullptr;
    }
};

std::mutex run_mutex;  // one in-process run at a time: the output sink is global

}  // namespace

int run(entry_point main, std::string_view program_name, const std::vector<std::string>& arguments,
        line_sink sink) {
    std::lock_guard lock(run_mutex);
    std::vector<std::string> storage{std::string(program_name)};
    storage.insert(storage.end(), arguments.begin(), arguments.end());
    std::vector<char*> argv;
    for (std::string& s : storage) argv.push_back(s.data());
    argv.push_back(nullptr);

    scoped_sink output(std::move(sink));
    scoped_mode hosted(mode::hosted);
    try {
        return main(static_cast<int>(storage.size()), argv.data());
    } catch (const help_shown&) {
        return 0;
    }
}

std::vector<knob> knobs_of(entry_point main) {
    // No sink: in this mode args throws before the recipe can print anything.
    scoped_mode describing(mode::describing);
    std::string name = "recipe";
    char* argv[] = {name.data(), nullptr};
    try {
        main(1, argv);
    } catch (knobs_described& d) {
        return std::move(d.knobs);
    }
    throw std::logic_error("cookbook::host::knobs_of: the recipe did not start with cookbook::args");
}

}  // namespace host
}  // namespace cookbook
