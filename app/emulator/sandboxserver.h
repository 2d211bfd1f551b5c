#pragma once

#include "sandboxdata.h"

#include <QHostAddress>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QString>
#include <QUrl>

class QTcpServer;

// What the emulator should do wrong, for the next `times` requests matching `call`.
struct SandboxFault {
    enum class Type {
        Delay,           // wait delayMs, then answer normally
        DripFeed,        // answer normally, `chunkBytes` every `delayMs`
        Truncate,        // announce the full Content-Length, close after `afterBytes` of body
        Reset,           // reset the connection after `afterBytes` of body (0: before headers)
        Http500,         // 500 with a JSON error body
        Http502Html,     // 502 with an HTML page, as proxies send
        RateLimit,       // 429, Retry-After / X-RateLimit-* headers, `retryAfterSeconds`
        ErrorWith200,    // HTTP 200 with an error body in shape `errorShape` (0..3)
        WrongCredentials,// 401 {"error":{"code":401,"message":"Permission denied, wrong credentials"}}
        WrongContentType,// 200 with text/html content type and the normal body
        InvalidUtf8,     // the normal body with an invalid UTF-8 sequence in a reason
        HugeField,       // one reason of `afterBytes` bytes (e.g. 10 MB)
        EmptyBody,       // 200 with Content-Length: 0
    };
    Type type = Type::Delay;
    QString call;         // "bounces.get", "bounces.delete", "profile.get"; empty: any call
    int times = 1;        // how many matching requests it applies to; -1: until cleared
    int delayMs = 0;
    int chunkBytes = 64;
    qint64 afterBytes = 0;
    int retryAfterSeconds = 1;
    int errorShape = 0;
};

// One request as the emulator understood it (for tests: what was sent). Never holds the key.
struct SandboxRequest {
    QString path;    // e.g. /apiv2/reseller.manage.json
    QString method;  // bounces / profile
    QString task;    // get / delete
    QString user;    // customer
    QString email;   // delete target, decoded exactly as the server decodes it
    bool authenticated = false;
};

// A loopback emulator of SendGrid's v2 reseller endpoint: a small HTTP/1.1 server on
// QTcpServer (the pattern of Qt's own network tests), serving reseller.manage.json / .xml
// from SandboxData, with faults on demand. Used by the tests, `bouncedesk sandbox` and the
// window's demo mode. Large lists are generated while they are sent, never held whole.
class SandboxServer final : public QObject {
    Q_OBJECT
public:
    explicit SandboxServer(QObject *parent = nullptr);
    ~SandboxServer() override;

    // Listens on 127.0.0.1 (port 0: any free port). False with errorString() on failure.
    bool listen(quint16 port = 0, const QHostAddress &address = QHostAddress::LocalHost);
    QString errorString() const;
    quint16 port() const;
    QUrl baseUrl() const; // http://127.0.0.1:PORT/apiv2/

    static QString demoUser() { return QStringLiteral("demo-reseller"); }
    static QString demoKey() { return QStringLiteral("demo-key"); }
    void setCredentials(const QString &user, const QString &key);

    SandboxData &data() { return m_data; }

    void addFault(const SandboxFault &fault);
    void clearFaults();

    QList<SandboxRequest> requests() const;
    void clearRequests();

Q_SIGNALS:
    void requestReceived(const SandboxRequest &request);

private:
    friend class SandboxConnection;
    bool takeFault(const QString &call, SandboxFault *fault);
    void record(const SandboxRequest &request);

    QTcpServer *m_server;
    SandboxData m_data;
    QString m_user = demoUser();
    QString m_key = demoKey();
    QList<SandboxFault> m_faults;
    QList<SandboxRequest> m_requests;
};
