#pragma once

#include "sandboxdata.h"
#include "sandboxencoding.h"
#include "sandboxratelimiter.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QMetaType>
#include <QMutex>
#include <QObject>
#include <QString>
#include <QUrl>

#include <atomic>
#include <functional>

class QTcpServer;

// What the emulator should do wrong, for the next `times` requests matching `call`.
// Faults that answer instead of the call (Http500, Http502Html, RateLimit, ErrorWith200,
// WrongCredentials, EmptyBody, Forbidden) leave the data untouched; all others let the call happen
// (a delete whose answer is delayed, truncated or reset has been done on the server). On v3 calls
// the error faults answer in v3's shapes (SandboxV3Responses::faultResponse: errors[] bodies, 429
// without Retry-After) and the body faults distort the first row.
// Hold is the tests' barrier for "in flight": the call is done at once, its answer waits for the
// test (SandboxServer::answersHeld() says it arrived, releaseHeldAnswers() lets it go); never
// released, only the client's own timeout ends the wait, so a timeout test races nothing.
struct SandboxFault {
    enum class Type {
        Delay,            // wait delayMs, then answer normally
        DripFeed,         // answer normally, the body `chunkBytes` every `delayMs`
        Truncate,         // announce the full length, close after `afterBytes` of body (streamed
                          // bodies: at the latest before the terminating chunk); `delayMs`: pause
                          // before closing, so the client shows what arrived
        Reset,            // reset (RST) the connection after `afterBytes` of body (0: before
                          // headers); `delayMs`: pause before the reset, as for Truncate
        Http500,          // 500 with an error body in the requested format
        Http502Html,      // 502 with an HTML page, as proxies send
        RateLimit,        // 429, Retry-After / X-RateLimit-* headers, `retryAfterSeconds`
        ErrorWith200,     // HTTP 200 with an error body in shape `errorShape` (0..3)
        WrongCredentials, // 401 {"error":{"code":401,"message":"Permission denied, wrong
                          // credentials"}}
        WrongContentType, // 200 with text/html content type and the normal body
        InvalidUtf8,      // the normal body with invalid UTF-8 in the first reason / name / message
        HugeField,        // the first reason (address, message) padded to `afterBytes` (0: 10 MB)
        EmptyBody,        // 200 with Content-Length: 0
        AcceptedNotDone,  // v3 only (v2: no effect): 204 without doing the call, a delete the
                          // server accepted and did not carry out (clients must confirm by reading)
        Forbidden,    // v3 only (v2: no effect): 403 {"errors":[{"message":"access forbidden"}]},
                      // as SendGrid answers a key that lacks the scope the call needs
        Hold,         // do the call, then hold the answer until releaseHeldAnswers(): all of it
                      // (`afterBytes` 0), or the rest after the headers and `afterBytes` of body
                      // (a body no longer than that goes out whole, and nothing is held)
        IgnoreOffset, // v2 customer listing only: the first page again, whatever `offset` asks
                      // (a server that does not page; the client must say its list may be short)
        MislabelledCompression, // a 200 announced as Content-Encoding: gzip, its normal body
                                // sent uncompressed (a misconfigured server or proxy)
        UnofferedCompression,   // a 200 announced as Content-Encoding: br, its normal body sent
                                // as is: a coding a streamed list's request does not offer
        CutCompressedData,      // with setCompressesBodies(): the gzip data stops short (its
                                // last bytes and trailer are never sent) while the HTTP framing
                                // ends properly; an answer not compressed goes out as usual
    };
    Type type = Type::Delay;
    QString call; // "bounces.get", "bounces.delete", "profile.get", v3: "v3.bounces.get",
                  // "v3.bounces.delete", "v3.subusers.get" (SandboxV3Route::callName); empty: any
    // Only calls for this customer: v2 the `user` parameter; v3 the on-behalf-of value as sent
    // ("acme", "account-id sg…"), or parentTenant() for the parent's own. Empty: any.
    QString tenant;
    static QString parentTenant() { return QStringLiteral("(parent)"); }
    // v3: only requests whose query string holds this item as sent ("offset=500": one page of
    // a list). Empty: any.
    QString queryItem;
    int times = 1; // how many matching requests it applies to; -1: until cleared
    int delayMs = 0;
    int chunkBytes = 64;
    qint64 afterBytes = 0;
    int retryAfterSeconds = 1;
    int errorShape = 0;
};

