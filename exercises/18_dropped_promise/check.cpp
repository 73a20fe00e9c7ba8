#include "grade.hpp"

EXERCISE_CHECK(dropped_promise) {
    // The worker must still fail: the lesson is main coping with a value that never comes.
    if (const auto* result = g.facts().channel("result"))
        g.expect(result->messages.empty(),
                 "the worker still gives up on the garbled reading, so nothing is sent on result",
                 "the worker sent a total: keep the readings and the worker as they were handed out");
    g.a_recv_failed("result", "disconnected");
    g.output_has("no result: worker failed");
    g.output_count("total:", 0);
}
