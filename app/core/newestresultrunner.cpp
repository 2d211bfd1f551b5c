#include "newestresultrunner.h"

NewestResultRunner::NewestResultRunner(QObject *receiver, int threads)
    : m_receiver(receiver) {
    m_pool.setMaxThreadCount(threads);
    m_pool.setObjectName(QStringLiteral("BounceDesk table work"));
}

NewestResultRunner::~NewestResultRunner() {
    cancelAll();
    m_pool.waitForDone();
}

void NewestResultRunner::cancel(int lane) {
    Lane &entry = m_lanes[std::size_t(lane)];
    entry.latest->store(++entry.generation);
    entry.pending = false;
}

void NewestResultRunner::cancelAll() {
    for (int lane = 0; lane < laneCount; ++lane)
        cancel(lane);
}
