#include "grade.hpp"

EXERCISE_CHECK(fan_in_select) {
    g.select_received_from("main", "fast");
    g.select_received_from("main", "slow");
    g.every_message_received_once("fast");
    g.every_message_received_once("slow");
    g.no_thread_waiting_at_exit();
    g.output_count("got ", 6);
}
