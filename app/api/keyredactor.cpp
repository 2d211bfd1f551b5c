#include "keyredactor.h"

#include "apierror.h"

#include <QUrl>

#include <algorithm>

#ifdef __GLIBC__
#include <string.h>
#endif

namespace {

// Every buffered answer is searched for the key's anchor, so the search must cost little: glibc's
// memmem() took 0.08 ms for a 100 KB page where QByteArrayMatcher took 0.2 ms (a 6-letter
// anchor; with a real key's 43-letter run both take ~0.035 ms), 2,000 pages to a v3 export.
bool containsBytes(const QByteArray &haystack, const QByteArray &needle) {
#ifdef __GLIBC__
    return ::memmem(haystack.constData(), std::size_t(haystack.size()), needle.constData(),
                    std::size_t(needle.size())) != nullptr;
#else
    return haystack.contains(needle);
#endif
}

// Too short a key would also hide ordinary words; no real key is that short.
constexpr qsizetype kShortestKey = 4;
// A piece of the key this long, cut off by an excerpt, is still hidden, when enough of it is
// the key's own letters and digits rather than escape syntax (`&quot;`, `\u00e9`).
constexpr qsizetype kFragment = 8;
constexpr qsizetype kFragmentLetters = 6;

qsizetype lettersAndDigits(QStringView text) {
    qsizetype count = 0;
    for (const QChar c : text)
        count += c.isLetterOrNumber() ? 1 : 0;
    return count;
}

// How a JSON encoder may write the key: `"` and `\\` always escaped, `/` optionally, control
// characters as \u00XX, and non-ASCII either as UTF-8 or (PHP's default) as \u escapes of its
// UTF-16 units, so a character beyond the BMP becomes a surrogate pair of escapes.
QByteArray jsonEscaped(const QString &key, bool escapeSlash, bool asciiOnly, bool upperHex) {
    const char *digits = upperHex ? "0123456789ABCDEF" : "0123456789abcdef";
    QByteArray out;
    QString plain; // a run of characters written as they are, encoded whole (pairs stay intact)
    auto flushPlain = [&out, &plain] {
        out += plain.toUtf8();
        plain.clear();
    };
    for (const QChar c : key) {
        const char16_t unit = c.unicode();
        if (unit == '"' || unit == '\\' || (unit == '/' && escapeSlash)) {
            flushPlain();
            out += '\\';
            out += char(unit);
        } else if (unit < 0x20 || (asciiOnly && unit > 0x7E)) {
            flushPlain();
            out += "\\u";
            for (int shift = 12; shift >= 0; shift -= 4)
                out += digits[(unit >> shift) & 0xF];
        } else {
            plain += c;
        }
    }
    flushPlain();
    return out;
}

QString markupEscaped(const QString &key, bool numeric) {
    QString out;
    for (const QChar c : key) {
        switch (c.unicode()) {
        case '&':
            out += numeric ? QStringLiteral("&#38;") : QStringLiteral("&amp;");
            break;
        case '<':
            out += numeric ? QStringLiteral("&#60;") : QStringLiteral("&lt;");
            break;
        case '>':
            out += numeric ? QStringLiteral("&#62;") : QStringLiteral("&gt;");
            break;
        case '"':
            out += numeric ? QStringLiteral("&#34;") : QStringLiteral("&quot;");
            break;
        case '\'':
            out += numeric ? QStringLiteral("&#39;") : QStringLiteral("&apos;");
            break;
        default:
            out += c;
        }
    }
    return out;
}

template<typename List>
void longestFirst(List &list) {
    std::sort(list.begin(), list.end(),
              [](const auto &a, const auto &b) { return a.size() > b.size(); });
    list.erase(std::unique(list.begin(), list.end()), list.end());
}

} // namespace

std::shared_ptr<const KeyRedactor> KeyRedactor::shared(const QString &key) {
    thread_local std::weak_ptr<const KeyRedactor> last;
    std::shared_ptr<const KeyRedactor> redactor = last.lock();
    if (!redactor || redactor->m_key != key) {
        redactor = std::make_shared<const KeyRedactor>(key);
        last = redactor;
    }
    return redactor;
}

