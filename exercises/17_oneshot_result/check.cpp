#include "grade.hpp"

EXERCISE_CHECK(oneshot_result) {
    // A oneshot reports room for its one value.
    g.made("result", chan::trace::flavor::oneshot, 1);
    g.messages_sent("result", 1);
    g.received_by("result", "main");
    g.output_is({"result: 385"});
}
