// Tracing any program without changing it:
//
//   CHAN_TRACE=out.json ./program
//
// records everything the program's channels do and writes the trace (json.hpp)
// when the program exits normally (returns from main or calls std::exit), and also when
// it is stopped by SIGINT (Ctrl+C), SIGTERM or SIGHUP: a program stuck in a deadlock can
// be interrupted and its trace shows who was waiting for what. Every header of the
// library that does channel operations includes this one, so nothing else is needed. A
// program killed by another signal (SIGKILL, SIGSEGV), or ending with std::abort,
// std::quick_exit or std::_Exit, writes no trace.
//
// How it starts and ends:
//   - An inline variable's initializer reads CHAN_TRACE. In every translation unit it is
//     defined before anything that includes the library can define a global, so
//     recording starts before any channel a global initializer creates.
//   - It checks that the file can be written (creating it) before recording: a path
//     that cannot be written stops the program at once with a message and exit status
//     2, instead of a long run whose trace is lost at the end.
//   - A std::atexit handler, registered after the recorder exists, writes the file.
//     Threads still running then keep recording safely (the recorder is never
//     destroyed); the trace holds what they recorded up to that moment. A failed write
//     is reported on stderr (the program's exit status is left alone).
//   - Only the process that started recording writes (a forked child does not).
//   - Stopping signals (POSIX, not WebAssembly): SIGINT, SIGTERM and SIGHUP are blocked
//     in the thread that starts recording, before main, so every thread the program
//     starts inherits the block; one thread of the library waits for them with
//     sigwait. When one comes it writes the trace as the exit handler would, flushes
//     the standard streams (what the program printed is not lost either), then
//     unblocks the signal with its default action and raises it again, so the program
//     ends as that signal ends it (the shell sees the same status). Writing happens in
//     an ordinary thread, never in a signal handler, so it may allocate and lock. While
//     CHAN_TRACE is set, a program's own handlers for these three signals are not run.
//     A forked child gets its signal mask back (pthread_atfork), so a program it execs
//     is not left deaf to Ctrl+C.
//   - The file is written once: by whichever of the exit handler and the signal comes
//     first; the other waits for it to finish.
// A program that calls chan::trace::start() itself replaces the recording; the file
// then holds the program's own (last) recording.
#pragma once

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>

#if __has_include(<unistd.h>)
#include <unistd.h>
#endif
#if __has_include(<signal.h>) && __has_include(<pthread.h>) && !defined(__EMSCRIPTEN__)
#include <pthread.h>
#include <signal.h>

#include <thread>
#define CHAN_TRACE_ON_SIGNALS 1
#endif

#include "event.hpp"
#include "json.hpp"
#include "recorder.hpp"

namespace chan::detail {

class environment_trace {
public:
    // Starts recording if CHAN_TRACE names a file; true if it did.
    static bool start() noexcept {
        const char* path = std::getenv("CHAN_TRACE");
        if (!path || !*path) return false;
        state& s = get();
        try {
            s.path = path;
        } catch (...) {
            return false;
        }
        if (std::FILE* f = std::fopen(path, "wb")) {
            std::fclose(f);
        } else {
            const int err = errno;
            std::fprintf(stderr, "chan: CHAN_TRACE=%s: cannot write the trace file: %s\n", path, std::strerror(err));
            std::exit(2);
        }
        s.process = process_id();
        recorder::instance().start();
        if (std::atexit(&write) != 0) {
            std::fprintf(stderr, "chan: CHAN_TRACE=%s: cannot arrange to write the trace at exit\n", path);
            recorder::instance().stop();
            return false;
        }
        write_on_stopping_signals();
        return true;
    }

private:
    struct state {
        std::string path;
        long process = 0;
        std::mutex writing;
        bool written = false;  // under `writing`
#ifdef CHAN_TRACE_ON_SIGNALS
        sigset_t mask_before{};  // the signal mask before recording blocked the stopping signals
#endif
    };
    static state& get() {
        static state* const s = new state;  // never destroyed: used by the exit handler
        return *s;
    }

    static long process_id() noexcept {
#if __has_include(<unistd.h>)
        return static_cast<long>(::getpid());
#else
        return 0;
#endif
    }

#ifdef CHAN_TRACE_ON_SIGNALS
    static sigset_t stopping_signals() noexcept {
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGINT);
        sigaddset(&set, SIGTERM);
        sigaddset(&set, SIGHUP);
        return set;
    }

    // See "Stopping signals" above. If the thread cannot start, the signals are
    // unblocked again and end the program as before, without a trace.
    static void write_on_stopping_signals() noexcept {
        const sigset_t set = stopping_signals();
        sigset_t& previous = get().mask_before;
        if (pthread_sigmask(SIG_BLOCK, &set, &previous) != 0) return;
        if (pthread_atfork(nullptr, nullptr, [] { pthread_sigmask(SIG_SETMASK, &get().mask_before, nullptr); }) != 0) {
            pthread_sigmask(SIG_SETMASK, &previous, nullptr);
            return;
        }
        try {
            std::thread([set] {
                int sig = 0;
                while (sigwait(&set, &sig) != 0) {
                }
                write();
                std::fflush(nullptr);
                ::signal(sig, SIG_DFL);
                sigset_t just_this;
                sigemptyset(&just_this);
                sigaddset(&just_this, sig);
                pthread_sigmask(SIG_UNBLOCK, &just_this, nullptr);
                raise(sig);
                std::_Exit(128 + sig);  // not reached: the default action ends the process
            }).detach();
        } catch (...) {
            pthread_sigmask(SIG_SETMASK, &previous, nullptr);
        }
    }
#else
    static void write_on_stopping_signals() noexcept {}
#endif

    static void write() noexcept {
        state& s = get();
        if (process_id() != s.process) return;
        std::lock_guard lock(s.writing);
        if (s.written) return;
        s.written = true;
        recorder::instance().stop();
        std::string error;
        try {
            trace::recording r;
            recorder::reader().poll(r);
            if (trace::write_json_file(s.path, r, &error)) return;
        } catch (const std::exception& x) {
            error = x.what();
        }
        std::fprintf(stderr, "chan: CHAN_TRACE: the trace was not written: %s\n", error.c_str());
    }
};

#ifndef CHAN_DISABLE_TRACING
inline const bool environment_trace_started = environment_trace::start();
#endif

}  // namespace chan::detail
