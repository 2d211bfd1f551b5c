#pragma once

#include "core/bounce.h"
#include "core/customer.h"
#include "core/suppressionlist.h"
#include "sandboxgenerator.h"
#include "sandboxrowlist.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

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
    QString region = QStringLiteral("global"); // v3: "global" or "eu"
};

// Whose lists a v3 call reads: the parent account (no on-behalf-of), a subuser (every v2
// customer is one: the same account seen through both APIs) or a customer account of the
// Account Provisioning API.
struct SandboxTenant {
    enum class Kind : quint8 { Parent, Subuser, Account };
    Kind kind = Kind::Parent;
    QString name; // the subuser's username or the account's id; empty for the parent

    static SandboxTenant parent() { return {}; }
    static SandboxTenant subuser(const QString &username) { return {Kind::Subuser, username}; }
    static SandboxTenant account(const QString &id) { return {Kind::Account, id}; }
    // The tenant an `on-behalf-of` value names: "" the parent, "account-id ID" an account,
    // anything else a subuser's username.
    static SandboxTenant fromOnBehalfOf(const QString &value);
    // The header value that names it ("" for the parent).
    QString onBehalfOf() const;
    bool operator==(const SandboxTenant &other) const {
        return kind == other.kind && name == other.name;
    }
};

// One row of a v3 list, as tests set and read it. Which fields a list uses: bounces and blocks
// status, reason; invalid emails reason; spam reports ip; unsubscribes and group members none.
struct SandboxSuppression {
    QString email;
    qint64 created = 0; // unix seconds, UTC
    QString status;
    QString reason;
    QString ip;
    bool operator==(const SandboxSuppression &other) const {
        return email == other.email && created == other.created && status == other.status &&
               reason == other.reason && ip == other.ip;
    }
};

// An unsubscribe group (Advanced Suppression Manager) of one tenant.
struct SandboxGroup {
    qint64 id = 0;
    QString name;
    QString description;
    bool isDefault = false;
};

// A customer account of the Account Provisioning API.
struct SandboxPartnerAccount {
    QString id;
    QString email;     // may be empty: the API guarantees only id and created_at
    QString createdAt; // ISO 8601, e.g. 2022-01-02T15:04:05Z
    QString state = QStringLiteral("activated");
};

// The emulator's accounts: deterministic generated customers and bounces, and the deletions
// made during its lifetime. Generated lists are a pure function of (customer, index), so a
// million rows cost no memory until they are sent; only deletions are remembered.
// v2 sees the customers and their bounces; v3 sees the same customers as subusers (with a
// region), plus the parent account and customer accounts, each with the six suppression lists.
// A subuser's v3 bounces are its v2 bounce list: a delete through either API shows in both.
// Not thread-safe: configure it before the server runs in another thread.
class SandboxData final {
    struct Account;

public:
    // The demo accounts (about a dozen customers; a few with thousands of rows, plus-addresses,
    // non-ASCII names and reasons, hostile strings such as <img src=x>, =cmd|' /C calc'!A0,
    // embedded quotes, commas and newlines) and their v3 lists (sandboxdemo.cpp says which).
    // Always the same for every instance.
    SandboxData();

    QList<Customer> customers() const;
    QList<SandboxProfile> profiles() const;
    bool hasCustomer(const QString &username) const;
    // Add a customer (or replace its profile, keeping its lists); new ones have no rows.
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
    // list alive, so replacing a list while it is being sent is safe.
    class Rows {
    public:
        Rows() = default;
        qsizetype rawCount() const;
        // False when row `rawIndex` has been deleted (then `row` is left unspecified).
        bool at(qsizetype rawIndex, BounceUtf8 *row) const;

    private:
        friend class SandboxData;
        std::shared_ptr<const SandboxRowList> m_list;
    };
    Rows rows(const QString &username) const;

