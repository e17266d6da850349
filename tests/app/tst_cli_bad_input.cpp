// Input that used to crash or hang the executable: numbers JSON cannot hold, invalid UTF-8,
// 100,000-deep nesting, duplicate keys, FIFOs, devices, oversized files, unknown commands.
// Each must end with exit status 2 and one stderr line naming the file (and the field).
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include "tests/support/cli_runner.h"

#include <sys/stat.h>

namespace {

const QByteArray kHardware = R"("system": "dgx-h100", "num_gpus": 8)";
const QByteArray kParallelism = R"("tp": 1, "dp": 8)";
const QByteArray kEconomics = R"("pue": 1.2)";

/// A kind "scenario" file (Llama 3 8B on one DGX H100) with the members of its hardware,
/// parallelism and economics blocks as given; hardware is line 5, economics line 8.
QByteArray scenario(const QByteArray &hardware = kHardware,
                    const QByteArray &parallelism = kParallelism,
                    const QByteArray &economics = kEconomics) {
    return R"({
  "schema_version": 1, "kind": "scenario", "name": "bad input",
  "mode": "training",
  "model": { "preset": "llama3-8b" },
  "hardware": { )" +
           hardware + R"( },
  "parallelism": { )" +
           parallelism + R"( },
  "training": { "global_batch_tokens": 1048576, "total_tokens": 1e12 },
  "economics": { )" +
           economics + R"( }
})";
}

} // namespace

