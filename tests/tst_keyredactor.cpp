// The key never reaches a message: KeyRedactor knows every spelling a server could echo it in,
// and every path (customer list, bounce list, delete) passes its messages through it, including
// bodies that quote the request inside a 200 answer and excerpts that cut the key short.
#include "api/keyredactor.h"
#include "api/resellerclient.h"
#include "scriptedhttpserver.h"

#include <QJsonDocument>
#include <QJsonValue>
#include <QtTest>

namespace {

// Keys as users have them, and as a hostile test wants them: with a quote, a backslash, a
// slash, non-ASCII letters and a character beyond the BMP.
const QString plainKey = QStringLiteral("SG.aB3dE5fG7hI9.kL1mN3oP5qR7sT9uV1wX3yZ5");
const QString awkwardKey = QStringLiteral("SG.k\"e\\y/w\u00e9ird\u00df\u4e2d\U0001F511.zQ8rT6pL4");

// JSON as PHP's json_encode writes a string by default: non-ASCII as \u escapes, "/" as "\/".
QByteArray phpJson(const QString &text, bool upperHex = false) {
    QByteArray out;
    for (const QChar c : text) {
        if (c == QLatin1Char('"') || c == QLatin1Char('\\') || c == QLatin1Char('/'))
            out += '\\' + QByteArray(1, char(c.unicode()));
        else if (c.unicode() < 0x20 || c.unicode() > 0x7E) {
            const QByteArray hex = QByteArray::number(c.unicode(), 16).rightJustified(4, '0');
            out += "\\u" + (upperHex ? hex.toUpper() : hex);
        } else
            out += char(c.unicode());
    }
    return out;
}

// JSON as Qt (and most encoders) write it: UTF-8, only quote and backslash escaped.
QByteArray plainJson(const QString &text) {
    const QByteArray quoted =
        QJsonDocument::fromVariant(QVariantList{text}).toJson(QJsonDocument::Compact); // ["…"]
    return quoted.mid(2, quoted.size() - 4);
}

// Any run of eight characters of the key counts as a leak.
bool leaks(const QString &text, const QString &key) {
    for (qsizetype at = 0; at + 8 <= key.size(); ++at)
        if (text.contains(key.mid(at, 8)))
            return true;
    return text.contains(QString::fromLatin1(QUrl::toPercentEncoding(key)));
}

ApiSettings settingsFor(const ScriptedHttpServer &server, const QString &key) {
    ApiSettings settings;
    settings.baseUrl = server.baseUrl();
    settings.apiUser = QStringLiteral("reseller");
    settings.apiKey = key;
    settings.transferTimeoutMs = 10'000;
    settings.maxAttempts = 1;
    return settings;
}

QString keyFromForm(const QByteArray &form) {
    for (const QByteArray &pair : form.split('&'))
        if (pair.startsWith("api_key="))
            return QUrl::fromPercentEncoding(pair.mid(8));
    return {};
}

} // namespace

class TestKeyRedactor final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void hidesEverySpelling_data();
    void hidesEverySpelling();
    void hidesPiecesCutByAnExcerpt();
    void leavesOtherTextAlone();
    void shortKeysAreNotHunted();
    void sharedWhileHeldOnly();
    void echoingServerNeverGetsTheKeyIntoAMessage_data();
    void echoingServerNeverGetsTheKeyIntoAMessage();
};

