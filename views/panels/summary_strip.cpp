#include "views/panels/summary_strip.h"

#include "app/document/scenario_document.h"
#include "views/panels/explanation_text.h"
#include "views/panels/flow_layout.h"
#include "views/style/theme.h"
#include "views/style/view_format.h"

#include <QEvent>
#include <QLabel>
#include <QRegularExpression>
#include <QVBoxLayout>

#include <functional>

namespace scalescope::views {

namespace {

struct Metric {
    const char *caption;
    const char *key;
    std::function<double(const models::ScenarioResult &)> value;
    std::function<QString(double)> format;
    /// Zero means the catalog lacks the input (a system without a power figure): "n/a".
    bool zeroIsMissing = false;

    [[nodiscard]] bool missing(double v) const { return zeroIsMissing && !(v > 0.0); }
    [[nodiscard]] QString text(double v) const {
        return missing(v) ? QStringLiteral("n/a") : format(v);
    }
};

const std::vector<Metric> &metrics() {
    static const std::vector<Metric> table = {
        {"memory / GPU", "memory.total", [](const auto &r) { return r.memory.totalBytes(); },
         bytesText},
        {"step", "step.time", [](const auto &r) { return r.step.timeSeconds; }, durationText},
        {"MFU", "mfu", [](const auto &r) { return r.mfu; }, percentText},
        {"time to train", "training.time", [](const auto &r) { return r.trainingSeconds; },
         durationText},
        {"GPU-hours", "training.gpu_hours", [](const auto &r) { return r.gpuHours; }, countText},
        {"cost", "training.cost", [](const auto &r) { return r.costUsd; }, usdText},
        {"energy", "training.energy", [](const auto &r) { return r.energyJoules; }, energyText,
         true},
    };
    return table;
}

QString fitText(const models::ScenarioResult &result) {
    return (result.fitsInMemory ? QStringLiteral("✓ fits ") : QStringLiteral("✗ exceeds ")) +
           bytesText(result.memory.totalBytes()) + " / " + bytesText(result.hbmBytes);
}

/// The verdict as rich text in the theme's "fits" or "does not fit" colour.
QString fitHtml(const models::ScenarioResult &result) {
    const Theme theme = Theme::make(currentThemeKind());
    return QStringLiteral("<span style='color:%1'>%2</span>")
        .arg((result.fitsInMemory ? theme.good : theme.bad).name(),
             fitText(result).toHtmlEscaped());
}

} // namespace

SummaryStrip::SummaryStrip(app::ScenarioDocument *document, QWidget *parent)
    : QFrame(parent)
    , m_document(document)
    , m_status(new QLabel(this)) {
    setObjectName("summaryStrip");
    setFrameShape(QFrame::StyledPanel);
    // Tiles flow onto a second row on narrow screens instead of widening the window.
    m_flow = new FlowLayout(this);
    m_flow->setContentsMargins(12, 6, 12, 6);
    m_status->setObjectName("summaryStatus");
    m_status->setTextFormat(Qt::RichText);
    m_flow->addWidget(m_status);
    for (const auto &metric : metrics()) {
        Tile tile;
        tile.caption = tr(metric.caption);
        tile.key = metric.key;
        auto *box = new QWidget(this);
        auto *column = new QVBoxLayout(box);
        column->setContentsMargins(0, 0, 0, 0);
        column->setSpacing(0);
        tile.value = new QLabel(box);
        tile.value->setObjectName("summaryValue");
        tile.value->setTextFormat(Qt::RichText);
        tile.captionLabel = new QLabel(tile.caption, box);
        tile.captionLabel->setObjectName("summaryCaption");
        column->addWidget(tile.value);
        column->addWidget(tile.captionLabel);
        m_flow->addWidget(box);
        m_tiles.push_back(tile);
    }
    connect(m_document, &app::ScenarioDocument::changed, this, &SummaryStrip::refresh);
    refresh();
}

void SummaryStrip::refresh() {
    const auto &comparison = m_document->comparison();
    std::vector<int> indices = comparison.enabled ? std::vector<int>{comparison.a, comparison.b}
                                                  : std::vector<int>{m_document->currentIndex()};
    std::vector<std::shared_ptr<const models::ScenarioResult>> results;
    QString invalid;
    for (int index : indices) {
        auto result = m_document->resultAt(index);
        if (!result->valid) {
            invalid = QString::fromStdString(result->error);
            auto last = m_document->lastValidResultAt(index);
            result = last ? last : result;
        }
        results.push_back(result);
    }
    const bool stale = !invalid.isEmpty();
    const QColor good = palette().color(QPalette::Link);

    if (!comparison.enabled) {
        const auto &r = *results.front();
        if (!r.valid) {
            m_status->setText("<b>" + tr("Invalid: %1").arg(invalid.toHtmlEscaped()) + "</b>");
            for (auto &tile : m_tiles) {
                tile.value->setText(QStringLiteral("–"));
                tile.value->setToolTip({});
            }
            return;
        }
        m_status->setText((stale ? "<i>" + tr("last valid") + "</i> " : QString()) + "<b>" +
                          fitHtml(r) + "</b>");
        m_status->setToolTip(explanationTooltip(r, "memory.total", fitText(r)));
        for (std::size_t i = 0; i < m_tiles.size(); ++i) {
            const auto &metric = metrics()[i];
            const QString text = metric.text(metric.value(r));
            m_tiles[i].value->setText("<b>" + text.toHtmlEscaped() + "</b>");
            m_tiles[i].value->setToolTip(
                explanationTooltip(r, m_tiles[i].key, m_tiles[i].caption + ": " + text));
        }
        setEnabled(!stale);
        return;
    }

    // Compare: A, B and B ÷ A stacked in each tile.
    setEnabled(!stale);
    const auto &a = *results[0];
    const auto &b = *results[1];
    m_status->setText(
        tr("<b>A</b> %1<br><b>B</b> %2")
            .arg(a.valid ? fitHtml(a) : tr("invalid"), b.valid ? fitHtml(b) : tr("invalid")));
    for (std::size_t i = 0; i < m_tiles.size(); ++i) {
        const auto &metric = metrics()[i];
        const double va = metric.value(a);
        const double vb = metric.value(b);
        const QString ta = a.valid ? metric.text(va) : QStringLiteral("–");
        const QString tb = b.valid ? metric.text(vb) : QStringLiteral("–");
        QString ratio = a.valid && b.valid ? ratioText(vb, va) : QStringLiteral("–");
        if (a.valid && b.valid && (metric.missing(va) || metric.missing(vb)))
            ratio = QStringLiteral("n/a");
        m_tiles[i].value->setText(
            QStringLiteral("A <b>%1</b><br>B <b>%2</b><br><span style='color:%4'>B÷A %3</span>")
                .arg(ta.toHtmlEscaped(), tb.toHtmlEscaped(), ratio, good.name()));
        m_tiles[i].value->setToolTip(
            explanationTooltip(a, m_tiles[i].key, "A " + m_tiles[i].caption + ": " + ta) +
            explanationTooltip(b, m_tiles[i].key, "B " + m_tiles[i].caption + ": " + tb));
    }
}

int SummaryStrip::rowCount() const {
    return m_flow->rowCount(width());
}

void SummaryStrip::changeEvent(QEvent *event) {
    QFrame::changeEvent(event);
    // The verdict's colour comes from the theme: follow a theme switch.
    if (event->type() == QEvent::PaletteChange)
        refresh();
}

QString SummaryStrip::tileText(int index) const {
    if (index < 0 || index >= tileCount())
        return {};
    QString text = m_tiles[index].value->text();
    text.replace("<br>", " ");
    text.remove(QRegularExpression("<[^>]*>"));
    return text;
}

QString SummaryStrip::summaryLine() const {
    QString status = m_status->text();
    status.replace("<br>", " ");
    status.remove(QRegularExpression("<[^>]*>"));
    QStringList parts{status};
    for (int i = 0; i < tileCount(); ++i)
        parts << m_tiles[i].caption + " " + tileText(i);
    return parts.join(" · ");
}

} // namespace scalescope::views
