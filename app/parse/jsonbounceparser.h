#pragma once

#include "bounceparser.h"
#include "jsonblockscanner.h"
#include "jsonflatrowreader.h"
#include "jsontext.h"

#include <QByteArray>

#include <vector>

// Streams a JSON bounce list `[{...},{...}]` as chunks arrive. A splitter classifies the text
// 64 bytes at a time (JsonBlockScanner: depth, in-string and escapes, carried across chunks)
// to find where each top-level object of the list begins and ends. Before it, between rows,
// JsonFlatRowReader reads the rows of the usual shape straight from the chunk, finding their
// ends as it goes, so the splitter only reads what follows the first row it declines or the
// end of the chunk cuts. Of the rows the splitter finds, the flat reader reads those of the
// usual shape too; the others go to simdjson together, a few hundred KiB per parse, which
// decides about each. Only an object that spans chunks is copied (the carried part). The
// punctuation between objects is checked here, so errors name the row and byte they are at.
//
// A top-level object or a body that is not JSON is kept (bounded) and judged at finish():
// an API error gives ApiError with the server's words, anything else Malformed.
class JsonBounceParser final : public BounceStreamParser {
public:
    explicit JsonBounceParser(RowSink sink);
    ~JsonBounceParser() override;
    Q_DISABLE_COPY_MOVE(JsonBounceParser)

    void feed(QByteArrayView chunk) override;
    State finish() override;

    // A body that is not a list is kept for judging at finish(); beyond this size it is not
    // an error message any more.
    static constexpr qsizetype maxNonListBody = 1 << 20;
    // Objects of one chunk are decoded together up to this much text per simdjson parse,
    // which keeps simdjson's buffers (several times the text) small.
    static constexpr std::ptrdiff_t maxBatchBytes = 256 * 1024;

private:
    enum class Phase {
        Start,       // before the first significant byte (a BOM and white space may come)
        InList,      // after '[': objects and the punctuation between them
        AfterList,   // after the closing ']': white space only
        ErrorObject, // inside a top-level '{' body: an API error, or an unexpected object
        AfterErrorObject,
        NotJson, // '<' or anything else: kept for judging at finish()
    };
    // What the punctuation between the list's objects allows next.
    enum class Gap { First, AfterComma, AfterRow };

    struct Span {
        const char *begin; // inside the current chunk
        const char *end;
        qint64 offset; // of `begin` in the body
    };

    const char *consumeStart(const char *p, const char *end);
    const char *consumeList(const char *p, const char *end);
    const char *readUsualRows(const char *p, const char *end);
    const char *consumeErrorObject(const char *p, const char *end);
    const char *consumeTrailing(const char *p, const char *end);
    const char *scanContainer(const char *p, const char *end, bool stopAfterRow);
    bool openRow(const char *at);
    void closeRow(const char *at);
    const char *closeContainer(const char *at);
    bool checkGap(const char *from, const char *to);
    void failInList(const char *at, const QString &problem);

    void flushSpans();
    void deliverRun(std::size_t first, std::size_t end);
    void deliverBatch(std::size_t first, std::size_t last);
    void deliverObject(const char *object, std::size_t length, qint64 offset, bool padded);
    static void acceptRow(void *parser, const BounceFields &fields);
    void keepNonListBytes(const char *p, const char *end);
    qint64 offsetOf(const char *at) const { return m_offset + (at - m_chunkBegin); }
    static std::string_view spanText(const Span &span) {
        return std::string_view(span.begin, std::size_t(span.end - span.begin));
    }
    QString whereText() const; // "after 1,234 bytes and 5 rows"

    RowSink m_sink;
    JsonFlatRowReader m_flatReader;
    JsonBounceRowDecoder m_decoder;
    JsonBlockScanner m_scanner;
    Phase m_phase = Phase::Start;
    Gap m_gap = Gap::First;
    int m_depth = 0; // nesting inside the list (or the error object); 0 between rows
    int m_bomMatched = 0;
    qint64 m_offset = 0; // bytes of earlier chunks
    const char *m_chunkBegin = nullptr;
    const char *m_chunkEnd = nullptr;
    const char *m_gapStart = nullptr; // punctuation not yet checked starts here
    const char *m_rowStart = nullptr; // the current row, when it began in this chunk
    qint64 m_rowOffset = 0;
    std::vector<Span> m_spans; // rows wholly inside this chunk, not yet decoded
    std::vector<char> m_carry; // the start of a row that did not end in its chunk
    std::vector<char> m_batch; // "[row,row,...]" handed to simdjson, padded
    QByteArray m_nonList;      // an error object, HTML page or other body, bounded
};
