// The exercises on disk, in order: exercises/NN_name/ folders, each with the learner's
// main.cpp, task.md (a front matter block, then the statement) and hints.md (one
// "## Hint N" section per hint), and its solution in exercises/solutions/name.cpp.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace exercises {

struct exercise {
    std::string name;    // "first_message"
    std::string folder;  // ".../exercises/01_first_message"
    std::string source;  // the learner's file
    std::string solution;
    std::map<std::string, std::string> about;  // the task's front matter: title, kind, goal, recipe, minutes, ...
    std::string statement;                     // task.md after its front matter
    std::vector<std::string> hints;

    std::string title() const;
};

// Throws std::runtime_error, naming the file and what is wrong, for a folder that does
// not follow the layout.
std::vector<exercise> read_catalog(const std::string& root);

}  // namespace exercises
