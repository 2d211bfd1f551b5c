#include "historycommand.h"

#include "apicommand.h"
#include "console.h"

#include "core/csvwriter.h"
#include "core/deletionrecord.h"

#include <QDir>
#include <QIODevice>

namespace {

QByteArray csvRecord(const DeletionEntry &entry, bool neutraliseFormulas) {
    const QString cells[] = {deletionTimeText(entry.time),
                             entry.user,
                             entry.api,
                             entry.customer,
                             entry.list,
                             entry.email,
                             deletionOutcomeName(entry.outcome),
                             entry.detail};
    QByteArray record;
    for (std::size_t i = 0; i < std::size(cells); ++i) {
        if (i > 0)
            record += ',';
        const QByteArray utf8 = cells[i].toUtf8();
        record += CsvWriter::encodeField(
            std::string_view(utf8.constData(), std::size_t(utf8.size())), neutraliseFormulas);
    }
    return record + "\r\n";
}

} // namespace

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
    bool ok = out->write("time,user,api,customer,list,email,outcome,detail\r\n") > 0;
    for (const DeletionEntry &entry : read.entries) {
        if (!ok)
            break;
        const QByteArray record = csvRecord(entry, neutraliseFormulas);
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
