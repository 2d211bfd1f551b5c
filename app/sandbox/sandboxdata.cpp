#include "sandboxdata.h"

#include "sandboxdemo.h"

#include <algorithm>

namespace {

BounceUtf8 toUtf8(const Bounce &bounce) {
    return BounceUtf8{bounce.email.toStdString(), bounce.status.toStdString(),
                      bounce.reason.toStdString(), bounce.created.toStdString()};
}

Bounce fromUtf8(const BounceUtf8 &row) {
    return Bounce{QString::fromStdString(row.email), QString::fromStdString(row.status),
                  QString::fromStdString(row.reason), QString::fromStdString(row.created)};
}

BounceUtf8 toUtf8(const SandboxSuppression &row, SuppressionList list) {
    BounceUtf8 out;
    out.email = row.email.toStdString();
    out.status = (list == SuppressionList::SpamReports ? row.ip : row.status).toStdString();
    out.reason = row.reason.toStdString();
    SandboxGenerator::appendTimestamp(out.created, row.created);
    return out;
}

SandboxSuppression fromUtf8(const BounceUtf8 &row, SuppressionList list) {
    SandboxSuppression out;
    out.email = QString::fromStdString(row.email);
    out.created = SandboxGenerator::createdSeconds(row);
    if (list == SuppressionList::SpamReports)
        out.ip = QString::fromStdString(row.status);
    else
        out.status = QString::fromStdString(row.status);
    out.reason = QString::fromStdString(row.reason);
    return out;
}

constexpr char kAccountIdPrefix[] = "account-id ";

} // namespace

SandboxTenant SandboxTenant::fromOnBehalfOf(const QString &value) {
    const QString trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return parent();
    if (trimmed.startsWith(QLatin1String(kAccountIdPrefix)))
        return account(trimmed.mid(int(sizeof kAccountIdPrefix) - 1).trimmed());
    return subuser(trimmed);
}

QString SandboxTenant::onBehalfOf() const {
    switch (kind) {
    case Kind::Parent:
        return {};
    case Kind::Subuser:
        return name;
    case Kind::Account:
        return QLatin1String(kAccountIdPrefix) + name;
    }
    return {};
}

SandboxData::Account::Account() {
    for (auto &list : lists)
        list = std::make_shared<SandboxRowList>();
}

SandboxData::SandboxData()
    : m_parent(std::make_shared<Account>()) {
    addDemoAccounts(*this);
}

qsizetype SandboxData::Rows::rawCount() const {
    return m_list ? m_list->rawCount() : 0;
}

bool SandboxData::Rows::at(qsizetype rawIndex, BounceUtf8 *row) const {
    return m_list && m_list->rawAt(rawIndex, row);
}

SandboxData::Rows SandboxData::rows(const QString &username) const {
    Rows rows;
    if (const auto target = account(username))
        rows.m_list = target->lists[0];
    return rows;
}

std::shared_ptr<SandboxData::Account> SandboxData::account(const QString &username) const {
    return m_accounts.value(username);
}

QList<Customer> SandboxData::customers() const {
    QList<Customer> result;
    for (const QString &username : m_order)
        result.append(m_accounts.value(username)->profile.customer);
    return result;
}

QList<SandboxProfile> SandboxData::profiles() const {
    QList<SandboxProfile> result;
    for (const QString &username : m_order)
        result.append(m_accounts.value(username)->profile);
    return result;
}

bool SandboxData::hasCustomer(const QString &username) const {
    return m_accounts.contains(username);
}

void SandboxData::setProfile(const SandboxProfile &profile) {
    ensureCustomer(profile.customer.username)->profile = profile;
}

std::shared_ptr<SandboxData::Account> SandboxData::ensureCustomer(const QString &username) {
    if (const auto existing = account(username))
        return existing;
    // A plain profile for customers that tests and benchmarks add by name.
    auto created = std::make_shared<Account>();
    created->profile.customer.id = QString::number(5000 + m_order.size());
    created->profile.customer.username = username;
    created->profile.customer.email = username.contains(QLatin1Char('@'))
                                          ? username
                                          : QString(username + QStringLiteral("@customer.example"));
    m_order.append(username);
    m_accounts.insert(username, created);
    return created;
}

