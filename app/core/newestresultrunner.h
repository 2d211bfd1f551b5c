#pragma once

#include <QObject>
#include <QThreadPool>

#include <array>
#include <atomic>
#include <functional>
#include <memory>

// Runs computations on worker threads and brings each result back to the receiver's thread,
// newest only: every lane (say "sort" and "filter") has a generation, and a result whose lane
// was started again or cancelled meanwhile is dropped, unseen. A computation that has not
// begun when it is outdated never runs. The receiver's thread applies a result in one step,
// so what the computation read (a snapshot) and what it changes never race.
//
// The destructor cancels every lane and waits for the computations still running, so none
// reaches a receiver that is gone; the receiver must outlive the runner (make it a member).
class NewestResultRunner final {
public:
    static constexpr int laneCount = 4;

    explicit NewestResultRunner(QObject *receiver, int threads = 2);
    ~NewestResultRunner();
    Q_DISABLE_COPY_MOVE(NewestResultRunner)

    // `compute` runs on a worker thread; `apply` on the receiver's thread, unless outdated.
    template<typename Result>
    void start(int lane, std::function<Result()> compute, std::function<void(Result &)> apply) {
        const quint64 generation = ++m_lanes[std::size_t(lane)].generation;
        const std::shared_ptr<std::atomic<quint64>> latest = m_lanes[std::size_t(lane)].latest;
        latest->store(generation);
        m_lanes[std::size_t(lane)].pending = true;
        QObject *const receiver = m_receiver;
        m_pool.start([this, lane, generation, latest, receiver, compute, apply] {
            if (latest->load() != generation)
                return; // outdated before it began
            auto result = std::make_shared<Result>(compute());
            if (latest->load() != generation)
                return;
            QMetaObject::invokeMethod(
                receiver,
                [this, lane, generation, latest, result, apply] {
                    if (latest->load() != generation)
                        return;
                    m_lanes[std::size_t(lane)].pending = false;
                    apply(*result);
                },
                Qt::QueuedConnection);
        });
    }

    // Drops the lane's pending result (on the receiver's thread).
    void cancel(int lane);
    void cancelAll();
    bool isPending(int lane) const { return m_lanes[std::size_t(lane)].pending; }
    // Returns once no computation runs. Their results are then queued to the receiver's thread
    // (QCoreApplication::sendPostedEvents() delivers them): a barrier for tests that prove an
    // outdated result is dropped, where a wait would only hope it had come.
    void waitForComputations() { m_pool.waitForDone(); }

private:
    struct Lane {
        quint64 generation = 0;
        std::shared_ptr<std::atomic<quint64>> latest = std::make_shared<std::atomic<quint64>>(0);
        bool pending = false;
    };

    QObject *m_receiver;
    std::array<Lane, laneCount> m_lanes;
    QThreadPool m_pool; // last: destroyed (waiting for its threads) before the lanes
};
