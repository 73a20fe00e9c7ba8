#include "grade.hpp"

EXERCISE_CHECK(first_message) {
    g.messages_sent("greetings", 1);
    g.received_by("greetings", "main");
    g.every_message_received_once("greetings");
    g.output_is({"got: hello"});
}
