// The command line end to end, its frame: help, usage errors, credentials, customers, the
// sandbox. Export and delete have their own tests (tst_cliexport, tst_clidelete).
#include "clitestsupport.h"

#include "cli/commandline.h"
#include "cli/customerscommand.h"

#include <QtTest>

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSslSocket>

#include <csignal>

class TestCli final : public CliTestCase {
    Q_OBJECT

private Q_SLOTS:
    void helpAndVersion_data();
    void helpAndVersion();
    void windowOrCommandLine_data();
    void windowOrCommandLine();
    void commandLineLoadsNoWindowLibraries();
    void windowStartsFromItsModule();
    void usageErrors_data();
    void usageErrors();
    void missingCredentials_data();
    void missingCredentials();
    void userFromSettings();
    void customersListsEveryCustomer();
    void customerLinesAreSafe();
    void serverErrorExhaustsRetries();
    void wrongCredentialsFail();
    void insecureHttpRefused();
    void sandboxServesUntilTerminated_data();
    void sandboxServesUntilTerminated();
};

void TestCli::helpAndVersion_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QStringList>("expected");
    const QStringList commands = {QStringLiteral("customers"), QStringLiteral("export"),
                                  QStringLiteral("delete"), QStringLiteral("sandbox")};
    const QStringList exportOptions = {QStringLiteral("--customer"),
                                       QStringLiteral("--no-sanitize"), QStringLiteral("--bom"),
                                       QStringLiteral("--api-url")};
    QTest::newRow("--help") << QStringList{QStringLiteral("--help")} << commands;
    QTest::newRow("help") << QStringList{QStringLiteral("help")} << commands;
    QTest::newRow("export --help")
        << QStringList{QStringLiteral("export"), QStringLiteral("--help")} << exportOptions;
    QTest::newRow("help export") << QStringList{QStringLiteral("help"), QStringLiteral("export")}
                                 << exportOptions;
    QTest::newRow("delete -h") << QStringList{QStringLiteral("delete"), QStringLiteral("-h")}
                               << QStringList{QStringLiteral("--yes"), QStringLiteral("EMAIL")};
    QTest::newRow("--version") << QStringList{QStringLiteral("--version")}
                               << QStringList{QStringLiteral("bouncedesk " BOUNCEDESK_VERSION)};
}

void TestCli::helpAndVersion() {
    QFETCH(QStringList, arguments);
    QFETCH(QStringList, expected);
    const CliTest::Run result = run(arguments, environment(false));
    QVERIFY(result.finished);
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.err, QString());
    for (const QString &text : expected)
        QVERIFY2(result.out.contains(text), qPrintable(text + QLatin1String(" in\n") + result.out));
    QVERIFY(m_server.requests().isEmpty());
}

void TestCli::windowOrCommandLine_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<bool>("commandLine");
    auto args = [](std::initializer_list<const char *> list) {
        QStringList result{QStringLiteral("bouncedesk")};
        for (const char *argument : list)
            result << QString::fromUtf8(argument);
        return result;
    };
    QTest::newRow("no arguments") << args({}) << false;
    QTest::newRow("--demo") << args({"--demo"}) << false;
    QTest::newRow("Qt GUI options")
        << args({"-platform", "offscreen", "--demo", "-reverse"}) << false;
    QTest::newRow("customers") << args({"customers"}) << true;
    QTest::newRow("--help") << args({"--help"}) << true;
    QTest::newRow("--version") << args({"--version"}) << true;
    QTest::newRow("--demo with a command") << args({"--demo", "export"}) << true;
    QTest::newRow("unknown word") << args({"bogus"}) << true;
    QTest::newRow("unknown option") << args({"--bogus"}) << true;
}

// No subcommand (or only --demo / Qt's GUI options) opens the window; anything else is the
// command line, so a typo fails with a message instead of silently opening a window.
void TestCli::windowOrCommandLine() {
    QFETCH(QStringList, arguments);
    QFETCH(bool, commandLine);
    QCOMPARE(wantsCommandLine(arguments), commandLine);
}

