#include "v3listreread.h"

#include "v3suppressionclient.h"

#include "core/bouncestore.h"
#include "parse/v3responseparser.h"

#include <QUrl>
#include <QUrlQuery>

#include <climits>

V3ListReread::V3ListReread(V3SuppressionClient *client, Tenant tenant, SuppressionList list,
                           const QStringList &emails, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_tenant(std::move(tenant))
    , m_list(list) {
    for (const QString &email : emails)
        m_unseen.insert(email.toLower(), email);
}

void V3ListReread::start() {
    m_endTime = m_client->nowMs() / 1000;
    requestMore();
}

void V3ListReread::cancel() {
    end(false);
}

QStringList V3ListReread::notSeen() const {
    QStringList emails = m_unseen.values();
    emails.sort(); // an order that does not depend on the hash
    return emails;
}

void V3ListReread::requestMore() {
    if (m_ended)
        return;
    // Never more pages than the look-ups they would save.
    const int cheaperThanLookUps = int(qMin<qsizetype>(m_unseen.size(), INT_MAX));
    const int rampedUp = 2 * m_fullPages + 1;
    const int ahead = m_fullPages + pagesAhead;
    const int allowed = qMin(cheaperThanLookUps, qMin(rampedUp, ahead));
    while (m_lastPage < 0 && m_requested < allowed)
        requestPage(m_requested++);
    // Nothing in flight and no page more worth asking: the rest is looked up one by one.
    if (m_pageOwner.empty())
        end(false);
}

void V3ListReread::requestPage(int index) {
    auto *owner = new QObject(this);
    m_pageOwner[index] = owner;
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("limit"), QString::number(V3SuppressionClient::pageSize));
    query.addQueryItem(QStringLiteral("offset"),
                       QString::number(qint64(index) * V3SuppressionClient::pageSize));
    query.addQueryItem(QStringLiteral("end_time"), QString::number(m_endTime));
    ApiRequest request;
    request.url = m_client->url(
        m_tenant, QStringLiteral("suppression/") + suppressionListCliName(m_list), query);
    V3SuppressionClient::Callbacks callbacks;
    callbacks.wanted = [this] { return !m_ended; };
    callbacks.succeeded = [this, index](const QByteArray &body) { onPage(index, body); };
    callbacks.failed = [this, index](const ApiError &error, bool) {
        if (m_lastPage >= 0 && index > m_lastPage)
            return; // past the end: not needed
        fail(error);
    };
    m_client->send(owner, m_tenant, request, V3SuppressionClient::Purpose::Read, m_list, callbacks);
}

void V3ListReread::onPage(int index, const QByteArray &body) {
    if (m_ended)
        return;
    if (QObject *owner = m_pageOwner[index])
        owner->deleteLater(); // not now: its call is emitting
    m_pageOwner.erase(index);
    if (m_lastPage >= 0 && index > m_lastPage)
        return;
    BounceStore rows;
    qsizetype count = 0;
    const ParseResult parsed = V3Response::parseListPage(body, m_list, &rows, &count);
    if (!parsed.ok) {
        fail(V3SuppressionClient::pageError(parsed, m_list, m_tenant));
        return;
    }
    for (BounceStore::Row row = 0; row < rows.size() && !m_ended; ++row) {
        const auto it = m_unseen.constFind(rows.email(row).toLower());
        if (it == m_unseen.cend())
            continue;
        const QString email = it.value();
        m_unseen.erase(it);
        Q_EMIT found(email);
    }
    if (m_ended)
        return;
    if (count < V3SuppressionClient::pageSize) {
        const int before = m_lastPage;
        m_lastPage = before < 0 ? index : qMin(before, index);
        // The pages after the end are empty: not waited for.
        for (auto it = m_pageOwner.upper_bound(m_lastPage); it != m_pageOwner.end();) {
            delete it->second;
            it = m_pageOwner.erase(it);
        }
    } else {
        ++m_fullPages;
    }
    if (m_lastPage >= 0) {
        // Complete once every page up to the short one came (the pages were asked for in
        // order, so those still out are the owners left, all at or below it).
        if (m_pageOwner.empty())
            end(true);
        return;
    }
    if (m_unseen.isEmpty()) {
        end(true); // every address was seen: nothing is left to confirm either way
        return;
    }
    requestMore();
}

bool V3ListReread::stop() {
    if (m_ended)
        return false;
    m_ended = true;
    for (auto &[index, owner] : m_pageOwner)
        owner->deleteLater();
    m_pageOwner.clear();
    return true;
}

void V3ListReread::end(bool whole) {
    if (stop())
        Q_EMIT ended(whole, notSeen());
}

void V3ListReread::fail(const ApiError &error) {
    if (stop())
        Q_EMIT failed(error, notSeen());
}
