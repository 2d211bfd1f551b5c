#include "v3tenantlist.h"

#include "v3suppressionclient.h"

#include "parse/v3responseparser.h"

#include <QUrlQuery>

namespace {

ApiError unreadable(const ParseResult &parsed, const QString &what) {
    return parsed.serverError
               ? ApiError::make(ApiError::Kind::Server, QString(), 200, parsed.error)
               : ApiError::make(ApiError::Kind::BadResponse,
                                QStringLiteral("%1 could not be read: %2").arg(what, parsed.error));
}

} // namespace

V3TenantList::V3TenantList(V3SuppressionClient *client, bool accounts, QObject *parent)
    : TenantListJob(parent)
    , m_client(client)
    , m_accounts(accounts) {}

void V3TenantList::start() {
    if (m_accounts)
        requestAccounts(QString());
    else
        requestSubusers(0);
}

void V3TenantList::cancel() {
    m_ended = true;
    disconnect(this);
    deleteLater();
}

void V3TenantList::requestSubusers(int offset) {
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("limit"), QString::number(subuserPageSize));
    query.addQueryItem(QStringLiteral("offset"), QString::number(offset));
    // Every region, said outright: the documented call names it, and a default that ever
    // meant "this host's region" would hide the EU subusers without a word.
    query.addQueryItem(QStringLiteral("region"), QStringLiteral("all"));
    query.addQueryItem(QStringLiteral("include_region"), QStringLiteral("true"));
    get(QStringLiteral("subusers"), query, [this, offset](const QByteArray &body) {
        QList<Customer> page;
        const ParseResult parsed = V3Response::parseSubusers(body, &page);
        if (!parsed.ok) {
            fail(unreadable(parsed, QStringLiteral("the subuser list")));
            return;
        }
        const int added = addNew(page);
        // An empty page ends the list; a page of names already seen means the server ignores
        // offset: stop rather than ask for ever.
        if (!page.isEmpty() && added == 0)
            m_warning = QStringLiteral("the server ignored the paging offset (it sent the "
                                       "subusers at offset 0 again for offset %1), so the list "
                                       "may be incomplete: %2 subusers were read")
                            .arg(offset)
                            .arg(m_customers.size());
        if (page.isEmpty() || added == 0) {
            succeed();
            return;
        }
        requestSubusers(offset + int(page.size()));
    });
}

void V3TenantList::requestAccounts(const QString &cursor) {
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("limit"), QString::number(accountPageSize));
    if (!cursor.isEmpty())
        query.addQueryItem(QStringLiteral("offset"), cursor);
    get(QStringLiteral("partners/accounts"), query, [this, cursor](const QByteArray &body) {
        QList<Customer> page;
        QString next;
        const ParseResult parsed = V3Response::parseAccounts(body, &page, &next);
        if (!parsed.ok) {
            fail(unreadable(parsed, QStringLiteral("the account list")));
            return;
        }
        const int added = addNew(page);
        if (page.isEmpty() || added == 0 || next.isEmpty() || next == cursor)
            requestStates();
        else
            requestAccounts(next);
    });
}

void V3TenantList::requestStates() {
    m_statesLeft = int(m_customers.size());
    if (m_statesLeft == 0) {
        succeed();
        return;
    }
    for (qsizetype i = 0; i < m_customers.size(); ++i) {
        const QString path = QStringLiteral("partners/accounts/%1/state")
                                 .arg(V3SuppressionClient::pathSegment(m_customers.at(i).username));
        get(path, QUrlQuery(), [this, i](const QByteArray &body) {
            QString state;
            const ParseResult parsed = V3Response::parseAccountState(body, &state);
            if (!parsed.ok) {
                fail(unreadable(parsed, QStringLiteral("the state of an account")));
                return;
            }
            m_customers[i].active = state.trimmed().toLower() == QLatin1String("activated");
            if (--m_statesLeft == 0)
                succeed();
        });
    }
}

void V3TenantList::get(const QString &path, const QUrlQuery &query,
                       std::function<void(const QByteArray &body)> read) {
    ApiRequest request;
    request.url = m_client->url(Tenant::parent(), path, query);
    V3SuppressionClient::Callbacks callbacks;
    callbacks.failed = [this](const ApiError &error, bool) { fail(error); };
    callbacks.succeeded = [this, read = std::move(read)](const QByteArray &body) {
        if (!m_ended)
            read(body);
    };
    m_client->send(this, Tenant::parent(), request,
                   m_accounts ? V3SuppressionClient::Purpose::ListAccounts
                              : V3SuppressionClient::Purpose::ListSubusers,
                   SuppressionList::Bounces, callbacks);
}

int V3TenantList::addNew(const QList<Customer> &page) {
    int added = 0;
    for (const Customer &customer : page) {
        if (m_names.contains(customer.username))
            continue;
        m_names.insert(customer.username);
        m_customers.append(customer);
        ++added;
    }
    return added;
}

void V3TenantList::fail(const ApiError &error) {
    if (m_ended)
        return;
    m_ended = true;
    Q_EMIT failed(error);
    deleteLater();
}

void V3TenantList::succeed() {
    if (m_ended)
        return;
    m_ended = true;
    Q_EMIT finished(m_customers);
    deleteLater();
}
