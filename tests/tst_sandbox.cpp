// The loopback emulator speaks the API of api-notes.md: the three calls in JSON and XML,
// paging, deletions that persist, form decoding as a real server does it, credentials,
// escaping of hostile text, HTTP/1.1 keep-alive and a large list streamed whole; v2 and v3 over
// TLS when given a certificate.
// Faults are in tst_sandboxfaults.cpp.

#include "sandbox/sandboxserver.h"
#include "sandboxtestclient.h"

#include <QRegularExpression>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslServer>
#include <QSslSocket>
#include <QTimeZone>
#include <QtTest>

#include <algorithm>

// XML 1.0 cannot carry control characters other than TAB, LF and CR: they arrive as U+FFFD.
static Row xmlSafe(Row row) {
    for (QString &value : row) {
        for (QChar &c : value) {
            if (c.unicode() < 0x20 && c != QLatin1Char('\t') && c != QLatin1Char('\n') &&
                c != QLatin1Char('\r'))
                c = QChar(0xfffd);
        }
    }
    return row;
}

class TestSandbox final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void demoDataIsDeterministicAndVaried();
    void generatedRowsArePureAndFindable();
    void customers_data();
    void customers();
    void customerPaging_data();
    void customerPaging();
    void bounces_data();
    void bounces();
    void unknownUser_data();
    void unknownUser();
    void missingParameters_data();
    void missingParameters();
    void deletePersists_data();
    void deletePersists();
    void deleteOfGeneratedRowPersists();
    void plusDecoding_data();
    void plusDecoding();
    void wrongCredentials_data();
    void wrongCredentials();
    void hostileTextRoundTrips_data();
    void hostileTextRoundTrips();
    void httpErrors_data();
    void httpErrors();
    void keepAliveServesSeveralRequests();
    void requestLogNeverHoldsTheKey();
    void largeGeneratedListStreams();
    void streamChunkBytesBoundsEveryChunk();
    void servesV2AndV3OverTls();

private:
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<SandboxTestClient> m_client;
};

void TestSandbox::init() {
    m_server = std::make_unique<SandboxServer>();
    QVERIFY2(m_server->listen(), qPrintable(m_server->errorString()));
    m_client = std::make_unique<SandboxTestClient>(m_server.get());
}

void TestSandbox::cleanup() {
    m_client.reset();
    m_server.reset();
}

void TestSandbox::demoDataIsDeterministicAndVaried() {
    const SandboxData first;
    const SandboxData second;
    QCOMPARE(first.customers(), second.customers());
    QVERIFY(first.customers().size() >= 10);

    QSet<QString> statuses;
    qsizetype largest = 0;
    bool hasEmpty = false, has5k = false, hasPlus = false, hasNonAscii = false;
    QStringList allReasons;
    const QRegularExpression timestamp(
        QStringLiteral("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d$"));
    for (const Customer &customer : first.customers()) {
        const qsizetype count = first.bounceCount(customer.username);
        largest = qMax(largest, count);
        hasEmpty |= count == 0;
        has5k |= count >= 4000 && count <= 6000;
        for (qsizetype i = 0; i < qMin<qsizetype>(count, 2000); ++i) {
            const Bounce bounce = first.bounceAt(customer.username, i);
            QCOMPARE(bounce, second.bounceAt(customer.username, i));
            statuses.insert(bounce.status);
            hasPlus |= bounce.email.contains(QLatin1Char('+'));
            hasNonAscii |=
                bounce.reason.contains(QChar(0xe4)) || bounce.email.contains(QChar(0xe4));
            allReasons.append(bounce.reason);
            QVERIFY2(timestamp.match(bounce.created).hasMatch(), qPrintable(bounce.created));
        }
    }
    QVERIFY(largest >= 20000);
    QVERIFY(hasEmpty && has5k && hasPlus && hasNonAscii);
    for (const char *status :
         {"5.1.1", "5.2.2", "5.7.1", "4.2.2", "4.4.7", "550", "4.0.0", "5.0.0"})
        QVERIFY2(statuses.contains(QLatin1String(status)), status);
    const QString reasons = allReasons.join(QLatin1Char('\n'));
    for (const char *hostile :
         {"<img src=x", "<b>bold</b>", "=cmd|' /C calc'!A0", "+SUM(1)", "\"", "\r\n", ","})
        QVERIFY2(reasons.contains(QString::fromUtf8(hostile)), hostile);
}

