#include "benchserver.h"

#include "benchsupport.h"

#include "sandbox/sandboxresponses.h"
#include "sandbox/sandboxserver.h"

BenchServer::BenchServer(const QString &customer, qsizetype rows, int streamChunkBytes)
    : m_server(new SandboxServer) {
    m_thread.setObjectName(QStringLiteral("emulator"));
    m_server->setCredentials(user(), key());
    m_server->setStreamChunkBytes(streamChunkBytes);
    m_server->data().addGeneratedCustomer(customer, rows);
    // Runs in the emulator's thread (a direct connection to an object living there): only
    // atomics are touched.
    QObject::connect(
        m_server, &SandboxServer::requestReceived, m_server,
        [this](const SandboxRequest &request) {
            if (request.method != QLatin1String("bounces"))
                return;
            if (request.task == QLatin1String("get")) {
                const qint64 now = Bench::nowNs();
                m_listAnswerNs.store(now);
                qint64 none = 0;
                m_firstListAnswerNs.compare_exchange_strong(none, now);
            } else if (request.task == QLatin1String("delete"))
                ++m_deleteRequests;
        },
        Qt::DirectConnection);
    QObject::connect(&m_thread, &QThread::finished, m_server, &QObject::deleteLater);
    m_server->moveToThread(&m_thread);
    m_thread.start();
    QMetaObject::invokeMethod(
        m_server,
        [this] {
            m_listening = m_server->listen();
            m_error = m_server->errorString();
            m_baseUrl = m_server->baseUrl();
            m_v3BaseUrl = m_server->v3BaseUrl();
        },
        Qt::BlockingQueuedConnection);
}

BenchServer::~BenchServer() {
    m_thread.quit();
    m_thread.wait();
}

ApiSettings BenchServer::apiSettings(ResponseFormat format) const {
    ApiSettings settings;
    settings.baseUrl = m_baseUrl;
    settings.format = format;
    settings.apiUser = user();
    settings.apiKey = key();
    return settings;
}

ApiSettings BenchServer::v3ApiSettings() const {
    ApiSettings settings;
    settings.api = ApiVersion::V3;
    settings.baseUrl = m_v3BaseUrl;
    settings.apiKey = key();
    return settings;
}

qint64 listPayloadBytes(const QString &customer, qsizetype rows, ResponseFormat format) {
    SandboxData data;
    data.addGeneratedCustomer(customer, rows);
    SandboxBounceStream::Options options;
    options.format = format == ResponseFormat::Json ? SandboxFormat::Json : SandboxFormat::Xml;
    options.withDate = true;
    SandboxBounceStream stream(data.rows(customer), options);
    QByteArray piece;
    qint64 total = 0;
    while (!stream.atEnd()) {
        piece.resize(0);
        stream.produce(piece, 4 << 20);
        total += piece.size();
    }
    return total;
}
