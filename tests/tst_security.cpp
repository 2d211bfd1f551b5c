// The security promises of the window and the client, each against real traffic: the API key
// never appears in a URL, a log line, an error message or the settings file; plain http to a
// host that is not this machine is refused unless allowed; TLS errors are never ignored.
// (The command line's promises: tst_security_cli. Plain text and files: tst_security_files.)
#include "faulttestsupport.h"
#include "windowtestsupport.h"

#include "connectiondialog.h"
#include "connectionstore.h"
#include "deletecontroller.h"
#include "errorbanner.h"

#include "api/resellerclient.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTimer>
#include <QtTest>

using namespace WindowTest;
using FaultTest::holdsKey;

namespace {

// Runs the dialog's "Test connection" and returns what it showed.
QString testInDialog(const ApiSettings &settings) {
    ConnectionDialog dialog(settings);
    QSignalSpy done(&dialog, &ConnectionDialog::testFinished);
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("testButton")),
                      Qt::LeftButton);
    if (!done.wait(20000))
        return {};
    return dialog.findChild<QLabel *>(QStringLiteral("testResult"))->text();
}

// Everything the window and the connection store write goes to this one file.
QByteArray settingsFile() {
    QFile file(QSettings().fileName());
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestSecurity final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void cleanup();

    void keyNeverTravelsInTheUrl_data();
    void keyNeverTravelsInTheUrl();
    void keyNeverInALogLine();
    void keyNeverInAnErrorMessage_data();
    void keyNeverInAnErrorMessage();
    void keyNeverInTheSettingsFile_data();
    void keyNeverInTheSettingsFile();
    void plainHttpToARemoteHostIsRefused_data();
    void plainHttpToARemoteHostIsRefused();
    void tlsErrorsAreNeverIgnored_data();
    void tlsErrorsAreNeverIgnored();

private:
    // A person's session: list customers, open one, a refresh that fails and one that is
    // retried, a delete that works and one whose answer never comes.
    void useTheWindow(const ApiSettings &settings);

    std::unique_ptr<SandboxServer> m_server;
};

void TestSecurity::init() {
    QSettings().clear();
    m_server = startServer();
    QVERIFY(m_server);
}

void TestSecurity::cleanup() {
    m_server.reset();
}

void TestSecurity::useTheWindow(const ApiSettings &settings) {
    MainWindow window;
    window.setConnection(settings, false);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    typeCustomer(window, QStringLiteral("acme"));
    QVERIFY(waitLoaded(window, QStringLiteral("acme")));

    m_server->addFault(
        ApiTest::fault(SandboxFault::Type::Http500, QStringLiteral("bounces.get"), 1));
    QSignalSpy loaded(window.loadController(), &LoadController::loaded);
    QTest::keyClick(window.tableView(), Qt::Key_F5); // a 500, retried, then the list
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() == 1, 10000);
    m_server->addFault(
        ApiTest::fault(SandboxFault::Type::WrongCredentials, QStringLiteral("bounces.get"), 1));
    QTest::keyClick(window.tableView(), Qt::Key_F5); // refused: the banner says so
    QTRY_VERIFY_WITH_TIMEOUT(!window.banner()->isHidden(), 10000);

    window.deleteController()->setConfirmFunction(
        [](const QString &, const QString &, std::function<void(bool)> answer) { answer(true); });
    QSignalSpy deleted(window.deleteController(), &DeleteController::finished);
    // Held, never released: only the transfer timeout ends each attempt.
    const SandboxFault silent =
        ApiTest::fault(SandboxFault::Type::Hold, QStringLiteral("bounces.delete"), 2);
    for (const QString &email :
         {QStringLiteral("alice@acme.test"), QStringLiteral("dave@acme.test")}) {
        window.tableView()->clearSelection();
        window.tableView()->selectRow(rowOf(*window.model(), email));
        QVERIFY(FaultTest::waitForDeleteAction(window));
        QTest::keyClick(window.tableView(), Qt::Key_Delete);
        QTRY_VERIFY_WITH_TIMEOUT(deleted.count() == 1, 20000);
        deleted.clear();
        m_server->addFault(silent); // the second one times out, twice
    }
    QVERIFY(window.banner()->message().contains(QLatin1String("trying again is safe")));
    window.close();
}