void TestSandbox::generatedRowsArePureAndFindable() {
    SandboxData data;
    data.addGeneratedCustomer(QStringLiteral("million"), 1'000'000);
    QCOMPARE(data.bounceCount(QStringLiteral("million")), 1'000'000);
    const Bounce last = data.bounceAt(QStringLiteral("million"), 999'999);
    QVERIFY(last.email.contains(QStringLiteral("999999")));
    QCOMPARE(SandboxData().bounceCount(QStringLiteral("million")), 0); // nothing global

    const quint32 seed = SandboxGenerator::seedFor(u"million");
    QSet<QByteArray> emails;
    QDateTime earliest = QDateTime::fromString(QStringLiteral("2100-01-01"), Qt::ISODate);
    QDateTime latest = QDateTime::fromString(QStringLiteral("1900-01-01"), Qt::ISODate);
    BounceUtf8 row, again;
    for (qint64 i = 0; i < 20000; ++i) {
        SandboxGenerator::generate(seed, i, &row);
        SandboxGenerator::generate(seed, i, &again);
        QCOMPARE(row.reason, again.reason);
        emails.insert(QByteArray::fromStdString(row.email));
        const QDateTime created = QDateTime::fromString(QString::fromStdString(row.created),
                                                        QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        QVERIFY(created.isValid());
        // The seconds the v3 answers write are those of the text, read back or not.
        QCOMPARE(SandboxGenerator::createdSeconds(row),
                 SandboxGenerator::parseTimestamp(row.created));
        QCOMPARE(SandboxGenerator::createdSeconds(row),
                 QDateTime(created.date(), created.time(), QTimeZone::utc()).toSecsSinceEpoch());
        earliest = qMin(earliest, created);
        latest = qMax(latest, created);
        if (i % 997 == 0)
            QCOMPARE(SandboxGenerator::indexOf(seed, 1'000'000, row.email), i);
    }
    QCOMPARE(emails.size(), 20000); // unique addresses
    QVERIFY(earliest.daysTo(latest) > 600);
    QCOMPARE(SandboxGenerator::indexOf(seed, 1'000'000, "nobody@example.com"), -1);
}

void TestSandbox::customers_data() {
    QTest::addColumn<QString>("format");
    QTest::newRow("json") << QStringLiteral("json");
    QTest::newRow("xml") << QStringLiteral("xml");
}

void TestSandbox::customers() {
    QFETCH(QString, format);
    const HttpResult reply =
        m_client->call(format, {{QStringLiteral("method"), QStringLiteral("profile")},
                                {QStringLiteral("task"), QStringLiteral("get")}});
    QCOMPARE(reply.status, 200);
    bool ok = false;
    const QList<Row> rows = format == QLatin1String("json")
                                ? jsonRows(reply.body, &ok)
                                : xmlRows(reply.body, QStringLiteral("user"), &ok);
    QVERIFY(ok);
    const QList<SandboxProfile> profiles = m_server->data().profiles();
    QCOMPARE(rows.size(), profiles.size());
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const SandboxProfile &expected = profiles[i];
        const Row &row = rows[i];
        QCOMPARE(row.value(QStringLiteral("username")), expected.customer.username);
        QCOMPARE(row.value(QStringLiteral("email")), expected.customer.email);
        QCOMPARE(row.value(QStringLiteral("first_name")), expected.customer.firstName);
        QCOMPARE(row.value(QStringLiteral("last_name")), expected.customer.lastName);
        QCOMPARE(row.value(QStringLiteral("active")),
                 expected.customer.active ? QStringLiteral("true") : QStringLiteral("false"));
        QCOMPARE(row.value(QStringLiteral("website")), expected.website);
        QCOMPARE(row.contains(QStringLiteral("id")), !expected.customer.id.isEmpty());
        for (const char *field : {"address", "city", "state", "zip", "country", "phone"})
            QVERIFY2(row.contains(QLatin1String(field)), field);
    }
}

void TestSandbox::customerPaging_data() {
    QTest::addColumn<QString>("limit");
    QTest::addColumn<QString>("offset");
    QTest::addColumn<qsizetype>("first");
    QTest::addColumn<qsizetype>("count");
    const qsizetype total = SandboxData().customers().size();
    QTest::newRow("no paging") << QString() << QString() << qsizetype(0) << total;
    QTest::newRow("first page") << QStringLiteral("5") << QStringLiteral("0") << qsizetype(0)
                                << qsizetype(5);
    QTest::newRow("second page") << QStringLiteral("5") << QStringLiteral("5") << qsizetype(5)
                                 << qsizetype(5);
    QTest::newRow("short last page")
        << QStringLiteral("5") << QStringLiteral("10") << qsizetype(10) << total - 10;
    QTest::newRow("past the end") << QStringLiteral("5") << QString::number(total) << qsizetype(0)
                                  << qsizetype(0);
    QTest::newRow("offset only") << QString() << QStringLiteral("3") << qsizetype(3) << total - 3;
}

void TestSandbox::customerPaging() {
    QFETCH(QString, limit);
    QFETCH(QString, offset);
    QFETCH(qsizetype, first);
    QFETCH(qsizetype, count);
    Params params{{QStringLiteral("method"), QStringLiteral("profile")},
                  {QStringLiteral("task"), QStringLiteral("get")}};
    if (!limit.isEmpty())
        params.append({QStringLiteral("limit"), limit});
    if (!offset.isEmpty())
        params.append({QStringLiteral("offset"), offset});
    const HttpResult reply = m_client->call(QStringLiteral("json"), params);
    QCOMPARE(reply.status, 200);
    const QList<Row> rows = jsonRows(reply.body);
    QCOMPARE(rows.size(), count);
    const QList<Customer> all = m_server->data().customers();
    for (qsizetype i = 0; i < rows.size(); ++i)
        QCOMPARE(rows[i].value(QStringLiteral("username")), all[first + i].username);
}

void TestSandbox::bounces_data() {
    QTest::addColumn<QString>("format");
    QTest::addColumn<bool>("latin1");
    QTest::addColumn<bool>("asciiJson");
    QTest::addColumn<bool>("withDate");
    QTest::addColumn<QString>("user");
    for (const bool withDate : {true, false}) {
        const char *date = withDate ? "date=1" : "no date";
        for (const char *user :
             {"acme", "oscorp", "cafe-rene", "hooli", "reports+eu@soylent.example"}) {
            const QString u = QString::fromUtf8(user);
            QTest::addRow("json %s %s", user, date)
                << QStringLiteral("json") << false << false << withDate << u;
            QTest::addRow("json-ascii %s %s", user, date)
                << QStringLiteral("json") << false << true << withDate << u;
            QTest::addRow("xml %s %s", user, date)
                << QStringLiteral("xml") << false << false << withDate << u;
            QTest::addRow("xml-latin1 %s %s", user, date)
                << QStringLiteral("xml") << true << false << withDate << u;
        }
    }
}

void TestSandbox::bounces() {
    QFETCH(QString, format);
    QFETCH(bool, latin1);
    QFETCH(bool, asciiJson);
    QFETCH(bool, withDate);
    QFETCH(QString, user);
    m_server->setXmlEncoding(latin1 ? SandboxServer::XmlEncoding::Latin1
                                    : SandboxServer::XmlEncoding::Utf8);
    m_server->setJsonAsciiOnly(asciiJson);
    Params params{{QStringLiteral("method"), QStringLiteral("bounces")},
                  {QStringLiteral("task"), QStringLiteral("get")},
                  {QStringLiteral("user"), user}};
    if (withDate)
        params.append({QStringLiteral("date"), QStringLiteral("1")});
    const HttpResult reply = m_client->call(format, params);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.error, QNetworkReply::NoError);
    bool ok = false;
    const bool json = format == QLatin1String("json");
    const QList<Row> rows =
        json ? jsonRows(reply.body, &ok) : xmlRows(reply.body, QStringLiteral("bounce"), &ok);
    QVERIFY(ok);
    QVERIFY(reply.header("content-type").startsWith(json ? "application/json" : "text/xml"));
    if (latin1 && !json)
        QVERIFY(reply.body.startsWith("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>"));
    if (asciiJson && json) {
        for (const char byte : reply.body)
            QVERIFY(quint8(byte) < 0x80);
    }
    const QList<Bounce> expected = m_server->data().bounces(user);
    QCOMPARE(rows.size(), expected.size());
    for (qsizetype i = 0; i < rows.size(); ++i)
        QCOMPARE(rows[i],
                 json ? toRow(expected[i], withDate) : xmlSafe(toRow(expected[i], withDate)));
}

