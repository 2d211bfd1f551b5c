#include "addresssearch.h"

#include "suppressionclient.h"
#include "v3suppressionclient.h"

AddressSearch::AddressSearch(QString query, AddressSearchScope scope, QObject *parent)
    : QObject(parent)
    , m_query(std::move(query))
    , m_scope(std::move(scope)) {}

QString AddressSearch::domainOf(const QString &query) {
    return query.startsWith(QLatin1Char('@')) ? query.mid(1).toLower() : QString();
}

bool AddressSearch::isValidQuery(const QString &query) {
    const qsizetype at = query.lastIndexOf(QLatin1Char('@'));
    if (query.startsWith(QLatin1Char('@')))
        return query.size() > 1 && at == 0;
    return at > 0 && at < query.size() - 1;
}

bool AddressSearch::matches(const QString &query, const QString &email) {
    const QString domain = domainOf(query);
    if (domain.isEmpty())
        return email.compare(query, Qt::CaseInsensitive) == 0;
    const qsizetype at = email.lastIndexOf(QLatin1Char('@'));
    return at >= 0 && email.mid(at + 1).compare(domain, Qt::CaseInsensitive) == 0;
}

QString AddressSearch::customerName(const Tenant &tenant) {
    return tenant.kind == Tenant::Kind::Parent ? QString() : tenant.id;
}

void AddressSearch::addPlaces(const Tenant &tenant) {
    for (const SuppressionList list : std::as_const(m_scope.lists)) {
        Place place;
        place.tenant = tenant;
        place.list = list;
        m_places.append(place);
    }
}

void AddressSearch::start(SuppressionClient *client) {
    m_client = client;
    if (m_scope.parent)
        addPlaces(Tenant::parent(m_scope.eu));
    if (!m_scope.allCustomers) {
        for (const QString &name : std::as_const(m_scope.customers))
            addPlaces(m_scope.accounts ? Tenant::account(name) : Tenant::subuser(name, m_scope.eu));
        m_tenantsKnown = true;
        m_customersTotal = int(m_scope.customers.size());
        Q_EMIT progress(m_customersDone, m_customersTotal);
        pump();
        return;
    }
    TenantListJob *job = client->listCustomers();
    m_tenantJob = job;
    connect(job, &TenantListJob::finished, this, [this](const QList<Customer> &customers) {
        for (const Customer &customer : customers) {
            addPlaces(m_scope.accounts ? Tenant::account(customer.username)
                                       : Tenant::subuser(customer.username,
                                                         customer.region == QLatin1String("eu")));
        }
        m_tenantsKnown = true;
        m_customersTotal = int(customers.size());
        Q_EMIT progress(m_customersDone, m_customersTotal);
        pump();
    });
    connect(job, &TenantListJob::failed, this, [this](const ApiError &error) {
        const QString why =
            QStringLiteral("the customers (none of them was searched): %1").arg(error.message());
        m_notSearched << why;
        Q_EMIT placeFailed(why);
        m_tenantsKnown = true;
        m_customersTotal = 0;
        pump();
    });
    pump(); // the parent's lists need not wait for the customer list
}

void AddressSearch::cancel() {
    if (m_cancelled || m_finished)
        return;
    m_cancelled = true;
    if (m_tenantJob)
        m_tenantJob->cancel();
    for (Place &place : m_places) {
        if (place.load)
            place.load->cancel();
        if (place.lookUp)
            place.lookUp->cancel();
    }
    m_running = 0;
}

void AddressSearch::pump() {
    if (m_cancelled)
        return;
    // v2: one list at a time, as the window loads them (the reseller client runs one load
    // at a time; more at once were never answered).
    const int limit = m_client->api() == ApiVersion::V2 ? 1 : maxRunning;
    while (m_running < limit && m_next < m_places.size()) {
        ++m_running;
        searchPlace(m_next++);
    }
    deliverDone();
}

