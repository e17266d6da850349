#include "views/rack/rack_palette.h"

#include "views/style/theme.h"

#include <algorithm>
#include <array>

namespace scalescope::views {

namespace {
// Okabe-Ito, ordered so that neighbouring groups contrast: blue, orange, bluish green,
// vermillion, sky blue, reddish purple, yellow, black-grey.
constexpr std::array<QRgb, kGroupColours> kOkabeIto{0x0072B2, 0xE69F00, 0x009E73, 0xD55E00,
                                                    0x56B4E9, 0xCC79A7, 0xF0E442, 0x555555};
} // namespace

QColor groupColour(int index) {
    const int i = ((index % kGroupColours) + kGroupColours) % kGroupColours;
    return QColor::fromRgb(kOkabeIto[static_cast<size_t>(i)]);
}

Qt::BrushStyle groupPattern(int index) {
    switch ((std::max(0, index) / kGroupColours) % 4) {
    case 1:
        return Qt::BDiagPattern;
    case 2:
        return Qt::FDiagPattern;
    case 3:
        return Qt::DiagCrossPattern;
    default:
        return Qt::NoBrush;
    }
}

QColor textColourOn(const QColor &background) {
    // Relative luminance (ITU-R BT.709 weights on the sRGB values is close enough here).
    const double luminance =
        0.2126 * background.redF() + 0.7152 * background.greenF() + 0.0722 * background.blueF();
    return luminance > 0.55 ? QColor(20, 20, 20) : QColor(255, 255, 255);
}

QColor memoryFillColour(double fraction) {
    if (fraction > 1.0)
        return QColor::fromRgb(0xD55E00);
    if (fraction >= 0.8)
        return QColor::fromRgb(0xE69F00);
    return QColor::fromRgb(0x0072B2);
}

QColor loadColour(double fraction) {
    const double f = std::clamp(fraction, 0.0, 1.0);
    const QColor low(196, 203, 212);
    const QColor high(0, 62, 125);
    return QColor::fromRgbF(static_cast<float>(low.redF() + f * (high.redF() - low.redF())),
                            static_cast<float>(low.greenF() + f * (high.greenF() - low.greenF())),
                            static_cast<float>(low.blueF() + f * (high.blueF() - low.blueF())));
}

namespace rack_colours {
namespace {
/// Neutral parts (background, frames, trays, text) follow the dark theme; the colours that
/// carry meaning (GPU groups, NVLink domain, bottleneck, memory fill) stay the same.
bool dark() {
    return currentThemeKind() == ThemeKind::Dark;
}
} // namespace
QColor background() {
    return dark() ? QColor(30, 33, 38) : QColor(255, 255, 255);
}
QColor rackFrame() {
    return dark() ? QColor(120, 127, 136) : QColor(58, 62, 68);
}
QColor rackInside() {
    return dark() ? QColor(40, 44, 51) : QColor(246, 247, 249);
}
QColor node() {
    return dark() ? QColor(58, 63, 71) : QColor(226, 230, 236);
}
QColor nodeBorder() {
    return dark() ? QColor(110, 118, 128) : QColor(150, 158, 168);
}
QColor switchTray() {
    return dark() ? QColor(76, 66, 104) : QColor(221, 214, 236);
}
QColor powerShelf() {
    return dark() ? QColor(96, 84, 46) : QColor(243, 229, 186);
}
QColor management() {
    return dark() ? QColor(62, 72, 78) : QColor(207, 216, 220);
}
QColor emptySlot() {
    return dark() ? QColor(34, 37, 43) : QColor(250, 250, 250);
}
QColor gpu() {
    return QColor(76, 106, 133);
}
QColor idleGpu() {
    return dark() ? QColor(86, 90, 96) : QColor(208, 208, 208);
}
QColor cpu() {
    return dark() ? QColor(96, 116, 138) : QColor(159, 179, 200);
}
QColor switchChip() {
    return QColor(94, 75, 139);
}
QColor nic() {
    return dark() ? QColor(190, 194, 200) : QColor(55, 55, 55);
}
QColor fabricSwitch() {
    return dark() ? QColor(150, 156, 165) : QColor(66, 70, 77);
}
QColor nvlinkDomain() {
    return QColor(0, 158, 115);
}
QColor cable() {
    return dark() ? QColor(112, 118, 126) : QColor(160, 166, 174);
}
QColor bottleneck() {
    return QColor(213, 94, 0);
}
QColor text() {
    return dark() ? QColor(230, 232, 235) : QColor(25, 28, 32);
}
QColor mutedText() {
    return dark() ? QColor(160, 166, 173) : QColor(95, 100, 108);
}
QColor scalableUnit() {
    return dark() ? QColor(38, 42, 48) : QColor(244, 246, 249);
}
QColor legendBackground() {
    return dark() ? QColor(36, 40, 46) : QColor(250, 251, 252);
}
QColor divider() {
    return dark() ? QColor(64, 70, 78) : QColor(225, 228, 232);
}
QColor neutralGpu() {
    return dark() ? QColor(72, 77, 85) : QColor(233, 236, 240);
}
} // namespace rack_colours

} // namespace scalescope::views
