#include "grade.hpp"

#include <string>

EXERCISE_CHECK(done_signal) {
    g.messages_sent("done", 1);
    if (const auto* done = g.facts().channel("done")) {
        // The signal means something only if the thread that did the work sends it.
        std::string others;
        for (const auto& m : done->messages)
            if (m.sender != "worker") others += (others.empty() ? "" : ", ") + m.sender;
        g.expect(others.empty(), "worker sends the signal on done", "it was sent by " + others);
    }
    g.received_by("done", "main");
    // The output order shows main waited: without the signal its line comes first.
    g.output_is({"working...", "done", "worker finished"});
}
