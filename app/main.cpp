// bouncedesk: the window when no subcommand is given, the command line otherwise.
#include "api/trustedcertificates.h"
#include "cli/commandline.h"
#include "core/processmemory.h"
#include "desktop.h"

#include <QApplication>
#include <QCoreApplication>
#include <QMessageBox>
#include <QNetworkProxyFactory>

#include <cstdio>
#include <memory>

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
        QCoreApplication app(argc, argv);
        return runCommandLine(app.arguments());
    }
    QApplication app(argc, argv);
    // The command line reads it with its options; the window here, before any connection.
    if (const QString caFile = qEnvironmentVariable("BOUNCEDESK_CA_FILE"); !caFile.isEmpty()) {
        QString error;
        if (!TrustedCertificates::trustFile(caFile, &error)) {
            const QString message = QStringLiteral("BOUNCEDESK_CA_FILE: %1").arg(error);
            std::fprintf(stderr, "bouncedesk: %s\n", qPrintable(message));
            QMessageBox::critical(nullptr, QStringLiteral("BounceDesk"), message);
            return 2;
        }
    }
    return runDesktop(app);
}
