#pragma once

#include "apicall.h"

#include <QObject>
#include <QPointer>

#include <deque>
#include <functional>

class QTimer;

// Decides when the next v3 request may go out, for every request of one client: several in
// flight (bounded), at most `firstAnswerBound` before an answer has shown the rate-limit
// headers, never more than the last X-RateLimit-Remaining allows (less the requests it could
// not yet have counted), and at 0 nothing until X-RateLimit-Reset. Requests go out in the order
// they were queued.
class V3RequestGate final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(V3RequestGate)
public:
    explicit V3RequestGate(QObject *parent = nullptr);

    // An answer mostly waits on the server (tens of ms each, issue 14's 3,000 look-ups), so
    // more in flight is faster until the rate limit, which is honoured all the same, binds.
    // The client keeps enough connections for this many (NetworkManagerPool).
    static constexpr int defaultMaxInFlight = 16;
    static constexpr int firstAnswerBound = 4;
    void setMaxInFlight(int n) { m_maxInFlight = qMax(1, n); }
    // Milliseconds since the epoch; the tests give the emulator's clock.
    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }
    // Caps a wait for the reset (a server naming a reset far away must not stall us for ever).
    void setMaxWaitMs(int ms) { m_maxWaitMs = qMax(0, ms); }

    // `start` is called once a request may go out; it starts and returns the call, or returns
    // nullptr when it no longer wants to send (the slot goes to the next). Dropped when `owner`
    // is gone by then.
    void enqueue(QObject *owner, std::function<ApiCall *()> start);

    // Forgets every request not sent yet (the client is going away: nothing more goes out).
    void dropPending() { m_pending.clear(); }

    int inFlight() const { return m_inFlight; }
    int mostInFlight() const { return m_mostInFlight; }
    bool headersSeen() const { return m_headersSeen; }

Q_SIGNALS:
    // Nothing goes out for this long: the server's rate limit is spent until its reset.
    void waitingForReset(int delayMs);

private:
    struct Pending {
        QPointer<QObject> owner;
        std::function<ApiCall *()> start;
    };
    void pump();
    void observe(const RateLimitHeaders &headers);
    void release();
    bool mayStartOne() const;
    void onResetTimer();

    std::deque<Pending> m_pending;
    std::function<qint64()> m_clock;
    QTimer *m_resetTimer;
    int m_maxInFlight = defaultMaxInFlight;
    int m_maxWaitMs = 60'000;
    int m_inFlight = 0;
    int m_mostInFlight = 0;
    bool m_headersSeen = false;
    qint64 m_budget = 0;     // requests the server will still take, as far as we know
    qint64 m_limit = -1;     // X-RateLimit-Limit, once seen
    qint64 m_resetSecs = -1; // X-RateLimit-Reset of the answer that set the budget
    qint64 m_resetAtMs = -1; // while waiting: the clock's time of the reset, when known
    bool m_rearmed = false;  // the wait was already extended once for a timer that came early
    bool m_pumping = false;
};
