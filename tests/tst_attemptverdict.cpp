// The call policy on the facts of one attempt, without a server: which endings succeed, which
// are tried again and after how long, which may have reached the server, and what the error
// says. tst_apicall shows the same policy through real replies.

#include "api/attemptverdict.h"

#include <QtTest>

namespace {

using Next = AttemptVerdict::Next;
using Kind = ApiError::Kind;

ApiSettings settings() {
    ApiSettings s;
    s.baseUrl = QUrl(QStringLiteral("https://api.example.test/apiv2/"));
    s.apiUser = QStringLiteral("user");
    s.apiKey = QStringLiteral("secret-key");
    s.maxAttempts = 4;
    s.retryBaseDelayMs = 500;
    s.maxRetryDelayMs = 30'000;
    return s;
}

// An answer whose head and body arrived, as Qt reports it.
AttemptFacts answer(int status, const QByteArray &body,
                    const QByteArray &contentType = "application/json") {
    AttemptFacts facts;
    facts.httpStatus = status;
    facts.contentType = contentType;
    facts.body = body;
    facts.bytesReceived = body.size();
    facts.announcedLength = body.size();
    facts.transferTimeoutMs = 60'000;
    facts.nowMs = 1'700'000'000'000;
    return facts;
}

// An attempt that ended below HTTP, after `bytes` of body (and a head, when `status` is set).
AttemptFacts broken(QNetworkReply::NetworkError error, qint64 bytes = 0, int status = 0) {
    AttemptFacts facts = answer(status, {}, {});
    facts.networkError = error;
    facts.networkErrorText = QStringLiteral("Qt's words");
    facts.bytesReceived = bytes;
    facts.announcedLength = -1;
    return facts;
}

AttemptFacts with(AttemptFacts facts, const std::function<void(AttemptFacts &)> &change) {
    change(facts);
    return facts;
}

struct Expected {
    Next next = Next::Succeed;
    Kind kind = Kind::None;
    bool retryable = false;
    bool mayHaveArrived = false;
    int delayMs = 0;
    bool serverAsked = false;
    int httpStatus = 0;
    QString detail; // a part of the error's detail
    QString words;  // the server's words, exactly
};

Expected fails(Kind kind, int status, QString detail = {}, QString words = {}) {
    Expected e;
    e.next = Next::Fail;
    e.kind = kind;
    e.httpStatus = status;
    e.detail = std::move(detail);
    e.words = std::move(words);
    return e;
}

Expected retries(Kind kind, int status, int delayMs, QString detail = {}) {
    Expected e = fails(kind, status, std::move(detail));
    e.next = Next::Retry;
    e.retryable = true;
    e.delayMs = delayMs;
    return e;
}

Expected arrived(Expected e) {
    e.mayHaveArrived = true;
    return e;
}

Expected askedByServer(Expected e) {
    e.serverAsked = true;
    return e;
}

Expected retryableButFails(Expected e) {
    e.next = Next::Fail;
    e.delayMs = 0;
    return e;
}

} // namespace

Q_DECLARE_METATYPE(AttemptFacts)
Q_DECLARE_METATYPE(Expected)

class TestAttemptVerdict final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void verdict_data();
    void verdict();
    void backoffDoublesUpToTheCap();
    void oneAttemptAtLeast();
};

