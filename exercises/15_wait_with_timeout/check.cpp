#include "grade.hpp"

EXERCISE_CHECK(wait_with_timeout) {
    // A select gives up either on its timeout arm (outcome "timeout") or, with a
    // chan::after timer as an arm, by receiving from that timer.
    bool any = false, gave_up = false;
    for (const exercises::select_facts& s : g.facts().selects()) {
        if (s.thread != "main") continue;
        any = true;
        if (s.outcome == "timeout") gave_up = true;
        if (s.chosen >= 0 && static_cast<std::size_t>(s.chosen) < s.arms.size()) {
            const exercises::channel_facts* arm = g.facts().channel(s.arms[static_cast<std::size_t>(s.chosen)]);
            if (arm && arm->flavor == chan::trace::flavor::timer_at) gave_up = true;
        }
    }
    g.expect(gave_up, "main waits in a select until its timeout arm fires",
             any ? "every select of main got the answer before its timeout (is the timeout shorter than 300 ms?)"
                 : "main never ran a select");
    g.output_has("timed out");
    g.no_thread_waiting_at_exit();
}