// The window's libraries come with its module (app/windowmodule.h), so a command, here one that
// talks to the server, never loads them. The dynamic loader names every library it opens.
void TestCli::commandLineLoadsNoWindowLibraries() {
    QProcessEnvironment env = environment();
    env.insert(QStringLiteral("LD_DEBUG"), QStringLiteral("files"));
    const CliTest::Run result = run({QStringLiteral("customers")}, env);
    QVERIFY(result.finished);
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.err.contains(QLatin1String("libQt6Network.so")), "the loader printed nothing");
    for (const char *library : {"libQt6Widgets.so", "libQt6Gui.so", "libQt6Charts.so"})
        QVERIFY2(!result.err.contains(QLatin1String(library)), library);
}

// The window through the executable: its module is found beside it and starts a QApplication.
// A bad BOUNCEDESK_CA_FILE ends the start before any window, with exit code 2 and a message; on
// a platform without a screen no dialog waits for a click.
void TestCli::windowStartsFromItsModule() {
    const QString notACertificate = m_home.filePath(QStringLiteral("not-a-certificate.pem"));
    QFile file(notACertificate);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.write("not a certificate\n") > 0);
    file.close();
    QProcessEnvironment env = environment(false);
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("BOUNCEDESK_CA_FILE"), notACertificate);
    env.insert(QStringLiteral("LD_DEBUG"), QStringLiteral("files"));
    const CliTest::Run result = run({QStringLiteral("--demo")}, env);
    QVERIFY(result.finished);
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(QLatin1String("bouncedesk-window.so")), qPrintable(result.err));
    QVERIFY2(result.err.contains(QLatin1String("libQt6Widgets.so")), qPrintable(result.err));
    QVERIFY2(result.err.contains(QLatin1String("bouncedesk: BOUNCEDESK_CA_FILE: ")),
             qPrintable(result.err.right(2000)));
    QVERIFY(m_server.requests().isEmpty());
}

void TestCli::usageErrors_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expected"); // in stderr
    auto args = [](std::initializer_list<const char *> list) {
        QStringList result;
        for (const char *argument : list)
            result << QString::fromUtf8(argument);
        return result;
    };
    QTest::newRow("unknown option")
        << args({"customers", "--frobnicate"}) << QStringLiteral("frobnicate");
    QTest::newRow("unknown command") << args({"frobnicate"}) << QStringLiteral("unknown command");
    QTest::newRow("no command") << args({"--yes"}) << QStringLiteral("no command");
    QTest::newRow("export without customer") << args({"export"}) << QStringLiteral("--customer");
    QTest::newRow("delete without customer")
        << args({"delete", "--yes", "a@b.c"}) << QStringLiteral("--customer");
    QTest::newRow("delete without email")
        << args({"delete", "--customer", "x", "--yes"}) << QStringLiteral("EMAIL");
    QTest::newRow("stray argument") << args({"customers", "extra"}) << QStringLiteral("extra");
    QTest::newRow("bad format") << args({"customers", "--response-format", "yaml"})
                                << QStringLiteral("json or xml");
    QTest::newRow("bad url") << args({"customers", "--api-url", "not a url"})
                             << QStringLiteral("not a url");
    QTest::newRow("ftp url") << args({"customers", "--api-url", "ftp://127.0.0.1/"})
                             << QStringLiteral("http");
    QTest::newRow("bad timeout") << args({"customers", "--timeout", "soon"})
                                 << QStringLiteral("--timeout");
    QTest::newRow("bad port") << args({"sandbox", "--port", "70000"}) << QStringLiteral("--port");
    QTest::newRow("sandbox certificate without key")
        << args({"sandbox", "--tls-certificate", "c.pem"}) << QStringLiteral("--tls-key");
    QTest::newRow("sandbox certificate missing")
        << args({"sandbox", "--tls-certificate", "/nonexistent/c.pem", "--tls-key", "k.pem"})
        << QStringLiteral("cannot read '/nonexistent/c.pem'");
    QTest::newRow("bad --ca-file") << args({"customers", "--ca-file", "/nonexistent/ca.pem"})
                                   << QStringLiteral("--ca-file: cannot read");
    QTest::newRow("--api-key value")
        << args({"customers", "--api-key", "Sup3r-S3cret-cli-key-8d1f"})
        << QStringLiteral("SENDGRID_API_KEY");
    QTest::newRow("--api-key=value")
        << args({"export", "--customer", "x", "--api-key=Sup3r-S3cret-cli-key-8d1f"})
        << QStringLiteral("SENDGRID_API_KEY");
}

