#include "sandboxserver.h"

#include "sandboxconnection.h"

#include <QMutexLocker>
#include <QTcpServer>
#include <QTcpSocket>

#if QT_CONFIG(ssl)
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#endif

SandboxServer::SandboxServer(QObject *parent)
    : QObject(parent) {
    qRegisterMetaType<SandboxRequest>();
    qRegisterMetaType<SandboxFault>();
    adopt(new QTcpServer(this));
}

SandboxServer::~SandboxServer() = default;

// pendingConnectionAvailable, not newConnection: QSslServer emits newConnection when the TCP
// connection arrives and has nothing to hand out until the handshake is done; this one comes
// once per connection ready to take, for QTcpServer as for QSslServer, so each is counted once.
void SandboxServer::adopt(QTcpServer *listener) {
    m_server = listener;
    connect(listener, &QTcpServer::pendingConnectionAvailable, this, [this, listener] {
        while (QTcpSocket *socket = listener->nextPendingConnection()) {
            {
                const QMutexLocker locker(&m_mutex);
                ++m_connections;
            }
            new SandboxConnection(socket, this); // owned by this server, deletes itself
        }
    });
}

bool SandboxServer::setTlsCertificate(const QByteArray &certificatePem, const QByteArray &keyPem,
                                      QString *error) {
    const auto fail = [error](const QString &text) {
        if (error)
            *error = text;
        return false;
    };
    if (m_server->isListening())
        return fail(QStringLiteral("TLS must be set before the emulator listens."));
#if QT_CONFIG(ssl)
    if (!QSslSocket::supportsSsl())
        return fail(QStringLiteral("no TLS backend (OpenSSL) could be loaded."));
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certificatePem, QSsl::Pem);
    if (chain.isEmpty() || chain.first().isNull())
        return fail(QStringLiteral("the TLS certificate is not a PEM certificate."));
    QSslKey key(keyPem, QSsl::Rsa, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(keyPem, QSsl::Ec, QSsl::Pem);
    if (key.isNull()) // its text stays out of the message: it is a secret
        return fail(QStringLiteral("the TLS private key is not an unencrypted PEM RSA or EC key."));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificateChain(chain);
    tls.setPrivateKey(key);
    tls.setPeerVerifyMode(QSslSocket::VerifyNone); // no client certificates
    auto *listener = new QSslServer(this);
    listener->setSslConfiguration(tls);
    delete m_server;
    adopt(listener);
    return true;
#else
    Q_UNUSED(certificatePem)
    Q_UNUSED(keyPem)
    return fail(QStringLiteral("this build of Qt has no TLS."));
#endif
}

bool SandboxServer::usesTls() const {
#if QT_CONFIG(ssl)
    return qobject_cast<const QSslServer *>(m_server) != nullptr;
#else
    return false;
#endif
}

bool SandboxServer::listen(quint16 port, const QHostAddress &address) {
    return m_server->listen(address, port);
}

QString SandboxServer::errorString() const {
    return m_server->errorString();
}

quint16 SandboxServer::port() const {
    return m_server->serverPort();
}

QUrl SandboxServer::baseUrl() const {
    QUrl url;
    url.setScheme(usesTls() ? QStringLiteral("https") : QStringLiteral("http"));
    const QHostAddress address = m_server->serverAddress();
    url.setHost(address.isNull() || address == QHostAddress::Any || address == QHostAddress::AnyIPv4
                    ? QStringLiteral("127.0.0.1")
                    : address.toString());
    url.setPort(port());
    url.setPath(QStringLiteral("/apiv2/"));
    return url;
}

QUrl SandboxServer::v3BaseUrl() const {
    QUrl url = baseUrl();
    url.setPath(QStringLiteral("/"));
    return url;
}

void SandboxServer::setRegionServed(SandboxRegion region) {
    m_region = int(region);
}

SandboxRegion SandboxServer::regionServed() const {
    return SandboxRegion(m_region.load());
}

void SandboxServer::setRateLimit(int requests, int windowSeconds) {
    m_rateLimiter.setLimit(requests, windowSeconds);
}

void SandboxServer::setClock(std::function<qint64()> msSinceEpoch) {
    m_rateLimiter.setClock(std::move(msSinceEpoch));
}

int SandboxServer::rateLimitRefusals() const {
    return m_rateLimiter.refusals();
}

void SandboxServer::setRequireAccept(bool require) {
    m_requireAccept = require;
}

