#include "sandboxconnection.h"

#include "sandboxv3responses.h"

#include <QDateTime>
#include <QLocale>
#include <QTcpSocket>
#include <QTimer>

#if QT_CONFIG(ssl)
#include <QSslSocket>
#endif

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

namespace {

constexpr qsizetype kPieceBytes = 256 * 1024; // produced per step, and the low-water mark
constexpr int kResetPauseMs = 30;             // lets the peer read what it got before the RST

const QByteArray kApiPrefix = QByteArrayLiteral("/apiv2/reseller.manage.");

QByteArray httpDate() {
    return QLocale::c()
               .toString(QDateTime::currentDateTimeUtc(),
                         QStringLiteral("ddd, dd MMM yyyy hh:mm:ss"))
               .toLatin1() +
           " GMT";
}

// What CutCompressedData leaves out of the end: the gzip trailer (8 bytes) and the last of the
// compressed data, so the data never reaches its end however it is read.
constexpr qsizetype kCutCompressedBytes = 12;

void cutCompressedEnd(QByteArray &compressed) {
    compressed.chop(qMin(kCutCompressedBytes, compressed.size()));
}

} // namespace

SandboxConnection::SandboxConnection(QTcpSocket *socket, SandboxServer *server)
    : QObject(server)
    , m_socket(socket)
    , m_server(server) {
    socket->setParent(this);
    connect(socket, &QTcpSocket::readyRead, this, &SandboxConnection::onReadyRead);
    const auto written = [this] {
        if (m_state == State::Sending)
            pump();
        else if (m_state == State::Cutting && m_socket && unwrittenBytes() == 0)
            completeCut();
    };
    connect(socket, &QTcpSocket::bytesWritten, this, written);
#if QT_CONFIG(ssl)
    // Over TLS bytesWritten says the text was encrypted, this one that it went to the system.
    if (auto *tls = qobject_cast<QSslSocket *>(socket))
        connect(tls, &QSslSocket::encryptedBytesWritten, this, written);
#endif
    connect(socket, &QTcpSocket::disconnected, this, [this] {
        m_state = State::Closed;
        deleteLater();
    });
    connect(server, &SandboxServer::heldAnswersReleased, this, [this] {
        if (!m_held)
            return;
        m_held = false;
        m_holdAfter = -1;
        if (m_state == State::Waiting)
            sendHead();
        else
            pump();
    });
    if (socket->bytesAvailable() > 0)
        onReadyRead();
}

SandboxConnection::~SandboxConnection() = default;

void SandboxConnection::onReadyRead() {
    if (!m_socket)
        return;
    m_reader.append(m_socket->readAll());
    if (m_reader.isOverflowing()) {
        m_reader.clear();
        m_state = State::Closed;
        m_socket->abort();
        return;
    }
    if (m_state == State::Reading)
        processInput();
}

void SandboxConnection::processInput() {
    while (m_state == State::Reading && socketUsable()) {
        SandboxHttpRequest request;
        switch (m_reader.next(&request)) {
        case SandboxRequestReader::Result::NeedMore:
            return;
        case SandboxRequestReader::Result::SendContinue:
            m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
            return;
        case SandboxRequestReader::Result::Malformed:
            m_reader.clear();
            begin(SandboxResponses::httpError(m_reader.errorStatus(),
                                              "The request could not be read."),
                  false, nullptr);
            return;
        case SandboxRequestReader::Result::Complete:
            handle(request);
            break;
        }
    }
}