void TestCli::usageErrors() {
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);
    const CliTest::Run result = run(arguments);
    QVERIFY(result.finished);
    QCOMPARE(result.exitCode, 2);
    QCOMPARE(result.out, QString());
    QVERIFY2(result.err.startsWith(QLatin1String("bouncedesk: ")), qPrintable(result.err));
    QVERIFY2(result.err.contains(expected), qPrintable(result.err));
    QVERIFY(result.err.count(QLatin1Char('\n')) <= 3);
    QVERIFY(m_server.requests().isEmpty());
}

void TestCli::missingCredentials_data() {
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no user, no key") << QString() << QStringLiteral("SENDGRID_API_USER");
    // The key is then looked up in the keychain, which is unreachable without a session bus.
    QTest::newRow("user, no key") << CliTest::user() << QStringLiteral("SENDGRID_API_KEY");
}

void TestCli::missingCredentials() {
    QFETCH(QString, user);
    QFETCH(QString, expected);
    QProcessEnvironment env = environment(false);
    if (!user.isEmpty())
        env.insert(QStringLiteral("SENDGRID_API_USER"), user);
    const CliTest::Run result = run({QStringLiteral("customers")}, env);
    QVERIFY(result.finished);
    QCOMPARE(result.exitCode, 2);
    QCOMPARE(result.out, QString());
    QVERIFY2(result.err.startsWith(QLatin1String("bouncedesk: ")), qPrintable(result.err));
    QVERIFY2(result.err.contains(expected), qPrintable(result.err));
    QVERIFY(m_server.requests().isEmpty());
}

// Without SENDGRID_API_USER, the user the window last connected as is used.
void TestCli::userFromSettings() {
    const QString configDir = m_home.filePath(QStringLiteral("config/BounceDesk"));
    QVERIFY(QDir().mkpath(configDir));
    QFile settings(configDir + QStringLiteral("/BounceDesk.conf"));
    QVERIFY(settings.open(QIODevice::WriteOnly));
    settings.write("[connection]\napiUser=" + CliTest::user().toUtf8() + "\n");
    settings.close();

    QProcessEnvironment env = environment(false);
    env.insert(QStringLiteral("SENDGRID_API_KEY"), CliTest::key());
    const CliTest::Run result = run({QStringLiteral("customers")}, env);
    QVERIFY(settings.remove());
    QVERIFY(result.finished);
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.out.count(QLatin1Char('\n')), m_server.data().customers().size());
}

void TestCli::customersListsEveryCustomer() {
    const CliTest::Run result = run({QStringLiteral("customers")});
    QVERIFY(result.finished);
    QCOMPARE(result.exitCode, 0);
    const QList<Customer> customers = m_server.data().customers();
    QVERIFY(!customers.isEmpty());
    const QStringList lines = result.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), customers.size());
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QStringList columns = lines.at(i).split(QLatin1Char('\t'));
        QCOMPARE(columns.size(), 4);
        QCOMPARE(columns.at(0), customers.at(i).username);
        QCOMPARE(columns.at(1), customers.at(i).email);
        QCOMPARE(columns.at(3),
                 customers.at(i).active ? QStringLiteral("yes") : QStringLiteral("no"));
    }
}

