#include "grade.hpp"

#include <set>
#include <string>

EXERCISE_CHECK(broadcast_to_all) {
    g.messages_sent("announcements", 4);
    if (const auto* c = g.facts().channel("announcements")) {
        g.expect(c->flavor == chan::trace::flavor::broadcast || c->flavor == chan::trace::flavor::broadcast_lagging,
                 "announcements is a broadcast channel (chan::broadcast)",
                 "announcements is " + std::string(chan::trace::to_string(c->flavor)) +
                     ": each of its messages goes to one receiver only");
        for (const auto& m : c->messages) {
            const std::set<std::string> who(m.receivers.begin(), m.receivers.end());
            std::string names;
            for (const auto& n : who) names += (names.empty() ? "" : ", ") + n;
            if (who.size() != 3) {
                g.expect(false, "every announcement is received by all 3 subscribers",
                         m.text + " was received by " +
                             (who.empty() ? std::string("nobody") : std::to_string(who.size()) + ": " + names) +
                             " (a receiver sees only what is sent after it subscribed)");
                break;
            }
        }
    }
    g.no_thread_waiting_at_exit();
    g.output_count(" got: ", 12);
    g.output_count(" heard 4 announcements", 3);
}
