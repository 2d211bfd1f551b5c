#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <memory>

// Compresses one answer's body as gzip (RFC 1952), in pieces as a generated list is produced:
// the emulator's answers to a client that offers gzip when SandboxServer::setCompressesBodies()
// asks for it, as SendGrid or a proxy in front of it may answer. zlib does the work; fast
// rather than small (level 1), since the emulator compresses a million-row body on the fly.
class SandboxGzip final {
public:
    SandboxGzip();
    ~SandboxGzip();
    SandboxGzip(const SandboxGzip &) = delete;
    SandboxGzip &operator=(const SandboxGzip &) = delete;

    // The compressed bytes of `input` that are ready (possibly none yet); with `last`, also the
    // rest and the gzip trailer, after which nothing more may be given.
    QByteArray compress(QByteArrayView input, bool last);
    bool finished() const { return m_finished; }

    // A whole body at once.
    static QByteArray compressed(QByteArrayView body);

    // Whether an Accept-Encoding header's value offers gzip (a coding named gzip, or *, not
    // refused with q=0).
    static bool offered(const QByteArray &acceptEncoding);

private:
    struct Stream;
    std::unique_ptr<Stream> m_stream;
    bool m_finished = false;
};