class TestCliBadInput : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString write(const QString &name, const QByteArray &bytes) {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        file.write(bytes);
        return path;
    }

    /// Runs the executable and checks: exit status 2, stderr exactly one line matching
    /// `pattern` (QRegularExpression::escape the variable parts).
    void expectRejected(const QStringList &arguments, const QString &pattern,
                        const QProcessEnvironment &environment) {
        const auto run = scalescope::testing::runScalescope(arguments, environment);
        QVERIFY2(run.exitCode == 2,
                 qPrintable(QStringLiteral("exit %1, stderr: %2").arg(run.exitCode).arg(run.err)));
        QVERIFY2(run.err.endsWith('\n') && run.err.count('\n') == 1, qPrintable(run.err));
        const QRegularExpression expected("^" + pattern + "\n$");
        QVERIFY2(expected.match(run.err).hasMatch(),
                 qPrintable("stderr: " + run.err + "expected: " + pattern));
    }

    void expectRejected(const QStringList &arguments, const QString &pattern) {
        expectRejected(arguments, pattern, scalescope::testing::cliEnvironment(m_dir.path()));
    }

    static QString quoted(const QString &text) { return QRegularExpression::escape(text); }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void numberBeyondDouble() {
        // "pue": 1e400 is on line 8 of the file.
        const QString path =
            write("pue.json", scenario(kHardware, kParallelism, R"("pue": 1e400)"));
        expectRejected({"plan", path},
                       "error: " + quoted(path) +
                           ": /economics/pue: number out of range at line 8, column \\d+ "
                           "\\(the largest is about 1\\.8e308\\)");
        // A 400-digit integer overflows double too (it is no 64-bit integer either).
        const QByteArray huge = "1" + QByteArray(399, '0');
        const QString gpus =
            write("gpus.json", scenario(R"("system": "dgx-h100", "num_gpus": )" + huge));
        expectRejected({"plan", gpus}, "error: " + quoted(gpus) +
                                           ": /hardware/num_gpus: number out of range at line 5, "
                                           "column \\d+ \\(the largest is about 1\\.8e308\\)");
    }

    void numberBeyondDoubleInTheGui() {
        // The GUI path (no display: the dashboard is rendered offscreen) reads the file the
        // same way; it used to abort in std::terminate.
        const QString path =
            write("pue-gui.json", scenario(kHardware, kParallelism, R"("pue": -1e400)"));
        QProcessEnvironment environment = scalescope::testing::cliEnvironment(m_dir.path());
        for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
            environment.remove(name);
        expectRejected({path}, "error: " + quoted(path) + ": /economics/pue: number out of range.*",
                       environment);
    }

    void duplicateKey() {
        const QString path = write("tp.json", scenario(kHardware, R"("tp": 1, "dp": 8, "tp": 8)"));
        expectRejected({"plan", path},
                       "error: " + quoted(path) +
                           ": /parallelism/tp: duplicate key \"tp\" \\(a name may appear once "
                           "per object\\)");
    }

    void deepNestingInACatalogFile() {
        // An accelerator whose free-form comment nests 100,000 objects deep. The root, items,
        // the item and the comment are 4 levels; the 61st "a" would be level 65.
        const QString catalog = m_dir.filePath("deep-catalog");
        QVERIFY(QDir().mkpath(catalog));
        const int depth = 100000;
        QByteArray text = R"({"schema_version": 1, "kind": "accelerators", "items": [)"
                          R"({"id": "deep-gpu", "comment": )";
        text.reserve(text.size() + depth * 7 + 16);
        for (int i = 0; i < depth; ++i)
            text += "{\"a\": ";
        text += "1";
        text += QByteArray(depth, '}');
        text += "}]}";
        QFile file(catalog + "/deep.json");
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(text);
        file.close();
        expectRejected({"catalog", "--catalog", catalog},
                       "error: " + quoted(catalog + "/deep.json") +
                           ": /items/0/comment(/a){61}: nested deeper than 64 levels");
    }

    void invalidUtf8InACsvCell() {
        // Byte 0xFF in the model name (line 2, field 4): validate --json used to die in
        // nlohmann's dump with type_error 316.
        const QByteArray csv =
            "id,year,run_kind,model,layers,hidden,heads,kv_heads,ffn,vocab,seq_len,gpu,"
            "gpu_mem_GB,num_gpus,tp,pp,dp\n"
            "r1,2022,benchmark,GPT \xFF 22B,48,6144,64,64,24576,51200,2048,A100,80,8,8,1,1\n";
        const QString path = write("utf8.csv", csv);
        expectRejected({"validate", path, "--json"},
                       "error: " + quoted(path) +
                           ": line 2, column 4: not valid UTF-8 \\(byte 0xFF\\): save the file "
                           "as UTF-8");
    }

    void fifoDeviceAndOversizedInputs() {
        // A FIFO blocked forever (open waits for a writer); /dev/zero never ends.
        const QString fifo = m_dir.filePath("pipe.json");
        QVERIFY(::mkfifo(fifo.toLocal8Bit().constData(), 0600) == 0);
        expectRejected({"plan", fifo}, "error: " + quoted(fifo) +
                                           ": is a FIFO \\(named pipe\\), not a regular file");
        expectRejected({"validate", fifo}, "error: " + quoted(fifo) +
                                               ": is a FIFO \\(named pipe\\), not a regular file");
        expectRejected({"plan", "/dev/zero"}, "error: /dev/zero: is a device, not a regular file");
        // 64 MiB + 1 byte, sparse: refused before a byte is read.
        const QString big = m_dir.filePath("big.json");
        QFile file(big);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(file.resize((qint64(64) << 20) + 1));
        file.close();
        expectRejected({"plan", big}, "error: " + quoted(big) +
                                          ": file is larger than the 64 MiB limit for input files");
        // Exactly 64 MiB passes the size check and fails as JSON (NUL bytes) instead.
        QVERIFY(QFile::resize(big, qint64(64) << 20));
        expectRejected({"plan", big},
                       "error: " + quoted(big) + ": invalid JSON at line 1, column 1");
        QFile::remove(big);
    }

    void missingFileNamesTheOsReason() {
        const QString path = m_dir.filePath("absent.json");
        expectRejected({"plan", path},
                       "error: " + quoted(path) + ": cannot open file: No such file or directory");
    }

    void unknownCommand() {
        expectRejected({"frob"}, "error: unknown command \"frob\" \\(see scalescope --help\\)");
        const QString path = m_dir.filePath("nowhere.json");
        expectRejected({path}, "error: " + quoted(path) +
                                   ": no such file, and not a command \\(see scalescope --help\\)");
    }

    void existingFileStillOpensTheGui() {
        const QString path = write("ok.json", scenario());
        QProcessEnvironment environment = scalescope::testing::cliEnvironment(m_dir.path());
        environment.insert("QT_QPA_PLATFORM", "offscreen");
        environment.insert("SCALESCOPE_QUIT_AFTER_MS", "200");
        const auto run = scalescope::testing::runScalescope({path}, environment);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    }
};

QTEST_GUILESS_MAIN(TestCliBadInput)
#include "tst_cli_bad_input.moc"
