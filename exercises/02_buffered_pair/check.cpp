#include "grade.hpp"

EXERCISE_CHECK(buffered_pair) {
    g.made("words", chan::trace::flavor::bounded, 2);
    g.no_send_waited("words");
    g.received_in_order("words", {"buffered", "channel"});
    g.output_is({"received: buffered", "received: channel"});
}