void TestSandbox::unknownUser_data() {
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("task");
    QTest::newRow("json get") << QStringLiteral("json") << QStringLiteral("get");
    QTest::newRow("xml get") << QStringLiteral("xml") << QStringLiteral("get");
    QTest::newRow("json delete") << QStringLiteral("json") << QStringLiteral("delete");
}

void TestSandbox::unknownUser() {
    QFETCH(QString, format);
    QFETCH(QString, task);
    const HttpResult reply =
        m_client->call(format, {{QStringLiteral("method"), QStringLiteral("bounces")},
                                {QStringLiteral("task"), task},
                                {QStringLiteral("user"), QStringLiteral("nobody")},
                                {QStringLiteral("email"), QStringLiteral("a@b.com")}});
    QCOMPARE(reply.status, 400); // documented choice: a 4xx with the documented error shape
    if (format == QLatin1String("json")) {
        const QJsonObject object = QJsonDocument::fromJson(reply.body).object();
        QCOMPARE(object.value(QStringLiteral("message")).toString(), QStringLiteral("error"));
        QCOMPARE(object.value(QStringLiteral("errors")).toArray().first().toString(),
                 QStringLiteral("User does not exist"));
    } else {
        QVERIFY(reply.body.contains("<message>error</message>"));
        QVERIFY(reply.body.contains("<errors>\n    <error>User does not exist</error>"));
    }
}

void TestSandbox::missingParameters_data() {
    QTest::addColumn<Params>("params");
    QTest::addColumn<QString>("message");
    const auto p = [](const char *key, const char *value) {
        return qMakePair(QString::fromUtf8(key), QString::fromUtf8(value));
    };
    QTest::newRow("no method") << Params{p("task", "get")}
                               << QStringLiteral("Missing required parameter: method");
    QTest::newRow("no task") << Params{p("method", "bounces")}
                             << QStringLiteral("Missing required parameter: task");
    QTest::newRow("get without user") << Params{p("method", "bounces"), p("task", "get")}
                                      << QStringLiteral("Missing required parameter: user");
    QTest::newRow("delete without email")
        << Params{p("method", "bounces"), p("task", "delete"), p("user", "acme")}
        << QStringLiteral("Missing required parameter: email");
    QTest::newRow("empty user") << Params{p("method", "bounces"), p("task", "get"), p("user", "")}
                                << QStringLiteral("Missing required parameter: user");
    QTest::newRow("unknown method") << Params{p("method", "spam<b>"), p("task", "get")}
                                    << QStringLiteral("Unknown method: spam<b>");
    QTest::newRow("unknown task") << Params{p("method", "profile"), p("task", "delete")}
                                  << QStringLiteral("Unknown task for method profile: delete");
    QTest::newRow("bad limit") << Params{p("method", "profile"), p("task", "get"), p("limit", "x")}
                               << QStringLiteral("limit must be a number >= 0");
}

void TestSandbox::missingParameters() {
    QFETCH(Params, params);
    QFETCH(QString, message);
    const HttpResult reply = m_client->call(QStringLiteral("json"), params);
    QCOMPARE(reply.status, 400);
    const QJsonObject object = QJsonDocument::fromJson(reply.body).object();
    QCOMPARE(object.value(QStringLiteral("errors")).toArray().first().toString(), message);
}

