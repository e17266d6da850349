#include "app/data/data_paths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace scalescope::app {

namespace {
bool looksLikeDataDirectory(const QString &path) {
    return QFileInfo(path + "/catalog").isDir();
}

std::vector<std::string> directoriesFor(const QString &sub, const QString &extraDirectory) {
    std::vector<std::string> out;
    out.push_back((shippedDataDirectory() + "/" + sub).toStdString());
    const QString user = userDataDirectory() + "/" + sub;
    if (QFileInfo(user).isDir())
        out.push_back(user.toStdString());
    if (!extraDirectory.isEmpty())
        out.push_back(extraDirectory.toStdString());
    return out;
}
} // namespace

QString shippedDataDirectory() {
    const QString fromEnv = qEnvironmentVariable("SCALESCOPE_DATA_DIR");
    if (!fromEnv.isEmpty())
        return QDir(fromEnv).absolutePath();
    if (QCoreApplication::instance()) {
        const QString exeDir = QCoreApplication::applicationDirPath();
        for (const QString &candidate : {exeDir + "/../share/scalescope/data", exeDir + "/data"})
            if (looksLikeDataDirectory(candidate))
                return QDir(candidate).absolutePath();
    }
    return QStringLiteral(SCALESCOPE_SOURCE_DATA_DIR);
}

QString userDataDirectory() {
    const QString location = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return location.isEmpty() ? QDir::homePath() + "/.local/share/scalescope" : location;
}

std::vector<std::string> catalogDirectories(const QString &extraDirectory) {
    return directoriesFor("catalog", extraDirectory);
}

std::vector<std::string> modelDirectories(const QString &extraDirectory) {
    return directoriesFor("models", extraDirectory);
}

QString defaultWorkspacePath() {
    return shippedDataDirectory() + "/scenarios/default-workspace.json";
}

} // namespace scalescope::app
