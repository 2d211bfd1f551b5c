#include "jsonbounceparser.h"

#include "apierrorshapes.h"
#include "bodysyntax.h"
#include "core/quantitytext.h"
#include "parsertext.h"

#include <algorithm>

namespace {

using JsonText::isSpace;
using JsonText::skipSpace;

QString rowsText(qsizetype rows) {
    return rows == 1 ? QStringLiteral("1 row") : QStringLiteral("%1 rows").arg(countText(rows));
}

} // namespace

JsonBounceParser::JsonBounceParser(RowSink sink)
    : m_sink(std::move(sink)) {}

JsonBounceParser::~JsonBounceParser() = default;

void JsonBounceParser::feed(QByteArrayView chunk) {
    if (state() != State::InProgress || chunk.isEmpty())
        return;
    m_chunkBegin = chunk.data();
    m_chunkEnd = m_chunkBegin + chunk.size();
    const char *p = m_chunkBegin;
    while (p < m_chunkEnd && state() == State::InProgress) {
        switch (m_phase) {
        case Phase::Start:
            p = consumeStart(p, m_chunkEnd);
            break;
        case Phase::InList:
            p = consumeList(p, m_chunkEnd);
            break;
        case Phase::ErrorObject:
            p = consumeErrorObject(p, m_chunkEnd);
            break;
        case Phase::AfterList:
        case Phase::AfterErrorObject:
            p = consumeTrailing(p, m_chunkEnd);
            break;
        case Phase::NotJson:
            keepNonListBytes(p, m_chunkEnd);
            p = m_chunkEnd;
            break;
        }
    }
    m_offset += chunk.size();
    m_chunkBegin = m_chunkEnd = m_gapStart = m_rowStart = nullptr; // the chunk is not ours
}

const char *JsonBounceParser::consumeStart(const char *p, const char *end) {
    static const char bom[] = "\xEF\xBB\xBF";
    for (; p < end; ++p) {
        if (offsetOf(p) == m_bomMatched && m_bomMatched < 3 && *p == bom[m_bomMatched]) {
            ++m_bomMatched;
            continue;
        }
        if (m_bomMatched > 0 && m_bomMatched < 3) {
            fail(State::Malformed, QStringLiteral("the body starts with bytes that are not text"));
            return end;
        }
        if (isSpace(*p))
            continue;
        if (*p == '[') {
            m_phase = Phase::InList;
            return p + 1;
        }
        if (*p == '{') {
            // Not a list: the API's error objects look like this. Judged whole at finish().
            m_phase = Phase::ErrorObject;
            keepNonListBytes(p, p + 1);
            return p + 1;
        }
        m_phase = Phase::NotJson; // an HTML page from a proxy, XML, plain text
        return p;
    }
    return end;
}

const char *JsonBounceParser::consumeList(const char *p, const char *end) {
    if (m_depth == 0) {
        p = readUsualRows(p, end);
        // Between rows nothing is inside a string, whatever the splitter last classified.
        m_scanner.startBetweenTokens();
    }
    // A row that began in an earlier chunk: the splitter finds its end, and the rows after it
    // are read between rows again.
    const bool carried = m_depth > 0;
    m_gapStart = p;
    const char *const stop = scanContainer(p, end, carried);
    if (carried && stop != end && m_depth == 0 && m_phase == Phase::InList &&
        state() == State::InProgress)
        return stop; // right after the carried row, which closeRow() delivered
    if (state() == State::InProgress && m_phase == Phase::InList) {
        // The chunk ended inside the list: between rows, or inside one.
        if (m_depth == 0) {
            checkGap(m_gapStart, end);
        } else {
            m_carry.insert(m_carry.end(), m_rowStart ? m_rowStart : p, end);
            if (m_rowStart)
                m_rowOffset = offsetOf(m_rowStart);
        }
    }
    flushSpans();
    return stop;
}

