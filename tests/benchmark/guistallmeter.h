#pragma once

#include "benchsupport.h"

#include <QObject>
#include <QTimer>

#include <ctime>

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
        m_lastCpuNs = threadCpuNs();
        m_maxGapNs = 0;
        m_maxGapCpuNs = 0;
    }

    double maxGapMs() const { return double(qMax(m_maxGapNs, Bench::nowNs() - m_lastNs)) / 1e6; }
    // The GUI thread's own CPU time within the longest closed gap: on a loaded machine a gap
    // is mostly waiting for a core, and this is the part that was the window's work.
    double maxGapCpuMs() const { return double(m_maxGapCpuNs) / 1e6; }

private:
    void tick() {
        const qint64 now = Bench::nowNs();
        const qint64 cpu = threadCpuNs();
        if (now - m_lastNs > m_maxGapNs) {
            m_maxGapNs = now - m_lastNs;
            m_maxGapCpuNs = cpu - m_lastCpuNs;
        }
        m_lastNs = now;
        m_lastCpuNs = cpu;
    }

    QTimer m_timer;
    qint64 m_lastNs = 0;
    qint64 m_maxGapNs = 0;
    qint64 m_lastCpuNs = 0;
    qint64 m_maxGapCpuNs = 0;
    static qint64 threadCpuNs() {
        timespec now{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
        return qint64(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
    }
};