void TestKeyRedactor::hidesEverySpelling_data() {
    QTest::addColumn<QString>("key");
    QTest::addColumn<QByteArray>("spelling");
    for (const QString &key : {plainKey, awkwardKey}) {
        const QByteArray name = key == plainKey ? "plain key: " : "awkward key: ";
        const QByteArray percent = QUrl::toPercentEncoding(key);
        QByteArray lowerHex = percent; // %2f rather than %2F; the key's own letters unchanged
        for (qsizetype at = 0; (at = lowerHex.indexOf('%', at)) >= 0; at += 3)
            lowerHex.replace(at + 1, 2, lowerHex.mid(at + 1, 2).toLower());
        QByteArray html = key.toHtmlEscaped().toUtf8();
        QTest::newRow(QByteArray(name + "as sent").constData()) << key << key.toUtf8();
        QTest::newRow(QByteArray(name + "percent-encoded").constData()) << key << percent;
        QTest::newRow(QByteArray(name + "percent-encoded, lower-case hex").constData())
            << key << lowerHex;
        QTest::newRow(QByteArray(name + "JSON, UTF-8").constData()) << key << plainJson(key);
        QTest::newRow(QByteArray(name + "JSON, ASCII only, slash escaped").constData())
            << key << phpJson(key);
        QTest::newRow(QByteArray(name + "JSON, ASCII only, upper-case hex").constData())
            << key << phpJson(key, true);
        QTest::newRow(QByteArray(name + "HTML-escaped").constData()) << key << html;
    }
}

void TestKeyRedactor::hidesEverySpelling() {
    QFETCH(QString, key);
    QFETCH(QByteArray, spelling);
    const KeyRedactor redactor(key);
    QByteArray body = R"({"errors":[{"message":"you sent api_key=)" + spelling + R"( here"}]})";
    redactor.redact(body);
    QVERIFY2(!body.contains(spelling), body.constData());
    QVERIFY2(body.contains("[hidden]"), body.constData());
    const QString text = redactor.redacted(QStringLiteral("the server said: key ") +
                                           QString::fromUtf8(spelling) + QStringLiteral(" end"));
    QVERIFY2(!text.contains(QString::fromUtf8(spelling)), qPrintable(text));
    QVERIFY2(!leaks(text, key), qPrintable(text));
    QVERIFY(text.startsWith(QLatin1String("the server said: key ")));
    QVERIFY(text.endsWith(QLatin1String(" end")));
}

// "plain text starting with "…"": 40 characters of a body that began in the key's middle.
void TestKeyRedactor::hidesPiecesCutByAnExcerpt() {
    const KeyRedactor redactor(plainKey);
    const QString head = QStringLiteral("text starting with \"") + plainKey.left(12) + u'"';
    const QString tail = QStringLiteral("near \"") + plainKey.mid(plainKey.size() - 14) + u'"';
    for (const QString &message : {head, tail}) {
        const QString text = redactor.redacted(message);
        QVERIFY2(!leaks(text, plainKey), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("[hidden]")), qPrintable(text));
    }
}

void TestKeyRedactor::leavesOtherTextAlone() {
    const KeyRedactor redactor(awkwardKey);
    const QString message = QStringLiteral(
        "The server refused the request (HTTP 400): &quot;limit&quot; must be a number \\u00e9");
    QCOMPARE(redactor.redacted(message), message);
    QByteArray body = R"([{"email":"anna@example.com","reason":"550 5.1.1 user unknown"}])";
    const QByteArray before = body;
    redactor.redact(body);
    QCOMPARE(body, before);
}

void TestKeyRedactor::shortKeysAreNotHunted() {
    const KeyRedactor redactor(QStringLiteral("abc"));
    QCOMPARE(redactor.redacted(QStringLiteral("abc abc")), QStringLiteral("abc abc"));
    QCOMPARE(KeyRedactor().redacted(QStringLiteral("anything")), QStringLiteral("anything"));
}

// The calls of one thread share a key's redactor while any holds it; another key gets its
// own; once none holds it, it is gone (the key with it), and the next call makes a new one.
void TestKeyRedactor::sharedWhileHeldOnly() {
    std::shared_ptr<const KeyRedactor> first = KeyRedactor::shared(plainKey);
    QCOMPARE(KeyRedactor::shared(plainKey).get(), first.get());
    std::shared_ptr<const KeyRedactor> other = KeyRedactor::shared(awkwardKey);
    QVERIFY(other.get() != first.get());
    QCOMPARE(other->redacted(awkwardKey), KeyRedactor::placeholder());
    const std::weak_ptr<const KeyRedactor> watch = first;
    const std::weak_ptr<const KeyRedactor> watchOther = other; // the one shared() made last
    first.reset();
    other.reset();
    QVERIFY(watch.expired());
    QVERIFY(watchOther.expired());
    const std::shared_ptr<const KeyRedactor> again = KeyRedactor::shared(plainKey);
    QCOMPARE(again->redacted(QStringLiteral("key ") + plainKey),
             QStringLiteral("key ") + KeyRedactor::placeholder());
}

