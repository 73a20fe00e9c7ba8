#include "grade.hpp"

#include <set>
#include <string>

EXERCISE_CHECK(lost_message) {
    constexpr int count = 20;
    // Refused sends are allowed (a program may try_send and then handle the refusal);
    // a number that never gets into the channel is not.
    if (const auto* numbers = g.facts().channel("numbers")) {
        std::set<std::string> sent;
        for (const auto& m : numbers->messages) sent.insert(m.text);
        std::string missing;
        std::size_t n_missing = 0;
        for (int n = 1; n <= count; ++n) {
            if (sent.count(std::to_string(n))) continue;
            if (++n_missing <= 8) missing += (missing.empty() ? "" : ", ") + std::to_string(n);
        }
        if (n_missing > 8) missing += ", ... (" + std::to_string(n_missing) + " in all)";
        std::string refused;
        if (auto full = numbers->failed_sends.find("full"); full != numbers->failed_sends.end())
            refused = "; " + std::to_string(full->second) + " sends were refused because numbers was full";
        g.expect(n_missing == 0, "every number from 1 to 20 gets into numbers",
                 "these never did: " + missing + refused);
    }
    g.messages_sent("numbers", count);
    g.every_message_received_once("numbers");
    g.output_is({"total: 210"});
}
