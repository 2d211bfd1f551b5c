#pragma once

#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <chrono>
#include <functional>

class QTemporaryDir;

// Small pieces every part of the benchmark shares: one clock, waiting without a fixed sleep,
// and the kernel's view of this process's memory.
namespace Bench {

// CLOCK_MONOTONIC in nanoseconds: the same clock in every thread and every process of this
// machine, so a timestamp taken in the emulator's thread compares with one taken in the GUI.
inline qint64 nowNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

inline double msBetween(qint64 fromNs, qint64 toNs) {
    return double(toNs - fromNs) / 1e6;
}

// Runs this thread's event loop until `done` is true or `timeoutMs` passed. Unlike
// QTest::qWaitFor it never sleeps between rounds, so it neither delays the work being timed
// nor shows up as a stall of the GUI thread. Benchmark code only: product code never nests
// event loops.
bool waitUntil(const std::function<bool()> &done, int timeoutMs);

// A field of /proc/self/status in kB (VmHWM: peak resident set, VmRSS: current); -1 if absent.
qint64 procStatusKb(const char *field);

// The customer a benchmark of `rows` rows loads ("bench-1000000").
QString customerFor(qsizetype rows);

// The environment of a child run (bouncedesk, Python, the window child): PATH and the locale
// of this process, a home of its own (no real settings, keychain or session bus reachable).
QStringList isolatedEnvironment(const QTemporaryDir &home);

// 1234567 -> "1,234,567".
QString groupedNumber(qint64 value);

} // namespace Bench
