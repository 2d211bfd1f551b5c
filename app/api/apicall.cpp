#include "apicall.h"

#include "attemptverdict.h"
#include "bodyinflater.h"
#include "core/quantitytext.h"
#include "parse/contenttype.h"
#include "transferwatchdog.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrl>

#include <atomic>

#if QT_CONFIG(ssl)
#include <QSslError>
#include <QSslSocket>
#endif

namespace {

// What `reply` holds, in one allocation of its size: readAll() grows its result a chunk at a
// time for a sequential device, a realloc (and often a copy) per chunk, ~5% of the main
// thread in a 1M v3 export.
QByteArray readWhole(QNetworkReply *reply) {
    QByteArray whole(reply->bytesAvailable(), Qt::Uninitialized);
    qsizetype taken = 0;
    while (taken < whole.size()) {
        const qint64 read = reply->read(whole.data() + taken, whole.size() - taken);
        if (read <= 0)
            break;
        taken += qsizetype(read);
    }
    whole.truncate(taken);
    const QByteArray later = reply->readAll(); // anything that came meanwhile: none, as a rule
    if (!later.isEmpty())
        whole.append(later);
    return whole;
}

// The answer's HTTP status; 0 before its head arrived, or without one.
int httpStatusOf(const QNetworkReply *reply) {
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

// Whether Qt failed to decompress `reply`'s body (failedToDecompress() on its facts so far).
bool decompressionFailed(QNetworkReply *reply) {
    return reply->error() != QNetworkReply::NoError &&
           failedToDecompress(reply->error(), httpStatusOf(reply),
                              reply->rawHeader("Content-Encoding"));
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
    , m_redactor(KeyRedactor::shared(settings.apiKey))
    , m_fields(std::move(fields))
    , m_mode(mode)
    , m_retryTimer(new QTimer(this))
    , m_watchdog(new TransferWatchdog(this)) {
    m_retryTimer->setSingleShot(true);
    connect(m_retryTimer, &QTimer::timeout, this, &ApiCall::sendAttempt);
    connect(m_watchdog, &TransferWatchdog::stalled, this,
            [this] { endAttempt(QNetworkReply::TimeoutError); });
}

ApiCall::ApiCall(QNetworkAccessManager *network, const ApiSettings &settings, ApiRequest request,
                 Mode mode, QObject *parent)
    : ApiCall(network, settings, FormFields(), mode, parent) {
    m_request = std::move(request);
    m_v3 = true;
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
    const QUrl url = m_v3 ? m_request.url : m_settings.endpoint();
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
    if (!m_v3) {
        FormFields all = m_fields;
        all.append({QStringLiteral("api_user"), m_settings.apiUser});
        all.append({QStringLiteral("api_key"), m_settings.apiKey});
        m_requestBody = encodeForm(all);
    }
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
    m_inflater.reset();
    m_coding.clear();
    m_bytesReceived = 0;
    m_endedWith = QNetworkReply::NoError;

    QNetworkRequest request(m_v3 ? m_request.url : m_settings.endpoint());
    if (!m_v3)
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setHeader(QNetworkRequest::UserAgentHeader,
                      QByteArrayLiteral("BounceDesk/" BOUNCEDESK_VERSION));
    request.setRawHeader("Accept", m_settings.format == ResponseFormat::Xml && !m_v3
                                       ? QByteArrayLiteral("application/xml, text/xml")
                                       : QByteArrayLiteral("application/json"));
    // A redirect would carry the credentials in the body to wherever it points.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    // A list is asked for compressed by us, not by Qt, so that Qt leaves it compressed in the
    // reply's bounded buffer and it is inflated only as the parser takes it (BodyInflater).
    if (m_mode == Mode::Streaming)
        request.setRawHeader("Accept-Encoding", "gzip, deflate");

    QNetworkReply *reply = m_v3 ? sendV3(request) : m_network->post(request, m_requestBody);
    m_reply = reply;
    if (m_mode == Mode::Streaming) {
        // Qt 6.4 starts the request in its HTTP thread from a queued call, and a buffer limit
        // set before that is lost: set it after that call, from the event loop. Until then
        // (and without it) the HTTP thread reads as fast as the server sends, into memory.
        QMetaObject::invokeMethod(
            reply, [reply] { reply->setReadBufferSize(streamingReadBufferBytes); },
            Qt::QueuedConnection);
    }
    // Not QNetworkRequest::setTransferTimeout(): see TransferWatchdog.
    m_watchdog->start(transferTimeoutMs());
    connect(reply, &QNetworkReply::uploadProgress, m_watchdog, &TransferWatchdog::noteProgress);
    connect(reply, &QNetworkReply::metaDataChanged, m_watchdog, &TransferWatchdog::noteProgress);
    connect(reply, &QNetworkReply::readyRead, this, [this, reply] { onReadyRead(reply); });
    // Without a transfer timeout on the request (TransferWatchdog), Qt 6.4 never finishes a
    // reply whose body it could not decompress once that body outgrew the reply's buffer (a
    // streamed list): it stops reading and waits. The answer is of no use anyway, so the
    // attempt ends here, once Qt's own call has returned.
    connect(reply, &QNetworkReply::errorOccurred, this,
            [this, reply](QNetworkReply::NetworkError error) {
                if (!decompressionFailed(reply))
                    return;
                QMetaObject::invokeMethod(
                    this,
                    [this, error, stopped = QPointer<QNetworkReply>(reply)] {
                        if (stopped && stopped == m_reply)
                            endAttempt(error);
                    },
                    Qt::QueuedConnection);
            });
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

QNetworkReply *ApiCall::sendV3(QNetworkRequest &request) {
    request.setRawHeader("Authorization", "Bearer " + m_settings.apiKey.toUtf8());
    for (const auto &header : std::as_const(m_request.headers))
        request.setRawHeader(header.first, header.second);
    if (!m_request.jsonBody.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
    if (m_request.method == "GET")
        return m_network->get(request);
    // deleteResource() sends no body, and a bulk DELETE carries {"emails": [...]}.
    return m_network->sendCustomRequest(request, m_request.method, m_request.jsonBody);
}

void ApiCall::onReadyRead(QNetworkReply *reply) {
    if (reply != m_reply || m_cancelled || m_finished)
        return;
    m_watchdog->noteProgress();
    if (!m_headersJudged)
        judgeHeaders(reply);
    takeBody(reply);
}

void ApiCall::judgeHeaders(QNetworkReply *reply) {
    m_headersJudged = true;
    // Again, should the HTTP thread have been slow to start the request (see sendAttempt()).
    if (m_mode == Mode::Streaming)
        reply->setReadBufferSize(streamingReadBufferBytes);
    const int status = httpStatusOf(reply);
    const QByteArray contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    m_bodyIsData = status >= 200 && status < 300 && isAcceptableContentType(contentType);
    if (m_mode == Mode::Streaming) {
        m_coding = reply->rawHeader("Content-Encoding").trimmed().toLower();
        if (m_coding == "identity")
            m_coding.clear();
        if (BodyInflater::inflates(m_coding))
            m_inflater = std::make_unique<BodyInflater>();
    }
}

void ApiCall::failBody(const ApiError &error) {
    m_mayHaveArrived = true; // an answer came: the server did what was asked, or not
    dropReply();
    finishWith(error);
}

void ApiCall::takeBody(QNetworkReply *reply, bool ended) {
    if (m_finished || m_cancelled || !reply->isReadable()) // a timeout closes it: nothing left
        return;
    // Qt reports this before it hands over anything: none of it reaches a parser. (Only an
    // errored reply is looked at further: this runs for every piece of a streamed body.)
    if (decompressionFailed(reply))
        return;
    if (m_bodyIsData && m_mode == Mode::Streaming) {
        if (!m_coding.isEmpty() && !m_inflater) {
            failBody(ApiError::make(
                ApiError::Kind::BadResponse,
                QStringLiteral("the body came compressed as \u201c%1\u201d, which was not asked "
                               "for and cannot be read")
                    .arg(QString::fromLatin1(m_coding.left(40))),
                httpStatusOf(reply)));
            return;
        }
        streamBody(reply, ended);
        return;
    }
    if (m_bodyIsData) {
        // A buffered body of data stays in the reply until it ended, and is then taken in one
        // piece: taken as it came, each piece was copied into a buffer that grew (and copied
        // itself) as they were added. Meanwhile only its size is watched.
        const qint64 arrived = reply->bytesAvailable();
        m_bytesReceived = qMax(m_bytesReceived, arrived);
        if (arrived > maxBufferedBody) {
            dropReply();
            finishWith(ApiError::make(ApiError::Kind::BadResponse,
                                      QStringLiteral("the answer is larger than %1, far more "
                                                     "than this request can return")
                                          .arg(sizeText(maxBufferedBody)),
                                      200));
            return;
        }
        if (!ended)
            return;
        m_buffer = readWhole(reply);
        m_bytesReceived = qMax(m_bytesReceived, qint64(m_buffer.size()));
        return;
    }
    const QByteArray chunk = reply->readAll();
    if (chunk.isEmpty())
        return;
    m_bytesReceived += chunk.size();
    keepErrorBody(chunk);
}

// Not data (an error page): keep enough to say what it was, read and drop the rest.
void ApiCall::keepErrorBody(const QByteArray &chunk) {
    if (m_buffer.size() >= maxErrorBody)
        return;
    if (!m_inflater) {
        m_buffer += chunk.left(maxErrorBody - m_buffer.size());
        return;
    }
    m_inflater->feed(chunk);
    while (m_inflater->hasInput() && m_buffer.size() < maxErrorBody) {
        const qsizetype used = m_buffer.size();
        const qsizetype room = qMin<qsizetype>(64 * 1024, maxErrorBody - used);
        m_buffer.resize(used + room);
        const qint64 made = m_inflater->inflateInto(m_buffer.data() + used, room);
        m_buffer.resize(used + qMax<qint64>(made, 0));
        if (made < 0) {
            m_inflater.reset(); // what it said so far is all there is to quote
            m_coding.clear();
            return;
        }
    }
}

// A buffer of the pool that every receiver of its last chunk has let go of (the parser thread
// drops its share once it parsed the chunk), else a new one while the pool is small; null
// when the pool is full and all of it still in use.
QByteArray *ApiCall::freeReadBuffer() {
    for (QByteArray &buffer : m_readBuffers) {
        if (buffer.isDetached()) {
            // The receiver's release of its share happens before our writes into the buffer.
            std::atomic_thread_fence(std::memory_order_acquire);
            return &buffer;
        }
    }
    if (m_readBuffers.size() == maxReadBuffers)
        return nullptr;
    m_readBuffers.reserve(maxReadBuffers); // the pointers handed out stay valid
    m_readBuffers.emplace_back(readPieceBytes, Qt::Uninitialized);
    return &m_readBuffers.back();
}

// In pieces of at most readPieceBytes, read into buffers that are used again: a fresh
// megabyte per piece was faulted in page by page, about a tenth of an export's CPU time
// (tests/benchmark/README.md), while the pool's pages stay resident. The pool stays below
// the size glibc gives a mapping of its own (processmemory.h).
void ApiCall::streamBody(QNetworkReply *reply, bool evenIfPaused) {
    for (;;) {
        if (m_readingPaused && !evenIfPaused)
            return;
        if (!(m_inflater && m_inflater->hasInput()) &&
            !(reply->isReadable() && reply->bytesAvailable() > 0))
            return;
        QByteArray spare;
        QByteArray *buffer = freeReadBuffer();
        if (!buffer) {
            spare = QByteArray(readPieceBytes, Qt::Uninitialized);
            buffer = &spare;
        }
        buffer->resize(readPieceBytes); // within its capacity: no allocation
        qint64 read = 0;
        if (!nextStreamedPiece(reply, buffer, &read))
            return; // failed
        if (read == 0) {
            if (m_inflater)
                continue; // compressed bytes taken in, nothing inflated from them yet
            return;
        }
        buffer->resize(read);
        const QByteArray chunk = *buffer; // shared with the receivers until they let go
        m_emittedChunks = true;
        Q_EMIT bodyChunk(chunk); // the receiver may cancel or pause us here
        if (m_cancelled || m_finished)
            return;
    }
}

bool ApiCall::nextStreamedPiece(QNetworkReply *reply, QByteArray *buffer, qint64 *size) {
    *size = 0;
    if (!m_inflater) {
        const qint64 read = reply->read(buffer->data(), readPieceBytes);
        m_bytesReceived += qMax<qint64>(read, 0);
        *size = qMax<qint64>(read, 0);
        return true;
    }
    if (!m_inflater->hasInput()) {
        // At most a piece of compressed bytes taken at a time: what inflates from it goes out
        // before more is read, so the rest waits in the reply's bounded buffer.
        const QByteArray compressed = reply->read(readPieceBytes);
        m_bytesReceived += compressed.size();
        m_inflater->feed(compressed);
    }
    const qint64 made = m_inflater->inflateInto(buffer->data(), readPieceBytes);
    if (made < 0) {
        failBody(undecompressedBodyError(m_coding, httpStatusOf(reply)));
        return false;
    }
    *size = made;
    return true;
}

void ApiCall::onFinished(QNetworkReply *reply) {
    reply->deleteLater(); // never delete inside its own signal
    if (reply != m_reply)
        return; // a stale reply: an older attempt that was dropped
    m_reply = nullptr;
    m_watchdog->stop();
    if (m_cancelled || m_finished)
        return;
    if (!m_headersJudged)
        judgeHeaders(reply);
    takeBody(reply, true);
    if (m_cancelled || m_finished)
        return;
    // The whole body arrived, by its framing, but the compressed data in it did not end.
    if (m_inflater && m_bodyIsData && m_bytesReceived > 0 && !m_inflater->ended() &&
        m_endedWith == QNetworkReply::NoError && reply->error() == QNetworkReply::NoError) {
        failBody(ApiError::make(
            ApiError::Kind::BadResponse,
            QStringLiteral("the body ended before its compressed data (%1) did: it was cut short")
                .arg(QString::fromLatin1(m_coding.left(40))),
            httpStatusOf(reply)));
        return;
    }

    m_redactor->redact(m_buffer); // messages quote it, and a buffered body goes on
    AttemptFacts facts;
    facts.networkError = m_endedWith != QNetworkReply::NoError ? m_endedWith : reply->error();
    facts.networkErrorText = reply->errorString();
    facts.sslErrors = m_sslErrors;
    facts.httpStatus = httpStatusOf(reply);
    facts.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    const QVariant announced = reply->header(QNetworkRequest::ContentLengthHeader);
    facts.announcedLength = announced.isValid() ? announced.toLongLong() : -1;
    facts.chunked = reply->rawHeader("Transfer-Encoding").toLower().contains("chunked");
    facts.contentEncoding = reply->rawHeader("Content-Encoding");
    facts.retryAfter = reply->rawHeader("Retry-After");
    facts.rateLimitReset = reply->rawHeader("X-RateLimit-Reset");
    facts.noContentIsSuccess = m_v3;
    if (facts.httpStatus > 0) {
        const auto number = [reply](const char *name) {
            bool ok = false;
            const qint64 value = reply->rawHeader(name).trimmed().toLongLong(&ok);
            return ok && value >= 0 ? value : qint64(-1);
        };
        RateLimitHeaders rateLimit;
        rateLimit.limit = number("X-RateLimit-Limit");
        rateLimit.remaining = number("X-RateLimit-Remaining");
        rateLimit.reset = number("X-RateLimit-Reset");
        Q_EMIT answered(facts.httpStatus, rateLimit); // the receiver may cancel us here
        if (m_cancelled || m_finished)
            return;
    }
    facts.body = m_buffer;
    facts.bytesReceived = m_bytesReceived;
    facts.buffered = m_mode == Mode::Buffered;
    facts.chunksHandedOut = m_emittedChunks;
    facts.attempt = m_attempt;
    facts.transferTimeoutMs = transferTimeoutMs();
    facts.nowMs = QDateTime::currentMSecsSinceEpoch();
    const AttemptVerdict verdict = judgeAttempt(facts, m_settings);
    m_mayHaveArrived = m_mayHaveArrived || verdict.mayHaveArrived;
    switch (verdict.next) {
    case AttemptVerdict::Next::Succeed:
        succeed();
        return;
    case AttemptVerdict::Next::Retry:
        Q_EMIT retrying(m_attempt + 1, verdict.delayMs,
                        m_redactor->redacted(verdict.error.message()), verdict.serverAsked);
        if (!m_cancelled)
            m_retryTimer->start(verdict.delayMs);
        return;
    case AttemptVerdict::Next::Fail:
        finishWith(verdict.error);
        return;
    }
}

void ApiCall::finishWith(ApiError error) {
    m_finished = true;
    if (m_attempt > 1) {
        const QString gaveUp = QStringLiteral("gave up after %1 attempts").arg(m_attempt);
        error.detail =
            error.detail.isEmpty() ? gaveUp : error.detail + QStringLiteral("; ") + gaveUp;
    }
    Q_EMIT failed(m_redactor->redacted(std::move(error)));
    deleteLater();
}

void ApiCall::succeed() {
    m_finished = true;
    Q_EMIT succeeded(m_mode == Mode::Buffered ? m_buffer : QByteArray());
    deleteLater();
}

void ApiCall::endAttempt(QNetworkReply::NetworkError why) {
    QNetworkReply *reply = m_reply;
    if (!reply || m_cancelled || m_finished)
        return;
    m_endedWith = why;
    // Judged here by `why`, not on the finished() abort() may emit: a reply Qt had stopped on
    // its own (a body it could not decompress) emitted none before, and after an abort() one
    // with error() NoError.
    disconnect(reply, nullptr, this, nullptr);
    // An errored reply is not aborted: Qt 6.4 would warn on stderr that its error was set
    // twice. Deleting it (onFinished()) stops its transfer as well.
    if (reply->error() == QNetworkReply::NoError)
        reply->abort();
    onFinished(reply);
}

void ApiCall::dropReply() {
    m_watchdog->stop();
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    m_reply = nullptr;
    disconnect(reply, nullptr, this, nullptr);
    reply->abort();
    reply->deleteLater();
}
