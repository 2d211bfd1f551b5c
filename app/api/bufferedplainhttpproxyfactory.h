#pragma once

#include <QNetworkProxyFactory>

// The proxies the application would use (the system's settings: http_proxy, https_proxy and
// no_proxy on Linux), with one change that makes plain HTTP cheap to read.
//
// Qt 6.4 opens a direct (proxy-less) plain-HTTP connection as an unbuffered socket, and then
// reads every answer's status line and headers one byte per read() system call: about 250 calls
// for each page of a v3 list, half a million for a million-row export over 2,000 pages. When the
// manager is handed QNetworkProxy::DefaultProxy instead of NoProxy, Qt treats it as a tunnel,
// opens the socket buffered (64 KB at a time), and lets the socket resolve the proxy itself —
// which asks the same application settings and connects directly. Nothing else changes: a real
// proxy is returned as it is, and HTTPS (QSslSocket buffers anyway) is never touched.
//
// Long answers too: unbuffered, Qt reads each chunk-size line of a chunked body a byte per
// read(). Against a server that sends 2 KiB chunks a million-row export took three times as
// long unbuffered (tests/benchmark/README.md, "Fourteenth pass").
class BufferedPlainHttpProxyFactory final : public QNetworkProxyFactory {
public:
    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery &query) override;
};