KeyRedactor::KeyRedactor(const QString &key)
    : m_key(key) {
    if (key.size() < kShortestKey)
        return;
    const QByteArray percent = QUrl::toPercentEncoding(key);
    QByteArray formEncoded = percent;
    formEncoded.replace("%20", "+");
    // Servers may write percent-encoding's hex digits in lower case; the key's own letters stay.
    QByteArray lowerHex = percent;
    for (qsizetype at = lowerHex.indexOf('%'); at >= 0 && at + 2 < lowerHex.size();
         at = lowerHex.indexOf('%', at + 3)) {
        lowerHex[at + 1] = char(QChar::toLower(ushort(uchar(lowerHex.at(at + 1)))));
        lowerHex[at + 2] = char(QChar::toLower(ushort(uchar(lowerHex.at(at + 2)))));
    }
    m_byteSpellings = {key.toUtf8(), percent, lowerHex, formEncoded,
                       key.toLatin1()}; // a Latin-1 body (XML declared ISO-8859-1)
    for (const bool slash : {false, true})
        for (const bool ascii : {false, true})
            for (const bool upper : {false, true})
                m_byteSpellings << jsonEscaped(key, slash, ascii, upper);
    for (const bool numeric : {false, true})
        m_byteSpellings << markupEscaped(key, numeric).toUtf8();
    // QString::toLatin1 turns what Latin-1 cannot hold into '?': that is not the key's spelling.
    if (QString::fromLatin1(key.toLatin1()) != key)
        m_byteSpellings.removeAll(key.toLatin1());
    longestFirst(m_byteSpellings);

    qsizetype runStart = 0;
    for (qsizetype i = 0; i <= key.size(); ++i) {
        const bool alnum =
            i < key.size() && key.at(i).unicode() < 0x80 && key.at(i).isLetterOrNumber();
        if (alnum)
            continue;
        if (i - runStart > m_anchor.size())
            m_anchor = key.mid(runStart, i - runStart).toLatin1();
        runStart = i + 1;
    }
    if (m_anchor.size() < kShortestKey)
        m_anchor.clear();

    for (const QByteArray &spelling : std::as_const(m_byteSpellings))
        m_textSpellings << QString::fromUtf8(spelling);
    m_textSpellings << key;
    longestFirst(m_textSpellings);
}

void KeyRedactor::redact(QByteArray &bytes) const {
    if (bytes.isEmpty() || m_byteSpellings.isEmpty())
        return;
    // Every spelling keeps the key's ASCII letters and digits as they are, so a body without
    // the longest run of them holds no spelling: one fast search instead of one per spelling.
    if (!m_anchor.isEmpty() && !containsBytes(bytes, m_anchor))
        return;
    for (const QByteArray &spelling : m_byteSpellings)
        bytes.replace(spelling, "[hidden]");
}

QString KeyRedactor::redacted(QString text) const {
    if (text.isEmpty() || m_textSpellings.isEmpty())
        return text;
    for (const QString &spelling : m_textSpellings)
        text.replace(spelling, placeholder(), Qt::CaseSensitive);
    // Percent-encoding's hex digits may come in either case, mixed.
    for (const QString &spelling : m_textSpellings)
        if (spelling.contains(QLatin1Char('%')))
            text.replace(spelling, placeholder(), Qt::CaseInsensitive);
    return withoutFragments(std::move(text));
}

// Messages quote excerpts of a body ("text starting with …", 40 characters), and an excerpt
// may begin or end inside the key. Any run of kFragment or more characters that is a piece of
// one of the key's spellings is hidden too. Messages are short, so the plain search is fine.
QString KeyRedactor::withoutFragments(QString text) const {
    qsizetype at = 0;
    while (at < text.size()) {
        qsizetype longest = 0;
        for (const QString &spelling : m_textSpellings) {
            for (qsizetype from = 0; from < spelling.size(); ++from) {
                qsizetype length = 0;
                while (at + length < text.size() && from + length < spelling.size() &&
                       text.at(at + length) == spelling.at(from + length))
                    ++length;
                if (length > longest &&
                    lettersAndDigits(QStringView(text).sliced(at, length)) >= kFragmentLetters)
                    longest = length;
            }
        }
        if (longest >= kFragment) {
            text.replace(at, longest, placeholder());
            at += placeholder().size();
        } else {
            ++at;
        }
    }
    return text;
}

ApiError KeyRedactor::redacted(ApiError error) const {
    error.serverMessage = redacted(std::move(error.serverMessage));
    error.detail = redacted(std::move(error.detail));
    return error;
}
