#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

// Runs one program to its end and measures it the way the benchmark needs: wall time from
// just before the spawn to the moment it has been reaped, and its peak resident set size as
// the kernel accounted it (wait4's ru_maxrss, which also covers any descendants it reaped).
// QProcess gives neither, so this spawns with posix_spawn and waits with wait4.
//
// The calling thread blocks while the program runs: whatever the program talks to (the
// emulator) must live in another thread or process.
struct ProcessRun {
    bool started = false;
    bool timedOut = false; // killed after the timeout
    bool crashed = false;  // ended by a signal
    int exitCode = -1;
    double wallMs = 0;
    double cpuMs = 0; // user + system time of the program (and the descendants it reaped)
    qint64 maxRssKb = 0;
    QByteArray standardOutput;
    QByteArray standardError;
    QString error; // why it could not be started

    bool succeeded() const { return started && !timedOut && !crashed && exitCode == 0; }
    // One line for a failure report: how it ended and the tail of its standard error.
    QString failureSummary() const;
};

struct ProcessSpec {
    QString program; // an absolute path (no PATH lookup)
    QStringList arguments;
    QStringList environment; // NAME=value, the whole environment of the child
    int timeoutMs = 600'000;
};

ProcessRun runProcess(const ProcessSpec &spec);

// NAME=value for a few variables of this process worth passing on (PATH, LANG, ...).
QStringList inheritedEnvironment(const QStringList &names);
