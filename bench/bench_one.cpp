// Runs one workload once on chan and prints its wall seconds: the interface of the peer
// comparison harness (../shared/peers/run.sh, EXTRA="chan:<this program>"), and the cell
// program of chan-bench-trace, built twice more from this file alone so that its two
// builds differ by tracing only: chan-bench-trace-off (CHAN_DISABLE_TRACING) and
// chan-bench-trace-idle. `record` records the run (not in the -off build).
// usage: chan-bench-one <workload> <flavor> [record]   env: MESSAGES (default 5e6)
// exit: 0 ok, 1 wrong result, 2 usage, 3 unsupported
#include <cstdio>
#include <cstring>
#include <exception>
#include <stdexcept>

#include "workloads.hpp"

int main(int argc, char** argv) {
    const bool record = argc == 4 && std::strcmp(argv[3], "record") == 0;
    if (argc != 3 && !record) {
        std::fprintf(stderr, "usage: %s <workload> <flavor> [record]\n", argv[0]);
        return 2;
    }
    try {
        if (record) {
#ifdef CHAN_DISABLE_TRACING
            throw std::invalid_argument("this build has tracing compiled out: it cannot record");
#else
            chan::trace::start();
#endif
        }
        const auto seconds = bench::run<bench::chan_impl>(argv[1], argv[2], bench::messages_from_env());
        if (!seconds) return 3;
        std::printf("%.6f\n", *seconds);
        return 0;
    } catch (const std::invalid_argument& e) {
        std::fprintf(stderr, "%s: %s\n", argv[0], e.what());
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s: %s\n", argv[0], e.what());
        return 1;
    }
}
