#include "grade.hpp"

EXERCISE_CHECK(predict_buffering) { g.predicted_output(); }
