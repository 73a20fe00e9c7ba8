#include "progress.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace exercises {

progress::progress(std::string path) : path_(std::move(path)) {
    std::ifstream in(path_);
    if (!in) return;
    try {
        const nlohmann::json j = nlohmann::json::parse(in);
        for (const auto& [name, e] : j.at("exercises").items()) {
            exercise_progress& p = entries_[name];
            p.state = e.value("state", "");
            p.attempts = e.value("attempts", 0);
            p.hints_shown = e.value("hints_shown", 0);
            p.first_attempt = e.value("first_attempt", "");
            p.passed_at = e.value("passed_at", "");
        }
    } catch (const std::exception& x) {
        throw std::runtime_error(path_ + ": not a progress file (" + x.what() +
                                 "); move it away or run ./cookbook exercises --reset");
    }
}

const exercise_progress* progress::find(const std::string& exercise) const {
    auto it = entries_.find(exercise);
    return it == entries_.end() ? nullptr : &it->second;
}

bool progress::passed(const std::string& exercise) const {
    const exercise_progress* p = find(exercise);
    return p && !p->passed_at.empty();
}

void progress::attempt(const std::string& exercise, const std::string& state) {
    exercise_progress& p = of(exercise);
    ++p.attempts;
    p.state = state;
    if (p.first_attempt.empty()) p.first_attempt = now_iso();
    if (state == "passed" && p.passed_at.empty()) p.passed_at = now_iso();
}

void progress::save() const {
    nlohmann::json j;
    j["format"] = "chan-exercises-progress/1";
    j["exercises"] = nlohmann::json::object();
    for (const auto& [name, p] : entries_) {
        j["exercises"][name] = {{"state", p.state},
                                {"attempts", p.attempts},
                                {"hints_shown", p.hints_shown},
                                {"first_attempt", p.first_attempt},
                                {"passed_at", p.passed_at}};
    }
    std::filesystem::create_directories(std::filesystem::path(path_).parent_path());
    const std::string temporary = path_ + ".new";
    {
        std::ofstream out(temporary);
        out << j.dump(2) << "\n";
        if (!out) throw std::runtime_error(temporary + ": cannot be written");
    }
    std::filesystem::rename(temporary, path_);  // never a half-written progress file
}

std::string progress::now_iso() {
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&t, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

}  // namespace exercises
