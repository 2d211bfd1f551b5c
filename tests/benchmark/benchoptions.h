#pragma once

#include "api/apisettings.h"

#include <QList>
#include <QString>
#include <QStringList>

// bouncedesk_bench [--rows 10000,100000,1000000] [--repeat N] [--skip-python] [--skip-window]
//                  [--skip-v3 | --only-v3 | --only-v3-export] [--bouncedesk PATH] [--python PATH]
//                  [--markdown FILE]
// and, hidden, the child mode the benchmark re-executes itself in for each window run:
//                  --window-child json|xml|v3 ROWS [--operations]
struct BenchOptions {
    QList<qsizetype> sizes{10'000, 100'000, 1'000'000};
    int repeat = 1;
    bool skipPython = false;
    bool skipWindow = false;
    bool skipV3 = false;       // the v3 rows (v3bench.h), measured once, not per size
    bool onlyV3 = false;       // the v3 rows alone: no size runs
    bool onlyV3Export = false; // of the v3 rows only the 1M export (v2, v3, the curl floor)
    QString bouncedesk;        // the real executable (default: the one CMake built)
    QString python;            // empty: python3 from PATH
    QString markdownPath;

    bool windowChild = false;
    ResponseFormat childFormat = ResponseFormat::Json;
    bool childV3 = false; // the window on SendGrid v3 (issue 12's window row)
    qsizetype childRows = 0;
    bool childOperations = false;
};

struct BenchOptionsResult {
    BenchOptions options;
    QString error;    // a usage error
    QString helpText; // --help
};

BenchOptionsResult parseBenchOptions(const QStringList &arguments);

// True when the arguments ask for the window child mode (which needs a QApplication).
bool isWindowChild(int argc, char **argv);
