#pragma once

#include "api/addresssearch.h"
#include "apicommand.h"

// `bouncedesk find ADDRESS|@DOMAIN`: prints every row AddressSearch finds as CSV, header
// `customer,list,email,status,reason,created` (RFC 4180, CRLF, cells neutralised as in
// exports; the parent's customer cell empty), then names on standard error every customer or
// list that could not be searched: exit 0 when everything was searched, 1 otherwise.
class FindCommand final : public ApiCommand {
    Q_OBJECT
public:
    FindCommand(QString query, AddressSearchScope scope, QObject *parent = nullptr);

    void start(SuppressionClient *client) override;

    static QByteArray csvHeader();
    static QByteArray csvRecord(const AddressHit &hit);

private:
    void onFinished();

    AddressSearch *m_search;
};
