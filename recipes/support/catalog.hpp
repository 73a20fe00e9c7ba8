// The catalog: every recipe of the cookbook, for programs that run recipes in their own
// process (the visualizer, natively and in the browser).
//
//   const cookbook::recipe* r = cookbook::find_recipe("worker_pool");
//   for (const cookbook::knob& k : cookbook::host::knobs_of(r->main)) add_slider(k);
//   cookbook::host::run(r->main, r->name, {"--workers", "4"},
//                       [](std::string_view line) { show(line); });
//
// The table is generated at build time from the recipe sources (see
// generate_catalog.cmake): each recipe's source text is embedded as it is on disk, and
// its `main` is the recipe's own main compiled a second time under another name. There
// is no second copy of any recipe.
#pragma once

#include <span>
#include <string_view>

#include "cookbook.hpp"

namespace cookbook {

struct recipe {
    std::string_view name;     // "worker_pool": unique, the executable's name
    std::string_view topic;    // "patterns": its folder
    std::string_view summary;  // the first line of its opening comment
    std::string_view path;     // "recipes/patterns/worker_pool.cpp", from the repository root
    std::string_view source;   // the whole file
    host::entry_point main;    // run it with host::run
};

struct topic {
    std::string_view name;   // "patterns"
    std::string_view title;  // "Worker pools, rate limiting, ..."
};

// Every recipe, grouped by topic in reading order.
std::span<const recipe> catalog() noexcept;

// The topics, in reading order (recipes/contents.txt).
std::span<const topic> topics() noexcept;

// The recipe called `name`, or nullptr.
const recipe* find_recipe(std::string_view name) noexcept;

}  // namespace cookbook
