// writeFileAtomically (models/core/atomic_file.h): the target holds the old or the new bytes,
// never anything else, when the writer is killed at random points or the disk fills up.
// readInputFile (models/core/input_file.h): regular files only, at most the size cap.
//
// The kill test runs this executable a second time as the writer ("--save-loop PATH"), so
// the process that is killed does nothing but save.
#include "models/core/atomic_file.h"
#include "models/core/input_error.h"
#include "models/core/input_file.h"
#include "models/core/json_reader.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <csignal>
#include <cstdio>
#include <cstring>
#include <string>

#include <sys/resource.h>
#include <sys/stat.h>

using scalescope::models::InputError;
using scalescope::models::readInputFile;
using scalescope::models::writeFileAtomically;

namespace {

/// A JSON document of about `kilobytes` KiB whose "version" member says which one it is.
std::string document(const std::string &version, int kilobytes) {
    std::string text = "{\"version\": \"" + version + "\", \"values\": [";
    const std::string number = version == "old" ? "1111111" : "2222222";
    for (int i = 0; text.size() < static_cast<std::size_t>(kilobytes) * 1024; ++i)
        text += (i == 0 ? "" : ", ") + number;
    return text + "]}\n";
}

std::string readAll(const QString &path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return "<unreadable>";
    return file.readAll().toStdString();
}

template <typename F> std::string errorOf(F body) {
    try {
        body();
    } catch (const InputError &error) {
        return error.what();
    }
    return "no error";
}

/// Names in `dir` other than `keep`: temporary files a save left behind.
QStringList othersIn(const QString &dir, const QString &keep) {
    QStringList names =
        QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    names.removeAll(keep);
    return names;
}

/// The writer of the kill test: saves the new and the old document in turn until killed.
int saveLoop(const char *path) {
    const std::string versions[2] = {document("new", 2048), document("old", 1536)};
    std::fputs("ready\n", stdout); // the parent starts its random delay from here
    std::fflush(stdout);
    for (unsigned i = 0;; ++i)
        writeFileAtomically(path, versions[i % 2]);
}

/// Sets the soft RLIMIT_FSIZE for the lifetime of the object; SIGXFSZ is ignored meanwhile, so
/// a write past the limit fails with EFBIG ("File too large") as on a full disk.
class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t bytes) {
        getrlimit(RLIMIT_FSIZE, &m_saved);
        m_handler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit limited = m_saved;
        limited.rlim_cur = bytes;
        m_ok = setrlimit(RLIMIT_FSIZE, &limited) == 0;
    }
    ~FileSizeLimit() {
        setrlimit(RLIMIT_FSIZE, &m_saved);
        std::signal(SIGXFSZ, m_handler);
    }
    [[nodiscard]] bool ok() const { return m_ok; }

private:
    rlimit m_saved{};
    void (*m_handler)(int) = nullptr;
    bool m_ok = false;
};

} // namespace

class TestFileIo : public QObject {
    Q_OBJECT

private slots:
    void replacesAndCreates() {
        QTemporaryDir dir;
        const QString path = dir.filePath("w.json");
        writeFileAtomically(path.toStdString(), "first\n");
        QCOMPARE(readAll(path), std::string("first\n"));
        writeFileAtomically(path.toStdString(), "second, longer\n");
        QCOMPARE(readAll(path), std::string("second, longer\n"));
        writeFileAtomically(path.toStdString(), "");
        QCOMPARE(readAll(path), std::string());
        QCOMPARE(othersIn(dir.path(), "w.json"), QStringList());
    }

    void keepsPermissionsAndLinks() {
        QTemporaryDir dir;
        const QString path = dir.filePath("w.json");
        writeFileAtomically(path.toStdString(), "a");
        QVERIFY(::chmod(path.toLocal8Bit().constData(), 0640) == 0);
        writeFileAtomically(path.toStdString(), "b");
        struct stat info {};
        QVERIFY(::stat(path.toLocal8Bit().constData(), &info) == 0);
        QCOMPARE(info.st_mode & 07777, mode_t(0640));

        // A new file: 0644 less the umask (022 -> 0644, 077 -> 0600).
        const mode_t saved = ::umask(077);
        writeFileAtomically(dir.filePath("private.json").toStdString(), "p");
        ::umask(saved);
        QVERIFY(::stat(dir.filePath("private.json").toLocal8Bit().constData(), &info) == 0);
        QCOMPARE(info.st_mode & 07777, mode_t(0600));

        // Saving through a symbolic link replaces the file it points to and keeps the link.
        const QString link = dir.filePath("link.json");
        QVERIFY(QFile::link("w.json", link));
        writeFileAtomically(link.toStdString(), "through the link");
        QVERIFY(QFileInfo(link).isSymLink());
        QCOMPARE(readAll(path), std::string("through the link"));
    }

    void failuresNameTheOsReason() {
        QTemporaryDir dir;
        const QString file = dir.filePath("plain");
        writeFileAtomically(file.toStdString(), "x");
        // A path through a regular file: open() fails with ENOTDIR.
        const std::string target = (file + "/w.json").toStdString();
        QCOMPARE(errorOf([&] { writeFileAtomically(target, "y"); }),
                 target + ": cannot create a file in " + file.toStdString() + ": " +
                     std::strerror(ENOTDIR));
        QCOMPARE(errorOf([&] { writeFileAtomically(dir.path().toStdString(), "y"); }),
                 dir.path().toStdString() + ": is a directory");
        QCOMPARE(readAll(file), std::string("x"));
    }

