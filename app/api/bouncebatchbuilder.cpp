#include "bouncebatchbuilder.h"

#include "core/bounceclass.h"
#include "core/suppressionrow.h"
#include "parse/bounceparser.h"

BounceBatchBuilder::BounceBatchBuilder(qsizetype batchRows,
                                       std::shared_ptr<BounceLoadWorker::Flow> flow)
    : m_flow(std::move(flow))
    , m_batchRows(batchRows) {}

BounceBatchBuilder::~BounceBatchBuilder() = default;

void BounceBatchBuilder::build(const StagedRows &rows) {
    if (m_flow->cancelled.load(std::memory_order_relaxed))
        return;
    rows.forEachRow([this](const BounceFields &row) { buildRow(row); });
    m_flow->undeliveredBytes -= rows.textBytes();
    if (BounceLoadWorker::takeWaiting(*m_flow))
        Q_EMIT drained();
}

void BounceBatchBuilder::buildRow(const BounceFields &row) {
    if (m_csv) {
        encodeRow(row);
        return;
    }
    // Batches of exactly batchRows rows, however the stages were cut: each then fits the block
    // and the row chunk reserved for it, where a batch a stage longer opened a second block and
    // a second chunk (12-20 MB more resident memory in a million-row load).
    m_batch.append(row.email, row.status, row.reason, row.created);
    if (m_batch.size() >= m_batchRows)
        emitBatch();
}

void BounceBatchBuilder::end(int state, const QString &errorText, qsizetype rows) {
    if (m_flow->cancelled.load(std::memory_order_relaxed))
        return;
    // After an error the rows not yet delivered are dropped: the list is not used.
    if (BounceStreamParser::State(state) == BounceStreamParser::State::Done) {
        if (!m_batch.isEmpty())
            emitBatch();
        if (m_csv && !m_csv->isEmpty() && !m_refused)
            emitCsv();
    }
    Q_EMIT ended(state, errorText, rows);
}

void BounceBatchBuilder::encodeAsCsv(const CsvOptions &options) {
    Q_ASSERT(m_batch.isEmpty()); // before any row
    m_csv.emplace(options);
}

// The row as BounceStore::append() would keep it and SuppressionRow::fromStore() read it back:
// the same bytes, type and class, so the CSV is the one the batches would have given.
void BounceBatchBuilder::encodeRow(const BounceFields &row) {
    if (m_refused)
        return;
    if (Q_UNLIKELY(
            BounceStore::hasOversizedField(row.email, row.status, row.reason, row.created))) {
        // The job refuses any batch with a field cut short, and says which: hand it this row
        // as one. The records not yet handed on go with the list.
        m_refused = true;
        auto batch = std::make_shared<BounceStore>();
        batch->append(row.email, row.status, row.reason, row.created);
        m_flow->undeliveredBytes += batch->textBytes();
        Q_EMIT batchReady(std::move(batch));
        return;
    }
    // Each view rebuilt from its pointer and length: copied whole, each was one 16-byte load of
    // what StagedRows::forEachRow() had just written as two 8-byte stores, and such a load
    // waits for the stores to reach the cache (a failed store-to-load forward): ~6% of the
    // export's CPU time (tests/benchmark/README.md, "Twelfth pass").
    const auto view = [](std::string_view field) {
        return std::string_view(field.data(), field.size());
    };
    m_csv->appendRow(SuppressionRow{view(row.email), view(row.status), view(row.reason),
                                    view(row.created), deriveBounce(row.status, row.reason)});
    ++m_csvRows;
    if (m_csv->isFull())
        emitCsv();
}

void BounceBatchBuilder::emitCsv() {
    const QByteArray records = m_csv->takeBlock();
    const qsizetype rows = m_csvRows;
    m_csvRows = 0;
    m_flow->undeliveredBytes += records.size();
    Q_EMIT csvReady(records, rows);
}

// The batch goes out as it was built, its blocks handed on whole: the receiver takes them
// as they are (BounceStore::appendAll(BounceStore &&)). A block's unused end is never written,
// so it costs address space, not memory. (A tight() copy per batch was the parser thread's
// largest item in the window's load, tests/benchmark/README.md.) The next batch starts with a
// block sized for about as much text as this one, so it rarely needs a second block.
void BounceBatchBuilder::emitBatch() {
    // The model's store keeps the blocks for the whole list; the next batch's text goes on
    // where this one's ends.
    m_batch.releaseUnusedResidentTail();
    auto batch = std::make_shared<BounceStore>(std::move(m_batch));
    // The arena is this thread's alone: the batch handed on does not take blocks from it.
    batch->takeBlocksFrom(nullptr);
    m_batch = BounceStore();
    // A list of one batch takes its text from the heap; from the second batch on, from the
    // arena, whose first region would be out of all proportion for a list of a few rows.
    if (!m_arena)
        m_arena = std::make_shared<BlockArena>();
    m_batch.takeBlocksFrom(m_arena);
    m_batch.reserve(m_batchRows, batch->textBytes() + batch->textBytes() / 8);
    m_flow->undeliveredBytes += batch->textBytes();
    Q_EMIT batchReady(std::move(batch));
}
