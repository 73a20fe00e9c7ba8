// The exercises' one tool: lists them with the learner's progress, checks one by running
// the learner's program traced and grading what it did, gives hints, shows a solution
// once its exercise passes, and reports progress as JSON. `./cookbook exercise...`
// builds the programs and calls it; `exercises --help` says how.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "catalog.hpp"
#include "grade.hpp"
#include "progress.hpp"
#include "run.hpp"

namespace ex = exercises;

namespace {

const char* const usage = R"(usage: exercises [--root DIR] [--progress FILE] COMMAND

commands:
  list                   every exercise in order, with ✓ passed / ✗ failed / · not started
  next                   the name of the first exercise not passed yet (status 1: none)
  resolve NAME           the exercise's name and its learner's file, tab-separated
  check NAME --program P [--trace FILE] [--time-limit S] [-- ARGS...]
                         run P (with ARGS) traced and grade what it did; records
                         the attempt
      --expect-failure TEXT   (tests) succeed only if the check fails and says TEXT
      --if-unedited           (tests) skip, status 77, if git says the file was edited
      --no-progress           do not record the attempt
      --source FILE           the file P was built from, where a predict exercise's
                              answers are read (default: the learner's main.cpp)
  compile-failed NAME    record an attempt that did not compile
  hint NAME              the next hint, one more each time
  solution NAME          the solution, once the exercise passes
  report                 progress as JSON, for a teacher to collect
  reset                  forget all progress
)";

struct bad_usage : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct options {
    std::string root = "exercises";
    std::string progress_file = "build/default/exercises/progress.json";
    std::string command;
    std::vector<std::string> words;
    std::string program, trace, expect_failure, source;
    std::vector<std::string> program_args;  // after --
    double time_limit = 5;
    bool if_unedited = false, no_progress = false;
};

options parse(int argc, char** argv) {
    options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const auto value = [&]() -> std::string {
            if (i + 1 >= argc) throw bad_usage(a + " needs a value");
            return argv[++i];
        };
        if (a == "--") {
            o.program_args.assign(argv + i + 1, argv + argc);
            break;
        }
        if (a == "--root") o.root = value();
        else if (a == "--progress") o.progress_file = value();
        else if (a == "--program") o.program = value();
        else if (a == "--trace") o.trace = value();
        else if (a == "--source") o.source = value();
        else if (a == "--expect-failure") o.expect_failure = value();
        else if (a == "--time-limit") {
            const std::string v = value();
            char* end = nullptr;
            o.time_limit = std::strtod(v.c_str(), &end);
            if (end == v.c_str() || *end || o.time_limit <= 0) throw bad_usage("--time-limit: '" + v + "' is not a number of seconds");
        } else if (a == "--if-unedited") o.if_unedited = true;
        else if (a == "--no-progress") o.no_progress = true;
        else if (a == "-h" || a == "--help") o.command = "help";
        else if (a.rfind("--", 0) == 0) throw bad_usage("unknown option '" + a + "'");
        else if (o.command.empty()) o.command = a;
        else o.words.push_back(a);
    }
    return o;
}

const ex::exercise& find(const std::vector<ex::exercise>& list, const std::string& name) {
    for (const auto& e : list) {
        const std::string folder = std::filesystem::path(e.folder).filename().string();
        if (e.name == name || folder == name) return e;
    }
    std::string names;
    for (const auto& e : list) names += "\n  " + e.name;
    throw bad_usage("there is no exercise named '" + name + "'. The exercises are:" + names);
}

const std::string& one_name(const options& o) {
    if (o.words.size() != 1) throw bad_usage(o.command + " needs one exercise name");
    return o.words[0];
}

std::string number_of(const ex::exercise& e) { return std::filesystem::path(e.folder).filename().string().substr(0, 2); }

std::string mark(const ex::progress& p, const ex::exercise& e) {
    const ex::exercise_progress* ep = p.find(e.name);
    if (p.passed(e.name)) return "✓";
    if (ep && !ep->state.empty()) return "✗";
    return "·";
}

int list(const options& o, const std::vector<ex::exercise>& all) {
    const ex::progress p(o.progress_file);
    std::size_t passed = 0;
    const ex::exercise* next = nullptr;
    for (const auto& e : all) {
        if (p.passed(e.name)) ++passed;
        else if (!next) next = &e;
        const std::string& kind = e.about.at("kind");
        std::cout << "  " << mark(p, e) << " " << number_of(e) << " " << e.name
                  << std::string(e.name.size() < 24 ? 24 - e.name.size() : 1, ' ') << kind
                  << std::string(kind.size() < 9 ? 9 - kind.size() : 1, ' ') << e.title() << "\n";
    }
    std::cout << "\n" << passed << " of " << all.size() << " passed.";
    if (next)
        std::cout << " Next: " << next->name << " (" << next->source << ")\n"
                  << "  ./cookbook exercise " << next->name << "\n      check it once\n"
                  << "  ./cookbook exercise watch\n      check it whenever you save it, then go on to the next\n";
    else
        std::cout << " All done!\n";
    return 0;
}

