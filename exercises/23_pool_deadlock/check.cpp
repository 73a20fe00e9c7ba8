#include "grade.hpp"

#include <string>

EXERCISE_CHECK(pool_deadlock) {
    // The fix must hold with small channels: no buffer is big enough for any number of jobs.
    g.made("jobs", chan::trace::flavor::bounded, 1);
    g.made("results", chan::trace::flavor::bounded, 1);
    g.every_message_received_once("jobs");
    g.every_message_received_once("results");
    g.no_thread_waiting_at_exit();
    const auto& out = g.run().out;
    g.expect(!out.empty() && out.back() == "collected 6 of 6 results",
             "the program ends by printing \"collected 6 of 6 results\"",
             out.empty() ? std::string("it printed nothing") : "its last line was \"" + out.back() + "\"");
}
