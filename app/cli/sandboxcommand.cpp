#include "sandboxcommand.h"

#include "apicommand.h"
#include "console.h"
#include "signalwatcher.h"

#include "sandbox/sandboxserver.h"

#include <QCoreApplication>

int runSandbox(quint16 port) {
    SandboxServer server;
    if (!server.listen(port)) {
        Console::printError(QStringLiteral("the sandbox cannot listen on 127.0.0.1 port %1: %2")
                                .arg(port)
                                .arg(server.errorString()));
        return ExitFailure;
    }
    TerminationSignalWatcher watcher;
    QObject::connect(&watcher, &TerminationSignalWatcher::terminationRequested, &server,
                     [] { QCoreApplication::exit(ExitSuccess); });

    const QString url = server.baseUrl().toString();
    Console::printLine(QStringLiteral("BounceDesk sandbox listening at %1").arg(url));
    Console::printLine(QStringLiteral("SENDGRID_API_USER=%1").arg(SandboxServer::demoUser()));
    Console::printLine(QStringLiteral("SENDGRID_API_KEY=%1").arg(SandboxServer::demoKey()));
    Console::printLine(QStringLiteral("BOUNCEDESK_API_URL=%1").arg(url));
    Console::flushOutput();
    Console::printNote(QStringLiteral("Serving demo data until interrupted (Ctrl+C)."));

    const int exitCode = QCoreApplication::exec();
    Console::printNote(QStringLiteral("Sandbox stopped."));
    return exitCode;
}
