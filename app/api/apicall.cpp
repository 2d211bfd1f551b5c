#include "apicall.h"

#include "core/quantitytext.h"
#include "parse/contenttype.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrl>

#if QT_CONFIG(ssl)
#include <QSslError>
#include <QSslSocket>
#endif

#include <algorithm>

namespace {

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

int ApiCall::transferTimeoutMs() const {
    return m_settings.transferTimeoutMs > 0 ? m_settings.transferTimeoutMs
                                            : defaultTransferTimeoutMs;
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
    request.setTransferTimeout(transferTimeoutMs());
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
                                          .arg(sizeText(maxBufferedBody)),
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
    bool serverAsked = false;
    const int delayMs = retryable ? retryDelayFor(reply, &serverAsked) : 0;
    retryOrFail(error, retryable, delayMs, serverAsked);
}

int ApiCall::backoffDelay() const {
    const int doublings = std::clamp(m_attempt - 1, 0, 20);
    const qint64 delay = qint64(qMax(0, m_settings.retryBaseDelayMs)) << doublings;
    return int(qMin<qint64>(delay, qMax(0, m_settings.maxRetryDelayMs)));
}

void ApiCall::retryOrFail(const ApiError &error, bool retryable, int delayMs, bool serverAsked) {
    // Once a chunk went out the caller holds part of a list: a retry would duplicate it.
    if (retryable && !m_emittedChunks && m_attempt < qMax(1, m_settings.maxAttempts)) {
        Q_EMIT retrying(m_attempt + 1, delayMs, withoutKey(error.message(), m_settings.apiKey),
                        serverAsked);
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
