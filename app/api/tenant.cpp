#include "tenant.h"

Tenant Tenant::parent(bool eu) {
    Tenant tenant;
    tenant.eu = eu;
    return tenant;
}

Tenant Tenant::subuser(const QString &username, bool eu) {
    Tenant tenant;
    tenant.kind = Kind::Subuser;
    tenant.id = username;
    tenant.eu = eu;
    return tenant;
}

Tenant Tenant::account(const QString &accountId) {
    Tenant tenant;
    tenant.kind = Kind::Account;
    tenant.id = accountId;
    return tenant;
}

QByteArray Tenant::onBehalfOf() const {
    switch (kind) {
    case Kind::Parent:
        break;
    case Kind::Subuser:
        return id.toUtf8();
    case Kind::Account:
        return "account-id " + id.toUtf8();
    }
    return {};
}

QString Tenant::label() const {
    switch (kind) {
    case Kind::Parent:
        break;
    case Kind::Subuser:
        return id;
    case Kind::Account:
        return QStringLiteral("account %1").arg(id);
    }
    return QStringLiteral("the parent account");
}
