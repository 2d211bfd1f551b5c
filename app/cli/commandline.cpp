#include "commandline.h"

#include "apicommand.h"
#include "clearcommand.h"
#include "clioptions.h"
#include "console.h"
#include "credentials.h"
#include "customerscommand.h"
#include "deletecommand.h"
#include "exportcommand.h"
#include "findcommand.h"
#include "historycommand.h"
#include "sandboxcommand.h"
#include "signalwatcher.h"

#include "api/apienvironment.h"
#include "api/suppressionclient.h"
#include "api/suppressionclientfactory.h"
#include "api/trustedcertificates.h"
#include "keychain/keychainsecretstore.h"

#include <QCoreApplication>
#include <QTimer>

#include <cstdlib>
#include <memory>

namespace {

Tenant tenantOf(const CliInvocation &invocation) {
    if (invocation.parent)
        return Tenant::parent(invocation.connection.eu);
    if (invocation.accounts)
        return Tenant::account(invocation.customer);
    return Tenant::subuser(invocation.customer, invocation.connection.eu);
}

AddressSearchScope searchScopeOf(const CliInvocation &invocation) {
    AddressSearchScope scope;
    scope.parent = invocation.parent;
    scope.allCustomers = invocation.allCustomers;
    scope.customers = invocation.customers;
    scope.accounts = invocation.accounts;
    scope.eu = invocation.connection.eu;
    scope.lists = invocation.lists;
    return scope;
}

std::unique_ptr<ApiCommand> makeCommand(const CliInvocation &invocation) {
    switch (invocation.command) {
    case CliCommand::Customers:
        return std::make_unique<CustomersCommand>();
    case CliCommand::Export:
        return std::make_unique<ExportCommand>(tenantOf(invocation), invocation.list,
                                               invocation.outputPath, invocation.csv);
    case CliCommand::Delete: {
        DeleteOptions options;
        options.groupId = invocation.groupId;
        // listSizeHint stays unknown: the addresses come from the command line and the list
        // is not read first, so a v3 bulk delete is confirmed by reading back per address.
        return std::make_unique<DeleteCommand>(tenantOf(invocation), invocation.list,
                                               invocation.emails, options, invocation.assumeYes);
    }
    case CliCommand::Find:
        return std::make_unique<FindCommand>(invocation.query, searchScopeOf(invocation));
    case CliCommand::Clear:
        return std::make_unique<ClearCommand>(invocation.query, searchScopeOf(invocation),
                                              invocation.assumeYes);
    case CliCommand::History:
    case CliCommand::Sandbox:
        break;
    }
    return nullptr;
}

ApiSettings settingsFor(const ConnectionOptions &connection, const CliCredentials &credentials) {
    ApiSettings settings;
    settings.api = connection.api;
    settings.baseUrl = connection.baseUrl;
    settings.format = connection.format;
    settings.allowInsecureHttp = connection.allowInsecureHttp;
    if (connection.transferTimeoutMs > 0)
        settings.transferTimeoutMs = connection.transferTimeoutMs;
    settings.apiUser = credentials.user;
    settings.apiKey = credentials.key;
    return settings;
}

// Refused before anything is sent. Plain http to a remote host also names the option that
// gives consent, which the settings' own sentence cannot know.
QString settingsProblem(const ApiSettings &settings) {
    const QString problem = settings.validationError();
    if (problem.isEmpty())
        return {};
    const QUrl &url = settings.baseUrl;
    if (url.scheme().compare(QLatin1String("http"), Qt::CaseInsensitive) == 0 &&
        !settings.allowInsecureHttp && !isLoopbackHost(url.host()))
        return problem + QStringLiteral("\nadd --allow-insecure-http to allow it anyway.");
    return problem;
}

// Finds the credentials, checks the settings, then runs the command in the event loop.
int runApiCommand(const CliInvocation &invocation) {
    const bool deletes =
        invocation.command == CliCommand::Delete || invocation.command == CliCommand::Clear;
    if (deletes && !invocation.assumeYes && !Console::stdinIsTerminal()) {
        Console::printUsageError(QStringLiteral(
            "refusing to delete without --yes when not on a terminal (nobody can confirm)."));
        return ExitUsage;
    }

    KeychainSecretStore keychain;
    const bool v3 = invocation.connection.api == ApiVersion::V3;
    // The client is made once the credentials are known; this object outlives the event loop.
    QObject scope;
    SuppressionClient *client = nullptr;
    std::unique_ptr<ApiCommand> command = makeCommand(invocation);
    // Installed once the command runs (a delete's question, read blocking before, stays
    // interruptible): Ctrl+C or SIGTERM then end the event loop instead of the process, so the
    // command is destroyed on the way out and an export's unfinished temporary file is removed.
    std::unique_ptr<TerminationSignalWatcher> interrupts;
    bool interrupted = false;
    // Queued: exit() must come from inside exec(), never before it starts.
    QObject::connect(
        command.get(), &ApiCommand::finished, &scope,
        [](int exitCode) { QCoreApplication::exit(exitCode); }, Qt::QueuedConnection);
    const auto lookUp = v3 ? lookUpV3Credentials : lookUpCredentials;

    QTimer::singleShot(0, &scope, [&] {
        lookUp(keychain, invocation.connection.baseUrl, [&](const CredentialsLookup &lookup) {
            if (!lookup.error.isEmpty()) {
                Console::printError(lookup.error);
                QCoreApplication::exit(lookup.exitCode);
                return;
            }
            const ApiSettings settings = settingsFor(invocation.connection, lookup.credentials);
            if (const QString problem = settingsProblem(settings); !problem.isEmpty()) {
                Console::printUsageError(problem);
                QCoreApplication::exit(ExitUsage);
                return;
            }
            client = makeSuppressionClient(
                settings, invocation.accounts ? TenantSource::Accounts : TenantSource::Subusers,
                &scope);
            // A wait of up to 30 s (or a spent rate limit) would otherwise look like a hang.
            QObject::connect(
                client, &SuppressionClient::serverAskedToWait,
                [](int delayMs, int attempt, int attempts) {
                    const int seconds = (delayMs + 999) / 1000;
                    Console::printError(
                        attempt > 0
                            ? QStringLiteral("the server asked to wait: trying again in %1 s "
                                             "(attempt %2 of %3).")
                                  .arg(seconds)
                                  .arg(attempt)
                                  .arg(attempts)
                            : QStringLiteral("the server's rate limit is spent: waiting %1 s "
                                             "for it to reset.")
                                  .arg(seconds));
                });
            command->start(client);
            interrupts = std::make_unique<TerminationSignalWatcher>();
            QObject::connect(
                interrupts.get(), &TerminationSignalWatcher::terminationRequested, &scope,
                [which = invocation.command, &interrupted](int signalNumber) {
                    interrupted = true;
                    Console::printError(
                        which == CliCommand::Delete || which == CliCommand::Clear
                            ? QStringLiteral("interrupted. Addresses without a line above "
                                             "may or may not have been deleted; deleting "
                                             "them again is safe.")
                            : QStringLiteral("interrupted."));
                    QCoreApplication::exit(128 + signalNumber);
                });
        });
    });
    const int exitCode = QCoreApplication::exec();
    if (interrupted) {
        // The command goes first: an export's unfinished temporary file is removed. Then the
        // process ends at once instead of waiting, in the client's destructor, for a parser
        // thread that may be busy with a large body for a minute.
        command.reset();
        Console::flushOutput();
        std::_Exit(exitCode);
    }
    Console::flushOutput();
    return exitCode; // the command goes first, then (with `scope`) the client and its jobs
}

} // namespace

