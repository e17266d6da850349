#pragma once

#include <QObject>
#include <QStringList>

namespace scalescope::app {

/// Most recently opened or saved workspace files, newest first, kept in QSettings.
class RecentFiles : public QObject {
    Q_OBJECT
public:
    explicit RecentFiles(QObject *parent = nullptr);

    [[nodiscard]] QStringList files() const { return m_files; }
    /// Moves `path` to the front (absolute path; duplicates removed; at most kMaximum kept).
    void add(const QString &path);
    void remove(const QString &path);
    void clear();

    static constexpr int kMaximum = 8;

signals:
    void changed();

private:
    void store();

    QStringList m_files;
};

} // namespace scalescope::app
