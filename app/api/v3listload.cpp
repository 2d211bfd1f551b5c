#include "v3listload.h"

#include "v3pageparser.h"
#include "v3suppressionclient.h"

#include <QUrl>
#include <QUrlQuery>

#include <string>
#include <vector>

V3ListLoad::V3ListLoad(V3SuppressionClient *client, Tenant tenant, SuppressionList list,
                       QObject *parent)
    : ListLoadJob(parent)
    , m_client(client)
    , m_parser(new V3PageParser(list))
    , m_tenant(std::move(tenant))
    , m_list(list) {
    m_parser->moveToThread(client->parserThread());
    // Queued: the parser's thread emits, this object's thread delivers; a page parsed after
    // the load is gone goes nowhere.
    connect(m_parser, &V3PageParser::parsed, this, &V3ListLoad::onParsed);
}

V3ListLoad::~V3ListLoad() {
    // In its own thread, after any page still queued to it (whose answer then goes nowhere).
    m_parser->deleteLater();
}

void V3ListLoad::setExpectedRows(qsizetype rows) {
    m_expectedLastPage = rows < 0 ? -1 : int(rows / V3SuppressionClient::pageSize);
}

void V3ListLoad::start() {
    // Rows added while the load runs would shift the offsets; they are left for the next load.
    m_endTime = m_client->nowMs() / 1000;
    requestMore();
}

void V3ListLoad::cancel() {
    m_ended = true;
    disconnect(this);
    deleteLater(); // the page calls are our children: they go with us
}

BounceStore V3ListLoad::takeArrivedRows() {
    BounceStore rows;
    if (m_arriving)
        rows.swap(*m_arriving);
    return rows;
}

void V3ListLoad::requestMore() {
    if (m_list == SuppressionList::GroupUnsubscribes) {
        if (m_next == 0)
            requestPage(m_next++);
        return;
    }
    while (!m_ended && m_lastPage < 0 && m_next - m_deliver < pagesAhead) {
        if (m_expectedLastPage >= 0 && m_next > m_expectedLastPage &&
            m_deliver <= m_expectedLastPage)
            break; // wait: the page expected to be the last may well be
        requestPage(m_next++);
    }
}

void V3ListLoad::requestPage(int index) {
    auto *owner = new QObject(this);
    m_pageOwner[index] = owner;
    QString path;
    QUrlQuery query;
    if (m_list == SuppressionList::GroupUnsubscribes) {
        path = QStringLiteral("asm/suppressions");
    } else {
        path = QStringLiteral("suppression/") + suppressionListCliName(m_list);
        query.addQueryItem(QStringLiteral("limit"), QString::number(V3SuppressionClient::pageSize));
        query.addQueryItem(QStringLiteral("offset"),
                           QString::number(qint64(index) * V3SuppressionClient::pageSize));
        query.addQueryItem(QStringLiteral("end_time"), QString::number(m_endTime));
        // Encoded here, whole: QUrlQuery would keep '+' (a space to the server) and '@' as is.
        if (!m_emailFilter.isEmpty())
            query.addQueryItem(QStringLiteral("email"),
                               QString::fromLatin1(QUrl::toPercentEncoding(m_emailFilter)));
    }
    ApiRequest request;
    request.url = m_client->url(m_tenant, path, query);
    V3SuppressionClient::Callbacks callbacks;
    // Cancelled (or failed) while waiting in the gate, deleted only later: never sent.
    callbacks.wanted = [this] { return !m_ended; };
    callbacks.succeeded = [this, index](const QByteArray &body) { onPage(index, body); };
    callbacks.failed = [this, index](const ApiError &error, bool) { pageFailed(index, error); };
    m_client->send(owner, m_tenant, request, V3SuppressionClient::Purpose::Read, m_list, callbacks);
}

void V3ListLoad::onPage(int index, const QByteArray &body) {
    if (m_ended)
        return;
    if (QObject *owner = m_pageOwner[index]) {
        m_pageOwner.erase(index);
        owner->deleteLater(); // not now: its call is emitting
    }
    if (m_lastPage >= 0 && index > m_lastPage)
        return;
    V3PageParser *parser = m_parser;
    QMetaObject::invokeMethod(
        parser, [parser, index, body] { parser->parse(index, body); }, Qt::QueuedConnection);
}