void TestSecurity::keyNeverTravelsInTheUrl_data() {
    QTest::addColumn<int>("format");
    QTest::newRow("json") << int(ResponseFormat::Json);
    QTest::newRow("xml") << int(ResponseFormat::Xml);
}

void TestSecurity::keyNeverTravelsInTheUrl() {
    QFETCH(int, format);
    const ApiSettings settings = FaultTest::fastSettings(*m_server, ResponseFormat(format));
    useTheWindow(settings);
    QVERIFY(!testInDialog(settings).isEmpty());
    const QList<SandboxRequest> requests = m_server->requests();
    QVERIFY(requests.size() >= 8);
    QStringList calls;
    for (const SandboxRequest &request : requests) {
        calls << request.call();
        QCOMPARE(request.path, QStringLiteral("/apiv2/reseller.manage.") +
                                   responseFormatName(ResponseFormat(format)));
        QVERIFY(!request.keyInQuery);
        QVERIFY(request.authenticated); // the key did arrive: in the body
        QCOMPARE(request.httpMethod, QStringLiteral("POST"));
    }
    for (const char *call : {"profile.get", "bounces.get", "bounces.delete"})
        QVERIFY2(calls.contains(QLatin1String(call)), call);
}

void TestSecurity::keyNeverInALogLine() {
    // Every category at debug level, Qt's own (network, TLS, widgets) included.
    FaultTest::LogCapture capture(QStringLiteral("*.debug=true"));
    {
        ConnectionStore store(std::make_unique<FaultTest::MissingKeychain>());
        QSignalSpy saved(&store, &ConnectionStore::saved);
        store.save(FaultTest::fastSettings(*m_server));
        QTRY_COMPARE(saved.count(), 1);
    }
    const ApiSettings settings = FaultTest::fastSettings(*m_server);
    useTheWindow(settings);
    QVERIFY(testInDialog(settings).startsWith(QLatin1String("Connected")));
    ApiSettings wrong = settings;
    wrong.apiKey = QStringLiteral("Wr0ng-t0p-Secret-key");
    QVERIFY(testInDialog(wrong).contains(QLatin1String("wrong credentials")));

    const QStringList lines = capture.lines();
    QVERIFY(!lines.filter(QLatin1String("bouncedesk.connection")).isEmpty()); // the capture works
    QVERIFY(lines.size() > 20);
    QVERIFY2(capture.lineWithKey().isEmpty(), qPrintable(capture.lineWithKey()));
    QVERIFY2(capture.lineWithKey(wrong.apiKey).isEmpty(),
             qPrintable(capture.lineWithKey(wrong.apiKey)));
}

void TestSecurity::keyNeverInAnErrorMessage_data() {
    // The server repeats what it was sent; `echo` is the form body as received.
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("prefix");
    QTest::addColumn<QByteArray>("suffix");
    QTest::addColumn<bool>("decoded"); // the key as the server decoded it, not as sent
    const QByteArray json = "application/json";
    QTest::newRow("JSON error, HTTP 200")
        << 200 << json << QByteArray(R"({"message":"error","errors":["you sent: )")
        << QByteArray(R"("]})") << false;
    QTest::newRow("JSON error, decoded key")
        << 400 << json << QByteArray(R"({"error":{"code":400,"message":"bad key )")
        << QByteArray(R"("}})") << true;
    QTest::newRow("XML error") << 400 << QByteArray("text/xml")
                               << QByteArray("<result><message>error</message><errors><error>key ")
                               << QByteArray("</error></errors></result>") << true;
    QTest::newRow("HTML page with the key in its title")
        << 502 << QByteArray("text/html") << QByteArray("<html><head><title>")
        << QByteArray("</title></head><body>bad gateway</body></html>") << true;
    QTest::newRow("plain text") << 500 << QByteArray("text/plain") << QByteArray("rejected: ")
                                << QByteArray() << false;
}

