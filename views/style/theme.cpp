#include "views/style/theme.h"

#include <QAbstractAxis>
#include <QApplication>
#include <QChart>
#include <QFile>
#include <QFont>
#include <QLegend>
#include <QPalette>
#include <QStyleFactory>

namespace scalescope::views {

namespace {

// Okabe & Ito, "Color Universal Design" (2008): eight colours distinguishable with
// protanopia, deuteranopia and tritanopia.
const QColor kBlue(0x00, 0x72, 0xB2);
const QColor kOrange(0xE6, 0x9F, 0x00);
const QColor kGreen(0x00, 0x9E, 0x73);
const QColor kPurple(0xCC, 0x79, 0xA7);
const QColor kSky(0x56, 0xB4, 0xE9);
const QColor kVermillion(0xD5, 0x5E, 0x00);
const QColor kYellow(0xF0, 0xE4, 0x42);
const QColor kGrey(0x99, 0x99, 0x99);

constexpr const char *kThemeProperty = "scalescopeTheme";

double baseFontPointSize() {
    static const double size =
        QApplication::font().pointSizeF() > 0 ? QApplication::font().pointSizeF() : 10.0;
    return size;
}

QString styleSheetFor(ThemeKind kind) {
    const char *name = kind == ThemeKind::Dark           ? ":/styles/dark.qss"
                       : kind == ThemeKind::Presentation ? ":/styles/presentation.qss"
                                                         : ":/styles/light.qss";
    QFile file(name);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

} // namespace

Theme Theme::make(ThemeKind kind) {
    Theme theme;
    theme.kind = kind;
    switch (kind) {
    case ThemeKind::Light:
        theme.background = QColor(0xFF, 0xFF, 0xFF);
        theme.surface = QColor(0xF3, 0xF4, 0xF6);
        theme.text = QColor(0x1F, 0x23, 0x28);
        theme.mutedText = QColor(0x5F, 0x66, 0x6D);
        theme.grid = QColor(0xDD, 0xE1, 0xE6);
        theme.accent = kBlue;
        theme.good = QColor(0x1A, 0x7F, 0x37);
        theme.bad = QColor(0xC0, 0x39, 0x2B);
        break;
    case ThemeKind::Dark:
        theme.background = QColor(0x1E, 0x21, 0x26);
        theme.surface = QColor(0x2A, 0x2E, 0x35);
        theme.text = QColor(0xE6, 0xE8, 0xEB);
        theme.mutedText = QColor(0xA0, 0xA6, 0xAD);
        theme.grid = QColor(0x3C, 0x42, 0x4A);
        theme.accent = kSky;
        theme.good = QColor(0x4C, 0xC3, 0x6E);
        theme.bad = QColor(0xFF, 0x6B, 0x5B);
        break;
    case ThemeKind::Presentation:
        // Projectors wash out dark backgrounds and thin grey text: pure white and black,
        // larger fonts, thicker lines.
        theme.background = QColor(0xFF, 0xFF, 0xFF);
        theme.surface = QColor(0xFF, 0xFF, 0xFF);
        theme.text = QColor(0x00, 0x00, 0x00);
        theme.mutedText = QColor(0x20, 0x20, 0x20);
        theme.grid = QColor(0xB0, 0xB0, 0xB0);
        theme.accent = kBlue;
        theme.good = QColor(0x00, 0x6B, 0x2D);
        theme.bad = QColor(0xB0, 0x00, 0x00);
        theme.fontScale = 1.6;
        theme.lineWidth = 4;
        break;
    }
    return theme;
}

QColor memoryTermColor(MemoryTerm term) {
    switch (term) {
    case MemoryTerm::Weights:
        return kBlue;
    case MemoryTerm::Gradients:
        return kOrange;
    case MemoryTerm::Optimizer:
        return kGreen;
    case MemoryTerm::Activations:
        return kPurple;
    case MemoryTerm::KvCache:
        return kSky;
    case MemoryTerm::Other:
        break;
    }
    return kGrey;
}

QString memoryTermName(MemoryTerm term) {
    switch (term) {
    case MemoryTerm::Weights:
        return QObject::tr("Weights");
    case MemoryTerm::Gradients:
        return QObject::tr("Gradients");
    case MemoryTerm::Optimizer:
        return QObject::tr("Optimizer states");
    case MemoryTerm::Activations:
        return QObject::tr("Activations");
    case MemoryTerm::KvCache:
        return QObject::tr("KV cache");
    case MemoryTerm::Other:
        break;
    }
    return QObject::tr("Other");
}

QString memoryTermKey(MemoryTerm term) {
    switch (term) {
    case MemoryTerm::Weights:
        return "memory.weights";
    case MemoryTerm::Gradients:
        return "memory.gradients";
    case MemoryTerm::Optimizer:
        return "memory.optimizer";
    case MemoryTerm::Activations:
        return "memory.activations";
    case MemoryTerm::KvCache:
        return "memory.kv_cache";
    case MemoryTerm::Other:
        break;
    }
    return "memory.other";
}

QColor stepTermColor(StepTerm term) {
    switch (term) {
    case StepTerm::Compute:
        return kBlue;
    case StepTerm::TpComm:
        return kOrange;
    case StepTerm::CpComm:
        return kYellow;
    case StepTerm::EpComm:
        return kSky;
    case StepTerm::DpComm:
        return kGreen;
    case StepTerm::PpComm:
        return kPurple;
    case StepTerm::Bubble:
        return kVermillion;
    case StepTerm::Optimizer:
        break;
    }
    return kGrey;
}

QString stepTermName(StepTerm term) {
    switch (term) {
    case StepTerm::Compute:
        return QObject::tr("Compute");
    case StepTerm::TpComm:
        return QObject::tr("TP comm");
    case StepTerm::CpComm:
        return QObject::tr("CP comm");
    case StepTerm::EpComm:
        return QObject::tr("EP comm");
    case StepTerm::DpComm:
        return QObject::tr("DP comm");
    case StepTerm::PpComm:
        return QObject::tr("PP comm");
    case StepTerm::Bubble:
        return QObject::tr("Pipeline bubble");
    case StepTerm::Optimizer:
        break;
    }
    return QObject::tr("Optimizer step");
}

QString stepTermKey(StepTerm term) {
    switch (term) {
    case StepTerm::Compute:
        return "step.compute";
    case StepTerm::TpComm:
        return "step.tp_comm";
    case StepTerm::CpComm:
        return "step.cp_comm";
    case StepTerm::EpComm:
        return "step.ep_comm";
    case StepTerm::DpComm:
        return "step.dp_comm";
    case StepTerm::PpComm:
        return "step.pp_comm";
    case StepTerm::Bubble:
        return "step.bubble";
    case StepTerm::Optimizer:
        break;
    }
    return "step.optimizer";
}

QColor scenarioColor(int index) {
    static const std::array<QColor, 6> colors = {kBlue,   kVermillion, kGreen,
                                                 kPurple, kOrange,     kSky};
    return colors[static_cast<std::size_t>(std::max(0, index)) % colors.size()];
}

QString scenarioLetter(int index) {
    return QString(QChar('A' + std::clamp(index, 0, 25)));
}

void applyTheme(QApplication &application, const Theme &theme) {
    application.setProperty(kThemeProperty, static_cast<int>(theme.kind));
    const double basePoint = baseFontPointSize();
    QPalette palette;
    palette.setColor(QPalette::Window, theme.surface);
    palette.setColor(QPalette::WindowText, theme.text);
    palette.setColor(QPalette::Base, theme.background);
    palette.setColor(QPalette::AlternateBase, theme.surface);
    palette.setColor(QPalette::Text, theme.text);
    palette.setColor(QPalette::Button, theme.surface);
    palette.setColor(QPalette::ButtonText, theme.text);
    palette.setColor(QPalette::ToolTipBase, theme.background);
    palette.setColor(QPalette::ToolTipText, theme.text);
    palette.setColor(QPalette::PlaceholderText, theme.mutedText);
    palette.setColor(QPalette::Highlight, theme.accent);
    palette.setColor(QPalette::HighlightedText, QColor(Qt::white));
    palette.setColor(QPalette::Link, theme.accent);
    palette.setColor(QPalette::Mid, theme.grid);
    palette.setColor(QPalette::Disabled, QPalette::Text, theme.mutedText);
    palette.setColor(QPalette::Disabled, QPalette::WindowText, theme.mutedText);
    palette.setColor(QPalette::Disabled, QPalette::ButtonText, theme.mutedText);
    application.setStyle(QStyleFactory::create("Fusion"));
    application.setPalette(palette);
    QFont font = application.font();
    font.setPointSizeF(basePoint * theme.fontScale);
    application.setFont(font);
    application.setStyleSheet(styleSheetFor(theme.kind));
}

ThemeKind currentThemeKind() {
    if (qApp == nullptr)
        return ThemeKind::Light;
    return static_cast<ThemeKind>(qApp->property(kThemeProperty).toInt());
}

void styleChart(QChart *chart, const QPalette &palette, const QFont &font) {
    const QColor text = palette.color(QPalette::WindowText);
    const QColor grid = palette.color(QPalette::Mid);
    chart->setBackgroundBrush(palette.color(QPalette::Base));
    chart->setBackgroundRoundness(0);
    chart->setPlotAreaBackgroundVisible(false);
    QFont titleFont = font;
    titleFont.setPointSizeF(font.pointSizeF() * 1.25);
    titleFont.setBold(true);
    chart->setTitleFont(titleFont);
    chart->setTitleBrush(text);
    chart->legend()->setFont(font);
    chart->legend()->setLabelColor(text);
    QFont axisFont = font;
    axisFont.setPointSizeF(font.pointSizeF() * 0.95);
    for (QAbstractAxis *axis : chart->axes()) {
        axis->setLabelsFont(axisFont);
        axis->setLabelsColor(text);
        axis->setTitleFont(font);
        axis->setTitleBrush(text);
        axis->setGridLineColor(grid);
        axis->setLinePenColor(grid);
        axis->setMinorGridLineColor(grid.lighter(110));
    }
}

} // namespace scalescope::views
