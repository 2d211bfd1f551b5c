#include "filewriteback.h"

#include <QFileDevice>

#include <cerrno>

#ifdef Q_OS_LINUX
#include <fcntl.h>
#include <unistd.h>
#endif

FileWriteback::FileWriteback(QFileDevice *file)
    : FileWriteback(file, Steps()) {}

FileWriteback::FileWriteback(QFileDevice *file, Steps steps, SyncFunction sync)
    : m_file(file)
    , m_steps(steps)
    , m_sync(sync) {
#ifdef Q_OS_LINUX
    if (!m_sync)
        m_sync = ::fdatasync;
#endif
}

FileWriteback::~FileWriteback() {
    finish();
}

void FileWriteback::wrote() {
#ifdef Q_OS_LINUX
    const qint64 written = m_file->pos();
    if (written - m_writtenOutUpTo < m_steps.writeOutBytes || !m_file->flush())
        return;
    // Without waiting: the disk works while the rest is written.
    ::sync_file_range(m_file->handle(), m_writtenOutUpTo, written - m_writtenOutUpTo,
                      SYNC_FILE_RANGE_WRITE);
    m_writtenOutUpTo = written;
    if (written - m_syncAskedAt >= m_steps.syncBytes) {
        m_syncAskedAt = written;
        requestSync();
    }
#endif
}

void FileWriteback::requestSync() {
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_syncAsked = true;
    }
    if (m_thread.joinable()) {
        m_wake.notify_one();
        return;
    }
    m_fd = m_file->handle(); // before the thread starts: it never asks the file itself
    m_thread = std::thread([this] { syncWhenAsked(); });
}

void FileWriteback::syncWhenAsked() {
    std::unique_lock<std::mutex> lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_syncAsked || m_stopping; });
        if (!m_syncAsked)
            return; // stopping, and nothing left to sync
        m_syncAsked = false;
        lock.unlock();
        const int result = m_sync(m_fd);
        const int error = result == 0 ? 0 : errno;
        lock.lock();
        if (error && !m_syncErrno)
            m_syncErrno = error;
    }
}

bool FileWriteback::finish() {
    if (m_thread.joinable()) {
        {
            const std::lock_guard<std::mutex> lock(m_mutex);
            m_stopping = true;
        }
        m_wake.notify_one();
        m_thread.join();
    }
    if (m_syncErrno && m_error.isEmpty())
        m_error = qt_error_string(m_syncErrno);
    return m_syncErrno == 0;
}
