// The security promises of the command line, against the real executable: the key is never an
// argument (so never in the process list) nor in a URL nor in anything printed, even when the
// process is interrupted or crashes; plain http to a host that is not this machine is refused;
// an export file is created with the user's umask and replaces an earlier one only when whole.
// On v3 the key travels only in the Authorization header (never in a URL, log line, error or
// file), a redirect is never followed and a TLS error never ignored, as on v2. A certificate
// authority given with --ca-file or BOUNCEDESK_CA_FILE is trusted besides the system's: the
// emulator over TLS is then reached, and without it refused; a file that is no certificate is a
// usage error before anything is sent.
// (CliTestCase::cleanup fails any test whose output held the key.)
#include "clitestsupport.h"
#include "scriptedhttpserver.h"

#include <QtTest>

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QProcess>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>

#include <csignal>
#include <sys/resource.h>
#include <sys/stat.h>

namespace {

QList<Bounce> rowsOn(const QString &domain, int count) {
    QList<Bounce> rows;
    for (int i = 0; i < count; ++i)
        rows.append(Bounce{QStringLiteral("user%1@%2").arg(i).arg(domain), QStringLiteral("5.1.1"),
                           QStringLiteral("=1+%1").arg(i), QStringLiteral("2024-01-01 00:00:00")});
    return rows;
}

QByteArray readFile(const QString &path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestSecurityCli final : public CliTestCase {
    Q_OBJECT

private Q_SLOTS:
    void keyIsNeverAnArgument_data();
    void keyIsNeverAnArgument();
    void keyIsNotInTheProcessCommandLine();
    void keyNeverTravelsInTheUrl();
    void plainHttpToARemoteHostIsRefused_data();
    void plainHttpToARemoteHostIsRefused();
    void fatalPathsPrintNoKey_data();
    void fatalPathsPrintNoKey();
    void exportFileFollowsTheUmask_data();
    void exportFileFollowsTheUmask();
    void exportReplacesTheFileOnlyWhenComplete();
    void v3KeyOnlyInTheAuthorizationHeader();
    void v3RedirectIsNeverFollowed_data();
    void v3RedirectIsNeverFollowed();
    void tlsErrorsAreNeverIgnored_data();
    void tlsErrorsAreNeverIgnored();
    void caFileTrustsTheTlsEmulator_data();
    void caFileTrustsTheTlsEmulator();
    void tlsEmulatorRefusedWithoutCaFile_data();
    void tlsEmulatorRefusedWithoutCaFile();
    void unusableCaFileIsAUsageError_data();
    void unusableCaFileIsAUsageError();

private:
    QProcessEnvironment v3Environment() const {
        QProcessEnvironment env = environment(false);
        env.insert(QStringLiteral("BOUNCEDESK_API_URL"), m_server.v3BaseUrl().toString());
        env.insert(QStringLiteral("SENDGRID_API_KEY"), CliTest::key());
        return env;
    }
    bool startWaitingExport(QProcess &process);
    // The emulator over TLS with the test certificate, the test's credentials and a subuser
    // "cli-tls" with `rows` bounces; false when no TLS backend can be loaded.
    bool startTlsEmulator(SandboxServer &server, int rows);
};

void TestSecurityCli::keyIsNeverAnArgument_data() {
    QTest::addColumn<QStringList>("arguments");
    const QString key = CliTest::key();
    QTest::newRow("--api-key KEY")
        << QStringList{QStringLiteral("customers"), QStringLiteral("--api-key"), key};
    QTest::newRow("--api-key=KEY")
        << QStringList{QStringLiteral("--api-key=") + key, QStringLiteral("customers")};
    QTest::newRow("--apikey=KEY") << QStringList{QStringLiteral("export"),
                                                 QStringLiteral("--customer"), QStringLiteral("x"),
                                                 QStringLiteral("--apikey=") + key};
    QTest::newRow("-api_key KEY") << QStringList{
        QStringLiteral("delete"),     QStringLiteral("-api_key"), key,
        QStringLiteral("--customer"), QStringLiteral("x"),        QStringLiteral("--yes"),
        QStringLiteral("a@b.test")};
    QTest::newRow("--API-KEY=KEY")
        << QStringList{QStringLiteral("customers"), QStringLiteral("--API-KEY=") + key};
}

void TestSecurityCli::keyIsNeverAnArgument() {
    QFETCH(QStringList, arguments);
    const CliTest::Run result = run(arguments);
    QVERIFY(result.finished);
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(QLatin1String("never taken from the command line")),
             qPrintable(result.err));
    QVERIFY2(result.err.contains(QLatin1String("SENDGRID_API_KEY")), qPrintable(result.err));
    QCOMPARE(m_server.requests().size(), 0); // refused before anything was sent
}

// Starts an export whose list the emulator holds until the test releases it (or for ever):
// true once the request is at the server and the process waits for its answer.
bool TestSecurityCli::startWaitingExport(QProcess &process) {
    const int heldBefore = m_server.answersHeld(); // the server serves every test
    SandboxFault hold;
    hold.type = SandboxFault::Type::Hold;
    hold.call = QStringLiteral("bounces.get");
    m_server.addFault(hold);
    m_server.data().setBounces(QStringLiteral("cli-wait"), rowsOn(QStringLiteral("wait.test"), 3));
    process.setProcessEnvironment(environment());
    process.setChildProcessModifier([] {
        const rlimit noCore{0, 0}; // a crash below must not leave a core file behind
        ::setrlimit(RLIMIT_CORE, &noCore);
    });
    process.start(QStringLiteral(BOUNCEDESK_EXECUTABLE),
                  {QStringLiteral("export"), QStringLiteral("--customer"),
                   QStringLiteral("cli-wait"), QStringLiteral("--timeout"), QStringLiteral("20")});
    return QTest::qWaitFor([this, heldBefore] { return m_server.answersHeld() > heldBefore; },
                           10'000);
}

void TestSecurityCli::keyIsNotInTheProcessCommandLine() {
    QProcess process;
    QSignalSpy finished(&process, &QProcess::finished);
    QVERIFY(startWaitingExport(process));
    const QString proc = QStringLiteral("/proc/%1/").arg(process.processId());
    const QByteArray commandLine = readFile(proc + QStringLiteral("cmdline"));
    QVERIFY2(commandLine.contains("export"), commandLine.constData()); // the right process
    QVERIFY(!commandLine.contains(CliTest::key().toUtf8()));
    // The key comes from the environment, which only the same user (and root) can read.
    struct stat info = {};
    QCOMPARE(::stat(qPrintable(proc + QStringLiteral("environ")), &info), 0);
    QCOMPARE(info.st_mode & 0077, mode_t(0));
    m_server.releaseHeldAnswers();
    QVERIFY(finished.count() > 0 || finished.wait(20'000));
    recordOutput(QString::fromUtf8(process.readAllStandardOutput()),
                 QString::fromUtf8(process.readAllStandardError()));
    QCOMPARE(process.exitCode(), 0);
}

void TestSecurityCli::keyNeverTravelsInTheUrl() {
    const QString customer = QStringLiteral("cli-url");
    m_server.data().setBounces(customer, rowsOn(QStringLiteral("url.test"), 3));
    QCOMPARE(run({QStringLiteral("customers")}).exitCode, 0);
    QCOMPARE(run({QStringLiteral("export"), QStringLiteral("--customer"), customer}).exitCode, 0);
    QCOMPARE(run({QStringLiteral("delete"), QStringLiteral("--customer"), customer,
                  QStringLiteral("--yes"), QStringLiteral("user0@url.test")})
                 .exitCode,
             0);
    const QList<SandboxRequest> requests = m_server.requests();
    QCOMPARE(requests.size(), 4); // the customer list ends with an empty page
    for (const SandboxRequest &request : requests) {
        QCOMPARE(request.path, QStringLiteral("/apiv2/reseller.manage.json"));
        QVERIFY(!request.keyInQuery);
        QVERIFY(request.authenticated);
    }
}

void TestSecurityCli::plainHttpToARemoteHostIsRefused_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("environmentUrl"); // BOUNCEDESK_API_URL; empty: the test server
    QTest::addColumn<bool>("refused");
    QTest::newRow("--api-url http://remote")
        << QStringList{QStringLiteral("customers"), QStringLiteral("--api-url"),
                       QStringLiteral("http://192.0.2.10/apiv2/")}
        << QString() << true;
    QTest::newRow("BOUNCEDESK_API_URL=http://remote")
        << QStringList{QStringLiteral("customers")}
        << QStringLiteral("http://api.sendgrid.com/apiv2/") << true;
    QTest::newRow("a name that only starts like loopback")
        << QStringList{QStringLiteral("customers"), QStringLiteral("--api-url"),
                       QStringLiteral("http://127.0.0.1.example.com/apiv2/")}
        << QString() << true;
    QTest::newRow("http to this machine")
        << QStringList{QStringLiteral("customers")} << QString() << false;
}

void TestSecurityCli::plainHttpToARemoteHostIsRefused() {
    QFETCH(QStringList, arguments);
    QFETCH(QString, environmentUrl);
    QFETCH(bool, refused);
    QProcessEnvironment env = environment();
    if (!environmentUrl.isEmpty())
        env.insert(QStringLiteral("BOUNCEDESK_API_URL"), environmentUrl);
    const CliTest::Run result = run(arguments, env);
    QVERIFY(result.finished);
    if (!refused) {
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QVERIFY(!m_server.requests().isEmpty());
        return;
    }
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(QLatin1String("in clear")), qPrintable(result.err));
    QVERIFY2(result.err.contains(QLatin1String("--allow-insecure-http")), qPrintable(result.err));
}

void TestSecurityCli::fatalPathsPrintNoKey_data() {
    QTest::addColumn<int>("signalNumber");
    QTest::newRow("SIGINT") << int(SIGINT);
    QTest::newRow("SIGTERM") << int(SIGTERM);
    QTest::newRow("SIGSEGV (a crash)") << int(SIGSEGV);
    QTest::newRow("SIGABRT (an assertion)") << int(SIGABRT);
}

// There is no crash reporter and no message handler of our own: an interrupted or crashing
// process prints nothing that could hold the key (cleanup() checks all output).
void TestSecurityCli::fatalPathsPrintNoKey() {
    QFETCH(int, signalNumber);
    QProcess process;
    QSignalSpy finished(&process, &QProcess::finished);
    QVERIFY(startWaitingExport(process)); // never released: the process waits until killed
    ::kill(pid_t(process.processId()), signalNumber);
    QVERIFY(finished.count() > 0 || finished.wait(10'000));
    const QString out = QString::fromUtf8(process.readAllStandardOutput());
    const QString err = QString::fromUtf8(process.readAllStandardError());
    recordOutput(out, err);
    QVERIFY(process.exitStatus() == QProcess::CrashExit || process.exitCode() != 0);
    QCOMPARE(out, QString()); // nothing half-done on stdout either
}

void TestSecurityCli::exportFileFollowsTheUmask_data() {
    QTest::addColumn<int>("mask");
    QTest::newRow("umask 022") << 0022;
    QTest::newRow("umask 027") << 0027;
    QTest::newRow("umask 077") << 0077;
}

void TestSecurityCli::exportFileFollowsTheUmask() {
    QFETCH(int, mask);
    const QString customer = QStringLiteral("cli-umask");
    m_server.data().setBounces(customer, rowsOn(QStringLiteral("umask.test"), 3));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bounces.csv"));
    QProcess process;
    process.setProcessEnvironment(environment());
    process.setChildProcessModifier([mask] { ::umask(mode_t(mask)); });
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(QStringLiteral(BOUNCEDESK_EXECUTABLE),
                  {QStringLiteral("export"), QStringLiteral("--customer"), customer,
                   QStringLiteral("-o"), path});
    QVERIFY(finished.wait(20'000));
    recordOutput(QString::fromUtf8(process.readAllStandardOutput()),
                 QString::fromUtf8(process.readAllStandardError()));
    QCOMPARE(process.exitCode(), 0);
    struct stat info = {};
    QCOMPARE(::stat(qPrintable(path), &info), 0);
    QCOMPARE(info.st_mode & 0777, mode_t(0666 & ~mask));
}

// While the list arrives, the earlier file is what anyone opening it sees; the new one takes
// its place in one rename, whole. The emulator holds the rest of the list after its first part
// until the test has looked, so the look always falls in the middle of the export.
void TestSecurityCli::exportReplacesTheFileOnlyWhenComplete() {
    const QString customer = QStringLiteral("cli-atomic");
    const QList<Bounce> rows = rowsOn(QStringLiteral("atomic.test"), 3000);
    m_server.data().setBounces(customer, rows);
    const int heldBefore = m_server.answersHeld(); // the server serves every test
    SandboxFault hold;
    hold.type = SandboxFault::Type::Hold;
    hold.call = QStringLiteral("bounces.get");
    hold.afterBytes = 64 * 1024; // of a body of some 300 KB
    m_server.addFault(hold);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bounces.csv"));
    const QByteArray earlier = "email,status,reason,created,type,class\r\nold@example.com,5.1.1,"
                               "old,,hard,Invalid Address\r\n";
    {
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write(earlier);
    }
    QProcess process;
    process.setProcessEnvironment(environment());
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(QStringLiteral(BOUNCEDESK_EXECUTABLE),
                  {QStringLiteral("export"), QStringLiteral("--customer"), customer,
                   QStringLiteral("-o"), path});
    // Under way: the file to write was opened before the request was sent, the first part of
    // the list has gone out and the rest is held. (QSaveFile's temporary file has no name on
    // Linux, so the directory shows nothing of it.)
    QTRY_VERIFY_WITH_TIMEOUT(m_server.answersHeld() > heldBefore, 20'000);
    QVERIFY(finished.isEmpty());
    QCOMPARE(readFile(path), earlier);

    m_server.releaseHeldAnswers();
    const QList<QStringList> complete = CliTest::csvRecordsOf(rows, true);
    while (finished.isEmpty()) {
        // The earlier file, or the complete new one: never a half-written list.
        const QByteArray now = readFile(path);
        if (now != earlier)
            QCOMPARE(CliTest::parseCsv(now), complete);
        finished.wait(30);
    }
    recordOutput(QString::fromUtf8(process.readAllStandardOutput()),
                 QString::fromUtf8(process.readAllStandardError()));
    QCOMPARE(process.exitCode(), 0);
    QCOMPARE(CliTest::parseCsv(readFile(path)), complete);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
             QStringList{QStringLiteral("bounces.csv")});
}

// Every command of the v3 command line, with Qt's debug output switched on: every request
// carried the key as the Bearer token and nowhere else; nothing printed and no file written
// under the home (settings, the deletion record) holds it.
void TestSecurityCli::v3KeyOnlyInTheAuthorizationHeader() {
    const SandboxTenant tenant = SandboxTenant::subuser(QStringLiteral("cli-v3-key"));
    QList<SandboxSuppression> rows;
    for (int i = 0; i < 4; ++i) {
        SandboxSuppression row;
        row.email = QStringLiteral("k%1@key.test").arg(i);
        row.created = 1'700'000'000;
        row.status = QStringLiteral("5.1.1");
        rows << row;
    }
    m_server.data().setSuppressions(tenant, SuppressionList::Bounces, rows);
    m_server.data().setSuppressions(tenant, SuppressionList::Unsubscribes, rows);
    QProcessEnvironment env = v3Environment();
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("*.debug=true"));
    const QList<QStringList> commands{
        {QStringLiteral("customers")},
        {QStringLiteral("export"), QStringLiteral("--customer"), QStringLiteral("cli-v3-key"),
         QStringLiteral("-o"), m_home.filePath(QStringLiteral("v3.csv"))},
        {QStringLiteral("delete"), QStringLiteral("--customer"), QStringLiteral("cli-v3-key"),
         QStringLiteral("--yes"), rows.at(0).email},
        {QStringLiteral("delete"), QStringLiteral("--customer"), QStringLiteral("cli-v3-key"),
         QStringLiteral("--yes"), rows.at(1).email, rows.at(2).email},
        {QStringLiteral("delete"), QStringLiteral("--customer"), QStringLiteral("cli-v3-key"),
         QStringLiteral("--list"), QStringLiteral("unsubscribes"),
         QStringLiteral("--recipient-consented"), QStringLiteral("--yes"), rows.at(0).email},
        {QStringLiteral("find"), rows.at(3).email},
        {QStringLiteral("history")},
    };
    for (const QStringList &arguments : commands) {
        const CliTest::Run result = run(arguments, env);
        QVERIFY(result.finished);
        QVERIFY2(result.exitCode == 0,
                 qPrintable(arguments.join(QLatin1Char(' ')) + QLatin1Char('\n') + result.err));
    }
    const QList<SandboxRequest> requests = m_server.requests();
    QVERIFY(requests.size() >= 10);
    const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(CliTest::key()));
    for (const SandboxRequest &request : requests) {
        QCOMPARE(request.api, QStringLiteral("v3"));
        QVERIFY2(request.authenticated, qPrintable(request.path)); // Authorization: Bearer KEY
        QVERIFY(!request.keyInQuery);
        for (const QString &part : {request.path, request.query, request.onBehalfOf}) {
            QVERIFY2(!part.contains(CliTest::key()) && !part.contains(encoded), qPrintable(part));
        }
    }
    // The settings, the deletion record, the export: none holds the key.
    int files = 0;
    QDirIterator it(m_home.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        ++files;
        const QByteArray bytes = readFile(path);
        QVERIFY2(!bytes.contains(CliTest::key().toUtf8()), qPrintable(path));
        QVERIFY2(!bytes.contains(CliTest::key().toUtf8().toBase64()), qPrintable(path));
    }
    QVERIFY(files >= 2); // the export and the deletion record at least
}

void TestSecurityCli::v3RedirectIsNeverFollowed_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<bool>("deletes");
    QTest::newRow("customers") << QStringList{QStringLiteral("customers")} << false;
    QTest::newRow("export") << QStringList{QStringLiteral("export"), QStringLiteral("--parent")}
                            << false;
    QTest::newRow("delete one") << QStringList{QStringLiteral("delete"), QStringLiteral("--parent"),
                                               QStringLiteral("--yes"),
                                               QStringLiteral("r@redirect.test")}
                                << true;
    QTest::newRow("delete two (bulk)")
        << QStringList{QStringLiteral("delete"), QStringLiteral("--parent"),
                       QStringLiteral("--yes"), QStringLiteral("r@redirect.test"),
                       QStringLiteral("s@redirect.test")}
        << true;
}

// A server that answers every request with a redirect to the emulator (which would accept
// the key): the client never goes there, and says why.
void TestSecurityCli::v3RedirectIsNeverFollowed() {
    QFETCH(QStringList, arguments);
    QFETCH(bool, deletes);
    const QByteArray target =
        m_server.v3BaseUrl().resolved(QUrl(QStringLiteral("v3/suppression/bounces"))).toEncoded();
    ScriptedHttpServer redirecting([target](const QByteArray &) -> QByteArray {
        return QByteArray("HTTP/1.1 302 Found\r\nLocation: ") + target +
               "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    });
    QProcessEnvironment env = v3Environment();
    env.insert(QStringLiteral("BOUNCEDESK_API_URL"),
               QStringLiteral("http://127.0.0.1:%1/").arg(redirecting.baseUrl().port()));
    const CliTest::Run result = run(arguments, env);
    QVERIFY(result.finished);
    QCOMPARE(result.exitCode, 1);
    QVERIFY(redirecting.requests() >= 1);
    QCOMPARE(m_server.requests().size(), 0); // never followed
    const QString said = deletes ? result.out : result.err;
    QVERIFY2(said.contains(QLatin1String("redirect")), qPrintable(said));
    if (deletes) {
        for (const QString &line : result.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            QVERIFY2(line.startsWith(QLatin1String("failed: ")), qPrintable(result.out));
    }
}

void TestSecurityCli::tlsErrorsAreNeverIgnored_data() {
    QTest::addColumn<QString>("api");
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("v3 export") << QStringLiteral("v3")
                               << QStringList{QStringLiteral("export"), QStringLiteral("--parent")};
    QTest::newRow("v3 delete") << QStringLiteral("v3")
                               << QStringList{QStringLiteral("delete"), QStringLiteral("--parent"),
                                              QStringLiteral("--yes"),
                                              QStringLiteral("t@tls.test")};
    QTest::newRow("v2 customers") << QStringLiteral("v2")
                                  << QStringList{QStringLiteral("customers")};
}

// A TLS server on 127.0.0.1 with a self-signed certificate (the one tst_security uses): the
// command line refuses it, says why, and never sends the request (which holds the key).
void TestSecurityCli::tlsErrorsAreNeverIgnored() {
    QFETCH(QString, api);
    QFETCH(QStringList, arguments);
    if (!QSslSocket::supportsSsl())
        QSKIP("No TLS backend (OpenSSL) could be loaded here, so there is no handshake to refuse.");
    QFile certificate(QFINDTESTDATA("data/selfsigned-localhost.crt"));
    QFile key(QFINDTESTDATA("data/selfsigned-localhost.key"));
    QVERIFY(certificate.open(QIODevice::ReadOnly) && key.open(QIODevice::ReadOnly));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificate(QSslCertificate(certificate.readAll(), QSsl::Pem));
    tls.setPrivateKey(QSslKey(key.readAll(), QSsl::Rsa, QSsl::Pem));
    tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    QSslServer server;
    server.setSslConfiguration(tls);
    QVERIFY(server.listen(QHostAddress::LocalHost));
    int handshakes = 0;
    qint64 requestBytes = 0; // decrypted bytes: only a completed handshake yields any
    connect(&server, &QSslServer::startedEncryptionHandshake, this,
            [&handshakes] { ++handshakes; });
    connect(&server, &QTcpServer::pendingConnectionAvailable, this, [&server, &requestBytes, this] {
        while (QTcpSocket *socket = server.nextPendingConnection())
            connect(socket, &QTcpSocket::readyRead, this,
                    [socket, &requestBytes] { requestBytes += socket->readAll().size(); });
    });
    QProcessEnvironment env = api == QLatin1String("v3") ? v3Environment() : environment();
    env.insert(QStringLiteral("BOUNCEDESK_API_URL"),
               QStringLiteral("https://127.0.0.1:%1/%2")
                   .arg(server.serverPort())
                   .arg(api == QLatin1String("v3") ? QString() : QStringLiteral("apiv2/")));
    const CliTest::Run result = run(arguments, env);
    QVERIFY(result.finished);
    QCOMPARE(result.exitCode, 1);
    const QString said = arguments.first() == QLatin1String("delete") ? result.out : result.err;
    QVERIFY2(said.contains(QLatin1String("secure connection failed")), qPrintable(said));
    QVERIFY2(said.contains(QLatin1String("self-signed"), Qt::CaseInsensitive), qPrintable(said));
    QVERIFY(handshakes >= 1);
    QCOMPARE(requestBytes, qint64(0));
    QCOMPARE(m_server.requests().size(), 0);
}

bool TestSecurityCli::startTlsEmulator(SandboxServer &server, int rows) {
    QString error;
    if (!server.setTlsCertificate(readFile(QFINDTESTDATA("data/selfsigned-localhost.crt")),
                                  readFile(QFINDTESTDATA("data/selfsigned-localhost.key")), &error))
        return false;
    server.setCredentials(CliTest::user(), CliTest::key());
    QList<SandboxSuppression> list;
    for (int i = 0; i < rows; ++i) {
        SandboxSuppression row;
        row.email = QStringLiteral("t%1@tls.test").arg(i);
        row.created = 1'700'000'000;
        row.status = QStringLiteral("5.1.1");
        list << row;
    }
    server.data().setSuppressions(SandboxTenant::subuser(QStringLiteral("cli-tls")),
                                  SuppressionList::Bounces, list);
    return server.listen();
}

void TestSecurityCli::caFileTrustsTheTlsEmulator_data() {
    QTest::addColumn<QString>("command");
    QTest::addColumn<bool>("fromEnvironment"); // BOUNCEDESK_CA_FILE instead of --ca-file
    QTest::newRow("customers --ca-file") << QStringLiteral("customers") << false;
    QTest::newRow("export --ca-file") << QStringLiteral("export") << false;
    QTest::newRow("customers BOUNCEDESK_CA_FILE") << QStringLiteral("customers") << true;
    QTest::newRow("export BOUNCEDESK_CA_FILE") << QStringLiteral("export") << true;
}

// The emulator over https with the self-signed test certificate, which the command line is told
// to trust: the command succeeds, and the key travelled only in the Authorization header.
void TestSecurityCli::caFileTrustsTheTlsEmulator() {
    QFETCH(QString, command);
    QFETCH(bool, fromEnvironment);
    if (!QSslSocket::supportsSsl())
        QSKIP("No TLS backend (OpenSSL) could be loaded here.");
    SandboxServer tls;
    QVERIFY(startTlsEmulator(tls, 3));
    QProcessEnvironment env = v3Environment();
    env.insert(QStringLiteral("BOUNCEDESK_API_URL"), tls.v3BaseUrl().toString());
    QCOMPARE(tls.v3BaseUrl().scheme(), QStringLiteral("https"));
    const QString authority = QFINDTESTDATA("data/selfsigned-localhost.crt");
    QStringList arguments{command};
    const QString output = m_home.filePath(QStringLiteral("tls.csv"));
    if (command == QLatin1String("export"))
        arguments << QStringLiteral("--customer") << QStringLiteral("cli-tls")
                  << QStringLiteral("-o") << output;
    if (fromEnvironment)
        env.insert(QStringLiteral("BOUNCEDESK_CA_FILE"), authority);
    else
        arguments << QStringLiteral("--ca-file") << authority;
    const CliTest::Run result = run(arguments, env);
    QVERIFY(result.finished);
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    if (command == QLatin1String("export")) {
        const QList<QStringList> records = CliTest::parseCsv(readFile(output));
        QCOMPARE(records.size(), 1 + 3);
        QCOMPARE(records.at(1).value(0), QStringLiteral("t0@tls.test"));
    } else {
        QVERIFY2(!result.out.isEmpty(), qPrintable(result.err)); // the demo subusers
    }
    const QList<SandboxRequest> requests = tls.requests();
    QVERIFY(!requests.isEmpty());
    QVERIFY(tls.connectionsAccepted() >= 1);
    const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(CliTest::key()));
    for (const SandboxRequest &request : requests) {
        QCOMPARE(request.api, QStringLiteral("v3"));
        QVERIFY2(request.authenticated, qPrintable(request.path)); // Authorization: Bearer KEY
        QVERIFY(!request.keyInQuery);
        for (const QString &part : {request.path, request.query, request.onBehalfOf})
            QVERIFY2(!part.contains(CliTest::key()) && !part.contains(encoded), qPrintable(part));
    }
    QCOMPARE(m_server.requests().size(), 0);
}

void TestSecurityCli::tlsEmulatorRefusedWithoutCaFile_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("customers") << QStringList{QStringLiteral("customers")};
    QTest::newRow("export") << QStringList{QStringLiteral("export"), QStringLiteral("--customer"),
                                           QStringLiteral("cli-tls")};
}

// The same emulator without --ca-file: its certificate is refused as on any server, and no
// request (which would hold the key) reached it.
void TestSecurityCli::tlsEmulatorRefusedWithoutCaFile() {
    QFETCH(QStringList, arguments);
    if (!QSslSocket::supportsSsl())
        QSKIP("No TLS backend (OpenSSL) could be loaded here.");
    SandboxServer tls;
    QVERIFY(startTlsEmulator(tls, 3));
    QProcessEnvironment env = v3Environment();
    env.insert(QStringLiteral("BOUNCEDESK_API_URL"), tls.v3BaseUrl().toString());
    const CliTest::Run result = run(arguments, env);
    QVERIFY(result.finished);
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains(QLatin1String("secure connection failed")),
             qPrintable(result.err));
    QVERIFY2(result.err.contains(QLatin1String("self-signed"), Qt::CaseInsensitive),
             qPrintable(result.err));
    QCOMPARE(tls.requests().size(), 0);
    QCOMPARE(tls.connectionsAccepted(), 0); // no handshake completed
}

void TestSecurityCli::unusableCaFileIsAUsageError_data() {
    QTest::addColumn<QString>("file");        // under the test's home
    QTest::addColumn<QByteArray>("contents"); // empty: the file does not exist
    QTest::addColumn<bool>("fromEnvironment");
    QTest::addColumn<QString>("said");
    const QByteArray key = readFile(QFINDTESTDATA("data/selfsigned-localhost.key"));
    QTest::newRow("missing --ca-file") << QStringLiteral("missing.pem") << QByteArray() << false
                                       << QStringLiteral("cannot read the certificate file");
    QTest::newRow("missing BOUNCEDESK_CA_FILE")
        << QStringLiteral("missing.pem") << QByteArray() << true
        << QStringLiteral("cannot read the certificate file");
    QTest::newRow("text --ca-file")
        << QStringLiteral("notes.pem") << QByteArray("not a certificate\n") << false
        << QStringLiteral("holds no PEM certificate");
    QTest::newRow("private key --ca-file")
        << QStringLiteral("key.pem") << key << false << QStringLiteral("holds no PEM certificate");
    QTest::newRow("private key BOUNCEDESK_CA_FILE")
        << QStringLiteral("key.pem") << key << true << QStringLiteral("holds no PEM certificate");
}

// A CA file that cannot be read or holds no certificate: exit 2, a message naming the option (or
// variable) and the file, never the file's contents (a private key given by mistake), and
// nothing sent.
void TestSecurityCli::unusableCaFileIsAUsageError() {
    QFETCH(QString, file);
    QFETCH(QByteArray, contents);
    QFETCH(bool, fromEnvironment);
    QFETCH(QString, said);
    if (!QSslSocket::supportsSsl())
        QSKIP("No TLS backend (OpenSSL) could be loaded here.");
    const QString path = m_home.filePath(file);
    QFile::remove(path);
    if (!contents.isEmpty()) {
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        QCOMPARE(out.write(contents), contents.size());
    }
    QProcessEnvironment env = v3Environment(); // the plain emulator: it would log any request
    QStringList arguments{QStringLiteral("export"), QStringLiteral("--parent")};
    if (fromEnvironment)
        env.insert(QStringLiteral("BOUNCEDESK_CA_FILE"), path);
    else
        arguments << QStringLiteral("--ca-file") << path;
    const CliTest::Run result = run(arguments, env);
    QVERIFY(result.finished);
    QCOMPARE(result.exitCode, 2);
    QCOMPARE(result.out, QString());
    QVERIFY2(result.err.startsWith(fromEnvironment
                                       ? QLatin1String("bouncedesk: BOUNCEDESK_CA_FILE: ")
                                       : QLatin1String("bouncedesk: --ca-file: ")),
             qPrintable(result.err));
    QVERIFY2(result.err.contains(said), qPrintable(result.err));
    QVERIFY2(result.err.contains(path), qPrintable(result.err));
    QVERIFY2(result.err.contains(QLatin1String("Nothing was sent")), qPrintable(result.err));
    for (const QByteArray &line : contents.split('\n')) {
        if (line.size() > 20)
            QVERIFY2(!result.err.contains(QString::fromLatin1(line)), qPrintable(result.err));
    }
    QVERIFY(!result.err.contains(QLatin1String("PRIVATE KEY")));
    QCOMPARE(m_server.requests().size(), 0);
}

QTEST_GUILESS_MAIN(TestSecurityCli)
#include "tst_security_cli.moc"
