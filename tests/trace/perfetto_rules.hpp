// What Perfetto's JSON importer makes of a trace file's slices and flows, worked out
// the way it does it (src/trace_processor/importers/json and common/flow_tracker.cc):
//   - records are taken in timestamp order (file order among equal timestamps);
//   - an `X` slice goes on its thread's stack after the slices that ended by its start
//     are popped; one that starts inside another and ends after it is dropped;
//   - a flow event binds to the slice on top of its thread's stack *without* popping
//     ended slices first (`s`, and `f` with "bp":"e"); with an empty stack it is lost.
//     Stricter than Perfetto, the bound slice must contain the flow event's time
//     (start <= ts < end): otherwise the arrow leaves from a slice that is over;
//   - a v1 flow is identified by (id, cat, name).
// Every rule a file breaks is listed in `problems`, in words, so a test can show them.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace trace_test {

struct perfetto_view {
    struct flow {
        std::uint64_t id = 0;
        std::uint64_t from_tid = 0, to_tid = 0;
        std::int64_t from_ns = 0, to_ns = 0;  // the flow events' timestamps
        std::string from_slice, to_slice;     // names of the slices they bind to
    };
    std::vector<flow> flows;                           // bound at both ends
    std::vector<std::string> problems;                 // empty when the file is fine
    std::map<std::uint64_t, std::string> thread_names;  // threads process (pid 1)
    std::map<std::string, std::vector<double>> counters;  // "name key" -> values in time order
    std::size_t slices = 0;  // X slices kept
};

perfetto_view perfetto_rules(const std::string& json);

}  // namespace trace_test
