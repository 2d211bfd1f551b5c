#pragma once

class QNetworkAccessManager;
class QObject;

// How a manager has Qt 6.4 read an answer over plain HTTP without a proxy.
enum class PlainHttpReads {
    // Through a buffered socket (BufferedPlainHttpProxyFactory): the status line and headers
    // in one read() instead of one read() per byte (~250 system calls per answer), the body
    // 64 KB at a time, each piece a round of queued calls between Qt's HTTP thread and the
    // reply's. For everything answered in many small answers: customers, deletes, v3 pages.
    Buffered,
    // Through Qt's unbuffered socket: the head one byte per read(), the body as much as has
    // arrived per read. For one long streamed answer (a v2 list) that is ~250 calls once, and
    // fewer pieces: about half the system calls of a 230 MB export, ~3% less of its CPU time
    // (tests/benchmark/README.md, "Thirteenth pass").
    Unbuffered,
};

// A QNetworkAccessManager as every call to the API needs it: it refuses redirects (one would
// carry the credentials away) and reads plain HTTP as `reads` says. Proxies are the
// application's settings either way.
QNetworkAccessManager *newApiNetworkManager(QObject *parent,
                                            PlainHttpReads reads = PlainHttpReads::Buffered);
