#include "grade.hpp"

EXERCISE_CHECK(ticker_loop) {
    g.ticked_at_least("ticker", 3);
    g.output_is({"tick 1", "tick 2", "tick 3", "ticker stopped"});
    // Three deliveries, 20 ms apart, the first 20 ms after the ticker is made.
    g.expect(g.run().seconds >= 0.06, "the three ticks take at least 60 ms (one every 20 ms)",
             "the whole run took " + std::to_string(static_cast<int>(g.run().seconds * 1000)) + " ms");
    g.no_thread_waiting_at_exit();
}