void SandboxConnection::handle(const SandboxHttpRequest &request) {
    const bool keepAlive = request.keepAlive();
    m_acceptsGzip = SandboxGzip::offered(request.header("accept-encoding"));
    const QByteArray path = request.path();

    SandboxRequest logged;
    logged.path = QString::fromUtf8(path);
    logged.httpMethod = QString::fromLatin1(request.method);
    logged.contentType = QString::fromLatin1(request.header("content-type"));
    logged.keyInQuery =
        SandboxHttpRequest::decodeForm(request.query()).contains(QStringLiteral("api_key"));

    if (path.startsWith("/v3/")) {
        handleV3(request, logged, keepAlive);
        return;
    }
    const QByteArray suffix = path.startsWith(kApiPrefix) ? path.mid(kApiPrefix.size()) : "";
    if (suffix != "json" && suffix != "xml") {
        m_server->record(logged);
        begin(SandboxResponses::httpError(404, "No such endpoint: " + path), keepAlive, nullptr);
        return;
    }
    const SandboxFormat format = suffix == "json" ? SandboxFormat::Json : SandboxFormat::Xml;
    logged.format = QString::fromLatin1(suffix);
    if (request.method != "POST") {
        m_server->record(logged);
        SandboxResponse refused =
            SandboxResponses::httpError(405, "reseller.manage answers POST requests only.");
        refused.headers.append(qMakePair(QByteArrayLiteral("Allow"), QByteArrayLiteral("POST")));
        begin(std::move(refused), keepAlive, nullptr);
        return;
    }

    const SandboxForm form = request.formFields();
    logged.method = form.value(QStringLiteral("method"));
    logged.task = form.value(QStringLiteral("task"));
    logged.user = form.value(QStringLiteral("user"));
    logged.email = form.value(QStringLiteral("email"));
    logged.withDate = form.value(QStringLiteral("date")) == QLatin1String("1");
    logged.authenticated = m_server->credentialsMatch(form.value(QStringLiteral("api_user")),
                                                      form.value(QStringLiteral("api_key")));
    m_server->record(logged);

    SandboxFault fault;
    const bool faulty = m_server->takeFault(logged.call(), logged.user, logged.query, &fault);
    begin(SandboxResponses::respond(form, format, m_server->m_data, logged.authenticated,
                                    m_server->encoding(), faulty ? &fault : nullptr),
          keepAlive, faulty ? &fault : nullptr);
}

void SandboxConnection::handleV3(const SandboxHttpRequest &request, SandboxRequest logged,
                                 bool keepAlive) {
    const SandboxV3Route route = SandboxV3Route::match(request.method, request.path());
    logged.api = QStringLiteral("v3");
    logged.query = QString::fromUtf8(request.query());
    logged.onBehalfOf = QString::fromUtf8(request.header("on-behalf-of"));
    logged.user = logged.onBehalfOf;
    logged.method = route.resource();
    logged.task = route.task();
    logged.email = route.email;
    logged.authenticated = m_server->bearerMatches(request.header("authorization"));
    m_server->record(logged);

    SandboxFault fault;
    const QString tenantKey =
        logged.onBehalfOf.isEmpty() ? SandboxFault::parentTenant() : logged.onBehalfOf;
    const bool faulty = m_server->takeFault(logged.call(), tenantKey, logged.query, &fault);
    begin(answerV3(request, route, logged, faulty ? &fault : nullptr), keepAlive,
          faulty ? &fault : nullptr);
}

