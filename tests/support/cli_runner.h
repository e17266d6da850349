#pragma once

// Runs the built `scalescope` executable for the end-to-end CLI tests: exit status, stdout and
// stderr, in an environment the test chooses.

#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace scalescope::testing {

struct CliRun {
    int exitCode = -1; ///< -1 when the process did not finish in time
    QString out;
    QString err;
};

/// The system environment with a private XDG_RUNTIME_DIR (Qt warns on stderr without one)
/// and, when `home` is given, HOME and XDG_DATA_HOME inside it so the user data folder is
/// isolated; the shipped data folder is used either way.
inline QProcessEnvironment cliEnvironment(const QString &home = {}) {
    static QTemporaryDir runtime;
    QFile::setPermissions(runtime.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert("XDG_RUNTIME_DIR", runtime.path());
    environment.insert("SCALESCOPE_DATA_DIR", SCALESCOPE_SOURCE_DATA_DIR);
    if (!home.isEmpty()) {
        environment.insert("HOME", home);
        environment.insert("XDG_DATA_HOME", home + "/data");
    }
    return environment;
}

inline CliRun runScalescope(const QStringList &arguments,
                            const QProcessEnvironment &environment = cliEnvironment()) {
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(SCALESCOPE_BINARY), arguments);
    if (!process.waitForFinished(120000))
        return {};
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

} // namespace scalescope::testing
