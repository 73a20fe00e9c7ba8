#include "grade.hpp"

EXERCISE_CHECK(two_producers) {
    g.sent_by_at_least("numbers", 2);
    g.messages_sent("numbers", 10);
    g.every_message_received_once("numbers");
    g.closed_by_last_sender("numbers");
    g.output_is({"total: 55"});
}