// The checks in SendGrid's order as far as it shows: injected fault, key, route, rate limit,
// tenant, region; then the answer. Every answer but an injected 429 carries the rate-limit
// headers (a refused request announces the state without counting against it).
SandboxResponse SandboxConnection::answerV3(const SandboxHttpRequest &request,
                                            const SandboxV3Route &route,
                                            const SandboxRequest &logged,
                                            const SandboxFault *fault) {
    SandboxRateLimiter &limiter = m_server->rateLimiter();
    const QString endpoint = logged.call();
    const auto announced = [](SandboxResponse response, const SandboxRateLimiter::Verdict &state) {
        response.headers.append({"X-RateLimit-Limit", QByteArray::number(state.limit)});
        response.headers.append({"X-RateLimit-Remaining", QByteArray::number(state.remaining)});
        response.headers.append({"X-RateLimit-Reset", QByteArray::number(state.reset)});
        return response;
    };
    if (fault) {
        if (std::optional<SandboxResponse> answer =
                SandboxV3Responses::faultResponse(*fault, limiter.nowMs() / 1000)) {
            if (fault->type == SandboxFault::Type::RateLimit)
                return std::move(*answer);
            return announced(std::move(*answer), limiter.peek(endpoint));
        }
    }
    if (!logged.authenticated)
        return announced(SandboxV3Responses::error(401, QStringLiteral("authorization required")),
                         limiter.peek(endpoint));
    if (route.endpoint == SandboxV3Route::Endpoint::Unknown)
        return announced(SandboxV3Responses::error(404, QStringLiteral("resource not found")),
                         limiter.peek(endpoint));
    if (!route.methodAllowed) {
        SandboxResponse refused =
            SandboxV3Responses::error(405, QStringLiteral("method not allowed"));
        refused.headers.append({"Allow", route.allowedMethods});
        return announced(std::move(refused), limiter.peek(endpoint));
    }
    if (m_server->requireAccept() && request.method == "GET" && request.header("accept").isEmpty())
        return announced(SandboxV3Responses::error(406, QStringLiteral("Missing Accept header")),
                         limiter.peek(endpoint));
    const SandboxRateLimiter::Verdict verdict = limiter.take(endpoint);
    if (!verdict.allowed)
        return announced(SandboxV3Responses::error(429, QStringLiteral("too many requests")),
                         verdict);

    // The exact value names the tenant; an unknown one is refused like a key without access
    // (SendGrid does not document the answer).
    const SandboxTenant tenant = SandboxTenant::fromOnBehalfOf(logged.onBehalfOf);
    SandboxData &data = m_server->m_data;
    if ((route.isParentOnly() && tenant.kind != SandboxTenant::Kind::Parent) ||
        !data.hasTenant(tenant))
        return announced(SandboxV3Responses::error(403, QStringLiteral("access forbidden")),
                         verdict);
    // The parent account is answered on either host (it lists its subusers of both regions).
    const SandboxRegion served = m_server->regionServed();
    const QString region = data.region(tenant);
    if (served != SandboxRegion::Both && tenant.kind != SandboxTenant::Kind::Parent &&
        region != (served == SandboxRegion::Eu ? QLatin1String("eu") : QLatin1String("global")))
        return announced(
            SandboxV3Responses::error(
                403, QStringLiteral("access forbidden: the account named in on-behalf-of is in "
                                    "the %1 region; use that region's host")
                         .arg(region)),
            verdict);
    return announced(
        SandboxV3Responses::respond(request, route, data, tenant, m_server->encoding(), fault),
        verdict);
}

qint64 SandboxConnection::unwrittenBytes() const {
    qint64 bytes = m_socket->bytesToWrite();
#if QT_CONFIG(ssl)
    // A QSslSocket counts only the text not yet encrypted; what it encrypted waits below.
    if (const auto *tls = qobject_cast<const QSslSocket *>(m_socket.data()))
        bytes += tls->encryptedBytesToWrite();
#endif
    return bytes;
}

bool SandboxConnection::socketUsable() const {
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState &&
           m_state != State::Closed;
}

