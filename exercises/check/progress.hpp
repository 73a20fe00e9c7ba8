// A learner's progress: one JSON file in the build folder
// (build/default/exercises/progress.json), written after every check and hint.
#pragma once

#include <map>
#include <string>

namespace exercises {

struct exercise_progress {
    std::string state;  // "passed", "failed" or "does not compile"; empty: not started
    int attempts = 0;
    int hints_shown = 0;
    std::string first_attempt, passed_at;  // ISO 8601, UTC
};

class progress {
public:
    // Reads `path` (a missing file is no progress yet). A file that is not progress is
    // an error that names it, never silently replaced.
    explicit progress(std::string path);

    exercise_progress& of(const std::string& exercise) { return entries_[exercise]; }
    const exercise_progress* find(const std::string& exercise) const;
    bool passed(const std::string& exercise) const;

    // Records one attempt's outcome.
    void attempt(const std::string& exercise, const std::string& state);
    void save() const;
    const std::string& path() const { return path_; }

    static std::string now_iso();

private:
    std::string path_;
    std::map<std::string, exercise_progress> entries_;
};

}  // namespace exercises