void TestSecurity::keyNeverInAnErrorMessage() {
    QFETCH(int, status);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, prefix);
    QFETCH(QByteArray, suffix);
    QFETCH(bool, decoded);
    FaultTest::ScriptedHttpServer echo([&](const QByteArray &body) {
        const qsizetype at = body.indexOf("api_key=");
        QByteArray key =
            body.mid(at + 8, body.indexOf('&', at) < 0 ? -1 : body.indexOf('&', at) - at - 8);
        if (decoded)
            key = QByteArray::fromPercentEncoding(key);
        // The key first, so even a message that quotes only the start of the body would show it.
        return FaultTest::ScriptedHttpServer::answer(status, contentType,
                                                     prefix + key + " in " + body + suffix);
    });
    ApiSettings settings = FaultTest::fastSettings(*m_server);
    settings.baseUrl = echo.baseUrl();
    ResellerClient client(settings);
    ApiError error;
    CustomerListJob *job = client.listCustomers();
    connect(job, &CustomerListJob::failed, this, [&error](const ApiError &e) { error = e; });
    QTRY_VERIFY_WITH_TIMEOUT(error.isError(), 10000);
    QVERIFY(echo.requests() >= 1);
    for (const QString &text : {error.message(), error.detail, error.serverMessage})
        QVERIFY2(!holdsKey(text), qPrintable(text));
    QVERIFY2(!error.message().isEmpty(), "the user is told something");

    // What the window's banner and the dialog's test say, from the same server.
    const QString tested = testInDialog(settings);
    QVERIFY(!tested.isEmpty());
    QVERIFY2(!holdsKey(tested), qPrintable(tested));
    MainWindow window;
    window.setConnection(settings, false);
    QTRY_VERIFY_WITH_TIMEOUT(!window.banner()->isHidden(), 10000);
    QVERIFY2(!holdsKey(window.banner()->message()), qPrintable(window.banner()->message()));
}

void TestSecurity::keyNeverInTheSettingsFile_data() {
    QTest::addColumn<bool>("keychainWorks");
    QTest::newRow("kept in the keychain") << true;
    QTest::newRow("no keychain: kept for the session") << false;
}

void TestSecurity::keyNeverInTheSettingsFile() {
    QFETCH(bool, keychainWorks);
    const ApiSettings settings = FaultTest::fastSettings(*m_server);
    {
        std::unique_ptr<SecretStore> secrets;
        if (keychainWorks)
            secrets = std::make_unique<MemorySecretStore>();
        else
            secrets = std::make_unique<FaultTest::MissingKeychain>();
        ConnectionStore store(std::move(secrets));
        QSignalSpy saved(&store, &ConnectionStore::saved);
        store.save(settings);
        QTRY_COMPARE(saved.count(), 1);
        QCOMPARE(saved.constFirst().at(0).toBool(), false); // neither store outlives the process
        QSignalSpy loaded(&store, &ConnectionStore::loaded);
        store.load();
        QTRY_COMPARE(loaded.count(), 1);
        QCOMPARE(loaded.constFirst().at(1).toBool(), true); // the key is there, just not on disk
    }
    useTheWindow(settings); // remembers the last customer, window and table state
    QSettings().sync();
    const QByteArray files = settingsFile();
    QVERIFY(files.contains(ApiTest::user().toUtf8())); // the right file was read
    QVERIFY(files.contains("acme"));
    QVERIFY2(!holdsKey(files), files.constData());
}

void TestSecurity::plainHttpToARemoteHostIsRefused_data() {
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("allowed"); // the user ticked "Allow plain http…"
    QTest::addColumn<bool>("refused");
    QTest::newRow("http, remote host")
        << QStringLiteral("http://api.sendgrid.com/apiv2/") << false << true;
    QTest::newRow("http, remote address")
        << QStringLiteral("http://192.0.2.10/apiv2/") << false << true;
    QTest::newRow("http, a name that only starts like loopback")
        << QStringLiteral("http://127.0.0.1.example.com/apiv2/") << false << true;
    QTest::newRow("http, remote, explicitly allowed")
        << QStringLiteral("http://192.0.2.10/apiv2/") << true << false;
    QTest::newRow("http, localhost")
        << QStringLiteral("http://localhost:9/apiv2/") << false << false;
    QTest::newRow("http, ::1") << QStringLiteral("http://[::1]:9/apiv2/") << false << false;
    QTest::newRow("https, remote")
        << QStringLiteral("https://api.sendgrid.com/apiv2/") << false << false;
}

