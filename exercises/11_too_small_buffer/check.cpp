#include "grade.hpp"

EXERCISE_CHECK(too_small_buffer) {
    g.every_message_received_once("results");
    g.messages_sent("results", 5);
    g.no_thread_waiting_at_exit();
    g.output_has("total 55");
}
