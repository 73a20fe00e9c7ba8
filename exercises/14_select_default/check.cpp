#include "grade.hpp"

EXERCISE_CHECK(select_default) {
    g.select_defaulted("main");
    g.select_received_from("main", "messages");
    g.select_received_from("main", "signals");
    g.output_is({"round 1: no activity", "round 2: received message hello", "round 3: received a signal"});
}
