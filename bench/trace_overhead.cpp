// What tracing costs. For every workload x flavor cell of the suite (workloads.hpp):
//   off      tracing compiled out (chan-bench-trace-off, built from bench_one.cpp with
//            CHAN_DISABLE_TRACING)
//   idle     tracing compiled in, no recording (chan-bench-trace-idle, the same file
//            without it): the price every program pays
//   ratio    idle / off (target: within 1.03): the median of the ratios of the runs
//            made back to back, with the middle half of them (their quartiles), which
//            says whether a ratio is a cost or the machine's noise
//   traced   extra nanoseconds per message while a recording is on
// Each measurement is its own process (the two builds cannot share one), and the off
// and idle runs of a cell alternate, REPEATS times each, so that a machine that gets
// busier or quieter affects both alike; off and idle are medians.
//
// usage: chan-bench-trace [REGEX]   REGEX picks "workload/flavor" cells
// env:   MESSAGES (default 5e6), REPEATS (default 5), TRACED_MESSAGES (default 2e5:
//        a recording keeps every event in memory, about 100 bytes each)
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <optional>
#include <regex>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <sys/wait.h>  // WIFEXITED: the driver runs cells as child processes

#include "workloads.hpp"

namespace {

long env_long(const char* name, long fallback, long lo, long hi) {
    const char* s = std::getenv(name);
    if (!s) return fallback;
    const double v = std::atof(s);
    if (v < static_cast<double>(lo) || v > static_cast<double>(hi))
        throw std::invalid_argument(std::string(name) + " must be " + std::to_string(lo) + " to " + std::to_string(hi));
    return static_cast<long>(v);
}

// Seconds of one run of `program` on a cell with `messages` messages; nullopt when the
// cell does not apply. Throws when the run fails.
std::optional<double> run_child(const std::string& program, const std::string& w, const std::string& f,
                                long messages, bool record) {
    const std::string command = "MESSAGES=" + std::to_string(messages) + " '" + program + "' " + w + " " + f +
                                (record ? " record" : "");
    std::FILE* p = popen(command.c_str(), "r");
    if (!p) throw std::runtime_error("cannot run " + program);
    double seconds = 0;
    const bool read = std::fscanf(p, "%lf", &seconds) == 1;
    const int status = pclose(p);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 3) return std::nullopt;
    if (!read || status != 0) throw std::runtime_error("'" + command + "' failed (status " + std::to_string(status) + ")");
    return seconds;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

struct quartiles {
    double low, median, high;
};

quartiles quartiles_of(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return {v[n / 4], v[n / 2], v[(3 * n) / 4]};
}

struct cell_result {
    double off, idle;
    quartiles ratio;   // of idle / off, run by run
    double traced_ns;  // extra per message while recording
};

std::optional<cell_result> measure(const std::string& w, const std::string& f, long messages,
                                   long traced_messages, int repeats) {
    std::vector<double> off, idle, ratios, quiet, recording;
    for (int i = 0; i < repeats; ++i) {
        // Alternate which goes first, so that neither always runs on a warmer machine.
        const bool off_first = i % 2 == 0;
        const auto a = run_child(off_first ? CHAN_BENCH_TRACE_OFF : CHAN_BENCH_TRACE_IDLE, w, f, messages, false);
        if (!a) return std::nullopt;
        const auto b = run_child(off_first ? CHAN_BENCH_TRACE_IDLE : CHAN_BENCH_TRACE_OFF, w, f, messages, false);
        (off_first ? off : idle).push_back(*a);
        (off_first ? idle : off).push_back(*b);
        ratios.push_back(idle.back() / off.back());
        quiet.push_back(*run_child(CHAN_BENCH_TRACE_IDLE, w, f, traced_messages, false));
        recording.push_back(*run_child(CHAN_BENCH_TRACE_IDLE, w, f, traced_messages, true));
    }
    const double extra = median(recording) - median(quiet);
    return cell_result{median(off), median(idle), quartiles_of(ratios),
                       extra * 1e9 / static_cast<double>(traced_messages)};
}

constexpr double target_ratio = 1.03;

int drive(const std::regex& filter) {
    // A CHAN_TRACE inherited by the cells would make every "idle" run a recording one.
    if (std::getenv("CHAN_TRACE")) throw std::invalid_argument("unset CHAN_TRACE: the cells must not record unless told");
    const long messages = bench::messages_from_env();
    const long traced = env_long("TRACED_MESSAGES", 200000, bench::threads, 5000000);
    const int repeats = static_cast<int>(env_long("REPEATS", 5, 1, 100));
    std::vector<std::pair<std::string, std::string>> cells;  // workload, flavor
    for (const auto& w : bench::workloads) {
        for (const auto& f : bench::flavors) {
            if (std::regex_search(w + "/" + f, filter)) cells.emplace_back(w, f);
        }
    }
    if (cells.empty()) throw std::invalid_argument("REGEX matches no cell (cells are WORKLOAD/FLAVOR, e.g. seq/bounded)");
    std::printf("# MESSAGES=%ld REPEATS=%d TRACED_MESSAGES=%ld; seconds are medians, lower is better\n", messages,
                repeats, traced);
    std::printf("%-24s%10s%10s%8s%14s%14s\n", "workload/flavor", "off", "idle", "ratio", "middle half",
                "traced ns/msg");
    std::vector<double> ratios;
    std::size_t over = 0;              // cells whose median ratio is above the target
    std::vector<std::string> costly;  // cells whose whole middle half is above it
    for (const auto& [w, f] : cells) {
        const std::string cell = w + "/" + f;
        const auto r = measure(w, f, messages, traced, repeats);
        if (!r) continue;
        ratios.push_back(r->ratio.median);
        if (r->ratio.median > target_ratio) ++over;
        if (r->ratio.low > target_ratio) costly.push_back(cell);
        std::printf("%-24s%10.3f%10.3f%8.3f%8.3f-%5.3f%14.0f\n", cell.c_str(), r->off, r->idle, r->ratio.median,
                    r->ratio.low, r->ratio.high, r->traced_ns);
        std::fflush(stdout);
    }
    if (ratios.empty()) return 0;
    std::printf("# idle/off: median %.3f, worst %.3f over %zu cells (1.000 = no cost)\n", median(ratios),
                *std::max_element(ratios.begin(), ratios.end()), ratios.size());
    std::printf("# above %.2f: %zu cells; with their whole middle half above it (a cost, not noise): %zu\n",
                target_ratio, over, costly.size());
    for (const auto& cell : costly) std::printf("#   %s\n", cell.c_str());
    return 0;
}

constexpr const char* usage =
    "usage: chan-bench-trace [REGEX]\n"
    "env:   MESSAGES (5e6), REPEATS (5), TRACED_MESSAGES (2e5)\n";

}  // namespace

int main(int argc, char** argv) {
    try {
        const std::vector<std::string> args(argv + 1, argv + argc);
        if (!args.empty() && (args[0] == "-h" || args[0] == "--help")) {
            std::printf("%s", usage);
            return 0;
        }
        if (args.size() > 1) throw std::invalid_argument("unexpected argument '" + args[1] + "'");
        return drive(std::regex(args.empty() ? "." : args[0]));
    } catch (const std::invalid_argument& e) {
        std::fprintf(stderr, "chan-bench-trace: %s\n%s", e.what(), usage);
        return 2;
    } catch (const std::regex_error& e) {
        std::fprintf(stderr, "chan-bench-trace: bad REGEX: %s\n", e.what());
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "chan-bench-trace: %s\n", e.what());
        return 1;
    }
}
