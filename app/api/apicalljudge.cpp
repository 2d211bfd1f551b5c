// How ApiCall judges an attempt that ended: a transport failure, or the server's HTTP answer
// (error shapes, HTML pages, cut bodies), and how long to wait before the next attempt.
#include "apicall.h"

#include "core/quantitytext.h"
#include "parse/apierrorshapes.h"
#include "parse/bodysyntax.h"
#include "parse/contenttype.h"

#include <QDateTime>
#include <QLocale>
#include <QNetworkReply>
#include <QTimeZone>
#include <QUrl>

namespace {

QString secondsText(int ms) {
    return QLocale::c().toString(ms / 1000.0, 'g', 3) + QStringLiteral(" s");
}

// An error body may echo the request, and messages quote a few dozen characters of it: an
// excerpt could cut the key short of what withoutKey() recognises. So the key leaves the
// body first, in the spellings a server would echo it (as sent, decoded, JSON or HTML escaped).
void hideKeyIn(QByteArray &body, const QString &key) {
    if (key.size() < 4 || body.isEmpty())
        return;
    const QByteArray raw = key.toUtf8();
    QByteArray json = raw;
    json.replace("/", "\\/");
    for (const QByteArray &spelling :
         {QUrl::toPercentEncoding(key), raw, json, key.toHtmlEscaped().toUtf8()})
        body.replace(spelling, "[hidden]");
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

} // namespace

ApiError ApiCall::judgeTransportFailure(QNetworkReply *reply, bool *retryable) {
    const QString host = m_settings.endpoint().host();
    const QString timeout = secondsText(transferTimeoutMs());
    ApiError error;
    switch (reply->error()) {
    case QNetworkReply::OperationCanceledError: // how Qt 6.4 reports the transfer timeout
    case QNetworkReply::TimeoutError:           // ... and how later versions may
        m_timedOut = true;
        m_mayHaveArrived = true;
        *retryable = true;
        error = m_bytesReceived > 0
                    ? ApiError::make(ApiError::Kind::Timeout,
                                     QStringLiteral("no data for %1 after %2 had arrived, so "
                                                    "the answer is incomplete")
                                         .arg(timeout, sizeText(m_bytesReceived)))
                    : ApiError::make(ApiError::Kind::Timeout,
                                     QStringLiteral("no answer from %1 within %2 "
                                                    "(transfer timeout)")
                                         .arg(host, timeout));
        break;
    case QNetworkReply::ConnectionRefusedError:
        *retryable = true;
        error = ApiError::make(ApiError::Kind::Network,
                               QStringLiteral("%1 refused the connection").arg(host));
        break;
    case QNetworkReply::HostNotFoundError:
        error = ApiError::make(ApiError::Kind::Network,
                               QStringLiteral("the host %1 was not found").arg(host));
        break;
    case QNetworkReply::SslHandshakeFailedError:
        error = ApiError::make(ApiError::Kind::Tls,
                               m_sslErrors.isEmpty() ? reply->errorString() : m_sslErrors);
        break;
    case QNetworkReply::RemoteHostClosedError: // also how a reset (ECONNRESET) arrives
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProtocolFailure:
        m_mayHaveArrived = true;
        *retryable = true;
        error = m_bytesReceived > 0
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
        error = m_sslErrors.isEmpty()
                    ? ApiError::make(ApiError::Kind::Network, reply->errorString())
                    : ApiError::make(ApiError::Kind::Tls, m_sslErrors);
        break;
    }
    // Qt reports a body cut after the headers either as this error or as a success that
    // judgeHttpAnswer() finds short; either way the cut answer carries the status it began with.
    if (error.kind == ApiError::Kind::Truncated)
        error.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    error.bytesReceived = m_bytesReceived;
    return error;
}

ApiError ApiCall::judgeHttpAnswer(QNetworkReply *reply, int status, bool *retryable) {
    hideKeyIn(m_buffer, m_settings.apiKey);
    const QByteArray contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    const bool html = sniffBody(m_buffer) == BodySyntax::Html;

    if (status >= 200 && status < 300) {
        // Qt 6.4 can report a connection reset or closed in mid-body as a success, with the
        // part that arrived as the whole body: the announced length tells. (Qt drops the
        // header when it decompresses, so it always counts the bytes we were handed.)
        // A body sent in chunks has no length to go by: a document that stops before its end
        // was cut too. (Streamed lists are judged so by their parsers.)
        const QVariant announced = reply->header(QNetworkRequest::ContentLengthHeader);
        if ((announced.isValid() && m_bytesReceived < announced.toLongLong()) ||
            (m_mode == Mode::Buffered && endsMidDocument(m_buffer))) {
            m_mayHaveArrived = true;
            *retryable = true;
            ApiError cut = ApiError::make(ApiError::Kind::Truncated,
                                          QStringLiteral("the connection to %1 was closed before "
                                                         "the answer was complete")
                                              .arg(m_settings.endpoint().host()),
                                          status);
            cut.bytesReceived = m_bytesReceived;
            return cut;
        }
        // An error body is known by its content, whatever the content type claims.
        if (!html) {
            if (const std::optional<QString> words = recogniseApiError(m_buffer))
                return ApiError::make(isAuthenticationMessage(*words)
                                          ? ApiError::Kind::Authentication
                                          : ApiError::Kind::Server,
                                      QString(), status, *words);
        }
        // Otherwise the server said OK in a form we cannot read: it may well have acted.
        const auto unreadable = [this, status](const QString &what) {
            m_mayHaveArrived = true;
            return ApiError::make(ApiError::Kind::BadResponse, what, status);
        };
        if (!isAcceptableContentType(contentType))
            return unreadable(html ? describeBody(m_buffer) + QStringLiteral(" instead of data")
                                   : QStringLiteral("content of type \u201c%1\u201d instead of "
                                                    "JSON or XML")
                                         .arg(QString::fromLatin1(contentType.left(80))));
        if (m_bytesReceived == 0)
            return unreadable(QStringLiteral("an empty body instead of data"));
        if (html) // with no content type to go by
            return unreadable(describeBody(m_buffer) + QStringLiteral(" instead of data"));
        return {}; // streaming: the stream parser recognises an error body in the chunks
    }

    *retryable = status == 429 || status == 408 || status >= 500;
    if (status == 502 || status == 504) // a gateway: the API behind it may have acted
        m_mayHaveArrived = true;
    const std::optional<QString> words = recogniseApiError(m_buffer);
    const bool credentials =
        status == 401 || status == 403 || (words && isAuthenticationMessage(*words));
    ApiError error;
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
                               describeBody(m_buffer) + QStringLiteral(" instead of data"), status);
    else if (status >= 300 && status < 400)
        error = ApiError::make(ApiError::Kind::Http,
                               QStringLiteral("redirects are not followed, so the credentials "
                                              "never go elsewhere; check the API URL"),
                               status);
    else
        error = ApiError::make(credentials ? ApiError::Kind::Authentication : ApiError::Kind::Http,
                               m_buffer.isEmpty() ? QString() : describeBody(m_buffer), status);
    return error;
}

int ApiCall::retryDelayFor(QNetworkReply *reply, bool *serverAsked) const {
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    qint64 waitMs = -1;
    if (reply->hasRawHeader("Retry-After"))
        waitMs = retryAfterMs(reply->rawHeader("Retry-After"), nowMs);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (waitMs < 0 && status == 429 && reply->hasRawHeader("X-RateLimit-Reset"))
        waitMs = rateLimitResetMs(reply->rawHeader("X-RateLimit-Reset"), nowMs);
    *serverAsked = waitMs > 0;
    if (waitMs <= 0)
        return backoffDelay();
    return int(qMin<qint64>(waitMs, qMax(0, m_settings.maxRetryDelayMs)));
}