void TestSandbox::deletePersists_data() {
    QTest::addColumn<QString>("format");
    QTest::newRow("json") << QStringLiteral("json");
    QTest::newRow("xml") << QStringLiteral("xml");
}

void TestSandbox::deletePersists() {
    QFETCH(QString, format);
    const QString acme = QStringLiteral("acme");
    const QString target = QStringLiteral("a+tag@b.com");
    const qsizetype before = m_server->data().bounceCount(acme);
    const Params del{{QStringLiteral("method"), QStringLiteral("bounces")},
                     {QStringLiteral("task"), QStringLiteral("delete")},
                     {QStringLiteral("user"), acme},
                     {QStringLiteral("email"), target}};
    const auto message = [&](const HttpResult &reply) {
        if (format == QLatin1String("json"))
            return QJsonDocument::fromJson(reply.body)
                .object()
                .value(QStringLiteral("message"))
                .toString();
        const QList<Row> rows = xmlRows(reply.body, QStringLiteral("result"));
        return rows.value(0).value(QStringLiteral("message"));
    };
    HttpResult reply = m_client->call(format, del);
    QCOMPARE(reply.status, 200);
    QCOMPARE(message(reply), QStringLiteral("success"));
    QVERIFY(m_server->data().isDeleted(acme, target));
    QCOMPARE(m_server->data().bounceCount(acme), before - 1);

    reply = m_client->call(format, del);
    QCOMPARE(reply.status, 200);
    QCOMPARE(message(reply), QStringLiteral("Email does not exist"));
    QCOMPARE(m_server->data().bounceCount(acme), before - 1);

    reply = m_client->call(QStringLiteral("json"),
                           {{QStringLiteral("method"), QStringLiteral("bounces")},
                            {QStringLiteral("task"), QStringLiteral("get")},
                            {QStringLiteral("user"), acme}});
    const QList<Row> rows = jsonRows(reply.body);
    QCOMPARE(rows.size(), before - 1);
    for (const Row &row : rows)
        QVERIFY(row.value(QStringLiteral("email")) != target);
}

void TestSandbox::deleteOfGeneratedRowPersists() {
    const QString globex = QStringLiteral("globex");
    const qsizetype before = m_server->data().bounceCount(globex);
    const Bounce victim = m_server->data().bounceAt(globex, 42);
    const Bounce next = m_server->data().bounceAt(globex, 43);
    const HttpResult reply = m_client->call(QStringLiteral("json"),
                                            {{QStringLiteral("method"), QStringLiteral("bounces")},
                                             {QStringLiteral("task"), QStringLiteral("delete")},
                                             {QStringLiteral("user"), globex},
                                             {QStringLiteral("email"), victim.email}});
    QCOMPARE(
        QJsonDocument::fromJson(reply.body).object().value(QStringLiteral("message")).toString(),
        QStringLiteral("success"));
    QCOMPARE(m_server->data().bounceCount(globex), before - 1);
    QCOMPARE(m_server->data().bounceAt(globex, 42), next);

    const HttpResult list = m_client->call(QStringLiteral("json"),
                                           {{QStringLiteral("method"), QStringLiteral("bounces")},
                                            {QStringLiteral("task"), QStringLiteral("get")},
                                            {QStringLiteral("user"), globex}});
    const QList<Row> rows = jsonRows(list.body);
    QCOMPARE(rows.size(), before - 1);
    QCOMPARE(rows[42].value(QStringLiteral("email")), next.email);
}

void TestSandbox::plusDecoding_data() {
    QTest::addColumn<QByteArray>("encodedEmail");
    QTest::addColumn<QString>("decoded");
    QTest::addColumn<QString>("message");
    QTest::newRow("raw plus is a space")
        << QByteArray("a+tag@b.com") << QStringLiteral("a tag@b.com")
        << QStringLiteral("Email does not exist");
    QTest::newRow("%2B is a plus") << QByteArray("a%2Btag%40b.com") << QStringLiteral("a+tag@b.com")
                                   << QStringLiteral("success");
    QTest::newRow("%20 is a space") << QByteArray("a%20tag@b.com") << QStringLiteral("a tag@b.com")
                                    << QStringLiteral("Email does not exist");
    QTest::newRow("utf-8 percent-encoded")
        << QByteArray("j%C3%BCrgen.m%C3%BCller%40beispiel.example")
        << QString::fromUtf8("jürgen.müller@beispiel.example") << QStringLiteral("success");
}

void TestSandbox::plusDecoding() {
    QFETCH(QByteArray, encodedEmail);
    QFETCH(QString, decoded);
    QFETCH(QString, message);
    const QByteArray body = formBody(SandboxTestClient::withCredentials(
                                {{QStringLiteral("method"), QStringLiteral("bounces")},
                                 {QStringLiteral("task"), QStringLiteral("delete")},
                                 {QStringLiteral("user"), QStringLiteral("acme")}})) +
                            "&email=" + encodedEmail;
    QSignalSpy received(m_server.get(), &SandboxServer::requestReceived);
    const HttpResult reply = m_client->post(m_client->url(QStringLiteral("json")), body);
    QCOMPARE(
        QJsonDocument::fromJson(reply.body).object().value(QStringLiteral("message")).toString(),
        message);
    QCOMPARE(received.size(), 1);
    QCOMPARE(received.first().first().value<SandboxRequest>().email, decoded);
    QCOMPARE(m_server->requests().last().email, decoded);
}

