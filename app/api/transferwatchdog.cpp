#include "transferwatchdog.h"

#include <QTimer>

#include <chrono>

TransferWatchdog::TransferWatchdog(QObject *parent)
    : QObject(parent)
    , m_timer(new QTimer(this)) {
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &TransferWatchdog::check);
}

qint64 TransferWatchdog::nowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

qint64 TransferWatchdog::remainingMs(qint64 nowMs, qint64 lastProgressMs, int timeoutMs) {
    return qMax(qint64(0), lastProgressMs + timeoutMs - nowMs);
}

void TransferWatchdog::start(int timeoutMs) {
    m_timeoutMs = timeoutMs;
    noteProgress();
    m_timer->start(timeoutMs);
}

void TransferWatchdog::stop() {
    m_timer->stop();
}

bool TransferWatchdog::isActive() const {
    return m_timer->isActive();
}

void TransferWatchdog::check() {
    const qint64 remaining = remainingMs(nowMs(), m_lastProgressMs, m_timeoutMs);
    if (remaining > 0) {
        m_timer->start(int(remaining));
        return;
    }
    Q_EMIT stalled();
}