void TestKeyRedactor::echoingServerNeverGetsTheKeyIntoAMessage_data() {
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<int>("shape"); // how the echo is written, see below
    const QByteArray json = "application/json";
    for (const QString &key : {plainKey, awkwardKey}) {
        const QByteArray name = key == plainKey ? "plain key, " : "awkward key, ";
        QTest::newRow(QByteArray(name + "JSON string in a 200 error").constData())
            << key << 200 << json << 0;
        QTest::newRow(QByteArray(name + "JSON object, PHP-escaped").constData())
            << key << 200 << json << 1;
        QTest::newRow(QByteArray(name + "plain text in a 200").constData())
            << key << 200 << QByteArray("text/plain") << 2;
        QTest::newRow(QByteArray(name + "XML error in a 200").constData())
            << key << 200 << QByteArray("text/xml") << 3;
        QTest::newRow(QByteArray(name + "not JSON, starting with the key").constData())
            << key << 200 << json << 4;
        QTest::newRow(QByteArray(name + "HTTP 400 quoting the form").constData())
            << key << 400 << json << 0;
    }
}

// A server that quotes the request it got, in the shapes servers use, on every path: the
// customer list, the bounce list (streamed to the parser thread) and a delete.
void TestKeyRedactor::echoingServerNeverGetsTheKeyIntoAMessage() {
    QFETCH(QString, key);
    QFETCH(int, status);
    QFETCH(QByteArray, contentType);
    QFETCH(int, shape);
    ScriptedHttpServer server([&](const QByteArray &form) {
        const QString sent = keyFromForm(form);
        QByteArray body;
        switch (shape) {
        case 0:
            body = R"({"message":"error","errors":["bad api_key=)" + plainJson(sent) + R"("]})";
            break;
        case 1:
            body = R"({"error":{"code":7,"message":"key )" + phpJson(sent) + R"( refused"}})";
            break;
        case 2:
            body = "refused: api_key=" + sent.toUtf8() + " in " + form;
            break;
        case 3:
            body = "<result><message>error</message><errors><error>key " +
                   sent.toHtmlEscaped().toUtf8() + "</error></errors></result>";
            break;
        default:
            body = sent.mid(5).toUtf8() + " was not accepted";
        }
        return ScriptedHttpServer::answer(status, contentType, body);
    });
    ResellerClient client(settingsFor(server, key));
    QStringList messages;
    auto collect = [&messages](const ApiError &error) {
        messages << error.message() << error.detail << error.serverMessage;
    };
    CustomerListJob *customers = client.listCustomers();
    connect(customers, &CustomerListJob::failed, this, collect);
    QTRY_COMPARE_WITH_TIMEOUT(messages.size(), 3, 20'000);
    BounceLoadJob *bounces = client.loadBounces(QStringLiteral("acme"));
    connect(bounces, &BounceLoadJob::failed, this, collect);
    QTRY_COMPARE_WITH_TIMEOUT(messages.size(), 6, 20'000);
    DeleteJob *deletion =
        client.deleteBounce(QStringLiteral("acme"), QStringLiteral("a@b.example"));
    connect(deletion, &DeleteJob::failed, this,
            [&collect](const QString &, const ApiError &error, bool) { collect(error); });
    QTRY_COMPARE_WITH_TIMEOUT(messages.size(), 9, 20'000);
    QCOMPARE(server.requests(), 3);
    for (const QString &text : std::as_const(messages))
        QVERIFY2(!leaks(text, key), qPrintable(text));
    QVERIFY(!messages.constFirst().isEmpty()); // the user is still told something
}

QTEST_GUILESS_MAIN(TestKeyRedactor)
#include "tst_keyredactor.moc"