void TestSandbox::wrongCredentials_data() {
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("key");
    for (const char *format : {"json", "xml"}) {
        const QString f = QString::fromLatin1(format);
        QTest::addRow("%s wrong key", format)
            << f << SandboxServer::demoUser() << QStringLiteral("nope");
        QTest::addRow("%s wrong user", format)
            << f << QStringLiteral("someone") << SandboxServer::demoKey();
        QTest::addRow("%s no credentials", format) << f << QString() << QString();
    }
}

void TestSandbox::wrongCredentials() {
    QFETCH(QString, format);
    QFETCH(QString, user);
    QFETCH(QString, key);
    Params params{{QStringLiteral("method"), QStringLiteral("bounces")},
                  {QStringLiteral("task"), QStringLiteral("delete")},
                  {QStringLiteral("user"), QStringLiteral("acme")},
                  {QStringLiteral("email"), QStringLiteral("a+tag@b.com")}};
    if (!user.isEmpty())
        params.append({QStringLiteral("api_user"), user});
    if (!key.isEmpty())
        params.append({QStringLiteral("api_key"), key});
    const HttpResult reply = m_client->post(m_client->url(format), formBody(params));
    QCOMPARE(reply.status, 401);
    if (format == QLatin1String("json")) {
        QCOMPARE(reply.body,
                 QByteArray(
                     R"({"error":{"code":401,"message":"Permission denied, wrong credentials"}})"));
    } else {
        QVERIFY(reply.body.contains("<result>\n  <message>error</message>\n  <errors>\n    "
                                    "<error>Permission denied, wrong credentials</error>"));
    }
    QVERIFY(!m_server->data().isDeleted(QStringLiteral("acme"), QStringLiteral("a+tag@b.com")));
    QCOMPARE(m_server->requests().last().authenticated, false);
}

void TestSandbox::hostileTextRoundTrips_data() {
    QTest::addColumn<QString>("format");
    QTest::addColumn<bool>("alternate"); // JSON ascii-only / XML Latin-1
    QTest::newRow("json utf-8") << QStringLiteral("json") << false;
    QTest::newRow("json ascii-only") << QStringLiteral("json") << true;
    QTest::newRow("xml utf-8") << QStringLiteral("xml") << false;
    QTest::newRow("xml latin-1") << QStringLiteral("xml") << true;
}

void TestSandbox::hostileTextRoundTrips() {
    QFETCH(QString, format);
    QFETCH(bool, alternate);
    const bool json = format == QLatin1String("json");
    m_server->setJsonAsciiOnly(json && alternate);
    m_server->setXmlEncoding(!json && alternate ? SandboxServer::XmlEncoding::Latin1
                                                : SandboxServer::XmlEncoding::Utf8);
    const QString nasty =
        QString::fromUtf8("\"q\" \\ / <img src=x> & &amp; ]]> é ü 日本 📭 \r\n\t end\x01\x1f\x7f");
    const QList<Bounce> list{{QStringLiteral("a+b@c.example"), QStringLiteral("5.1.1"), nasty,
                              QStringLiteral("2024-01-01 00:00:00")},
                             {QString::fromUtf8("\"odd\"@ex\xc3\xa4mple.de"), QStringLiteral("550"),
                              QStringLiteral("=cmd|' /C calc'!A0"),
                              QStringLiteral("2024-01-02 00:00:00")}};
    m_server->data().setBounces(QStringLiteral("hostile"), list);
    const HttpResult reply =
        m_client->call(format, {{QStringLiteral("method"), QStringLiteral("bounces")},
                                {QStringLiteral("task"), QStringLiteral("get")},
                                {QStringLiteral("user"), QStringLiteral("hostile")},
                                {QStringLiteral("date"), QStringLiteral("1")}});
    bool ok = false;
    const QList<Row> rows =
        json ? jsonRows(reply.body, &ok) : xmlRows(reply.body, QStringLiteral("bounce"), &ok);
    QVERIFY(ok);
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows[0], json ? toRow(list[0], true) : xmlSafe(toRow(list[0], true)));
    QCOMPARE(rows[1], toRow(list[1], true));
    if (json && alternate) {
        QVERIFY(reply.body.contains("\\/"));
        QVERIFY(reply.body.contains("\\ud83d\\udced")); // 📭 as a surrogate pair
    }
    if (!json && alternate) {
        QVERIFY(reply.body.contains("\xe9")); // é as one Latin-1 byte
        QVERIFY(reply.body.contains("&#x1f4ed;"));
    }
}