void TestSecurity::plainHttpToARemoteHostIsRefused() {
    QFETCH(QString, url);
    QFETCH(bool, allowed);
    QFETCH(bool, refused);
    ApiSettings settings = FaultTest::fastSettings(*m_server);
    settings.baseUrl = QUrl(url);
    settings.allowInsecureHttp = allowed;
    QCOMPARE(settings.validationError().isEmpty(), !refused);

    ConnectionDialog dialog(settings);
    auto *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QCOMPARE(ok->isEnabled(), !refused);
    QCOMPARE(dialog.findChild<QPushButton *>(QStringLiteral("testButton"))->isEnabled(), !refused);
    if (!refused)
        return; // nothing is sent to hosts outside this machine
    const QString why = dialog.findChild<QLabel *>(QStringLiteral("validation"))->text();
    QVERIFY2(why.contains(QLatin1String("in clear")), qPrintable(why));
    dialog.findChild<QCheckBox *>(QStringLiteral("allowInsecure"))->setChecked(true); // consent
    QVERIFY(ok->isEnabled());

    // The client refuses too, before any connection: no lookup, no timeout, just the reason.
    ResellerClient client(settings);
    ApiError error;
    CustomerListJob *job = client.listCustomers();
    connect(job, &CustomerListJob::failed, this, [&error](const ApiError &e) { error = e; });
    QTRY_VERIFY_WITH_TIMEOUT(error.isError(), 1000);
    QCOMPARE(error.kind, ApiError::Kind::InvalidSettings);
    QVERIFY2(error.message().contains(QLatin1String("explicitly allow")),
             qPrintable(error.message()));
}

void TestSecurity::tlsErrorsAreNeverIgnored_data() {
    QTest::addColumn<QString>("through");
    QTest::newRow("client") << QStringLiteral("client");
    QTest::newRow("window banner") << QStringLiteral("window");
    QTest::newRow("connection dialog test") << QStringLiteral("dialog");
}

// A TLS server on 127.0.0.1 with a self-signed certificate (tests/data, made once with
// `openssl req -x509 -newkey rsa:2048 -nodes -days 36500 -subj /CN=localhost
// -addext subjectAltName=IP:127.0.0.1,DNS:localhost`): the client must refuse it, say why,
// and never send the request, whose body holds the key.
void TestSecurity::tlsErrorsAreNeverIgnored() {
    QFETCH(QString, through);
    if (!QSslSocket::supportsSsl())
        QSKIP("No TLS backend (OpenSSL) could be loaded here, so there is no handshake to refuse; "
              "the client then fails every https call up front (tst_apicall).");
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

    ApiSettings settings = FaultTest::fastSettings(*m_server);
    settings.baseUrl = QUrl(QStringLiteral("https://127.0.0.1:%1/apiv2/").arg(server.serverPort()));
    QString message;
    if (through == QLatin1String("client")) {
        ResellerClient client(settings);
        ApiError error;
        CustomerListJob *job = client.listCustomers();
        connect(job, &CustomerListJob::failed, this, [&error](const ApiError &e) { error = e; });
        QTRY_VERIFY_WITH_TIMEOUT(error.isError(), 10000);
        QCOMPARE(error.kind, ApiError::Kind::Tls);
        message = error.message();
    } else if (through == QLatin1String("window")) {
        MainWindow window;
        window.setConnection(settings, false);
        QTRY_VERIFY_WITH_TIMEOUT(!window.banner()->isHidden(), 10000);
        message = window.banner()->message();
    } else {
        message = testInDialog(settings);
    }
    QVERIFY2(message.contains(QLatin1String("secure connection failed")), qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("self-signed"), Qt::CaseInsensitive),
             qPrintable(message));
    // The barrier: a connection of our own, accepted after any the client opened before it
    // (the listen queue is first in, first out); once its handshake has started, every
    // earlier one has been counted.
    QSslSocket barrier;
    barrier.connectToHostEncrypted(QStringLiteral("127.0.0.1"), server.serverPort());
    QTRY_VERIFY_WITH_TIMEOUT(handshakes >= 2, 20000);
    QCOMPARE(handshakes, 2); // the client's: tried once, not retried, never "accepted anyway"
    QCOMPARE(requestBytes, qint64(0));
}

QTEST_MAIN(TestSecurity)
#include "tst_security.moc"
