#include "apicall.h"

#include "responseparsers.h"

#include <QDateTime>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimeZone>
#include <QTimer>
#include <QUrl>

#if QT_CONFIG(ssl)
#include <QSslError>
#include <QSslSocket>
#endif

#include <algorithm>

namespace {

constexpr int defaultTransferTimeoutMs = 60'000;

int transferTimeoutOf(const ApiSettings &settings) {
    return settings.transferTimeoutMs > 0 ? settings.transferTimeoutMs : defaultTransferTimeoutMs;
}

QString secondsText(int ms) {
    return QLocale::c().toString(ms / 1000.0, 'g', 3) + QStringLiteral(" s");
}

// Errors below the HTTP layer: no complete answer of the server's own arrived.
bool isTransportError(QNetworkReply::NetworkError error) {
    return error < QNetworkReply::ContentAccessDenied || error == QNetworkReply::ProtocolFailure;
}

// A server might echo what it was sent; the key must not travel on into a message.
QString withoutKey(QString text, const QString &key) {
    if (key.size() < 4)
        return text;
    text.replace(key, QStringLiteral("[hidden]"));
    text.replace(QString::fromLatin1(QUrl::toPercentEncoding(key)), QStringLiteral("[hidden]"));
    return text;
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

QByteArray encodeForm(const FormFields &fields) {
    QByteArray body;
    for (const auto &field : fields) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(field.first) + '=' + QUrl::toPercentEncoding(field.second);
    }
    return body;
}

ApiCall::ApiCall(QNetworkAccessManager *network, const ApiSettings &settings, FormFields fields,
                 Mode mode, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_settings(settings)
    , m_fields(std::move(fields))
    , m_mode(mode)
    , m_retryTimer(new QTimer(this)) {
    m_retryTimer->setSingleShot(true);
    connect(m_retryTimer, &QTimer::timeout, this, &ApiCall::sendAttempt);
}

ApiCall::~ApiCall() {
    dropReply();
}

void ApiCall::start() {
    if (m_started)
        return;
    m_started = true;
    const QString invalid = m_settings.validationError();
    if (!invalid.isEmpty()) {
        failSoon(ApiError::make(ApiError::Kind::InvalidSettings, invalid));
        return;
    }
    const QUrl url = m_settings.endpoint();
    if (url.scheme() == QStringLiteral("https")) {
        bool tlsAvailable = false;
#if QT_CONFIG(ssl)
        tlsAvailable = QSslSocket::supportsSsl();
#endif
        if (!tlsAvailable) {
            failSoon(ApiError::make(ApiError::Kind::Tls,
                                    QStringLiteral("TLS is not available on this system (OpenSSL "
                                                   "could not be loaded), so %1 cannot be reached "
                                                   "securely; install libssl3")
                                        .arg(url.host())));
            return;
        }
    }
    FormFields all = m_fields;
    all.append({QStringLiteral("api_user"), m_settings.apiUser});
    all.append({QStringLiteral("api_key"), m_settings.apiKey});
    m_requestBody = encodeForm(all);
    sendAttempt();
}

void ApiCall::cancel() {
    if (m_cancelled || m_finished)
        return;
    m_cancelled = true;
    m_retryTimer->stop();
    dropReply();
    deleteLater();
}

void ApiCall::setReadingPaused(bool paused) {
    if (paused == m_readingPaused)
        return;
    m_readingPaused = paused;
    // What arrived while paused is waiting in the reply, and no readyRead will announce it.
    if (!paused && m_reply && !m_cancelled && !m_finished)
        onReadyRead(m_reply);
}

void ApiCall::failSoon(const ApiError &error) {
    QTimer::singleShot(0, this, [this, error] {
        if (!m_cancelled && !m_finished)
            finishWith(error);
    });
}

void ApiCall::sendAttempt() {
    if (m_cancelled || m_finished)
        return;
    ++m_attempt;
    m_buffer.clear();
    m_sslErrors.clear();
    m_headersJudged = false;
    m_bodyIsData = false;
    m_bytesReceived = 0;

    QNetworkRequest request(m_settings.endpoint());
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setHeader(QNetworkRequest::UserAgentHeader,
                      QByteArrayLiteral("BounceDesk/" BOUNCEDESK_VERSION));
    request.setRawHeader("Accept", m_settings.format == ResponseFormat::Xml
                                       ? QByteArrayLiteral("application/xml, text/xml")
                                       : QByteArrayLiteral("application/json"));
    request.setTransferTimeout(transferTimeoutOf(m_settings));
    // A redirect would carry the credentials in the body to wherever it points.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    if (m_mode == Mode::Streaming) // a repetitive 200 MB list can trip the zip-bomb guard
        request.setDecompressedSafetyCheckThreshold(-1);

    QNetworkReply *reply = m_network->post(request, m_requestBody);
    m_reply = reply;
    if (m_mode == Mode::Streaming) {
        // Qt 6.4 starts the request in its HTTP thread from a queued call, and a buffer limit
        // set before that is lost: set it after that call, from the event loop. Until then
        // (and without it) the HTTP thread reads as fast as the server sends, into memory.
        QMetaObject::invokeMethod(
            reply, [reply] { reply->setReadBufferSize(streamingReadBufferBytes); },
            Qt::QueuedConnection);
    }
    connect(reply, &QNetworkReply::readyRead, this, [this, reply] { onReadyRead(reply); });
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onFinished(reply); });
#if QT_CONFIG(ssl)
    // Never ignored: the errors only make the failure message say why.
    connect(reply, &QNetworkReply::sslErrors, this, [this, reply](const QList<QSslError> &errors) {
        if (reply != m_reply)
            return;
        QStringList texts;
        for (const QSslError &error : errors)
            texts.append(error.errorString());
        m_sslErrors = texts.join(QStringLiteral("; "));
    });
#endif
}