bool SandboxServer::requireAccept() const {
    return m_requireAccept.load();
}

void SandboxServer::setLatencyMs(int ms) {
    m_latencyMs = qMax(0, ms);
}

int SandboxServer::latencyMs() const {
    return m_latencyMs.load();
}

void SandboxServer::setStreamChunkBytes(int bytes) {
    m_streamChunkBytes = qMax(0, bytes);
}

int SandboxServer::streamChunkBytes() const {
    return m_streamChunkBytes.load();
}

void SandboxServer::setCompressesBodies(bool compress) {
    m_compressesBodies = compress;
}

bool SandboxServer::compressesBodies() const {
    return m_compressesBodies.load();
}

bool SandboxServer::bearerMatches(const QByteArray &authorization) const {
    const QByteArray scheme = QByteArrayLiteral("Bearer ");
    return authorization.startsWith(scheme) && !m_key.isEmpty() &&
           authorization.mid(scheme.size()).trimmed() == m_key.toUtf8();
}

void SandboxServer::setCredentials(const QString &user, const QString &key) {
    m_user = user;
    m_key = key;
}

bool SandboxServer::credentialsMatch(const QString &user, const QString &key) const {
    return !user.isEmpty() && user == m_user && key == m_key;
}

void SandboxServer::setXmlEncoding(XmlEncoding encoding) {
    m_encoding.xmlLatin1 = encoding == XmlEncoding::Latin1;
}

void SandboxServer::setJsonAsciiOnly(bool asciiOnly) {
    m_encoding.jsonAsciiOnly = asciiOnly;
}

void SandboxServer::addFault(const SandboxFault &fault) {
    const QMutexLocker locker(&m_mutex);
    m_faults.append(fault);
}

void SandboxServer::clearFaults() {
    const QMutexLocker locker(&m_mutex);
    m_faults.clear();
}

bool SandboxServer::takeFault(const QString &call, const QString &tenant, const QString &query,
                              SandboxFault *fault) {
    const QMutexLocker locker(&m_mutex);
    for (qsizetype i = 0; i < m_faults.size(); ++i) {
        SandboxFault &candidate = m_faults[i];
        if (candidate.times == 0) { // spent, or never meant to apply
            m_faults.removeAt(i--);
            continue;
        }
        if ((!candidate.call.isEmpty() && candidate.call != call) ||
            (!candidate.tenant.isEmpty() && candidate.tenant != tenant) ||
            (!candidate.queryItem.isEmpty() &&
             !query.split(QLatin1Char('&')).contains(candidate.queryItem)))
            continue;
        *fault = candidate;
        if (candidate.times > 0 && --candidate.times == 0)
            m_faults.removeAt(i);
        return true;
    }
    return false;
}

void SandboxServer::record(const SandboxRequest &request) {
    SandboxRequest logged = request;
    {
        const QMutexLocker locker(&m_mutex);
        logged.answersBegunBefore = m_answersBegun;
        m_requests.append(logged);
    }
    Q_EMIT requestReceived(logged);
}

QList<SandboxRequest> SandboxServer::requests() const {
    const QMutexLocker locker(&m_mutex);
    return m_requests;
}

void SandboxServer::clearRequests() {
    const QMutexLocker locker(&m_mutex);
    m_requests.clear();
}

int SandboxServer::connectionsAccepted() const {
    const QMutexLocker locker(&m_mutex);
    return m_connections;
}

qint64 SandboxServer::streamedChunksWritten() const {
    const QMutexLocker locker(&m_mutex);
    return m_streamedChunks;
}

void SandboxServer::countAnswerBegun() {
    const QMutexLocker locker(&m_mutex);
    ++m_answersBegun;
}

void SandboxServer::countAnswerHeld() {
    const QMutexLocker locker(&m_mutex);
    ++m_answersHeld;
}

void SandboxServer::countCompressedAnswer() {
    const QMutexLocker locker(&m_mutex);
    ++m_compressedAnswers;
}

int SandboxServer::compressedAnswers() const {
    const QMutexLocker locker(&m_mutex);
    return m_compressedAnswers;
}

int SandboxServer::answersHeld() const {
    const QMutexLocker locker(&m_mutex);
    return m_answersHeld;
}

void SandboxServer::releaseHeldAnswers() {
    Q_EMIT heldAnswersReleased(); // queued to the server's thread when called from another
}

void SandboxServer::countStreamedChunk() {
    const QMutexLocker locker(&m_mutex);
    ++m_streamedChunks;
}
