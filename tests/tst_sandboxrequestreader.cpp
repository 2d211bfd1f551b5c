// The emulator's request reader on bytes alone: requests whole, cut anywhere, pipelined, with
// 100-continue, and every kind of request it refuses (with the status it answers).

#include "sandbox/sandboxrequestreader.h"

#include <QtTest>

namespace {

using Result = SandboxRequestReader::Result;

QByteArray post(const QByteArray &body, const QByteArray &extraHeaders = {}) {
    return "POST /apiv2/reseller.manage.json?x=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
           "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
           QByteArray::number(body.size()) + "\r\n" + extraHeaders + "\r\n" + body;
}

} // namespace

class TestSandboxRequestReader final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void wholeRequest();
    void cutAtEveryByte();
    void pipelinedRequestsInOrder();
    void continueIsAskedOncePerRequest();
    void refused_data();
    void refused();
    void headWithoutEndIsRefusedPastTheLimit();
    void overflowingInput();
    void keepAlive_data();
    void keepAlive();
    void formFields();
};

void TestSandboxRequestReader::wholeRequest() {
    SandboxRequestReader reader;
    reader.append(post("method=bounces&task=get", "X-Odd:  spaced value \r\n"));
    SandboxHttpRequest request;
    QCOMPARE(reader.next(&request), Result::Complete);
    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(request.target, QByteArray("/apiv2/reseller.manage.json?x=1"));
    QCOMPARE(request.path(), QByteArray("/apiv2/reseller.manage.json"));
    QCOMPARE(request.query(), QByteArray("x=1"));
    QCOMPARE(request.version, QByteArray("HTTP/1.1"));
    QCOMPARE(request.header("x-odd"), QByteArray("spaced value"));
    QCOMPARE(request.header("content-length"), QByteArray("23"));
    QCOMPARE(request.header("missing"), QByteArray());
    QCOMPARE(request.body, QByteArray("method=bounces&task=get"));
    QVERIFY(!reader.hasInput());
    QCOMPARE(reader.next(&request), Result::NeedMore);
}

void TestSandboxRequestReader::cutAtEveryByte() {
    const QByteArray bytes = post("user=acme&email=a%2Bb%40example.com");
    for (qsizetype cut = 0; cut < bytes.size(); ++cut) {
        SandboxRequestReader reader;
        SandboxHttpRequest request;
        reader.append(bytes.first(cut));
        QCOMPARE(reader.next(&request), Result::NeedMore);
        reader.append(bytes.sliced(cut));
        QCOMPARE(reader.next(&request), Result::Complete);
        QCOMPARE(request.body, QByteArray("user=acme&email=a%2Bb%40example.com"));
    }
}

void TestSandboxRequestReader::pipelinedRequestsInOrder() {
    SandboxRequestReader reader;
    reader.append(post("n=1") + post("n=2") + post("n=3").first(20));
    SandboxHttpRequest request;
    QCOMPARE(reader.next(&request), Result::Complete);
    QCOMPARE(request.body, QByteArray("n=1"));
    QCOMPARE(reader.next(&request), Result::Complete);
    QCOMPARE(request.body, QByteArray("n=2"));
    QCOMPARE(reader.next(&request), Result::NeedMore);
    QVERIFY(reader.hasInput());
    reader.append(post("n=3").sliced(20));
    QCOMPARE(reader.next(&request), Result::Complete);
    QCOMPARE(request.body, QByteArray("n=3"));
}

void TestSandboxRequestReader::continueIsAskedOncePerRequest() {
    const QByteArray first = post("method=profile", "Expect: 100-continue\r\n");
    const qsizetype headSize = first.indexOf("\r\n\r\n") + 4;
    SandboxRequestReader reader;
    SandboxHttpRequest request;
    reader.append(first.first(headSize));
    QCOMPARE(reader.next(&request), Result::SendContinue);
    QCOMPARE(reader.next(&request), Result::NeedMore); // asked already
    reader.append(first.sliced(headSize));
    QCOMPARE(reader.next(&request), Result::Complete);

    // The next request on the connection asks again.
    reader.append(first.first(headSize));
    QCOMPARE(reader.next(&request), Result::SendContinue);

    // A request whose body is there already needs no interim answer.
    SandboxRequestReader whole;
    whole.append(first);
    QCOMPARE(whole.next(&request), Result::Complete);
}

