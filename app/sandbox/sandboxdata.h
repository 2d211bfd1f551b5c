#pragma once

#include "core/bounce.h"
#include "core/customer.h"
#include "sandboxgenerator.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <memory>
#include <vector>

// The parts of a `profile` entry that only the emulator needs (Customer keeps what the app uses).
struct SandboxProfile {
    Customer customer;
    QString address;
    QString city;
    QString state;
    QString zip;
    QString country;
    QString phone;
    QString website;
};

// The emulator's accounts: deterministic generated customers and bounces, and the deletions
// made during its lifetime. Generated lists are a pure function of (customer, index), so a
// million rows cost no memory until they are sent; only deletions are remembered.
// Not thread-safe: configure it before the server runs in another thread.
class SandboxData final {
    struct Account;

public:
    // The demo accounts (about a dozen customers; a few with thousands of rows, plus-addresses,
    // non-ASCII names and reasons, hostile strings such as <img src=x>, =cmd|' /C calc'!A0,
    // embedded quotes, commas and newlines). Always the same for every instance.
    SandboxData();

    QList<Customer> customers() const;
    QList<SandboxProfile> profiles() const;
    bool hasCustomer(const QString &username) const;
    // Add a customer (or replace its profile, keeping its bounces); new ones have no bounces.
    void setProfile(const SandboxProfile &profile);

    // Replace or add a customer whose list is exactly `bounces` (tests).
    void setBounces(const QString &username, const QList<Bounce> &bounces);
    // Add (or replace the list of) a customer with `count` generated bounces (benchmarks: 1M
    // rows). Costs no memory up front.
    void addGeneratedCustomer(const QString &username, qsizetype count);

    // Rows of a customer that are still present, in serving order.
    qsizetype bounceCount(const QString &username) const;
    // The index-th present row in serving order (index < bounceCount).
    Bounce bounceAt(const QString &username, qsizetype index) const;
    // True when the address was on the list and has been deleted since.
    bool isDeleted(const QString &username, const QString &email) const;
    // All present bounces (small lists / tests; a million rows would be a lot of QStrings).
    QList<Bounce> bounces(const QString &username) const;

    // True when the address was on the list (now deleted), false when it was not. Matching is
    // exact, as the server compares what it decoded.
    bool deleteBounce(const QString &username, const QString &email);

    // A customer's list as the server streams it: raw rows with deleted ones skipped. Holds the
    // account alive, so replacing a list while it is being sent is safe.
    class Rows {
    public:
        Rows() = default;
        qsizetype rawCount() const;
        // False when row `rawIndex` has been deleted (then `row` is left unspecified).
        bool at(qsizetype rawIndex, BounceUtf8 *row) const;

    private:
        friend class SandboxData;
        std::shared_ptr<const Account> m_account;
    };
    Rows rows(const QString &username) const;

private:
    struct Account {
        SandboxProfile profile;
        std::vector<BounceUtf8> explicitRows; // used when generatedCount < 0
        qsizetype generatedCount = -1;
        quint32 seed = 0;
        QSet<qsizetype> deletedIndices; // raw indices
        QSet<QString> deletedEmails;

        qsizetype rawCount() const;
        bool rawAt(qsizetype rawIndex, BounceUtf8 *row) const; // false when deleted
    };
    std::shared_ptr<Account> account(const QString &username) const;
    std::shared_ptr<Account> replaceRows(const QString &username);

    QList<QString> m_order;
    QHash<QString, std::shared_ptr<Account>> m_accounts;
};
