#include "sandboxencoding.h"

#include <array>
#include <charconv>
#include <cstring>

// Serialisation is the emulator's hot path (1M rows ≈ 230 MB): each row reserves its worst
// case once, then writes through a raw pointer, copying clean 8-byte words whole.

namespace {

constexpr char kHex[] = "0123456789abcdef";
constexpr quint64 kOnes = 0x0101010101010101ULL;
constexpr quint64 kHighs = 0x8080808080808080ULL;

// SWAR tests over 8 bytes at once (each true when some byte matches).
constexpr quint64 hasZero(quint64 x) {
    return (x - kOnes) & ~x & kHighs;
}
constexpr quint64 hasByte(quint64 x, quint8 byte) {
    return hasZero(x ^ (kOnes * byte));
}
constexpr quint64 hasLess(quint64 x, quint8 bound) // bound <= 128
{
    return (x - kOnes * bound) & ~x & kHighs;
}

bool jsonWordNeedsCare(quint64 x, bool asciiOnly) {
    return hasLess(x, 0x20) | hasByte(x, '"') | hasByte(x, '\\') |
           (asciiOnly ? (x & kHighs) | hasByte(x, '/') : 0);
}

bool xmlWordNeedsCare(quint64 x, bool latin1) {
    return hasLess(x, 0x20) | hasByte(x, '&') | hasByte(x, '<') | hasByte(x, '>') |
           (latin1 ? x & kHighs : 0);
}

// Decodes one UTF-8 sequence at `text[i]`; returns its length, or 0 when it is not valid.
int decodeUtf8(std::string_view text, std::size_t i, char32_t *codePoint) {
    const auto byte = [&](std::size_t k) { return static_cast<quint8>(text[k]); };
    const quint8 lead = byte(i);
    int length = 0;
    char32_t value = 0;
    if (lead >= 0xc2 && lead <= 0xdf)
        length = 2, value = lead & 0x1f;
    else if (lead >= 0xe0 && lead <= 0xef)
        length = 3, value = lead & 0x0f;
    else if (lead >= 0xf0 && lead <= 0xf4)
        length = 4, value = lead & 0x07;
    else
        return 0;
    if (i + std::size_t(length) > text.size())
        return 0;
    for (int k = 1; k < length; ++k) {
        const quint8 next = byte(i + std::size_t(k));
        if ((next & 0xc0) != 0x80)
            return 0;
        value = (value << 6) | (next & 0x3f);
    }
    const bool overlong = (length == 3 && value < 0x800) || (length == 4 && value < 0x10000);
    if (overlong || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff))
        return 0;
    *codePoint = value;
    return length;
}

template<std::size_t N>
char *put(char *p, const char (&literal)[N]) {
    std::memcpy(p, literal, N - 1);
    return p + N - 1;
}

char *put(char *p, std::string_view text) {
    std::memcpy(p, text.data(), text.size());
    return p + text.size();
}

char *putUnicodeEscape(char *p, char32_t unit) {
    *p++ = '\\', *p++ = 'u';
    for (int shift = 12; shift >= 0; shift -= 4)
        *p++ = kHex[(unit >> shift) & 0xf];
    return p;
}

char *putCharacterReference(char *p, char32_t codePoint) {
    p = put(p, "&#x");
    int shift = 20;
    while (shift > 0 && ((codePoint >> shift) & 0xf) == 0)
        shift -= 4;
    for (; shift >= 0; shift -= 4)
        *p++ = kHex[(codePoint >> shift) & 0xf];
    *p++ = ';';
    return p;
}

