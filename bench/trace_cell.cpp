// One run of one cell of the suite (workloads.hpp), for chan-bench-trace
// (trace_overhead.cpp), which runs it many times. Built twice from this file and
// nothing else: chan-bench-trace-off with tracing compiled out (CHAN_DISABLE_TRACING)
// and chan-bench-trace-idle with it compiled in. The driver is a program of its own so
// that the two builds differ by tracing alone: with the driver's code (std::regex,
// popen) beside the cells, g++ spent its inlining budget for the file differently in
// the build that had it.
//
// usage: chan-bench-trace-{off,idle} WORKLOAD FLAVOR [record]; prints the run's seconds
// env:   MESSAGES (default 5e6); exit 3: the cell does not apply to this flavor
#include <cstdio>
#include <exception>
#include <stdexcept>
#include <string>
#include <vector>

#include "workloads.hpp"

namespace {

int run_cell(const std::string& workload, const std::string& flavor, bool record) {
#ifdef CHAN_DISABLE_TRACING
    if (record) throw std::invalid_argument("this build has tracing compiled out: it cannot record");
#else
    if (record) chan::trace::start();
#endif
    const auto seconds = bench::run<bench::chan_impl>(workload, flavor, bench::messages_from_env());
    if (!seconds) return 3;
    std::printf("%.6f\n", *seconds);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    try {
        if (args.size() < 2 || args.size() > 3 || (args.size() == 3 && args[2] != "record"))
            throw std::invalid_argument("usage: " + std::string(argv[0]) + " WORKLOAD FLAVOR [record]");
        return run_cell(args[0], args[1], args.size() == 3);
    } catch (const std::invalid_argument& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
}
