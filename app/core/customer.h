#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

// A reseller's customer as `method=profile&task=get` lists it (v2), or a v3 subuser or customer
// account (username = the subuser's name or the account's id). `id` may be missing.
struct Customer {
    QString id;
    QString username; // what every other call takes as `user`
    QString email;
    QString firstName;
    QString lastName;
    bool active = true;
    QString region; // v3: "global" or "eu"; empty under v2

    QString displayName() const; // "First Last", or the username when both are empty

    friend bool operator==(const Customer &a, const Customer &b) {
        return a.id == b.id && a.username == b.username && a.email == b.email &&
               a.firstName == b.firstName && a.lastName == b.lastName && a.active == b.active &&
               a.region == b.region;
    }
};

Q_DECLARE_METATYPE(Customer)
