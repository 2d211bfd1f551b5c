#pragma once

#include <QObject>
#include <QtGlobal>

class QTimer;

// Says when a transfer has gone `timeoutMs` without progress: no byte of an answer, no byte
// of the request sent. What QNetworkRequest::setTransferTimeout() does, without its cost: Qt
// 6.4 restarts that timer for every block that arrives, each time through a queued call that
// wakes the thread's event loop (a system call in this virtual machine, where one costs ~1 µs):
// ~5,000 of them in a 230 MB export, ~3% of its CPU time (tests/benchmark/README.md,
// "Thirteenth pass"). Here progress only notes the time; the timer runs once per timeout and,
// when progress came since it was set, waits out the rest.
class TransferWatchdog final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransferWatchdog)
public:
    explicit TransferWatchdog(QObject *parent = nullptr);

    void start(int timeoutMs); // counts from now; again from now when running
    void stop();
    bool isActive() const;
    void noteProgress() { m_lastProgressMs = nowMs(); }

    // How long to wait still, at `nowMs`, after progress at `lastProgressMs`: 0 when stalled.
    static qint64 remainingMs(qint64 nowMs, qint64 lastProgressMs, int timeoutMs);

Q_SIGNALS:
    void stalled(); // once per start()

private:
    static qint64 nowMs(); // a monotonic clock
    void check();

    QTimer *m_timer;
    int m_timeoutMs = 0;
    qint64 m_lastProgressMs = 0;
};
