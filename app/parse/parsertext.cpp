#include "parsertext.h"

#include "core/quantitytext.h"
#include "jsontext.h"

#include <QJsonValue>

#include <simdjson.h>

namespace ParserText {

qsizetype firstSignificantByte(QByteArrayView body) {
    qsizetype i = body.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    while (i < body.size() &&
           (body[i] == ' ' || body[i] == '\t' || body[i] == '\r' || body[i] == '\n'))
        ++i;
    return i;
}

QString excerpt(QByteArrayView bytes, qsizetype maxChars) {
    // 4 bytes per character at most, so decoding never touches more than it may show.
    const QString text = QString::fromUtf8(bytes.first(qMin(bytes.size(), maxChars * 4)));
    QString out;
    out.reserve(maxChars + 1);
    for (const QChar c : text) {
        if (out.size() >= maxChars) {
            if (out.back().isHighSurrogate())
                out.chop(1); // never cut a character in half: half a pair is no text
            out += QChar(0x2026);
            break;
        }
        const bool control = c.isSpace() || c.category() == QChar::Other_Control ||
                             c.category() == QChar::Other_Format;
        out += control ? QChar(QLatin1Char(' ')) : c;
    }
    return out.simplified();
}

QString quoted(const QString &text) {
    return QChar(0x201C) + text + QChar(0x201D);
}

QString jsonScalarText(const QJsonValue &value) {
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double: {
        const double number = value.toDouble();
        if (number >= -9.0e15 && number <= 9.0e15 && double(qint64(number)) == number)
            return QString::number(qint64(number));
        return QString::number(number, 'g', 17);
    }
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    default:
        return {};
    }
}

namespace {

// Where a multi-byte sequence that the end of `bytes` cuts short begins (bytes.size() when
// nothing is cut).
qsizetype cutSequenceStart(QByteArrayView bytes) {
    for (qsizetype back = 1; back <= 3 && back <= bytes.size(); ++back) {
        const auto byte = static_cast<unsigned char>(bytes[bytes.size() - back]);
        if (byte < 0x80)
            break; // ASCII: nothing is cut
        if (byte < 0xC0)
            continue; // a continuation byte: look further back for the lead byte
        const int length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2;
        return length > back ? bytes.size() - back : bytes.size();
    }
    return bytes.size();
}

QByteArray repaired(QByteArrayView bytes) {
    if (simdjson::validate_utf8(bytes.data(), std::size_t(bytes.size())))
        return bytes.toByteArray();
    std::string fixed;
    JsonText::appendSanitizedUtf8(std::string_view(bytes.data(), std::size_t(bytes.size())),
                                  &fixed);
    return QByteArray(fixed.data(), qsizetype(fixed.size()));
}

} // namespace

QByteArray Utf8StreamRepair::push(QByteArrayView chunk) {
    QByteArray joined;
    if (!m_held.isEmpty()) {
        joined = m_held;
        joined.append(chunk);
        chunk = joined;
    }
    const qsizetype cut = cutSequenceStart(chunk);
    QByteArray out = repaired(chunk.first(cut));
    m_held = chunk.sliced(cut).toByteArray();
    return out;
}

QByteArray Utf8StreamRepair::finish() {
    const QByteArray out = repaired(m_held);
    m_held.clear();
    return out;
}

int utf8Sequence(const unsigned char *p, const unsigned char *end, char32_t *code) {
    const unsigned char lead = p[0];
    if (lead < 0x80) {
        *code = lead;
        return 1;
    }
    int length;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0)
            low = 0xA0; // no overlong forms
        else if (lead == 0xED)
            high = 0x9F; // no surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0)
            low = 0x90;
        else if (lead == 0xF4)
            high = 0x8F; // nothing above U+10FFFF
    } else {
        return -1; // a continuation byte or a byte never used in UTF-8
    }
    char32_t value = lead & (0x7F >> length);
    for (int i = 1; i < length; ++i) {
        if (p + i >= end)
            return 0;
        if (p[i] < low || p[i] > high)
            return -i;
        value = (value << 6) | (p[i] & 0x3F);
        low = 0x80;
        high = 0xBF;
    }
    *code = value;
    return length;
}

} // namespace ParserText
