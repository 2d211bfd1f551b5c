#include "historycommand.h"

#include "apicommand.h"
#include "console.h"

#include "core/deletionhistorycsv.h"
#include "core/deletionrecord.h"

#include <QDir>
#include <QIODevice>

int runHistory(const DeletionRecordFilter &filter, bool neutraliseFormulas) {
    const QString path = DeletionRecord::defaultPath();
    const DeletionRecordReader::Result read = DeletionRecordReader::read(path, filter);
    if (!read.error.isEmpty()) {
        Console::printError(read.error);
        return ExitFailure;
    }
    for (const QString &skipped : read.skipped)
        Console::printError(QStringLiteral("skipped %1 of %2 (not a deletion entry).")
                                .arg(Console::plainLine(skipped), QDir::toNativeSeparators(path)));
    QIODevice *out = Console::standardOutput();
    bool ok = out->write(DeletionHistoryCsv::header()) > 0;
    for (const DeletionEntry &entry : read.entries) {
        if (!ok)
            break;
        const QByteArray record = DeletionHistoryCsv::record(entry, neutraliseFormulas);
        ok = out->write(record) == record.size();
    }
    Console::flushOutput();
    if (!ok) {
        Console::printError(
            QStringLiteral("cannot write standard output: %1").arg(out->errorString()));
        return ExitFailure;
    }
    return ExitSuccess;
}
