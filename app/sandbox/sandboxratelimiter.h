#pragma once

#include <QHash>
#include <QMutex>
#include <QString>

#include <functional>

// The v3 rate limit: each endpoint (here: each call name, e.g. v3.bounces.get) allows `limit`
// requests per window of `windowSeconds`, starting with its first request. What every answer
// announces in X-RateLimit-Limit / -Remaining / -Reset (epoch seconds). The clock is injectable,
// so tests step time instead of waiting. Thread-safe.
class SandboxRateLimiter final {
public:
    using Clock = std::function<qint64()>; // milliseconds since the epoch

    struct Verdict {
        bool allowed = true;
        int limit = 0;
        int remaining = 0;
        qint64 reset = 0; // epoch seconds at which the window starts afresh
    };

    SandboxRateLimiter();

    // Defaults: 10,000 requests per second per endpoint (as good as unlimited, yet announced).
    void setLimit(int requests, int windowSeconds);
    // Null: the wall clock.
    void setClock(Clock clock);

    // Counts one request against `endpoint`; refused when its window is spent.
    Verdict take(const QString &endpoint);
    // The state `endpoint` would announce now, without counting a request.
    Verdict peek(const QString &endpoint);
    // The limiter's clock, in milliseconds since the epoch.
    qint64 nowMs() const;
    // Requests refused so far (each answered 429).
    int refusals() const;

private:
    struct Window {
        qint64 startMs = 0;
        int used = 0;
    };
    Verdict verdict(Window &window, qint64 nowMs, bool count);
    qint64 now() const;

    mutable QMutex m_mutex;
    Clock m_clock;
    int m_limit = 10000;
    qint64 m_windowMs = 1000;
    QHash<QString, Window> m_windows;
    int m_refusals = 0;
};