// Names come from strangers: a tab, a line break or an escape sequence in them must neither
// add a column or a line nor reach the terminal.
void TestCli::customerLinesAreSafe() {
    Customer hostile;
    hostile.username = QStringLiteral("evil");
    hostile.email = QStringLiteral("evil@example.com");
    hostile.firstName = QStringLiteral("Tab\there");
    hostile.lastName = QStringLiteral("New\nline \x1b[31mred\u202e");
    hostile.active = false;
    Customer plain;
    plain.username = QStringLiteral("a-much-longer-username");
    plain.email = QStringLiteral("x@example.com");

    const QStringList tsv = CustomersCommand::tabSeparatedLines({hostile, plain});
    QCOMPARE(tsv.size(), 2);
    QCOMPARE(tsv.at(0).split(QLatin1Char('\t')),
             (QStringList{QStringLiteral("evil"), QStringLiteral("evil@example.com"),
                          QStringLiteral("Tab here New line  [31mred "), QStringLiteral("no")}));
    QCOMPARE(tsv.at(1), QStringLiteral("a-much-longer-username\tx@example.com\t\tyes"));

    const QStringList table = CustomersCommand::tableLines({hostile, plain});
    QCOMPARE(table.size(), 3);
    QVERIFY(table.at(0).startsWith(QLatin1String("USERNAME")));
    const qsizetype emailColumn = table.at(0).indexOf(QLatin1String("EMAIL"));
    QCOMPARE(emailColumn, QStringLiteral("a-much-longer-username  ").size());
    QCOMPARE(table.at(1).indexOf(QLatin1String("evil@example.com")), emailColumn);
    QCOMPARE(table.at(2).indexOf(QLatin1String("x@example.com")), emailColumn);
    for (const QString &line : table) {
        for (const QChar c : line)
            QVERIFY2(c.category() != QChar::Other_Control && c.unicode() != 0x202e,
                     qPrintable(line));
    }
}

void TestCli::serverErrorExhaustsRetries() {
    SandboxFault fault;
    fault.type = SandboxFault::Type::Http500;
    fault.call = QStringLiteral("profile.get");
    fault.times = -1;
    m_server.addFault(fault);
    const CliTest::Run result = run({QStringLiteral("customers")});
    QVERIFY(result.finished);
    QCOMPARE(result.exitCode, 1);
    QCOMPARE(result.out, QString());
    QVERIFY2(result.err.startsWith(QLatin1String("bouncedesk: ")), qPrintable(result.err));
    QVERIFY2(result.err.contains(QLatin1String("500")), qPrintable(result.err));
    QVERIFY(m_server.requests().size() > 1); // it did retry
}

void TestCli::wrongCredentialsFail() {
    QProcessEnvironment env = environment();
    env.insert(QStringLiteral("SENDGRID_API_KEY"), CliTest::wrongKey());
    const CliTest::Run result = run({QStringLiteral("customers")}, env);
    QVERIFY(result.finished);
    QCOMPARE(result.exitCode, 1);
    QCOMPARE(result.out, QString());
    QVERIFY2(result.err.startsWith(QLatin1String("bouncedesk: ")), qPrintable(result.err));
    QVERIFY2(result.err.contains(QLatin1String("credentials"), Qt::CaseInsensitive),
             qPrintable(result.err));
}

// The key would travel in clear: refused before anything is sent, with the way out named.
void TestCli::insecureHttpRefused() {
    const CliTest::Run result = run({QStringLiteral("customers"), QStringLiteral("--api-url"),
                                     QStringLiteral("http://bounces.example.com/apiv2/")});
    QVERIFY(result.finished);
    QCOMPARE(result.exitCode, 2);
    QCOMPARE(result.out, QString());
    QVERIFY2(result.err.startsWith(QLatin1String("bouncedesk: ")), qPrintable(result.err));
    QVERIFY2(result.err.contains(QLatin1String("--allow-insecure-http")), qPrintable(result.err));
}

void TestCli::sandboxServesUntilTerminated_data() {
    QTest::addColumn<int>("signalNumber");
    QTest::addColumn<bool>("tls"); // --tls-certificate and --tls-key: https
    QTest::newRow("SIGTERM") << int(SIGTERM) << false;
    QTest::newRow("SIGINT") << int(SIGINT) << false;
    QTest::newRow("TLS, SIGTERM") << int(SIGTERM) << true;
}

