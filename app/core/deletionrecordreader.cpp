#include "deletionrecordreader.h"

#include <QDir>
#include <QFile>

#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
#include <QTimeZone>
#endif

bool DeletionRecordFilter::accepts(const DeletionEntry &entry) const {
    if (since.isValid()) {
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
        const QDateTime start(since, QTime(0, 0), QTimeZone(QTimeZone::UTC));
#else
        const QDateTime start(since, QTime(0, 0), Qt::UTC);
#endif
        if (entry.time < start)
            return false;
    }
    if (customer && entry.customer != *customer)
        return false;
    if (!email.isEmpty() && entry.email.compare(email, Qt::CaseInsensitive) != 0)
        return false;
    return true;
}

DeletionRecordReader::Result DeletionRecordReader::read(const QString &path,
                                                        const DeletionRecordFilter &filter) {
    Result result;
    QFile file(path);
    if (!file.exists())
        return result;
    if (!file.open(QIODevice::ReadOnly)) {
        result.error = QStringLiteral("Could not read the deletion record %1: %2.")
                           .arg(QDir::toNativeSeparators(path), file.errorString());
        return result;
    }
    qint64 lineNumber = 0;
    while (!file.atEnd()) {
        ++lineNumber;
        QByteArray line = file.readLine(maxLineBytes);
        if (!line.endsWith('\n') && !file.atEnd()) {
            // Skip the rest of an overlong line piece by piece.
            QByteArray rest;
            do {
                rest = file.readLine(maxLineBytes);
            } while (!rest.isEmpty() && !rest.endsWith('\n'));
            result.skipped << QStringLiteral("line %1: longer than %2 bytes")
                                  .arg(lineNumber)
                                  .arg(maxLineBytes);
            continue;
        }
        if (line.trimmed().isEmpty())
            continue;
        QString why;
        const std::optional<DeletionEntry> entry = DeletionEntry::fromJsonLine(line, &why);
        if (!entry) {
            result.skipped << QStringLiteral("line %1: %2").arg(lineNumber).arg(why);
            continue;
        }
        if (filter.accepts(*entry))
            result.entries << *entry;
    }
    if (file.error() != QFileDevice::NoError)
        result.error = QStringLiteral("Could not read the deletion record %1: %2.")
                           .arg(QDir::toNativeSeparators(path), file.errorString());
    return result;
}
