#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

// A reseller's customer as `method=profile&task=get` lists it. `id` may be missing.
struct Customer {
    QString id;
    QString username; // what every other call takes as `user`
    QString email;
    QString firstName;
    QString lastName;
    bool active = true;

    QString displayName() const; // "First Last", or the username when both are empty

    friend bool operator==(const Customer &a, const Customer &b) {
        return a.id == b.id && a.username == b.username && a.email == b.email &&
               a.firstName == b.firstName && a.lastName == b.lastName && a.active == b.active;
    }
};

Q_DECLARE_METATYPE(Customer)
