#include "v3requestgate.h"

#include <QDateTime>
#include <QTimer>

V3RequestGate::V3RequestGate(QObject *parent)
    : QObject(parent)
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
    , m_resetTimer(new QTimer(this)) {
    m_resetTimer->setSingleShot(true);
    m_resetTimer->setTimerType(Qt::PreciseTimer); // a coarse timer may fire up to 5 % early
    connect(m_resetTimer, &QTimer::timeout, this, &V3RequestGate::onResetTimer);
}

void V3RequestGate::onResetTimer() {
    // The timer is not the clock: a request sent before the reset would be refused (429).
    // Wait out what is left once; not again, so that a clock behind the server's cannot hold
    // the load for ever (the server's 429 then tells, and the call retries).
    const qint64 left = m_resetAtMs < 0 ? 0 : m_resetAtMs - m_clock();
    if (left > 0 && !m_rearmed) {
        m_rearmed = true;
        const int waitMs = int(qMin(left, qint64(m_maxWaitMs)));
        Q_EMIT waitingForReset(waitMs);
        m_resetTimer->start(waitMs);
        return;
    }
    // A new window: the whole limit when known, else one request to learn it.
    m_budget = m_limit > 0 ? m_limit : 1;
    pump();
}

void V3RequestGate::enqueue(QObject *owner, std::function<ApiCall *()> start) {
    m_pending.push_back({owner, std::move(start)});
    // Not from inside the caller: its call may not be ready for signals yet.
    QMetaObject::invokeMethod(this, &V3RequestGate::pump, Qt::QueuedConnection);
}

bool V3RequestGate::mayStartOne() const {
    if (!m_headersSeen)
        return m_inFlight < qMin(firstAnswerBound, m_maxInFlight);
    return m_inFlight < m_maxInFlight && m_budget > 0;
}

void V3RequestGate::pump() {
    if (m_pumping)
        return;
    m_pumping = true;
    while (!m_pending.empty() && !m_resetTimer->isActive() && mayStartOne()) {
        Pending next = std::move(m_pending.front());
        m_pending.pop_front();
        if (!next.owner)
            continue;
        ApiCall *call = next.start();
        if (!call)
            continue;
        ++m_inFlight;
        m_mostInFlight = qMax(m_mostInFlight, m_inFlight);
        if (m_headersSeen)
            --m_budget;
        connect(call, &ApiCall::answered, this,
                [this](int, const RateLimitHeaders &headers) { observe(headers); });
        // A call deletes itself (later) once it ended or was cancelled: then its slot is free.
        connect(call, &QObject::destroyed, this, &V3RequestGate::release);
    }
    m_pumping = false;
    // Spent, and no answer still to come that could tell more: wait for the reset.
    if (!m_pending.empty() && m_headersSeen && m_budget <= 0 && m_inFlight == 0 &&
        !m_resetTimer->isActive()) {
        const qint64 now = m_clock();
        qint64 waitMs = m_resetSecs < 0               ? 1000
                        : m_resetSecs < 1'000'000'000 ? m_resetSecs * 1000 // seconds from now
                                                      : m_resetSecs * 1000 - now;
        waitMs = qBound(qint64(0), waitMs, qint64(m_maxWaitMs));
        m_resetAtMs = m_resetSecs >= 1'000'000'000 ? m_resetSecs * 1000 : -1;
        m_rearmed = false;
        Q_EMIT waitingForReset(int(waitMs));
        m_resetTimer->start(int(waitMs));
    }
}

void V3RequestGate::observe(const RateLimitHeaders &headers) {
    if (!headers.seen())
        return;
    // The other requests in flight may have gone out after this answer was counted.
    const qint64 estimate = headers.remaining - (m_inFlight - 1);
    // Answers overtake each other: one the server counted early in a window arrives after later
    // ones and tells of room that is gone. Within one window (the same reset) the budget only
    // shrinks; an answer of a new window starts it afresh.
    const bool sameWindow = m_headersSeen && headers.reset == m_resetSecs;
    m_budget = sameWindow ? qMin(m_budget, estimate) : estimate;
    m_headersSeen = true;
    if (headers.limit > 0)
        m_limit = headers.limit;
    m_resetSecs = headers.reset;
}

void V3RequestGate::release() {
    m_inFlight = qMax(0, m_inFlight - 1);
    pump();
}