// Between rows: rows of the usual shape are read straight from the chunk, each with the
// punctuation before it, for as long as they come whole and clean. Returns where the splitter
// takes over, at the start of what was not read: the end of the list, a row cut by the end of
// the chunk, a row JsonFlatRowReader declines, or punctuation that is wrong, which the splitter
// then names.
const char *JsonBounceParser::readUsualRows(const char *p, const char *end) {
    while (state() == State::InProgress) {
        const char *row = skipSpace(p, end);
        if (m_gap == Gap::AfterRow) {
            if (row == end || *row != ',')
                return p;
            row = skipSpace(row + 1, end);
        }
        if (row == end || *row != '{')
            return p;
        BounceFields fields;
        const char *const rowEnd = m_flatReader.readObject(row, end, &fields);
        if (!rowEnd)
            return p;
        acceptRow(this, fields);
        m_gap = Gap::AfterRow;
        p = rowEnd;
    }
    return p;
}

const char *JsonBounceParser::consumeErrorObject(const char *p, const char *end) {
    const char *const stop = scanContainer(p, end, false);
    if (state() == State::InProgress)
        keepNonListBytes(p, stop);
    return stop;
}

const char *JsonBounceParser::consumeTrailing(const char *p, const char *end) {
    for (; p < end; ++p) {
        if (!isSpace(*p)) {
            fail(State::Malformed, QStringLiteral("unexpected data after the end of the JSON "
                                                  "(at byte %1)")
                                       .arg(countText(offsetOf(p))));
            return end;
        }
    }
    return end;
}

// Follows brackets outside strings until the container (the list, or a top-level error
// object) closes. Returns the byte after its end, or `end` when it goes on; with
// `stopAfterRow`, the byte after the first row that ends, if one does.
const char *JsonBounceParser::scanContainer(const char *p, const char *end, bool stopAfterRow) {
    const bool inList = m_phase == Phase::InList;
    while (p < end) {
        const int length = int(std::min<std::ptrdiff_t>(end - p, JsonBlockScanner::blockSize));
        const JsonBlockScanner::Structurals found = length == JsonBlockScanner::blockSize
                                                        ? m_scanner.scan(p)
                                                        : m_scanner.scanPartial(p, length);
        std::uint64_t brackets = found.opens | found.closes;
        while (brackets) {
            const int index = __builtin_ctzll(brackets);
            brackets &= brackets - 1;
            const char *const at = p + index;
            if ((found.opens >> index) & 1) {
                if (m_depth++ == 0 && inList && !openRow(at))
                    return end;
            } else if (m_depth == 0) {
                return closeContainer(at);
            } else if (--m_depth == 0 && inList) {
                closeRow(at);
                if (state() != State::InProgress)
                    return end;
                if (stopAfterRow)
                    return at + 1;
            }
        }
        p += length;
    }
    return end;
}

bool JsonBounceParser::openRow(const char *at) {
    if (!checkGap(m_gapStart, at))
        return false;
    if (m_gap == Gap::AfterRow) {
        failInList(at, QStringLiteral("a comma is missing before row %1 (at byte %2)"));
        return false;
    }
    m_rowStart = at;
    return true;
}

void JsonBounceParser::closeRow(const char *at) {
    const char *const end = at + 1;
    if (m_rowStart) {
        m_spans.push_back(Span{m_rowStart, end, offsetOf(m_rowStart)});
        m_rowStart = nullptr;
    } else {
        // The row began in an earlier chunk. It is the first to end in this one, so no span
        // waits before it.
        m_carry.insert(m_carry.end(), m_chunkBegin, end);
        const std::size_t length = m_carry.size();
        BounceFields fields;
        if (m_flatReader.read(std::string_view(m_carry.data(), length), &fields)) {
            acceptRow(this, fields);
        } else {
            m_carry.resize(length + JsonBounceRowDecoder::padding, '\0');
            deliverObject(m_carry.data(), length, m_rowOffset, true);
        }
        if (m_carry.capacity() > (std::size_t(1) << 20))
            std::vector<char>().swap(m_carry); // after one huge row, give the memory back
        m_carry.clear();
    }
    m_gap = Gap::AfterRow;
    m_gapStart = end;
}

