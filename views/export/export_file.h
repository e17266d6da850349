#pragma once

#include <QByteArray>
#include <QString>

namespace scalescope::views {

/// Writes an export's bytes (rendered into memory first) through QSaveFile: a temporary file
/// beside `path`, every write checked, flushed and synced, then renamed over `path` on
/// commit. Returns an empty string on success, else "PATH: cannot write: REASON" with the OS
/// reason ("No space left on device", "Permission denied"); `path` is untouched then.
[[nodiscard]] QString writeExportFile(const QString &path, const QByteArray &bytes);

} // namespace scalescope::views
