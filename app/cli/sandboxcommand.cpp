#include "sandboxcommand.h"

#include "apicommand.h"
#include "console.h"
#include "signalwatcher.h"

#include "core/readfilestart.h"
#include "sandbox/sandboxserver.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace {

// False with *error naming the file (never its contents: one of them is a private key).
bool readPem(const QString &option, const QString &path, QByteArray *bytes, QString *error) {
    QString why;
    const std::optional<QByteArray> read = readFileStart(path, 16 * 1024 * 1024, &why);
    if (!read) {
        *error = QStringLiteral("%1: cannot read '%2': %3.").arg(option, path, why);
        return false;
    }
    *bytes = *read;
    return true;
}

} // namespace

int runSandbox(quint16 port, const QString &tlsCertificatePath, const QString &tlsKeyPath) {
    SandboxServer server;
    if (!tlsCertificatePath.isEmpty()) {
        QByteArray certificate;
        QByteArray key;
        QString error;
        if (!readPem(QStringLiteral("--tls-certificate"), tlsCertificatePath, &certificate,
                     &error) ||
            !readPem(QStringLiteral("--tls-key"), tlsKeyPath, &key, &error) ||
            !server.setTlsCertificate(certificate, key, &error)) {
            Console::printUsageError(Console::plainLine(error));
            return ExitUsage;
        }
    }
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
    // v3 on the same port: the same key as a Bearer token, the base URL before "v3/".
    const QString v3Url = server.v3BaseUrl().toString();
    Console::printLine(QStringLiteral("v3 API at %1v3/ (Authorization: Bearer %2; a subuser by "
                                      "its username in on-behalf-of), for the command line:")
                           .arg(v3Url, SandboxServer::demoKey()));
    Console::printLine(QStringLiteral("BOUNCEDESK_API=v3 BOUNCEDESK_API_URL=%1 SENDGRID_API_KEY=%2")
                           .arg(v3Url, SandboxServer::demoKey()));
    // Over TLS the clients must trust the certificate, for v2 and v3 alike.
    if (server.usesTls())
        Console::printLine(QStringLiteral("BOUNCEDESK_CA_FILE=%1")
                               .arg(QFileInfo(tlsCertificatePath).absoluteFilePath()));
    Console::flushOutput();
    Console::printNote(
        (server.usesTls() ? QStringLiteral("v2 (legacy): the three variables above; v3: the line "
                                           "after them; either with BOUNCEDESK_CA_FILE (https). ")
                          : QStringLiteral("v2 (legacy): the three variables above; v3: the last "
                                           "line. ")) +
        QStringLiteral("Both regions are served on this port. Demo subusers: acme, globex, "
                       "initech (20,000 bounces), cafe-rene (EU), tyrell (disabled) and more; "
                       "jordan.lee@example.com is on several lists of several of them."));
    Console::printNote(QStringLiteral("Serving demo data until interrupted (Ctrl+C)."));

    const int exitCode = QCoreApplication::exec();
    Console::printNote(QStringLiteral("Sandbox stopped."));
    return exitCode;
}