void ApiCall::onReadyRead(QNetworkReply *reply) {
    if (reply != m_reply || m_cancelled || m_finished)
        return;
    if (!m_headersJudged)
        judgeHeaders(reply);
    takeBody(reply);
}

void ApiCall::judgeHeaders(QNetworkReply *reply) {
    m_headersJudged = true;
    // Again, should the HTTP thread have been slow to start the request (see sendAttempt()).
    if (m_mode == Mode::Streaming)
        reply->setReadBufferSize(streamingReadBufferBytes);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    m_bodyIsData = status >= 200 && status < 300 && isAcceptableContentType(contentType);
}

void ApiCall::takeBody(QNetworkReply *reply, bool evenIfPaused) {
    if (!reply->isReadable()) // closed by a timeout: nothing left to read
        return;
    if (m_bodyIsData && m_mode == Mode::Streaming) {
        streamBody(reply, evenIfPaused);
        return;
    }
    const QByteArray chunk = reply->readAll();
    if (chunk.isEmpty())
        return;
    m_bytesReceived += chunk.size();
    if (m_bodyIsData) {
        if (m_buffer.size() + chunk.size() > maxBufferedBody) {
            dropReply();
            finishWith(ApiError::make(ApiError::Kind::BadResponse,
                                      QStringLiteral("the answer is larger than %1, far more "
                                                     "than this request can return")
                                          .arg(ApiError::sizeText(maxBufferedBody)),
                                      200));
            return;
        }
        m_buffer += chunk;
        return;
    }
    // Not data (an error page): keep enough to say what it was, read and drop the rest.
    if (m_buffer.size() < maxErrorBody)
        m_buffer += chunk.left(maxErrorBody - m_buffer.size());
}

// In pieces of at most the read buffer's size, each handed on (and later freed) apart: they
// stay below the size glibc gives a mapping of its own (processmemory.h), so their memory is
// reused rather than mapped and faulted in afresh for every piece.
void ApiCall::streamBody(QNetworkReply *reply, bool evenIfPaused) {
    while (reply->isReadable() && reply->bytesAvailable() > 0) {
        if (m_readingPaused && !evenIfPaused)
            return;
        const QByteArray chunk = reply->read(streamingReadBufferBytes);
        if (chunk.isEmpty())
            return;
        m_bytesReceived += chunk.size();
        m_emittedChunks = true;
        Q_EMIT bodyChunk(chunk); // the receiver may cancel or pause us here
        if (m_cancelled || m_finished)
            return;
    }
}

