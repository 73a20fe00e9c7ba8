#include "grade.hpp"

#include <string>

EXERCISE_CHECK(graceful_shutdown) {
    g.messages_sent("jobs", 10);
    g.closed_by_last_sender("jobs");
    g.every_message_received_once("jobs");
    g.no_thread_waiting_at_exit();
    g.output_count(" stopped after ", 3);
    const auto& out = g.run().out;
    g.expect(!out.empty() && out.back() == "all 10 jobs done, workers stopped",
             "the program ends by printing \"all 10 jobs done, workers stopped\"",
             out.empty() ? std::string("it printed nothing") : "its last line was \"" + out.back() + "\"");
}
