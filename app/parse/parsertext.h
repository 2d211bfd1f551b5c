#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

class QJsonValue;

// Small helpers the response parsers share for judging bodies and describing what is wrong
// with them. Bodies are untrusted: whatever is quoted from them is short plain text.
namespace ParserText {

// Index of the first byte after a UTF-8 BOM and JSON/XML white space.
qsizetype firstSignificantByte(QByteArrayView body);

// At most `maxChars` characters of untrusted bytes as one plain line: lossy UTF-8, control
// characters and line breaks turned into spaces, an ellipsis when cut.
QString excerpt(QByteArrayView bytes, qsizetype maxChars);

QString quoted(const QString &text); // “text”

// A JSON scalar as text (ids and codes may come as numbers: 401 -> "401"); empty otherwise.
QString jsonScalarText(const QJsonValue &value);

// The UTF-8 sequence at `p` (Unicode Table 3-7): its length when well-formed (the code point
// in *code), minus the length of its maximal ill-formed subpart (one U+FFFD each, as
// Utf8StreamRepair does), or 0 when [p, end) is the start of a well-formed sequence that `end`
// cuts short. The one UTF-8 decoder of the parsers (Utf8StreamRepair included).
int utf8Sequence(const unsigned char *p, const unsigned char *end, char32_t *code);

// Repairs a UTF-8 byte stream chunk by chunk, for readers that would reject the whole body
// over one bad byte: every ill-formed sequence becomes U+FFFD, and a sequence cut in two by a
// chunk boundary is held back until its end arrives. Valid text passes through unchanged.
class Utf8StreamRepair final {
public:
    QByteArray push(QByteArrayView chunk); // the bytes to pass on for this chunk
    QByteArray finish();                   // what was held back, repaired

private:
    QByteArray m_held; // the start of a sequence that the last chunk cut off
};

} // namespace ParserText
