#pragma once

#include "benchsupport.h"

#include <QObject>
#include <QTimer>

// Measures how long the GUI thread was unavailable: a 5 ms timer ticks on it, and the longest
// gap between two ticks is the longest time a click or a repaint would have waited. A gap
// still open when it is read counts too (an operation that just blocked for 400 ms has not
// let the next tick happen yet).
class GuiStallMeter final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GuiStallMeter)
public:
    static constexpr int tickMs = 5;

    explicit GuiStallMeter(QObject *parent = nullptr)
        : QObject(parent) {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(tickMs);
        connect(&m_timer, &QTimer::timeout, this, &GuiStallMeter::tick);
        m_timer.start();
        restart();
    }

    // Forgets the gaps so far: the next reading covers what happens from now on.
    void restart() {
        m_lastNs = Bench::nowNs();
        m_maxGapNs = 0;
    }

    double maxGapMs() const { return double(qMax(m_maxGapNs, Bench::nowNs() - m_lastNs)) / 1e6; }

private:
    void tick() {
        const qint64 now = Bench::nowNs();
        m_maxGapNs = qMax(m_maxGapNs, now - m_lastNs);
        m_lastNs = now;
    }

    QTimer m_timer;
    qint64 m_lastNs = 0;
    qint64 m_maxGapNs = 0;
};
