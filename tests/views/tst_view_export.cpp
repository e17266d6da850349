#include "app/document/field_metadata.h"
#include "app/document/scenario_document.h"
#include "models/core/input_error.h"
#include "toy_planner.h"
#include "views/export/view_export.h"
#include "views/style/resources.h"
#include "views/window/view_registry.h"

#include <QFile>
#include <QImage>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace scalescope;

namespace {

QByteArray readAll(const QString &path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// Distinct colours in a sparse grid of pixels: a blank render has one or two.
int distinctColours(const QImage &image) {
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7)
        for (int x = 0; x < image.width(); x += 7)
            colours.insert(image.pixel(x, y));
    return colours.size();
}

} // namespace

class TestViewExport : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        views::initResources();
        m_document.resetWorkspace(testing::toyWorkspace(3), {});
        m_context = {&m_document, {}, &m_fields};
    }

    void everyViewEveryFormat_data() {
        QTest::addColumn<QString>("view");
        QTest::addColumn<QString>("extension");
        for (const QString &view : views::exportViewNames())
            for (const char *extension : {"png", "svg", "pdf"})
                QTest::newRow(qPrintable(view + "." + extension)) << view << extension;
    }
    void everyViewEveryFormat() {
        QFETCH(QString, view);
        QFETCH(QString, extension);
        auto widget = views::createExportWidget(view, m_context, QSize(1200, 700));
        QVERIFY(widget);
        const QString path = outputPath(view + "." + extension);
        views::exportWidget(widget.get(), path);
        const QByteArray bytes = readAll(path);
        QVERIFY(bytes.size() > 1000);
        if (extension == "png") {
            QVERIFY(bytes.startsWith("\x89PNG\r\n\x1a\n"));
            const QImage image(path);
            // Rendered at 2× for slides.
            QCOMPARE(image.size(), QSize(2400, 1400));
            QVERIFY2(distinctColours(image) > 8, "the PNG looks blank");
        } else if (extension == "svg") {
            QXmlStreamReader xml(bytes);
            bool sawSvg = false;
            while (!xml.atEnd())
                if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == u"svg")
                    sawSvg = true;
            QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
            QVERIFY(sawSvg);
            QVERIFY(bytes.contains("<text") || bytes.contains("<path"));
        } else {
            QVERIFY(bytes.startsWith("%PDF-"));
            QVERIFY(bytes.trimmed().endsWith("%%EOF"));
        }
    }

    void reportHasTablePageScenarioPagesAndComparison() {
        const QString path = outputPath("report.pdf");
        m_document.setCurrentIndex(1);
        m_document.setComparison({false, 0, 1});
        views::exportReport(m_context, path, QSize(1200, 800));
        const QByteArray bytes = readAll(path);
        QVERIFY(bytes.startsWith("%PDF-"));
        // 1 table page + 3 scenario pages + 1 comparison page.
        const int pages =
            QString::fromLatin1(bytes).count(QRegularExpression("/Type\\s*/Page[^s]"));
        QCOMPARE(pages, 5);
        // The user's selection and comparison come back unchanged.
        QCOMPARE(m_document.currentIndex(), 1);
        QVERIFY(!m_document.comparison().enabled);
    }

    void unknownFormatIsInputError() {
        auto widget = views::createExportWidget("memory", m_context, QSize(400, 300));
        QVERIFY_THROWS_EXCEPTION(models::InputError,
                                 views::exportWidget(widget.get(), m_dir.filePath("x.bmp")));
        QVERIFY_THROWS_EXCEPTION(models::InputError,
                                 views::exportWidget(widget.get(), "/no/such/dir/x.png"));
    }

    void unknownViewIsNull() {
        QVERIFY(!views::createExportWidget("nope", m_context, QSize(400, 300)));
    }

private:
    /// SCALESCOPE_EXPORT_DIR keeps the files for a look; by default they go to a temp dir.
    QString outputPath(const QString &name) const {
        const QString keep = qEnvironmentVariable("SCALESCOPE_EXPORT_DIR");
        return keep.isEmpty() ? m_dir.filePath(name) : keep + "/" + name;
    }

    QTemporaryDir m_dir;
    app::FieldMetadata m_fields;
    app::ScenarioDocument m_document{testing::toyEvaluate};
    views::ViewContext m_context;
};

QTEST_MAIN(TestViewExport)
#include "tst_view_export.moc"
