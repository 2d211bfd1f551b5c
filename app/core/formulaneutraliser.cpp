#include "formulaneutraliser.h"

namespace {

constexpr char32_t endOfText = 0;
constexpr char32_t undecoded = 0xFFFD; // anything the rule does not look at

bool isBlank(char32_t c) {
    // U+FEFF, the byte-order mark: readers drop it (Qt's QString::fromUtf8 among them) and
    // then see what follows it first.
    return c == U' ' || c == U'\t' || c == U'\u00A0' || c == U'\u2007' || c == U'\u202F' ||
           c == U'\u3000' || c == U'\uFEFF';
}

bool isFormulaSign(char32_t c) {
    switch (c) {
    case U'=':
    case U'+':
    case U'-':
    case U'@':
    case U'\uFF1D': // ＝
    case U'\uFF0B': // ＋
    case U'\uFF0D': // －
    case U'\uFF20': // ＠
        return true;
    default:
        return false;
    }
}

// The rule itself, over code points handed out one by one by `next` (endOfText at the end).
template<typename Next>
bool startsLikeFormulaRule(Next next) {
    char32_t c = next();
    // A reader drops a leading byte-order mark (QString::fromUtf8 does) and then judges what
    // follows it as the cell's first character: "\uFEFF\r…" starts with CR.
    while (c == U'\uFEFF')
        c = next();
    if (c == U'=' || c == U'+' || c == U'-' || c == U'@' || c == U'\t' || c == U'\r' || c == U'\n')
        return true;
    while (isBlank(c))
        c = next();
    return isFormulaSign(c);
}

// Decodes the UTF-8 sequences the rule cares about (all of them two or three bytes long);
// any other sequence reads as `undecoded`, which ends the rule.
class Utf8CodePoints {
public:
    explicit Utf8CodePoints(std::string_view utf8)
        : m_text(utf8) {}
    char32_t operator()() {
        if (m_at >= m_text.size())
            return endOfText;
        const auto byte = [this](std::size_t i) { return char32_t(quint8(m_text[m_at + i])); };
        const char32_t lead = byte(0);
        const std::size_t left = m_text.size() - m_at;
        if (lead < 0x80) {
            ++m_at;
            return lead;
        }
        // Overlong forms (a space spelt in two bytes) are not UTF-8: a spreadsheet does not
        // read them as the character, so neither does the rule.
        if ((lead & 0xE0) == 0xC0 && left >= 2 && (byte(1) & 0xC0) == 0x80) {
            const char32_t c = ((lead & 0x1F) << 6) | (byte(1) & 0x3F);
            m_at += 2;
            return c >= 0x80 ? c : undecoded;
        }
        if ((lead & 0xF0) == 0xE0 && left >= 3 && (byte(1) & 0xC0) == 0x80 &&
            (byte(2) & 0xC0) == 0x80) {
            const char32_t c = ((lead & 0x0F) << 12) | ((byte(1) & 0x3F) << 6) | (byte(2) & 0x3F);
            m_at += 3;
            return c >= 0x800 ? c : undecoded;
        }
        m_at = m_text.size();
        return undecoded;
    }

private:
    std::string_view m_text;
    std::size_t m_at = 0;
};

} // namespace

namespace FormulaNeutraliser {

bool startsLikeFormulaAfterBlanks(std::string_view utf8) {
    return startsLikeFormulaRule(Utf8CodePoints(utf8));
}

bool startsLikeFormula(QStringView text) {
    qsizetype at = 0;
    return startsLikeFormulaRule([&] {
        // Every character the rule looks at is in the BMP: one UTF-16 unit each.
        return at < text.size() ? char32_t(text[at++].unicode()) : endOfText;
    });
}

QString neutralised(QString text) {
    text.remove(QChar(u'\0'));
    if (startsLikeFormula(text))
        text.prepend(QLatin1Char(prefix));
    return text;
}

} // namespace FormulaNeutraliser
