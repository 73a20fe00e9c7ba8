// Runs one workload once on chan and prints its wall seconds: the interface of the peer
// comparison harness (../shared/peers/run.sh, EXTRA="chan:<this program>").
// usage: chan-bench-one <workload> <flavor>   env: MESSAGES (default 5e6)
// exit: 0 ok, 1 wrong result, 2 usage, 3 unsupported
#include <cstdio>
#include <exception>
#include <stdexcept>

#include "workloads.hpp"

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: chan-bench-one <workload> <flavor>\n");
        return 2;
    }
    try {
        const auto seconds = bench::run<bench::chan_impl>(argv[1], argv[2], bench::messages_from_env());
        if (!seconds) return 3;
        std::printf("%.4f\n", *seconds);
        return 0;
    } catch (const std::invalid_argument& e) {
        std::fprintf(stderr, "chan-bench-one: %s\n", e.what());
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "chan-bench-one: %s\n", e.what());
        return 1;
    }
}
