// libFuzzer target for the trace loader (built in the asan preset, which uses clang).
//
// Every input must either load or raise load_error: no crash, no hang, no leak, no
// undefined behaviour (the sanitizers watch). And whatever loads must survive a round
// trip: written back out and loaded again, it is the same recording.
#include <chan/trace/json.hpp>
#include <chan/trace/load.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

// Times that strictly increase order a recording by themselves (the file format relies
// on it); only such recordings must come back identical.
bool strictly_timed(const chan::trace::recording& r) {
    for (std::size_t i = 1; i < r.events.size(); ++i)
        if (r.events[i].time_ns <= r.events[i - 1].time_ns) return false;
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    chan::trace::load_limits limits;
    limits.max_events = 100000;
    limits.max_string = 4096;
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    chan::trace::recording r;
    try {
        r = chan::trace::load(input, nullptr, limits);
    } catch (const chan::trace::load_error&) {
        return 0;
    }
    if (!strictly_timed(r)) return 0;
    const chan::trace::recording again = chan::trace::load(chan::trace::to_json(r));
    if (!(again == r)) __builtin_trap();
    return 0;
}
