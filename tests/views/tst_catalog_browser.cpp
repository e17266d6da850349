#include "app/data/data_paths.h"
#include "models/catalog/catalog.h"
#include "views/panels/catalog_browser.h"

#include <QTableView>
#include <QTest>

using namespace scalescope;

class TestCatalogBrowser : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { m_catalog = models::loadCatalog(app::catalogDirectories()); }

    void filterNarrowsTheTable_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("filter");
        QTest::addColumn<QString>("mustContain");
        QTest::newRow("hopper accelerators") << 0 << "hopper"
                                             << "h100-sxm";
        QTest::newRow("nvl72 systems") << 1 << "nvl72"
                                       << "gb200-nvl72";
        QTest::newRow("grace cpus") << 2 << "grace"
                                    << "grace";
    }
    void filterNarrowsTheTable() {
        QFETCH(int, kind);
        QFETCH(QString, filter);
        QFETCH(QString, mustContain);
        views::CatalogBrowser browser(&m_catalog);
        browser.setKind(kind);
        const int all = browser.visibleRows();
        browser.setFilter(filter);
        QVERIFY(browser.visibleRows() > 0);
        QVERIFY(browser.visibleRows() < all);
        bool found = false;
        for (int row = 0; row < browser.visibleRows(); ++row)
            if (browser.table()->model()->index(row, 0).data(Qt::UserRole).toString() ==
                mustContain)
                found = true;
        QVERIFY(found);
    }

    void sortsByValueNotText() {
        views::CatalogBrowser browser(&m_catalog);
        // Column 2+: Vendor, Year, BF16 dense ...; sort BF16 dense descending.
        const int bf16Column = 4;
        browser.table()->sortByColumn(bf16Column, Qt::DescendingOrder);
        auto *model = browser.table()->model();
        double previous = 1e300;
        for (int row = 0; row < model->rowCount(); ++row) {
            const double value = model->index(row, bf16Column).data(Qt::UserRole + 1).toDouble();
            QVERIFY(value <= previous);
            previous = value;
        }
    }

    void tickingTwoComparesWithRatios() {
        views::CatalogBrowser browser(&m_catalog);
        QVERIFY(browser.setChecked("h100-sxm", true));
        QVERIFY(browser.comparisonText().contains("one more"));
        QVERIFY(browser.setChecked("b200", true));
        QCOMPARE(browser.checkedIds(), (QStringList{"h100-sxm", "b200"}));
        const QString text = browser.comparisonText();
        QVERIFY2(text.contains("b200 / h100-sxm"), qPrintable(text));
        QVERIFY(text.contains("×"));
    }

    void everyRowLinksToItsSource() {
        views::CatalogBrowser browser(&m_catalog);
        for (int kind = 0; kind < 4; ++kind) {
            browser.setKind(kind);
            for (int row = 0; row < browser.visibleRows(); ++row)
                QVERIFY2(browser.sourceUrlAt(row).startsWith("http"),
                         qPrintable(browser.table()->model()->index(row, 0).data().toString()));
        }
    }

private:
    models::Catalog m_catalog;
};

QTEST_MAIN(TestCatalogBrowser)
#include "tst_catalog_browser.moc"
