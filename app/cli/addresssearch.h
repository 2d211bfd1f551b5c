#pragma once

#include "api/apierror.h"
#include "api/tenant.h"
#include "core/bouncestore.h"
#include "core/suppressionlist.h"

#include <QList>
#include <QObject>
#include <QStringList>

class SuppressionClient;

// One row found by AddressSearch, with the cells `find` prints.
struct AddressHit {
    Tenant tenant;
    SuppressionList list = SuppressionList::Bounces;
    QString email;   // as the server has it
    QString status;  // bounces, blocks; otherwise empty
    QString reason;  // bounces, blocks, invalid emails; group unsubscribes "group ID: NAME"
    QString created; // as in exports; empty when the answer gave no date
};

// Where `find` and `clear` look: which customers (all, through listCustomers(), or the named
// ones), whether the parent account, and which lists.
struct AddressSearchScope {
    bool parent = true;
    bool allCustomers = true;
    QStringList customers; // when !allCustomers
    bool accounts = false; // v3 --tenants accounts: the names are account ids
    bool eu = false;       // v3 --region eu: named subusers are asked on the EU host
    QList<SuppressionList> lists;
};

// Looks one address (exact, case-insensitive) or every address of a domain ("@example.com")
// up on every list of every customer in the scope. v3: an address through the single-address
// look-ups, a domain through the list's `email` filter ("%@domain", a prefix match whose
// answers are filtered again here); v2: each customer's bounce list, loaded and filtered.
// At most `maxRunning` places are searched at once (the v3 client's gate also honours the
// server's rate limit). Hits come with placeDone() in place order (parent first, then the
// customers in server order, lists in allSuppressionLists() order), a place held back until
// every place before it ended, so the output does not depend on which answer came first.
// A place that fails delivers no hits and is named in notSearched().
class AddressSearch final : public QObject {
    Q_OBJECT
public:
    AddressSearch(QString query, AddressSearchScope scope, QObject *parent = nullptr);

    static constexpr int maxRunning = 8;

    // "@domain": the domain part, lowercase; otherwise empty.
    static QString domainOf(const QString &query);
    // Whether `email` is what `query` asks for.
    static bool matches(const QString &query, const QString &email);
    // The customer's cell and name for messages: empty / "(parent)" for the parent.
    static QString customerName(const Tenant &tenant);

    void start(SuppressionClient *client);

    // What could not be searched, one sentence each ("customer acme, list blocks: why").
    QStringList notSearched() const { return m_notSearched; }
    int placesSearched() const { return m_searched; }

Q_SIGNALS:
    void placeDone(const QList<AddressHit> &hits);
    void finished();

private:
    struct Place {
        Tenant tenant;
        SuppressionList list = SuppressionList::Bounces;
        bool done = false;
        bool failed = false;
        QString why;
        QList<AddressHit> hits;
    };
    void addPlaces(const Tenant &tenant);
    void pump();
    void searchPlace(int index);
    void collect(int index, const BounceStore &rows);
    void endPlace(int index, const ApiError *error);
    void deliverDone();

    QString m_query;
    AddressSearchScope m_scope;
    SuppressionClient *m_client = nullptr;
    QList<Place> m_places;
    QStringList m_notSearched;
    int m_next = 0;
    int m_running = 0;
    int m_delivered = 0;
    int m_searched = 0;
    bool m_tenantsKnown = false;
    bool m_finished = false;
};