void TestSandboxRequestReader::refused_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("status");
    const QByteArray body(SandboxRequestReader::maxBodyBytes + 1, 'x');
    QTest::newRow("too large a body") << post(body) << 413;
    QTest::newRow("too large a head")
        << post("a=1", "X-Big: " + QByteArray(SandboxRequestReader::maxHeaderBytes, 'h') + "\r\n")
        << 431;
    QTest::newRow("chunked body") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n"
                                                "\r\n3\r\nabc\r\n0\r\n\r\n")
                                  << 501;
    QTest::newRow("lower-case method") << QByteArray("post / HTTP/1.1\r\n\r\n") << 400;
    QTest::newRow("no method") << QByteArray(" / HTTP/1.1\r\n\r\n") << 400;
    QTest::newRow("relative target") << QByteArray("GET x HTTP/1.1\r\n\r\n") << 400;
    QTest::newRow("unknown version") << QByteArray("GET / HTTP/2.0\r\n\r\n") << 400;
    QTest::newRow("extra word") << QByteArray("GET / x HTTP/1.1\r\n\r\n") << 400;
    QTest::newRow("header without colon") << QByteArray("GET / HTTP/1.1\r\nHost\r\n\r\n") << 400;
    QTest::newRow("folded header") << QByteArray("GET / HTTP/1.1\r\nA: b\r\n c\r\n\r\n") << 400;
    QTest::newRow("space in name") << QByteArray("GET / HTTP/1.1\r\nA b: c\r\n\r\n") << 400;
    QTest::newRow("negative length")
        << QByteArray("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n") << 400;
    QTest::newRow("length not a number")
        << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1x\r\n\r\n") << 400;
    QTest::newRow("two lengths that differ")
        << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab") << 400;
}

void TestSandboxRequestReader::refused() {
    QFETCH(QByteArray, bytes);
    QFETCH(int, status);
    SandboxRequestReader reader;
    reader.append(bytes);
    SandboxHttpRequest request;
    QCOMPARE(reader.next(&request), Result::Malformed);
    QCOMPARE(reader.errorStatus(), status);
}

void TestSandboxRequestReader::headWithoutEndIsRefusedPastTheLimit() {
    SandboxRequestReader reader;
    SandboxHttpRequest request;
    reader.append("GET / HTTP/1.1\r\nX-Long: ");
    reader.append(QByteArray(SandboxRequestReader::maxHeaderBytes - 100, 'h'));
    QCOMPARE(reader.next(&request), Result::NeedMore);
    reader.append(QByteArray(200, 'h'));
    QCOMPARE(reader.next(&request), Result::Malformed);
    QCOMPARE(reader.errorStatus(), 431);
}

void TestSandboxRequestReader::overflowingInput() {
    SandboxRequestReader reader;
    reader.append(QByteArray(SandboxRequestReader::maxHeaderBytes + 4, 'a'));
    reader.append(QByteArray(SandboxRequestReader::maxBodyBytes, 'b'));
    QVERIFY(!reader.isOverflowing());
    reader.append("c");
    QVERIFY(reader.isOverflowing());
    reader.clear();
    QVERIFY(!reader.isOverflowing());
    QVERIFY(!reader.hasInput());
}

void TestSandboxRequestReader::keepAlive_data() {
    QTest::addColumn<QByteArray>("version");
    QTest::addColumn<QByteArray>("connection");
    QTest::addColumn<bool>("keepAlive");
    QTest::newRow("1.1") << QByteArray("HTTP/1.1") << QByteArray() << true;
    QTest::newRow("1.1 close") << QByteArray("HTTP/1.1") << QByteArray("Close") << false;
    QTest::newRow("1.1 token list") << QByteArray("HTTP/1.1") << QByteArray("x, close") << false;
    QTest::newRow("1.0") << QByteArray("HTTP/1.0") << QByteArray() << false;
    QTest::newRow("1.0 keep-alive") << QByteArray("HTTP/1.0") << QByteArray("Keep-Alive") << true;
}

void TestSandboxRequestReader::keepAlive() {
    QFETCH(QByteArray, version);
    QFETCH(QByteArray, connection);
    QFETCH(bool, keepAlive);
    SandboxRequestReader reader;
    reader.append("GET / " + version + "\r\n" +
                  (connection.isEmpty() ? QByteArray() : "Connection: " + connection + "\r\n") +
                  "\r\n");
    SandboxHttpRequest request;
    QCOMPARE(reader.next(&request), Result::Complete);
    QCOMPARE(request.keepAlive(), keepAlive);
}

void TestSandboxRequestReader::formFields() {
    SandboxRequestReader reader;
    reader.append(post("email=a+b%2Bc%40x.org&user=one&user=two&flag&=empty"));
    SandboxHttpRequest request;
    QCOMPARE(reader.next(&request), Result::Complete);
    const QHash<QString, QString> fields = request.formFields();
    QCOMPARE(fields.value(QStringLiteral("email")), QStringLiteral("a b+c@x.org"));
    QCOMPARE(fields.value(QStringLiteral("user")), QStringLiteral("two")); // the last one wins
    QVERIFY(fields.contains(QStringLiteral("flag")));
    QCOMPARE(fields.value(QStringLiteral("flag")), QString());

    // Only a form-encoded body carries parameters, whatever it looks like.
    SandboxRequestReader json;
    json.append(
        "POST / HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 3\r\n\r\na=1");
    QCOMPARE(json.next(&request), Result::Complete);
    QVERIFY(request.formFields().isEmpty());

    QCOMPARE(SandboxHttpRequest::decodeForm("api_key=k%20y").value(QStringLiteral("api_key")),
             QStringLiteral("k y"));
}

QTEST_GUILESS_MAIN(TestSandboxRequestReader)
#include "tst_sandboxrequestreader.moc"
