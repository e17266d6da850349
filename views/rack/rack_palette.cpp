#include "views/rack/rack_palette.h"

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
QColor background() {
    return QColor(255, 255, 255);
}
QColor rackFrame() {
    return QColor(58, 62, 68);
}
QColor rackInside() {
    return QColor(246, 247, 249);
}
QColor node() {
    return QColor(226, 230, 236);
}
QColor nodeBorder() {
    return QColor(150, 158, 168);
}
QColor switchTray() {
    return QColor(221, 214, 236);
}
QColor powerShelf() {
    return QColor(243, 229, 186);
}
QColor management() {
    return QColor(207, 216, 220);
}
QColor emptySlot() {
    return QColor(250, 250, 250);
}
QColor gpu() {
    return QColor(76, 106, 133);
}
QColor idleGpu() {
    return QColor(208, 208, 208);
}
QColor cpu() {
    return QColor(159, 179, 200);
}
QColor switchChip() {
    return QColor(94, 75, 139);
}
QColor nic() {
    return QColor(55, 55, 55);
}
QColor fabricSwitch() {
    return QColor(66, 70, 77);
}
QColor nvlinkDomain() {
    return QColor(0, 158, 115);
}
QColor cable() {
    return QColor(160, 166, 174);
}
QColor bottleneck() {
    return QColor(213, 94, 0);
}
QColor text() {
    return QColor(25, 28, 32);
}
QColor mutedText() {
    return QColor(95, 100, 108);
}
} // namespace rack_colours

} // namespace scalescope::views
