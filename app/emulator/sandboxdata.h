#pragma once

#include "../core/bounce.h"
#include "../api/customer.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

// The emulator's accounts: deterministic generated customers and bounces, and the deletions
// made during its lifetime. Generated lists are a pure function of (customer, index), so a
// million rows cost no memory until they are sent; only deletions are remembered.
class SandboxData final {
public:
    // The demo accounts (about a dozen customers; a few with thousands of rows, plus-addresses,
    // non-ASCII names and reasons, hostile strings such as <img src=x>, =cmd|' /C calc'!A0,
    // embedded quotes, commas and newlines).
    SandboxData();

    QList<Customer> customers() const;
    bool hasCustomer(const QString &username) const;

    // Replace or add a customer whose list is exactly `bounces` (tests).
    void setBounces(const QString &username, const QList<Bounce> &bounces);
    // Add a customer with `count` generated bounces (benchmarks: 1M rows).
    void addGeneratedCustomer(const QString &username, qsizetype count);

    // Rows of a customer that are still present, in serving order.
    qsizetype bounceCount(const QString &username) const;
    Bounce bounceAt(const QString &username, qsizetype index) const; // index < generated count
    bool isDeleted(const QString &username, const QString &email) const;
    // All present bounces (small lists / tests; a million rows would be a lot of QStrings).
    QList<Bounce> bounces(const QString &username) const;

    // True when the address was on the list (now deleted), false when it was not.
    bool deleteBounce(const QString &username, const QString &email);

private:
    struct Account {
        Customer customer;
        QList<Bounce> explicitRows; // used when generatedCount < 0
        qsizetype generatedCount = -1;
        quint32 seed = 0;
        QSet<QString> deleted;
    };
    static Bounce generate(quint32 seed, qsizetype index);

    QList<QString> m_order;
    QHash<QString, Account> m_accounts;
};
