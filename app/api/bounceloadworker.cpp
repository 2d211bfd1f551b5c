#include "bounceloadworker.h"

#include "bouncebatchbuilder.h"

#include <QByteArrayView>
#include <QThread>

BounceLoadWorker::BounceLoadWorker(ResponseFormat format, BounceBatchBuilder *builder,
                                   std::shared_ptr<Flow> flow)
    : m_flow(std::move(flow))
    , m_builder(builder) {
    m_parser = BounceStreamParser::create(format, [this](const BounceFields &row) {
        if (m_builderIsHere) {
            m_builder->buildRow(row);
            return;
        }
        m_staged.append(row);
        if (m_staged.rowCount() >= stageRows)
            passStagedRows();
    });
}

// Here, in the parser thread: whatever was queued to the builder before is still built (or
// skipped once the job cancelled), and nothing is queued to it after this. A builder in this
// thread goes now: a deferred delete posted while the thread finishes (the client going away
// deletes the workers then) would never be delivered, and what is queued to it goes with it.
BounceLoadWorker::~BounceLoadWorker() {
    if (m_builder->thread() == QThread::currentThread())
        delete m_builder;
    else
        m_builder->deleteLater();
}

bool BounceLoadWorker::takeWaiting(Flow &flow) {
    return backlog(flow) < lowWaterBytes && flow.waiting.exchange(false);
}

bool BounceLoadWorker::stopped() const {
    return m_ended || m_flow->cancelled.load(std::memory_order_relaxed);
}

void BounceLoadWorker::feed(const QByteArray &chunk) {
    m_builderIsHere = m_builder->thread() == QThread::currentThread();
    // Fed in slices so that one large chunk (a fast link delivers megabytes at once) still
    // yields rows in stages: the first rows show while the rest is parsed.
    constexpr qsizetype slice = 32 * 1024;
    for (qsizetype at = 0; at < chunk.size() && !stopped(); at += slice) {
        const qsizetype before = m_parser->rowCount();
        m_parser->feed(QByteArrayView(chunk).sliced(at, qMin(slice, chunk.size() - at)));
        m_flow->parsedRows.fetch_add(m_parser->rowCount() - before, std::memory_order_relaxed);
        const BounceStreamParser::State state = m_parser->state();
        if (state != BounceStreamParser::State::InProgress &&
            state != BounceStreamParser::State::Done) {
            end(state); // an error body or garbage: said now, so the download stops
            break;
        }
    }
    // A slow link must not keep the rows read so far waiting for a full stage.
    if (!stopped())
        passStagedRows();
    m_flow->pendingBytes.fetch_sub(chunk.size());
    if (takeWaiting(*m_flow))
        Q_EMIT drained();
}

void BounceLoadWorker::finish() {
    if (stopped())
        return;
    m_builderIsHere = m_builder->thread() == QThread::currentThread();
    const BounceStreamParser::State state = m_parser->finish();
    if (state == BounceStreamParser::State::Done)
        passStagedRows();
    end(state);
}

void BounceLoadWorker::passStagedRows() {
    if (m_staged.isEmpty())
        return;
    auto rows = std::make_shared<const StagedRows>(std::exchange(m_staged, StagedRows()));
    m_staged.reserve(stageRows, rows->textBytes() + rows->textBytes() / 8);
    m_flow->undeliveredBytes += rows->textBytes();
    BounceBatchBuilder *builder = m_builder;
    QMetaObject::invokeMethod(
        builder, [builder, rows] { builder->build(*rows); }, Qt::QueuedConnection);
}

// Through the builder, so that the job hears of the end after every batch before it.
void BounceLoadWorker::end(BounceStreamParser::State state) {
    m_ended = true;
    BounceBatchBuilder *builder = m_builder;
    QMetaObject::invokeMethod(
        builder,
        [builder, state, errorText = m_parser->errorText(), rows = m_parser->rowCount()] {
            builder->end(int(state), errorText, rows);
        },
        Qt::QueuedConnection);
}