    // --- v3 -------------------------------------------------------------------------------
    // The parent always exists; a subuser when it is a customer; an account when added.
    bool hasTenant(const SandboxTenant &tenant) const;
    // "global" or "eu": a subuser's profile region; the parent and accounts are global.
    QString region(const SandboxTenant &tenant) const;
    void setRegion(const QString &username, const QString &region);
    // The numeric id GET /v3/subusers shows (the v2 id when it is a number, else one made up).
    qint64 subuserId(const QString &username) const;

    QList<SandboxPartnerAccount> partnerAccounts() const;
    // Adds (or replaces the details of) a customer account, keeping its lists.
    void addPartnerAccount(const SandboxPartnerAccount &account);

    // The five flat lists (not GroupUnsubscribes, which are per group below). Setting a list of
    // a subuser or account that does not exist yet creates it; for a subuser's bounces these
    // are the v2 bounces too.
    void setSuppressions(const SandboxTenant &tenant, SuppressionList list,
                         const QList<SandboxSuppression> &rows);
    // Appends explicit rows after the list's present ones (generated or not).
    void addSuppressions(const SandboxTenant &tenant, SuppressionList list,
                         const QList<SandboxSuppression> &rows);
    // `count` generated rows (the same generator as the v2 lists, shaped per list), then none.
    void addGeneratedSuppressions(const SandboxTenant &tenant, SuppressionList list,
                                  qsizetype count);
    // Present rows (small lists / tests). For GroupUnsubscribes: every group's members, with the
    // group id in `status` and its name in `reason`.
    QList<SandboxSuppression> suppressions(const SandboxTenant &tenant, SuppressionList list) const;
    qsizetype suppressionCount(const SandboxTenant &tenant, SuppressionList list) const;
    // The list as answers read it (null for an unknown tenant or GroupUnsubscribes).
    std::shared_ptr<const SandboxRowList> suppressionRows(const SandboxTenant &tenant,
                                                          SuppressionList list) const;
    // Matching ignores ASCII case, as SendGrid's does. True when the address was there.
    bool deleteSuppression(const SandboxTenant &tenant, SuppressionList list, const QString &email);
    void deleteAllSuppressions(const SandboxTenant &tenant, SuppressionList list);

    QList<SandboxGroup> groups(const SandboxTenant &tenant) const;
    // Adds or replaces a group with exactly these members (email and created are used).
    void setGroup(const SandboxTenant &tenant, const SandboxGroup &group,
                  const QList<SandboxSuppression> &members);
    std::shared_ptr<const SandboxRowList> groupMembers(const SandboxTenant &tenant,
                                                       qint64 groupId) const;
    bool deleteFromGroup(const SandboxTenant &tenant, qint64 groupId, const QString &email);

    // Adds `count` subusers named PREFIX-0001, PREFIX-0002, ... (every 10th in the EU region,
    // every 7th disabled), each with `rowsPerList` generated rows on the five flat lists and
    // one group with a few members. Returns their usernames. For the find benchmark and tests.
    QStringList addGeneratedSubusers(int count, qsizetype rowsPerList,
                                     const QString &prefix = QStringLiteral("sub"));

private:
    struct Group {
        SandboxGroup info;
        std::shared_ptr<SandboxRowList> members;
    };
    static constexpr int kFlatLists = 5; // Bounces .. Unsubscribes, indexed by SuppressionList
    struct Account {
        SandboxProfile profile;
        std::shared_ptr<SandboxRowList> lists[kFlatLists];
        QList<Group> groups;
        Account();
    };
    std::shared_ptr<Account> account(const QString &username) const;
    std::shared_ptr<Account> tenantAccount(const SandboxTenant &tenant) const;
    // The tenant's account, created when it is a subuser or an account not known yet.
    std::shared_ptr<Account> ensureTenant(const SandboxTenant &tenant);
    std::shared_ptr<Account> ensureCustomer(const QString &username);
    static SandboxRowKind kindFor(SuppressionList list);

    QList<QString> m_order;
    QHash<QString, std::shared_ptr<Account>> m_accounts;
    std::shared_ptr<Account> m_parent;
    QList<QString> m_partnerOrder;
    QHash<QString, std::shared_ptr<Account>> m_partners;
    QHash<QString, SandboxPartnerAccount> m_partnerDetails;
};