int resolve(const options& o, const std::vector<ex::exercise>& all) {
    const ex::exercise& e = find(all, one_name(o));
    std::cout << e.name << "\t" << e.source << "\n";
    return 0;
}

int next(const options& o, const std::vector<ex::exercise>& all) {
    const ex::progress p(o.progress_file);
    for (const auto& e : all)
        if (!p.passed(e.name)) {
            std::cout << e.name << "\n";
            return 0;
        }
    return 1;
}

bool edited_since_checkout(const std::string& file) {
    const std::string command = "git -C \"" + std::filesystem::path(file).parent_path().string() +
                                "\" diff --quiet HEAD -- \"" + std::filesystem::path(file).filename().string() +
                                "\" 2>/dev/null";
    const int status = std::system(command.c_str());
    return WIFEXITED(status) && WEXITSTATUS(status) == 1;
}

std::string indent(const std::string& text, const std::string& by) {
    std::string out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out += by + line + "\n";
    return out;
}

// How the run ended, when it did not end by itself with status 0.
std::optional<std::string> abnormal_end(const ex::run_result& r, const ex::trace_facts& facts) {
    std::string text;
    if (r.timed_out) {
        text = "the program did not finish within the time limit and was stopped.\n";
        if (!r.trace) {
            text += "  (no trace was written, so who was waiting is unknown)\n";
        } else if (facts.waiting_at_end().empty()) {
            text += "  No thread was waiting on a channel: it was busy, or asleep, or waiting on something else.\n";
        } else {
            for (const auto& w : facts.waiting_at_end()) text += "  still waiting: " + ex::describe(w) + "\n";
        }
        return text;
    }
    if (r.signal != 0) {
        const std::string uncaught = "terminate called after throwing";
        if (r.signal == SIGABRT && r.err.find(uncaught) != std::string::npos) {
            text = "the program ended with an exception nobody caught:\n" + indent(r.err, "    ");
        } else {
            text = std::string("the program crashed: ") + strsignal(r.signal) + " (signal " +
                   std::to_string(r.signal) + ")\n";
            if (!r.err.empty()) text += indent(r.err, "    ");
        }
        return text;
    }
    if (r.exit_code != 0) {
        text = "the program ended with exit status " + std::to_string(r.exit_code) + " (0 means success)\n";
        if (!r.err.empty()) text += indent(r.err, "    ");
        return text;
    }
    return std::nullopt;
}

std::string output_excerpt(const std::vector<std::string>& out) {
    if (out.empty()) return "  It printed nothing.\n";
    std::string text = "  It printed:\n";
    const std::size_t shown = std::min<std::size_t>(out.size(), 20);
    for (std::size_t i = 0; i < shown; ++i) text += "    " + out[i] + "\n";
    if (shown < out.size()) text += "    ... (" + std::to_string(out.size() - shown) + " more lines)\n";
    return text;
}

ex::check_function check_of(const std::string& name) {
    for (const auto& c : ex::all_checks())
        if (name == c.name) return c.check;
    throw std::runtime_error("the exercise " + name + " has no check (exercises/*/check.cpp)");
}

int check(const options& o, const std::vector<ex::exercise>& all) {
    const ex::exercise& e = find(all, one_name(o));
    if (o.program.empty()) throw bad_usage("check needs --program");
    if (o.if_unedited && edited_since_checkout(e.source)) {
        std::cout << e.source << " was edited; this test checks the file as handed out, so it is skipped.\n";
        return 77;
    }
    const ex::check_function check_fn = check_of(e.name);
    ex::run_options ro;
    ro.program = o.program;
    ro.args = o.program_args;
    ro.trace_path = o.trace.empty() ? (std::filesystem::path(o.progress_file).parent_path() / "runs" / (e.name + ".json")).string() : o.trace;
    std::filesystem::create_directories(std::filesystem::path(ro.trace_path).parent_path());
    ro.limit = std::chrono::milliseconds(static_cast<long>(o.time_limit * 1000));
    const ex::run_result r = ex::run_program(ro);

    ex::grade g(r, o.source.empty() ? e.source : o.source);
    std::ostringstream report;
    const auto ended = abnormal_end(r, g.facts());
    if (ended) {
        report << "✗ " << *ended;
    } else {
        check_fn(g);
        if (!g.failures().empty()) {
            report << "✗ not yet: " << g.failures().size() << (g.failures().size() == 1 ? " rule does" : " rules do")
                   << " not hold.\n";
            for (const auto& f : g.failures())
                report << "\n  expected: " << f.rule << "\n  happened: " << f.happened << "\n";
        }
    }
    const bool passed = !ended && g.failures().empty();
    std::cout << "==> " << number_of(e) << " " << e.name << ": " << e.title() << "\n";
    if (passed) {
        std::cout << "✓ " << e.name << " passes: every rule of its check holds.\n";
    } else {
        std::cout << report.str() << "\n";
        const bool output_shown = std::any_of(g.failures().begin(), g.failures().end(), [](const ex::failure& f) {
            return f.happened.rfind("it printed:", 0) == 0;
        });
        // A predict exercise's output is its answer: never shown before it passes.
        if (!output_shown && e.about.at("kind") != "predict") std::cout << output_excerpt(r.out);
        if (r.trace)
            std::cout << "  See this run in the visualizer:  ./cookbook visualizer " << ro.trace_path << "\n";
        std::cout << "  Stuck? ./cookbook hint " << e.name << "\n";
    }

    if (!o.expect_failure.empty()) {
        const std::string said = report.str();
        if (passed) std::cerr << "exercises: the starting file of " << e.name << " passes its check\n";
        else if (said.find(o.expect_failure) == std::string::npos)
            std::cerr << "exercises: the check of " << e.name << " did not say: " << o.expect_failure << "\n";
        return !passed && said.find(o.expect_failure) != std::string::npos ? 0 : 1;
    }
    if (!o.no_progress) {
        ex::progress p(o.progress_file);
        p.attempt(e.name, passed ? "passed" : "failed");
        p.save();
    }
    return passed ? 0 : 1;
}

