#include "filewriteback.h"

#include <QFileDevice>

#include <cerrno>
#include <system_error>

#ifdef Q_OS_LINUX
#include <fcntl.h>
#include <unistd.h>
#endif

namespace {

struct Defaults {
    FileWriteback::Steps steps;
    FileWriteback::SyncFunction sync = nullptr;
};

Defaults &defaults() {
    static Defaults values;
    return values;
}

// Whether a sync's failure says the file system cannot sync at all, rather than that bytes
// were lost: QSaveFile::commit() goes on after those, and so does an export.
bool cannotSync(int error) {
    return error == EINVAL || error == ENOSYS || error == ENOTSUP || error == EOPNOTSUPP;
}

} // namespace

void FileWriteback::setDefaultsForTests(Steps steps, SyncFunction sync) {
    defaults() = Defaults{steps, sync};
}

FileWriteback::FileWriteback(QFileDevice *file)
    : FileWriteback(file, defaults().steps, defaults().sync) {}

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
    abandon();
}

void FileWriteback::wrote() {
#ifdef Q_OS_LINUX
    if (m_ended)
        return;
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
    try {
        m_thread = std::thread([this] { syncWhenAsked(); });
    } catch (const std::system_error &) {
        // No thread to spare: the commit's own sync does it all, as before this class.
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_syncAsked = false;
    }
}

void FileWriteback::syncWhenAsked() {
    std::unique_lock<std::mutex> lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_syncAsked || m_stopping; });
        if (!m_syncAsked)
            return; // stopping, and nothing left to sync
        m_syncAsked = false;
        lock.unlock();
        int result;
        do {
            errno = 0;
            result = m_sync(m_fd);
        } while (result != 0 && errno == EINTR);
        const int error = result == 0 ? 0 : errno != 0 ? errno : EIO;
        lock.lock();
        if (error && !cannotSync(error) && !m_syncErrno)
            m_syncErrno = error;
    }
}

void FileWriteback::stopThread(bool dropAsked) {
    m_ended = true;
    if (!m_thread.joinable())
        return;
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_stopping = true;
        if (dropAsked)
            m_syncAsked = false;
    }
    m_wake.notify_one();
    m_thread.join();
}

bool FileWriteback::finish() {
    stopThread(false);
    if (m_syncErrno && m_error.isEmpty())
        m_error = qt_error_string(m_syncErrno);
    return m_syncErrno == 0;
}

void FileWriteback::abandon() {
    stopThread(true);
}
