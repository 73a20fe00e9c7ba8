#include "run.hpp"

#include <chan/trace/load.hpp>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <stdexcept>

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

namespace exercises {

namespace {

using clock = std::chrono::steady_clock;

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

// The child: its output into the pipes, CHAN_TRACE set, then the program.
[[noreturn]] void exec_child(const run_options& o, int out, int err) {
    dup2(out, STDOUT_FILENO);
    dup2(err, STDERR_FILENO);
    const int null = open("/dev/null", O_RDONLY);
    if (null >= 0) dup2(null, STDIN_FILENO);
    setenv("CHAN_TRACE", o.trace_path.c_str(), 1);
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(o.program.c_str()));
    for (const std::string& a : o.args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(o.program.c_str(), argv.data());
    const std::string message = "cannot start " + o.program + ": " + std::strerror(errno) + "\n";
    (void)!write(STDERR_FILENO, message.data(), message.size());
    _exit(127);
}

void record_status(int status, run_result& r) {
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
}

// Reads both pipes until they close, stopping the child at the limit. Once the child
// has ended, everything it wrote is already in the pipes: they are read until empty,
// then closed even if a grandchild still holds them open.
void collect(pid_t child, int out, int err, const run_options& o, run_result& r) {
    const auto start = clock::now();
    const auto deadline = start + o.limit;
    std::string text[2];
    bool terminated = false, killed = false, exited = false;
    int open_pipes = 2;
    pollfd fds[2] = {{out, POLLIN, 0}, {err, POLLIN, 0}};
    // A program that closed its output and runs on is still stopped at the limit.
    while (open_pipes > 0 || !exited) {
        const auto now = clock::now();
        if (!exited && !terminated && now >= deadline) {
            kill(child, SIGTERM);  // the library writes the trace, then the program ends
            terminated = r.timed_out = true;
        } else if (!exited && terminated && !killed && now >= deadline + std::chrono::seconds(3)) {
            kill(child, SIGKILL);
            killed = true;
        }
        const int ready = poll(fds, 2, exited ? 0 : 100);
        if (ready < 0 && errno != EINTR) break;
        if (exited && ready == 0) break;  // drained
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            char buffer[4096];
            const ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
            if (n > 0) {
                text[i].append(buffer, static_cast<std::size_t>(n));
            } else if (n == 0 || errno != EINTR) {
                close(fds[i].fd);
                fds[i].fd = -1;
                --open_pipes;
            }
        }
        int status = 0;
        if (!exited && waitpid(child, &status, WNOHANG) == child) {
            exited = true;
            record_status(status, r);
        }
    }
    for (auto& f : fds)
        if (f.fd >= 0) close(f.fd);
    if (!exited) {
        int status = 0;
        while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
        }
        record_status(status, r);
    }
    r.seconds = std::chrono::duration<double>(clock::now() - start).count();
    r.out = lines_of(text[0]);
    r.err = std::move(text[1]);
}

}  // namespace

run_result run_program(const run_options& o) {
    int out[2], err[2];
    if (pipe(out) != 0) throw std::runtime_error(std::string("cannot make a pipe: ") + std::strerror(errno));
    if (pipe(err) != 0) {
        close(out[0]);
        close(out[1]);
        throw std::runtime_error(std::string("cannot make a pipe: ") + std::strerror(errno));
    }
    std::remove(o.trace_path.c_str());
    const pid_t child = fork();
    if (child < 0) throw std::runtime_error(std::string("cannot start a process: ") + std::strerror(errno));
    if (child == 0) {
        close(out[0]);
        close(err[0]);
        exec_child(o, out[1], err[1]);
    }
    close(out[1]);
    close(err[1]);
    run_result r;
    collect(child, out[0], err[0], o, r);
    try {
        r.trace = chan::trace::load_file(o.trace_path);
    } catch (const std::exception& x) {
        r.trace_error = x.what();
    }
    return r;
}

}  // namespace exercises
