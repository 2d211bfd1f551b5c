#include "bodyinflater.h"

#include <new>
#include <zlib.h>

struct BodyInflater::Stream {
    z_stream z{};
};

BodyInflater::BodyInflater()
    : m_stream(std::make_unique<Stream>()) {
    // 15 window bits, +32: a gzip or a zlib header, whichever the data begins with.
    if (inflateInit2(&m_stream->z, 15 + 32) != Z_OK)
        throw std::bad_alloc();
}

BodyInflater::~BodyInflater() {
    inflateEnd(&m_stream->z);
}

bool BodyInflater::inflates(const QByteArray &contentEncoding) {
    const QByteArray coding = contentEncoding.trimmed().toLower();
    return coding == "gzip" || coding == "x-gzip" || coding == "deflate";
}

void BodyInflater::feed(QByteArray compressed) {
    m_input = std::move(compressed);
    m_offset = 0;
}

qint64 BodyInflater::inflateInto(char *out, qint64 capacity) {
    z_stream &z = m_stream->z;
    qint64 written = 0;
    while (hasInput() && written < capacity) {
        if (m_ended) {
            // More after the end: gzip allows members one after another.
            if (inflateReset(&z) != Z_OK)
                return -1;
            m_ended = false;
        }
        const qsizetype available = m_input.size() - m_offset;
        z.next_in = reinterpret_cast<Bytef *>(m_input.data() + m_offset);
        z.avail_in = uInt(qMin<qsizetype>(available, 1 << 30));
        z.next_out = reinterpret_cast<Bytef *>(out + written);
        z.avail_out = uInt(qMin<qint64>(capacity - written, 1 << 30));
        const uInt inBefore = z.avail_in;
        const uInt outBefore = z.avail_out;
        const int result = inflate(&z, Z_NO_FLUSH);
        m_offset += qsizetype(inBefore - z.avail_in);
        written += qint64(outBefore - z.avail_out);
        if (result == Z_STREAM_END) {
            m_ended = true;
            continue;
        }
        if (result == Z_BUF_ERROR && inBefore == z.avail_in && outBefore == z.avail_out)
            return -1; // no progress with input and room both there: cannot happen in good data
        if (result != Z_OK && result != Z_BUF_ERROR)
            return -1; // not data of this coding, or damaged
    }
    if (!hasInput())
        m_input = QByteArray();
    return written;
}
