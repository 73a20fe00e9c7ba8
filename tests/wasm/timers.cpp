// Runs under Node after Emscripten compiled it: each timer message is the instant its
// delivery was due, never before that and never after it was received. Steady-clock
// readings in nanoseconds do not fit the 32 bits of a WebAssembly size_t, so a timer
// that carried its instant through one would deliver a time seconds off. The ticker is
// made on a second thread (a Web Worker) and read on the main thread.
#include <chan/chan.hpp>

#include <chrono>
#include <cstdio>
#include <thread>

namespace {

using namespace std::chrono_literals;

double ms(chan::clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

// One delivery, checked and printed relative to `start`.
bool check(const char* what, const chan::recv_result<chan::instant>& r, chan::instant not_before, chan::instant start) {
    const chan::instant received = chan::clock::now();
    if (!r) {
        std::printf("%s: nothing received (status %d)\n", what, static_cast<int>(r.status()));
        return false;
    }
    const bool ok = *r >= not_before && *r <= received;
    std::printf("%s: %s: due no earlier than %.1f ms, delivered %.1f ms, received %.1f ms\n", what,
                ok ? "ok" : "WRONG", ms(not_before - start), ms(*r - start), ms(received - start));
    return ok;
}

}  // namespace

int main() {
    const chan::instant start = chan::clock::now();
    chan::receiver<chan::instant> ticker;
    std::thread([&ticker] { ticker = chan::tick(20ms, "ticker"); }).join();
    auto timer = chan::after(30ms, "timer");

    bool ok = true;
    for (int k = 1; k <= 3; ++k) ok &= check("tick", ticker.recv(), start + k * 20ms, start);
    ok &= check("after", timer.recv(), start + 30ms, start);
    const chan::instant when = chan::clock::now() + 10ms;
    ok &= check("at", chan::at(when).recv(), when, start);
    return ok ? 0 : 1;
}
