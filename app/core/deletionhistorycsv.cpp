#include "deletionhistorycsv.h"

#include "csvrowencoder.h"

namespace DeletionHistoryCsv {

QByteArray header() {
    return QByteArrayLiteral("time,user,api,customer,list,email,outcome,detail\r\n");
}

QStringList cells(const DeletionEntry &entry) {
    return {deletionTimeText(entry.time),
            entry.user,
            entry.api,
            entry.customer,
            entry.list,
            entry.email,
            deletionOutcomeName(entry.outcome),
            entry.detail};
}

QByteArray record(const DeletionEntry &entry, bool neutraliseFormulas) {
    QByteArray line;
    const QStringList texts = cells(entry);
    for (qsizetype i = 0; i < texts.size(); ++i) {
        if (i > 0)
            line += ',';
        const QByteArray utf8 = texts.at(i).toUtf8();
        line += CsvRowEncoder::encodeField(
            std::string_view(utf8.constData(), std::size_t(utf8.size())), neutraliseFormulas);
    }
    return line + "\r\n";
}

} // namespace DeletionHistoryCsv
