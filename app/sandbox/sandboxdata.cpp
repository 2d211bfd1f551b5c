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

} // namespace

SandboxData::SandboxData() {
    addDemoAccounts(*this);
}

qsizetype SandboxData::Account::rawCount() const {
    return generatedCount >= 0 ? generatedCount : qsizetype(explicitRows.size());
}

bool SandboxData::Account::rawAt(qsizetype rawIndex, BounceUtf8 *row) const {
    if (!deletedIndices.isEmpty() && deletedIndices.contains(rawIndex))
        return false;
    if (generatedCount >= 0)
        SandboxGenerator::generate(seed, rawIndex, row);
    else
        *row = explicitRows[std::size_t(rawIndex)];
    return true;
}

qsizetype SandboxData::Rows::rawCount() const {
    return m_account ? m_account->rawCount() : 0;
}

bool SandboxData::Rows::at(qsizetype rawIndex, BounceUtf8 *row) const {
    return m_account && m_account->rawAt(rawIndex, row);
}

SandboxData::Rows SandboxData::rows(const QString &username) const {
    Rows rows;
    rows.m_account = account(username);
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
    const QString &username = profile.customer.username;
    if (const auto existing = account(username)) {
        existing->profile = profile;
        return;
    }
    auto created = std::make_shared<Account>();
    created->profile = profile;
    m_order.append(username);
    m_accounts.insert(username, created);
}

std::shared_ptr<SandboxData::Account> SandboxData::replaceRows(const QString &username) {
    auto fresh = std::make_shared<Account>();
    if (const auto existing = account(username)) {
        fresh->profile = existing->profile;
    } else {
        // A plain profile for customers that tests and benchmarks add by name.
        fresh->profile.customer.id = QString::number(5000 + m_order.size());
        fresh->profile.customer.username = username;
        fresh->profile.customer.email =
            username.contains(QLatin1Char('@'))
                ? username
                : QString(username + QStringLiteral("@customer.example"));
        m_order.append(username);
    }
    m_accounts.insert(username, fresh);
    return fresh;
}

void SandboxData::setBounces(const QString &username, const QList<Bounce> &bounces) {
    const auto target = replaceRows(username);
    target->explicitRows.reserve(std::size_t(bounces.size()));
    for (const Bounce &bounce : bounces)
        target->explicitRows.push_back(toUtf8(bounce));
}

void SandboxData::addGeneratedCustomer(const QString &username, qsizetype count) {
    const auto target = replaceRows(username);
    target->generatedCount = std::max<qsizetype>(0, count);
    target->seed = SandboxGenerator::seedFor(username);
}

qsizetype SandboxData::bounceCount(const QString &username) const {
    const auto target = account(username);
    return target ? target->rawCount() - target->deletedIndices.size() : 0;
}

Bounce SandboxData::bounceAt(const QString &username, qsizetype index) const {
    const auto target = account(username);
    if (!target || index < 0 || index >= bounceCount(username))
        return {};
    // Map the present-row index to a raw index by stepping over the deleted rows before it.
    QList<qsizetype> deleted = target->deletedIndices.values();
    std::sort(deleted.begin(), deleted.end());
    qsizetype raw = index;
    for (const qsizetype gone : deleted) {
        if (gone > raw)
            break;
        ++raw;
    }
    BounceUtf8 row;
    target->rawAt(raw, &row);
    return fromUtf8(row);
}

bool SandboxData::isDeleted(const QString &username, const QString &email) const {
    const auto target = account(username);
    return target && target->deletedEmails.contains(email);
}

QList<Bounce> SandboxData::bounces(const QString &username) const {
    QList<Bounce> result;
    const auto target = account(username);
    if (!target)
        return result;
    BounceUtf8 row;
    for (qsizetype i = 0; i < target->rawCount(); ++i) {
        if (target->rawAt(i, &row))
            result.append(fromUtf8(row));
    }
    return result;
}

bool SandboxData::deleteBounce(const QString &username, const QString &email) {
    const auto target = account(username);
    if (!target)
        return false;
    const std::string wanted = email.toStdString();
    bool found = false;
    if (target->generatedCount >= 0) {
        const qint64 index =
            SandboxGenerator::indexOf(target->seed, target->generatedCount, wanted);
        if (index >= 0 && !target->deletedIndices.contains(index)) {
            target->deletedIndices.insert(index);
            found = true;
        }
    } else {
        // Every copy goes: the list holds an address once as far as the API is concerned.
        for (std::size_t i = 0; i < target->explicitRows.size(); ++i) {
            const qsizetype raw = qsizetype(i);
            if (target->explicitRows[i].email == wanted && !target->deletedIndices.contains(raw)) {
                target->deletedIndices.insert(raw);
                found = true;
            }
        }
    }
    if (found)
        target->deletedEmails.insert(email);
    return found;
}
