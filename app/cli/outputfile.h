#pragma once

#include <QString>

#include <memory>

class FileWriteback;
class QFileDevice;

// Where `-o FILE` writes. A regular file (or a new one) is written through QSaveFile and
// replaced only by commit(), so a failed export leaves no half-written file and never touches
// the old one. Anything else that already exists and can be written to (a FIFO, /dev/null,
// /dev/full, a terminal) is written into directly and never replaced: renaming a temporary
// file over a device node would destroy it, and as root over /dev/null, for the whole system.
class OutputFile final {
public:
    explicit OutputFile(QString path);
    ~OutputFile(); // an uncommitted file is discarded

    OutputFile(const OutputFile &) = delete;
    OutputFile &operator=(const OutputFile &) = delete;

    // False with errorString() when the target cannot be opened for writing.
    bool open();
    QFileDevice *device() const { return m_device.get(); }
    bool isReplacedAtomically() const { return m_atomic; }
    // After a write: a regular file is got onto the disk while the rest comes (FileWriteback),
    // so that commit() has little left to sync.
    void wrote();
    // Makes the written bytes final: renames a regular file into place, flushes a device.
    bool commit();
    // Forgets what was written to a regular file; a device keeps what it already took.
    void discard();
    // What went wrong, in words: a full disk or device says "no space left on device".
    QString errorString() const;

private:
    QString m_path;
    std::unique_ptr<QFileDevice> m_device;
    std::unique_ptr<FileWriteback> m_writeback; // a regular file's; ends before the file closes
    bool m_atomic = true;
    QString m_openError;
    QString m_syncError; // a sync during the writing failed: the file is not committed
};
