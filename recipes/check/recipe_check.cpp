// recipe_check: runs one recipe and checks what it printed (the `recipes` ctest label).
//
//   recipe_check [--source FILE] [--exit N] [--stdout-has TEXT] [--stderr-has TEXT]
//                [--env NAME=VALUE]... [--hangs SECONDS] -- PROGRAM [ARGUMENT]...
//
// --source FILE    check stdout against what FILE documents (see check.hpp): its
//                  opening comment's Output block exactly, and the Checks rules that
//                  end it (also checked against its Possible output block, so the
//                  comment cannot drift)
// --exit N         the exit status expected (default 0)
// --stdout-has T   stdout must contain T
// --stderr-has T   stderr must contain T
// --env NAME=VAL   set in PROGRAM's environment
// --hangs S        PROGRAM must still be running after S seconds (a deadlock the recipe
//                  demonstrates); it is then killed, and nothing else is checked
//
// Exits 0 when every check passes, 1 when one fails, 2 for bad usage. Prints what it
// ran and saw either way. A hang is ctest's to catch (every recipe test has a TIMEOUT).
// Native only (POSIX process spawning): it is test tooling, not part of a recipe.
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "check.hpp"

extern char** environ;

namespace {

struct options {
    std::string source;
    int exit_status = 0;
    std::string stdout_has;
    std::string stderr_has;
    std::vector<std::string> env;
    std::optional<double> hangs;
    std::vector<std::string> command;
};

struct outcome {
    std::string out;
    std::string err;
    int status = -1;  // the exit status; -1 if killed by a signal
    int signal = 0;
    double seconds = 0;
    bool killed = false;  // still running at the --hangs deadline
};

options parse(int argc, char** argv) {
    options o;
    int i = 1;
    const auto value = [&](const std::string& flag) -> std::string {
        if (i + 1 >= argc) throw std::invalid_argument(flag + " needs a value");
        return argv[++i];
    };
    for (; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--") {
            o.command.assign(argv + i + 1, argv + argc);
            break;
        }
        if (arg == "--source") {
            o.source = value(arg);
        } else if (arg == "--exit") {
            o.exit_status = std::stoi(value(arg));
        } else if (arg == "--stdout-has") {
            o.stdout_has = value(arg);
        } else if (arg == "--stderr-has") {
            o.stderr_has = value(arg);
        } else if (arg == "--env") {
            o.env.push_back(value(arg));
        } else if (arg == "--hangs") {
            o.hangs = std::stod(value(arg));
        } else {
            throw std::invalid_argument("unknown option '" + arg + "'");
        }
    }
    if (o.command.empty()) throw std::invalid_argument("no program given after --");
    return o;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void check_posix(int result, const char* what) {
    if (result != 0) throw std::runtime_error(std::string(what) + ": " + std::strerror(result));
}

using steady = std::chrono::steady_clock;

// Reads both pipes until the child closes them, so neither can fill up and stall it.
// At `kill_at`, if given, the child is killed (its pipes then close).
void drain(int out_fd, int err_fd, pid_t pid, std::optional<steady::time_point> kill_at, outcome& o) {
    std::array<pollfd, 2> fds{{{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}}};
    std::array<std::string*, 2> into{&o.out, &o.err};
    int open = 2;
    while (open > 0) {
        int timeout_ms = -1;
        if (kill_at && !o.killed) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(*kill_at - steady::now());
            timeout_ms = static_cast<int>(std::max<std::chrono::milliseconds::rep>(left.count(), 0));
        }
        const int ready = poll(fds.data(), fds.size(), timeout_ms);
        if (ready < 0) {
            if (errno == EINTR) continue;
            throw std::runtime_error(std::string("poll: ") + std::strerror(errno));
        }
        if (ready == 0) {
            kill(pid, SIGKILL);
            o.killed = true;
            continue;
        }
        for (std::size_t k = 0; k < fds.size(); ++k) {
            if (fds[k].fd < 0 || fds[k].revents == 0) continue;
            char buffer[4096];
            const ssize_t n = read(fds[k].fd, buffer, sizeof buffer);
            if (n > 0) {
                into[k]->append(buffer, static_cast<std::size_t>(n));
            } else if (n == 0 || errno != EINTR) {
                close(fds[k].fd);
                fds[k].fd = -1;
                --open;
            }
        }
    }
}

