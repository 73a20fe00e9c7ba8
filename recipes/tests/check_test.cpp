// The output checker: each rule passes on output that keeps it and fails on output
// that breaks it, so a recipe test cannot pass by accident.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "check.hpp"

namespace check = cookbook::check;

namespace {

using lines = std::vector<std::string>;

check::documentation possible(lines output, lines rules) {
    check::documentation doc;
    doc.summary = "test";
    doc.output = std::move(output);
    doc.rules = std::move(rules);
    return doc;
}

bool passes(const check::documentation& doc, const lines& got, std::optional<double> seconds = std::nullopt) {
    return check::verify(doc, got, seconds).empty();
}

}  // namespace

TEST_CASE("read_documentation finds the summary, the output block and the checks") {
    const auto doc = check::read_documentation(
        "// One line summary.\n"
        "//\n"
        "// Prose.\n"
        "//\n"
        "// Possible output:\n"
        "//     a\n"
        "//       indented b\n"
        "// What may vary.\n"
        "#include <x>\n"
        "//     not part of the comment\n"
        "int main() { return 0; }\n"
        "\n"
        "// Checks:\n"
        "//     lines 2\n");
    CHECK(doc.summary == "One line summary.");
    CHECK_FALSE(doc.exact);
    CHECK(doc.output == lines{"a", "  indented b"});
    CHECK(doc.rules == lines{"lines 2"});
}

TEST_CASE("read_documentation insists on a summary and exactly one output block") {
    CHECK_THROWS(check::read_documentation("#include <x>\n"));
    CHECK_THROWS(check::read_documentation("// Summary.\n// No output block.\n"));
    CHECK_THROWS(check::read_documentation("// Summary.\n// Output:\n//     a\n// Possible output:\n//     a\n"));
    CHECK_THROWS(check::read_documentation("// Summary.\n// Output:\n// not indented\n"));
    CHECK(check::read_documentation("// Summary.\n// Output:\n//     a\n").exact);
}

TEST_CASE("the Checks block ends the file, after the program, or is an error") {
    const std::string opening = "// Summary.\n// Possible output:\n//     a\n";
    CHECK(check::read_documentation(opening + "int main() {}\n").rules.empty());
    CHECK(check::read_documentation(opening + "int main() {}\n// Checks:\n//     lines 1\n//     every /a/\n").rules ==
          lines{"lines 1", "every /a/"});
    using Catch::Contains;
    CHECK_THROWS_WITH(check::read_documentation(opening + "//\n// Checks:\n//     lines 1\nint main() {}\n"),
                      Contains("is in the opening comment"));
    CHECK_THROWS_WITH(check::read_documentation(opening + "int main() {}\n// Checks:\n//     lines 1\nint x;\n"),
                      Contains("line 7 is not an indented rule"));
    CHECK_THROWS_WITH(check::read_documentation(opening + "int main() {}\n// Checks:\n//     lines 1\n// Checks:\n"),
                      Contains("comes again on line 7"));
    CHECK_THROWS_WITH(check::read_documentation(opening + "int main() {}\n// Checks:\n"),
                      Contains("followed by no indented lines"));
}

TEST_CASE("an exact Output block must match line for line") {
    auto doc = possible({"a", "b"}, {});
    doc.exact = true;
    CHECK(passes(doc, {"a", "b"}));
    CHECK_FALSE(passes(doc, {"b", "a"}));
    CHECK_FALSE(passes(doc, {"a"}));
    CHECK_FALSE(passes(doc, {"a", "b", "c"}));
}

TEST_CASE("any order: the documented lines, as a multiset") {
    const auto doc = possible({"a", "b", "b"}, {"any order"});
    CHECK(passes(doc, {"b", "a", "b"}));
    CHECK_FALSE(passes(doc, {"a", "b"}));
    CHECK_FALSE(passes(doc, {"a", "a", "b"}));
}

