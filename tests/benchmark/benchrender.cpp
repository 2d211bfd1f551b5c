// The machine the figures come from, and the tables as plain text and as Markdown.
#include "benchreport.h"

#include "benchsupport.h"
#include "processrunner.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QSysInfo>
#include <QThread>

#include <algorithm>
#include <cstring>
#include <memory>

namespace {

QByteArray procFile(const char *path) {
    QFile file(QString::fromLatin1(path));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The value of the first "name : value" line of a /proc file that starts with `name`.
QString procField(const QByteArray &text, const char *name) {
    const QList<QByteArray> lines = text.split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith(name)) {
            const qsizetype colon = line.indexOf(':');
            return QString::fromUtf8(line.mid(colon + 1)).trimmed();
        }
    }
    return {};
}

QString sizeHeading(const SizeResult &result) {
    return QStringLiteral("%1 rows — JSON body %2 MB, XML body %3 MB")
        .arg(Bench::groupedNumber(result.rows))
        .arg(double(result.jsonBytes) / 1e6, 0, 'f', 1)
        .arg(double(result.xmlBytes) / 1e6, 0, 'f', 1);
}

QStringList machineLines(const MachineInfo &machine, const BenchOptions &options) {
    return {
        QStringLiteral("Machine: %1, %2 cores, %3 GB RAM, Linux %4")
            .arg(machine.cpu)
            .arg(machine.cores)
            .arg(machine.memoryGb, 0, 'f', 1)
            .arg(machine.kernel),
        QStringLiteral("Qt %1; %2").arg(machine.qtVersion, machine.pythonVersion),
        QStringLiteral("Run %1; load average %2 at the start, %3 at the end")
            .arg(machine.date, machine.loadAtStart, machine.loadAtEnd),
        QStringLiteral("Memory: writing 256 MB new to the process %1 ms, the same again %2 ms "
                       "(a million-row window writes ~300 MB of new memory)")
            .arg(machine.newMemoryMs, 0, 'f', 0)
            .arg(machine.rewriteMs, 0, 'f', 0),
        QStringLiteral("%1 run(s) per figure: times and stalls are medians, memory the largest "
                       "peak. The emulator serves on 127.0.0.1 from its own thread.")
            .arg(options.repeat),
    };
}

QString notesText(const SizeResult &result, const QString &bullet) {
    QString text;
    for (const QString &problem : result.problems)
        text += bullet + QStringLiteral("problem: ") + problem + QLatin1Char('\n');
    return text;
}

} // namespace

QString loadAverage() {
    const QList<QByteArray> fields = procFile("/proc/loadavg").split(' ');
    return fields.size() >= 3 ? QString::fromLatin1(fields[0] + ' ' + fields[1] + ' ' + fields[2])
                              : QStringLiteral("unknown");
}

void measureNewMemory(MachineInfo &machine) {
    constexpr std::size_t bytes = std::size_t(256) << 20;
    const std::unique_ptr<char[]> memory(new char[bytes]); // its own mapping: new pages
    // The compiler must neither drop a write nor merge the two: the memory "escapes".
    const auto written = [&memory] { asm volatile("" : : "r"(memory.get()) : "memory"); };
    QElapsedTimer timer;
    timer.start();
    std::memset(memory.get(), 1, bytes);
    written();
    machine.newMemoryMs = double(timer.nsecsElapsed()) / 1e6;
    timer.restart();
    std::memset(memory.get(), 2, bytes);
    written();
    machine.rewriteMs = double(timer.nsecsElapsed()) / 1e6;
}

MachineInfo describeMachine(const QString &python, const QString &pythonProblem) {
    MachineInfo machine;
    machine.cpu = procField(procFile("/proc/cpuinfo"), "model name");
    if (machine.cpu.isEmpty())
        machine.cpu = QSysInfo::currentCpuArchitecture();
    machine.cores = QThread::idealThreadCount();
    machine.memoryGb = procField(procFile("/proc/meminfo"), "MemTotal")
                           .split(QLatin1Char(' '))
                           .first()
                           .toDouble() *
                       1024 / 1e9;
    machine.kernel = QSysInfo::kernelVersion();
    machine.qtVersion = QString::fromLatin1(qVersion());
    if (python.isEmpty()) {
        machine.pythonVersion = QStringLiteral("Python not measured: ") + pythonProblem;
    } else {
        const ProcessRun run = runProcess({python, {QStringLiteral("--version")}, {}, 30'000});
        machine.pythonVersion = QString::fromUtf8(run.standardOutput + run.standardError).trimmed();
    }
    machine.date = QDateTime::currentDateTime().toString(Qt::ISODate);
    machine.loadAtStart = loadAverage();
    return machine;
}

QString renderText(const MachineInfo &machine, const BenchOptions &options,
                   const QList<SizeResult> &results) {
    QString text = QStringLiteral("BounceDesk benchmark (issue 4)\n");
    for (const QString &line : machineLines(machine, options))
        text += line + QLatin1Char('\n');
    for (const SizeResult &result : results) {
        const QList<ReportRow> rows = buildReportRows(result);
        qsizetype figureWidth = 6, measuredWidth = 8, targetWidth = 6;
        for (const ReportRow &row : rows) {
            figureWidth = std::max(figureWidth, row.group.size() + 2 + row.figure.size());
            measuredWidth = std::max(measuredWidth, row.measured.size());
            targetWidth = std::max(targetWidth, row.target.size());
        }
        text += QStringLiteral("\n== %1 ==\n").arg(sizeHeading(result));
        text += QStringLiteral("%1  %2  %3  %4\n")
                    .arg(QStringLiteral("figure"), -int(figureWidth))
                    .arg(QStringLiteral("measured"), int(measuredWidth))
                    .arg(QStringLiteral("target"), -int(targetWidth))
                    .arg(QStringLiteral("result"));
        for (const ReportRow &row : rows) {
            text += QStringLiteral("%1  %2  %3  %4\n")
                        .arg(row.group + QStringLiteral("  ") + row.figure, -int(figureWidth))
                        .arg(row.measured, int(measuredWidth))
                        .arg(row.target, -int(targetWidth))
                        .arg(row.verdict);
        }
        text += notesText(result, QStringLiteral("  "));
    }
    return text;
}

QString renderMarkdown(const MachineInfo &machine, const BenchOptions &options,
                       const QList<SizeResult> &results) {
    QString text = QStringLiteral("### Benchmark (`bouncedesk_bench`)\n\n");
    for (const QString &line : machineLines(machine, options))
        text += line + QStringLiteral("  \n");
    for (const SizeResult &result : results) {
        text += QStringLiteral("\n#### %1\n\n").arg(sizeHeading(result));
        text += QStringLiteral(
            "| part | figure | measured | target | result |\n|---|---|---:|---|---|\n");
        for (const ReportRow &row : buildReportRows(result)) {
            QString figure = row.figure;
            figure.replace(QLatin1Char('|'), QStringLiteral("\\|"));
            text += QStringLiteral("| %1 | %2 | %3 | %4 | %5 |\n")
                        .arg(row.group.mid(2), figure, row.measured, row.target, row.verdict);
        }
        const QString notes = notesText(result, QStringLiteral("- "));
        if (!notes.isEmpty())
            text += QLatin1Char('\n') + notes;
    }
    return text;
}
