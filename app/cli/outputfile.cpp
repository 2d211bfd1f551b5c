#include "outputfile.h"

#include "core/filewriteback.h"

#include <QFile>
#include <QSaveFile>

#include <sys/stat.h>

namespace {

enum class TargetKind { Missing, Regular, Directory, Special };

TargetKind kindOf(const QString &path) {
    struct stat info = {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return TargetKind::Missing;
    if (S_ISREG(info.st_mode))
        return TargetKind::Regular;
    if (S_ISDIR(info.st_mode))
        return TargetKind::Directory;
    return TargetKind::Special;
}

} // namespace

OutputFile::OutputFile(QString path)
    : m_path(std::move(path)) {}

OutputFile::~OutputFile() {
    discard();
}

bool OutputFile::open() {
    switch (kindOf(m_path)) {
    case TargetKind::Directory:
        m_openError = QStringLiteral("it is a directory");
        return false;
    case TargetKind::Special: {
        // stat() follows symbolic links, so a link to /dev/null is a device here too.
        m_atomic = false;
        auto file = std::make_unique<QFile>(m_path);
        // Unbuffered: the CSV writer collects blocks itself, and a device's error (ENOSPC
        // from /dev/full) must surface at the write that caused it.
        if (!file->open(QIODevice::WriteOnly | QIODevice::Unbuffered)) {
            m_openError = file->errorString();
            return false;
        }
        m_device = std::move(file);
        return true;
    }
    case TargetKind::Missing:
    case TargetKind::Regular:
        break;
    }
    m_atomic = true;
    auto file = std::make_unique<QSaveFile>(m_path);
    if (!file->open(QIODevice::WriteOnly)) {
        m_openError = file->errorString();
        return false;
    }
    m_writeback = std::make_unique<FileWriteback>(file.get());
    m_device = std::move(file);
    return true;
}

void OutputFile::wrote() {
    if (m_writeback)
        m_writeback->wrote();
}

bool OutputFile::commit() {
    if (!m_device)
        return false;
    if (m_atomic) {
        // A sync during the writing that lost data: QSaveFile's own sync would not say so.
        if (m_writeback && !m_writeback->finish()) {
            m_syncError = m_writeback->errorString();
            discard();
            return false;
        }
        return static_cast<QSaveFile *>(m_device.get())->commit();
    }
    const bool flushed = m_device->flush() && m_device->error() == QFileDevice::NoError;
    m_device->close();
    return flushed;
}

void OutputFile::discard() {
    if (!m_device || !m_device->isOpen())
        return;
    // QSaveFile must never be closed by hand (close() aborts): cancelled, its destructor
    // removes the temporary file and commit() can no longer happen.
    if (m_atomic) {
        m_writeback.reset(); // its sync under way ends first
        static_cast<QSaveFile *>(m_device.get())->cancelWriting();
        return;
    }
    m_device->close();
}

QString OutputFile::errorString() const {
    if (!m_device)
        return m_openError;
    if (!m_syncError.isEmpty())
        return m_syncError;
    // Qt files a write that failed with ENOSPC as a ResourceError.
    if (m_device->error() == QFileDevice::ResourceError)
        return QStringLiteral("no space left on device");
    return m_device->errorString();
}