const char *JsonBounceParser::closeContainer(const char *at) {
    if (m_phase == Phase::ErrorObject) {
        m_phase = Phase::AfterErrorObject;
        return at + 1;
    }
    // The punctuation before the bracket comes first: a problem there is the first one in the
    // body, and a chunk that ends before the bracket reports it the same way.
    if (!checkGap(m_gapStart, at))
        return m_chunkEnd;
    if (*at != ']') {
        failInList(at, QStringLiteral("the list closes with \u201c}\u201d before row %1 (at byte "
                                      "%2)"));
        return m_chunkEnd;
    }
    if (m_gap == Gap::AfterComma) {
        failInList(at, QStringLiteral("the list ends with a comma where row %1 should be (at byte "
                                      "%2)"));
        return m_chunkEnd;
    }
    m_phase = Phase::AfterList;
    return at + 1;
}

// Checks the punctuation between rows: white space and exactly one comma.
bool JsonBounceParser::checkGap(const char *from, const char *to) {
    for (const char *p = from; p < to; ++p) {
        if (isSpace(*p))
            continue;
        if (*p == ',' && m_gap == Gap::AfterRow) {
            m_gap = Gap::AfterComma;
            continue;
        }
        if (*p == ',')
            failInList(p, QStringLiteral("a comma stands where row %1 should be (at byte %2)"));
        else if (m_gap == Gap::AfterRow)
            failInList(p, QStringLiteral("a comma or the end of the list should come before row "
                                         "%1 (at byte %2)"));
        else
            failInList(p, QStringLiteral("row %1 of the list (at byte %2) is not an object"));
        return false;
    }
    return true;
}

// `problem` has %1 for the row number and %2 for the byte offset.
void JsonBounceParser::failInList(const char *at, const QString &problem) {
    flushSpans(); // rows before the problem still count, and the row number must be right
    if (state() != State::InProgress)
        return;
    fail(State::Malformed, problem.arg(countText(rowCount() + 1), countText(offsetOf(at))));
}

// Rows of the usual shape are read where they lie (JsonFlatRowReader); a run of the others
// goes to simdjson together, which decides about each.
void JsonBounceParser::flushSpans() {
    std::size_t next = 0;
    while (next < m_spans.size() && state() == State::InProgress) {
        BounceFields fields;
        if (m_flatReader.read(spanText(m_spans[next]), &fields)) {
            acceptRow(this, fields);
            ++next;
            continue;
        }
        const std::size_t runStart = next;
        bool readAfterRun = false;
        while (++next < m_spans.size()) {
            // The fields of the row after the run stay valid while the run is decoded: they
            // point into the chunk or the flat reader's buffers, which simdjson leaves alone.
            readAfterRun = m_flatReader.read(spanText(m_spans[next]), &fields);
            if (readAfterRun)
                break;
        }
        deliverRun(runStart, next);
        if (readAfterRun && state() == State::InProgress) {
            acceptRow(this, fields);
            ++next;
        }
    }
    m_spans.clear();
}

// Spans [first, end) in batches of at most maxBatchBytes of text.
void JsonBounceParser::deliverRun(std::size_t first, std::size_t end) {
    while (first < end && state() == State::InProgress) {
        std::size_t last = first;
        while (last + 1 < end && m_spans[last + 1].end - m_spans[first].begin <= maxBatchBytes)
            ++last;
        deliverBatch(first, last);
        first = last + 1;
    }
}

