#include "grade.hpp"

EXERCISE_CHECK(pipeline_stage) {
    g.every_message_received_once("numbers");
    g.every_message_received_once("squares");
    g.closed_by_last_sender("numbers");
    g.closed_by_last_sender("squares");
    g.output_is({"sum of squares: 385"});
}
