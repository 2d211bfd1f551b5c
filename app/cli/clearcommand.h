#pragma once

#include "api/addresssearch.h"
#include "apicommand.h"

#include "api/addressoutcome.h"
#include "core/deletionrecord.h"

#include <QList>

// `bouncedesk clear ADDRESS`: finds the address with AddressSearch, then (after asking, unless
// --yes) deletes it from every place found, one place at a time, printing one line per place:
// "deleted: CUSTOMER LIST EMAIL", "was not on the list: CUSTOMER LIST EMAIL",
// "failed: CUSTOMER LIST EMAIL: why" (the parent as "(parent)"). Every outcome goes to the
// deletion record before its line is printed; an unwritable record stops everything (exit 1).
// Exit 0 only when everything was searched and every delete succeeded.
class ClearCommand final : public ApiCommand {
    Q_OBJECT
public:
    ClearCommand(QString address, AddressSearchScope scope, bool assumeYes,
                 QObject *parent = nullptr);

    void setDeletionRecord(const DeletionRecord &record) { m_record = record; }

    void start(SuppressionClient *client) override;

    // "CUSTOMER LIST EMAIL" of a place, the parent as "(parent)".
    static QString placeText(const AddressHit &place);

private:
    void onSearched();
    void deleteNext();
    bool record(const AddressHit &place, const AddressOutcome &outcome);
    void end();

    QString m_address;
    AddressSearch *m_search;
    bool m_assumeYes;
    SuppressionClient *m_client = nullptr;
    DeletionRecord m_record;
    QList<AddressHit> m_places; // one per (customer, list, address as stored)
    qsizetype m_next = 0;
    int m_failed = 0;
    bool m_answered = false; // the current place has its outcome
};
