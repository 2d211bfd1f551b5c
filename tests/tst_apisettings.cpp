// ApiSettings: the endpoint built from the base URL, the refusal of settings that would leak the
// key or cannot work, and what counts as loopback.
#include "api/apisettings.h"

#include <QtTest>

namespace {

const QString secretKey = QStringLiteral("SG.very-secret-key-123");

ApiSettings usable() {
    ApiSettings settings;
    settings.apiUser = QStringLiteral("reseller");
    settings.apiKey = secretKey;
    return settings;
}

} // namespace

class TestApiSettings final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void endpoint_data();
    void endpoint();
    void validation_data();
    void validation();
    void loopback_data();
    void loopback();
    void responseFormat_data();
    void responseFormat();
    void apiOfUrl_data();
    void apiOfUrl();
};

void TestApiSettings::apiOfUrl_data() {
    QTest::addColumn<QString>("url");
    QTest::addColumn<ApiVersion>("api");
    QTest::newRow("none") << QString() << ApiVersion::V3;
    QTest::newRow("v2 default") << ApiSettings::defaultBaseUrl().toString() << ApiVersion::V2;
    QTest::newRow("v2 no slash") << QStringLiteral("http://127.0.0.1:8080/apiv2") << ApiVersion::V2;
    QTest::newRow("v3 global") << ApiSettings::defaultV3BaseUrl().toString() << ApiVersion::V3;
    QTest::newRow("v3 eu") << ApiSettings::euV3BaseUrl().toString() << ApiVersion::V3;
    QTest::newRow("v3 proxy") << QStringLiteral("https://proxy.example.test/sendgrid/")
                              << ApiVersion::V3;
    QTest::newRow("apiv2 inside") << QStringLiteral("https://example.com/apiv2/x/")
                                  << ApiVersion::V3;
    QTest::newRow("apiv2x") << QStringLiteral("https://example.com/apiv2x/") << ApiVersion::V3;
}

void TestApiSettings::apiOfUrl() {
    QFETCH(QString, url);
    QFETCH(ApiVersion, api);
    QCOMPARE(ApiSettings::apiOfUrl(url.isEmpty() ? QUrl() : QUrl(url)), api);
}

void TestApiSettings::endpoint_data() {
    QTest::addColumn<QString>("base");
    QTest::addColumn<bool>("xml");
    QTest::addColumn<QString>("expected");
    QTest::newRow("default json") << QString() << false
                                  << QStringLiteral(
                                         "https://api.sendgrid.com/apiv2/reseller.manage.json");
    QTest::newRow("default xml") << QString() << true
                                 << QStringLiteral(
                                        "https://api.sendgrid.com/apiv2/reseller.manage.xml");
    QTest::newRow("base without trailing slash")
        << QStringLiteral("http://127.0.0.1:8080/apiv2") << false
        << QStringLiteral("http://127.0.0.1:8080/apiv2/reseller.manage.json");
    QTest::newRow("base with trailing slash")
        << QStringLiteral("http://localhost:9/x/apiv2/") << true
        << QStringLiteral("http://localhost:9/x/apiv2/reseller.manage.xml");
    QTest::newRow("host only") << QStringLiteral("https://emulator.example") << false
                               << QStringLiteral("https://emulator.example/reseller.manage.json");
}

void TestApiSettings::endpoint() {
    QFETCH(QString, base);
    QFETCH(bool, xml);
    QFETCH(QString, expected);
    ApiSettings settings = usable();
    if (!base.isEmpty())
        settings.baseUrl = QUrl(base);
    settings.format = xml ? ResponseFormat::Xml : ResponseFormat::Json;
    QCOMPARE(settings.endpoint().toString(), expected);
    // Credentials travel in the body, never in the URL.
    QVERIFY(!settings.endpoint().toString().contains(secretKey));
    QVERIFY(!settings.endpoint().hasQuery());
}

