#pragma once

#include "apierror.h"
#include "apisettings.h"
#include "keyredactor.h"

#include <QByteArray>
#include <QList>
#include <QNetworkReply>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <memory>
#include <vector>

class BodyInflater;

class QNetworkAccessManager;
class QNetworkRequest;
class QTimer;
class TransferWatchdog;

using FormFields = QList<QPair<QString, QString>>;

// One request of the v3 API: its method, whole URL, headers of its own (on-behalf-of) and an
// optional JSON body. The key travels only as "Authorization: Bearer", set by ApiCall.
struct ApiRequest {
    QByteArray method = QByteArrayLiteral("GET");
    QUrl url;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray jsonBody; // sent with Content-Type: application/json when not empty
};

// What an answer said of the server's rate limit (X-RateLimit-Limit / -Remaining / -Reset);
// -1 for a header that was absent or not a number. Reset is in epoch seconds.
struct RateLimitHeaders {
    qint64 limit = -1;
    qint64 remaining = -1;
    qint64 reset = -1;
    bool seen() const { return remaining >= 0; }
};

// Form-encodes fields for application/x-www-form-urlencoded, percent-encoding every byte that
// is not unreserved — so a '+' in an address arrives as a '+', not as a space.
QByteArray encodeForm(const FormFields &fields);

// One logical POST to reseller.manage (v2), or one request of the v3 API, with the policy every
// call shares: credentials in the body (v2) or the Authorization header (v3), never the URL, a
// transfer timeout told apart from a user abort, retries with backoff for 5xx and connection
// failures, waiting out 429 (Retry-After / X-RateLimit-Reset), and a body that is judged (status,
// content type, error shapes) before anyone treats it as data. Every call of either API is
// idempotent (get reads, delete of a gone address says so), which is what makes retrying after a
// timeout or a reset safe. A v3 "204 No Content" is a success with an empty body.
//
// In streaming mode the body is handed out chunk by chunk (bodyChunk) once the status and
// content type say it is data; a retry is then only attempted while no chunk was handed out.
// In buffered mode the whole body (bounded) arrives with succeeded().
//
// Exactly one of succeeded() / failed() is emitted, unless cancel() was called, after which
// nothing is emitted. Signals are never emitted from inside start(). The call deletes itself
// later after finishing or cancelling.
class ApiCall final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiCall)
public:
    enum class Mode { Buffered, Streaming };

    ApiCall(QNetworkAccessManager *network, const ApiSettings &settings, FormFields fields,
            Mode mode, QObject *parent = nullptr);
    // A v3 request; `settings` gives the key, the limits, and the base URL named in messages.
    ApiCall(QNetworkAccessManager *network, const ApiSettings &settings, ApiRequest request,
            Mode mode, QObject *parent = nullptr);
    ~ApiCall() override;

    void start();
    void cancel(); // silent: no further signals
    // Streaming: stops handing out chunks until resumed. The reply's buffer is bounded
    // (streamingReadBufferBytes), so a paused call stops the download rather than buffering
    // the body; what arrived meanwhile goes out on resuming. The end of the body is always
    // handed out, paused or not.
    void setReadingPaused(bool paused);
    int attempts() const { return m_attempt; }
    // True once any attempt ended in a way that leaves open whether the server acted on the
    // request (timeout, connection reset or closed after sending, a gateway error, a 2xx whose
    // body cannot be read): a delete that then fails is "unconfirmed", not "not done".
    bool requestMayHaveArrived() const { return m_mayHaveArrived; }

    static constexpr int defaultTransferTimeoutMs = 60'000;
    static constexpr qsizetype maxBufferedBody = 64 * 1024 * 1024;
    // What a streaming reply buffers ahead of its reader: enough to keep a loopback link busy
    // (an unbounded buffer makes Qt 6.4 slower, not faster), little enough to be no memory,
    // and what makes a paused reader stop the download.
    static constexpr qint64 streamingReadBufferBytes = 1024 * 1024;
    // A body that is not data (an error page) is kept only this far: enough for any message.
    static constexpr qsizetype maxErrorBody = 1024 * 1024;

