// Every crossbeam-channel workload on every flavor, for chan and for the mutex +
// condition variable + deque baseline, measured in the same run. Prints a table of
// seconds (the median of REPEATS runs) and writes CSV lines
// `workload,flavor,seconds,mutex_cv_seconds` ("-" where a workload does not apply).
// Then the broadcast rows (1 sender, 4 receivers, both policies; broadcast.hpp).
//
// usage: chan-bench [--csv FILE] [REGEX]   REGEX picks "workload/flavor" cells
// env:   MESSAGES (default 5e6), REPEATS (default 1)
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <exception>
#include <fstream>
#include <optional>
#include <regex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "broadcast.hpp"
#include "workloads.hpp"

namespace {

struct options {
    std::string csv_path = "chan-bench.csv";
    std::regex filter{"."};
    long messages = 0;
    int repeats = 1;
    bool help = false;
};

constexpr const char* usage = "usage: chan-bench [--csv FILE] [REGEX]   env: MESSAGES (5e6), REPEATS (1)\n";

options parse(int argc, char** argv) {
    options o;
    bool filtered = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--csv" && i + 1 < argc) {
            o.csv_path = argv[++i];
        } else if (arg == "-h" || arg == "--help") {
            o.help = true;
        } else if (!arg.empty() && arg[0] != '-' && !filtered) {
            o.filter = std::regex(arg);
            filtered = true;
        } else {
            throw std::invalid_argument("unexpected argument '" + arg + "'");
        }
    }
    o.messages = bench::messages_from_env();
    if (const char* r = std::getenv("REPEATS")) {
        o.repeats = std::atoi(r);
        if (o.repeats < 1 || o.repeats > 100) throw std::invalid_argument("REPEATS must be 1 to 100");
    }
    return o;
}

// The median of `repeats` runs; nullopt when the cell does not apply.
template <class Impl>
std::optional<double> measure(const std::string& workload, const std::string& flavor, const options& o) {
    std::vector<double> runs;
    for (int i = 0; i < o.repeats; ++i) {
        const auto s = bench::run<Impl>(workload, flavor, o.messages);
        if (!s) return std::nullopt;
        runs.push_back(*s);
    }
    std::sort(runs.begin(), runs.end());
    return runs[runs.size() / 2];
}

std::string cell(std::optional<double> s) {
    if (!s) return "-";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", *s);
    return buf;
}

std::string today() {
    const std::time_t now = std::time(nullptr);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", std::gmtime(&now));
    return buf;
}

void run_all(const options& o) {
    std::ofstream csv(o.csv_path);
    if (!csv) throw std::runtime_error("cannot write " + o.csv_path);
    csv << "workload,flavor,seconds,mutex_cv_seconds\n";
    std::printf("# %s nproc=%u MESSAGES=%ld repeats=%d (seconds, lower is better)\n", today().c_str(),
                std::thread::hardware_concurrency(), o.messages, o.repeats);
    // Warm up the allocator and the thread machinery, so the first cell is not penalised.
    for (const auto& w : {"seq", "mpmc"}) {
        bench::run<bench::chan_impl>(w, "unbounded", 100'000);
        bench::run<bench::mutex_cv_impl>(w, "unbounded", 100'000);
    }
    std::printf("%-24s%10s%10s%8s\n", "workload/flavor", "chan", "mutex_cv", "ratio");
    for (const auto& w : bench::workloads) {
        for (const auto& f : bench::flavors) {
            if (!std::regex_search(w + "/" + f, o.filter)) continue;
            const auto ours = measure<bench::chan_impl>(w, f, o);
            const auto base = measure<bench::mutex_cv_impl>(w, f, o);
            const std::string ratio = ours && base ? cell(*base / *ours) + "x" : "";
            std::printf("%-24s%10s%10s%8s\n", (w + "/" + f).c_str(), cell(ours).c_str(), cell(base).c_str(),
                        ratio.c_str());
            std::fflush(stdout);
            csv << w << ',' << f << ',' << cell(ours) << ',' << cell(base) << '\n';
        }
    }
    // This library's broadcast (neither the baseline nor the peers have one): see broadcast.hpp.
    for (const auto& p : bench::broadcast_policies) {
        const std::string name = "broadcast_1x4/" + p;
        if (!std::regex_search(name, o.filter)) continue;
        const bench::broadcast_outcome b = bench::run_broadcast_median(p, o.messages, o.repeats);
        std::printf("%-24s%10s%10s%8s  receivers got %.1f%%\n", name.c_str(), cell(b.seconds).c_str(), "-", "",
                    100 * b.received);
        csv << "broadcast_1x4," << p << ',' << cell(b.seconds) << ",-\n";
    }
    std::printf("# ratio: how many times faster chan is than the baseline. CSV: %s\n", o.csv_path.c_str());
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const options o = parse(argc, argv);
        if (o.help) {
            std::printf("%s", usage);
            return 0;
        }
        run_all(o);
        return 0;
    } catch (const std::invalid_argument& e) {
        std::fprintf(stderr, "chan-bench: %s\n%s", e.what(), usage);
        return 2;
    } catch (const std::regex_error& e) {
        std::fprintf(stderr, "chan-bench: bad REGEX: %s\n", e.what());
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "chan-bench: %s\n", e.what());
        return 1;
    }
}
