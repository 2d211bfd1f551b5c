#include "deletequeue.h"

#include "resellerclient.h"

#include <QMetaObject>

#include <utility>

DeleteQueue::DeleteQueue(ResellerClient *client, QString customer, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_customer(std::move(customer)) {}

DeleteQueue::~DeleteQueue() {
    // Whoever destroys a running queue no longer listens; the jobs must not call back into it.
    for (const QPointer<DeleteJob> &job : std::as_const(m_running)) {
        if (job)
            job->cancel();
    }
}

void DeleteQueue::enqueue(const QStringList &emails) {
    if (m_cancelled || m_finished)
        return;
    for (const QString &email : emails) {
        if (email.isEmpty() || m_seen.contains(email))
            continue;
        m_seen.insert(email);
        m_pending.push_back(email);
        ++m_total;
    }
    if (m_started)
        pump();
}

void DeleteQueue::start() {
    if (m_started)
        return;
    m_started = true;
    pump();
    finishIfIdleLater(); // an empty queue still finishes, but not inside start()
}

void DeleteQueue::cancel() {
    if (m_cancelled || m_finished)
        return;
    m_cancelled = true;
    while (!m_pending.empty()) {
        m_notSent.append(m_pending.front());
        m_pending.pop_front();
    }
    m_started = true; // a queue cancelled before it started still reports what was not sent
    finishIfIdleLater();
}

void DeleteQueue::pump() {
    if (!m_client) {
        cancel();
        return;
    }
    while (!m_cancelled && !m_pending.empty() && int(m_running.size()) < m_concurrency) {
        const QString email = m_pending.front();
        m_pending.pop_front();
        DeleteJob *job = m_client->deleteBounce(m_customer, email);
        m_running.append(job);
        connect(job, &DeleteJob::deleted, this,
                [this, job](const QString &address, DeleteOutcome outcome) {
                    ++m_confirmed;
                    Q_EMIT deleted(address, outcome);
                    onJobEnded(job);
                });
        connect(job, &DeleteJob::failed, this,
                [this, job](const QString &address, const ApiError &error, bool unconfirmed) {
                    ++m_failed;
                    Q_EMIT failed(address, error, unconfirmed);
                    onJobEnded(job);
                });
    }
}

void DeleteQueue::onJobEnded(DeleteJob *job) {
    m_running.removeIf([job](const QPointer<DeleteJob> &running) { return running == job; });
    Q_EMIT progress(done(), m_total);
    pump();
    finishIfIdle();
}

void DeleteQueue::finishIfIdle() {
    if (!m_started || m_finished || !m_running.isEmpty())
        return;
    if (!m_pending.empty() && !m_cancelled)
        return;
    m_finished = true;
    Q_EMIT finished(m_confirmed, m_failed, int(m_notSent.size()));
}

void DeleteQueue::finishIfIdleLater() {
    QMetaObject::invokeMethod(this, &DeleteQueue::finishIfIdle, Qt::QueuedConnection);
}
