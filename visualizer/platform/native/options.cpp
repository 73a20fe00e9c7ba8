#include "platform/native/options.hpp"

#include <charconv>
#include <cmath>

namespace viz::native {

namespace {

template <class T>
T number(const std::string& flag, std::string_view text) {
    T value{};
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
        throw usage_error(flag + ": '" + std::string(text) + "' is not a number");
    }
    return value;
}

moment parse_moment(std::string_view text) {
    moment m;
    if (!text.empty() && text.back() == '%') {
        m.percent = true;
        text.remove_suffix(1);
    }
    m.value = number<double>("--at", text);
    if (!std::isfinite(m.value) || m.value < 0 || (m.percent && m.value > 100)) {
        throw usage_error("--at: '" + std::string(text) + (m.percent ? "%" : "") +
                          "' must be seconds (0 or more) or a percentage (0% to 100%)");
    }
    return m;
}

void parse_size(std::string_view text, options& o) {
    const std::size_t x = text.find('x');
    if (x == std::string_view::npos) throw usage_error("--size: '" + std::string(text) + "' is not WIDTHxHEIGHT");
    o.width = number<int>("--size", text.substr(0, x));
    o.height = number<int>("--size", text.substr(x + 1));
    if (o.width < 320 || o.height < 240 || o.width > 8192 || o.height > 8192) {
        throw usage_error("--size: " + std::string(text) + " is outside 320x240 to 8192x8192");
    }
}

}  // namespace

options parse_options(const std::vector<std::string>& args) {
    options o;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        auto value = [&]() -> const std::string& {
            if (i + 1 >= args.size()) throw usage_error(arg + " needs a value");
            return args[++i];
        };
        if (arg == "-h" || arg == "--help") {
            o.help = true;
        } else if (arg == "--list") {
            o.list = true;
        } else if (arg == "--recipe") {
            o.recipe = value();
        } else if (arg == "--trace") {
            o.trace = value();
        } else if (arg == "--screenshot") {
            o.screenshot = value();
        } else if (arg == "--at") {
            o.at.push_back(parse_moment(value()));
        } else if (arg == "--size") {
            parse_size(value(), o);
        } else if (arg == "--scale") {
            const auto s = number<float>("--scale", value());
            if (!(s >= 0.5f && s <= 4.0f)) throw usage_error("--scale: must be between 0.5 and 4");
            o.scale = s;
        } else if (arg == "--clock") {
            const std::string& c = value();
            if (c != "events" && c != "real") throw usage_error("--clock: '" + c + "' is not 'events' or 'real'");
            o.clock = c == "events" ? viz::time_axis::events : viz::time_axis::real;
        } else if (arg.rfind("--", 0) == 0 && arg.size() > 2) {
            // A recipe's knob; whether the recipe has it is checked once the recipe is known.
            const std::string name = arg.substr(2);
            o.knobs.emplace_back(name, number<int>(arg, value()));
        } else if (!arg.empty() && arg[0] != '-' && o.trace.empty()) {
            o.trace = arg;
        } else {
            throw usage_error("unexpected argument '" + arg + "'");
        }
    }
    if (!o.recipe.empty() && !o.trace.empty()) throw usage_error("give either --recipe or a trace file, not both");
    if (!o.knobs.empty() && o.recipe.empty()) {
        throw usage_error("unknown option '--" + o.knobs.front().first + "' (knobs need --recipe NAME)");
    }
    if (!o.at.empty() && o.screenshot.empty()) throw usage_error("--at needs --screenshot");
    if (!o.screenshot.empty() && o.recipe.empty() && o.trace.empty()) {
        throw usage_error("--screenshot needs --recipe NAME or a trace file to show");
    }
    return o;
}

std::string usage_text(const std::string& program) {
    return "usage: " + program + " [TRACE.json | --trace FILE | --recipe NAME [--KNOB N]...]\n"
           "       " + program + " --list\n"
           "headless (renders one frame to a PNG and exits):\n"
           "       " + program + " (--recipe NAME [--KNOB N]... | --trace FILE) --screenshot OUT.png\n"
           "           [--at SECONDS | --at PERCENT%]... [--size WIDTHxHEIGHT] [--scale S] [--clock events|real]\n"
           "           several --at write OUT-1.png, OUT-2.png, ...\n"
           "Opens the Channels Cookbook visualizer: pick a recipe, watch its threads and messages.\n"
           "Keys: space play/pause, left/right step, home/end, +/- speed. Drop a trace file on the window to open it.\n";
}

}  // namespace viz::native