// Handles the byte at text[i] that a word test flagged (it may still be plain); returns the
// index after what it consumed.
std::size_t jsonByte(char *&p, std::string_view text, std::size_t i, bool asciiOnly) {
    const quint8 c = static_cast<quint8>(text[i]);
    if (c >= 0x80) {
        char32_t codePoint = 0;
        const int length = asciiOnly ? decodeUtf8(text, i, &codePoint) : 0;
        if (length == 0) { // raw UTF-8, or not UTF-8 at all: pass it through
            *p++ = char(c);
            return i + 1;
        }
        if (codePoint >= 0x10000) {
            const char32_t v = codePoint - 0x10000;
            p = putUnicodeEscape(p, 0xd800 + (v >> 10));
            p = putUnicodeEscape(p, 0xdc00 + (v & 0x3ff));
        } else {
            p = putUnicodeEscape(p, codePoint);
        }
        return i + std::size_t(length);
    }
    switch (c) {
    case '"':
        p = put(p, "\\\"");
        break;
    case '\\':
        p = put(p, "\\\\");
        break;
    case '/':
        p = asciiOnly ? put(p, "\\/") : put(p, "/");
        break;
    case '\n':
        p = put(p, "\\n");
        break;
    case '\r':
        p = put(p, "\\r");
        break;
    case '\t':
        p = put(p, "\\t");
        break;
    case '\b':
        p = put(p, "\\b");
        break;
    case '\f':
        p = put(p, "\\f");
        break;
    default:
        if (c < 0x20)
            p = putUnicodeEscape(p, c);
        else
            *p++ = char(c);
        break;
    }
    return i + 1;
}

std::size_t xmlByte(char *&p, std::string_view text, std::size_t i, bool latin1) {
    const quint8 c = static_cast<quint8>(text[i]);
    if (c >= 0x80) {
        char32_t codePoint = 0;
        const int length = latin1 ? decodeUtf8(text, i, &codePoint) : 0;
        if (length == 0) {
            *p++ = char(c);
            return i + 1;
        }
        if (codePoint <= 0xff)
            *p++ = char(codePoint);
        else
            p = putCharacterReference(p, codePoint);
        return i + std::size_t(length);
    }
    switch (c) {
    case '&':
        p = put(p, "&amp;");
        break;
    case '<':
        p = put(p, "&lt;");
        break;
    case '>':
        p = put(p, "&gt;");
        break;
    case '\r':
        p = put(p, "&#13;");
        break; // a raw CR would be normalised away
    case '\t':
    case '\n':
        *p++ = char(c);
        break;
    default:
        if (c < 0x20)
            p = put(p, "&#xFFFD;"); // not representable in XML 1.0 at all
        else
            *p++ = char(c);
        break;
    }
    return i + 1;
}

template<typename NeedsCare, typename Byte>
char *putEscaped(char *p, std::string_view text, NeedsCare needsCare, Byte byte) {
    std::size_t i = 0;
    const std::size_t n = text.size();
    while (i < n) {
        while (i + 8 <= n) {
            quint64 word;
            std::memcpy(&word, text.data() + i, 8);
            if (needsCare(word))
                break;
            std::memcpy(p, &word, 8);
            p += 8, i += 8;
        }
        const std::size_t stop = std::min(n, i + 8);
        while (i < stop)
            i = byte(p, text, i);
    }
    return p;
}

char *putJson(char *p, std::string_view text, bool asciiOnly) {
    *p++ = '"';
    p = putEscaped(
        p, text, [asciiOnly](quint64 w) { return jsonWordNeedsCare(w, asciiOnly); },
        [asciiOnly](char *&out, std::string_view t, std::size_t i) {
            return jsonByte(out, t, i, asciiOnly);
        });
    *p++ = '"';
    return p;
}

char *putXml(char *p, std::string_view text, bool latin1) {
    return putEscaped(
        p, text, [latin1](quint64 w) { return xmlWordNeedsCare(w, latin1); },
        [latin1](char *&out, std::string_view t, std::size_t i) {
            return xmlByte(out, t, i, latin1);
        });
}

// Grows `out` by a worst case, hands out the write position, and trims to what was written.
class RawAppender {
public:
    RawAppender(QByteArray &out, std::size_t worstCase)
        : m_out(out) {
        const qsizetype start = out.size();
        out.resize(start + qsizetype(worstCase));
        m_begin = out.data();
        p = m_begin + start;
    }
    ~RawAppender() { m_out.resize(qsizetype(p - m_begin)); }
    Q_DISABLE_COPY_MOVE(RawAppender)

    char *p;

private:
    QByteArray &m_out;
    char *m_begin;
};

