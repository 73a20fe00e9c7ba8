#include "grade.hpp"

EXERCISE_CHECK(share_the_work) {
    g.every_message_received_once("jobs");
    g.received_by_at_least("jobs", 2);
    g.closed_by_last_sender("jobs");
    g.no_thread_waiting_at_exit();
    g.output_count("took job", 12);
}