// One request as the emulator understood it (for tests: what was sent). Never holds the key.
struct SandboxRequest {
    QString api = QStringLiteral("v2"); // "v2" or "v3" (the path starts with /v3/)
    QString path;               // e.g. /apiv2/reseller.manage.json (without any query string)
    QString query;              // v3: the query string as sent (still percent-encoded)
    QString onBehalfOf;         // v3: the on-behalf-of header as sent; empty for the parent
    QString httpMethod;         // v2: POST; anything else was answered 405
    QString contentType;        // as sent; only application/x-www-form-urlencoded bodies are read
    QString format;             // json / xml; empty for an unknown path
    QString method;             // bounces / profile; v3: SandboxV3Route::resource() (bounces, …)
    QString task;               // get / delete; v3: get / delete / add
    QString user;               // customer; v3: the same as onBehalfOf
    QString email;              // delete target, decoded exactly as the server decodes it; v3: the
                                // address in the path
    bool withDate = false;      // date=1
    bool authenticated = false; // v3: Authorization: Bearer with the server's key
    bool keyInQuery = false;    // the URL's query string named api_key: a client bug
    // Answers whose status line the emulator had written when this request arrived: requests
    // with 0 were sent before the client could have seen any answer's headers (tests of the
    // v3 client's bound on requests in flight before the rate-limit headers are known).
    int answersBegunBefore = 0;
    QString call() const {
        const QString name = method + QLatin1Char('.') + task;
        return api == QLatin1String("v3") ? QStringLiteral("v3.") + name : name;
    }
};

// Which SendGrid host the emulator plays for v3: a subuser pinned to the other region is
// answered 403 (the parent account is answered on either; customer accounts are global). Both: one
// port serves both regions (tests, `bouncedesk sandbox`, the demo).
enum class SandboxRegion { Global, Eu, Both };

// A loopback emulator of SendGrid's v2 reseller endpoint, and of the v3 API under /v3/ on the
// same port (api-v3-notes.md §2: Bearer key, on-behalf-of tenants, the six lists, subusers,
// customer accounts, rate-limit headers; answers in SandboxV3Responses). It is a small HTTP/1.1
// server on QTcpServer (the pattern of Qt's own network tests), serving reseller.manage.json / .xml
// from SandboxData, with faults on demand. Used by the tests, `bouncedesk sandbox` and the
// window's demo mode. Large lists are generated while they are sent, never held whole
// (Transfer-Encoding: chunked); every other body has a Content-Length.
// Answers: unknown path 404, other than POST 405, unreadable request 400 (and close); wrong
// credentials 401; missing/unknown parameters and unknown customers ("User does not exist")
// 400 with {"message":"error","errors":["…"]} (XML: <result><message>error</message>…);
// deleting an address not on the list 200 {"message":"Email does not exist"}. Parameters are
// read only from an application/x-www-form-urlencoded body, never from the URL.
// With setTlsCertificate() it serves https instead (QSslServer: a connection is handed over, and
// counted, once its handshake succeeded; a failed handshake leaves no trace but the client's
// error), so the tests and the benchmark can use the transport SendGrid is reached by.
// Lives in one thread (it may be moved to a worker thread before it gets requests); faults
// and the request log may be used from any thread.
class SandboxServer final : public QObject {
    Q_OBJECT
public:
    explicit SandboxServer(QObject *parent = nullptr);
    ~SandboxServer() override;

    // Listens on 127.0.0.1 (port 0: any free port). False with errorString() on failure.
    bool listen(quint16 port = 0, const QHostAddress &address = QHostAddress::LocalHost);
    QString errorString() const;
    quint16 port() const;
    QUrl baseUrl() const;   // http://127.0.0.1:PORT/apiv2/ (https with TLS)
    QUrl v3BaseUrl() const; // http://127.0.0.1:PORT/ (the base before v3/, as SendGrid's)

    // Serve https with this certificate (PEM: the server's own first, any chain after) and its
    // unencrypted private key (PEM, RSA or EC). Before listen(). False, with *error saying which
    // part could not be used (never any of the key's text), when either is not usable or no TLS
    // backend can be loaded; the server then stays as it was.
    bool setTlsCertificate(const QByteArray &certificatePem, const QByteArray &keyPem,
                           QString *error = nullptr);
    bool usesTls() const;

    static QString demoUser() { return QStringLiteral("demo-reseller"); }
    static QString demoKey() { return QStringLiteral("demo-key"); }
    // v2: api_user + api_key; v3: Authorization: Bearer KEY with the same key.
    void setCredentials(const QString &user, const QString &key);

