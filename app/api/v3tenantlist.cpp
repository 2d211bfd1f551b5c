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
    query.addQueryItem(QStringLiteral("include_region"), QStringLiteral("true"));
    ApiRequest request;
    request.url = m_client->url(Tenant::parent(), QStringLiteral("subusers"), query);
    V3SuppressionClient::Callbacks callbacks;
    callbacks.failed = [this](const ApiError &error, bool) { fail(error); };
    callbacks.succeeded = [this, offset](const QByteArray &body) {
        if (m_ended)
            return;
        QList<Customer> page;
        const ParseResult parsed = V3Response::parseSubusers(body, &page);
        if (!parsed.ok) {
            fail(unreadable(parsed, QStringLiteral("the subuser list")));
            return;
        }
        int added = 0;
        for (const Customer &customer : std::as_const(page)) {
            if (m_names.contains(customer.username))
                continue;
            m_names.insert(customer.username);
            m_customers.append(customer);
            ++added;
        }
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
    };
    m_client->send(this, Tenant::parent(), request, V3SuppressionClient::Purpose::ListSubusers,
                   SuppressionList::Bounces, callbacks);
}

void V3TenantList::requestAccounts(const QString &cursor) {
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("limit"), QString::number(accountPageSize));
    if (!cursor.isEmpty())
        query.addQueryItem(QStringLiteral("offset"), cursor);
    ApiRequest request;
    request.url = m_client->url(Tenant::parent(), QStringLiteral("partners/accounts"), query);
    V3SuppressionClient::Callbacks callbacks;
    callbacks.failed = [this](const ApiError &error, bool) { fail(error); };
    callbacks.succeeded = [this, cursor](const QByteArray &body) {
        if (m_ended)
            return;
        QList<Customer> page;
        QString next;
        const ParseResult parsed = V3Response::parseAccounts(body, &page, &next);
        if (!parsed.ok) {
            fail(unreadable(parsed, QStringLiteral("the account list")));
            return;
        }
        int added = 0;
        for (const Customer &customer : std::as_const(page)) {
            if (m_names.contains(customer.username))
                continue;
            m_names.insert(customer.username);
            m_customers.append(customer);
            ++added;
        }
        if (page.isEmpty() || added == 0 || next.isEmpty() || next == cursor)
            requestStates();
        else
            requestAccounts(next);
    };
    m_client->send(this, Tenant::parent(), request, V3SuppressionClient::Purpose::ListAccounts,
                   SuppressionList::Bounces, callbacks);
}

void V3TenantList::requestStates() {
    m_statesLeft = int(m_customers.size());
    if (m_statesLeft == 0) {
        succeed();
        return;
    }
    for (qsizetype i = 0; i < m_customers.size(); ++i) {
        ApiRequest request;
        request.url =
            m_client->url(Tenant::parent(),
                          QStringLiteral("partners/accounts/%1/state")
                              .arg(V3SuppressionClient::pathSegment(m_customers.at(i).username)),
                          QUrlQuery());
        V3SuppressionClient::Callbacks callbacks;
        callbacks.failed = [this](const ApiError &error, bool) { fail(error); };
        callbacks.succeeded = [this, i](const QByteArray &body) {
            if (m_ended)
                return;
            QString state;
            const ParseResult parsed = V3Response::parseAccountState(body, &state);
            if (!parsed.ok) {
                fail(unreadable(parsed, QStringLiteral("the state of an account")));
                return;
            }
            m_customers[i].active = state.trimmed().toLower() == QLatin1String("activated");
            if (--m_statesLeft == 0)
                succeed();
        };
        m_client->send(this, Tenant::parent(), request, V3SuppressionClient::Purpose::ListAccounts,
                       SuppressionList::Bounces, callbacks);
    }
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
