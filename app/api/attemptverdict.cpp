#include "attemptverdict.h"

#include "core/quantitytext.h"
#include "parse/apierrorshapes.h"
#include "parse/bodysyntax.h"
#include "parse/contenttype.h"

#include <QDateTime>
#include <QLocale>
#include <QTimeZone>

#include <algorithm>

namespace {

QString secondsText(int ms) {
    return QLocale::c().toString(ms / 1000.0, 'g', 3) + QStringLiteral(" s");
}

// Retry-After is either delta-seconds or an HTTP date ("Sun, 06 Nov 1994 08:49:37 GMT").
qint64 retryAfterMs(const QByteArray &value, qint64 nowMs) {
    bool ok = false;
    const qint64 seconds = value.trimmed().toLongLong(&ok);
    if (ok)
        return seconds * 1000;
    QString text = QString::fromLatin1(value).trimmed();
    if (text.endsWith(QStringLiteral(" GMT")) || text.endsWith(QStringLiteral(" UTC")))
        text.chop(4);
    const QDateTime parsed =
        QLocale::c().toDateTime(text, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss"));
    if (!parsed.isValid())
        return -1;
    const QDateTime utc(parsed.date(), parsed.time(), QTimeZone::utc());
    return utc.toMSecsSinceEpoch() - nowMs;
}

// X-RateLimit-Reset is epoch seconds; small values are taken as seconds from now.
qint64 rateLimitResetMs(const QByteArray &value, qint64 nowMs) {
    bool ok = false;
    const qint64 reset = value.trimmed().toLongLong(&ok);
    if (!ok)
        return -1;
    if (reset < 1'000'000'000)
        return reset * 1000;
    return reset * 1000 - nowMs;
}

// Errors below the HTTP layer: no complete answer of the server's own arrived.
bool isTransportError(QNetworkReply::NetworkError error) {
    return error < QNetworkReply::ContentAccessDenied || error == QNetworkReply::ProtocolFailure;
}

struct Judgement {
    ApiError error;
    bool retryable = false;
    bool mayHaveArrived = false;
};

Judgement judgeTransportFailure(const AttemptFacts &facts, const QString &host) {
    const QString timeout = secondsText(facts.transferTimeoutMs);
    Judgement judged;
    ApiError &error = judged.error;
    switch (facts.networkError) {
    case QNetworkReply::TimeoutError:           // ApiCall's TransferWatchdog ended the attempt
    case QNetworkReply::OperationCanceledError: // Qt 6.4's own transfer timeout, if one were set
        judged.mayHaveArrived = true;
        judged.retryable = true;
        error = facts.bytesReceived > 0
                    ? ApiError::make(ApiError::Kind::Timeout,
                                     QStringLiteral("no data for %1 after %2 had arrived, so "
                                                    "the answer is incomplete")
                                         .arg(timeout, sizeText(facts.bytesReceived)))
                    : ApiError::make(ApiError::Kind::Timeout,
                                     QStringLiteral("no answer from %1 within %2 "
                                                    "(transfer timeout)")
                                         .arg(host, timeout));
        break;
    case QNetworkReply::ConnectionRefusedError:
        judged.retryable = true;
        error = ApiError::make(ApiError::Kind::Network,
                               QStringLiteral("%1 refused the connection").arg(host));
        break;
    case QNetworkReply::HostNotFoundError:
        error = ApiError::make(ApiError::Kind::Network,
                               QStringLiteral("the host %1 was not found").arg(host));
        break;
    case QNetworkReply::SslHandshakeFailedError:
        error =
            ApiError::make(ApiError::Kind::Tls,
                           facts.sslErrors.isEmpty() ? facts.networkErrorText : facts.sslErrors);
        break;
    case QNetworkReply::RemoteHostClosedError: // also how a reset (ECONNRESET) arrives
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProtocolFailure:
        judged.mayHaveArrived = true;
        judged.retryable = true;
        error = facts.bytesReceived > 0
                    ? ApiError::make(ApiError::Kind::Truncated,
                                     QStringLiteral("the connection to %1 was closed before "
                                                    "the answer was complete")
                                         .arg(host))
                    : ApiError::make(ApiError::Kind::Network,
                                     QStringLiteral("the connection to %1 was closed before "
                                                    "an answer arrived")
                                         .arg(host));
        break;
    default:
        error = facts.sslErrors.isEmpty()
                    ? ApiError::make(ApiError::Kind::Network, facts.networkErrorText)
                    : ApiError::make(ApiError::Kind::Tls, facts.sslErrors);
        break;
    }
    // Qt reports a body cut after the headers either as this error or as a success that
    // judgeHttpAnswer() finds short; either way the cut answer carries the status it began with.
    if (error.kind == ApiError::Kind::Truncated)
        error.httpStatus = facts.httpStatus;
    error.bytesReceived = facts.bytesReceived;
    return judged;
}

Judgement judgeHttpAnswer(const AttemptFacts &facts, const QString &host) {
    const int status = facts.httpStatus;
    const QByteArray &body = facts.body;
    const bool html = sniffBody(body) == BodySyntax::Html;
    Judgement judged;

    if (status >= 200 && status < 300) {
        // Say so plainly: the server (or a proxy) labelled a plain body as compressed, or sent
        // a compressed one damaged. What Qt has of it is not the body: neither quoted nor read.
        if (failedToDecompress(facts.networkError, status, facts.contentEncoding)) {
            judged.mayHaveArrived = true;
            judged.error = undecompressedBodyError(facts.contentEncoding, status);
            return judged;
        }
        // Qt 6.4 can report a connection reset or closed in mid-body as a success, with the
        // part that arrived as the whole body: the announced length tells. (Qt drops the
        // header when it decompresses, so it always counts the bytes we were handed.)
        // A body sent in chunks has no length to go by: a document that stops before its end
        // was cut too. (Streamed lists are judged so by their parsers.) A body that came to
        // its announced length is whole, and is not read again byte by byte for it: that
        // scan was 5% of a v3 export's main thread, 2,000 pages of 100 KB.
        if ((facts.announcedLength >= 0 && facts.bytesReceived < facts.announcedLength) ||
            (facts.buffered && facts.announcedLength < 0 && endsMidDocument(body))) {
            judged.mayHaveArrived = true;
            judged.retryable = true;
            judged.error = ApiError::make(ApiError::Kind::Truncated,
                                          QStringLiteral("the connection to %1 was closed before "
                                                         "the answer was complete")
                                              .arg(host),
                                          status);
            judged.error.bytesReceived = facts.bytesReceived;
            return judged;
        }
        // v3 answers a done delete with 204 and nothing else.
        if (status == 204 && facts.noContentIsSuccess && facts.bytesReceived == 0)
            return judged;
        // An error body is known by its content, whatever the content type claims.
        if (!html) {
            if (const std::optional<QString> words = recogniseApiError(body)) {
                judged.error =
                    ApiError::make(isAuthenticationMessage(*words) ? ApiError::Kind::Authentication
                                                                   : ApiError::Kind::Server,
                                   QString(), status, *words);
                return judged;
            }
        }
        // Otherwise the server said OK in a form we cannot read: it may well have acted.
        const auto unreadable = [&judged, status](const QString &what) {
            judged.mayHaveArrived = true;
            judged.error = ApiError::make(ApiError::Kind::BadResponse, what, status);
            return judged;
        };
        if (!isAcceptableContentType(facts.contentType))
            return unreadable(html ? describeBody(body) + QStringLiteral(" instead of data")
                                   : QStringLiteral("content of type \u201c%1\u201d instead of "
                                                    "JSON or XML")
                                         .arg(QString::fromLatin1(facts.contentType.left(80))));
        // Qt 6.4 hands over a body whose framing it could not read as an empty success: an
        // invalid chunk size (or, where Qt does not report it as above, a compressed body that
        // does not decompress). Name the likely cause rather than blame the server for sending
        // nothing.
        if (facts.bytesReceived == 0 && facts.chunked)
            return unreadable(QStringLiteral("no data: the body was sent in chunks, and either "
                                             "it was empty or its chunk framing was broken "
                                             "(an invalid chunk size)"));
        if (facts.bytesReceived == 0 && !facts.contentEncoding.isEmpty())
            return unreadable(QStringLiteral("no data: the body was announced as compressed "
                                             "(%1) and did not decompress")
                                  .arg(QString::fromLatin1(facts.contentEncoding.left(40))));
        if (facts.bytesReceived == 0)
            return unreadable(QStringLiteral("an empty body instead of data"));
        if (html) // with no content type to go by
            return unreadable(describeBody(body) + QStringLiteral(" instead of data"));
        return judged; // streaming: the stream parser recognises an error body in the chunks
    }

    judged.retryable = status == 429 || status == 408 || status >= 500;
    if (status == 502 || status == 504) // a gateway: the API behind it may have acted
        judged.mayHaveArrived = true;
    const std::optional<QString> words = recogniseApiError(body);
    const bool credentials =
        status == 401 || status == 403 || (words && isAuthenticationMessage(*words));
    ApiError &error = judged.error;
    if (status == 429)
        error = ApiError::make(ApiError::Kind::RateLimited, QString(), status,
                               words.value_or(QString()));
    else if (words)
        error =
            ApiError::make(credentials ? ApiError::Kind::Authentication : ApiError::Kind::Server,
                           QString(), status, *words);
    else if (html)
        error = ApiError::make(credentials ? ApiError::Kind::Authentication
                                           : ApiError::Kind::BadResponse,
                               describeBody(body) + QStringLiteral(" instead of data"), status);
    else if (status >= 300 && status < 400)
        error = ApiError::make(ApiError::Kind::Http,
                               QStringLiteral("redirects are not followed, so the credentials "
                                              "never go elsewhere; check the API URL"),
                               status);
    else
        error = ApiError::make(credentials ? ApiError::Kind::Authentication : ApiError::Kind::Http,
                               body.isEmpty() ? QString() : describeBody(body), status);
    return judged;
}

// The server's wait when it named one (Retry-After on any status, X-RateLimit-Reset on a
// 429), capped; otherwise our own backoff.
int retryDelayMs(const AttemptFacts &facts, const ApiSettings &settings, bool *serverAsked) {
    qint64 waitMs = -1;
    if (!facts.retryAfter.isEmpty())
        waitMs = retryAfterMs(facts.retryAfter, facts.nowMs);
    if (waitMs < 0 && facts.httpStatus == 429 && !facts.rateLimitReset.isEmpty())
        waitMs = rateLimitResetMs(facts.rateLimitReset, facts.nowMs);
    *serverAsked = waitMs > 0;
    if (waitMs <= 0)
        return backoffDelayMs(facts.attempt, settings);
    return int(qMin<qint64>(waitMs, qMax(0, settings.maxRetryDelayMs)));
}

} // namespace

int backoffDelayMs(int attempt, const ApiSettings &settings) {
    const int doublings = std::clamp(attempt - 1, 0, 20);
    const qint64 delay = qint64(qMax(0, settings.retryBaseDelayMs)) << doublings;
    return int(qMin<qint64>(delay, qMax(0, settings.maxRetryDelayMs)));
}

AttemptVerdict judgeAttempt(const AttemptFacts &facts, const ApiSettings &settings) {
    const QString host = settings.endpoint().host();
    const bool transportFailure = facts.networkError != QNetworkReply::NoError &&
                                  (facts.httpStatus == 0 || isTransportError(facts.networkError));
    const Judgement judged =
        transportFailure ? judgeTransportFailure(facts, host) : judgeHttpAnswer(facts, host);
    AttemptVerdict verdict;
    verdict.error = judged.error;
    verdict.retryable = judged.retryable;
    verdict.mayHaveArrived = judged.mayHaveArrived;
    if (!judged.error.isError()) {
        verdict.next = AttemptVerdict::Next::Succeed;
        return verdict;
    }
    // Once a chunk went out the caller holds part of a list: a retry would duplicate it.
    if (judged.retryable && !facts.chunksHandedOut &&
        facts.attempt < qMax(1, settings.maxAttempts)) {
        verdict.next = AttemptVerdict::Next::Retry;
        verdict.delayMs = retryDelayMs(facts, settings, &verdict.serverAsked);
        return verdict;
    }
    verdict.next = AttemptVerdict::Next::Fail;
    return verdict;
}

ApiError undecompressedBodyError(const QByteArray &contentEncoding, int httpStatus) {
    return ApiError::make(ApiError::Kind::BadResponse,
                          QStringLiteral("the body was announced as compressed (%1) and did not "
                                         "decompress: it was sent uncompressed or damaged")
                              .arg(QString::fromLatin1(contentEncoding.trimmed().left(40))),
                          httpStatus);
}

bool failedToDecompress(QNetworkReply::NetworkError error, int httpStatus,
                        const QByteArray &contentEncoding) {
    // Qt also gives UnknownContentError to 4xx statuses it has no name for (429, 422): those
    // bodies are the server's words and stay readable.
    const QByteArray coding = contentEncoding.trimmed().toLower();
    return error == QNetworkReply::UnknownContentError && httpStatus >= 200 && httpStatus < 300 &&
           !coding.isEmpty() && coding != "identity";
}
