#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>

#include "tests/support/cli_runner.h"

namespace {

using Run = scalescope::testing::CliRun;
using scalescope::testing::cliEnvironment;

Run run(const QStringList &arguments, const QProcessEnvironment &environment = cliEnvironment()) {
    return scalescope::testing::runScalescope(arguments, environment);
}

QString defaultWorkspace() {
    return QStringLiteral(SCALESCOPE_SOURCE_DATA_DIR) + "/scenarios/default-workspace.json";
}

} // namespace

class TestCliExport : public QObject {
    Q_OBJECT
private slots:
    void exportsEachFormat_data() {
        QTest::addColumn<QString>("view");
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("magic");
        QTest::newRow("dashboard png") << "dashboard"
                                       << "d.png" << QByteArray("\x89PNG");
        QTest::newRow("memory svg") << "memory"
                                    << "m.svg" << QByteArray("<?xml");
        QTest::newRow("compare pdf") << "compare"
                                     << "c.pdf" << QByteArray("%PDF-");
        QTest::newRow("report pdf") << "report"
                                    << "r.pdf" << QByteArray("%PDF-");
    }
    void exportsEachFormat() {
        QFETCH(QString, view);
        QFETCH(QString, file);
        QFETCH(QByteArray, magic);
        QTemporaryDir dir;
        const QString out = dir.filePath(file);
        const Run result =
            run({"export", defaultWorkspace(), "--view", view, "--out", out, "--size", "1200x800"});
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QVERIFY(result.out.contains(out));
        QFile written(out);
        QVERIFY(written.open(QIODevice::ReadOnly));
        const QByteArray bytes = written.readAll();
        QVERIFY(bytes.size() > 1000);
        QVERIFY(bytes.startsWith(magic));
        if (file.endsWith(".png"))
            QCOMPARE(QImage(out).size(), QSize(2400, 1600)); // 2x the logical size
    }

    void badInputExitsTwoNamingTheField_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("unknown view") << QStringList{"--view", "pie", "--out", "x.png"} << "--view";
        QTest::newRow("bad size") << QStringList{"--size", "big", "--out", "x.png"} << "--size";
        QTest::newRow("no output") << QStringList{} << "--out";
        QTest::newRow("unknown format") << QStringList{"--out", "x.gif"} << "--out";
        QTest::newRow("report as png")
            << QStringList{"--view", "report", "--out", "x.png"} << "--out";
        // Parsed by app::CliArguments like every command: "--name=value", missing values.
        QTest::newRow("inline spelling")
            << QStringList{"--size=big", "--out", "x.png"} << "--size: expected WxH";
        QTest::newRow("missing value")
            << QStringList{"--out", "x.png", "--theme"} << "--theme: needs a theme";
        QTest::newRow("unknown option")
            << QStringList{"--out", "x.png", "--dpi", "300"} << "--dpi: unknown argument";
        QTest::newRow("second file")
            << QStringList{"--out", "x.png", "other.json"} << "only one scenario file";
        QTest::newRow("scenario out of range")
            << QStringList{"--scenario", "99", "--out", "x.png"} << "--scenario";
    }
    void badInputExitsTwoNamingTheField() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, mentions);
        QTemporaryDir dir;
        QStringList full{"export", defaultWorkspace()};
        for (const QString &argument : arguments)
            full << (argument.startsWith("x.") ? dir.filePath(argument) : argument);
        const Run result = run(full);
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.startsWith("error: ") && result.err.contains(mentions),
                 qPrintable(result.err));
        QCOMPARE(result.err.trimmed().count('\n'), 0); // one line
        QVERIFY(result.out.isEmpty());
    }

    void badScenarioFileNamesFileAndPointer() {
        QTemporaryDir dir;
        const QString bad = dir.filePath("bad.json");
        QFile file(bad);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"schema_version": 1, "kind": "workspace", "scenarios": [{"name": "x",
            "model": {"preset": "llama3-8b"}, "hardware": {"system": "dgx-h100",
            "num_gpus": 0}}]})");
        file.close();
        const Run result = run({"export", bad, "--out", dir.filePath("x.png")});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(bad) && result.err.contains("/scenarios/0/hardware/num_gpus"),
                 qPrintable(result.err));
    }

    void withoutDisplayTheGuiRendersTheDashboard() {
        QProcessEnvironment environment = cliEnvironment();
        for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
            environment.remove(name);
        QTemporaryDir dir;
        environment.insert("TMPDIR", dir.path());
        const Run result = run({}, environment);
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const QString path = result.out.trimmed();
        QVERIFY2(path.endsWith(".png"), qPrintable(result.out));
        QVERIFY(path.startsWith(dir.path()));
        QVERIFY(result.err.contains("No display"));
        const QImage image(path);
        QCOMPARE(image.size(), QSize(3200, 2000));
    }

    void helpListsExport() {
        const Run result = run({"--help"});
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.out.contains("export FILE.json --out"));
        const Run exportHelp = run({"export", "--help"});
        QCOMPARE(exportHelp.exitCode, 0);
        QVERIFY(exportHelp.out.contains("--view NAME"));
    }
};

QTEST_GUILESS_MAIN(TestCliExport)
#include "tst_cli_export.moc"
