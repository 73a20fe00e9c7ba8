#include "grade.hpp"

#include <map>
#include <string>

EXERCISE_CHECK(predict_interleaving) {
    const std::map<char, std::string> options = {
        {'A', "a1 a2 b1 b2"}, {'B', "a2 a1 b1 b2"}, {'C', "b1 a1 b2 a2"}, {'D', "a1 b2 b1 a2"}, {'E', "b1 b2 a1 a2"}};
    const std::set<char> possible = {'A', 'C', 'E'};
    const std::string question = "you tick exactly the outputs the program can print";

    g.ticked(possible, question);

    // The key, checked against this run: each producer's labels in its own order, and
    // never an order the key calls impossible. (This run may also print an order no
    // option shows, such as a1 b1 a2 b2.)
    std::string printed;
    for (const std::string& line : g.run().out) printed += (printed.empty() ? "" : " ") + line;
    const auto at = [&](const std::string& label) { return printed.find(label); };
    bool in_order = g.run().out.size() == 4 && at("a1") < at("a2") && at("b1") < at("b2") &&
                    at("a2") != std::string::npos && at("b2") != std::string::npos;
    for (const auto& [letter, text] : options)
        if (text == printed && !possible.count(letter)) in_order = false;
    g.expect(in_order, "the program prints a1 before a2 and b1 before b2, one label per line",
             "it printed: " + printed);
}
