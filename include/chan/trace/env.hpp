// Tracing any program without changing it:
//
//   CHAN_TRACE=out.json ./program
//
// records everything the program's channels do and writes the trace (json.hpp)
// when the program exits normally (returns from main or calls std::exit). Every header
// of the library that does channel operations includes this one, so nothing else is
// needed. A program killed by a signal, or ending with std::abort, std::quick_exit or
// std::_Exit, writes no trace.
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
// A program that calls chan::trace::start() itself replaces the recording; the file
// then holds the program's own (last) recording.
#pragma once

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#if __has_include(<unistd.h>)
#include <unistd.h>
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
        return true;
    }

private:
    struct state {
        std::string path;
        long process = 0;
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

    static void write() noexcept {
        const state& s = get();
        if (process_id() != s.process) return;
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