Q_SIGNALS:
    void bodyChunk(const QByteArray &chunk); // streaming mode only
    void succeeded(const QByteArray &body);  // buffered: the body; streaming: empty
    void failed(const ApiError &error);
    // Before each further attempt. `serverAsked`: the wait is the server's (Retry-After or
    // X-RateLimit-Reset, capped), not our own short backoff, and may be long enough to tell.
    void retrying(int attempt, int delayMs, const QString &why, bool serverAsked);
    // Every attempt's answer, before it is judged: the status and the rate-limit headers.
    void answered(int httpStatus, const RateLimitHeaders &rateLimit);

private:
    void sendAttempt();
    void onReadyRead(QNetworkReply *reply);
    void onFinished(QNetworkReply *reply);
    void judgeHeaders(QNetworkReply *reply); // sets m_bodyIsData
    // `ended`: the reply finished; its whole rest is taken, paused or not.
    void takeBody(QNetworkReply *reply, bool ended = false);
    void streamBody(QNetworkReply *reply, bool evenIfPaused);
    // The next piece of a streamed body into `buffer`: read as it came, or inflated
    // (m_inflater). `size` 0 when nothing is ready; false when the call failed (a body that did
    // not decompress).
    bool nextStreamedPiece(QNetworkReply *reply, QByteArray *buffer, qint64 *size);
    void keepErrorBody(const QByteArray &chunk); // an error page, inflated if it came compressed
    // A successful answer's body that cannot be read as it came: the call fails with `error`.
    void failBody(const ApiError &error);
    QByteArray *freeReadBuffer();
    void finishWith(ApiError error);
    void succeed();
    int transferTimeoutMs() const; // the settings', or the default
    void dropReply();              // silently: disconnect, abort, deleteLater
    void failSoon(const ApiError &error);
    // Ends the current attempt now, as if its reply had finished with `why`.
    void endAttempt(QNetworkReply::NetworkError why);
    QNetworkReply *sendV3(QNetworkRequest &request);

    QNetworkAccessManager *m_network;
    ApiSettings m_settings;
    std::shared_ptr<const KeyRedactor> m_redactor; // every message and buffered body pass it
    FormFields m_fields;
    ApiRequest m_request;
    bool m_v3 = false; // m_request is what is sent, not m_fields
    Mode m_mode;
    QByteArray m_requestBody;
    QPointer<QNetworkReply> m_reply;
    QTimer *m_retryTimer;
    TransferWatchdog *m_watchdog; // the transfer timeout, per attempt
    QByteArray m_buffer;          // buffered mode, or a streaming body that is not data
    // Streaming: the buffers chunks are read into, each used again once its receivers let go.
    // Pieces smaller than the reply's buffer, so that the memory a load touches follows the
    // bytes in flight (the flow control's 2 MiB, BounceLoadWorker), not the number of chunks:
    // in this virtual machine every page touched for the first time costs ~10 µs.
    static constexpr qint64 readPieceBytes = 128 * 1024;
    static constexpr std::size_t maxReadBuffers = 16; // 2 MiB
    std::vector<QByteArray> m_readBuffers;
    QString m_sslErrors;          // the certificate errors of the current attempt
    bool m_headersJudged = false; // per attempt
    bool m_bodyIsData = false;    // 2xx with a JSON/XML content type: data, not an error page
    // Streaming: a body that came compressed is inflated here, not by Qt (BodyInflater says
    // why); m_coding names the coding, also one this class cannot read.
    std::unique_ptr<BodyInflater> m_inflater;
    QByteArray m_coding;
    bool m_emittedChunks = false;
    bool m_started = false;
    bool m_finished = false;
    bool m_cancelled = false;
    bool m_mayHaveArrived = false;
    bool m_readingPaused = false;
    // Why endAttempt() ended the current attempt; NoError: it ended by itself.
    QNetworkReply::NetworkError m_endedWith = QNetworkReply::NoError;
    int m_attempt = 0;
    qint64 m_bytesReceived = 0; // body bytes of the current attempt
};
