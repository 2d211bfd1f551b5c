#include "sandboxratelimiter.h"

#include <QDateTime>
#include <QMutexLocker>

SandboxRateLimiter::SandboxRateLimiter() = default;

void SandboxRateLimiter::setLimit(int requests, int windowSeconds) {
    const QMutexLocker locker(&m_mutex);
    m_limit = qMax(0, requests);
    m_windowMs = qMax(1, windowSeconds) * qint64(1000);
    m_windows.clear();
}

void SandboxRateLimiter::setClock(Clock clock) {
    const QMutexLocker locker(&m_mutex);
    m_clock = std::move(clock);
    m_windows.clear();
}

qint64 SandboxRateLimiter::now() const {
    return m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
}

SandboxRateLimiter::Verdict SandboxRateLimiter::verdict(Window &window, qint64 nowMs, bool count) {
    if (window.used == 0 || nowMs >= window.startMs + m_windowMs) {
        window.startMs = nowMs;
        window.used = 0;
    }
    Verdict result;
    result.limit = m_limit;
    result.allowed = window.used < m_limit;
    if (count && result.allowed)
        ++window.used;
    if (count && !result.allowed)
        ++m_refusals;
    result.remaining = qMax(0, m_limit - window.used);
    // Rounded up: a client waiting until Reset never comes back early.
    result.reset = (window.startMs + m_windowMs + 999) / 1000;
    return result;
}

SandboxRateLimiter::Verdict SandboxRateLimiter::take(const QString &endpoint) {
    const QMutexLocker locker(&m_mutex);
    return verdict(m_windows[endpoint], now(), true);
}

SandboxRateLimiter::Verdict SandboxRateLimiter::peek(const QString &endpoint) {
    const QMutexLocker locker(&m_mutex);
    Window copy = m_windows.value(endpoint);
    return verdict(copy, now(), false);
}

qint64 SandboxRateLimiter::nowMs() const {
    const QMutexLocker locker(&m_mutex);
    return now();
}

int SandboxRateLimiter::refusals() const {
    const QMutexLocker locker(&m_mutex);
    return m_refusals;
}
