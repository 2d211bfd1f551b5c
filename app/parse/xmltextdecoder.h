#pragma once

#include "parsertext.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringDecoder>

#include <optional>

// Turns the bytes of an XML body into UTF-8 for Expat, chunk by chunk, so that there is one
// text to read whatever the server sent: UTF-8 (the usual), UTF-16 with a byte-order mark (or
// without one, from how "<?xml" is spelled, XML 1.0 appendix F), or whatever the XML
// declaration names (ISO-8859-1, windows-1252, ...). Invalid input never fails the body: an
// ill-formed UTF-8 sequence, an undecodable byte or a lone surrogate becomes U+FFFD, so one
// stray byte in a bounce reason does not lose the list.
//
// The encoding is decided from the first bytes alone (at most the declaration's first
// declarationBytes), which are held until then: the output never depends on where the chunks
// were cut, even inside a byte-order mark or a character. US-ASCII is read as UTF-8, its
// superset; a declared UTF-16 in bytes that are not UTF-16 is read as the bytes are.
class XmlTextDecoder final {
public:
    // How much of an XML declaration is read for its encoding.
    static constexpr qsizetype declarationBytes = 1024;

    QByteArray push(QByteArrayView bytes); // UTF-8 to read now (perhaps nothing yet)
    QByteArray finish();                   // the rest: the body is complete

    // The declaration names an encoding that cannot be read; nothing more comes out.
    bool failed() const { return !m_problem.isEmpty(); }
    QString problem() const { return m_problem; }

private:
    enum class Mode { Undecided, Utf8, Decoder, Failed };

    bool decide(bool atEnd); // true once the mode is known (or failed)
    void useEncodingNamed(const QByteArray &name);
    QByteArray decoded(QByteArrayView bytes);

    Mode m_mode = Mode::Undecided;
    QByteArray m_head; // the first bytes, while the encoding is not known
    ParserText::Utf8StreamRepair m_repair;
    std::optional<QStringDecoder> m_decoder;
    bool m_utf16 = false;
    qint64 m_decodedBytes = 0; // bytes given to m_decoder
    QString m_heldSurrogate;   // a high surrogate whose pair may come with the next chunk
    QString m_problem;
};