// `bouncedesk sandbox` in one process, `bouncedesk customers` against it in another.
void TestCli::sandboxServesUntilTerminated() {
    QFETCH(int, signalNumber);
    QFETCH(bool, tls);
    if (tls && !QSslSocket::supportsSsl())
        QSKIP("No TLS backend (OpenSSL) could be loaded here.");
    const QString certificate = QFINDTESTDATA("data/selfsigned-localhost.crt");
    QProcess sandbox;
    sandbox.setProcessEnvironment(environment(false));
    QSignalSpy finished(&sandbox, &QProcess::finished);
    QStringList arguments{QStringLiteral("sandbox"), QStringLiteral("--port"), QStringLiteral("0")};
    if (tls)
        arguments << QStringLiteral("--tls-certificate") << certificate
                  << QStringLiteral("--tls-key") << QFINDTESTDATA("data/selfsigned-localhost.key");
    sandbox.start(QStringLiteral(BOUNCEDESK_EXECUTABLE), arguments);
    // The banner: URL, then the three variables a shell can take over (v2), then v3, then over
    // TLS the certificate to trust.
    QByteArray printed;
    QTRY_VERIFY_WITH_TIMEOUT((printed += sandbox.readAllStandardOutput()).count('\n') >=
                                     (tls ? 7 : 6) ||
                                 finished.count() > 0,
                             10'000);
    const QStringList lines = QString::fromUtf8(printed).split(QLatin1Char('\n'));
    const QString prefix = QStringLiteral("BounceDesk sandbox listening at ");
    QVERIFY2(lines.at(0).startsWith(prefix), printed.constData());
    const QUrl url(lines.at(0).mid(prefix.size()));
    QCOMPARE(url.host(), QStringLiteral("127.0.0.1"));
    QCOMPARE(url.scheme(), tls ? QStringLiteral("https") : QStringLiteral("http"));
    QVERIFY(url.port() > 0);
    QCOMPARE(lines.mid(1, 3),
             (QStringList{QStringLiteral("SENDGRID_API_USER=") + SandboxServer::demoUser(),
                          QStringLiteral("SENDGRID_API_KEY=") + SandboxServer::demoKey(),
                          QStringLiteral("BOUNCEDESK_API_URL=") + url.toString()}));
    // Then v3 on the same port: its base URL (before "v3/") and the same key.
    QUrl v3 = url;
    v3.setPath(QStringLiteral("/"));
    QVERIFY2(lines.at(4).startsWith(QStringLiteral("v3 API at ") + v3.toString() +
                                    QStringLiteral("v3/ ")),
             printed.constData());
    QCOMPARE(lines.at(5), QStringLiteral("BOUNCEDESK_API=v3 BOUNCEDESK_API_URL=") + v3.toString() +
                              QStringLiteral(" SENDGRID_API_KEY=") + SandboxServer::demoKey());
    if (tls)
        QCOMPARE(lines.at(6),
                 QStringLiteral("BOUNCEDESK_CA_FILE=") + QFileInfo(certificate).absoluteFilePath());
    else
        QCOMPARE(lines.at(6), QString()); // the end

    QProcessEnvironment env = environment(false);
    if (tls)
        env.insert(QStringLiteral("BOUNCEDESK_CA_FILE"), certificate);
    env.insert(QStringLiteral("SENDGRID_API_USER"), SandboxServer::demoUser());
    env.insert(QStringLiteral("SENDGRID_API_KEY"), SandboxServer::demoKey());
    env.insert(QStringLiteral("BOUNCEDESK_API_URL"), url.toString());
    const CliTest::Run customers = run({QStringLiteral("customers")}, env);
    QVERIFY(customers.finished);
    QCOMPARE(customers.exitCode, 0);
    QCOMPARE(customers.out.count(QLatin1Char('\n')), SandboxData().customers().size());

    QCOMPARE(finished.count(), 0); // still serving
    ::kill(pid_t(sandbox.processId()), signalNumber);
    QVERIFY(finished.count() > 0 || finished.wait(10'000));
    QCOMPARE(sandbox.exitStatus(), QProcess::NormalExit);
    QCOMPARE(sandbox.exitCode(), 0);
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
