#pragma once

#include "apisettings.h"
#include "parse/bounceparser.h"

#include "core/bouncestore.h"

#include <QByteArray>
#include <QObject>

#include <atomic>
#include <memory>

// Parses one bounce list on a worker thread, so a 230 MB body never holds up the window:
// BounceLoadJob hands it the body chunk by chunk (queued calls) and it hands back batches
// of rows (queued signals). Lives in the client's parser thread; the job deletes it later.
//
// Flow control: the backlog is the body handed over but not parsed yet (`pendingBytes`: the
// job adds a chunk's size, the worker subtracts it once parsed) plus the rows parsed but not
// yet delivered (`undeliveredBytes`: the worker adds a batch's text, the job subtracts it on
// delivery), so neither a slow parser nor a busy receiver lets the body pile up in memory.
// Above a high-water mark the job stops reading the reply (whose bounded buffer then stops
// the download) and sets `waiting`; whichever side first sees both `waiting` and the backlog
// below the low-water mark takes `waiting` back and resumes the reading, so none waits
// forever. (A row longer than the marks still gets through: parsing it empties pendingBytes.)
class BounceLoadWorker final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BounceLoadWorker)
public:
    struct Flow {
        std::atomic<qint64> pendingBytes{0};
        std::atomic<qint64> undeliveredBytes{0};
        std::atomic<qsizetype> parsedRows{0};
        std::atomic<bool> waiting{false};
        std::atomic<bool> cancelled{false}; // the job is gone or ended: skip what is queued
    };
    static constexpr qint64 highWaterBytes = qint64(4) << 20;
    static constexpr qint64 lowWaterBytes = qint64(1) << 20;

    BounceLoadWorker(ResponseFormat format, qsizetype batchRows, std::shared_ptr<Flow> flow);
    ~BounceLoadWorker() override;

    // On the worker's thread (queued calls from the job):
    void feed(const QByteArray &chunk);
    void finish(); // the body is complete

    static qint64 backlog(const Flow &flow) {
        return flow.pendingBytes.load() + flow.undeliveredBytes.load();
    }
    // True when this side took `waiting` back (the backlog is small again): resume reading.
    static bool takeWaiting(Flow &flow);

Q_SIGNALS:
    // At least batchRows rows (fewer only in the last batch), in body order.
    void batchReady(std::shared_ptr<BounceStore> batch);
    void drained(); // the backlog fell below the low-water mark while the job waited
    // The parse ended: Done after finish(), or an error state as soon as it is known (an
    // error body, garbage, a truncated document). `state` is a BounceStreamParser::State.
    void ended(int state, const QString &errorText, qsizetype rows);

private:
    void emitBatch();
    bool stopped() const;

    std::shared_ptr<Flow> m_flow;
    std::unique_ptr<BounceStreamParser> m_parser;
    BounceStore m_batch;
    qsizetype m_batchRows;
    bool m_ended = false;
};
