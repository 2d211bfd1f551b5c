// bouncedesk_bench: issue 4's figures, measured. See benchoptions.h for the command line and
// README.md for what each figure means.
#include "benchoptions.h"
#include "benchreport.h"
#include "benchrunner.h"
#include "v3bench.h"
#include "windowbench.h"

#include "core/processmemory.h"

#include <QApplication>
#include <QCoreApplication>
#include <QFile>
#include <QSaveFile>

#include <cstdio>
#include <memory>

namespace {

int runBenchmark(const BenchOptions &options) {
    QString pythonProblem;
    const QString python =
        options.skipPython ? QString() : resolvePython(options.python, &pythonProblem);
    if (options.skipPython)
        pythonProblem = QStringLiteral("--skip-python");
    MachineInfo machine = describeMachine(python, pythonProblem);
    std::fprintf(
        stderr, "Measuring %s; %s\n", qPrintable(options.bouncedesk),
        qPrintable(python.isEmpty() ? machine.pythonVersion : QStringLiteral("Python: ") + python));

    QList<SizeResult> results;
    if (!options.onlyV3) {
        for (const qsizetype rows : options.sizes)
            results << measureSize(options, python, rows);
    }
    V3BenchResult v3;
    if (!options.skipV3)
        v3 = measureV3(options);
    machine.loadAtEnd = loadAverage();
    // Last: a child's peak RSS as wait4() reports it includes this process's own high-water
    // mark (Linux carries it across the child's exec), so 256 MB written here earlier would
    // have been every child's peak.
    measureNewMemory(machine);

    QString text = renderText(machine, options, results);
    QString markdown = renderMarkdown(machine, options, results);
    if (!options.skipV3) {
        text += renderV3Text(v3);
        markdown += renderV3Markdown(v3);
    }
    std::fputs(text.toUtf8().constData(), stdout);
    std::fflush(stdout);
    if (!options.markdownPath.isEmpty()) {
        QSaveFile file(options.markdownPath);
        if (!file.open(QIODevice::WriteOnly) || file.write(markdown.toUtf8()) < 0 ||
            !file.commit()) {
            std::fprintf(stderr, "cannot write %s: %s\n", qPrintable(options.markdownPath),
                         qPrintable(file.errorString()));
            return 1;
        }
    }
    for (const SizeResult &result : std::as_const(results)) {
        if (!result.problems.isEmpty())
            return 1;
    }
    return v3.problems.isEmpty() ? 0 : 1;
}

} // namespace

int main(int argc, char **argv) {
    // The window child behaves like the application: same settings scope, a real QApplication.
    QCoreApplication::setOrganizationName(QStringLiteral("BounceDesk"));
    QCoreApplication::setApplicationName(QStringLiteral("BounceDesk"));
    returnLargeBlocksToTheSystem(); // as the application does (app/main.cpp)
    std::unique_ptr<QCoreApplication> app;
    if (isWindowChild(argc, argv))
        app = std::make_unique<QApplication>(argc, argv);
    else
        app = std::make_unique<QCoreApplication>(argc, argv);

    const BenchOptionsResult parsed = parseBenchOptions(QCoreApplication::arguments());
    if (!parsed.helpText.isEmpty()) {
        std::fputs(qPrintable(parsed.helpText), stdout);
        return 0;
    }
    if (!parsed.error.isEmpty()) {
        std::fprintf(stderr, "bouncedesk_bench: %s\n", qPrintable(parsed.error));
        return 2;
    }
    const BenchOptions &options = parsed.options;
    if (options.windowChild)
        return WindowBench::runChild(options.childFormat, options.childRows,
                                     options.childOperations, options.childV3);
    return runBenchmark(options);
}