void V3ListLoad::onParsed(const std::shared_ptr<V3ParsedPage> &page) {
    if (m_ended)
        return;
    const int index = page->index;
    if (m_lastPage >= 0 && index > m_lastPage)
        return;
    const ParseResult &parsed = page->result;
    if (!parsed.ok) {
        pageFailed(index, V3SuppressionClient::pageError(parsed, m_list, m_tenant));
        return;
    }
    if (m_list == SuppressionList::GroupUnsubscribes ||
        page->count < V3SuppressionClient::pageSize) {
        if (m_lastPage < 0 || index < m_lastPage)
            m_lastPage = index;
        // The pages after the end are empty: no need to wait for them, nor to mind how they
        // failed.
        for (auto it = m_pageOwner.upper_bound(m_lastPage); it != m_pageOwner.end();) {
            delete it->second;
            it = m_pageOwner.erase(it);
        }
        m_failed.erase(m_failed.upper_bound(m_lastPage), m_failed.end());
    }
    m_ready.emplace(index, std::move(page->rows));
    if (index == m_deliver)
        queueDelivery();
}

void V3ListLoad::queueDelivery() {
    if (m_deliveryQueued)
        return;
    m_deliveryQueued = true;
    QMetaObject::invokeMethod(
        this, [this] { deliverReady(); }, Qt::QueuedConnection);
}

// One page per turn of the event loop (queueDelivery()): a window load runs this on the GUI
// thread, and handing over every page parsed meanwhile at once (rows into the model, addresses
// into the set) could hold that thread past 50 ms. The next ready page goes in a turn of its
// own; Qt delivers what is posted during a turn only in the next one.
void V3ListLoad::deliverReady() {
    m_deliveryQueued = false;
    if (m_ended)
        return;
    const auto it = m_ready.find(m_deliver);
    if (it != m_ready.end()) {
        BounceStore page = std::move(it->second);
        m_ready.erase(it);
        if (!deliverPage(std::move(page)))
            return;
        if (const auto failed = m_failed.find(m_deliver); failed != m_failed.end()) {
            fail(failed->second);
            return;
        }
        if (m_ready.count(m_deliver) != 0)
            queueDelivery();
    }
    requestMore();
}

bool V3ListLoad::deliverPage(BounceStore page) {
    // Rows shifted into a later page while we read were delivered already. Usually none
    // are: the page is then handed on whole, not copied row by row.
    std::vector<std::string_view> keys(std::size_t(page.size()));
    std::vector<std::string> groupKeys; // address and group, for group unsubscribes
    if (m_list == SuppressionList::GroupUnsubscribes)
        groupKeys.resize(keys.size());
    for (BounceStore::Row row = 0; row < page.size(); ++row) {
        keys[std::size_t(row)] = page.emailUtf8(row);
        if (m_list == SuppressionList::GroupUnsubscribes) {
            std::string &groupKey = groupKeys[std::size_t(row)];
            groupKey.assign(page.emailUtf8(row));
            groupKey += '\0';
            groupKey += page.statusUtf8(row);
            keys[std::size_t(row)] = groupKey;
        }
    }
    const std::vector<bool> fresh = m_seen.insertAll(keys);
    std::vector<BounceStore::Row> repeated;
    for (std::size_t row = 0; row < fresh.size(); ++row) {
        if (!fresh[row])
            repeated.push_back(BounceStore::Row(row));
    }
    BounceStore delivered;
    if (repeated.empty()) {
        delivered = std::move(page);
    } else {
        auto next = repeated.cbegin();
        for (BounceStore::Row row = 0; row < page.size(); ++row) {
            if (next != repeated.cend() && *next == row) {
                ++next;
                continue;
            }
            delivered.appendRowOf(page, row);
        }
    }
    const bool last = m_deliver == m_lastPage;
    ++m_deliver;
    if (!delivered.isEmpty()) {
        m_rows += delivered.size();
        m_arriving = &delivered;
        Q_EMIT rowsArrived(delivered); // the receiver may cancel us here
        m_arriving = nullptr;
        if (m_ended)
            return false;
    }
    if (last) {
        m_ended = true;
        Q_EMIT finished(m_rows);
        deleteLater();
        return false;
    }
    return true;
}

void V3ListLoad::pageFailed(int index, const ApiError &error) {
    if (m_ended || (m_lastPage >= 0 && index > m_lastPage))
        return;
    if (index == m_deliver) {
        fail(error);
        return;
    }
    m_failed.emplace(index, error); // the first failure of a page counts
}

void V3ListLoad::fail(const ApiError &error) {
    if (m_ended)
        return;
    m_ended = true;
    for (auto &[index, owner] : m_pageOwner)
        owner->deleteLater();
    m_pageOwner.clear();
    Q_EMIT failed(error);
    deleteLater();
}
