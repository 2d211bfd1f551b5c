#include "processrunner.h"

#include "benchsupport.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

// argv / envp for posix_spawn: built before the spawn, so nothing is allocated in between.
class CStringList final {
public:
    explicit CStringList(const QStringList &items) {
        m_storage.reserve(std::size_t(items.size()));
        for (const QString &item : items)
            m_storage.push_back(QFile::encodeName(item));
        for (QByteArray &item : m_storage)
            m_pointers.push_back(item.data());
        m_pointers.push_back(nullptr);
    }
    char *const *data() { return m_pointers.data(); }

private:
    std::vector<QByteArray> m_storage;
    std::vector<char *> m_pointers;
};

struct Pipe {
    int readEnd = -1;
    int writeEnd = -1;
    bool open() {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0)
            return false;
        readEnd = fds[0];
        writeEnd = fds[1];
        return true;
    }
    void closeRead() {
        if (readEnd >= 0)
            ::close(readEnd);
        readEnd = -1;
    }
    void closeWrite() {
        if (writeEnd >= 0)
            ::close(writeEnd);
        writeEnd = -1;
    }
    ~Pipe() {
        closeRead();
        closeWrite();
    }
};

// Reads what is available on `fd` into `out`; false at end of file (or on an error).
bool drain(int fd, QByteArray *out) {
    char buffer[65536];
    const ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got > 0) {
        out->append(buffer, qsizetype(got));
        return true;
    }
    return got < 0 && (errno == EINTR || errno == EAGAIN);
}

// Collects both output pipes until the child closes them or the deadline passes.
bool collectOutput(Pipe &out, Pipe &err, qint64 deadlineNs, ProcessRun *run) {
    while (out.readEnd >= 0 || err.readEnd >= 0) {
        const qint64 leftMs = (deadlineNs - Bench::nowNs()) / 1'000'000;
        if (leftMs <= 0)
            return false;
        pollfd fds[2] = {{out.readEnd, POLLIN, 0}, {err.readEnd, POLLIN, 0}};
        const int ready = ::poll(fds, 2, int(qMin<qint64>(leftMs, 1000)));
        if (ready < 0 && errno != EINTR)
            return false;
        if (fds[0].revents != 0 && !drain(out.readEnd, &run->standardOutput))
            out.closeRead();
        if (fds[1].revents != 0 && !drain(err.readEnd, &run->standardError))
            err.closeRead();
    }
    return true;
}

} // namespace

QString ProcessRun::failureSummary() const {
    if (!started)
        return QStringLiteral("could not start: %1").arg(error);
    QString how = timedOut  ? QStringLiteral("timed out")
                  : crashed ? QStringLiteral("crashed")
                            : QStringLiteral("exit code %1").arg(exitCode);
    const QString tail = QString::fromUtf8(standardError.right(600)).trimmed();
    return tail.isEmpty() ? how : how + QStringLiteral(": ") + tail;
}

ProcessRun runProcess(const ProcessSpec &spec) {
    ProcessRun run;
    Pipe out, err;
    if (!out.open() || !err.open()) {
        run.error = QString::fromLocal8Bit(std::strerror(errno));
        return run;
    }
    CStringList argv(QStringList{spec.program} + spec.arguments);
    CStringList envp(spec.environment);
    const QByteArray program = QFile::encodeName(spec.program);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, out.writeEnd, STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, err.writeEnd, STDERR_FILENO);

    const qint64 startNs = Bench::nowNs();
    pid_t pid = -1;
    const int spawned =
        ::posix_spawn(&pid, program.constData(), &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
        run.error = QStringLiteral("%1: %2").arg(spec.program,
                                                 QString::fromLocal8Bit(std::strerror(spawned)));
        return run;
    }
    run.started = true;
    out.closeWrite(); // the child holds its own copies: end of file comes when it exits
    err.closeWrite();

    if (!collectOutput(out, err, startNs + qint64(spec.timeoutMs) * 1'000'000, &run)) {
        run.timedOut = true;
        ::kill(pid, SIGKILL);
    }
    int status = 0;
    rusage usage{};
    while (::wait4(pid, &status, 0, &usage) < 0 && errno == EINTR) {
    }
    run.wallMs = Bench::msBetween(startNs, Bench::nowNs());
    run.maxRssKb = usage.ru_maxrss; // kilobytes on Linux
    const auto ms = [](const timeval &time) {
        return double(time.tv_sec) * 1e3 + double(time.tv_usec) / 1e3;
    };
    run.cpuMs = ms(usage.ru_utime) + ms(usage.ru_stime);
    if (WIFEXITED(status))
        run.exitCode = WEXITSTATUS(status);
    else
        run.crashed = !run.timedOut;
    return run;
}

QStringList inheritedEnvironment(const QStringList &names) {
    QStringList environment;
    for (const QString &name : names) {
        const QByteArray value = qgetenv(name.toLocal8Bit().constData());
        if (!value.isNull())
            environment << name + QLatin1Char('=') + QString::fromLocal8Bit(value);
    }
    return environment;
}
