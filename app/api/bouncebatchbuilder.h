#pragma once

#include "bounceloadworker.h"
#include "stagedrows.h"

#include "core/bouncestore.h"
#include "core/csvrowencoder.h"

#include <QByteArray>
#include <QObject>
#include <QString>

#include <memory>
#include <optional>

// Turns the rows BounceLoadWorker read into the batches BounceLoadJob delivers. Each row is
// measured, keyed and classified and written into the batch's new memory here
// (BounceStore::append). For XML that is about as much work as Expat's reading, so it runs on a
// thread of its own (the client's rows thread) while the worker goes on reading the body; JSON
// is read so much faster that handing its rows to another thread cost more than it saved, and
// its builder shares the worker's thread (tests/benchmark/README.md, "Sixteenth pass").
//
// Or, for a receiver that only writes the rows out as CSV (`bouncedesk export`), each row is
// derived and encoded as a CSV record here instead (encodeAsCsv()), and blocks of records go
// out in its place: no batch is built, keyed or copied again on the receiver's thread.
//
// Every signal the job hears about a body comes from here, so batches and the end arrive in
// the order the worker sent them. The worker owns this object: it is deleted when the worker
// is (later, in its own thread, when that is another), so nothing is queued to it after that.
class BounceBatchBuilder final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BounceBatchBuilder)
public:
    BounceBatchBuilder(qsizetype batchRows, std::shared_ptr<BounceLoadWorker::Flow> flow);
    ~BounceBatchBuilder() override;

    // On this object's thread, queued from the worker's in the order the rows were read.
    // `rows` were counted in the flow's undelivered bytes when they were staged.
    void build(const StagedRows &rows);
    // One row as the worker reads it, when this object lives in the worker's thread (no
    // staging: BounceLoadWorker::feed()); its fields need to last only for the call.
    void buildRow(const BounceFields &row);
    void end(int state, const QString &errorText, qsizetype rows);
    // From now on rows go out as CSV records (csvReady()), encoded with `options`, no header.
    // Queued before the first rows, from the thread that queues the body to the worker.
    void encodeAsCsv(const CsvOptions &options);

Q_SIGNALS:
    // batchRows rows each (fewer only in the last batch), in body order; drained() as the backlog
    // falls below the low-water mark while the job waits; ended() last of all.
    void batchReady(std::shared_ptr<BounceStore> batch);
    // After encodeAsCsv(), in place of batchReady(): about CsvRowEncoder::blockBytes of records
    // each (fewer only in the last), `rows` rows in body order. A row with a field longer than
    // BounceStore::maxFieldBytes still comes as a batch of its own, cut as the store cuts it
    // (BounceStore::firstOversizedField()), and nothing comes after it.
    void csvReady(const QByteArray &records, qsizetype rows);
    void drained();
    void ended(int state, const QString &errorText, qsizetype rows);

private:
    void emitBatch();
    void encodeRow(const BounceFields &row);
    void emitCsv();

    std::shared_ptr<BounceLoadWorker::Flow> m_flow;
    std::shared_ptr<BlockArena> m_arena; // the text of the batches after the first, back to back
    BounceStore m_batch;
    qsizetype m_batchRows;
    std::optional<CsvRowEncoder> m_csv;
    qsizetype m_csvRows = 0; // rows in the block m_csv is encoding
    bool m_refused = false;  // a row was too long: the job refuses the list
};
