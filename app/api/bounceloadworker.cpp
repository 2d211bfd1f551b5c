#include "bounceloadworker.h"

#include <QByteArrayView>

BounceLoadWorker::BounceLoadWorker(ResponseFormat format, qsizetype batchRows,
                                   std::shared_ptr<Flow> flow)
    : m_flow(std::move(flow))
    , m_batchRows(batchRows) {
    m_parser = BounceStreamParser::create(format, [this](const BounceFields &row) {
        m_batch.append(row.email, row.status, row.reason, row.created);
    });
}

BounceLoadWorker::~BounceLoadWorker() = default;

bool BounceLoadWorker::takeWaiting(Flow &flow) {
    return backlog(flow) < lowWaterBytes && flow.waiting.exchange(false);
}

bool BounceLoadWorker::stopped() const {
    return m_ended || m_flow->cancelled.load(std::memory_order_relaxed);
}

void BounceLoadWorker::feed(const QByteArray &chunk) {
    // Fed in slices so that one large chunk (a fast link delivers megabytes at once) still
    // yields batches of about batchRows rows: the first rows show while the rest is parsed.
    constexpr qsizetype slice = 32 * 1024;
    for (qsizetype at = 0; at < chunk.size() && !stopped(); at += slice) {
        const qsizetype before = m_parser->rowCount();
        m_parser->feed(QByteArrayView(chunk).sliced(at, qMin(slice, chunk.size() - at)));
        m_flow->parsedRows.fetch_add(m_parser->rowCount() - before, std::memory_order_relaxed);
        const BounceStreamParser::State state = m_parser->state();
        if (state != BounceStreamParser::State::InProgress &&
            state != BounceStreamParser::State::Done) {
            // An error body or garbage: said now, so the download stops.
            m_ended = true;
            Q_EMIT ended(int(state), m_parser->errorText(), m_parser->rowCount());
            break;
        }
        if (m_batch.size() >= m_batchRows)
            emitBatch();
    }
    m_flow->pendingBytes.fetch_sub(chunk.size());
    if (takeWaiting(*m_flow))
        Q_EMIT drained();
}

void BounceLoadWorker::finish() {
    if (stopped())
        return;
    m_ended = true;
    const BounceStreamParser::State state = m_parser->finish();
    if (state == BounceStreamParser::State::Done && !m_batch.isEmpty())
        emitBatch();
    Q_EMIT ended(int(state), m_parser->errorText(), m_parser->rowCount());
}

// The batch goes out as it was parsed, its blocks handed on whole: the receiver takes them
// as they are (BounceStore::appendAll(BounceStore &&)). A block's unused end is never written,
// so it costs address space, not memory. (A tight() copy per batch was the parser thread's
// largest item in the window's load, tests/benchmark/README.md.) The next batch starts with a
// block sized for about as much text as this one, so it rarely needs a second block.
void BounceLoadWorker::emitBatch() {
    auto batch = std::make_shared<BounceStore>(std::move(m_batch));
    m_batch = BounceStore();
    m_batch.reserve(m_batchRows, batch->textBytes() + batch->textBytes() / 8);
    m_flow->undeliveredBytes += batch->textBytes();
    Q_EMIT batchReady(std::move(batch));
}
