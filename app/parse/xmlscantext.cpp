#include "xmlscantext.h"

#include <QByteArray>
#include <QXmlStreamReader>

#include <algorithm>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace XmlScanText {

namespace {

bool isTextSpecial(unsigned char c) {
    return c < 0x20 || c >= 0x80 || c == '<' || c == '&' || c == ']';
}

#ifdef __SSE2__
__m128i load16(const char *p) {
    return _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
}
#endif

// Reads the declaration's pseudo-attributes in order; a tiny cursor over the text.
class DeclarationCursor {
public:
    explicit DeclarationCursor(std::string_view text)
        : m_text(text) {}
    bool skipSpace() {
        const std::size_t start = m_at;
        while (m_at < m_text.size() && isSpace(static_cast<unsigned char>(m_text[m_at])))
            ++m_at;
        return m_at > start;
    }
    bool take(std::string_view word) {
        if (m_text.substr(m_at, word.size()) != word)
            return false;
        m_at += word.size();
        return true;
    }
    // name S? = S? ("value" | 'value'): the value, or nullopt.
    std::optional<std::string_view> attribute(std::string_view name) {
        if (!take(name))
            return std::nullopt;
        skipSpace();
        if (!take("="))
            return std::nullopt;
        skipSpace();
        if (m_at >= m_text.size() || (m_text[m_at] != '"' && m_text[m_at] != '\''))
            return std::nullopt;
        const std::size_t close = m_text.find(m_text[m_at], m_at + 1);
        if (close == std::string_view::npos)
            return std::nullopt;
        const std::string_view value = m_text.substr(m_at + 1, close - m_at - 1);
        m_at = close + 1;
        return value;
    }
    bool startsWith(std::string_view word) const {
        return m_text.substr(m_at, word.size()) == word;
    }
    bool atEnd() const { return m_at == m_text.size(); }

private:
    std::string_view m_text;
    std::size_t m_at = 0;
};

std::optional<Encoding> encodingNamed(std::string_view name) {
    for (const char *utf8 : {"utf-8", "utf8"}) {
        if (equalsIgnoringCase(name, utf8))
            return Encoding::Utf8;
    }
    for (const char *latin1 : {"iso-8859-1", "iso8859-1", "latin1", "latin-1"}) {
        if (equalsIgnoringCase(name, latin1))
            return Encoding::Latin1;
    }
    for (const char *ascii : {"us-ascii", "ascii"}) {
        if (equalsIgnoringCase(name, ascii))
            return Encoding::Ascii;
    }
    return std::nullopt; // windows-1252, UTF-16, ...: QXmlStreamReader knows them
}

} // namespace

bool equalsIgnoringCase(std::string_view text, std::string_view lowerCase) {
    return text.size() == lowerCase.size() &&
           std::equal(text.begin(), text.end(), lowerCase.begin(), [](char a, char b) {
               return (a >= 'A' && a <= 'Z' ? char(a - 'A' + 'a') : a) == b;
           });
}

bool isTooLongName(std::string_view name, Encoding encoding) {
    return qsizetype(name.size()) > maxNameLength &&
           countCharacters(name.data(), name.data() + name.size(), encoding) > maxNameLength;
}

void appendUtf8(std::string *out, char32_t c) {
    if (c < 0x80) {
        out->push_back(char(c));
    } else if (c < 0x800) {
        const char bytes[] = {char(0xC0 | (c >> 6)), char(0x80 | (c & 0x3F))};
        out->append(bytes, 2);
    } else if (c < 0x10000) {
        const char bytes[] = {char(0xE0 | (c >> 12)), char(0x80 | ((c >> 6) & 0x3F)),
                              char(0x80 | (c & 0x3F))};
        out->append(bytes, 3);
    } else {
        const char bytes[] = {char(0xF0 | (c >> 18)), char(0x80 | ((c >> 12) & 0x3F)),
                              char(0x80 | ((c >> 6) & 0x3F)), char(0x80 | (c & 0x3F))};
        out->append(bytes, 4);
    }
}

const char *findTextSpecial(const char *p, const char *end) {
#ifdef __SSE2__
    const __m128i lt = _mm_set1_epi8('<');
    const __m128i amp = _mm_set1_epi8('&');
    const __m128i bracket = _mm_set1_epi8(']');
    const __m128i space = _mm_set1_epi8(0x20);
    while (end - p >= 16) {
        const __m128i bytes = load16(p);
        // Signed compare: below 0x20, or 0x80 and above (negative as signed bytes).
        const __m128i special = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(bytes, lt), _mm_cmpeq_epi8(bytes, amp)),
            _mm_or_si128(_mm_cmpeq_epi8(bytes, bracket), _mm_cmplt_epi8(bytes, space)));
        const int mask = _mm_movemask_epi8(special);
        if (mask != 0)
            return p + __builtin_ctz(unsigned(mask));
        p += 16;
    }
#endif
    while (p < end && !isTextSpecial(static_cast<unsigned char>(*p)))
        ++p;
    return p;
}

#ifdef __SSE2__
// How many of the bytes in [*p, end) match: `matches(block)` gives 0xFF for a match. Counts in
// byte lanes (at most 255 blocks at a time) and sums them with SAD: no popcount instruction
// needed, which baseline x86-64 lacks. Leaves *p at the last partial block.
template<typename Matches>
qsizetype countBlocks(const char **p, const char *end, Matches matches) {
    qsizetype count = 0;
    while (end - *p >= 16) {
        __m128i lanes = _mm_setzero_si128();
        for (int blocks = 0; blocks < 255 && end - *p >= 16; ++blocks, *p += 16)
            lanes = _mm_sub_epi8(lanes, matches(load16(*p)));
        const __m128i sums = _mm_sad_epu8(lanes, _mm_setzero_si128());
        count += _mm_cvtsi128_si32(sums) + _mm_cvtsi128_si32(_mm_srli_si128(sums, 8));
    }
    return count;
}
#endif

