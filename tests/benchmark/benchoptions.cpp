#include "benchoptions.h"

#include <QCommandLineParser>
#include <QFileInfo>

#include <cstring>

namespace {

bool parseSizes(const QString &text, QList<qsizetype> *sizes) {
    sizes->clear();
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const qlonglong rows = part.trimmed().toLongLong(&ok);
        // The table model indexes rows with int, and a window child must fit in memory.
        if (!ok || rows < 100 || rows > 10'000'000)
            return false;
        sizes->append(qsizetype(rows));
    }
    return !sizes->isEmpty();
}

} // namespace

bool isWindowChild(int argc, char **argv) {
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--window-child") == 0)
            return true;
    }
    return false;
}

BenchOptionsResult parseBenchOptions(const QStringList &arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Measures BounceDesk at scale against the figures of issue 4: `bouncedesk export` next to "
        "a Python json.load + csv.writer script, and the window's load, sort, filter and delete, "
        "all served by the loopback emulator."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption rows(QStringLiteral("rows"),
                                  QStringLiteral("Comma-separated list sizes (default "
                                                 "10000,100000,1000000)."),
                                  QStringLiteral("n,n,..."));
    const QCommandLineOption repeat(
        QStringLiteral("repeat"),
        QStringLiteral("Runs per measurement; the table shows medians (default 1)."),
        QStringLiteral("n"));
    const QCommandLineOption skipPython(QStringLiteral("skip-python"),
                                        QStringLiteral("Do not run the Python script."));
    const QCommandLineOption skipWindow(QStringLiteral("skip-window"),
                                        QStringLiteral("Do not run the window measurements."));
    const QCommandLineOption skipV3(QStringLiteral("skip-v3"),
                                    QStringLiteral("Do not measure the SendGrid v3 rows."));
    const QCommandLineOption onlyV3(QStringLiteral("only-v3"),
                                    QStringLiteral("Measure the SendGrid v3 rows only."));
    const QCommandLineOption onlyV3Export(
        QStringLiteral("only-v3-export"),
        QStringLiteral("Measure only the 1M export over v3, beside v2 and the curl floor."));
    const QCommandLineOption bouncedesk(QStringLiteral("bouncedesk"),
                                        QStringLiteral("The bouncedesk executable to measure."),
                                        QStringLiteral("path"));
    const QCommandLineOption python(QStringLiteral("python"),
                                    QStringLiteral("The Python interpreter (default: python3)."),
                                    QStringLiteral("path"));
    const QCommandLineOption markdown(QStringLiteral("markdown"),
                                      QStringLiteral("Also write the table as Markdown here."),
                                      QStringLiteral("file"));
    QCommandLineOption child(QStringLiteral("window-child"), QString(), QStringLiteral("format"));
    child.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption operations(QStringLiteral("operations"), QString());
    operations.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({rows, repeat, skipPython, skipWindow, skipV3, onlyV3, onlyV3Export,
                       bouncedesk, python, markdown, child, operations});

    BenchOptionsResult result;
    BenchOptions &options = result.options;
    if (!parser.parse(arguments)) {
        result.error = parser.errorText();
        return result;
    }
    if (parser.isSet(help)) {
        result.helpText = parser.helpText();
        return result;
    }
    if (parser.isSet(child)) {
        options.windowChild = true;
        options.childOperations = parser.isSet(operations);
        const QStringList positional = parser.positionalArguments();
        bool ok = positional.size() == 1;
        options.childRows = ok ? qsizetype(positional.first().toLongLong(&ok)) : 0;
        options.childV3 = parser.value(child) == QLatin1String("v3");
        if (!ok ||
            (!options.childV3 && !parseResponseFormat(parser.value(child), &options.childFormat)))
            result.error = QStringLiteral("usage: --window-child json|xml|v3 ROWS [--operations]");
        return result;
    }
    if (!parser.positionalArguments().isEmpty()) {
        result.error =
            QStringLiteral("unexpected argument: %1").arg(parser.positionalArguments().first());
        return result;
    }
    if (parser.isSet(rows) && !parseSizes(parser.value(rows), &options.sizes)) {
        result.error = QStringLiteral("--rows wants sizes between 100 and 10000000, e.g. "
                                      "10000,100000,1000000");
        return result;
    }
    if (parser.isSet(repeat)) {
        bool ok = false;
        options.repeat = parser.value(repeat).toInt(&ok);
        if (!ok || options.repeat < 1 || options.repeat > 50) {
            result.error = QStringLiteral("--repeat wants a number from 1 to 50");
            return result;
        }
    }
    options.skipPython = parser.isSet(skipPython);
    options.skipWindow = parser.isSet(skipWindow);
    options.skipV3 = parser.isSet(skipV3);
    options.onlyV3Export = parser.isSet(onlyV3Export);
    options.onlyV3 = parser.isSet(onlyV3) || options.onlyV3Export;
    if (options.skipV3 && options.onlyV3) {
        result.error = QStringLiteral("--skip-v3 and --only-v3 exclude each other");
        return result;
    }
    options.bouncedesk =
        parser.isSet(bouncedesk) ? parser.value(bouncedesk) : QStringLiteral(BOUNCEDESK_EXECUTABLE);
    options.bouncedesk = QFileInfo(options.bouncedesk).absoluteFilePath();
    if (!QFileInfo(options.bouncedesk).isExecutable())
        result.error =
            QStringLiteral("%1 is not an executable (--bouncedesk)").arg(options.bouncedesk);
    options.python = parser.value(python);
    options.markdownPath = parser.value(markdown);
    return result;
}