void TestSandbox::httpErrors_data() {
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("header");
    QTest::newRow("unknown path")
        << QByteArray("POST /apiv2/other.json HTTP/1.1\r\nContent-Length: 0\r\n\r\n") << 404
        << QByteArray("content-type: text/html");
    QTest::newRow("no suffix")
        << QByteArray("POST /apiv2/reseller.manage HTTP/1.1\r\nContent-Length: 0\r\n\r\n") << 404
        << QByteArray();
    QTest::newRow("GET") << QByteArray(
                                "GET /apiv2/reseller.manage.json?api_user=x HTTP/1.1\r\n\r\n")
                         << 405 << QByteArray("allow: POST");
    QTest::newRow("garbage request line") << QByteArray("HELLO\r\n\r\n") << 400 << QByteArray();
    QTest::newRow("bad header")
        << QByteArray("POST /apiv2/reseller.manage.json HTTP/1.1\r\nno colon\r\n\r\n") << 400
        << QByteArray();
    QTest::newRow("bad length")
        << QByteArray("POST /apiv2/reseller.manage.json HTTP/1.1\r\nContent-Length: x\r\n\r\n")
        << 400 << QByteArray();
    QTest::newRow("body too large")
        << QByteArray(
               "POST /apiv2/reseller.manage.json HTTP/1.1\r\nContent-Length: 99999999\r\n\r\n")
        << 413 << QByteArray();
    QTest::newRow("not a form body")
        << rawPost(QStringLiteral("json"), formBody(SandboxTestClient::withCredentials({})))
               .replace("application/x-www-form-urlencoded", "text/plain")
        << 401 << QByteArray();
}

void TestSandbox::httpErrors() {
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    QFETCH(QByteArray, header);
    const RawResult raw = rawExchange(m_server->port(), request,
                                      status == 401 || status == 404 || status == 405 ? 300 : 3000);
    const ParsedResponse response = parseResponse(raw.bytes);
    QCOMPARE(response.status, status);
    QVERIFY(response.complete);
    if (!header.isEmpty()) {
        const QList<QByteArray> parts = header.split(':');
        QVERIFY(response.headers.value(parts[0]).startsWith(parts[1].trimmed()));
    }
    if (status == 400 || status == 413) // unreadable requests end the connection
        QVERIFY(raw.disconnected);
}