void TestApiSettings::validation_data() {
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("allowInsecure");
    QTest::addColumn<int>("timeoutMs");
    QTest::addColumn<QString>("errorContains"); // empty: usable

    const QString user = QStringLiteral("reseller");
    const QString https = QStringLiteral("https://api.sendgrid.com/apiv2/");
    QTest::newRow("https default") << user << secretKey << https << false << 60000 << QString();
    QTest::newRow("no user") << QString() << secretKey << https << false << 60000
                             << QStringLiteral("No API user");
    QTest::newRow("blank user") << QStringLiteral("  ") << secretKey << https << false << 60000
                                << QStringLiteral("No API user");
    QTest::newRow("no key") << user << QString() << https << false << 60000
                            << QStringLiteral("No API key");
    QTest::newRow("ftp scheme") << user << secretKey << QStringLiteral("ftp://api.example/")
                                << false << 60000 << QStringLiteral("https://");
    QTest::newRow("not a URL") << user << secretKey << QStringLiteral("apiv2") << false << 60000
                               << QStringLiteral("not a valid address");
    QTest::newRow("http to a remote host")
        << user << secretKey << QStringLiteral("http://api.sendgrid.com/apiv2/") << false << 60000
        << QStringLiteral("Plain http to api.sendgrid.com would send the API key in clear");
    QTest::newRow("http to a remote host, allowed")
        << user << secretKey << QStringLiteral("http://api.sendgrid.com/apiv2/") << true << 60000
        << QString();
    QTest::newRow("http to a look-alike of loopback")
        << user << secretKey << QStringLiteral("http://127.0.0.1.evil.example/") << false << 60000
        << QStringLiteral("in clear");
    QTest::newRow("http to 127.0.0.1")
        << user << secretKey << QStringLiteral("http://127.0.0.1:8080/apiv2/") << false << 60000
        << QString();
    QTest::newRow("http to localhost")
        << user << secretKey << QStringLiteral("http://localhost:8080/apiv2") << false << 60000
        << QString();
    QTest::newRow("http to ::1") << user << secretKey << QStringLiteral("http://[::1]:8080/")
                                 << false << 60000 << QString();
    QTest::newRow("credentials in the URL")
        << user << secretKey << QStringLiteral("https://user:pw@api.sendgrid.com/apiv2/") << false
        << 60000 << QStringLiteral("must not contain a user name");
    QTest::newRow("no transfer timeout")
        << user << secretKey << https << false << 0 << QStringLiteral("timeout");
}

void TestApiSettings::validation() {
    QFETCH(QString, user);
    QFETCH(QString, key);
    QFETCH(QString, url);
    QFETCH(bool, allowInsecure);
    QFETCH(int, timeoutMs);
    QFETCH(QString, errorContains);
    ApiSettings settings;
    settings.apiUser = user;
    settings.apiKey = key;
    settings.baseUrl = QUrl(url);
    settings.allowInsecureHttp = allowInsecure;
    settings.transferTimeoutMs = timeoutMs;
    const QString error = settings.validationError();
    if (errorContains.isEmpty()) {
        QVERIFY2(error.isEmpty(), qPrintable(error));
        return;
    }
    QVERIFY2(error.contains(errorContains), qPrintable(error));
    QVERIFY(error.endsWith(QLatin1Char('.')));
    QVERIFY(!error.contains(secretKey));
}

void TestApiSettings::loopback_data() {
    QTest::addColumn<QString>("host");
    QTest::addColumn<bool>("loopback");
    QTest::newRow("localhost") << QStringLiteral("localhost") << true;
    QTest::newRow("LOCALHOST") << QStringLiteral("LOCALHOST") << true;
    QTest::newRow("localhost.") << QStringLiteral("localhost.") << true;
    QTest::newRow("127.0.0.1") << QStringLiteral("127.0.0.1") << true;
    QTest::newRow("127.255.255.254") << QStringLiteral("127.255.255.254") << true;
    QTest::newRow("::1") << QStringLiteral("::1") << true;
    QTest::newRow("[::1]") << QStringLiteral("[::1]") << true;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("10.0.0.1") << QStringLiteral("10.0.0.1") << false;
    QTest::newRow("128.0.0.1") << QStringLiteral("128.0.0.1") << false;
    QTest::newRow("0.0.0.0") << QStringLiteral("0.0.0.0") << false;
    QTest::newRow("::2") << QStringLiteral("::2") << false;
    QTest::newRow("localhost.evil.example") << QStringLiteral("localhost.evil.example") << false;
    QTest::newRow("127.0.0.1.nip.io") << QStringLiteral("127.0.0.1.nip.io") << false;
    QTest::newRow("api.sendgrid.com") << QStringLiteral("api.sendgrid.com") << false;
}

void TestApiSettings::loopback() {
    QFETCH(QString, host);
    QFETCH(bool, loopback);
    QCOMPARE(isLoopbackHost(host), loopback);
}

void TestApiSettings::responseFormat_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<bool>("xml");
    QTest::newRow("json") << QStringLiteral("json") << true << false;
    QTest::newRow("JSON") << QStringLiteral("JSON") << true << false;
    QTest::newRow("xml with spaces") << QStringLiteral(" xml ") << true << true;
    QTest::newRow("yaml") << QStringLiteral("yaml") << false << false;
    QTest::newRow("empty") << QString() << false << false;
}

void TestApiSettings::responseFormat() {
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(bool, xml);
    ResponseFormat format = xml ? ResponseFormat::Json : ResponseFormat::Xml; // the other one
    QCOMPARE(parseResponseFormat(text, &format), ok);
    if (!ok)
        return;
    QCOMPARE(format == ResponseFormat::Xml, xml);
    QCOMPARE(responseFormatName(format), text.trimmed().toLower());
}

QTEST_GUILESS_MAIN(TestApiSettings)
#include "tst_apisettings.moc"
