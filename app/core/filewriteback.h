#pragma once

#include <QString>
#include <QtGlobal>

#include <condition_variable>
#include <mutex>
#include <thread>

class QFileDevice;

// Gets a file's bytes onto the disk while the rest of it is still being written, so that the
// sync before it is committed (QSaveFile::commit()) has little left to wait for.
//
// A CSV of a million rows is 200 MB. QSaveFile syncs it before renaming it into place (the
// atomic-file promise survives a power cut that way), and that sync took 100-130 ms here even
// after the kernel had been asked to write each few MiB out as they came: the disk's own
// cache still had to be flushed, and the flush costs as much as the bytes it holds
// (tests/benchmark/README.md). So every few MiB the kernel is asked to start writing, and
// every few tens of MiB a thread of this object's own syncs the file, beside the writing.
//
// The file must stay open until finish() or abandon() returned, or this object is destroyed:
// declare this after the file. Without sync_file_range() (not Linux) it does nothing.
class FileWriteback final {
public:
    using SyncFunction = int (*)(int fd); // ::fdatasync, or a test's stand-in
    struct Steps {
        qint64 writeOutBytes = qint64(8) << 20;
        qint64 syncBytes = qint64(32) << 20;
    };

    // With the steps above and ::fdatasync, unless a test set others (setDefaultsForTests()).
    explicit FileWriteback(QFileDevice *file);
    FileWriteback(QFileDevice *file, Steps steps, SyncFunction sync);
    ~FileWriteback(); // abandon()
    FileWriteback(const FileWriteback &) = delete;
    FileWriteback &operator=(const FileWriteback &) = delete;

    // After a write: flushes the file's buffer, asks the kernel to write out what came since
    // the last step, and after a sync step has the thread sync the file. Nothing after finish()
    // or abandon().
    void wrote();
    // Waits for the syncs asked for (one asked for and not begun is still made). False when
    // one of them lost data (EIO, ENOSPC, EDQUOT, ...): the file must not be committed, as a
    // later sync may no longer see that error (Linux reports a failed write-out once), and
    // QSaveFile::commit() ignores its own sync's result. errorString() then says why. A file
    // system that cannot sync (EINVAL, ENOTSUP, ENOSYS) is no failure, as for QSaveFile.
    bool finish();
    // For a file that will not be committed: a sync under way ends, none more is made.
    void abandon();
    QString errorString() const { return m_error; }

    // The steps and sync function of the one-argument constructor, for tests of its users
    // (OutputFile, exportCsvFile()); {} and nullptr give the defaults back.
    static void setDefaultsForTests(Steps steps, SyncFunction sync);

private:
    void requestSync();
    void syncWhenAsked();
    void stopThread(bool dropAsked);

    QFileDevice *m_file;
    Steps m_steps;
    SyncFunction m_sync;
    qint64 m_writtenOutUpTo = 0; // bytes the kernel was asked to write out
    qint64 m_syncAskedAt = 0;    // the file's size when the last sync was asked for
    bool m_ended = false;        // finish() or abandon() was called
    QString m_error;             // set by finish() from m_syncErrno

    int m_fd = -1;        // the file's, for the thread
    std::thread m_thread; // started with the first sync asked for
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_syncAsked = false; // guarded by m_mutex, like the two below
    bool m_stopping = false;
    int m_syncErrno = 0; // the first sync's failure that lost data
};
