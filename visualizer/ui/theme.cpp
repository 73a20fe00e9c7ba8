#include "ui/theme.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace viz::ui {

namespace {

// Logical pixel sizes of the fonts.
constexpr float body_pixels = 15.0f;
constexpr float small_pixels = 13.0f;
constexpr float heading_pixels = 19.0f;
constexpr float mono_pixels = 14.0f;

// Latin-1 plus the punctuation, arrows and shapes the interface writes.
constexpr ImWchar glyph_ranges[] = {
    0x0020, 0x00FF,  // Basic Latin, Latin-1 (× µ ·)
    0x2010, 0x2027,  // dashes, quotes, bullet, ellipsis
    0x2190, 0x21FF,  // arrows
    0x2212, 0x2212,  // minus
    0x25A0, 0x25FF,  // geometric shapes
    0,
};

void apply_style(ImGuiStyle& style) {
    ImGui::StyleColorsDark(&style);
    style.WindowRounding = 0;
    style.ChildRounding = 4;
    style.FrameRounding = 4;
    style.GrabRounding = 4;
    style.TabRounding = 4;
    style.FramePadding = ImVec2(7, 4);
    style.ItemSpacing = ImVec2(8, 6);
    style.WindowPadding = ImVec2(10, 8);
    style.ScrollbarSize = 15;
    ImVec4* c = style.Colors;
    c[ImGuiCol_WindowBg] = ImGui::ColorConvertU32ToFloat4(colours::background);
    // Children show their parent's background, and the app's window shows the colour the
    // platform clears to (app_window.cpp): a software renderer (Mesa's, a browser without
    // a GPU) spends most of a frame filling pixels, and each full-size background was
    // another screen of them.
    c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_PopupBg] = ImGui::ColorConvertU32ToFloat4(colours::panel);
    c[ImGuiCol_Text] = ImGui::ColorConvertU32ToFloat4(colours::text);
    c[ImGuiCol_TextDisabled] = ImGui::ColorConvertU32ToFloat4(colours::quiet_text);
}

}  // namespace

ImU32 with_alpha(ImU32 colour, float alpha) {
    const auto a = static_cast<unsigned>(std::lround(std::clamp(alpha, 0.0f, 1.0f) * static_cast<float>(colour >> 24)));
    return (colour & 0x00FFFFFFu) | (ImU32{a} << 24);
}

theme::theme(std::vector<unsigned char> sans, std::vector<unsigned char> mono)
    : sans_(std::move(sans)), mono_(std::move(mono)) {}

bool theme::set_scale(float content_scale, float framebuffer_scale) {
    content_scale = content_scale > 0 ? content_scale : 1.0f;
    framebuffer_scale = framebuffer_scale > 0 ? framebuffer_scale : 1.0f;
    if (content_scale == content_scale_ && framebuffer_scale == framebuffer_scale_) return false;
    content_scale_ = content_scale;
    framebuffer_scale_ = framebuffer_scale;
    layout_scale_ = content_scale / framebuffer_scale;

    ImGuiStyle& style = ImGui::GetStyle();
    style = ImGuiStyle();
    apply_style(style);
    style.ScaleAllSizes(layout_scale_);

    build_fonts(content_scale);
    ImGui::GetIO().FontGlobalScale = 1.0f / framebuffer_scale;
    return true;
}

ImFont* theme::add_font(std::vector<unsigned char>& ttf, float pixels) {
    ImGuiIO& io = ImGui::GetIO();
    ImFontConfig config;
    config.SizePixels = std::round(pixels);
    if (ttf.empty()) return io.Fonts->AddFontDefault(&config);  // ProggyClean, scaled: readable, not pretty
    config.FontDataOwnedByAtlas = false;  // the atlas is rebuilt from the same bytes at each new scale
    config.OversampleH = 2;
    return io.Fonts->AddFontFromMemoryTTF(ttf.data(), static_cast<int>(ttf.size()), config.SizePixels, &config,
                                          glyph_ranges);
}

void theme::build_fonts(float raster_scale) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    fonts_.body = add_font(sans_, body_pixels * raster_scale);  // the first font is ImGui's default
    const float small_size = std::round(small_pixels * raster_scale);
    fonts_.small = add_font(sans_, small_size);
    fonts_.heading = add_font(sans_, heading_pixels * raster_scale);
    fonts_.mono = add_font(mono_.empty() ? sans_ : mono_, mono_pixels * raster_scale);
    fonts_.token.reserve(*io.Fonts, small_size * token_sprite::height_per_font_size);
    io.Fonts->Build();
    fonts_.token.paint(*io.Fonts);
}

}  // namespace viz::ui
