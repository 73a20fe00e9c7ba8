#include "grade.hpp"

EXERCISE_CHECK(leaking_receiver) {
    g.closed_by_last_sender("log");
    g.every_message_received_once("log");
    g.no_thread_waiting_at_exit();
    g.output_count("log: ", 5);
}
