#include "windowmodule.h"

#include <QDir>
#include <QFileInfo>
#include <QLibrary>
#include <QString>
#include <QStringList>

#include <cstdio>

namespace {

// The executable's directory without a QCoreApplication (the module creates the QApplication,
// and Qt allows only one application object): Linux names the running file in /proc.
QString executableDir(const char *argv0) {
    QString path = QFileInfo(QStringLiteral("/proc/self/exe")).canonicalFilePath();
    if (path.isEmpty() && argv0)
        path = QFileInfo(QString::fromLocal8Bit(argv0)).canonicalFilePath();
    return QFileInfo(path).absolutePath();
}

// Where the module may be, in the order tried (see runWindowModule()).
QStringList windowModuleCandidates(const QString &executableDir) {
    const QDir dir(executableDir);
    const QString name = QString::fromLatin1(windowModuleFileName);
    QStringList candidates{dir.filePath(name)};
    const QString installed = QDir::cleanPath(
        dir.filePath(QStringLiteral(BOUNCEDESK_WINDOW_MODULE_DIR) + QLatin1Char('/') + name));
    if (!candidates.contains(installed))
        candidates << installed;
    return candidates;
}

} // namespace

int runWindowModule(int &argc, char **argv) {
    const QStringList candidates =
        windowModuleCandidates(executableDir(argc > 0 ? argv[0] : nullptr));
    QStringList failures;
    for (const QString &path : candidates) {
        if (!QFileInfo::exists(path)) {
            failures << QStringLiteral("%1: no such file").arg(QDir::toNativeSeparators(path));
            continue;
        }
        QLibrary module(path);
        // Never unloaded: the window's objects and Qt's plugins refer into it until exit.
        module.setLoadHints(QLibrary::PreventUnloadHint);
        const auto entry = reinterpret_cast<WindowEntryPoint>(module.resolve(windowEntryPointName));
        if (entry)
            return entry(&argc, argv);
        failures << module.errorString();
    }
    std::fprintf(stderr,
                 "bouncedesk: cannot open the window, its module was not loaded:\n  %s\n"
                 "The command line works without it: bouncedesk --help.\n",
                 qPrintable(failures.join(QStringLiteral("\n  "))));
    return 1;
}