void SandboxConnection::begin(SandboxResponse response, bool keepAlive,
                              const SandboxFault *wireFault) {
    m_response = std::move(response);
    m_keepAlive = keepAlive;
    m_gzip.reset();
    if (m_acceptsGzip && m_server->compressesBodies())
        compressBody(wireFault && wireFault->type == SandboxFault::Type::CutCompressedData);
    m_bodyOffset = 0;
    m_pending.clear();
    m_pendingOffset = 0;
    m_payloadSent = 0;
    m_cut = Cut::None;
    m_cutAfter = -1;
    m_cutPauseMs = 0;
    m_dripBytes = 0;
    m_dripMs = 0;
    m_held = false;
    m_holdAfter = -1;
    m_state = State::Waiting;

    using Type = SandboxFault::Type;
    const int latencyMs = m_server->latencyMs();
    if (!wireFault) {
        if (latencyMs > 0)
            QTimer::singleShot(latencyMs, this, &SandboxConnection::sendHead);
        else
            sendHead();
        return;
    }
    const Type type = wireFault->type;
    if (type == Type::Truncate || type == Type::Reset) {
        m_cut = type == Type::Truncate ? Cut::Close : Cut::Reset;
        m_cutAfter = qMax<qint64>(0, wireFault->afterBytes);
        m_cutPauseMs = qMax(0, wireFault->delayMs);
        if (!m_response.stream && !m_response.body.isEmpty())
            m_cutAfter = qMin<qint64>(m_cutAfter, m_response.body.size() - 1);
        if (m_cut == Cut::Reset && m_cutAfter == 0 && wireFault->afterBytes <= 0) {
            resetNow(); // before the headers
            return;
        }
    }
    if (type == Type::DripFeed) {
        m_dripBytes = qMax(1, wireFault->chunkBytes);
        m_dripMs = qMax(0, wireFault->delayMs);
    }
    if (type == Type::Hold) {
        m_holdAfter = qMax<qint64>(0, wireFault->afterBytes);
        if (m_holdAfter == 0) {
            m_held = true;
            m_server->countAnswerHeld();
            return; // sendHead() when the test releases it, or never
        }
    }
    const int delayMs = latencyMs + (type == Type::Delay ? qMax(0, wireFault->delayMs) : 0);
    if (delayMs > 0) {
        // The timer dies with this connection, and sendHead() checks the socket is still there.
        QTimer::singleShot(delayMs, this, &SandboxConnection::sendHead);
        return;
    }
    sendHead();
}

void SandboxConnection::compressBody(bool cutShort) {
    if (m_response.status == 204 || (!m_response.stream && m_response.body.isEmpty()))
        return; // nothing to compress, and no length to announce for it
    m_response.headers.append({QByteArrayLiteral("Content-Encoding"), QByteArrayLiteral("gzip")});
    m_gzipCutShort = cutShort;
    if (m_response.stream) {
        m_gzip = std::make_unique<SandboxGzip>(); // piece by piece as the list is produced
    } else {
        m_response.body = SandboxGzip::compressed(m_response.body);
        if (cutShort)
            cutCompressedEnd(m_response.body);
    }
    m_server->countCompressedAnswer();
}

void SandboxConnection::sendHead() {
    if (!socketUsable() || m_state != State::Waiting)
        return;
    QByteArray head = "HTTP/1.1 " + QByteArray::number(m_response.status) + ' ' +
                      SandboxResponses::reasonPhrase(m_response.status) + "\r\n";
    head += "Server: BounceDesk-Sandbox\r\nDate: " + httpDate() + "\r\n";
    if (!m_response.contentType.isEmpty())
        head += "Content-Type: " + m_response.contentType + "\r\n";
    if (m_response.stream)
        head += "Transfer-Encoding: chunked\r\n";
    else if (m_response.status != 204) // a 204 carries no body and no length
        head += "Content-Length: " + QByteArray::number(m_response.body.size()) + "\r\n";
    head += m_keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
    for (const auto &header : std::as_const(m_response.headers))
        head += header.first + ": " + header.second + "\r\n";
    head += "\r\n";
    m_server->countAnswerBegun();
    m_socket->write(head);
    m_state = State::Sending;
    pump();
}

QByteArrayView SandboxConnection::takePayload(qsizetype max) {
    if (!m_response.stream) {
        const qsizetype length = qMin(max, m_response.body.size() - m_bodyOffset);
        const QByteArrayView piece(m_response.body.constData() + m_bodyOffset, length);
        m_bodyOffset += length;
        return piece;
    }
    if (m_pendingOffset >= m_pending.size()) {
        m_pending.resize(0);
        m_pendingOffset = 0;
        m_response.stream->produce(m_pending, kPieceBytes);
        if (m_gzip) {
            const bool last = m_response.stream->atEnd();
            m_pending = m_gzip->compress(m_pending, last);
            if (last && m_gzipCutShort)
                cutCompressedEnd(m_pending);
        }
    }
    const qsizetype length = qMin(max, m_pending.size() - m_pendingOffset);
    const QByteArrayView piece(m_pending.constData() + m_pendingOffset, length);
    m_pendingOffset += length;
    return piece;
}

