// How the visualizer looks: colours (the Okabe-Ito palette, safe for every common kind
// of colour blindness, and always paired with a shape or a word), fonts and sizes at
// any display scale.
//
//   viz::ui::theme look(sans_ttf, mono_ttf);   // font files' bytes; empty: ImGui's built-in font
//   each frame, before ImGui::NewFrame():
//     if (look.set_scale(content_scale, framebuffer_scale)) upload_font_texture();
//
// Scale: `content_scale` is what the system asks for (2 on a "200 %" display), and
// `framebuffer_scale` is how many pixels a window coordinate has (2 on macOS Retina,
// 1 on X11 and Windows, devicePixelRatio in a browser canvas sized in CSS pixels).
// Glyphs are rasterised at content_scale so that they are sharp in pixels, and shown
// at 1 / framebuffer_scale in window coordinates; sizes in window coordinates
// (padding, the scene's nodes) grow by content_scale / framebuffer_scale. ImGui 1.86
// has no DPI helpers, so this is done here.
#pragma once

#include <imgui.h>

#include <vector>

#include "ui/token_sprite.hpp"

namespace viz::ui {

// The Okabe-Ito palette (Okabe & Ito 2008), plus the greys of the interface.
namespace okabe_ito {
inline constexpr ImU32 rgb(unsigned r, unsigned g, unsigned b, unsigned a = 255) {
    return (ImU32{a} << 24) | (ImU32{b} << 16) | (ImU32{g} << 8) | ImU32{r};
}
inline constexpr ImU32 orange = rgb(0xE6, 0x9F, 0x00);
inline constexpr ImU32 sky_blue = rgb(0x56, 0xB4, 0xE9);
inline constexpr ImU32 bluish_green = rgb(0x00, 0x9E, 0x73);
inline constexpr ImU32 yellow = rgb(0xF0, 0xE4, 0x42);
inline constexpr ImU32 blue = rgb(0x00, 0x72, 0xB2);
inline constexpr ImU32 vermillion = rgb(0xD5, 0x5E, 0x00);
inline constexpr ImU32 reddish_purple = rgb(0xCC, 0x79, 0xA7);
inline constexpr ImU32 black = rgb(0x00, 0x00, 0x00);
}  // namespace okabe_ito

// What each colour means in the scene. Every one of them comes with a shape or a word.
namespace colours {
using okabe_ito::rgb;
inline constexpr ImU32 running = okabe_ito::bluish_green;   // ● running
inline constexpr ImU32 in_call = okabe_ito::sky_blue;       // ▶ inside a send, receive or select
inline constexpr ImU32 blocked = okabe_ito::vermillion;     // ■ waiting
inline constexpr ImU32 exited = rgb(0x8A, 0x8F, 0x98);      // ○ ended
inline constexpr ImU32 token = okabe_ito::orange;           // a message
inline constexpr ImU32 token_text = rgb(0x1B, 0x1B, 0x1B);
inline constexpr ImU32 arm = okabe_ito::reddish_purple;     // a select's candidate arm (dashed)
inline constexpr ImU32 arm_taken = okabe_ito::yellow;       // the arm a select took (thick)
inline constexpr ImU32 timer = okabe_ito::sky_blue;
inline constexpr ImU32 deadlock = okabe_ito::vermillion;
inline constexpr ImU32 probable = okabe_ito::orange;        // "probably stuck"
inline constexpr ImU32 closed = rgb(0xF2, 0xF2, 0xF2);
inline constexpr ImU32 background = rgb(0x1C, 0x1F, 0x26);
inline constexpr ImU32 panel = rgb(0x24, 0x28, 0x31);
inline constexpr ImU32 pipe = rgb(0x3A, 0x40, 0x4C);
inline constexpr ImU32 slot = rgb(0x2A, 0x2F, 0x39);
inline constexpr ImU32 edge = rgb(0x6B, 0x72, 0x80);
inline constexpr ImU32 text = rgb(0xEC, 0xEE, 0xF2);
inline constexpr ImU32 quiet_text = rgb(0xA9, 0xB0, 0xBC);
inline constexpr ImU32 playhead = rgb(0xFF, 0xFF, 0xFF);
}  // namespace colours

ImU32 with_alpha(ImU32 colour, float alpha);

// What the font atlas holds: the fonts, and the token picture painted beside them.
struct font_set {
    ImFont* body = nullptr;
    ImFont* small = nullptr;
    ImFont* heading = nullptr;
    ImFont* mono = nullptr;
    token_sprite token;  // tokens are drawn at the small font's size
};

class theme {
public:
    // The bytes of a sans-serif and a monospace TrueType font (either may be empty).
    theme(std::vector<unsigned char> sans, std::vector<unsigned char> mono);
    theme(const theme&) = delete;
    theme& operator=(const theme&) = delete;

    // Rebuilds fonts and style when the scale changed; true when the font atlas was
    // rebuilt and the renderer must upload it again. Call before ImGui::NewFrame().
    bool set_scale(float content_scale, float framebuffer_scale);

    // Window coordinates per logical pixel (content_scale / framebuffer_scale).
    float scale() const noexcept { return layout_scale_; }
    const font_set& font() const noexcept { return fonts_; }

private:
    void build_fonts(float raster_scale);
    ImFont* add_font(std::vector<unsigned char>& ttf, float pixels);

    std::vector<unsigned char> sans_;
    std::vector<unsigned char> mono_;
    font_set fonts_;
    float content_scale_ = 0;
    float framebuffer_scale_ = 0;
    float layout_scale_ = 1;
};

}  // namespace viz::ui
