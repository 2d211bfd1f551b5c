// The network manager every API call goes through: no redirects, and plain HTTP read buffered
// (BufferedPlainHttpProxyFactory) without changing which proxy, if any, is used.
#include "api/apinetworkmanager.h"
#include "api/bufferedplainhttpproxyfactory.h"
#include "sandbox/sandboxserver.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtTest>

#include <memory>

namespace {
// Read system calls this process has made so far, all threads (Linux task I/O accounting).
qint64 readSystemCalls() {
    QFile io(QStringLiteral("/proc/self/io"));
    if (!io.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : io.readAll().split('\n')) {
        if (line.startsWith("syscr:"))
            return line.mid(6).trimmed().toLongLong();
    }
    return -1;
}

QNetworkProxyQuery urlQuery(const char *url) {
    return QNetworkProxyQuery(QUrl(QString::fromLatin1(url)));
}
} // namespace

Q_DECLARE_METATYPE(QNetworkProxyQuery)

class TestApiNetworkManager : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { QNetworkProxy::setApplicationProxy(QNetworkProxy(QNetworkProxy::NoProxy)); }

    // Without a configured proxy: direct plain HTTP is left to the socket (DefaultProxy). The
    // socket then asks again and must get the direct connection, or it would loop or fail; and
    // HTTPS is not touched.
    void answerWithoutAConfiguredProxy_data() {
        QTest::addColumn<QNetworkProxyQuery>("query");
        QTest::addColumn<QNetworkProxy::ProxyType>("expected");
        QTest::newRow("plain http")
            << urlQuery("http://127.0.0.1:8/v3/") << QNetworkProxy::DefaultProxy;
        QTest::newRow("the socket's own query")
            << QNetworkProxyQuery(QStringLiteral("127.0.0.1"), 8, QStringLiteral("http"),
                                  QNetworkProxyQuery::TcpSocket)
            << QNetworkProxy::NoProxy;
        QTest::newRow("https") << urlQuery("https://api.sendgrid.com/") << QNetworkProxy::NoProxy;
    }
    void answerWithoutAConfiguredProxy() {
        QFETCH(QNetworkProxyQuery, query);
        QFETCH(QNetworkProxy::ProxyType, expected);
        BufferedPlainHttpProxyFactory factory;
        const QList<QNetworkProxy> proxies = factory.queryProxy(query);
        QCOMPARE(proxies.size(), 1);
        QCOMPARE(proxies.front().type(), expected);
    }

    void aConfiguredProxyIsKept_data() {
        QTest::addColumn<QString>("url");
        // Not loopback: Qt never proxies a connection to this machine.
        QTest::newRow("http") << QStringLiteral("http://gateway.example/v3/");
        QTest::newRow("https") << QStringLiteral("https://api.sendgrid.com/v3/");
    }
    void aConfiguredProxyIsKept() {
        QFETCH(QString, url);
        const QNetworkProxy companyProxy(QNetworkProxy::HttpProxy, QStringLiteral("proxy.example"),
                                         3128);
        QNetworkProxy::setApplicationProxy(companyProxy);
        BufferedPlainHttpProxyFactory factory;
        const QList<QNetworkProxy> proxies = factory.queryProxy(QNetworkProxyQuery(QUrl(url)));
        QCOMPARE(proxies.size(), 1);
        QCOMPARE(proxies.front().type(), QNetworkProxy::HttpProxy);
        QCOMPARE(proxies.front().hostName(), companyProxy.hostName());
        QCOMPARE(proxies.front().port(), companyProxy.port());
    }

    void redirectsAreRefused() {
        std::unique_ptr<QNetworkAccessManager> manager(newApiNetworkManager(nullptr));
        QCOMPARE(manager->redirectPolicy(), QNetworkRequest::ManualRedirectPolicy);
    }

    // The manager sends plain HTTP through the proxy the application is configured with: here
    // a listening socket of the test's, which answers like a proxy.
    void requestsGoThroughTheConfiguredProxy() {
        QTcpServer proxy;
        QVERIFY(proxy.listen(QHostAddress::LocalHost));
        QByteArray received;
        connect(&proxy, &QTcpServer::newConnection, &proxy, [&] {
            QTcpSocket *client = proxy.nextPendingConnection();
            connect(client, &QTcpSocket::readyRead, client, [&received, client] {
                received += client->readAll();
                if (!received.contains("\r\n\r\n"))
                    return;
                client->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                              "Content-Length: 2\r\nConnection: close\r\n\r\n{}");
                client->disconnectFromHost();
            });
        });
        QNetworkProxy::setApplicationProxy(QNetworkProxy(
            QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), proxy.serverPort()));
        std::unique_ptr<QNetworkAccessManager> manager(newApiNetworkManager(nullptr));
        // Not loopback: Qt never proxies a connection to this machine.
        std::unique_ptr<QNetworkReply> reply(
            manager->get(QNetworkRequest(QUrl(QStringLiteral("http://gateway.example/v3/ping")))));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        QVERIFY(finished.wait(30000));
        QVERIFY2(received.startsWith("GET http://gateway.example/v3/ping HTTP/1.1\r\n"),
                 received.constData());
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(reply->readAll(), QByteArray("{}"));
    }

    // Unbuffered, Qt 6.4 reads each answer's status line and headers one byte per read() call,
    // so the calls would at least number the header bytes. Buffered, an answer takes a few
    // reads (the emulator's, in this process, and the event loops' wake-ups included).
    void answersAreReadAFewBlocksAtATime() {
        if (readSystemCalls() < 0)
            QSKIP("this kernel keeps no per-process I/O accounting (/proc/self/io)");
        SandboxServer server;
        QVERIFY2(server.listen(), qPrintable(server.errorString()));
        std::unique_ptr<QNetworkAccessManager> manager(newApiNetworkManager(nullptr));
        QNetworkRequest request(
            QUrl(server.v3BaseUrl().toString() + QStringLiteral("v3/suppression/bounces?limit=1")));
        request.setRawHeader("Authorization", "Bearer " + SandboxServer::demoKey().toUtf8());

        constexpr int answers = 40;
        qint64 headerBytes = 0;
        const qint64 readsBefore = readSystemCalls();
        for (int i = 0; i < answers; ++i) {
            std::unique_ptr<QNetworkReply> reply(manager->get(request));
            QSignalSpy finished(reply.get(), &QNetworkReply::finished);
            QVERIFY(finished.wait(30000));
            QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
            headerBytes += qstrlen("HTTP/1.1 200 OK\r\n\r\n");
            for (const auto &pair : reply->rawHeaderPairs())
                headerBytes += pair.first.size() + pair.second.size() + 4; // ": " and CRLF
        }
        const qint64 reads = readSystemCalls() - readsBefore;
        qInfo("%d answers, %lld header bytes, %lld read calls", answers, headerBytes, reads);
        QVERIFY2(
            reads < headerBytes / 3,
            qPrintable(
                QStringLiteral("%1 read calls for %2 header bytes").arg(reads).arg(headerBytes)));
    }
};

QTEST_GUILESS_MAIN(TestApiNetworkManager)
#include "tst_apinetworkmanager.moc"
