#pragma once

#include "benchoptions.h"
#include "benchrunner.h"

#include <QList>
#include <QString>

// One line of the result table: a figure of issue 4, what was measured, the target and the
// verdict (PASS / MISS; "info" for context without a target; "(at 1M)" where the target is
// defined for a million rows only; "WRONG" when the result was not correct, however fast).
struct ReportRow {
    QString group;
    QString figure;
    QString measured;
    QString target;
    QString verdict;
};

// The rows for one list size (benchreport.cpp).
QList<ReportRow> buildReportRows(const SizeResult &result);

// Where the figures were taken (benchrender.cpp).
struct MachineInfo {
    QString cpu;
    int cores = 0;
    double memoryGb = 0;
    QString kernel;
    QString qtVersion;
    QString pythonVersion; // or why Python was not measured
    QString date;
    QString loadAtStart;
    QString loadAtEnd;
    // Writing 256 MB of memory new to the process, and the same memory again (ms): a
    // million-row window writes some 300 MB of new memory, and virtual machines differ most
    // in the first figure (one measured here: 760-900 ms, against 16 ms for the second).
    double newMemoryMs = 0;
    double rewriteMs = 0;
};

MachineInfo describeMachine(const QString &python, const QString &pythonProblem);
// Fills newMemoryMs and rewriteMs: the cost of memory new to the process (mapped, zeroed and,
// in a virtual machine, perhaps backed by the host only when first written) next to that of
// writing it again. Raises this process's peak RSS by 256 MB: call it after the last child.
void measureNewMemory(MachineInfo &machine);
QString loadAverage(); // the 1-, 5- and 15-minute load averages

QString renderText(const MachineInfo &machine, const BenchOptions &options,
                   const QList<SizeResult> &results);
QString renderMarkdown(const MachineInfo &machine, const BenchOptions &options,
                       const QList<SizeResult> &results);
