#include "grade.hpp"

EXERCISE_CHECK(done_signal) {
    g.messages_sent("done", 1);
    // The signal means something only if the thread that did the work sends it.
    g.sent_by("done", "worker");
    g.received_by("done", "main");
    // The output order shows main waited: without the signal its line comes first.
    g.output_is({"working...", "done", "worker finished"});
}
