#include "findcommand.h"

#include "console.h"

#include "core/csvrowencoder.h"

#include <QIODevice>

#include <iterator>

FindCommand::FindCommand(QString query, AddressSearchScope scope, QObject *parent)
    : ApiCommand(parent)
    , m_search(new AddressSearch(std::move(query), std::move(scope), this)) {}

QByteArray FindCommand::csvHeader() {
    return QByteArrayLiteral("customer,list,email,status,reason,created\r\n");
}

QByteArray FindCommand::csvRecord(const AddressHit &hit) {
    const QString cells[] = {AddressSearch::customerName(hit.tenant),
                             suppressionListCliName(hit.list),
                             hit.email,
                             hit.status,
                             hit.reason,
                             hit.created};
    QByteArray record;
    for (qsizetype i = 0; i < qsizetype(std::size(cells)); ++i) {
        if (i > 0)
            record += ',';
        const QByteArray utf8 = cells[i].toUtf8();
        // Addresses and reasons are the server's text: neutralised like every export.
        record += CsvRowEncoder::encodeField(
            std::string_view(utf8.constData(), size_t(utf8.size())), true);
    }
    return record + QByteArrayLiteral("\r\n");
}

void FindCommand::start(SuppressionClient *client) {
    QIODevice *out = Console::standardOutput();
    out->write(csvHeader());
    Console::flushOutput();
    connect(m_search, &AddressSearch::placeDone, this, [out](const QList<AddressHit> &hits) {
        for (const AddressHit &hit : hits)
            out->write(csvRecord(hit));
        Console::flushOutput();
    });
    connect(m_search, &AddressSearch::finished, this, &FindCommand::onFinished);
    m_search->start(client);
}

void FindCommand::onFinished() {
    Console::flushOutput();
    const QStringList notSearched = m_search->notSearched();
    if (notSearched.isEmpty()) {
        Q_EMIT finished(ExitSuccess);
        return;
    }
    for (const QString &why : notSearched)
        Console::printError(QStringLiteral("not searched: %1").arg(Console::plainLine(why)));
    Console::printError(QStringLiteral("the search is incomplete: %1 not searched; the lines "
                                       "above are what the rest holds.")
                            .arg(notSearched.size()));
    Q_EMIT finished(ExitFailure);
}
