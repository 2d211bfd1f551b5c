#include "benchrunner.h"

#include "benchserver.h"
#include "benchsupport.h"
#include "processrunner.h"
#include "xmlshapebench.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUrl>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace {

constexpr int kProcessTimeoutMs = 900'000;

void progress(const QString &text) {
    std::fprintf(stderr, "  %s\n", qPrintable(text));
    std::fflush(stderr);
}

// RFC 4180 records in a CSV file: line breaks inside quoted fields do not end a record (the
// generated reasons contain some). -1 when the file cannot be read.
qint64 countCsvRecords(const QString &path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    qint64 records = 0;
    bool quoted = false;
    char last = '\n';
    QByteArray block;
    while (!(block = file.read(1 << 20)).isEmpty()) {
        for (const char c : std::as_const(block)) {
            if (c == '"')
                quoted = !quoted; // a doubled quote flips twice
            else if (c == '\n' && !quoted)
                ++records;
        }
        last = block.back();
    }
    return last == '\n' ? records : records + 1;
}

// One export run (bouncedesk or Python): time, peak memory and the rows in the CSV it wrote.
void recordExport(const QString &who, const ProcessRun &run, const QString &csvPath,
                  SizeResult *result) {
    const QString prefix = QStringLiteral("export.") + who;
    if (!run.succeeded()) {
        result->problems << QStringLiteral("%1 export failed: %2").arg(who, run.failureSummary());
        return;
    }
    result->samples[prefix + QStringLiteral(".ms")] << run.wallMs;
    result->samples[prefix + QStringLiteral(".cpu.ms")] << run.cpuMs;
    result->samples[prefix + QStringLiteral(".rss.kb")] << double(run.maxRssKb);
    result->samples[prefix + QStringLiteral(".csvRows")] << double(countCsvRecords(csvPath) - 1);
    progress(QStringLiteral("%1 export: %2 ms, peak RSS %3 MB")
                 .arg(who)
                 .arg(run.wallMs, 0, 'f', 0)
                 .arg(double(run.maxRssKb) * 1024 / 1e6, 0, 'f', 1));
    QFile::remove(csvPath);
}

// The form of a bounces.get call in a file, so that no key appears in a command line.
QString writeListForm(const QTemporaryDir &home, const QString &customer) {
    QFile file(home.filePath(QStringLiteral("list-form")));
    const QByteArray form =
        "api_user=" + QUrl::toPercentEncoding(BenchServer::user()) +
        "&api_key=" + QUrl::toPercentEncoding(BenchServer::key()) +
        "&method=bounces&task=get&date=1&user=" + QUrl::toPercentEncoding(customer);
    if (!file.open(QIODevice::WriteOnly) || file.write(form) != form.size())
        return {};
    return file.fileName();
}

// The floor: the body alone, read by curl into /dev/null. A client cannot be faster than the
// emulator can produce and send. With `keptIn`, curl writes the body into that file instead:
// the body then lands in memory new to the system (the page cache), as a client that keeps
// its rows must take memory; the file is removed after.
void measureTransfer(const QString &curl, const BenchServer &server, const QString &form,
                     const QStringList &environment, const QString &key, SizeResult *result,
                     const QString &keptIn = QString()) {
    if (curl.isEmpty() || form.isEmpty())
        return;
    const ProcessRun transfer = runProcess(
        {curl,
         {QStringLiteral("-sS"), QStringLiteral("--fail"), QStringLiteral("-o"),
          keptIn.isEmpty() ? QStringLiteral("/dev/null") : keptIn, QStringLiteral("--data-binary"),
          QLatin1Char('@') + form,
          server.baseUrl().resolved(QUrl(QStringLiteral("reseller.manage.json"))).toString()},
         environment,
         kProcessTimeoutMs});
    if (!keptIn.isEmpty())
        QFile::remove(keptIn);
    if (transfer.succeeded())
        result->samples[key] << transfer.wallMs;
}

