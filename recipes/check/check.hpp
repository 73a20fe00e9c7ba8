// Checking a recipe's output against what its source promises.
//
// A recipe documents its output in its opening comment, in one of two blocks whose
// lines are indented by four spaces after the `// `:
//
//   // Output:                  the exact output, line by line
//   // Possible output:         one run's output, where scheduling may change it
//
// and may end with a `// Checks:` block: the file's last lines, after the program, so
// that the file reads as a lesson first and its machinery after. Its rules, one per
// line (same indentation), are what every run must satisfy, in the words below.
// `/re/` is an ECMAScript regular expression searched in a line.
//
//   any order              the lines are those of the Possible output block, in any order
//   in order /re/          what re matches, line after line, is what it matches in the
//                          block: `in order /(started|finished) job 1$/` says job 1 starts
//                          once, then finishes once, whichever worker takes it
//   lines N | lines A..B   the number of lines
//   count N /re/           how many lines match re (N or A..B)
//   every /re/             every line matches re
//   unique /re/            no two lines have the same match for re (for re's first
//                          group, if it has one: `unique /^worker \d took (\d+)$/`)
//   first /re/, last /re/  the first (last) line matches re
//   increasing /re/        re's first group is a number, strictly increasing line after line
//   takes A..B s           the run took between A and B seconds of wall time
//
// Because the rules are checked against the documented block too, the comment cannot
// show an output that a run would fail.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cookbook::check {

struct documentation {
    std::string summary;               // the comment's first line
    bool exact = false;                // "Output:" rather than "Possible output:"
    std::vector<std::string> output;   // the documented lines
    std::vector<std::string> rules;    // the Checks block that ends the file
};

// Reads a recipe's source: the summary and output block of its opening comment, and
// the Checks block at its end. Throws std::runtime_error when the opening comment lacks
// a summary or an output block or has both kinds, or when a `// Checks:` line stands
// anywhere but at the head of the file's last lines.
documentation read_documentation(std::string_view source);

// The lines of `text` (a final newline ends the last line; it does not start another).
std::vector<std::string> split_lines(std::string_view text);

// What is wrong with `lines` (empty: nothing). `seconds` is how long the run took; the
// `takes` rule is skipped without it. An exact block must match line for line.
// Throws std::runtime_error for a malformed rule.
std::vector<std::string> verify(const documentation& doc, const std::vector<std::string>& lines,
                                std::optional<double> seconds);

// What is wrong with the documentation itself: its rules, applied to its own
// Possible output block (`takes` skipped). Throws std::runtime_error for a malformed rule.
std::vector<std::string> verify_documentation(const documentation& doc);

}  // namespace cookbook::check