void TestSandbox::keepAliveServesSeveralRequests() {
    const QByteArray list =
        rawPost(QStringLiteral("json"), formBody(SandboxTestClient::withCredentials(
                                            {{QStringLiteral("method"), QStringLiteral("bounces")},
                                             {QStringLiteral("task"), QStringLiteral("get")},
                                             {QStringLiteral("user"), QStringLiteral("acme")}})));
    QByteArray profile =
        rawPost(QStringLiteral("xml"), formBody(SandboxTestClient::withCredentials(
                                           {{QStringLiteral("method"), QStringLiteral("profile")},
                                            {QStringLiteral("task"), QStringLiteral("get")}})));
    // Pipelined in one write, the second closing the connection after its answer.
    const RawResult raw = rawExchange(
        m_server->port(), list + profile.replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n"));
    QVERIFY(raw.disconnected);
    const ParsedResponse first = parseResponse(raw.bytes);
    QCOMPARE(first.status, 200);
    QVERIFY(first.complete);
    QCOMPARE(first.headers.value("transfer-encoding"), QByteArray("chunked"));
    QCOMPARE(jsonRows(first.body).size(), m_server->data().bounceCount(QStringLiteral("acme")));
    const ParsedResponse second = parseResponse(raw.bytes.mid(first.consumed));
    QCOMPARE(second.status, 200);
    QVERIFY(second.complete);
    QCOMPARE(second.headers.value("connection"), QByteArray("close"));
    QCOMPARE(xmlRows(second.body, QStringLiteral("user")).size(),
             m_server->data().customers().size());
    QCOMPARE(m_server->connectionsAccepted(), 1);

    // QNetworkAccessManager reuses the connection for sequential requests.
    for (int i = 0; i < 3; ++i) {
        const HttpResult reply = m_client->call(
            QStringLiteral("json"), {{QStringLiteral("method"), QStringLiteral("profile")},
                                     {QStringLiteral("task"), QStringLiteral("get")}});
        QCOMPARE(reply.status, 200);
    }
    QCOMPARE(m_server->connectionsAccepted(), 2);
}

void TestSandbox::requestLogNeverHoldsTheKey() {
    QSignalSpy received(m_server.get(), &SandboxServer::requestReceived);
    m_client->call(QStringLiteral("xml"), {{QStringLiteral("method"), QStringLiteral("bounces")},
                                           {QStringLiteral("task"), QStringLiteral("get")},
                                           {QStringLiteral("user"), QStringLiteral("acme")},
                                           {QStringLiteral("date"), QStringLiteral("1")}});
    QCOMPARE(received.size(), 1);
    const SandboxRequest request = received.first().first().value<SandboxRequest>();
    QCOMPARE(request.path, QStringLiteral("/apiv2/reseller.manage.xml"));
    QCOMPARE(request.httpMethod, QStringLiteral("POST"));
    QCOMPARE(request.format, QStringLiteral("xml"));
    QCOMPARE(request.call(), QStringLiteral("bounces.get"));
    QCOMPARE(request.user, QStringLiteral("acme"));
    QVERIFY(request.withDate);
    QVERIFY(request.authenticated);
    QVERIFY(!request.keyInQuery);
    for (const QString &field :
         {request.path, request.httpMethod, request.contentType, request.format, request.method,
          request.task, request.user, request.email})
        QVERIFY(!field.contains(SandboxServer::demoKey()));

    // A client that puts the key in the URL is caught.
    QUrl leaky = m_client->url(QStringLiteral("json"));
    leaky.setQuery(QStringLiteral("api_key=") + SandboxServer::demoKey());
    m_client->post(leaky, formBody(SandboxTestClient::withCredentials({})));
    QVERIFY(m_server->requests().last().keyInQuery);
    QVERIFY(!m_server->requests().last().path.contains(SandboxServer::demoKey()));

    m_server->clearRequests();
    QVERIFY(m_server->requests().isEmpty());
}

void TestSandbox::largeGeneratedListStreams() {
    const qsizetype count = 200'000;
    m_server->data().addGeneratedCustomer(QStringLiteral("bulk"), count);
    const qint64 chunksBefore = m_server->streamedChunksWritten();
    const HttpResult reply = m_client->call(QStringLiteral("json"),
                                            {{QStringLiteral("method"), QStringLiteral("bounces")},
                                             {QStringLiteral("task"), QStringLiteral("get")},
                                             {QStringLiteral("user"), QStringLiteral("bulk")},
                                             {QStringLiteral("date"), QStringLiteral("1")}});
    QVERIFY(reply.finished);
    QCOMPARE(reply.error, QNetworkReply::NoError);
    QCOMPARE(reply.header("transfer-encoding"), QByteArray("chunked"));
    // Generated while sent, in pieces, never as one body held whole. Counted where the emulator
    // writes: how often the client's readyRead fired depends on the machine's load.
    QVERIFY(m_server->streamedChunksWritten() - chunksBefore > 10);
    QVERIFY(reply.body.startsWith("[{\"email\":"));
    QVERIFY(reply.body.endsWith("}]"));
    // Quotes inside strings are escaped, so this marker counts rows exactly.
    QCOMPARE(reply.body.count("{\"email\":"), count);
    const QList<Row> tail = jsonRows("[" + reply.body.mid(reply.body.lastIndexOf("{\"email\":")));
    QCOMPARE(tail.value(0).value(QStringLiteral("email")),
             m_server->data().bounceAt(QStringLiteral("bulk"), count - 1).email);
}

// The same body whatever the chunk size; with a size set, no chunk is larger and the body
// comes in as many chunks as that size needs, or a few more where produced pieces end.
void TestSandbox::streamChunkBytesBoundsEveryChunk() {
    const qsizetype count = 5'000;
    m_server->data().addGeneratedCustomer(QStringLiteral("bulk"), count);
    const QByteArray request = rawPost(QStringLiteral("json"),
                                       formBody(SandboxTestClient::withCredentials(
                                           {{QStringLiteral("method"), QStringLiteral("bounces")},
                                            {QStringLiteral("task"), QStringLiteral("get")},
                                            {QStringLiteral("user"), QStringLiteral("bulk")}})),
                                       "Connection: close\r\n");
    const ParsedResponse asProduced =
        parseResponse(rawExchange(m_server->port(), request, 30000).bytes);
    QVERIFY(asProduced.complete);
    QCOMPARE(asProduced.headers.value("transfer-encoding"), QByteArray("chunked"));
    QCOMPARE(asProduced.body.count("{\"email\":"), count);
    QVERIFY(*std::max_element(asProduced.chunkSizes.cbegin(), asProduced.chunkSizes.cend()) > 2048);

    m_server->setStreamChunkBytes(2048);
    QCOMPARE(m_server->streamChunkBytes(), 2048);
    const ParsedResponse small = parseResponse(rawExchange(m_server->port(), request, 30000).bytes);
    QVERIFY(small.complete);
    QCOMPARE(small.body, asProduced.body);
    QVERIFY(*std::max_element(small.chunkSizes.cbegin(), small.chunkSizes.cend()) <= 2048);
    const qsizetype needed = (small.body.size() + 2047) / 2048;
    QVERIFY2(small.chunkSizes.size() >= needed &&
                 small.chunkSizes.size() <= needed + asProduced.chunkSizes.size(),
             qPrintable(QStringLiteral("%1 chunks for %2 bytes")
                            .arg(small.chunkSizes.size())
                            .arg(small.body.size())));

    m_server->setStreamChunkBytes(0);
    const ParsedResponse again = parseResponse(rawExchange(m_server->port(), request, 30000).bytes);
    QCOMPARE(again.chunkSizes, asProduced.chunkSizes);
}

namespace {

QByteArray testData(const QString &name) {
    QFile file(QFINDTESTDATA(QStringLiteral("data/") + name));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// One request through `nam` trusting `authority` (none: only the system's roots), to its end.
HttpResult tlsRequest(QNetworkAccessManager &nam, QNetworkRequest request,
                      const QList<QSslCertificate> &authority, const QByteArray &verb,
                      const QByteArray &body = {}) {
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    if (!authority.isEmpty())
        tls.setCaCertificates(tls.caCertificates() + authority);
    request.setSslConfiguration(tls);
    QNetworkReply *reply = nam.sendCustomRequest(request, verb, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    HttpResult result;
    result.finished = finished.wait(30000);
    result.body = reply->readAll();
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.error = reply->error();
    reply->deleteLater();
    return result;
}

} // namespace

// With a certificate the emulator serves https: v2 and v3 answer as over http to a client that
// trusts it, a client that does not is refused in the handshake (nothing reaches the request log
// and no connection is counted), and a connection that never completes one is dropped.
void TestSandbox::servesV2AndV3OverTls() {
    if (!QSslSocket::supportsSsl())
        QSKIP("No TLS backend (OpenSSL) could be loaded here.");
    const QByteArray certificatePem = testData(QStringLiteral("selfsigned-localhost.crt"));
    const QList<QSslCertificate> authority = QSslCertificate::fromData(certificatePem);
    QCOMPARE(authority.size(), 1);
    SandboxServer server;
    QString error;
    QVERIFY(!server.setTlsCertificate(certificatePem, "not a key", &error));
    QVERIFY2(error.contains(QLatin1String("private key")), qPrintable(error));
    QVERIFY(!server.setTlsCertificate(
        "not a certificate", testData(QStringLiteral("selfsigned-localhost.key")), &error));
    QVERIFY2(error.contains(QLatin1String("certificate")), qPrintable(error));
    QVERIFY(!server.usesTls());
    QVERIFY2(server.setTlsCertificate(certificatePem,
                                      testData(QStringLiteral("selfsigned-localhost.key")), &error),
             qPrintable(error));
    QVERIFY(server.usesTls());
    QVERIFY2(server.listen(), qPrintable(server.errorString()));
    QCOMPARE(server.baseUrl().scheme(), QStringLiteral("https"));
    QCOMPARE(server.v3BaseUrl().toString(),
             QStringLiteral("https://127.0.0.1:%1/").arg(server.port()));
    QVERIFY(!server.setTlsCertificate(certificatePem, {}, &error)); // listening already

    // Not trusted: refused in the handshake, before any request. (A manager of its own: Qt
    // keeps a host's connection, and the TLS configuration it was made with, for later requests.)
    QNetworkAccessManager distrusting;
    QNetworkRequest v2(server.baseUrl().resolved(QUrl(QStringLiteral("reseller.manage.json"))));
    v2.setHeader(QNetworkRequest::ContentTypeHeader,
                 QByteArrayLiteral("application/x-www-form-urlencoded"));
    const QByteArray v2Body = formBody(
        SandboxTestClient::withCredentials({{QStringLiteral("method"), QStringLiteral("bounces")},
                                            {QStringLiteral("task"), QStringLiteral("get")},
                                            {QStringLiteral("user"), QStringLiteral("acme")}}));
    const HttpResult refused = tlsRequest(distrusting, v2, {}, "POST", v2Body);
    QVERIFY(refused.finished);
    QCOMPARE(refused.error, QNetworkReply::SslHandshakeFailedError);
    QVERIFY(server.requests().isEmpty());
    QCOMPARE(server.connectionsAccepted(), 0);

    // Trusted: v2 and v3 answer as over http.
    QNetworkAccessManager nam;
    const HttpResult bounces = tlsRequest(nam, v2, authority, "POST", v2Body);
    QVERIFY(bounces.finished);
    QCOMPARE(bounces.error, QNetworkReply::NoError);
    QCOMPARE(bounces.status, 200);
    QCOMPARE(jsonRows(bounces.body).size(), server.data().bounceCount(QStringLiteral("acme")));
    QNetworkRequest v3(server.v3BaseUrl().resolved(QUrl(QStringLiteral("v3/suppression/bounces"))));
    v3.setRawHeader("Accept", "application/json");
    v3.setRawHeader("Authorization", "Bearer " + SandboxServer::demoKey().toUtf8());
    v3.setRawHeader("on-behalf-of", "acme");
    const HttpResult v3Bounces = tlsRequest(nam, v3, authority, "GET");
    QVERIFY(v3Bounces.finished);
    QCOMPARE(v3Bounces.error, QNetworkReply::NoError);
    QCOMPARE(v3Bounces.status, 200);
    QVERIFY(QJsonDocument::fromJson(v3Bounces.body).isArray());
    QVERIFY(!QJsonDocument::fromJson(v3Bounces.body).array().isEmpty());
    const QList<SandboxRequest> requests = server.requests();
    QCOMPARE(requests.size(), 2);
    QCOMPARE(requests.at(0).call(), QStringLiteral("bounces.get"));
    QVERIFY(requests.at(0).authenticated);
    QCOMPARE(requests.at(1).call(), QStringLiteral("v3.bounces.get"));
    QVERIFY(requests.at(1).authenticated);
    QCOMPARE(requests.at(1).onBehalfOf, QStringLiteral("acme"));
    const int connections = server.connectionsAccepted();
    QVERIFY(connections >= 1 && connections <= 2);

    // Faults apply over TLS as over http: a truncated answer ends early.
    SandboxFault truncate;
    truncate.type = SandboxFault::Type::Truncate;
    truncate.call = QStringLiteral("v3.bounces.get");
    truncate.afterBytes = 10;
    server.addFault(truncate);
    const HttpResult cut = tlsRequest(nam, v3, authority, "GET");
    QVERIFY(cut.finished);
    QVERIFY(cut.error != QNetworkReply::NoError);
    QCOMPARE(server.requests().size(), 3);

    // Plain http to the TLS port: no handshake, no request, no connection counted, and the
    // socket is let go.
    const int before = server.connectionsAccepted();
    const RawResult plain = rawExchange(server.port(), rawPost(QStringLiteral("json"), v2Body));
    QVERIFY(plain.disconnected);
    QVERIFY(!plain.bytes.startsWith("HTTP/"));
    QCOMPARE(server.requests().size(), 3);
    QCOMPARE(server.connectionsAccepted(), before);
    const auto *listener = server.findChild<QSslServer *>();
    QVERIFY(listener);
    QTRY_VERIFY(listener->findChildren<QSslSocket *>().isEmpty());
}

QTEST_GUILESS_MAIN(TestSandbox)
#include "tst_sandbox.moc"
