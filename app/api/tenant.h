#pragma once

#include <QByteArray>
#include <QMetaType>
#include <QString>

// Whose suppression lists a call works on. v3: the parent account itself (no on-behalf-of), a
// subuser (`on-behalf-of: USER`, asked on the EU host when it is pinned there), or a customer
// account (`on-behalf-of: account-id ID`). v2: a reseller customer, named like a subuser.
struct Tenant {
    enum class Kind : quint8 { Parent, Subuser, Account };

    Kind kind = Kind::Parent;
    QString id;      // the subuser's username or the account's id; empty for the parent
    bool eu = false; // pinned to SendGrid's EU region

    static Tenant parent(bool eu = false);
    static Tenant subuser(const QString &username, bool eu = false);
    static Tenant account(const QString &accountId);

    // The on-behalf-of header's value; empty for the parent (no header is sent).
    QByteArray onBehalfOf() const;
    // For messages: "acme", "account sg2a…", "the parent account".
    QString label() const;
};

Q_DECLARE_METATYPE(Tenant)
