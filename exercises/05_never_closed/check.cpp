#include "grade.hpp"

EXERCISE_CHECK(never_closed) {
    g.closed_by_last_sender("numbers");
    g.every_message_received_once("numbers");
    g.no_thread_waiting_at_exit();
    g.output_is({"sum: 55"});
}
