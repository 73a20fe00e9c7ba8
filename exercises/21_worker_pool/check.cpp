#include "grade.hpp"

EXERCISE_CHECK(worker_pool) {
    g.messages_sent("jobs", 9);
    g.every_message_received_once("jobs");
    g.received_by_at_least("jobs", 2);
    g.closed_by_last_sender("jobs");
    g.every_message_received_once("results");
    g.no_thread_waiting_at_exit();
    g.output_is({"collected 9 results, total 285"});
}
