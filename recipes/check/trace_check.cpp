// recipe_trace_check FILE: checks a trace a recipe wrote (CHAN_TRACE=FILE) for what the
// visualizer needs to tell its story: the file loads as a complete trace, channels were
// used, and every thread and every channel in it has a name.
//
// Exits 0 when the trace is good, 1 when it is not, 2 for bad usage. Native only
// (needs nlohmann_json through chan::trace_load): test tooling, not part of a recipe.
#include <chan/trace/load.hpp>

#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace {

using chan::trace::kind;

std::vector<std::string> problems_of(const chan::trace::recording& r) {
    std::vector<std::string> problems;
    std::map<std::uint32_t, std::string> thread_names;
    std::set<std::uint32_t> threads;
    std::size_t operations = 0;
    for (const chan::trace::event& e : r.events) {
        if (e.thread != 0) threads.insert(e.thread);
        if (e.what == kind::thread_named) thread_names[e.thread] = e.text;
        if (e.what == kind::send_begin || e.what == kind::recv_begin || e.what == kind::select_begin) ++operations;
        if (e.what == kind::channel_created && e.text.empty()) {
            problems.push_back("channel " + std::to_string(e.channel) + " has no name");
        }
    }
    for (std::uint32_t t : threads) {
        const auto name = thread_names.find(t);
        if (name == thread_names.end() || name->second.empty()) {
            problems.push_back("thread " + std::to_string(t) + " has no name");
        }
    }
    if (operations == 0) problems.push_back("no channel operation was recorded");
    return problems;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: recipe_trace_check FILE\n";
        return 2;
    }
    try {
        chan::trace::load_info info;
        const chan::trace::recording r = chan::trace::load_file(argv[1], &info);
        std::vector<std::string> problems = problems_of(r);
        if (info.truncated) problems.insert(problems.begin(), "the trace file is cut off");
        std::cout << argv[1] << ": " << r.events.size() << " events\n";
        for (const std::string& p : problems) std::cout << "FAILED: " << p << '\n';
        return problems.empty() ? 0 : 1;
    } catch (const chan::trace::load_error& e) {
        std::cout << "FAILED: " << argv[1] << ": " << e.what() << '\n';
        return 1;
    }
}
