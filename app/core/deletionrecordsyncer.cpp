#include "deletionrecordsyncer.h"

#include <QMetaObject>

#include <vector>

DeletionRecordSyncer::DeletionRecordSyncer(QObject *parent)
    : QObject(parent) {}

DeletionRecordSyncer::~DeletionRecordSyncer() {
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    if (m_thread.joinable())
        m_thread.join(); // run() returns once the queue is empty
}

void DeletionRecordSyncer::sync(const DeletionRecord &record, Answer answer) {
    ++m_pending;
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_queue.push_back({record.path(), std::move(answer)});
    }
    // A window whose user never deletes keeps no thread for it.
    if (!m_thread.joinable())
        m_thread = std::thread([this] { run(); });
    m_wake.notify_one();
}

void DeletionRecordSyncer::run() {
    std::unique_lock<std::mutex> lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
        if (m_queue.empty())
            return; // stopping, and everything asked has been synced
        std::deque<Request> requests;
        requests.swap(m_queue);
        lock.unlock();
        syncTogether(std::move(requests));
        lock.lock();
    }
}

void DeletionRecordSyncer::syncTogether(std::deque<Request> requests) {
    // Each run of requests for the same file is one sync, begun after all of them were asked.
    while (!requests.empty()) {
        std::vector<Answer> answers;
        const QString path = requests.front().path;
        while (!requests.empty() && requests.front().path == path) {
            answers.push_back(std::move(requests.front().answer));
            requests.pop_front();
        }
        DeletionRecord record(path);
        const bool synced = record.sync();
        const QString error = record.errorString();
        QMetaObject::invokeMethod(
            this,
            [this, answers = std::move(answers), synced, error] {
                for (const Answer &answer : answers) {
                    --m_pending;
                    answer(synced, error);
                }
            },
            Qt::QueuedConnection);
    }
}
