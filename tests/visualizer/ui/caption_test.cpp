// A channel's caption (visualizer/ui/draw.hpp `wrapped`) goes onto more lines rather
// than being cut short: broken at its " · " separators first, then between words, never
// inside a parenthesised phrase, and never wider than it is allowed to be. Measured
// with Dear ImGui's built-in font, which needs no file.
#include <catch2/catch.hpp>

#include <imgui.h>

#include <string>
#include <string_view>
#include <vector>

#include "ui/draw.hpp"

namespace {

using lines = std::vector<std::string>;

struct font_fixture {
    font_fixture() {
        ImGui::CreateContext();
        ImGui::GetIO().IniFilename = nullptr;
        ImGui::GetIO().Fonts->AddFontDefault();
        ImGui::GetIO().Fonts->Build();
        font = ImGui::GetIO().Fonts->Fonts[0];
    }
    ~font_fixture() { ImGui::DestroyContext(); }

    float width(const std::string& text) const { return font->CalcTextSizeA(size, FLT_MAX, 0, text.c_str()).x; }
    lines wrap(const std::string& text, float w, std::size_t max_lines = 3) const {
        return viz::ui::wrapped(font, size, text, w, max_lines);
    }

    ImFont* font = nullptr;
    float size = 13.0f;
};

// The caption's characters other than spaces and "·" separators (a break at a separator
// drops its "·").
std::string letters(std::string s) {
    for (const std::string_view gone : {" ", "·"}) {
        for (std::size_t at; (at = s.find(gone)) != std::string::npos;) s.erase(at, gone.size());
    }
    return s;
}

}  // namespace

TEST_CASE_METHOD(font_fixture, "a caption that fits stays on one line, unchanged", "[visualizer]") {
    const std::string caption = "bounded 0/2 · no senders left";
    CHECK(wrap(caption, width(caption)) == lines{caption});
}

TEST_CASE_METHOD(font_fixture, "a caption breaks at its separator before breaking between words", "[visualizer]") {
    // "bounded 0/2 · no" would fit the first line too; the separator wins.
    CHECK(wrap("bounded 0/2 · no senders left", width("no senders left")) == lines{"bounded 0/2", "no senders left"});
    CHECK(wrap("unbounded · 1 queued", width("unbounded")) == lines{"unbounded", "1 queued"});
}

TEST_CASE_METHOD(font_fixture, "a parenthesised phrase is never split", "[visualizer]") {
    CHECK(wrap("rendezvous (no slots) · closed", width("(no slots) · closed")) ==
          lines{"rendezvous", "(no slots) · closed"});
    CHECK(wrap("rendezvous (no slots) · closed", width("(no slots)")) == lines{"rendezvous", "(no slots)", "closed"});
}

TEST_CASE_METHOD(font_fixture, "the last line allowed takes the rest, shortened", "[visualizer]") {
    const lines two = wrap("rendezvous (no slots) · closed", width("(no slots)"), 2);
    REQUIRE(two.size() == 2);
    CHECK(two[0] == "rendezvous");
    CHECK(two[1] == viz::ui::fitted(font, size, "(no slots) · closed", width("(no slots)")));
    CHECK(two[1].ends_with("…"));

    CHECK(wrap("rendezvous (no slots) · closed", width("(no slots)"), 1) ==
          lines{viz::ui::fitted(font, size, "rendezvous (no slots) · closed", width("(no slots)"))});
}

TEST_CASE_METHOD(font_fixture, "a word wider than a line has a line of its own, shortened", "[visualizer]") {
    const lines got = wrap("lagging broadcast 3/4", width("lagging"));
    REQUIRE(got.size() == 3);
    CHECK(got[0] == "lagging");
    CHECK(got[1] == viz::ui::fitted(font, size, "broadcast", width("lagging")));
    CHECK(got[1].ends_with("…"));
    CHECK(got[2] == "3/4");
}

TEST_CASE_METHOD(font_fixture, "every line fits, and nothing is lost unless a line says so", "[visualizer]") {
    const std::vector<std::string> captions = {
        "rendezvous (no slots) · closed", "bounded 12/100 · no receivers left", "unbounded · 1234 queued · gone",
        "lagging broadcast 3/4", "ticker: 17 ticks", "never delivers"};
    for (const std::string& caption : captions) {
        for (float w = 7.0f; w <= width(caption) + 7.0f; w += 7.0f) {
            for (std::size_t max_lines = 1; max_lines <= 3; ++max_lines) {
                INFO(caption << " in " << w << " px, " << max_lines << " lines");
                const lines got = wrap(caption, w, max_lines);
                REQUIRE(!got.empty());
                CHECK(got.size() <= max_lines);
                bool shortened = false;
                std::string shown;
                for (const std::string& line : got) {
                    CHECK(width(line) <= w);
                    shortened = shortened || line.ends_with("…");
                    shown += line;
                }
                if (!shortened) CHECK(letters(shown) == letters(caption));
            }
        }
    }
}
