#pragma once

#include <QFuture>
#include <QList>
#include <QMetaObject>
#include <QObject>
#include <QString>
#include <QtConcurrent>

#include <atomic>
#include <exception>
#include <functional>
#include <memory>

namespace scalescope::app {

/// Runs one long computation at a time (the parallelism search, a scaling-law fit or its
/// bootstrap) on a worker thread so the GUI never blocks. A newer start() cancels the older
/// run and a generation counter drops whatever the older run still delivers; progress and the
/// result arrive on the GUI thread. The destructor cancels and waits, so callbacks never reach
/// a destroyed owner.
class BackgroundJob : public QObject {
    Q_OBJECT
public:
    explicit BackgroundJob(QObject *parent = nullptr)
        : QObject(parent) {}
    ~BackgroundJob() override {
        cancel();
        for (auto &future : m_futures)
            future.waitForFinished();
    }

    /// The work gets a cancel flag to poll and a progress callback (fraction 0..1, callable
    /// from any thread). `done` runs on the GUI thread with the result, only if no newer run
    /// started meanwhile; `failed` likewise with the message of an exception.
    template <typename Result>
    void start(std::function<Result(const std::atomic<bool> &cancel,
                                    const std::function<void(double)> &progress)>
                   work,
               std::function<void(Result)> done, std::function<void(QString)> failed = {}) {
        cancel();
        const int generation = ++m_generation;
        auto flag = std::make_shared<std::atomic<bool>>(false);
        m_cancel = flag;
        m_running = true;
        emit runningChanged(true);
        std::function<void(double)> progress = [this, generation](double fraction) {
            QMetaObject::invokeMethod(
                this,
                [this, generation, fraction] {
                    if (generation == m_generation)
                        emit progressed(fraction);
                },
                Qt::QueuedConnection);
        };
        m_futures.removeIf([](const QFuture<void> &future) { return future.isFinished(); });
        m_futures << QtConcurrent::run([this, generation, flag, work, done, failed, progress] {
            try {
                Result result = work(*flag, progress);
                QMetaObject::invokeMethod(
                    this,
                    [this, generation, done, result = std::move(result)] {
                        if (generation != m_generation)
                            return;
                        finish();
                        done(result);
                    },
                    Qt::QueuedConnection);
            } catch (const std::exception &error) {
                const QString message = QString::fromUtf8(error.what());
                QMetaObject::invokeMethod(
                    this,
                    [this, generation, failed, message] {
                        if (generation != m_generation)
                            return;
                        finish();
                        if (failed)
                            failed(message);
                    },
                    Qt::QueuedConnection);
            }
        });
    }

    /// Asks the running work to stop; what it returns is still delivered (marked cancelled by
    /// the work itself). A no-op when idle.
    void cancel() {
        if (m_cancel)
            m_cancel->store(true);
    }
    /// Cancels and forgets the current run: nothing of it will be delivered.
    void discard() {
        cancel();
        ++m_generation;
        if (m_running)
            finish();
    }
    [[nodiscard]] bool isRunning() const { return m_running; }
    /// Blocks until every started run finished and its callbacks were delivered (tests).
    void waitForIdle() {
        for (auto &future : m_futures)
            future.waitForFinished();
        QCoreApplication::sendPostedEvents(this);
    }

signals:
    void progressed(double fraction);
    void runningChanged(bool running);

private:
    void finish() {
        m_running = false;
        emit runningChanged(false);
    }

    int m_generation = 0;
    bool m_running = false;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    QList<QFuture<void>> m_futures;
};

} // namespace scalescope::app
