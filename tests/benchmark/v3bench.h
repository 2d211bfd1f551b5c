#pragma once

#include "benchoptions.h"
#include "benchreport.h"

#include <QList>
#include <QString>
#include <QStringList>

// The SendGrid v3 figures of issues 12, 13 and 14, each next to its target: the real
// `bouncedesk export` / `find` over v3 (child processes) and the v3 client in this process
// (a delete's read-back, a list load), against the emulator in a thread of its own with the
// latency and rate limit each row names (v3bench.cpp says how each is taken).
struct V3BenchResult {
    QList<ReportRow> rows;
    QStringList problems;
};

V3BenchResult measureV3(const BenchOptions &options);

QString renderV3Text(const V3BenchResult &result);
QString renderV3Markdown(const V3BenchResult &result);
