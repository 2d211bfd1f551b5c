// The window module's only export (see app/windowmodule.h): the executable opens this module
// when no command is given, so only the window pays for loading QtWidgets, QtGui and Qt Charts.
#include "desktop.h"
#include "windowmodule.h"

#include "api/trustedcertificates.h"

#include <QApplication>
#include <QMessageBox>

#include <cstdio>
#include <type_traits>

namespace {

// Platforms that show nothing: the tests' and scripts' (QT_QPA_PLATFORM=offscreen or minimal).
bool isHeadlessPlatform() {
    const QString platform = QGuiApplication::platformName();
    return platform == QLatin1String("offscreen") || platform == QLatin1String("minimal");
}

} // namespace

extern "C" Q_DECL_EXPORT int bouncedeskRunWindow(int *argc, char **argv) {
    static_assert(std::is_same_v<decltype(&bouncedeskRunWindow), WindowEntryPoint>);
    QApplication app(*argc, argv);
    // The command line reads it with its options; the window here, before any connection.
    if (const QString caFile = qEnvironmentVariable("BOUNCEDESK_CA_FILE"); !caFile.isEmpty()) {
        QString error;
        if (!TrustedCertificates::trustFile(caFile, &error)) {
            const QString message = QStringLiteral("BOUNCEDESK_CA_FILE: %1").arg(error);
            std::fprintf(stderr, "bouncedesk: %s\n", qPrintable(message));
            // A dialog on a platform without a screen (offscreen, minimal) would wait forever
            // for a click nobody can give.
            if (!isHeadlessPlatform())
                QMessageBox::critical(nullptr, QGuiApplication::applicationDisplayName(), message);
            return 2;
        }
    }
    return runDesktop(app);
}