void AddressSearch::searchPlace(int index) {
    const Place &place = m_places.at(index);
    const QString domain = domainOf(m_query);
    auto *v3 = qobject_cast<V3SuppressionClient *>(m_client);
    if (v3 && domain.isEmpty()) {
        LookUpJob *job = m_client->lookUp(place.tenant, place.list, m_query);
        m_places[index].lookUp = job;
        connect(job, &LookUpJob::found, this, [this, index](const BounceStore &rows) {
            collect(index, rows);
            endPlace(index, nullptr);
        });
        connect(job, &LookUpJob::failed, this,
                [this, index](const ApiError &error) { endPlace(index, &error); });
        return;
    }
    // v3 domains: the server's filter narrows the list (group unsubscribes have none: whole);
    // v2: the whole bounce list. Either way the rows are filtered here.
    ListLoadJob *job =
        v3 && place.list != SuppressionList::GroupUnsubscribes
            ? v3->loadListMatching(place.tenant, place.list, QStringLiteral("%@") + domain)
            : m_client->loadList(place.tenant, place.list);
    m_places[index].load = job;
    connect(job, &ListLoadJob::rowsArrived, this,
            [this, index](const BounceStore &batch) { collect(index, batch); });
    connect(job, &ListLoadJob::finished, this,
            [this, index](qsizetype) { endPlace(index, nullptr); });
    connect(job, &ListLoadJob::failed, this,
            [this, index](const ApiError &error) { endPlace(index, &error); });
}

void AddressSearch::collect(int index, const BounceStore &rows) {
    if (m_cancelled)
        return;
    Place &place = m_places[index];
    for (BounceStore::Row row = 0; row < rows.size(); ++row) {
        const QString email = rows.email(row);
        if (!matches(m_query, email))
            continue;
        AddressHit hit;
        hit.tenant = place.tenant;
        hit.list = place.list;
        hit.email = email;
        hit.created = rows.created(row);
        switch (place.list) {
        case SuppressionList::Bounces:
        case SuppressionList::Blocks:
            hit.status = rows.status(row);
            hit.reason = rows.reason(row);
            break;
        case SuppressionList::InvalidEmails:
            hit.reason = rows.reason(row);
            break;
        case SuppressionList::GroupUnsubscribes:
            // Slots: status holds the group id, reason the group's name.
            hit.reason = QStringLiteral("group %1: %2").arg(rows.status(row), rows.reason(row));
            hit.group = rows.status(row);
            break;
        case SuppressionList::SpamReports: // ip only, which `find` has no column for
        case SuppressionList::Unsubscribes:
            break;
        }
        place.hits.append(hit);
    }
}

void AddressSearch::endPlace(int index, const ApiError *error) {
    Place &place = m_places[index];
    if (place.done || m_cancelled)
        return;
    place.done = true;
    place.load = nullptr; // ended: nothing to cancel
    place.lookUp = nullptr;
    if (error) {
        place.failed = true;
        place.hits.clear(); // a partial list is no answer
        const QString who = place.tenant.kind == Tenant::Kind::Parent
                                ? QStringLiteral("the parent account")
                                : QStringLiteral("customer %1").arg(place.tenant.id);
        place.why = QStringLiteral("%1, list %2: %3")
                        .arg(who, suppressionListCliName(place.list), error->message());
    } else {
        ++m_searched;
    }
    --m_running;
    countCustomerEnded(index);
    pump();
}

void AddressSearch::countCustomerEnded(int index) {
    const qsizetype lists = m_scope.lists.size();
    const qsizetype first = index - index % lists;
    if (m_places.at(first).tenant.kind == Tenant::Kind::Parent)
        return;
    for (qsizetype i = first; i < first + lists; ++i) {
        if (!m_places.at(i).done)
            return;
    }
    Q_EMIT progress(++m_customersDone, m_customersTotal);
}

void AddressSearch::deliverDone() {
    while (m_delivered < m_places.size() && m_places.at(m_delivered).done) {
        if (m_cancelled) // a receiver cancelled the search
            return;
        Place &place = m_places[m_delivered++];
        if (place.failed) {
            m_notSearched << place.why;
            Q_EMIT placeFailed(place.why);
        }
        const QList<AddressHit> hits = std::move(place.hits);
        place.hits.clear();
        if (!hits.isEmpty())
            Q_EMIT placeDone(hits);
    }
    if (!m_finished && !m_cancelled && m_tenantsKnown && m_delivered == m_places.size() &&
        m_running == 0) {
        m_finished = true;
        Q_EMIT finished();
    }
}
