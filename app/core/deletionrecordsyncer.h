#pragma once

#include "deletionrecord.h"

#include <QObject>
#include <QString>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

// Syncs deletion records to disk on a thread of its own, for the window. A sync waits for the
// disk: usually a quarter of a millisecond, but behind the write-back of a large file just
// written (a CSV export), on a busy disk or in a network home folder tens or hundreds, and
// ten thousand v2 deletes are ten thousand answers. On the GUI thread each one stopped the
// window for as long.
//
// Syncs are done in the order asked. Those asked while one runs are done by the next, one sync
// for all of them (per record file), and each is answered with its outcome. An answer comes
// on the syncer's own thread (the one that made it), in a later turn of its event loop, never
// from within sync().
//
// The destructor waits until everything asked has been synced: lines of deletes that happened
// reach the disk even when the window closes. Answers still due then are not given.
class DeletionRecordSyncer final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeletionRecordSyncer)
public:
    // `synced` as DeletionRecord::sync() returns it; `error` its errorString().
    using Answer = std::function<void(bool synced, const QString &error)>;

    explicit DeletionRecordSyncer(QObject *parent = nullptr);
    ~DeletionRecordSyncer() override;

    // Syncs `record`'s file (what was written to it until now), then calls `answer`.
    void sync(const DeletionRecord &record, Answer answer);
    int pending() const { return m_pending; } // syncs asked and not yet answered

private:
    struct Request {
        QString path;
        Answer answer;
    };
    void run();
    void syncTogether(std::deque<Request> requests);

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Request> m_queue; // guarded by m_mutex
    bool m_stopping = false;     // guarded by m_mutex
    int m_pending = 0;           // this object's thread only
    std::thread m_thread;        // started by the first sync()
};
