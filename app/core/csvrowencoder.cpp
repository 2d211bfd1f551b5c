#include "csvrowencoder.h"

#include "formulaneutraliser.h"
#include "suppressionrow.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <string>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace {

// Room beyond blockBytes, so that any row of up to this much CSV appended to a block that is
// not yet full fits without moving the block.
constexpr qsizetype slackBytes = qsizetype(64) << 10;

constexpr bool isSpecialByte(unsigned char c) {
    return c == ',' || c == '"' || c == '\r' || c == '\n' || c == '\0';
}

// isSpecialByte() of every byte, looked up: short fields are tested a byte at a time.
constexpr std::array<bool, 256> specialBytesTable = [] {
    std::array<bool, 256> table{};
    for (int c = 0; c < 256; ++c)
        table[std::size_t(c)] = isSpecialByte(static_cast<unsigned char>(c));
    return table;
}();

#ifdef __SSE2__
// The bytes of `v` that make a field need care (isSpecialByte()), one bit each.
int specialBytes(__m128i v) {
    const __m128i hit =
        _mm_or_si128(_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(',')),
                                               _mm_cmpeq_epi8(v, _mm_set1_epi8('"'))),
                                  _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\r')),
                                               _mm_cmpeq_epi8(v, _mm_set1_epi8('\n')))),
                     _mm_cmpeq_epi8(v, _mm_setzero_si128()));
    return _mm_movemask_epi8(hit);
}
#endif

// Copies `utf8` to `out` unless a byte of it needs care (false: what was copied is to be
// overwritten). Most fields need neither quotes nor NULs removed, so the test and the copy are
// one pass, sixteen bytes at a time.
bool copyPlain(char *out, std::string_view utf8) {
    const char *const from = utf8.data();
    const std::size_t size = utf8.size();
    std::size_t i = 0;
#ifdef __SSE2__
    if (size >= 16) {
        for (; i + 16 <= size; i += 16) {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(from + i));
            if (specialBytes(v))
                return false;
            _mm_storeu_si128(reinterpret_cast<__m128i *>(out + i), v);
        }
        if (i == size)
            return true;
        // The last sixteen bytes of the field, some of them copied already.
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(from + size - 16));
        if (specialBytes(v))
            return false;
        _mm_storeu_si128(reinterpret_cast<__m128i *>(out + size - 16), v);
        return true;
    }
#endif
    for (; i < size; ++i) {
        if (specialBytesTable[static_cast<unsigned char>(from[i])])
            return false;
        out[i] = from[i];
    }
    return true;
}

} // namespace

CsvRowEncoder::CsvRowEncoder(CsvOptions options)
    : m_options(options)
    , m_columns(suppressionColumns(options.list)) {
    for (const BounceKind kind : {BounceKind::Unknown, BounceKind::Soft, BounceKind::Hard})
        m_kindCells[std::size_t(kind)] =
            encodeField(bounceKindNameUtf8(kind), options.neutraliseFormulas);
    for (const BounceClass bounceClass : allBounceClasses)
        m_classCells[std::size_t(bounceClass)] =
            encodeField(bounceClassNameUtf8(bounceClass), options.neutraliseFormulas);
}

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
    // The rule reads the text without NULs: a field with any is the careful path's.
    const bool formula = neutraliseFormulas && FormulaNeutraliser::startsLikeFormula(utf8);
    char *const to = formula ? out + 1 : out;
    if (!copyPlain(to, utf8))
        return appendCarefulField(out, utf8, neutraliseFormulas);
    if (formula)
        *out = FormulaNeutraliser::prefix;
    return to + utf8.size();
}

// A field with a comma, quote, CR, LF or NUL.
char *CsvRowEncoder::appendCarefulField(char *out, std::string_view utf8, bool neutraliseFormulas) {
    if (std::memchr(utf8.data(), '\0', utf8.size())) {
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
    // The cells between the two loops, as plain pairs left uninitialised: an array of
    // string_views is zeroed first (a `rep stos`, 14% of this function).
    struct Cell {
        const char *data;
        std::size_t size;
    };
    Cell fields[maxColumns];
    const qsizetype count = m_columns.size();
    qsizetype worst = 2; // CRLF
    for (qsizetype i = 0; i < count; ++i) {
        const std::string_view cell = suppressionCellUtf8(row, m_columns[i]);
        fields[i] = {cell.data(), cell.size()};
        worst += worstCaseBytes(cell) + 1;
    }
    char *const start = reserve(worst);
    char *out = start;
    for (qsizetype i = 0; i < count; ++i) {
        if (i)
            *out++ = ',';
        const QByteArray *constant = nullptr;
        if (row.stored && m_columns[i] == SuppressionColumn::Type)
            constant = &m_kindCells[std::size_t(row.stored->kind)];
        else if (row.stored && m_columns[i] == SuppressionColumn::Class)
            constant = &m_classCells[std::size_t(row.stored->bounceClass)];
        if (constant) {
            std::memcpy(out, constant->constData(), std::size_t(constant->size()));
            out += constant->size();
        } else {
            out = appendField(out, std::string_view(fields[i].data, fields[i].size),
                              m_options.neutraliseFormulas);
        }
    }
    *out++ = '\r';
    *out++ = '\n';
    m_used += out - start;
}
