#include "grade.hpp"

EXERCISE_CHECK(send_with_timeout) {
    g.a_send_failed("orders", "timeout");
    g.every_message_received_once("orders");
    g.no_thread_waiting_at_exit();
    g.output_has("gave up on order 2");
}