QStringList exportEnvironment(const QTemporaryDir &home, const BenchServer &server) {
    return Bench::isolatedEnvironment(home)
           << QStringLiteral("SENDGRID_API_USER=") + BenchServer::user()
           << QStringLiteral("SENDGRID_API_KEY=") + BenchServer::key()
           << QStringLiteral("BOUNCEDESK_API_URL=") + server.baseUrl().toString();
}

ProcessRun runExport(const BenchOptions &options, const QString &customer, const QString &csv,
                     const QStringList &environment) {
    return runProcess({options.bouncedesk,
                       {QStringLiteral("export"), QStringLiteral("--customer"), customer,
                        QStringLiteral("-o"), csv},
                       environment,
                       kProcessTimeoutMs});
}

void measureExports(const BenchOptions &options, const QString &python, qsizetype rows,
                    SizeResult *result) {
    const QString customer = Bench::customerFor(rows);
    BenchServer server(customer, rows);
    QTemporaryDir home;
    if (!server.isListening() || !home.isValid()) {
        result->problems << QStringLiteral("export: no emulator (%1) or no temporary directory")
                                .arg(server.errorString());
        return;
    }
    const QStringList environment = exportEnvironment(home, server);
    const QString csv = home.filePath(QStringLiteral("bounces.csv"));
    const QString curl = QStandardPaths::findExecutable(QStringLiteral("curl"));
    const QString form = writeListForm(home, customer);
    for (int round = 0; round < options.repeat; ++round) {
        measureTransfer(curl, server, form, environment, QStringLiteral("export.transfer.ms"),
                        result);
        recordExport(QStringLiteral("bouncedesk"), runExport(options, customer, csv, environment),
                     csv, result);
        // After the export, not before it: the page cache it frees must not be what the
        // export's file then takes.
        measureTransfer(curl, server, form, environment, QStringLiteral("export.transferKept.ms"),
                        result, home.filePath(QStringLiteral("body.json")));
        if (python.isEmpty())
            continue;
        const ProcessRun script =
            runProcess({python,
                        {QStringLiteral(BOUNCEDESK_PYTHON_EXPORT), customer, csv},
                        environment,
                        kProcessTimeoutMs});
        recordExport(QStringLiteral("python"), script, csv, result);
    }

    // The same body in small chunks (kSmallChunkBytes), as many web frameworks stream one: Qt hands
    // each chunk from its HTTP thread to the reply's as an event of its own, so the export pays per
    // chunk where curl does not (tests/benchmark/README.md, "Fourteenth pass").
    BenchServer chunked(customer, rows, kSmallChunkBytes);
    if (!chunked.isListening()) {
        result->problems << QStringLiteral("export in small chunks: no emulator (%1)")
                                .arg(chunked.errorString());
        return;
    }
    const QStringList chunkedEnvironment = exportEnvironment(home, chunked);
    for (int round = 0; round < options.repeat; ++round) {
        measureTransfer(curl, chunked, form, chunkedEnvironment,
                        QStringLiteral("export.smallChunks.transfer.ms"), result);
        recordExport(QStringLiteral("smallChunks"),
                     runExport(options, customer, csv, chunkedEnvironment), csv, result);
    }
}

// Parses the child's "figure <key> <value>" and "error <text>" lines.
void collectChildOutput(const QString &prefix, const ProcessRun &run, SizeResult *result) {
    const QList<QByteArray> lines = run.standardOutput.split('\n');
    for (const QByteArray &line : lines) {
        const QList<QByteArray> words = line.trimmed().split(' ');
        if (words.size() == 3 && words[0] == "figure")
            result->samples[prefix + QString::fromUtf8(words[1])] << words[2].toDouble();
        else if (line.startsWith("error "))
            result->problems << prefix + QString::fromUtf8(line.mid(6));
    }
    if (!run.succeeded())
        result->problems << prefix + run.failureSummary();
    else
        result->samples[prefix + QStringLiteral("childMaxRss.kb")] << double(run.maxRssKb);
}

