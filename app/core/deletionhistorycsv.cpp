#include "deletionhistorycsv.h"

#include "csvwriter.h"

namespace DeletionHistoryCsv {

QByteArray header() {
    return QByteArrayLiteral("time,user,api,customer,list,email,outcome,detail\r\n");
}

QByteArray record(const DeletionEntry &entry, bool neutraliseFormulas) {
    const QString cells[] = {deletionTimeText(entry.time),
                             entry.user,
                             entry.api,
                             entry.customer,
                             entry.list,
                             entry.email,
                             deletionOutcomeName(entry.outcome),
                             entry.detail};
    QByteArray line;
    for (std::size_t i = 0; i < std::size(cells); ++i) {
        if (i > 0)
            line += ',';
        const QByteArray utf8 = cells[i].toUtf8();
        line += CsvWriter::encodeField(std::string_view(utf8.constData(), std::size_t(utf8.size())),
                                       neutraliseFormulas);
    }
    return line + "\r\n";
}

} // namespace DeletionHistoryCsv
