#include "grade.hpp"

#include <cstddef>
#include <string>

EXERCISE_CHECK(first_response) {
    g.received_by("answers", "main");
    std::size_t taken = 0;
    std::string which;
    for (const auto& c : g.facts().channels())
        for (const auto& m : c.messages)
            for (const auto& r : m.receivers)
                if (r == "main") {
                    ++taken;
                    which += (which.empty() ? "" : ", ") + m.text;
                }
    g.expect(taken == 1, "main receives exactly one answer, the first",
             taken == 0 ? std::string("main received no answer") : "main received " + std::to_string(taken) + ": " + which);
    // The answers nobody reads must not leave their mirrors stuck in a send...
    g.no_thread_waiting_at_exit();
    // ...and every mirror got to answer before the program ended (a detached mirror may not).
    if (const auto* c = g.facts().channel("answers")) {
        std::size_t offered = c->messages.size();
        for (const auto& [status, n] : c->failed_sends) offered += n;
        g.expect(offered >= 3, "all 3 mirrors answer on answers before the program ends",
                 "only " + std::to_string(offered) +
                     " answered: the others were still at work when main returned (join every mirror)");
    }
    g.output_count("first answer: version 1.4.2 (from mirror ", 1);
}
