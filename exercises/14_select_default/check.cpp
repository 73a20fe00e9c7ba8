#include "grade.hpp"

EXERCISE_CHECK(select_default) {
    // The default arm shows in the trace as a select that ended "empty".
    bool any = false, defaulted = false;
    for (const exercises::select_facts& s : g.facts().selects()) {
        if (s.thread != "main") continue;
        any = true;
        defaulted = defaulted || s.outcome == "empty";
    }
    g.expect(defaulted, "a select of main finds nothing ready and runs its default arm at once",
             any ? "no select of main ran a default arm (without one, a select waits until an arm is ready)"
                 : "main never ran a select");
    g.select_received_from("main", "messages");
    g.select_received_from("main", "signals");
    g.output_is({"round 1: no activity", "round 2: received message hello", "round 3: received a signal"});
}
