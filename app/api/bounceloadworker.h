#pragma once

#include "apisettings.h"
#include "parse/bounceparser.h"

#include "stagedrows.h"

#include <QByteArray>
#include <QObject>

#include <atomic>
#include <memory>

class BounceBatchBuilder;

// Parses one bounce list on a worker thread, so a 230 MB body never holds up the window:
// BounceLoadJob hands it the body chunk by chunk (queued calls). The rows it reads go to its
// BounceBatchBuilder, which turns them into the batches the job delivers (queued signals). A
// builder in another thread gets them staged (StagedRows), a stage at a time, and builds while
// this goes on reading; a builder in this thread gets each row as it is read, unstaged. Lives in
// the client's parser thread; the job deletes it later, and it deletes its builder.
//
// Flow control: the backlog is the body handed over but not parsed yet (`pendingBytes`: the
// job adds a chunk's size, the worker subtracts it once parsed) plus the rows parsed but not
// yet delivered (`undeliveredBytes`: the worker adds the text it stages, the builder takes it
// off as it builds and adds each batch's, the job takes that off on delivery), so neither a slow
// parser nor a busy receiver lets the body pile up in memory. Above a high-water mark the job stops
// reading the reply (whose bounded buffer then stops the download) and sets `waiting`; whichever
// side first sees both `waiting` and the backlog below the low-water mark takes `waiting` back and
// resumes the reading, so none waits forever. (A row longer than the marks still gets through:
// parsing it empties pendingBytes.)
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
    // Low, since the memory in flight is memory touched: with 4 MiB and 1 MiB the export's
    // pieces, staged rows and CSV blocks took ~13 MB more and ~6% more CPU time
    // (tests/benchmark/README.md, "Twelfth pass"), for no faster download.
    static constexpr qint64 highWaterBytes = qint64(2) << 20;
    static constexpr qint64 lowWaterBytes = qint64(512) << 10;

    // `builder` lives in another thread; this worker owns it from now on.
    BounceLoadWorker(ResponseFormat format, BounceBatchBuilder *builder,
                     std::shared_ptr<Flow> flow);
    ~BounceLoadWorker() override;

    // On the worker's thread (queued calls from the job):
    void feed(const QByteArray &chunk);
    void finish(); // the body is complete

    static qint64 backlog(const Flow &flow) {
        return flow.pendingBytes.load() + flow.undeliveredBytes.load();
    }
    // True when this side took `waiting` back (the backlog is small again): resume reading.
    static bool takeWaiting(Flow &flow);

    // Rows staged before they go to the builder: enough that a queued call per stage costs
    // nothing next to the rows, few enough that the builder starts while the body is read.
    static constexpr qsizetype stageRows = 1024;

Q_SIGNALS:
    void drained(); // the backlog fell below the low-water mark while the job waited
    // (The batches and the end come from the builder: BounceBatchBuilder's signals. The end
    // is Done after finish(), or an error state as soon as it is known: an error body,
    // garbage, a truncated document.)

private:
    void passStagedRows();
    void end(BounceStreamParser::State state);
    bool stopped() const;

    std::shared_ptr<Flow> m_flow;
    std::unique_ptr<BounceStreamParser> m_parser;
    BounceBatchBuilder *m_builder;
    StagedRows m_staged;
    bool m_builderIsHere = false; // the builder lives in this thread: rows go to it unstaged
    bool m_ended = false;
};
