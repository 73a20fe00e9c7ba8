// Records a message through a channel, writes the recording as a trace file and loads
// it back: the round trip a trace-reading tool built on chan::trace_load makes.
#include <chan/chan.hpp>
#include <chan/trace/json.hpp>
#include <chan/trace/load.hpp>

#include <cstdio>
#include <sstream>

int main() {
    chan::trace::start();
    {
        auto [tx, rx] = chan::bounded<int>(1, "answers");
        tx.send(42);
        (void)rx.recv();
    }
    chan::trace::stop();
    const chan::trace::recording written = chan::trace::snapshot();
    std::ostringstream json;
    chan::trace::write_json(json, written);
    const chan::trace::recording read = chan::trace::load(json.str());
    if (read != written) {
        std::fprintf(stderr, "trace_load_consumer: the loaded trace differs from the recording\n");
        return 1;
    }
    std::printf("trace_load_consumer: %zu events written and read back\n", read.events.size());
    return 0;
}