qsizetype countNewlines(const char *p, const char *end) {
    qsizetype count = 0;
#ifdef __SSE2__
    const __m128i newline = _mm_set1_epi8('\n');
    count =
        countBlocks(&p, end, [newline](__m128i bytes) { return _mm_cmpeq_epi8(bytes, newline); });
#endif
    return count + std::count(p, end, '\n');
}

qsizetype countCharacters(const char *p, const char *end, Encoding encoding) {
    if (encoding != Encoding::Utf8)
        return end - p;
    qsizetype count = 0;
#ifdef __SSE2__
    // Every byte but a continuation byte (0x80..0xBF, below -64 as a signed byte) starts one.
    const __m128i lastContinuation = _mm_set1_epi8(-65);
    count = countBlocks(&p, end, [lastContinuation](__m128i bytes) {
        return _mm_cmpgt_epi8(bytes, lastContinuation);
    });
#endif
    return count + std::count_if(p, end, [](char c) { return (c & 0xC0) != 0x80; });
}

bool isNameDelimiter(unsigned char c) {
    switch (c) {
    case '\t':
    case '\n':
    case '\r':
    case ' ':
    case '&':
    case '#':
    case '\'':
    case '"':
    case '<':
    case '>':
    case '[':
    case ']':
    case '=':
    case '%':
    case '/':
    case ';':
    case '?':
    case '!':
    case '^':
    case '|':
    case ',':
    case '(':
    case ')':
    case '+':
    case '*':
        return true;
    default:
        return false;
    }
}

bool isLaxNameStart(unsigned char c) {
    return !(c <= 0x23 || (c >= 0x25 && c <= 0x3F) || c == '[' || c == ']' || c == '|');
}

bool startsWithNonCharacter(std::string_view name, Encoding encoding) {
    return encoding == Encoding::Utf8 &&
           (name.substr(0, 3) == "\xEF\xBF\xBE" || name.substr(0, 3) == "\xEF\xBF\xBF");
}

bool isNcName(std::string_view name, Encoding encoding) {
    if (name.empty())
        return false;
    const bool ascii = std::all_of(name.begin(), name.end(),
                                   [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (ascii) {
        return isAsciiNameStart(static_cast<unsigned char>(name.front())) &&
               std::all_of(name.begin() + 1, name.end(),
                           [](char c) { return isAsciiNameChar(static_cast<unsigned char>(c)); });
    }
    // Which letters outside ASCII make a name is a long table; the reader that the other path
    // uses is the reference, so it decides. Names are short and such names rare.
    const std::string utf8 = toUtf8(name, encoding);
    QXmlStreamReader reader(
        QByteArray('<' + QByteArray(utf8.data(), qsizetype(utf8.size())) + QByteArray("/>")));
    while (!reader.atEnd()) {
        if (reader.readNext() == QXmlStreamReader::StartElement)
            return !reader.hasError();
    }
    return false;
}

std::string toUtf8(std::string_view bytes, Encoding encoding) {
    std::string out;
    out.reserve(bytes.size());
    auto p = reinterpret_cast<const unsigned char *>(bytes.data());
    const auto end = p + bytes.size();
    while (p < end) {
        if (*p < 0x80) {
            out.push_back(char(*p++));
        } else if (encoding == Encoding::Latin1) {
            appendUtf8(&out, *p++);
        } else if (encoding == Encoding::Ascii) {
            appendUtf8(&out, 0xFFFD);
            ++p;
        } else {
            char32_t code = 0;
            const int length = utf8Sequence(p, end, &code);
            appendUtf8(&out, length > 0 ? code : 0xFFFD);
            p += length > 0 ? length : length < 0 ? -length : end - p;
        }
    }
    return out;
}

std::optional<Encoding> declaredEncoding(std::string_view declaration) {
    if (declaration.size() < 7 || declaration.substr(declaration.size() - 2) != "?>")
        return std::nullopt;
    DeclarationCursor cursor(declaration.substr(0, declaration.size() - 2));
    if (!cursor.take("<?xml") || !cursor.skipSpace())
        return std::nullopt;
    const std::optional<std::string_view> version = cursor.attribute("version");
    if (!version || *version != "1.0")
        return std::nullopt;
    Encoding encoding = Encoding::Utf8;
    bool spaced = cursor.skipSpace();
    if (spaced && cursor.startsWith("encoding")) {
        const std::optional<std::string_view> name = cursor.attribute("encoding");
        const std::optional<Encoding> known = name ? encodingNamed(*name) : std::nullopt;
        if (!known)
            return std::nullopt;
        encoding = *known;
        spaced = cursor.skipSpace();
    }
    if (spaced && cursor.startsWith("standalone")) {
        const std::optional<std::string_view> value = cursor.attribute("standalone");
        if (!value || (*value != "yes" && *value != "no"))
            return std::nullopt;
        cursor.skipSpace();
    }
    if (!cursor.atEnd())
        return std::nullopt;
    return encoding;
}

QString describeByte(unsigned char c) {
    if (c > 0x20 && c < 0x7F)
        return QStringLiteral("'%1'").arg(QChar(QLatin1Char(char(c))));
    return QStringLiteral("byte 0x%1").arg(uint(c), 2, 16, QLatin1Char('0'));
}

} // namespace XmlScanText