void ApiCall::onFinished(QNetworkReply *reply) {
    reply->deleteLater(); // never delete inside its own signal
    if (reply != m_reply)
        return; // a stale reply: an older attempt that was dropped
    m_reply = nullptr;
    if (m_cancelled || m_finished)
        return;
    if (!m_headersJudged)
        judgeHeaders(reply);
    takeBody(reply, true);
    if (m_cancelled || m_finished)
        return;

    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QNetworkReply::NetworkError code = reply->error();
    bool retryable = false;
    const ApiError error = code != QNetworkReply::NoError && (status == 0 || isTransportError(code))
                               ? judgeTransportFailure(reply, &retryable)
                               : judgeHttpAnswer(reply, status, &retryable);
    if (!error.isError()) {
        succeed();
        return;
    }
    retryOrFail(error, retryable, retryable ? retryDelayFor(reply) : 0);
}

ApiError ApiCall::judgeTransportFailure(QNetworkReply *reply, bool *retryable) {
    const QString host = m_settings.endpoint().host();
    const QString timeout = secondsText(transferTimeoutOf(m_settings));
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
                                         .arg(timeout, ApiError::sizeText(m_bytesReceived)))
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
        const QVariant announced = reply->header(QNetworkRequest::ContentLengthHeader);
        if (announced.isValid() && m_bytesReceived < announced.toLongLong()) {
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

int ApiCall::backoffDelay() const {
    const int doublings = std::clamp(m_attempt - 1, 0, 20);
    const qint64 delay = qint64(qMax(0, m_settings.retryBaseDelayMs)) << doublings;
    return int(qMin<qint64>(delay, qMax(0, m_settings.maxRetryDelayMs)));
}

int ApiCall::retryDelayFor(QNetworkReply *reply) const {
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    qint64 waitMs = -1;
    if (reply->hasRawHeader("Retry-After"))
        waitMs = retryAfterMs(reply->rawHeader("Retry-After"), nowMs);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (waitMs < 0 && status == 429 && reply->hasRawHeader("X-RateLimit-Reset"))
        waitMs = rateLimitResetMs(reply->rawHeader("X-RateLimit-Reset"), nowMs);
    if (waitMs <= 0)
        return backoffDelay();
    return int(qMin<qint64>(waitMs, qMax(0, m_settings.maxRetryDelayMs)));
}

void ApiCall::retryOrFail(const ApiError &error, bool retryable, int delayMs) {
    // Once a chunk went out the caller holds part of a list: a retry would duplicate it.
    if (retryable && !m_emittedChunks && m_attempt < qMax(1, m_settings.maxAttempts)) {
        Q_EMIT retrying(m_attempt + 1, delayMs, withoutKey(error.message(), m_settings.apiKey));
        if (m_cancelled)
            return;
        m_retryTimer->start(delayMs);
        return;
    }
    finishWith(error);
}

void ApiCall::finishWith(ApiError error) {
    m_finished = true;
    if (m_attempt > 1) {
        const QString gaveUp = QStringLiteral("gave up after %1 attempts").arg(m_attempt);
        error.detail =
            error.detail.isEmpty() ? gaveUp : error.detail + QStringLiteral("; ") + gaveUp;
    }
    error.detail = withoutKey(error.detail, m_settings.apiKey);
    error.serverMessage = withoutKey(error.serverMessage, m_settings.apiKey);
    Q_EMIT failed(error);
    deleteLater();
}

void ApiCall::succeed() {
    m_finished = true;
    Q_EMIT succeeded(m_mode == Mode::Buffered ? m_buffer : QByteArray());
    deleteLater();
}

void ApiCall::dropReply() {
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    m_reply = nullptr;
    disconnect(reply, nullptr, this, nullptr);
    reply->abort();
    reply->deleteLater();
}