    // v3: the region served (default Both).
    void setRegionServed(SandboxRegion region);
    SandboxRegion regionServed() const;
    // v3 rate limit per endpoint (call name); default 10,000 per second. A null clock is the
    // wall clock; tests inject one (milliseconds since the epoch) and step it.
    void setRateLimit(int requests, int windowSeconds);
    void setClock(std::function<qint64()> msSinceEpoch);
    // v3 requests answered 429 because their endpoint's limit was spent (not injected faults).
    int rateLimitRefusals() const;
    // v3 strict mode: a GET without an Accept header is answered 406, as SendGrid's generic
    // docs say (default off: QNetworkAccessManager sends none unless told).
    void setRequireAccept(bool require);
    bool requireAccept() const;
    // Added to every answer, v2 and v3, before its first byte (benchmarks); default 0.
    void setLatencyMs(int ms);
    int latencyMs() const;
    // The largest chunk of a streamed (generated) body, in bytes; 0 (default): each piece as it
    // is produced, up to 256 KiB. Many web frameworks send a chunk of a few KB, or one per write:
    // the benchmark measures the export against such a server too.
    void setStreamChunkBytes(int bytes);
    int streamChunkBytes() const;
    // Answers with a body go out gzip-compressed (Content-Encoding: gzip) to a request that
    // offers gzip, as SendGrid or a proxy in front of it may answer; default off. Wire faults
    // then count compressed bytes. compressedAnswers(): how many went out so (proof for tests).
    void setCompressesBodies(bool compress);
    bool compressesBodies() const;
    int compressedAnswers() const;

    SandboxData &data() { return m_data; }
    const SandboxData &data() const { return m_data; }

    // XML as ISO-8859-1 (with that declaration) instead of UTF-8.
    enum class XmlEncoding { Utf8, Latin1 };
    void setXmlEncoding(XmlEncoding encoding);
    // JSON with non-ASCII as backslash-u escapes and "/" escaped, as PHP's json_encode writes it.
    void setJsonAsciiOnly(bool asciiOnly);
    SandboxEncoding encoding() const { return m_encoding; }

    void addFault(const SandboxFault &fault);
    void clearFaults();

    // Hold faults: answers held so far (counted once each, when the call has been done and its
    // answer starts waiting, after its first `afterBytes` of body were handed to the socket: the
    // barrier for "the request is at the server" / "the answer is under way"), and the release of
    // every answer held at that moment (later matching requests are held again while the fault
    // lasts: clear it first to let everything through). Both may be called from any thread.
    int answersHeld() const;
    void releaseHeldAnswers();

    QList<SandboxRequest> requests() const;
    void clearRequests();
    // TCP connections accepted so far (keep-alive: several requests share one).
    int connectionsAccepted() const;
    // Chunks of streamed (generated) bodies written so far: proof, from what the emulator wrote,
    // that a large list went out in pieces rather than as one body held whole.
    qint64 streamedChunksWritten() const;

Q_SIGNALS:
    void requestReceived(const SandboxRequest &request);
    // From releaseHeldAnswers(): each connection holding an answer sends it (in its own thread).
    void heldAnswersReleased();

private:
    friend class SandboxConnection;
    bool takeFault(const QString &call, const QString &tenant, const QString &query,
                   SandboxFault *fault);
    void record(const SandboxRequest &request);
    bool credentialsMatch(const QString &user, const QString &key) const;
    void countStreamedChunk();
    void countAnswerBegun();
    void countAnswerHeld();
    void countCompressedAnswer();
    bool bearerMatches(const QByteArray &authorization) const;
    SandboxRateLimiter &rateLimiter() { return m_rateLimiter; }
    void adopt(QTcpServer *listener);

    QTcpServer *m_server; // a QSslServer with TLS
    SandboxData m_data;
    SandboxEncoding m_encoding;
    QString m_user = demoUser();
    QString m_key = demoKey();
    SandboxRateLimiter m_rateLimiter;
    std::atomic<int> m_region{int(SandboxRegion::Both)};
    std::atomic<int> m_latencyMs{0};
    std::atomic<int> m_streamChunkBytes{0};
    std::atomic<bool> m_requireAccept{false};
    std::atomic<bool> m_compressesBodies{false};
    mutable QMutex m_mutex; // guards the faults, the request log and the counters
    QList<SandboxFault> m_faults;
    QList<SandboxRequest> m_requests;
    int m_connections = 0;
    qint64 m_streamedChunks = 0;
    int m_answersBegun = 0;
    int m_answersHeld = 0;
    int m_compressedAnswers = 0;
};

Q_DECLARE_METATYPE(SandboxFault)
Q_DECLARE_METATYPE(SandboxRequest)
