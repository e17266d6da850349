#include "views/export/export_file.h"

#include <QSaveFile>

namespace scalescope::views {

QString writeExportFile(const QString &path, const QByteArray &bytes) {
    if (bytes.isEmpty())
        return QStringLiteral("%1: nothing was rendered").arg(path);
    QSaveFile file(path);
    // Never fall back to writing the target in place (QSaveFile does when asked to, for
    // directories it cannot create files in): the old file must survive a failure.
    file.setDirectWriteFallback(false);
    // Unbuffered, and written until done: a short write (the disk filled up part-way) is
    // followed by another, which then fails with the OS reason instead of Qt's "Unknown
    // error" for the short count.
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        return QStringLiteral("%1: cannot write: %2").arg(path, file.errorString());
    for (qint64 done = 0; done < bytes.size();) {
        const qint64 written = file.write(bytes.constData() + done, bytes.size() - done);
        if (written <= 0) {
            const QString reason = file.errorString();
            file.cancelWriting();
            return QStringLiteral("%1: cannot write: %2").arg(path, reason);
        }
        done += written;
    }
    // commit() syncs the file to disk and renames it over `path`.
    if (!file.commit())
        return QStringLiteral("%1: cannot write: %2").arg(path, file.errorString());
    return {};
}

} // namespace scalescope::views