outcome run(const options& o) {
    int out[2], err[2];
    if (pipe(out) != 0 || pipe(err) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
    posix_spawn_file_actions_t actions;
    check_posix(posix_spawn_file_actions_init(&actions), "posix_spawn_file_actions_init");
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, err[1], STDERR_FILENO);
    for (int fd : {out[0], out[1], err[0], err[1]}) posix_spawn_file_actions_addclose(&actions, fd);

    std::vector<std::string> env_storage(o.env);
    for (char** e = environ; *e; ++e) env_storage.emplace_back(*e);  // first definition wins
    std::vector<char*> envp, argv;
    for (std::string& e : env_storage) envp.push_back(e.data());
    envp.push_back(nullptr);
    std::vector<std::string> args(o.command);
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);

    outcome result;
    const auto start = steady::now();
    pid_t pid = 0;
    const int spawned = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    close(err[1]);
    if (spawned != 0) {
        close(out[0]);
        close(err[0]);
        check_posix(spawned, ("cannot start " + o.command[0]).c_str());
    }
    std::optional<steady::time_point> kill_at;
    if (o.hangs) kill_at = start + std::chrono::duration_cast<steady::duration>(std::chrono::duration<double>(*o.hangs));
    drain(out[0], err[0], pid, kill_at, result);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    result.seconds = std::chrono::duration<double>(steady::now() - start).count();
    if (WIFEXITED(status)) result.status = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
    return result;
}

std::vector<std::string> judge(const options& o, const outcome& r) {
    std::vector<std::string> failures;
    if (o.hangs) {
        if (!r.killed) {
            std::ostringstream why;
            why << "it finished, but it should have been stuck for " << *o.hangs << " s";
            failures.push_back(why.str());
        }
        return failures;
    }
    if (r.signal != 0) {
        failures.push_back("killed by signal " + std::to_string(r.signal));
    } else if (r.status != o.exit_status) {
        failures.push_back("exit status " + std::to_string(r.status) + ", expected " + std::to_string(o.exit_status));
    }
    if (!o.stdout_has.empty() && r.out.find(o.stdout_has) == std::string::npos) {
        failures.push_back("stdout does not contain '" + o.stdout_has + "'");
    }
    if (!o.stderr_has.empty() && r.err.find(o.stderr_has) == std::string::npos) {
        failures.push_back("stderr does not contain '" + o.stderr_has + "'");
    }
    if (!o.source.empty()) {
        namespace check = cookbook::check;
        const check::documentation doc = check::read_documentation(read_file(o.source));
        for (const std::string& f : check::verify_documentation(doc)) {
            failures.push_back("the documented Possible output breaks its own check " + f);
        }
        for (const std::string& f : check::verify(doc, check::split_lines(r.out), r.seconds)) failures.push_back(f);
    }
    return failures;
}

void report(const options& o, const outcome& r, const std::vector<std::string>& failures) {
    std::cout << "ran:";
    for (const std::string& a : o.command) std::cout << ' ' << a;
    std::cout << "\n--- stdout (" << r.seconds << " s" << (r.killed ? ", then killed" : "") << ") ---\n" << r.out << "--- stderr ---\n" << r.err << "---\n";
    for (const std::string& f : failures) std::cout << "FAILED: " << f << '\n';
    if (failures.empty()) std::cout << "ok\n";
}

}  // namespace

int main(int argc, char** argv) {
    options o;
    try {
        o = parse(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << "recipe_check: " << e.what()
                  << "\nusage: recipe_check [--source FILE] [--exit N] [--stdout-has TEXT] [--stderr-has TEXT]"
                     " [--env NAME=VALUE]... [--hangs SECONDS] -- PROGRAM [ARGUMENT]...\n";
        return 2;
    }
    try {
        const outcome r = run(o);
        const std::vector<std::string> failures = judge(o, r);
        report(o, r, failures);
        return failures.empty() ? 0 : 1;
    } catch (const std::exception& e) {
        std::cout << "FAILED: " << e.what() << '\n';
        return 1;
    }
}
