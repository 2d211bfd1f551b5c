#include "v3lookup.h"

#include "v3suppressionclient.h"

#include "parse/v3responseparser.h"

#include <QUrlQuery>

V3LookUp::V3LookUp(V3SuppressionClient *client, Tenant tenant, SuppressionList list, QString email,
                   QObject *parent)
    : LookUpJob(parent)
    , m_client(client)
    , m_tenant(std::move(tenant))
    , m_list(list)
    , m_email(std::move(email)) {}

QString V3LookUp::readPath(SuppressionList list, const QString &email) {
    const QString segment = V3SuppressionClient::pathSegment(email);
    switch (list) {
    case SuppressionList::Unsubscribes:
        return QStringLiteral("asm/suppressions/global/") + segment;
    case SuppressionList::GroupUnsubscribes:
        return QStringLiteral("asm/suppressions/") + segment;
    default:
        break;
    }
    return QStringLiteral("suppression/%1/%2").arg(suppressionListCliName(list), segment);
}

ParseResult V3LookUp::rowsOf(const QByteArray &body, SuppressionList list, const QString &email,
                             BounceStore *rows) {
    const QByteArray address = email.toUtf8();
    const std::string_view view(address.constData(), std::size_t(address.size()));
    if (list == SuppressionList::Unsubscribes) {
        bool present = false;
        const ParseResult parsed = V3Response::parseGlobalUnsubscribe(body, &present);
        if (parsed.ok && present)
            rows->append(view, {}, {}, {});
        return parsed;
    }
    if (list == SuppressionList::GroupUnsubscribes) {
        QList<V3Response::GroupMembership> groups;
        const ParseResult parsed = V3Response::parseGroupMemberships(body, &groups);
        for (const auto &group : std::as_const(groups)) {
            const QByteArray id = group.id.toUtf8();
            const QByteArray name = group.name.toUtf8();
            rows->append(view, {id.constData(), std::size_t(id.size())},
                         {name.constData(), std::size_t(name.size())}, {});
        }
        return parsed;
    }
    qsizetype count = 0;
    return V3Response::parseListPage(body, list, rows, &count);
}

void V3LookUp::start() {
    ApiRequest request;
    request.url = m_client->url(m_tenant, readPath(m_list, m_email), QUrlQuery());
    V3SuppressionClient::Callbacks callbacks;
    // Cancelled while waiting in the gate (deleted only later): never sent.
    callbacks.wanted = [this] { return !m_ended; };
    callbacks.succeeded = [this](const QByteArray &body) {
        if (m_ended)
            return;
        m_ended = true;
        BounceStore rows;
        const ParseResult parsed = rowsOf(body, m_list, m_email, &rows);
        if (parsed.ok)
            Q_EMIT found(rows);
        else
            Q_EMIT failed(parsed.serverError
                              ? ApiError::make(ApiError::Kind::Server, QString(), 200, parsed.error)
                              : ApiError::make(ApiError::Kind::BadResponse, parsed.error));
        deleteLater();
    };
    callbacks.failed = [this](const ApiError &error, bool) {
        if (m_ended)
            return;
        m_ended = true;
        if (error.httpStatus == 404)
            Q_EMIT found(BounceStore());
        else
            Q_EMIT failed(error);
        deleteLater();
    };
    m_client->send(this, m_tenant, request, V3SuppressionClient::Purpose::Read, m_list, callbacks);
}

void V3LookUp::cancel() {
    m_ended = true;
    disconnect(this);
    deleteLater();
}