void TestAttemptVerdict::verdict_data() {
    QTest::addColumn<AttemptFacts>("facts");
    QTest::addColumn<Expected>("expected");

    const QByteArray list = R"([{"username":"acme"}])";
    const auto attempt = [](int number) {
        return [number](AttemptFacts &f) { f.attempt = number; };
    };
    const auto streaming = [](AttemptFacts &f) {
        f.buffered = false;
        f.chunksHandedOut = true;
        f.body.clear();
    };
    const auto header = [](QByteArray AttemptFacts::*field, QByteArray value) {
        return [field, value](AttemptFacts &f) { f.*field = value; };
    };

    // Success.
    QTest::newRow("200 with data") << answer(200, list) << Expected();
    QTest::newRow("200 streamed out in chunks") << with(answer(200, list), streaming) << Expected();
    QTest::newRow("200 any data label")
        << answer(200, list, "text/plain; charset=utf-8") << Expected();

    // An OK answer that is not data.
    QTest::newRow("200 cut short of its length")
        << with(answer(200, list), [](AttemptFacts &f) { f.announcedLength = 100; })
        << arrived(retries(Kind::Truncated, 200, 500, QStringLiteral("api.example.test")));
    QTest::newRow("200 cut, retries used up")
        << with(with(answer(200, list), [](AttemptFacts &f) { f.announcedLength = 100; }),
                attempt(4))
        << arrived(retryableButFails(retries(Kind::Truncated, 200, 0)));
    QTest::newRow("200 cut after chunks went out")
        << with(with(answer(200, list),
                     [](AttemptFacts &f) {
                         f.announcedLength = 100;
                         f.bytesReceived = 40;
                     }),
                streaming)
        << arrived(retryableButFails(retries(Kind::Truncated, 200, 0)));
    QTest::newRow("200 chunked JSON ends mid-document")
        << with(answer(200, R"([{"username":"acme"},)"),
                [](AttemptFacts &f) { f.announcedLength = -1; })
        << arrived(retries(Kind::Truncated, 200, 500));
    // Whole by its length: passed on, and the page's parser says what is wrong with it.
    QTest::newRow("200 ends mid-document at its announced length")
        << answer(200, R"([{"username":"acme"},)") << Expected();
    QTest::newRow("200 with an error shape")
        << answer(200, R"({"error":"Invalid parameter: limit"})")
        << fails(Kind::Server, 200, {}, QStringLiteral("Invalid parameter: limit"));
    QTest::newRow("200 with wrong credentials")
        << answer(200, R"({"error":{"code":401,"message":"Permission denied, wrong credentials"}})")
        << fails(Kind::Authentication, 200, {},
                 QStringLiteral("Permission denied, wrong credentials"));
    QTest::newRow("200 HTML page")
        << answer(200, "<html><title>Maintenance</title></html>", "text/html")
        << arrived(fails(Kind::BadResponse, 200, QStringLiteral("Maintenance")));
    QTest::newRow("200 HTML page without a content type")
        << answer(200, "<!DOCTYPE html><p>hi</p>", "")
        << arrived(fails(Kind::BadResponse, 200, QStringLiteral("an HTML page instead of data")));
    QTest::newRow("200 image") << answer(200, "GIF89a", "image/gif")
                               << arrived(fails(Kind::BadResponse, 200,
                                                QStringLiteral("\u201cimage/gif\u201d")));
    QTest::newRow("200 empty body")
        << answer(200, "") << arrived(fails(Kind::BadResponse, 200, QStringLiteral("empty body")));
    // How Qt 6.4 hands over a body it could not unframe: an empty success.
    QTest::newRow("200 chunked, nothing readable")
        << with(answer(200, ""), [](AttemptFacts &f) { f.chunked = true; })
        << arrived(fails(Kind::BadResponse, 200, QStringLiteral("invalid chunk size")));
    QTest::newRow("200 gzip that does not decompress")
        << with(answer(200, ""), [](AttemptFacts &f) { f.contentEncoding = "gzip"; })
        << arrived(fails(Kind::BadResponse, 200, QStringLiteral("(gzip) and did not decompress")));
    // How Qt 6.4 reports a body labelled compressed that is not: UnknownContentError beside the
    // 200, with the undecoded rest of the body in hand (never quoted: it is not the body).
    const auto decompressionFailed = [](const char *coding) {
        return [coding](AttemptFacts &f) {
            f.networkError = QNetworkReply::UnknownContentError;
            f.networkErrorText = QStringLiteral("Decompression failed: ");
            f.contentEncoding = coding;
        };
    };
    QTest::newRow("200 gzip, Qt: decompression failed")
        << with(answer(200, "son\":\"no such user\"}]", "application/json"),
                decompressionFailed("gzip"))
        << arrived(fails(Kind::BadResponse, 200,
                         QStringLiteral("announced as compressed (gzip) and did not decompress: "
                                        "it was sent uncompressed or damaged")));
    QTest::newRow("200 deflate, Qt: decompression failed, nothing in hand")
        << with(answer(200, ""), decompressionFailed(" Deflate "))
        << arrived(fails(Kind::BadResponse, 200, QStringLiteral("(Deflate) and did not")));
    // Qt's UnknownContentError for a status it has no name for: the server's words still count.
    QTest::newRow("422 compressed, UnknownContentError")
        << with(answer(422, R"({"errors":[{"message":"bad email"}]})", "application/json"),
                decompressionFailed("gzip"))
        << fails(Kind::Server, 422, {}, QStringLiteral("bad email"));

    // The server's errors.
    QTest::newRow("500 backoff on attempt 1") << answer(500, "") << retries(Kind::Http, 500, 500);
    QTest::newRow("500 backoff on attempt 3")
        << with(answer(500, ""), attempt(3)) << retries(Kind::Http, 500, 2000);
    QTest::newRow("500 retries used up")
        << with(answer(500, ""), attempt(4)) << retryableButFails(retries(Kind::Http, 500, 0));
    QTest::newRow("408") << answer(408, "") << retries(Kind::Http, 408, 500);
    QTest::newRow("502 gateway may have passed it on")
        << answer(502, "<html><title>502 Bad Gateway</title></html>", "text/html")
        << arrived(retries(Kind::BadResponse, 502, 500, QStringLiteral("502 Bad Gateway")));
    QTest::newRow("504 gateway") << answer(504, "") << arrived(retries(Kind::Http, 504, 500));
    QTest::newRow("503 with Retry-After")
        << with(answer(503, ""), header(&AttemptFacts::retryAfter, "2"))
        << askedByServer(retries(Kind::Http, 503, 2000));
    QTest::newRow("503 ignores X-RateLimit-Reset")
        << with(answer(503, ""), header(&AttemptFacts::rateLimitReset, "1700000009"))
        << retries(Kind::Http, 503, 500);
    QTest::newRow("429 without a wait") << answer(429, "") << retries(Kind::RateLimited, 429, 500);
    QTest::newRow("429 Retry-After seconds")
        << with(answer(429, ""), header(&AttemptFacts::retryAfter, " 7 "))
        << askedByServer(retries(Kind::RateLimited, 429, 7000));
    QTest::newRow("429 Retry-After date")
        << with(with(answer(429, ""),
                     header(&AttemptFacts::retryAfter, "Tue, 14 Nov 2023 22:13:23 GMT")),
                [](AttemptFacts &f) { f.nowMs = 1'700'000'000'000; })
        << askedByServer(retries(Kind::RateLimited, 429, 3000));
    QTest::newRow("429 Retry-After unreadable")
        << with(answer(429, ""), header(&AttemptFacts::retryAfter, "soon"))
        << retries(Kind::RateLimited, 429, 500);
    QTest::newRow("429 X-RateLimit-Reset epoch")
        << with(answer(429, ""), header(&AttemptFacts::rateLimitReset, "1700000005"))
        << askedByServer(retries(Kind::RateLimited, 429, 5000));
    QTest::newRow("429 X-RateLimit-Reset seconds")
        << with(answer(429, ""), header(&AttemptFacts::rateLimitReset, "4"))
        << askedByServer(retries(Kind::RateLimited, 429, 4000));
    QTest::newRow("429 wait capped")
        << with(answer(429, ""), header(&AttemptFacts::retryAfter, "3600"))
        << askedByServer(retries(Kind::RateLimited, 429, 30'000));
    QTest::newRow("429 wait in the past")
        << with(answer(429, ""), header(&AttemptFacts::retryAfter, "0"))
        << retries(Kind::RateLimited, 429, 500);
    QTest::newRow("429 retries used up")
        << with(answer(429, R"({"errors":["slow down"]})"), attempt(4)) << [] {
               Expected e = retryableButFails(retries(Kind::RateLimited, 429, 0));
               e.words = QStringLiteral("slow down");
               return e;
           }();
    QTest::newRow("400 API error")
        << answer(400, R"({"message":"error","errors":["User does not exist"]})")
        << fails(Kind::Server, 400, {}, QStringLiteral("User does not exist"));
    QTest::newRow("401 plain") << answer(401, "") << fails(Kind::Authentication, 401);
    QTest::newRow("403 HTML") << answer(403, "<html><title>Forbidden</title></html>", "text/html")
                              << fails(Kind::Authentication, 403, QStringLiteral("Forbidden"));
    QTest::newRow("302 redirect") << answer(302, "")
                                  << fails(Kind::Http, 302,
                                           QStringLiteral("redirects are not followed"));
    QTest::newRow("404 text") << answer(404, "Not here", "text/plain")
                              << fails(Kind::Http, 404, QStringLiteral("Not here"));
    QTest::newRow("404 as Qt reports it") << with(answer(404, ""), [](AttemptFacts &f) {
        f.networkError = QNetworkReply::ContentNotFoundError;
    }) << fails(Kind::Http, 404);

    // Below HTTP.
    QTest::newRow("timeout before an answer")
        << broken(QNetworkReply::OperationCanceledError)
        << arrived(retries(Kind::Timeout, 0, 500,
                           QStringLiteral("no answer from api.example.test within 60 s")));
    QTest::newRow("timeout in mid-body")
        << broken(QNetworkReply::TimeoutError, 2048, 200)
        << arrived(retries(Kind::Timeout, 0, 500, QStringLiteral("no data for 60 s after")));
    QTest::newRow("refused") << broken(QNetworkReply::ConnectionRefusedError)
                             << retries(Kind::Network, 0, 500, QStringLiteral("refused"));
    QTest::newRow("host not found")
        << broken(QNetworkReply::HostNotFoundError)
        << fails(Kind::Network, 0, QStringLiteral("the host api.example.test was not found"));
    QTest::newRow("closed before an answer")
        << broken(QNetworkReply::RemoteHostClosedError)
        << arrived(retries(Kind::Network, 0, 500, QStringLiteral("before an answer arrived")));
    QTest::newRow("reset in mid-body keeps the status")
        << broken(QNetworkReply::RemoteHostClosedError, 500, 200)
        << arrived(retries(Kind::Truncated, 200, 500, QStringLiteral("answer was complete")));
    QTest::newRow("reset after chunks went out")
        << with(broken(QNetworkReply::RemoteHostClosedError, 500, 200), streaming)
        << arrived(retryableButFails(retries(Kind::Truncated, 200, 0)));
    QTest::newRow("TLS handshake")
        << with(broken(QNetworkReply::SslHandshakeFailedError),
                [](AttemptFacts &f) { f.sslErrors = QStringLiteral("The certificate expired"); })
        << fails(Kind::Tls, 0, QStringLiteral("The certificate expired"));
    QTest::newRow("TLS handshake in Qt's words")
        << broken(QNetworkReply::SslHandshakeFailedError)
        << fails(Kind::Tls, 0, QStringLiteral("Qt's words"));
    QTest::newRow("other network error") << broken(QNetworkReply::ProxyNotFoundError)
                                         << fails(Kind::Network, 0, QStringLiteral("Qt's words"));
}

void TestAttemptVerdict::verdict() {
    QFETCH(AttemptFacts, facts);
    QFETCH(Expected, expected);
    const AttemptVerdict verdict = judgeAttempt(facts, settings());
    QCOMPARE(verdict.next, expected.next);
    QCOMPARE(verdict.error.kind, expected.kind);
    QCOMPARE(verdict.retryable, expected.retryable);
    QCOMPARE(verdict.mayHaveArrived, expected.mayHaveArrived);
    QCOMPARE(verdict.delayMs, expected.delayMs);
    QCOMPARE(verdict.serverAsked, expected.serverAsked);
    if (expected.next == Next::Succeed)
        return;
    QCOMPARE(verdict.error.httpStatus, expected.httpStatus);
    if (!expected.detail.isEmpty() && !verdict.error.detail.contains(expected.detail))
        QFAIL(qPrintable(QStringLiteral("detail \u201c%1\u201d lacks \u201c%2\u201d")
                             .arg(verdict.error.detail, expected.detail)));
    QCOMPARE(verdict.error.serverMessage, expected.words);
    if (verdict.error.kind == Kind::Truncated || verdict.error.kind == Kind::Timeout)
        QCOMPARE(verdict.error.bytesReceived, facts.bytesReceived);
}

void TestAttemptVerdict::backoffDoublesUpToTheCap() {
    const ApiSettings s = settings();
    QCOMPARE(backoffDelayMs(1, s), 500);
    QCOMPARE(backoffDelayMs(2, s), 1000);
    QCOMPARE(backoffDelayMs(4, s), 4000);
    QCOMPARE(backoffDelayMs(7, s), 30'000);
    QCOMPARE(backoffDelayMs(1000, s), 30'000); // no overflow
    QCOMPARE(backoffDelayMs(0, s), 500);
}

void TestAttemptVerdict::oneAttemptAtLeast() {
    ApiSettings s = settings();
    s.maxAttempts = 0;
    QCOMPARE(judgeAttempt(answer(500, ""), s).next, Next::Fail);
    s.maxAttempts = 2;
    QCOMPARE(judgeAttempt(answer(500, ""), s).next, Next::Retry);
    QCOMPARE(judgeAttempt(with(answer(500, ""), [](AttemptFacts &f) { f.attempt = 2; }), s).next,
             Next::Fail);
}

QTEST_GUILESS_MAIN(TestAttemptVerdict)
#include "tst_attemptverdict.moc"