void SandboxData::setBounces(const QString &username, const QList<Bounce> &bounces) {
    auto fresh = std::make_shared<SandboxRowList>();
    for (const Bounce &bounce : bounces)
        fresh->append(toUtf8(bounce));
    // A new list object: an answer still sending the old one keeps it alive.
    ensureCustomer(username)->lists[0] = std::move(fresh);
}

void SandboxData::addGeneratedCustomer(const QString &username, qsizetype count) {
    ensureCustomer(username)->lists[0] = std::make_shared<SandboxRowList>(
        SandboxRowKind::Bounce, SandboxGenerator::seedFor(username), count);
}

qsizetype SandboxData::bounceCount(const QString &username) const {
    const auto target = account(username);
    return target ? target->lists[0]->presentCount() : 0;
}

Bounce SandboxData::bounceAt(const QString &username, qsizetype index) const {
    const auto target = account(username);
    if (!target || index < 0 || index >= bounceCount(username))
        return {};
    const SandboxRowList &list = *target->lists[0];
    BounceUtf8 row;
    list.rawAt(list.rawIndexOfPresent(index), &row);
    return fromUtf8(row);
}

bool SandboxData::isDeleted(const QString &username, const QString &email) const {
    const auto target = account(username);
    return target && target->lists[0]->wasDeleted(email);
}

QList<Bounce> SandboxData::bounces(const QString &username) const {
    QList<Bounce> result;
    const auto target = account(username);
    if (!target)
        return result;
    const SandboxRowList &list = *target->lists[0];
    BounceUtf8 row;
    for (qsizetype i = 0; i < list.rawCount(); ++i) {
        if (list.rawAt(i, &row))
            result.append(fromUtf8(row));
    }
    return result;
}

bool SandboxData::deleteBounce(const QString &username, const QString &email) {
    const auto target = account(username);
    return target && target->lists[0]->remove(email.toStdString(), false);
}

// --- v3 ------------------------------------------------------------------------------------

std::shared_ptr<SandboxData::Account>
SandboxData::tenantAccount(const SandboxTenant &tenant) const {
    switch (tenant.kind) {
    case SandboxTenant::Kind::Parent:
        return m_parent;
    case SandboxTenant::Kind::Subuser:
        return account(tenant.name);
    case SandboxTenant::Kind::Account:
        return m_partners.value(tenant.name);
    }
    return {};
}

std::shared_ptr<SandboxData::Account> SandboxData::ensureTenant(const SandboxTenant &tenant) {
    if (const auto existing = tenantAccount(tenant))
        return existing;
    if (tenant.kind == SandboxTenant::Kind::Subuser)
        return ensureCustomer(tenant.name);
    SandboxPartnerAccount details;
    details.id = tenant.name;
    details.createdAt = QStringLiteral("2024-01-01T00:00:00Z");
    addPartnerAccount(details);
    return m_partners.value(tenant.name);
}

bool SandboxData::hasTenant(const SandboxTenant &tenant) const {
    return tenantAccount(tenant) != nullptr;
}

QString SandboxData::region(const SandboxTenant &tenant) const {
    if (tenant.kind != SandboxTenant::Kind::Subuser)
        return QStringLiteral("global");
    const auto target = account(tenant.name);
    return target ? target->profile.region : QStringLiteral("global");
}

void SandboxData::setRegion(const QString &username, const QString &region) {
    ensureCustomer(username)->profile.region = region;
}

qint64 SandboxData::subuserId(const QString &username) const {
    const auto target = account(username);
    if (!target)
        return 0;
    bool ok = false;
    const qint64 id = target->profile.customer.id.toLongLong(&ok);
    return ok && id > 0 ? id : 900000 + m_order.indexOf(username);
}

