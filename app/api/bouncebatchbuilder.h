#pragma once

#include "bounceloadworker.h"
#include "stagedrows.h"

#include "core/bouncestore.h"

#include <QObject>
#include <QString>

#include <memory>

// Turns the rows BounceLoadWorker read into the batches BounceLoadJob delivers, on a thread of
// its own (the client's rows thread) while the worker goes on reading the body. Each row is
// measured, keyed and classified and written into the batch's new memory here
// (BounceStore::append): about as much work as reading the XML or JSON it came from, which
// until then ran one after the other on the parser thread (tests/benchmark/README.md).
//
// Every signal the job hears about a body comes from here, so batches and the end arrive in
// the order the worker sent them. The worker owns this object: it is deleted (later, in its
// own thread) when the worker is, so nothing is queued to it after that.
class BounceBatchBuilder final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BounceBatchBuilder)
public:
    BounceBatchBuilder(qsizetype batchRows, std::shared_ptr<BounceLoadWorker::Flow> flow);
    ~BounceBatchBuilder() override;

    // On this object's thread, queued from the worker's in the order the rows were read.
    // `rows` were counted in the flow's undelivered bytes when they were staged.
    void build(const StagedRows &rows);
    void end(int state, const QString &errorText, qsizetype rows);

Q_SIGNALS:
    // batchRows rows each (fewer only in the last batch), in body order; drained() as the backlog
    // falls below the low-water mark while the job waits; ended() last of all.
    void batchReady(std::shared_ptr<BounceStore> batch);
    void drained();
    void ended(int state, const QString &errorText, qsizetype rows);

private:
    void emitBatch();

    std::shared_ptr<BounceLoadWorker::Flow> m_flow;
    std::shared_ptr<BlockArena> m_arena; // the text of the batches after the first, back to back
    BounceStore m_batch;
    qsizetype m_batchRows;
};
