// Exports that cannot be written: a missing folder, and a disk that fills up mid-write (a
// file-size limit set in the child process, SIGXFSZ ignored so the write fails with EFBIG as
// with ENOSPC). The export exits non-zero naming the OS reason, the file it would have
// replaced keeps its bytes, and no temporary file is left.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "tests/support/cli_runner.h"

#include <csignal>

#include <sys/resource.h>

namespace {

QString defaultWorkspace() {
    return QStringLiteral(SCALESCOPE_SOURCE_DATA_DIR) + "/scenarios/default-workspace.json";
}

struct Result {
    int exitCode = -1;
    QString err;
};

/// Runs `scalescope export ...`, the child limited to files of `maxFileBytes` (0: no limit).
Result runExport(const QStringList &arguments, rlim_t maxFileBytes) {
    QProcess process;
    process.setProcessEnvironment(scalescope::testing::cliEnvironment());
    if (maxFileBytes > 0) {
        process.setChildProcessModifier([maxFileBytes] {
            // Runs in the child between fork and exec: async-signal-safe calls only.
            std::signal(SIGXFSZ, SIG_IGN); // an ignored signal stays ignored across exec
            rlimit limit{maxFileBytes, maxFileBytes};
            setrlimit(RLIMIT_FSIZE, &limit);
        });
    }
    process.start(QStringLiteral(SCALESCOPE_BINARY), QStringList{"export"} + arguments);
    if (!process.waitForFinished(120000))
        return {};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardError())};
}

QByteArray contentOf(const QString &path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
}

} // namespace

class TestExportFailures : public QObject {
    Q_OBJECT
private slots:
    void missingFolder() {
        QTemporaryDir dir;
        const QString out = dir.filePath("absent/d.png");
        const Result result = runExport({defaultWorkspace(), "--out", out}, 0);
        QCOMPARE(result.exitCode, 2);
        QCOMPARE(result.err, "error: " + out + ": cannot write: No such file or directory\n");
        QVERIFY(!QFile::exists(out));
    }

    void fullDisk_data() {
        QTest::addColumn<QString>("view");
        QTest::addColumn<QString>("file");
        // 4 KiB: each of these exports is far larger (tst_cli_export checks > 1000 bytes of a
        // smaller export; a 1600x1000 dashboard PNG at 2x is hundreds of KiB).
        QTest::newRow("dashboard png") << "dashboard"
                                       << "d.png";
        QTest::newRow("memory svg") << "memory"
                                    << "m.svg";
        QTest::newRow("compare pdf") << "compare"
                                     << "c.pdf";
        QTest::newRow("report pdf") << "report"
                                    << "r.pdf";
        QTest::newRow("rack png") << "rack"
                                  << "k.png";
        QTest::newRow("rack svg") << "rack"
                                  << "k.svg";
    }
    void fullDisk() {
        QFETCH(QString, view);
        QFETCH(QString, file);
        QTemporaryDir dir;
        const QString out = dir.filePath(file);
        const QByteArray old = "the previous export, which must survive\n";
        {
            QFile previous(out);
            QVERIFY(previous.open(QIODevice::WriteOnly));
            previous.write(old);
        }
        const Result result = runExport({defaultWorkspace(), "--view", view, "--out", out}, 4096);
        QCOMPARE(result.exitCode, 2);
        QCOMPARE(result.err, "error: " + out + ": cannot write: File too large\n");
        QCOMPARE(contentOf(out), old);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{file});

        // The same export without the limit succeeds and replaces the file.
        const Result unlimited = runExport({defaultWorkspace(), "--view", view, "--out", out}, 0);
        QVERIFY2(unlimited.exitCode == 0, qPrintable(unlimited.err));
        QVERIFY(contentOf(out).size() > 4096);
    }
};

QTEST_GUILESS_MAIN(TestExportFailures)
#include "tst_export_failures.moc"
