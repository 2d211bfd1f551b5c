#pragma once

#include "benchoptions.h"

#include <QMap>
#include <QString>
#include <QStringList>

// The chunk size of the export's second emulator (SandboxServer::setStreamChunkBytes), as many
// web frameworks stream a body; the report names it in its rows.
constexpr int kSmallChunkBytes = 2048;

// Everything measured for one list size: every sample of every figure (one per repetition),
// keyed "export.bouncedesk.ms", "window.json.load.ms", ... and what went wrong on the way.
struct SizeResult {
    qsizetype rows = 0;
    qint64 jsonBytes = 0; // the body the emulator sends, with created times
    qint64 xmlBytes = 0;
    QMap<QString, QList<double>> samples;
    QStringList problems;

    bool has(const QString &key) const { return !samples.value(key).isEmpty(); }
    // The median of the samples (time, stall, counts); NaN when there is none.
    double median(const QString &key) const;
    // The largest sample (peak memory); NaN when there is none.
    double largest(const QString &key) const;
};

// The interpreter the Python script runs with, resolved to the real executable (a pyenv shim
// is a shell script: its start-up would be timed and its own process would be measured).
// Empty, with `why`, when there is none.
QString resolvePython(const QString &requested, QString *why);

// Runs every measurement of one size, printing progress on standard error.
SizeResult measureSize(const BenchOptions &options, const QString &python, qsizetype rows);
