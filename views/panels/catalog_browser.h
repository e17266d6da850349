#pragma once

#include <QWidget>

class QComboBox;
class QLineEdit;
class QPlainTextEdit;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTableView;

namespace scalescope::models {
class Catalog;
}

namespace scalescope::views {

/// The hardware catalog: a sortable, filterable table per kind (accelerators, systems, CPUs,
/// interconnects); ticking rows compares them side by side with ratio columns against the first
/// ticked (app::renderCatalogComparison, the same table as `scalescope catalog --compare`); the
/// source of each entry opens with one click.
class CatalogBrowser : public QWidget {
    Q_OBJECT
public:
    CatalogBrowser(const models::Catalog *catalog, QWidget *parent = nullptr);

    /// 0 accelerators, 1 systems, 2 CPUs, 3 interconnects.
    void setKind(int kind);
    void setFilter(const QString &text);
    /// Ticks or unticks the entry with `id` in the current kind; false when absent.
    bool setChecked(const QString &id, bool checked);
    [[nodiscard]] QStringList checkedIds() const;
    [[nodiscard]] int visibleRows() const;
    [[nodiscard]] QString comparisonText() const;
    [[nodiscard]] QTableView *table() const { return m_table; }
    /// The first source URL of the entry in proxy row `row` (what a click opens).
    [[nodiscard]] QString sourceUrlAt(int row) const;

    /// The column holding the source link.
    static constexpr int kSourceColumn = 1;

private:
    void rebuild();
    void updateComparison();

    const models::Catalog *m_catalog;
    QComboBox *m_kind;
    QLineEdit *m_filter;
    QStandardItemModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_table;
    QPlainTextEdit *m_comparison;
};

} // namespace scalescope::views
