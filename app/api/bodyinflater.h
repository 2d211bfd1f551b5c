#pragma once

#include <QByteArray>

#include <memory>

// Inflates a streamed body that came compressed (Content-Encoding gzip, or deflate as zlib
// data), as the reader takes it: ApiCall asks for such bodies itself rather than letting Qt
// inflate them, because Qt 6.4 inflates whatever arrives into the reply's buffer however full
// it is, so a paused reader no longer stops the download (a 45 MB list gzipped piled up 22-33
// MiB ahead of its parser; tst_loadpipeline). Here the compressed bytes wait in the reply's
// bounded buffer, and are inflated one piece at a time only as the reader asks for them.
class BodyInflater final {
public:
    BodyInflater();
    ~BodyInflater();
    BodyInflater(const BodyInflater &) = delete;
    BodyInflater &operator=(const BodyInflater &) = delete;

    // Whether this coding (a Content-Encoding value) is one this class inflates.
    static bool inflates(const QByteArray &contentEncoding);

    // Compressed bytes to inflate next; only once hasInput() is false.
    void feed(QByteArray compressed);
    bool hasInput() const { return m_offset < m_input.size(); }
    // Inflates into `out`, at most `capacity` bytes: how many were written (0 when the input
    // is used up first), or -1 when the data is not compressed data of the coding, or damaged.
    qint64 inflateInto(char *out, qint64 capacity);
    // The compressed data ended whole (gzip: its length and checksum checked). Before that,
    // a body that ends was cut short.
    bool ended() const { return m_ended; }

private:
    struct Stream;
    std::unique_ptr<Stream> m_stream;
    QByteArray m_input;
    qsizetype m_offset = 0;
    bool m_ended = false;
};