    // A disk that fills up mid-save: the file-size limit stops the write at 64 KiB of a 1 MiB
    // document. The old file is intact, the error says why, no temporary file is left.
    void fullDiskKeepsTheOldFile() {
        QTemporaryDir dir;
        const QString path = dir.filePath("w.json");
        const std::string old = document("old", 16);
        writeFileAtomically(path.toStdString(), old);
        std::string error;
        {
            FileSizeLimit limit(64 * 1024);
            QVERIFY(limit.ok());
            error =
                errorOf([&] { writeFileAtomically(path.toStdString(), document("new", 1024)); });
        }
        QCOMPARE(error, path.toStdString() + ": cannot write: " + std::strerror(EFBIG));
        QCOMPARE(readAll(path), old);
        QCOMPARE(othersIn(dir.path(), "w.json"), QStringList());
    }

    // SIGKILL at random points of a save loop, 50 times: every time the file parses and is
    // exactly the old or the new document.
    void sigkillLeavesOldOrNew() {
        QTemporaryDir dir;
        const QString path = dir.filePath("w.json");
        const std::string old = document("old", 1536);
        const std::string fresh = document("new", 2048);
        writeFileAtomically(path.toStdString(), old);
        int sawOld = 0;
        int sawNew = 0;
        int midSave = 0; // kills that left a temporary file: the save was under way
        QElapsedTimer clock;
        clock.start();
        for (int round = 0; round < 50; ++round) {
            QProcess writer;
            writer.start(QCoreApplication::applicationFilePath(), {"--save-loop", path});
            QVERIFY(writer.waitForStarted());
            QVERIFY(writer.waitForReadyRead(30000)); // "ready": the documents are built
            QThread::usleep(QRandomGenerator::global()->bounded(0, 100000));
            writer.kill(); // SIGKILL
            QVERIFY(writer.waitForFinished());
            QCOMPARE(writer.exitStatus(), QProcess::CrashExit);
            const std::string now = readAll(path);
            QVERIFY2(now == old || now == fresh,
                     qPrintable(QStringLiteral("round %1: %2 bytes, neither version")
                                    .arg(round)
                                    .arg(now.size())));
            const auto json = scalescope::models::parseJsonText(now, "w.json");
            QVERIFY(json.at("version") == (now == old ? "old" : "new"));
            (now == old ? sawOld : sawNew)++;
            const QStringList leftovers = othersIn(dir.path(), "w.json");
            midSave += leftovers.isEmpty() ? 0 : 1;
            for (const QString &name : leftovers)
                QFile::remove(dir.filePath(name));
        }
        qInfo("50 kills in %lld ms: old %d, new %d, %d of them mid-write", clock.elapsed(), sawOld,
              sawNew, midSave);
        QVERIFY(clock.elapsed() <
                240000); // bounded even on a loaded machine (ctest stops at 300 s)
        // The random points must land inside saves, else the test proves nothing.
        QVERIFY(midSave > 0);
    }

    void readsRegularFilesWhole() {
        QTemporaryDir dir;
        const QString path = dir.filePath("in.json");
        std::string bytes = document("old", 200);
        bytes += std::string("\0\xFF", 2); // binary-safe
        writeFileAtomically(path.toStdString(), bytes);
        QCOMPARE(readInputFile(path.toStdString()), bytes);
        QCOMPARE(readInputFile(path.toStdString(), bytes.size()), bytes);
    }

    void refusesWhatIsNoRegularFileOrTooLarge() {
        QTemporaryDir dir;
        const std::string fifo = dir.filePath("pipe").toStdString();
        QVERIFY(::mkfifo(fifo.c_str(), 0600) == 0);
        QCOMPARE(errorOf([&] { (void)readInputFile(fifo); }),
                 fifo + ": is a FIFO (named pipe), not a regular file");
        QCOMPARE(errorOf([] { (void)readInputFile("/dev/zero"); }),
                 std::string("/dev/zero: is a device, not a regular file"));
        QCOMPARE(errorOf([&] { (void)readInputFile(dir.path().toStdString()); }),
                 dir.path().toStdString() + ": is a directory, not a file");
        const std::string absent = dir.filePath("absent").toStdString();
        QCOMPARE(errorOf([&] { (void)readInputFile(absent); }),
                 absent + ": cannot open file: " + std::strerror(ENOENT));
        // 3 MiB against a 2 MiB cap (the message names the cap in MiB).
        const std::string big = dir.filePath("big").toStdString();
        writeFileAtomically(big, std::string(3 << 20, 'x'));
        QCOMPARE(errorOf([&] { (void)readInputFile(big, 2 << 20); }),
                 big + ": file is larger than the 2 MiB limit for input files");
        QCOMPARE(scalescope::models::kMaxInputFileBytes, std::size_t{64} * 1024 * 1024);
    }
};

int main(int argc, char *argv[]) {
    if (argc == 3 && std::strcmp(argv[1], "--save-loop") == 0)
        return saveLoop(argv[2]);
    QCoreApplication application(argc, argv);
    TestFileIo test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_file_io.moc"