bool SandboxConnection::payloadExhausted() const {
    if (!m_response.stream)
        return m_bodyOffset >= m_response.body.size();
    return m_response.stream->atEnd() && m_pendingOffset >= m_pending.size() &&
           (!m_gzip || m_gzip->finished());
}

void SandboxConnection::writePayload(QByteArrayView piece) {
    if (piece.isEmpty())
        return;
    m_payloadSent += piece.size();
    if (!m_response.stream) {
        m_socket->write(piece.data(), piece.size());
        return;
    }
    const int chunkBytes = m_server->streamChunkBytes();
    while (!piece.isEmpty()) {
        const QByteArrayView chunk =
            chunkBytes > 0 ? piece.first(qMin(piece.size(), qsizetype(chunkBytes))) : piece;
        piece = piece.sliced(chunk.size());
        m_socket->write(QByteArray::number(chunk.size(), 16) + "\r\n");
        m_socket->write(chunk.data(), chunk.size());
        m_socket->write("\r\n", 2);
        m_server->countStreamedChunk();
    }
}

void SandboxConnection::pump() {
    while (m_state == State::Sending && socketUsable()) {
        if (m_held)
            return; // the release calls again
        if (m_dripBytes > 0 ? m_dripScheduled : unwrittenBytes() >= kPieceBytes)
            return; // bytesWritten or the drip timer calls again
        if (m_holdAfter > 0 && m_payloadSent >= m_holdAfter) {
            m_held = true;
            m_server->countAnswerHeld();
            return;
        }
        qsizetype want = m_dripBytes > 0 ? m_dripBytes : kPieceBytes;
        if (m_holdAfter > 0)
            want = qsizetype(qMin<qint64>(want, m_holdAfter - m_payloadSent));
        QByteArrayView piece = takePayload(want);
        const bool cutHere = m_cut != Cut::None && m_payloadSent + piece.size() >= m_cutAfter;
        if (cutHere)
            piece = piece.first(qsizetype(m_cutAfter - m_payloadSent));
        writePayload(piece);
        if (cutHere) {
            startCut();
            return;
        }
        if (payloadExhausted()) {
            if (m_cut != Cut::None) { // a streamed body ends before its terminating chunk
                startCut();
                return;
            }
            if (m_response.stream)
                m_socket->write("0\r\n\r\n", 5);
            finishResponse();
            return;
        }
        if (m_dripBytes > 0) {
            m_dripScheduled = true;
            QTimer::singleShot(m_dripMs, this, [this] {
                m_dripScheduled = false;
                pump();
            });
            return;
        }
    }
}

void SandboxConnection::finishResponse() {
    m_response = SandboxResponse();
    m_gzip.reset();
    m_pending = QByteArray();
    if (!m_keepAlive) {
        m_state = State::Closed;
        m_socket->disconnectFromHost(); // after the buffered bytes are written
        return;
    }
    m_state = State::Reading;
    if (m_reader.hasInput())
        QMetaObject::invokeMethod(
            this, [this] { processInput(); }, Qt::QueuedConnection);
}

void SandboxConnection::startCut() {
    m_state = State::Cutting;
    if (unwrittenBytes() == 0)
        completeCut();
}

void SandboxConnection::completeCut() {
    m_state = State::Closed;
    if (m_cut == Cut::Reset) {
        QTimer::singleShot(kResetPauseMs + m_cutPauseMs, this, &SandboxConnection::resetNow);
        return;
    }
    if (m_cutPauseMs <= 0) {
        m_socket->disconnectFromHost();
        return;
    }
    // The timer dies with this connection; the socket may have gone meanwhile.
    QTimer::singleShot(m_cutPauseMs, this, [this] {
        if (m_socket)
            m_socket->disconnectFromHost();
    });
}

void SandboxConnection::resetNow() {
    m_state = State::Closed;
    if (!m_socket)
        return;
#ifdef Q_OS_UNIX
    // A zero linger time makes close() send RST instead of FIN: a real connection reset.
    const linger hard{1, 0};
    if (m_socket->socketDescriptor() >= 0)
        ::setsockopt(int(m_socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
#endif
    m_socket->abort();
    deleteLater();
}