QList<SandboxPartnerAccount> SandboxData::partnerAccounts() const {
    QList<SandboxPartnerAccount> result;
    for (const QString &id : m_partnerOrder)
        result.append(m_partnerDetails.value(id));
    return result;
}

void SandboxData::addPartnerAccount(const SandboxPartnerAccount &details) {
    if (!m_partners.contains(details.id)) {
        m_partnerOrder.append(details.id);
        m_partners.insert(details.id, std::make_shared<Account>());
    }
    m_partnerDetails.insert(details.id, details);
}

SandboxRowKind SandboxData::kindFor(SuppressionList list) {
    switch (list) {
    case SuppressionList::Bounces:
        return SandboxRowKind::Bounce;
    case SuppressionList::Blocks:
        return SandboxRowKind::Block;
    case SuppressionList::InvalidEmails:
        return SandboxRowKind::InvalidEmail;
    case SuppressionList::SpamReports:
        return SandboxRowKind::SpamReport;
    case SuppressionList::Unsubscribes:
    case SuppressionList::GroupUnsubscribes:
        break;
    }
    return SandboxRowKind::Unsubscribe;
}

void SandboxData::setSuppressions(const SandboxTenant &tenant, SuppressionList list,
                                  const QList<SandboxSuppression> &rows) {
    if (list == SuppressionList::GroupUnsubscribes)
        return;
    auto fresh = std::make_shared<SandboxRowList>();
    for (const SandboxSuppression &row : rows)
        fresh->append(toUtf8(row, list));
    ensureTenant(tenant)->lists[int(list)] = std::move(fresh);
}

void SandboxData::addSuppressions(const SandboxTenant &tenant, SuppressionList list,
                                  const QList<SandboxSuppression> &rows) {
    if (list == SuppressionList::GroupUnsubscribes)
        return;
    std::shared_ptr<SandboxRowList> &slot = ensureTenant(tenant)->lists[int(list)];
    // A copy: an answer still sending the old list keeps it unchanged.
    auto fresh = std::make_shared<SandboxRowList>(*slot);
    for (const SandboxSuppression &row : rows)
        fresh->append(toUtf8(row, list));
    slot = std::move(fresh);
}

void SandboxData::addGeneratedSuppressions(const SandboxTenant &tenant, SuppressionList list,
                                           qsizetype count) {
    if (list == SuppressionList::GroupUnsubscribes)
        return;
    // Each list of each tenant its own seed, so the lists differ; a subuser's bounces keep the
    // seed of its v2 list (the same account through both APIs).
    QString seedName = tenant.onBehalfOf();
    if (list != SuppressionList::Bounces || tenant.kind != SandboxTenant::Kind::Subuser)
        seedName += QLatin1Char('/') + suppressionListCliName(list);
    ensureTenant(tenant)->lists[int(list)] =
        std::make_shared<SandboxRowList>(kindFor(list), SandboxGenerator::seedFor(seedName), count);
}

std::shared_ptr<const SandboxRowList> SandboxData::suppressionRows(const SandboxTenant &tenant,
                                                                   SuppressionList list) const {
    const auto target = tenantAccount(tenant);
    if (!target || list == SuppressionList::GroupUnsubscribes)
        return {};
    return target->lists[int(list)];
}

QList<SandboxSuppression> SandboxData::suppressions(const SandboxTenant &tenant,
                                                    SuppressionList list) const {
    QList<SandboxSuppression> result;
    const auto target = tenantAccount(tenant);
    if (!target)
        return result;
    BounceUtf8 row;
    if (list == SuppressionList::GroupUnsubscribes) {
        for (const Group &group : target->groups) {
            for (qsizetype i = 0; i < group.members->rawCount(); ++i) {
                if (!group.members->rawAt(i, &row))
                    continue;
                SandboxSuppression member = fromUtf8(row, list);
                member.status = QString::number(group.info.id);
                member.reason = group.info.name;
                result.append(member);
            }
        }
        return result;
    }
    const SandboxRowList &rows = *target->lists[int(list)];
    for (qsizetype i = 0; i < rows.rawCount(); ++i) {
        if (rows.rawAt(i, &row))
            result.append(fromUtf8(row, list));
    }
    return result;
}