TEST_CASE("in order: what the regex matches keeps its documented order") {
    const auto doc = possible({"p1 x", "p2 x", "p1 y"}, {"in order /^p1 .*/"});
    CHECK(passes(doc, {"p2 x", "p1 x", "p1 y"}));
    CHECK_FALSE(passes(doc, {"p1 y", "p2 x", "p1 x"}));
    CHECK_FALSE(passes(doc, {"p1 x", "p2 x"}));
    // Only the matched part counts: who did it may vary, the order of what was done may not.
    const auto jobs = possible({"w1 started 1", "w1 finished 1"}, {"in order /(started|finished) 1$/"});
    CHECK(passes(jobs, {"w2 started 1", "w2 finished 1"}));
    CHECK_FALSE(passes(jobs, {"w2 finished 1", "w2 started 1"}));
    CHECK_FALSE(passes(jobs, {"w2 started 1", "w2 finished 1", "w3 finished 1"}));
}

TEST_CASE("lines and count take a number or a range") {
    CHECK(passes(possible({}, {"lines 2"}), {"a", "b"}));
    CHECK_FALSE(passes(possible({}, {"lines 2"}), {"a"}));
    CHECK(passes(possible({}, {"lines 1..3"}), {"a", "b", "c"}));
    CHECK_FALSE(passes(possible({}, {"lines 1..3"}), {"a", "b", "c", "d"}));
    CHECK(passes(possible({}, {"count 2 /^x/"}), {"x1", "y", "x2"}));
    CHECK_FALSE(passes(possible({}, {"count 2 /^x/"}), {"x1", "y"}));
    CHECK(passes(possible({}, {"count 0..1 /z/"}), {"x1"}));
}

TEST_CASE("every, first and last") {
    CHECK(passes(possible({}, {"every /^\\d+$/"}), {"1", "22"}));
    CHECK_FALSE(passes(possible({}, {"every /^\\d+$/"}), {"1", "x"}));
    CHECK(passes(possible({}, {"first /^start/", "last /^end/"}), {"start", "x", "end"}));
    CHECK_FALSE(passes(possible({}, {"first /^start/"}), {"x", "start"}));
    CHECK_FALSE(passes(possible({}, {"last /^end/"}), {"end", "x"}));
    CHECK_FALSE(passes(possible({}, {"last /^end/"}), {}));
}

TEST_CASE("unique: no match repeats") {
    const auto doc = possible({}, {"unique /job \\d+/"});
    CHECK(passes(doc, {"w1 job 1", "w2 job 2", "other", "other"}));
    CHECK_FALSE(passes(doc, {"w1 job 1", "w2 job 1"}));
    const auto grouped = possible({}, {"unique /^w\\d job (\\d+)$/"});
    CHECK(passes(grouped, {"w1 job 1", "w1 job 2", "sink job 1"}));
    CHECK_FALSE(passes(grouped, {"w1 job 1", "w2 job 1"}));
}

TEST_CASE("increasing: the captured numbers grow line after line") {
    const auto doc = possible({}, {"increasing /at (\\d+) ms/"});
    CHECK(passes(doc, {"at 1 ms", "other", "at 50 ms", "at 51 ms"}));
    CHECK_FALSE(passes(doc, {"at 1 ms", "at 1 ms"}));
    CHECK_FALSE(passes(doc, {"at 5 ms", "at 3 ms"}));
    CHECK_THROWS(check::verify(possible({}, {"increasing /at \\d+/"}), {"at 1"}, std::nullopt));
}

TEST_CASE("takes bounds the run's wall time, and only when it is known") {
    const auto doc = possible({}, {"takes 0.5..2 s"});
    CHECK(passes(doc, {}, 1.0));
    CHECK_FALSE(passes(doc, {}, 0.2));
    CHECK_FALSE(passes(doc, {}, 3.0));
    CHECK(passes(doc, {}));
}

TEST_CASE("a malformed rule is an error, not a pass") {
    for (const char* rule : {"sometimes", "count /x/", "count two /x/", "first x", "lines", "takes 1..2",
                             "in order /[/"}) {
        INFO(rule);
        CHECK_THROWS(check::verify(possible({}, {rule}), {"x"}, 1.0));
    }
}

TEST_CASE("verify_documentation applies the rules to the documented output") {
    CHECK(check::verify_documentation(possible({"a", "b"}, {"lines 2", "takes 5..6 s"})).empty());
    CHECK_FALSE(check::verify_documentation(possible({"a", "b"}, {"lines 3"})).empty());
}

TEST_CASE("split_lines: a final newline ends the last line") {
    CHECK(check::split_lines("a\nb\n") == lines{"a", "b"});
    CHECK(check::split_lines("a\n\nb") == lines{"a", "", "b"});
    CHECK(check::split_lines("").empty());
}