constexpr std::size_t kJsonWorst = 6; // "\u001f" for one byte
constexpr std::size_t kXmlWorst = 8;  // "&#xFFFD;" for one byte

} // namespace

namespace SandboxEncoder {

void appendJsonString(QByteArray &out, std::string_view utf8, bool asciiOnly) {
    RawAppender append(out, kJsonWorst * utf8.size() + 2);
    append.p = putJson(append.p, utf8, asciiOnly);
}

void appendXmlText(QByteArray &out, std::string_view utf8, bool latin1) {
    RawAppender append(out, kXmlWorst * utf8.size());
    append.p = putXml(append.p, utf8, latin1);
}

void appendXmlElement(QByteArray &out, std::string_view name, std::string_view utf8, bool latin1) {
    RawAppender append(out, kXmlWorst * utf8.size() + 2 * name.size() + 5);
    char *p = append.p;
    *p++ = '<', p = put(p, name), *p++ = '>';
    p = putXml(p, utf8, latin1);
    p = put(p, "</"), p = put(p, name), *p++ = '>';
    append.p = p;
}

void appendXmlDeclaration(QByteArray &out, bool latin1) {
    out.append(latin1 ? "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
                      : "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
}

void appendBounceJson(QByteArray &out, const BounceUtf8 &row, bool first, bool withDate,
                      bool asciiOnly) {
    const std::size_t text =
        row.email.size() + row.status.size() + row.reason.size() + row.created.size();
    RawAppender append(out, kJsonWorst * text + 64);
    char *p = append.p;
    p = first ? put(p, "{\"email\":") : put(p, ",{\"email\":");
    p = putJson(p, row.email, asciiOnly);
    p = put(p, ",\"status\":");
    p = putJson(p, row.status, asciiOnly);
    p = put(p, ",\"reason\":");
    p = putJson(p, row.reason, asciiOnly);
    if (withDate) {
        p = put(p, ",\"created\":");
        p = putJson(p, row.created, asciiOnly);
    }
    *p++ = '}';
    append.p = p;
}

void appendBounceXml(QByteArray &out, const BounceUtf8 &row, bool withDate, bool latin1) {
    const std::size_t text =
        row.email.size() + row.status.size() + row.reason.size() + row.created.size();
    RawAppender append(out, kXmlWorst * text + 128);
    char *p = append.p;
    p = put(p, "  <bounce>\n    <email>");
    p = putXml(p, row.email, latin1);
    p = put(p, "</email>\n    <status>");
    p = putXml(p, row.status, latin1);
    p = put(p, "</status>\n    <reason>");
    p = putXml(p, row.reason, latin1);
    if (withDate) {
        p = put(p, "</reason>\n    <created>");
        p = putXml(p, row.created, latin1);
        p = put(p, "</created>\n  </bounce>\n");
    } else {
        p = put(p, "</reason>\n  </bounce>\n");
    }
    append.p = p;
}

void appendV3RowJson(QByteArray &out, SuppressionList list, const BounceUtf8 &row, bool asciiOnly) {
    const std::size_t text = row.email.size() + row.status.size() + row.reason.size();
    RawAppender append(out, kJsonWorst * text + 96);
    char *p = append.p;
    p = put(p, "{\"created\":");
    p = std::to_chars(p, p + 24, SandboxGenerator::createdSeconds(row)).ptr;
    p = put(p, ",\"email\":");
    p = putJson(p, row.email, asciiOnly);
    switch (list) {
    case SuppressionList::Bounces:
    case SuppressionList::Blocks:
        p = put(p, ",\"reason\":");
        p = putJson(p, row.reason, asciiOnly);
        p = put(p, ",\"status\":");
        p = putJson(p, row.status, asciiOnly);
        break;
    case SuppressionList::InvalidEmails:
        p = put(p, ",\"reason\":");
        p = putJson(p, row.reason, asciiOnly);
        break;
    case SuppressionList::SpamReports:
        p = put(p, ",\"ip\":");
        p = putJson(p, row.status, asciiOnly);
        break;
    case SuppressionList::Unsubscribes:
    case SuppressionList::GroupUnsubscribes:
        break;
    }
    *p++ = '}';
    append.p = p;
}

} // namespace SandboxEncoder
