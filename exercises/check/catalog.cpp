#include "catalog.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

namespace exercises {

namespace fs = std::filesystem;

namespace {

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(path.string() + ": cannot be read");
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// "---\nkey: value\n...\n---\n" then the statement.
void read_task(const fs::path& path, exercise& e) {
    std::istringstream in(read_text(path));
    std::string line;
    if (!std::getline(in, line) || line != "---") throw std::runtime_error(path.string() + ": must start with a --- line");
    static const std::regex field(R"(^([a-z_]+):\s*(.*?)\s*$)");
    while (true) {
        if (!std::getline(in, line)) throw std::runtime_error(path.string() + ": its front matter has no closing ---");
        if (line == "---") break;
        std::smatch m;
        if (!std::regex_match(line, m, field))
            throw std::runtime_error(path.string() + ": not a 'key: value' line in its front matter: " + line);
        e.about[m[1]] = m[2];
    }
    for (const char* key : {"title", "kind", "goal", "recipe", "minutes"})
        if (!e.about.count(key)) throw std::runtime_error(path.string() + ": its front matter has no '" + key + "'");
    std::ostringstream rest;
    rest << in.rdbuf();
    e.statement = rest.str();
}

std::vector<std::string> read_hints(const fs::path& path) {
    std::istringstream in(read_text(path));
    std::vector<std::string> hints;
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("## ", 0) == 0) {
            hints.emplace_back();
        } else if (!hints.empty()) {
            hints.back() += line + "\n";
        }
    }
    for (auto& h : hints) {
        while (!h.empty() && (h.back() == '\n' || h.back() == ' ')) h.pop_back();
        while (!h.empty() && h.front() == '\n') h.erase(h.begin());
    }
    if (hints.empty()) throw std::runtime_error(path.string() + ": has no '## Hint' section");
    return hints;
}

}  // namespace

std::string exercise::title() const { return about.at("title"); }

std::vector<exercise> read_catalog(const std::string& root) {
    static const std::regex folder(R"(^(\d\d)_([a-z0-9_]+)$)");
    std::vector<exercise> list;
    if (!fs::is_directory(root)) throw std::runtime_error(root + ": no such folder of exercises");
    for (const auto& entry : fs::directory_iterator(root)) {
        const std::string base = entry.path().filename().string();
        std::smatch m;
        if (!entry.is_directory() || !std::regex_match(base, m, folder)) continue;
        exercise e;
        e.name = m[2];
        e.folder = entry.path().string();
        e.source = (entry.path() / "main.cpp").string();
        e.solution = (fs::path(root) / "solutions" / (e.name + ".cpp")).string();
        for (const std::string& file : {e.source, e.solution})
            if (!fs::is_regular_file(file)) throw std::runtime_error(file + ": missing");
        read_task(entry.path() / "task.md", e);
        e.hints = read_hints(entry.path() / "hints.md");
        list.push_back(std::move(e));
    }
    std::sort(list.begin(), list.end(), [](const exercise& a, const exercise& b) { return a.folder < b.folder; });
    return list;
}

}  // namespace exercises
