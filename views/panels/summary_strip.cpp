#include "views/panels/summary_strip.h"

#include "app/document/scenario_document.h"
#include "views/panels/explanation_text.h"
#include "views/style/theme.h"
#include "views/style/view_format.h"

#include <QHBoxLayout>
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
        {"energy", "training.energy", [](const auto &r) { return r.energyJoules; }, energyText},
    };
    return table;
}

QString fitText(const models::ScenarioResult &result) {
    return (result.fitsInMemory ? QStringLiteral("✓ fits ") : QStringLiteral("✗ exceeds ")) +
           bytesText(result.memory.totalBytes()) + " / " + bytesText(result.hbmBytes);
}

} // namespace

SummaryStrip::SummaryStrip(app::ScenarioDocument *document, QWidget *parent)
    : QFrame(parent)
    , m_document(document)
    , m_status(new QLabel(this)) {
    setObjectName("summaryStrip");
    setFrameShape(QFrame::StyledPanel);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 6, 12, 6);
    layout->setSpacing(18);
    m_status->setObjectName("summaryStatus");
    m_status->setTextFormat(Qt::RichText);
    layout->addWidget(m_status);
    for (const auto &metric : metrics()) {
        Tile tile;
        tile.caption = tr(metric.caption);
        tile.key = metric.key;
        auto *box = new QVBoxLayout;
        box->setSpacing(0);
        tile.value = new QLabel(this);
        tile.value->setObjectName("summaryValue");
        tile.value->setTextFormat(Qt::RichText);
        tile.captionLabel = new QLabel(tile.caption, this);
        tile.captionLabel->setObjectName("summaryCaption");
        box->addWidget(tile.value);
        box->addWidget(tile.captionLabel);
        layout->addLayout(box);
        m_tiles.push_back(tile);
    }
    layout->addStretch(1);
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
                          fitText(r).toHtmlEscaped() + "</b>");
        m_status->setToolTip(explanationTooltip(r, "memory.total", fitText(r)));
        for (std::size_t i = 0; i < m_tiles.size(); ++i) {
            const auto &metric = metrics()[i];
            const QString text = metric.format(metric.value(r));
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
    m_status->setText(tr("<b>A</b> %1<br><b>B</b> %2")
                          .arg(a.valid ? fitText(a).toHtmlEscaped() : tr("invalid"),
                               b.valid ? fitText(b).toHtmlEscaped() : tr("invalid")));
    for (std::size_t i = 0; i < m_tiles.size(); ++i) {
        const auto &metric = metrics()[i];
        const double va = metric.value(a);
        const double vb = metric.value(b);
        const QString ta = a.valid ? metric.format(va) : QStringLiteral("–");
        const QString tb = b.valid ? metric.format(vb) : QStringLiteral("–");
        const QString ratio = a.valid && b.valid ? ratioText(vb, va) : QStringLiteral("–");
        m_tiles[i].value->setText(
            QStringLiteral("A <b>%1</b><br>B <b>%2</b><br><span style='color:%4'>B÷A %3</span>")
                .arg(ta.toHtmlEscaped(), tb.toHtmlEscaped(), ratio, good.name()));
        m_tiles[i].value->setToolTip(
            explanationTooltip(a, m_tiles[i].key, "A " + m_tiles[i].caption + ": " + ta) +
            explanationTooltip(b, m_tiles[i].key, "B " + m_tiles[i].caption + ": " + tb));
    }
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
