#include "grade.hpp"

EXERCISE_CHECK(wait_with_timeout) {
    // Either a select with a timeout or one with a chan::after timer arm gives up.
    g.select_timed_out("main");
    g.output_has("timed out");
    g.no_thread_waiting_at_exit();
}
