#include "csvrowencoder.h"

#include "formulaneutraliser.h"
#include "suppressionrow.h"

#include <algorithm>
#include <cstring>
#include <string>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace {

// Room beyond blockBytes, so that any row of up to this much CSV appended to a block that is
// not yet full fits without moving the block.
constexpr qsizetype slackBytes = qsizetype(64) << 10;

constexpr bool isSpecial(char c) {
    return c == ',' || c == '"' || c == '\r' || c == '\n' || c == '\0';
}

// Most fields need neither quotes nor NULs removed; this test runs over every byte written,
// sixteen at a time.
bool needsCare(std::string_view utf8) {
    const char *const data = utf8.data();
    const std::size_t size = utf8.size();
    std::size_t i = 0;
#ifdef __SSE2__
    const __m128i comma = _mm_set1_epi8(',');
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i cr = _mm_set1_epi8('\r');
    const __m128i lf = _mm_set1_epi8('\n');
    const __m128i nul = _mm_setzero_si128();
    for (; i + 16 <= size; i += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(data + i));
        const __m128i hit = _mm_or_si128(
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, quote)),
                         _mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, lf))),
            _mm_cmpeq_epi8(v, nul));
        if (_mm_movemask_epi8(hit))
            return true;
    }
#endif
    for (; i < size; ++i) {
        if (isSpecial(data[i]))
            return true;
    }
    return false;
}

} // namespace

CsvRowEncoder::CsvRowEncoder(CsvOptions options)
    : m_options(options)
    , m_columns(suppressionColumns(options.list)) {}

char *CsvRowEncoder::reserve(qsizetype bytes) {
    if (m_used + bytes > m_block.size()) {
        // A new block, or one huge row: grow, keeping what is encoded.
        const qsizetype wanted = std::max(m_used + bytes, blockBytes + slackBytes);
        QByteArray bigger(m_block.isEmpty() ? wanted : std::max(wanted, 2 * m_block.size()),
                          Qt::Uninitialized);
        if (m_used > 0)
            std::memcpy(bigger.data(), m_block.constData(), std::size_t(m_used));
        m_block = std::move(bigger);
    }
    return m_block.data() + m_used;
}

void CsvRowEncoder::clear() {
    m_used = 0;
    if (m_block.size() > blockBytes + slackBytes)
        m_block = QByteArray(); // after a huge row: not kept for the next ones
}

QByteArray CsvRowEncoder::takeBlock() {
    QByteArray block = std::move(m_block);
    block.truncate(m_used);
    m_block = QByteArray();
    m_used = 0;
    return block;
}

// `out` has room for worstCaseBytes(utf8).
char *CsvRowEncoder::appendField(char *out, std::string_view utf8, bool neutraliseFormulas) {
    const bool careful = needsCare(utf8);
    if (careful && std::memchr(utf8.data(), '\0', utf8.size())) {
        // A NUL never reaches the file, raw or not: importers cut the cell or the file there.
        std::string kept;
        kept.reserve(utf8.size());
        for (const char c : utf8) {
            if (c != '\0')
                kept.push_back(c);
        }
        return appendField(out, kept, neutraliseFormulas);
    }
    const bool formula = neutraliseFormulas && FormulaNeutraliser::startsLikeFormula(utf8);
    if (!careful) {
        if (formula)
            *out++ = FormulaNeutraliser::prefix;
        if (!utf8.empty())
            std::memcpy(out, utf8.data(), utf8.size());
        return out + utf8.size();
    }
    *out++ = '"';
    if (formula)
        *out++ = FormulaNeutraliser::prefix;
    const char *from = utf8.data();
    const char *const end = from + utf8.size();
    while (from != end) {
        const auto *quote =
            static_cast<const char *>(std::memchr(from, '"', std::size_t(end - from)));
        const char *const stop = quote ? quote + 1 : end;
        std::memcpy(out, from, std::size_t(stop - from));
        out += stop - from;
        if (quote)
            *out++ = '"'; // doubled
        from = stop;
    }
    *out++ = '"';
    return out;
}

QByteArray CsvRowEncoder::encodeField(std::string_view utf8, bool neutraliseFormulas) {
    QByteArray field(worstCaseBytes(utf8), Qt::Uninitialized);
    const char *const end = appendField(field.data(), utf8, neutraliseFormulas);
    field.truncate(end - field.constData());
    return field;
}

void CsvRowEncoder::appendHeader() {
    static constexpr std::string_view bom = "\xEF\xBB\xBF";
    const QByteArray header = suppressionCsvHeader(m_options.list).toLatin1() + "\r\n";
    const std::string_view start = m_options.byteOrderMark ? bom : std::string_view();
    char *out = reserve(qsizetype(start.size()) + header.size());
    if (!start.empty())
        std::memcpy(out, start.data(), start.size());
    std::memcpy(out + start.size(), header.constData(), std::size_t(header.size()));
    m_used += qsizetype(start.size()) + header.size();
}

void CsvRowEncoder::appendRow(const SuppressionRow &row) {
    constexpr qsizetype maxColumns = 6;
    Q_ASSERT(m_columns.size() <= maxColumns);
    std::string_view fields[maxColumns];
    const qsizetype count = m_columns.size();
    qsizetype worst = 2; // CRLF
    for (qsizetype i = 0; i < count; ++i) {
        fields[i] = suppressionCellUtf8(row, m_columns[i]);
        worst += worstCaseBytes(fields[i]) + 1;
    }
    char *const start = reserve(worst);
    char *out = start;
    for (qsizetype i = 0; i < count; ++i) {
        if (i)
            *out++ = ',';
        out = appendField(out, fields[i], m_options.neutraliseFormulas);
    }
    *out++ = '\r';
    *out++ = '\n';
    m_used += out - start;
}