int compile_failed(const options& o, const std::vector<ex::exercise>& all) {
    const ex::exercise& e = find(all, one_name(o));
    ex::progress p(o.progress_file);
    p.attempt(e.name, "does not compile");
    p.save();
    return 0;
}

int hint(const options& o, const std::vector<ex::exercise>& all) {
    const ex::exercise& e = find(all, one_name(o));
    ex::progress p(o.progress_file);
    ex::exercise_progress& ep = p.of(e.name);
    const int shown = std::min<int>(ep.hints_shown + 1, static_cast<int>(e.hints.size()));
    for (int i = 0; i < shown; ++i)
        std::cout << "Hint " << i + 1 << " of " << e.hints.size() << ":\n" << indent(e.hints[static_cast<std::size_t>(i)], "  ") << "\n";
    if (shown == static_cast<int>(e.hints.size()))
        std::cout << "That was the last hint. The recipe " << e.about.at("recipe") << " (./cookbook run "
                  << e.about.at("recipe") << ") shows the idea at work.\n";
    else
        std::cout << "Run it again for the next hint.\n";
    ep.hints_shown = shown;
    p.save();
    return 0;
}

int solution(const options& o, const std::vector<ex::exercise>& all) {
    const ex::exercise& e = find(all, one_name(o));
    const ex::progress p(o.progress_file);
    if (!p.passed(e.name)) {
        std::cerr << "exercises: the solution of " << e.name << " is shown once your own passes "
                  << "(./cookbook exercise " << e.name << "); ./cookbook hint " << e.name << " helps meanwhile\n";
        return 1;
    }
    std::ifstream in(e.solution);
    std::cout << "// " << e.solution << "\n" << in.rdbuf();
    return 0;
}

int report(const options& o, const std::vector<ex::exercise>& all) {
    const ex::progress p(o.progress_file);
    nlohmann::json j;
    j["format"] = "chan-exercises-report/1";
    j["generated"] = ex::progress::now_iso();
    const char* user = std::getenv("USER");
    j["learner"] = user ? user : "";
    j["exercises"] = nlohmann::json::array();
    int passed = 0;
    for (const auto& e : all) {
        const ex::exercise_progress* ep = p.find(e.name);
        if (p.passed(e.name)) ++passed;
        j["exercises"].push_back({{"name", e.name},
                                  {"title", e.title()},
                                  {"state", ep && !ep->state.empty() ? ep->state : "not started"},
                                  {"passed", p.passed(e.name)},
                                  {"attempts", ep ? ep->attempts : 0},
                                  {"hints_shown", ep ? ep->hints_shown : 0},
                                  {"first_attempt", ep ? ep->first_attempt : ""},
                                  {"passed_at", ep ? ep->passed_at : ""}});
    }
    j["passed"] = passed;
    j["total"] = all.size();
    std::cout << j.dump(2) << "\n";
    return 0;
}

int reset(const options& o) {
    std::filesystem::remove(o.progress_file);
    std::cout << "Progress forgotten (" << o.progress_file << "). Your files in exercises/ are as you left them.\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const options o = parse(argc, argv);
        if (o.command.empty() || o.command == "help") {
            std::cout << usage;
            return o.command.empty() ? 2 : 0;
        }
        if (o.command == "reset") return reset(o);
        const std::vector<ex::exercise> all = ex::read_catalog(o.root);
        if (o.command == "list") return list(o, all);
        if (o.command == "next") return next(o, all);
        if (o.command == "resolve") return resolve(o, all);
        if (o.command == "check") return check(o, all);
        if (o.command == "compile-failed") return compile_failed(o, all);
        if (o.command == "hint") return hint(o, all);
        if (o.command == "solution") return solution(o, all);
        if (o.command == "report") return report(o, all);
        throw bad_usage("unknown command '" + o.command + "'");
    } catch (const bad_usage& x) {
        std::cerr << "exercises: " << x.what() << "\n";
        return 2;
    } catch (const std::exception& x) {
        std::cerr << "exercises: " << x.what() << "\n";
        return 1;
    }
}