qsizetype SandboxData::suppressionCount(const SandboxTenant &tenant, SuppressionList list) const {
    const auto target = tenantAccount(tenant);
    if (!target)
        return 0;
    if (list != SuppressionList::GroupUnsubscribes)
        return target->lists[int(list)]->presentCount();
    qsizetype count = 0;
    for (const Group &group : target->groups)
        count += group.members->presentCount();
    return count;
}

bool SandboxData::deleteSuppression(const SandboxTenant &tenant, SuppressionList list,
                                    const QString &email) {
    const auto target = tenantAccount(tenant);
    if (!target || list == SuppressionList::GroupUnsubscribes)
        return false;
    return target->lists[int(list)]->remove(email.toStdString(), true);
}

void SandboxData::deleteAllSuppressions(const SandboxTenant &tenant, SuppressionList list) {
    const auto target = tenantAccount(tenant);
    if (!target || list == SuppressionList::GroupUnsubscribes)
        return;
    target->lists[int(list)]->removeAll();
}

QList<SandboxGroup> SandboxData::groups(const SandboxTenant &tenant) const {
    QList<SandboxGroup> result;
    if (const auto target = tenantAccount(tenant)) {
        for (const Group &group : target->groups)
            result.append(group.info);
    }
    return result;
}

void SandboxData::setGroup(const SandboxTenant &tenant, const SandboxGroup &group,
                           const QList<SandboxSuppression> &members) {
    Group fresh{group, std::make_shared<SandboxRowList>()};
    for (const SandboxSuppression &member : members)
        fresh.members->append(toUtf8(member, SuppressionList::GroupUnsubscribes));
    QList<Group> &groups = ensureTenant(tenant)->groups;
    for (Group &existing : groups) {
        if (existing.info.id == group.id) {
            existing = std::move(fresh);
            return;
        }
    }
    groups.append(std::move(fresh));
}

std::shared_ptr<const SandboxRowList> SandboxData::groupMembers(const SandboxTenant &tenant,
                                                                qint64 groupId) const {
    if (const auto target = tenantAccount(tenant)) {
        for (const Group &group : target->groups) {
            if (group.info.id == groupId)
                return group.members;
        }
    }
    return {};
}

bool SandboxData::deleteFromGroup(const SandboxTenant &tenant, qint64 groupId,
                                  const QString &email) {
    if (const auto target = tenantAccount(tenant)) {
        for (const Group &group : target->groups) {
            if (group.info.id == groupId)
                return group.members->remove(email.toStdString(), true);
        }
    }
    return false;
}

QStringList SandboxData::addGeneratedSubusers(int count, qsizetype rowsPerList,
                                              const QString &prefix) {
    QStringList names;
    for (int i = 1; i <= count; ++i) {
        const QString name =
            prefix + QLatin1Char('-') + QString::number(i).rightJustified(4, QLatin1Char('0'));
        names.append(name);
        const SandboxTenant tenant = SandboxTenant::subuser(name);
        addGeneratedCustomer(name, rowsPerList);
        const auto target = account(name);
        target->profile.customer.active = i % 7 != 0;
        target->profile.region = i % 10 == 0 ? QStringLiteral("eu") : QStringLiteral("global");
        for (const SuppressionList list :
             {SuppressionList::Blocks, SuppressionList::InvalidEmails, SuppressionList::SpamReports,
              SuppressionList::Unsubscribes})
            addGeneratedSuppressions(tenant, list, rowsPerList);
        QList<SandboxSuppression> members;
        for (qsizetype m = 0; m < std::min<qsizetype>(rowsPerList, 3); ++m)
            members.append({QStringLiteral("member%1@%2.example").arg(m).arg(name),
                            1700000000 + m * 86400,
                            {},
                            {},
                            {}});
        setGroup(tenant, {1, QStringLiteral("Newsletter"), QStringLiteral("Monthly news"), true},
                 members);
    }
    return names;
}
