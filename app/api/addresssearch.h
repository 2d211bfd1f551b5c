#pragma once

#include "apierror.h"
#include "core/bouncestore.h"
#include "core/suppressionlist.h"
#include "tenant.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>

class ListLoadJob;
class LookUpJob;
class SuppressionClient;
class TenantListJob;

// One row found by AddressSearch, with the cells `find` prints.
struct AddressHit {
    Tenant tenant;
    SuppressionList list = SuppressionList::Bounces;
    QString email;   // as the server has it
    QString status;  // bounces, blocks; otherwise empty
    QString reason;  // bounces, blocks, invalid emails; group unsubscribes "group ID: NAME"
    QString created; // as in exports; empty when the answer gave no date
    QString group;   // group unsubscribes: the group's id (a row is one (address, group) pair)
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
// A place that fails delivers no hits and is named in notSearched() (and placeFailed()).
// The command line (find, clear) and the window's Find Address both search through it.
class AddressSearch final : public QObject {
    Q_OBJECT
public:
    AddressSearch(QString query, AddressSearchScope scope, QObject *parent = nullptr);

    // More than the v3 gate lets out at once (V3RequestGate::defaultMaxInFlight), so that its
    // queue never runs dry while a place waits to be started.
    static constexpr int maxRunning = 24;

    // "@domain": the domain part, lowercase; otherwise empty.
    static QString domainOf(const QString &query);
    // Whether `query` is one address (text@text) or "@domain".
    static bool isValidQuery(const QString &query);
    // Whether `email` is what `query` asks for.
    static bool matches(const QString &query, const QString &email);
    // The customer's cell and name for messages: empty / "(parent)" for the parent.
    static QString customerName(const Tenant &tenant);

    void start(SuppressionClient *client);
    // Stops the search: every job in flight is cancelled, nothing more is sent, and no signal
    // comes after this (not even finished()). The hits already delivered stay valid.
    void cancel();
    bool isCancelled() const { return m_cancelled; }
    bool isFinished() const { return m_finished; }

    // What could not be searched, one sentence each ("customer acme, list blocks: why").
    QStringList notSearched() const { return m_notSearched; }
    int placesSearched() const { return m_searched; }

Q_SIGNALS:
    void placeDone(const QList<AddressHit> &hits);
    // A place (or the customer list) could not be searched: the sentence notSearched() holds.
    void placeFailed(const QString &why);
    // Customers (not the parent account) whose every list has ended, searched or failed, of
    // how many; `total` is -1 until the customer list arrived.
    void progress(int customersDone, int total);
    void finished();

private:
    struct Place {
        Tenant tenant;
        SuppressionList list = SuppressionList::Bounces;
        bool done = false;
        bool failed = false;
        QString why;
        QList<AddressHit> hits;
        QPointer<ListLoadJob> load; // the job in flight, for cancel()
        QPointer<LookUpJob> lookUp;
    };
    void addPlaces(const Tenant &tenant);
    void pump();
    void searchPlace(int index);
    void collect(int index, const BounceStore &rows);
    void endPlace(int index, const ApiError *error);
    void deliverDone();
    void countCustomerEnded(int index);

    QString m_query;
    AddressSearchScope m_scope;
    SuppressionClient *m_client = nullptr;
    QPointer<TenantListJob> m_tenantJob;
    QList<Place> m_places;
    QStringList m_notSearched;
    int m_next = 0;
    int m_running = 0;
    int m_delivered = 0;
    int m_searched = 0;
    bool m_tenantsKnown = false;
    int m_customersTotal = -1;
    int m_customersDone = 0;
    bool m_finished = false;
    bool m_cancelled = false;
};
