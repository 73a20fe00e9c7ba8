#include "check.hpp"

#include <algorithm>
#include <regex>
#include <sstream>
#include <stdexcept>

namespace cookbook::check {
namespace {

// "// " then four spaces of indent, as Markdown indents a code block.
constexpr std::string_view block_indent = "//     ";
constexpr std::string_view checks_heading = "// Checks:";

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

std::string_view trim(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
}

// How many lines from the top start with "//": the opening comment.
std::size_t opening_comment_size(const std::vector<std::string>& lines) {
    std::size_t n = 0;
    while (n < lines.size() && starts_with(lines[n], "//")) ++n;
    return n;
}

// The indented lines after lines[at] and before lines[end], without the comment marker
// and indent.
std::vector<std::string> block_after(const std::vector<std::string>& lines, std::size_t at, std::size_t end) {
    std::vector<std::string> block;
    for (std::size_t i = at + 1; i < end && starts_with(lines[i], block_indent); ++i) {
        block.push_back(lines[i].substr(block_indent.size()));
    }
    if (block.empty()) throw std::runtime_error("'" + lines[at] + "' is followed by no indented lines");
    return block;
}

// The Checks block: "// Checks:" and its rules are the file's last lines, after the
// program, so that a recipe reads as a lesson first. Anywhere else it is an error, not
// a block silently skipped (a skipped rule would pass every run).
std::vector<std::string> trailing_checks(const std::vector<std::string>& lines, std::size_t opening_size) {
    const auto heading = std::find(lines.begin(), lines.end(), checks_heading);
    if (heading == lines.end()) return {};
    const auto at = static_cast<std::size_t>(heading - lines.begin());
    const std::string where = "'" + std::string(checks_heading) + "' on line " + std::to_string(at + 1);
    if (at < opening_size) {
        throw std::runtime_error(where + " is in the opening comment; the Checks block goes at the end of the file, "
                                 "after the program");
    }
    if (const auto again = std::find(heading + 1, lines.end(), checks_heading); again != lines.end()) {
        throw std::runtime_error(where + " comes again on line " + std::to_string(again - lines.begin() + 1) +
                                 "; a recipe has one Checks block");
    }
    std::vector<std::string> rules = block_after(lines, at, lines.size());
    if (at + 1 + rules.size() != lines.size()) {
        throw std::runtime_error(where + " is not the end of the file: line " + std::to_string(at + 2 + rules.size()) +
                                 " is not an indented rule");
    }
    return rules;
}

// ---- rules ----

struct range {
    double low;
    double high;
    bool contains(double x) const { return low <= x && x <= high; }
    std::string text() const {
        std::ostringstream s;
        s << low;
        if (high != low) s << ".." << high;
        return s.str();
    }
};

[[noreturn]] void malformed(std::string_view rule, std::string_view why) {
    throw std::runtime_error("malformed check '" + std::string(rule) + "': " + std::string(why));
}

double parse_number(std::string_view rule, std::string_view text) {
    std::istringstream in{std::string(text)};
    double value = 0;
    if (!(in >> value) || !in.eof()) malformed(rule, "'" + std::string(text) + "' is not a number");
    return value;
}

// "N" or "A..B".
range parse_range(std::string_view rule, std::string_view text) {
    const std::size_t dots = text.find("..");
    if (dots == std::string_view::npos) {
        const double n = parse_number(rule, text);
        return {n, n};
    }
    return {parse_number(rule, text.substr(0, dots)), parse_number(rule, text.substr(dots + 2))};
}

// The text between the first and the last '/'.
std::regex parse_regex(std::string_view rule, std::string_view text) {
    const std::size_t open = text.find('/');
    const std::size_t close = text.rfind('/');
    if (open != 0 || close == open || close != text.size() - 1) malformed(rule, "expected /regex/");
    try {
        return std::regex(std::string(text.substr(1, close - 1)));
    } catch (const std::regex_error& e) {
        malformed(rule, e.what());
    }
}

bool matches(const std::string& line, const std::regex& re) { return std::regex_search(line, re); }

// The part of each line that `re` matches, for the lines it matches.
std::vector<std::string> matching(const std::vector<std::string>& lines, const std::regex& re) {
    std::vector<std::string> found;
    for (const std::string& l : lines) {
        std::smatch m;
        if (std::regex_search(l, m, re)) found.push_back(m.str(0));
    }
    return found;
}

std::string quoted(const std::vector<std::string>& lines) {
    std::string s;
    for (const std::string& l : lines) s += (s.empty() ? "'" : ", '") + l + "'";
    return "[" + s + "]";
}

struct context {
    const documentation& doc;
    const std::vector<std::string>& lines;
    std::optional<double> seconds;
};

using verdict = std::optional<std::string>;  // what failed, if anything

verdict any_order(const context& c) {
    std::vector<std::string> got = c.lines, want = c.doc.output;
    std::sort(got.begin(), got.end());
    std::sort(want.begin(), want.end());
    if (got == want) return std::nullopt;
    return "the lines are not those of the documented output in some order";
}

verdict in_order(const context& c, const std::regex& re) {
    const auto got = matching(c.lines, re), want = matching(c.doc.output, re);
    if (got == want) return std::nullopt;
    return "the matches " + quoted(got) + " differ from the documented " + quoted(want);
}

verdict count(const context& c, const range& r, const std::regex& re) {
    const std::size_t n = matching(c.lines, re).size();
    if (r.contains(static_cast<double>(n))) return std::nullopt;
    return std::to_string(n) + " lines match, expected " + r.text();
}

verdict line_count(const context& c, const range& r) {
    if (r.contains(static_cast<double>(c.lines.size()))) return std::nullopt;
    return std::to_string(c.lines.size()) + " lines, expected " + r.text();
}

verdict every(const context& c, const std::regex& re) {
    for (const std::string& l : c.lines) {
        if (!matches(l, re)) return "line '" + l + "' does not match";
    }
    return std::nullopt;
}

verdict unique(const context& c, const std::regex& re) {
    std::vector<std::string> found;
    for (const std::string& l : c.lines) {
        std::smatch m;
        if (std::regex_search(l, m, re)) found.push_back(m.str(m.size() > 1 ? 1 : 0));
    }
    std::sort(found.begin(), found.end());
    const auto twice = std::adjacent_find(found.begin(), found.end());
    if (twice == found.end()) return std::nullopt;
    return "'" + *twice + "' appears more than once";
}

verdict end_line(const context& c, const std::regex& re, bool first) {
    if (c.lines.empty()) return "there is no line";
    const std::string& l = first ? c.lines.front() : c.lines.back();
    if (matches(l, re)) return std::nullopt;
    return std::string(first ? "first" : "last") + " line '" + l + "' does not match";
}

verdict increasing(const context& c, std::string_view rule, const std::regex& re) {
    std::optional<double> previous;
    for (const std::string& l : c.lines) {
        std::smatch m;
        if (!std::regex_search(l, m, re)) continue;
        if (m.size() < 2) malformed(rule, "the regex needs a group around the number");
        const double value = parse_number(rule, m.str(1));
        if (previous && value <= *previous) return "'" + l + "' does not increase on the line before";
        previous = value;
    }
    return std::nullopt;
}

verdict takes(const context& c, const range& r) {
    if (!c.seconds || r.contains(*c.seconds)) return std::nullopt;
    std::ostringstream s;
    s << "took " << *c.seconds << " s, expected " << r.text() << " s";
    return s.str();
}

verdict apply_rule(const context& c, std::string_view rule) {
    std::string_view rest = trim(rule);
    const auto word = [&](std::string_view w) {
        if (!starts_with(rest, w)) return false;
        rest = trim(rest.substr(w.size()));
        return true;
    };
    // The range ends at the first space: "count 2..3 /re/".
    const auto take_range = [&] {
        const std::string_view text = rest.substr(0, rest.find(' '));
        rest = trim(rest.substr(text.size()));
        return parse_range(rule, text);
    };
    if (rest == "any order") return any_order(c);
    if (word("in order")) return in_order(c, parse_regex(rule, rest));
    if (word("lines")) return line_count(c, parse_range(rule, rest));
    if (word("every")) return every(c, parse_regex(rule, rest));
    if (word("unique")) return unique(c, parse_regex(rule, rest));
    if (word("first")) return end_line(c, parse_regex(rule, rest), true);
    if (word("last")) return end_line(c, parse_regex(rule, rest), false);
    if (word("increasing")) return increasing(c, rule, parse_regex(rule, rest));
    if (word("count")) {
        const range r = take_range();
        return count(c, r, parse_regex(rule, rest));
    }
    if (word("takes")) {
        const range r = take_range();
        if (rest != "s") malformed(rule, "expected 'takes A..B s'");
        return takes(c, r);
    }
    malformed(rule, "unknown rule");
}

std::vector<std::string> apply_all(const context& c) {
    std::vector<std::string> failures;
    for (const std::string& rule : c.doc.rules) {
        if (const verdict v = apply_rule(c, rule)) failures.push_back(rule + ": " + *v);
    }
    return failures;
}

std::vector<std::string> compare_exactly(const documentation& doc, const std::vector<std::string>& lines) {
    const std::size_t n = std::max(doc.output.size(), lines.size());
    for (std::size_t i = 0; i < n; ++i) {
        const std::string want = i < doc.output.size() ? doc.output[i] : "(no line)";
        const std::string got = i < lines.size() ? lines[i] : "(no line)";
        if (want != got) {
            return {"line " + std::to_string(i + 1) + " is '" + got + "', the documented Output says '" + want + "'"};
        }
    }
    return {};
}

}  // namespace

std::vector<std::string> split_lines(std::string_view text) {
    std::vector<std::string> lines;
    while (!text.empty()) {
        const std::size_t end = text.find('\n');
        lines.emplace_back(text.substr(0, end));
        if (end == std::string_view::npos) break;
        text.remove_prefix(end + 1);
    }
    return lines;
}

documentation read_documentation(std::string_view source) {
    const std::vector<std::string> lines = split_lines(source);
    const std::size_t opening_size = opening_comment_size(lines);
    if (opening_size == 0 || trim(std::string_view(lines[0]).substr(2)).empty()) {
        throw std::runtime_error("the source does not open with a one-line summary comment");
    }
    documentation doc;
    doc.summary = std::string(trim(std::string_view(lines[0]).substr(2)));
    int output_blocks = 0;
    for (std::size_t i = 0; i < opening_size; ++i) {
        if (lines[i] == "// Output:" || lines[i] == "// Possible output:") {
            doc.exact = lines[i] == "// Output:";
            doc.output = block_after(lines, i, opening_size);
            ++output_blocks;
        }
    }
    if (output_blocks != 1) {
        throw std::runtime_error("the opening comment needs exactly one '// Output:' or '// Possible output:' block");
    }
    doc.rules = trailing_checks(lines, opening_size);
    return doc;
}

std::vector<std::string> verify(const documentation& doc, const std::vector<std::string>& lines,
                                std::optional<double> seconds) {
    std::vector<std::string> failures = doc.exact ? compare_exactly(doc, lines) : std::vector<std::string>{};
    const std::vector<std::string> broken = apply_all({doc, lines, seconds});
    failures.insert(failures.end(), broken.begin(), broken.end());
    return failures;
}

std::vector<std::string> verify_documentation(const documentation& doc) {
    return apply_all({doc, doc.output, std::nullopt});
}

}  // namespace cookbook::check
