#pragma once

#include "apierror.h"
#include "parse/deleteresultparser.h"

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QStringList>

#include <deque>

class ResellerClient;
class DeleteJob;

// Deletes many addresses of one customer with a bounded number of requests in flight (HTTP/1.1
// allows 6 per host; we keep fewer so a load can still go through). Reports each address as
// the server answers; never reports an address as deleted that the server did not confirm.
//
// Signals: deleted() / failed() per address as its answer comes, progress() after each, and
// finished() once, when every address was answered (or, after cancel(), when the requests in
// flight were). finished() is never emitted from inside start() or cancel().
class DeleteQueue final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeleteQueue)
public:
    DeleteQueue(ResellerClient *client, QString customer, QObject *parent = nullptr);
    ~DeleteQueue() override;

    static constexpr int defaultConcurrency = 4;
    void setConcurrency(int n) { m_concurrency = qMax(1, n); }

    // Duplicates are sent once. Can be called again while running to add addresses; after
    // cancel() or finished() further addresses are ignored.
    void enqueue(const QStringList &emails);
    void start();
    // Stops sending new requests; requests already sent are waited for (their answer may still
    // confirm a delete), then finished() comes. The not-yet-sent addresses go to notSent().
    void cancel();

    QString customer() const { return m_customer; }
    int total() const { return m_total; }
    int done() const { return m_confirmed + m_failed; }
    int inFlight() const { return int(m_running.size()); }
    bool isRunning() const { return m_started && !m_finished; }
    QStringList notSent() const { return m_notSent; }

Q_SIGNALS:
    void deleted(const QString &email, DeleteOutcome outcome);
    void failed(const QString &email, const ApiError &error, bool unconfirmed);
    void progress(int done, int total);
    void finished(int confirmed, int failed, int notSent);

private:
    void pump();
    void onJobEnded(DeleteJob *job);
    void finishIfIdle();
    void finishIfIdleLater();

    QPointer<ResellerClient> m_client; // may go first: then nothing more is sent
    QString m_customer;
    std::deque<QString> m_pending;
    QSet<QString> m_seen;
    QList<QPointer<DeleteJob>> m_running;
    QStringList m_notSent;
    int m_concurrency = defaultConcurrency;
    int m_total = 0;
    int m_confirmed = 0;
    int m_failed = 0;
    bool m_started = false;
    bool m_cancelled = false;
    bool m_finished = false;
};
