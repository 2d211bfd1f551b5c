#include "sandboxgzip.h"

#include <QList>

#include <new>
#include <zlib.h>

struct SandboxGzip::Stream {
    z_stream z{};
};

SandboxGzip::SandboxGzip()
    : m_stream(std::make_unique<Stream>()) {
    // 15 window bits, +16: a gzip header and trailer rather than zlib's.
    if (deflateInit2(&m_stream->z, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::bad_alloc();
}

SandboxGzip::~SandboxGzip() {
    deflateEnd(&m_stream->z);
}

QByteArray SandboxGzip::compress(QByteArrayView input, bool last) {
    QByteArray out;
    if (m_finished)
        return out;
    z_stream &z = m_stream->z;
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(input.data()));
    z.avail_in = uInt(input.size());
    const int flush = last ? Z_FINISH : Z_NO_FLUSH;
    int result = Z_OK;
    do {
        const qsizetype used = out.size();
        const qsizetype room = qMax<qsizetype>(qsizetype(deflateBound(&z, z.avail_in)), 16 << 10);
        out.resize(used + room);
        z.next_out = reinterpret_cast<Bytef *>(out.data() + used);
        z.avail_out = uInt(room);
        result = deflate(&z, flush);
        out.resize(used + room - qsizetype(z.avail_out));
        // Without `last`, until all of the input is taken; with it, until the trailer is out.
    } while (result == Z_OK && (last || z.avail_in > 0));
    if (last && result == Z_STREAM_END)
        m_finished = true;
    return out;
}

QByteArray SandboxGzip::compressed(QByteArrayView body) {
    SandboxGzip gzip;
    return gzip.compress(body, true);
}

bool SandboxGzip::offered(const QByteArray &acceptEncoding) {
    for (const QByteArray &item : acceptEncoding.split(',')) {
        const QList<QByteArray> parts = item.split(';');
        const QByteArray coding = parts.first().trimmed().toLower();
        if (coding != "gzip" && coding != "*")
            continue;
        bool refused = false;
        for (qsizetype i = 1; i < parts.size(); ++i) {
            const QByteArray parameter = parts[i].trimmed().toLower();
            if (parameter.startsWith("q=") && parameter.mid(2).toDouble() <= 0)
                refused = true;
        }
        if (!refused)
            return true;
    }
    return false;
}
