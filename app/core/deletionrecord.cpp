#include "deletionrecord.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QSysInfo>

#include <cerrno>
#include <cstring>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

DeletionRecord::DeletionRecord(QString path)
    : m_path(std::move(path)) {}

QString DeletionRecord::defaultPath() {
    // Tests of the window (QStandardPaths test mode) must never touch a real record.
    if (QStandardPaths::isTestModeEnabled())
        return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
               QStringLiteral("/BounceDesk/deletions.jsonl");
    QString dataHome = qEnvironmentVariable("XDG_DATA_HOME");
    if (dataHome.isEmpty() || !QDir::isAbsolutePath(dataHome))
        dataHome = QDir::homePath() + QStringLiteral("/.local/share");
    return dataHome + QStringLiteral("/BounceDesk/deletions.jsonl");
}

QString DeletionRecord::currentUser() {
#ifdef Q_OS_UNIX
    char login[256] = {};
    if (::getlogin_r(login, sizeof login) == 0 && login[0] != '\0')
        return QString::fromLocal8Bit(login);
    // No login session (a service, cron, a container): the user database's name for the
    // effective user.
    struct passwd entry {};
    struct passwd *found = nullptr;
    char buffer[4096];
    if (::getpwuid_r(::geteuid(), &entry, buffer, sizeof buffer, &found) == 0 && found &&
        found->pw_name && found->pw_name[0] != '\0')
        return QString::fromLocal8Bit(found->pw_name);
    // A user id the database does not know: say which, not what the environment claims.
    return QStringLiteral("uid %1").arg(::geteuid());
#else
    const QString user = qEnvironmentVariable("USERNAME");
    return user.isEmpty() ? QStringLiteral("unknown") : user;
#endif
}

QString DeletionRecord::currentHost() {
    return QSysInfo::machineHostName();
}

bool DeletionRecord::fail(const QString &reason) {
    m_error = QStringLiteral("Could not write the deletion record %1: %2.")
                  .arg(QDir::toNativeSeparators(m_path), reason);
    return false;
}

bool DeletionRecord::makeFolder() {
    const QString folder = QFileInfo(m_path).absolutePath();
    if (QFileInfo::exists(folder))
        return true;
    if (!QDir().mkpath(folder))
        return fail(
            QStringLiteral("cannot create the folder %1").arg(QDir::toNativeSeparators(folder)));
    // Who deleted what is nobody else's business.
    QFile::setPermissions(folder,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    return true;
}

#ifdef Q_OS_UNIX
bool DeletionRecord::close(int fd, bool synced) {
    if (synced && ::fsync(fd) != 0) {
        const QString reason = QString::fromLocal8Bit(std::strerror(errno));
        ::close(fd);
        return fail(reason);
    }
    if (::close(fd) != 0)
        return fail(QString::fromLocal8Bit(std::strerror(errno)));
    return true;
}

int DeletionRecord::openForAppend(qint64 *size) {
    if (!makeFolder())
        return -1;
    const QByteArray native = QFile::encodeName(m_path);
    const int fd =
        ::open(native.constData(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        fail(QString::fromLocal8Bit(std::strerror(errno)));
        return -1;
    }
    struct stat info {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        ::close(fd);
        fail(QStringLiteral("it is not a regular file"));
        return -1;
    }
    // 0600 whatever the umask made of it, or whoever created it looser.
    if ((info.st_mode & 07777) != 0600 && ::fchmod(fd, 0600) != 0) {
        fail(QString::fromLocal8Bit(std::strerror(errno)));
        ::close(fd);
        return -1;
    }
    *size = qint64(info.st_size);
    return fd;
}
#endif

bool DeletionRecord::check() {
    m_error.clear();
#ifdef Q_OS_UNIX
    qint64 size = 0;
    const int fd = openForAppend(&size);
    if (fd < 0)
        return false;
    ::close(fd);
    return true;
#else
    if (!makeFolder())
        return false;
    QFile file(m_path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append))
        return fail(file.errorString());
    return true;
#endif
}

bool DeletionRecord::append(DeletionEntry entry) {
    return appendAll({std::move(entry)});
}

bool DeletionRecord::appendAll(QList<DeletionEntry> entries) {
    return write(std::move(entries), true);
}

bool DeletionRecord::writeAll(QList<DeletionEntry> entries) {
    return write(std::move(entries), false);
}

bool DeletionRecord::sync() {
    m_error.clear();
#ifdef Q_OS_UNIX
    // fsync() takes the file's dirty pages whichever descriptor wrote them.
    qint64 size = 0;
    const int fd = openForAppend(&size);
    return fd >= 0 && close(fd, true);
#else
    return true;
#endif
}

bool DeletionRecord::write(QList<DeletionEntry> entries, bool synced) {
    m_error.clear();
    if (entries.isEmpty())
        return true;
    // Outcomes that arrived together share their time; who and where are asked once.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QString user = currentUser();
    const QString host = currentHost();
    QByteArray lines;
    for (DeletionEntry &entry : entries) {
        if (!entry.time.isValid())
            entry.time = now;
        if (entry.user.isEmpty())
            entry.user = user;
        if (entry.host.isEmpty())
            entry.host = host;
        lines += entry.toJsonLine();
    }

#ifdef Q_OS_UNIX
    qint64 size = 0;
    const int fd = openForAppend(&size);
    if (fd < 0)
        return false;
    // A line cut short earlier (a full disk) must not swallow the first of these (read access
    // is for this one byte).
    if (size > 0) {
        char last = '\n';
        if (::pread(fd, &last, 1, off_t(size - 1)) == 1 && last != '\n')
            lines.prepend('\n');
    }
    // One write of whole lines: appends from several processes never interleave within a
    // line. (A local file takes it whole; the loop only finishes what a signal or a full disk
    // cut short.)
    const char *data = lines.constData();
    qsizetype left = lines.size();
    while (left > 0) {
        const ssize_t written = ::write(fd, data, std::size_t(left));
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0) {
            const QString reason = written < 0 ? QString::fromLocal8Bit(std::strerror(errno))
                                               : QStringLiteral("nothing was written");
            ::close(fd);
            return fail(reason);
        }
        data += written;
        left -= written;
    }
    return close(fd, synced);
#else
    Q_UNUSED(synced) // QFile has no sync; flush() hands the lines to the system
    if (!makeFolder())
        return false;
    QFile file(m_path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append))
        return fail(file.errorString());
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (file.write(lines) != lines.size() || !file.flush())
        return fail(file.errorString());
    return true;
#endif
}