void JsonBounceParser::deliverBatch(std::size_t first, std::size_t last) {
    std::size_t delivered = 0;
    if (last > first) {
        const char *const begin = m_spans[first].begin;
        const std::size_t length = std::size_t(m_spans[last].end - begin);
        m_batch.resize(length + 2 + JsonBounceRowDecoder::padding);
        m_batch[0] = '[';
        std::copy(begin, begin + length, m_batch.begin() + 1);
        m_batch[length + 1] = ']';
        std::fill(m_batch.begin() + std::ptrdiff_t(length) + 2, m_batch.end(), '\0');
        delivered = m_decoder.decodeList(m_batch.data(), length + 2, &acceptRow, this);
    }
    // One row alone, or the rows after one the batch could not take (bad UTF-8, a malformed
    // row): decoded one by one, which repairs the text or says exactly which row is wrong.
    // Always from a zero-padded copy: simdjson's On-Demand parser reads past the object, and
    // what followed it in the chunk changed its verdict ({"k":"v":"w"} passed when more rows
    // followed, failed at the end of a chunk), so a row's fate depended on the network's cuts.
    for (std::size_t i = first + delivered; i <= last && state() == State::InProgress; ++i) {
        const Span &span = m_spans[i];
        deliverObject(span.begin, std::size_t(span.end - span.begin), span.offset, false);
    }
}

void JsonBounceParser::deliverObject(const char *object, std::size_t length, qint64 offset,
                                     bool padded) {
    if (!padded) {
        m_batch.assign(object, object + length);
        m_batch.resize(length + JsonBounceRowDecoder::padding, '\0');
        object = m_batch.data();
    }
    BounceFields fields;
    const QString problem = m_decoder.decode(object, length, &fields);
    if (problem.isEmpty()) {
        acceptRow(this, fields);
        return;
    }
    fail(State::Malformed, QStringLiteral("row %1 of the list (at byte %2): %3")
                               .arg(countText(rowCount() + 1), countText(offset), problem));
}

void JsonBounceParser::acceptRow(void *parser, const BounceFields &fields) {
    auto *self = static_cast<JsonBounceParser *>(parser);
    self->m_sink(fields);
    self->countRow();
}

void JsonBounceParser::keepNonListBytes(const char *p, const char *end) {
    if (m_nonList.size() + (end - p) > maxNonListBody) {
        fail(State::Malformed, QStringLiteral("expected a list of bounces, got %1 of more than %2")
                                   .arg(describeBody(m_nonList), sizeText(maxNonListBody)));
        m_nonList.clear();
        return;
    }
    m_nonList.append(p, end - p);
}

QString JsonBounceParser::whereText() const {
    return QStringLiteral("after %1 and %2").arg(sizeText(m_offset), rowsText(rowCount()));
}

BounceStreamParser::State JsonBounceParser::finish() {
    if (state() != State::InProgress)
        return state();
    switch (m_phase) {
    case Phase::Start:
        fail(State::Truncated, m_offset == 0
                                   ? QStringLiteral("the body was empty")
                                   : QStringLiteral("the body held nothing but white space"));
        break;
    case Phase::InList:
        fail(State::Truncated,
             m_depth > 0 ? QStringLiteral("the list of bounces stopped %1, in the middle of row %2")
                               .arg(whereText(), countText(rowCount() + 1))
                         : QStringLiteral("the list of bounces stopped %1, before its closing ]")
                               .arg(whereText()));
        break;
    case Phase::AfterList:
        setDone();
        break;
    case Phase::ErrorObject:
        fail(State::Truncated, QStringLiteral("the body stopped after %1, in the middle of a JSON "
                                              "object")
                                   .arg(sizeText(m_offset)));
        break;
    case Phase::AfterErrorObject:
    case Phase::NotJson:
        if (const std::optional<QString> words = recogniseApiError(m_nonList)) {
            fail(State::ApiError, *words);
        } else {
            QString what = describeBody(m_nonList);
            if (m_phase == Phase::AfterErrorObject)
                what += QLatin1Char(' ') + ParserText::quoted(ParserText::excerpt(m_nonList, 60));
            fail(State::Malformed, QStringLiteral("expected a list of bounces, got %1").arg(what));
        }
        break;
    }
    m_nonList.clear();
    std::vector<char>().swap(m_carry);
    std::vector<char>().swap(m_batch);
    return state();
}
