// bouncedesk: the window when no subcommand is given, the command line otherwise.
#include "cli/commandline.h"
#include "core/processmemory.h"
#include "windowmodule.h"

#include <QCoreApplication>
#include <QNetworkProxyFactory>

namespace {
QStringList argumentsOf(int argc, char **argv) {
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    return arguments;
}
} // namespace

int main(int argc, char **argv) {
    QCoreApplication::setOrganizationName(QStringLiteral("BounceDesk"));
    QCoreApplication::setApplicationName(QStringLiteral("BounceDesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BOUNCEDESK_VERSION));
    returnLargeBlocksToTheSystem(); // sorting a million rows must not leave its scratch behind

    // Behind a corporate proxy: honour the system's configuration (http_proxy, https_proxy and
    // no_proxy on Linux) as every other desktop program does.
    QNetworkProxyFactory::setUseSystemConfiguration(true);

    // The command line must work without a display, so it never creates a QApplication.
    if (wantsCommandLine(argumentsOf(argc, argv))) {
        // Qt's own event dispatcher unless the keychain may be read; the threads started later
        // (Qt's HTTP threads, the parsers) take the same one.
        if (!commandLineNeedsGlibEventLoop())
            qputenv("QT_NO_GLIB", "1");
        QCoreApplication app(argc, argv);
        return runCommandLine(app.arguments());
    }
    return runWindowModule(argc, argv);
}
