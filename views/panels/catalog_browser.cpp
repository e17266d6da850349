#include "views/panels/catalog_browser.h"

#include "app/data/catalog_compare.h"
#include "models/catalog/catalog.h"
#include "models/core/input_error.h"
#include "models/planner/planner_context.h"
#include "views/style/view_format.h"

#include <QComboBox>
#include <QDesktopServices>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QUrl>
#include <QVBoxLayout>

#include <functional>

namespace scalescope::views {

namespace {

constexpr int kSortRole = Qt::UserRole + 1;
constexpr int kUrlRole = Qt::UserRole + 2;

/// One column of a kind's table: its header and how to read a number (formatted for display,
/// sorted by value) or a text from an entry.
template <typename Spec> struct Column {
    QString header;
    std::function<double(const Spec &)> number;
    std::function<QString(double)> format;
    std::function<QString(const Spec &)> text;
};

QString firstUrl(const std::string &sources) {
    const QString all = QString::fromStdString(sources);
    return all.section(';', 0, 0).trimmed();
}

QStandardItem *numberItem(double value, const std::function<QString(double)> &format) {
    auto *item = new QStandardItem(value > 0.0 ? format(value) : QStringLiteral("—"));
    item->setData(value, kSortRole);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

template <typename Spec>
void fill(QStandardItemModel *model, const std::vector<Spec> &items,
          const std::vector<Column<Spec>> &columns) {
    QStringList headers{QObject::tr("Entry"), QObject::tr("Source")};
    for (const auto &column : columns)
        headers << column.header;
    model->setHorizontalHeaderLabels(headers);
    for (const Spec &spec : items) {
        QList<QStandardItem *> row;
        auto *name =
            new QStandardItem(QString::fromStdString(spec.name.empty() ? spec.id : spec.name));
        name->setData(QString::fromStdString(spec.id), Qt::UserRole);
        name->setData(name->text().toLower(), kSortRole);
        name->setCheckable(true);
        name->setToolTip(
            QString::fromStdString(spec.id + (spec.notes.empty() ? "" : "\n" + spec.notes)));
        row << name;
        auto *source = new QStandardItem(QObject::tr("open ↗"));
        source->setData(firstUrl(spec.sourceUrl), kUrlRole);
        source->setData(QString::fromStdString(spec.sourceUrl), kSortRole);
        source->setToolTip(QString::fromStdString(spec.sourceUrl).replace(" ; ", "\n"));
        source->setForeground(QBrush(QColor(0x00, 0x72, 0xB2)));
        row << source;
        for (const auto &column : columns) {
            if (column.number) {
                row << numberItem(column.number(spec), column.format);
            } else {
                auto *item = new QStandardItem(column.text(spec));
                item->setData(item->text().toLower(), kSortRole);
                row << item;
            }
        }
        for (auto *item : row)
            item->setEditable(false);
        model->appendRow(row);
    }
}

const models::Catalog &emptyCatalog() {
    static const models::Catalog catalog;
    return catalog;
}

QString tflops(double flops) {
    return siText(flops, "FLOP/s");
}
QString bandwidth(double bytesPerSecond) {
    return siText(bytesPerSecond, "B/s");
}
QString watts(double value) {
    return siText(value, "W");
}
QString plain(double value) {
    return integerText(value);
}

} // namespace

CatalogBrowser::CatalogBrowser(const models::Catalog *catalog, QWidget *parent)
    : QWidget(parent)
    , m_catalog(catalog ? catalog : &emptyCatalog())
    , m_kind(new QComboBox(this))
    , m_filter(new QLineEdit(this))
    , m_model(new QStandardItemModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_table(new QTableView(this))
    , m_comparison(new QPlainTextEdit(this)) {
    auto *column = new QVBoxLayout(this);
    column->setContentsMargins(6, 6, 6, 6);
    auto *bar = new QHBoxLayout;
    m_kind->addItems({tr("Accelerators"), tr("Systems"), tr("CPUs"), tr("Interconnects")});
    m_filter->setPlaceholderText(tr("Filter (name, vendor, architecture, …)"));
    m_filter->setClearButtonEnabled(true);
    bar->addWidget(new QLabel(tr("Show"), this));
    bar->addWidget(m_kind);
    bar->addWidget(m_filter, 1);
    bar->addWidget(
        new QLabel(tr("Tick entries to compare them; click “open ↗” for the source."), this));
    column->addLayout(bar);

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(kSortRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->setAlternatingRowColors(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_comparison->setReadOnly(true);
    m_comparison->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_comparison->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_comparison->setPlaceholderText(tr("Tick two or more entries of one kind to compare them."));
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_comparison);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    column->addWidget(splitter, 1);

    connect(m_kind, &QComboBox::currentIndexChanged, this, &CatalogBrowser::rebuild);
    connect(m_filter, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);
    connect(m_model, &QStandardItemModel::itemChanged, this, [this](QStandardItem *item) {
        if (item->column() == 0)
            updateComparison();
    });
    connect(m_table, &QTableView::clicked, this, [this](const QModelIndex &index) {
        if (index.column() == kSourceColumn && !sourceUrlAt(index.row()).isEmpty())
            QDesktopServices::openUrl(QUrl(sourceUrlAt(index.row())));
    });
    rebuild();
}

void CatalogBrowser::rebuild() {
    m_model->clear();
    using models::AcceleratorSpec;
    using models::CpuSpec;
    using models::InterconnectSpec;
    using models::SystemSpec;
    switch (m_kind->currentIndex()) {
    case 0:
        fill<AcceleratorSpec>(
            m_model, m_catalog->accelerators,
            {{tr("Vendor"), {}, {}, [](const auto &a) { return QString::fromStdString(a.vendor); }},
             {tr("Year"),
              [](const auto &a) { return double(a.launchYear); },
              [](double y) { return QString::number(y); },
              {}},
             {tr("BF16 dense"), [](const auto &a) { return a.bf16FlopsPerSecond; }, tflops, {}},
             {tr("FP8 dense"), [](const auto &a) { return a.fp8FlopsPerSecond; }, tflops, {}},
             {tr("FP4 dense"), [](const auto &a) { return a.fp4FlopsPerSecond; }, tflops, {}},
             {tr("Usable HBM"),
              [](const auto &a) { return models::usableMemoryBytes(a); },
              usableMemoryText,
              {}},
             {tr("HBM bandwidth"),
              [](const auto &a) { return a.hbmBytesPerSecond; },
              bandwidth,
              {}},
             {tr("Scale-up (bidir.)"),
              [](const auto &a) { return a.scaleUpBytesPerSecondBidirectional; },
              bandwidth,
              {}},
             {tr("TDP"), [](const auto &a) { return a.tdpWatts; }, watts, {}},
             {tr("Architecture"), {}, {}, [](const auto &a) {
                  return QString::fromStdString(a.architecture);
              }}});
        break;
    case 1:
        fill<SystemSpec>(
            m_model, m_catalog->systems,
            {{tr("Kind"),
              {},
              {},
              [](const auto &s) { return QString::fromStdString(models::systemKindName(s.kind)); }},
             {tr("GPU"), {}, {}, [](const auto &s) { return QString::fromStdString(s.gpuId); }},
             {tr("GPUs"), [](const auto &s) { return double(s.gpuCount); }, plain, {}},
             {tr("NVLink domain"),
              [](const auto &s) { return double(s.nvlinkDomainGpus); },
              plain,
              {}},
             {tr("GPU memory"), [](const auto &s) { return s.gpuMemoryTotalBytes; }, bytesText, {}},
             {tr("Scale-out / GPU"),
              [](const auto &s) { return s.scaleOutBytesPerSecondPerGpu; },
              bandwidth,
              {}},
             {tr("Power"), [](const auto &s) { return s.powerWatts; }, watts, {}},
             {tr("Year"),
              [](const auto &s) { return double(s.year); },
              [](double y) { return QString::number(y); },
              {}}});
        break;
    case 2:
        fill<CpuSpec>(
            m_model, m_catalog->cpus,
            {{tr("Vendor"), {}, {}, [](const auto &c) { return QString::fromStdString(c.vendor); }},
             {tr("Cores"), [](const auto &c) { return double(c.cores); }, plain, {}},
             {tr("Memory"), [](const auto &c) { return c.maxMemoryBytes; }, bytesText, {}},
             {tr("Memory bandwidth"),
              [](const auto &c) { return c.memoryBytesPerSecond; },
              bandwidth,
              {}},
             {tr("TDP"), [](const auto &c) { return c.tdpWatts; }, watts, {}}});
        break;
    default:
        fill<InterconnectSpec>(
            m_model, m_catalog->interconnects,
            {{tr("Category"),
              {},
              {},
              [](const auto &i) { return QString::fromStdString(i.category); }},
             {tr("Per device (bidir.)"),
              [](const auto &i) { return i.perDeviceBytesPerSecondBidirectional; },
              bandwidth,
              {}},
             {tr("Port"),
              [](const auto &i) { return i.portBitsPerSecond; },
              [](double v) { return siText(v, "bit/s"); },
              {}},
             {tr("Year"),
              [](const auto &i) { return double(i.year); },
              [](double y) { return QString::number(y); },
              {}}});
        break;
    }
    m_table->resizeColumnsToContents();
    m_table->setColumnWidth(0, std::min(m_table->columnWidth(0), 320));
    updateComparison();
}

void CatalogBrowser::setKind(int kind) {
    m_kind->setCurrentIndex(kind);
}

void CatalogBrowser::setFilter(const QString &text) {
    m_filter->setText(text);
}

bool CatalogBrowser::setChecked(const QString &id, bool checked) {
    for (int row = 0; row < m_model->rowCount(); ++row) {
        QStandardItem *item = m_model->item(row, 0);
        if (item->data(Qt::UserRole).toString() == id) {
            item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
            return true;
        }
    }
    return false;
}

QStringList CatalogBrowser::checkedIds() const {
    QStringList ids;
    for (int row = 0; row < m_model->rowCount(); ++row)
        if (m_model->item(row, 0)->checkState() == Qt::Checked)
            ids << m_model->item(row, 0)->data(Qt::UserRole).toString();
    return ids;
}

int CatalogBrowser::visibleRows() const {
    return m_proxy->rowCount();
}

QString CatalogBrowser::comparisonText() const {
    return m_comparison->toPlainText();
}

QString CatalogBrowser::sourceUrlAt(int row) const {
    return m_proxy->index(row, kSourceColumn).data(kUrlRole).toString();
}

void CatalogBrowser::updateComparison() {
    const QStringList ids = checkedIds();
    if (ids.size() >= 2 && m_kind->currentIndex() >= 2) {
        m_comparison->setPlainText(tr("Side-by-side comparison covers accelerators and systems."));
        return;
    }
    if (ids.size() < 2) {
        m_comparison->setPlainText(ids.size() == 1 ? tr("Tick one more entry to compare.")
                                                   : QString());
        return;
    }
    std::vector<std::string> list;
    for (const QString &id : ids)
        list.push_back(id.toStdString());
    try {
        m_comparison->setPlainText(
            QString::fromStdString(app::renderCatalogComparison(*m_catalog, list)));
    } catch (const models::InputError &error) {
        m_comparison->setPlainText(QString::fromStdString(error.reason()));
    }
}

} // namespace scalescope::views
