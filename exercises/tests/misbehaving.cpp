// A learner's program gone wrong, in each way the runner must report clearly:
//   hang    a worker waits on "jobs" forever, and main waits for it
//   crash   a null pointer is written through
//   throw   an exception nobody catches
//   exit3   exits with status 3, saying why on stderr
//   burst   writes 500 lines to stdout, one write each, and 500 to stderr, then ends at
//           once: all of it must be read although the program is gone
//   mute    closes stdout and stderr, then waits forever
//   ok      sends one message and receives it
#include <chan/chan.hpp>

#include <cstdio>
#include <stdexcept>
#include <string_view>
#include <thread>

int main(int argc, char** argv) {
    chan::trace::name_thread("main");
    const std::string_view mode = argc > 1 ? argv[1] : "ok";
    auto [tx, rx] = chan::bounded<int>(1, "jobs");
    if (mode == "hang") {
        std::thread worker([rx = rx] {
            chan::trace::name_thread("worker 2");
            for (int job : rx) std::printf("job %d\n", job);
        });
        std::puts("started");
        worker.join();  // never: tx is still alive, so the worker's loop never ends
    } else if (mode == "crash") {
        volatile int* nowhere = nullptr;
        *nowhere = 1;
    } else if (mode == "throw") {
        throw std::runtime_error("the queue is on fire");
    } else if (mode == "burst") {
        for (int i = 0; i < 500; ++i) {
            std::printf("line %d\n", i);
            std::fflush(stdout);
            std::fprintf(stderr, "err %d\n", i);
        }
        return 0;
    } else if (mode == "mute") {
        std::fclose(stdout);
        std::fclose(stderr);
        (void)rx.recv();  // tx stays alive: forever
    } else if (mode == "exit3") {
        std::fputs("cannot go on\n", stderr);
        return 3;
    }
    tx.send(1);
    std::printf("got %d\n", *rx.recv());
    return 0;
}
