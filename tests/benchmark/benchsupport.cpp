#include "benchsupport.h"

#include "processrunner.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QTemporaryDir>
#include <QTimer>

namespace Bench {

bool waitUntil(const std::function<bool()> &done, int timeoutMs) {
    if (done())
        return true;
    // Wakes the loop now and then even when nothing else happens, so the predicate and the
    // deadline are looked at.
    QTimer wake;
    wake.setInterval(20);
    wake.start();
    const qint64 deadline = nowNs() + qint64(timeoutMs) * 1'000'000;
    while (!done()) {
        if (nowNs() >= deadline)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    return true;
}

qint64 procStatusKb(const char *field) {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray prefix = QByteArray(field) + ':';
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith(prefix)) {
            const QByteArray value = line.mid(prefix.size()).trimmed();
            return value.left(value.indexOf(' ')).toLongLong();
        }
    }
    return -1;
}

QString customerFor(qsizetype rows) {
    return QStringLiteral("bench-%1").arg(rows);
}

QStringList isolatedEnvironment(const QTemporaryDir &home) {
    QStringList environment = inheritedEnvironment(
        {QStringLiteral("PATH"), QStringLiteral("LANG"), QStringLiteral("LC_ALL")});
    environment << QStringLiteral("HOME=") + home.path()
                << QStringLiteral("XDG_CONFIG_HOME=") + home.filePath(QStringLiteral("config"))
                << QStringLiteral("XDG_DATA_HOME=") + home.filePath(QStringLiteral("data"))
                << QStringLiteral("XDG_CACHE_HOME=") + home.filePath(QStringLiteral("cache"))
                << QStringLiteral("DBUS_SESSION_BUS_ADDRESS=unix:path=") +
                       home.filePath(QStringLiteral("no-bus"));
    return environment;
}

QString groupedNumber(qint64 value) {
    QString digits = QString::number(qAbs(value));
    for (qsizetype at = digits.size() - 3; at > 0; at -= 3)
        digits.insert(at, QLatin1Char(','));
    return value < 0 ? QLatin1Char('-') + digits : digits;
}

} // namespace Bench