bool wantsCommandLine(const QStringList &arguments) {
    return argumentsWantCommandLine(arguments);
}

bool commandLineNeedsGlibEventLoop() {
    // The same test as the credentials' look-up (lookUpCredentials(), lookUpV3Credentials()).
    return ApiEnvironment::read().key.isEmpty();
}

int runCommandLine(const QStringList &arguments) {
    const CliParseResult parsed = parseCommandLine(arguments);
    switch (parsed.kind) {
    case CliParseResult::Kind::ShowText:
        Console::printText(parsed.text);
        Console::flushOutput();
        return ExitSuccess;
    case CliParseResult::Kind::UsageError:
        Console::printUsageError(parsed.text);
        return ExitUsage;
    case CliParseResult::Kind::Run:
        break;
    }
    if (parsed.invocation.command == CliCommand::Sandbox)
        return runSandbox(parsed.invocation.port, parsed.invocation.tlsCertificatePath,
                          parsed.invocation.tlsKeyPath);
    if (parsed.invocation.command == CliCommand::History)
        return runHistory(parsed.invocation.history, parsed.invocation.csv.neutraliseFormulas);
    // Before any connection: each starts from the default TLS configuration.
    const ConnectionOptions &connection = parsed.invocation.connection;
    if (QString error; !connection.caFile.isEmpty() &&
                       !TrustedCertificates::trustFile(connection.caFile, &error)) {
        Console::printUsageError(QStringLiteral("%1: %2 Nothing was sent.")
                                     .arg(connection.caFileSource, Console::plainLine(error)));
        return ExitUsage;
    }
    return runApiCommand(parsed.invocation);
}