void measureWindow(const BenchOptions &options, qsizetype rows, ResponseFormat format,
                   SizeResult *result) {
    QTemporaryDir home;
    QStringList environment = Bench::isolatedEnvironment(home);
    environment << QStringLiteral("QT_QPA_PLATFORM=offscreen");
    const QString name = responseFormatName(format);
    const QString prefix = QStringLiteral("window.%1.").arg(name);
    QStringList arguments{QStringLiteral("--window-child"), name, QString::number(rows)};
    // Sorting, filtering and deleting do not depend on the format the list came in.
    if (format == ResponseFormat::Json)
        arguments << QStringLiteral("--operations");
    for (int round = 0; round < options.repeat; ++round) {
        const ProcessRun run = runProcess(
            {QCoreApplication::applicationFilePath(), arguments, environment, kProcessTimeoutMs});
        collectChildOutput(prefix, run, result);
        progress(QStringLiteral("window %1: load %2 ms, peak RSS %3 MB")
                     .arg(name)
                     .arg(result->samples.value(prefix + QStringLiteral("load.ms")).value(round), 0,
                          'f', 0)
                     .arg(double(run.maxRssKb) * 1024 / 1e6, 0, 'f', 1));
    }
}

} // namespace

double SizeResult::median(const QString &key) const {
    QList<double> values = samples.value(key);
    if (values.isEmpty())
        return std::nan("");
    std::sort(values.begin(), values.end());
    const qsizetype middle = values.size() / 2;
    return values.size() % 2 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

double SizeResult::largest(const QString &key) const {
    const QList<double> values = samples.value(key);
    return values.isEmpty() ? std::nan("") : *std::max_element(values.cbegin(), values.cend());
}

QString resolvePython(const QString &requested, QString *why) {
    const QString candidate = requested.isEmpty()
                                  ? QStandardPaths::findExecutable(QStringLiteral("python3"))
                                  : QFileInfo(requested).absoluteFilePath();
    if (candidate.isEmpty()) {
        *why = QStringLiteral("no python3 on PATH");
        return {};
    }
    const ProcessRun run = runProcess(
        {candidate,
         {QStringLiteral("-c"), QStringLiteral("import sys; print(sys.executable)")},
         inheritedEnvironment({QStringLiteral("PATH"), QStringLiteral("HOME"),
                               QStringLiteral("PYENV_VERSION"), QStringLiteral("PYENV_ROOT")}),
         30'000});
    const QString executable = QString::fromLocal8Bit(run.standardOutput).trimmed();
    if (!run.succeeded() || !QFileInfo(executable).isExecutable()) {
        *why = QStringLiteral("%1 does not run: %2").arg(candidate, run.failureSummary());
        return {};
    }
    return executable;
}

SizeResult measureSize(const BenchOptions &options, const QString &python, qsizetype rows) {
    SizeResult result;
    result.rows = rows;
    const QString customer = Bench::customerFor(rows);
    result.jsonBytes = listPayloadBytes(customer, rows, ResponseFormat::Json);
    result.xmlBytes = listPayloadBytes(customer, rows, ResponseFormat::Xml);
    progress(QStringLiteral("%1 rows: JSON body %2 MB, XML body %3 MB")
                 .arg(Bench::groupedNumber(rows))
                 .arg(double(result.jsonBytes) / 1e6, 0, 'f', 1)
                 .arg(double(result.xmlBytes) / 1e6, 0, 'f', 1));
    measureExports(options, options.skipPython ? QString() : python, rows, &result);
    measureXmlShapes(rows, &result);
    if (!options.skipWindow) {
        measureWindow(options, rows, ResponseFormat::Json, &result);
        measureWindow(options, rows, ResponseFormat::Xml, &result);
    }
    for (const QString &problem : std::as_const(result.problems))
        progress(QStringLiteral("problem: ") + problem);
    return result;
}
