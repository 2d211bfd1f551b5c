#include "sandboxrowlist.h"

#include <QList>

#include <algorithm>
#include <array>
#include <charconv>

namespace {

constexpr std::array<std::string_view, 4> kInvalidReasons = {
    "Mail domain mentioned in email address is unknown",
    "Known bad domain",
    "Invalid address",
    "Mail server for this domain does not accept mail (null MX)",
};

void appendNumber(std::string &out, qsizetype value) {
    char buffer[24];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, static_cast<std::size_t>(result.ptr - buffer));
}

} // namespace

SandboxRowList::SandboxRowList(SandboxRowKind kind, quint32 seed, qsizetype generatedCount)
    : m_kind(kind)
    , m_seed(seed)
    , m_generatedCount(std::max<qsizetype>(0, generatedCount)) {}

void SandboxRowList::append(BounceUtf8 row) {
    const qint64 created = SandboxGenerator::createdSeconds(row);
    if (m_explicitLatest < m_explicitEarliest) {
        m_explicitEarliest = created;
        m_explicitLatest = created;
    } else {
        m_explicitEarliest = std::min(m_explicitEarliest, created);
        m_explicitLatest = std::max(m_explicitLatest, created);
    }
    m_explicitRows.push_back(std::move(row));
}

qsizetype SandboxRowList::rawCount() const {
    return m_generatedCount + qsizetype(m_explicitRows.size());
}

void SandboxRowList::shape(BounceUtf8 *row, qsizetype index) const {
    switch (m_kind) {
    case SandboxRowKind::Bounce:
    case SandboxRowKind::Block:
        break;
    case SandboxRowKind::InvalidEmail:
        row->status.clear();
        row->reason.assign(kInvalidReasons[std::size_t(index) % kInvalidReasons.size()]);
        break;
    case SandboxRowKind::SpamReport:
        row->reason.clear();
        row->status.assign("10.");
        appendNumber(row->status, index / 65536 % 256);
        row->status.push_back('.');
        appendNumber(row->status, index / 256 % 256);
        row->status.push_back('.');
        appendNumber(row->status, index % 256);
        break;
    case SandboxRowKind::Unsubscribe:
        row->status.clear();
        row->reason.clear();
        break;
    }
}

bool SandboxRowList::rawAt(qsizetype rawIndex, BounceUtf8 *row) const {
    if (!m_deletedIndices.isEmpty() && m_deletedIndices.contains(rawIndex))
        return false;
    if (rawIndex < m_generatedCount) {
        SandboxGenerator::generate(m_seed, rawIndex, row);
        shape(row, rawIndex);
    } else {
        *row = m_explicitRows[std::size_t(rawIndex - m_generatedCount)];
    }
    return true;
}

qsizetype SandboxRowList::presentCount() const {
    return rawCount() - m_deletedIndices.size();
}

qsizetype SandboxRowList::rawIndexOfPresent(qsizetype index) const {
    if (m_deletedIndices.isEmpty())
        return index;
    QList<qsizetype> deleted = m_deletedIndices.values();
    std::sort(deleted.begin(), deleted.end());
    qsizetype raw = index;
    for (const qsizetype gone : std::as_const(deleted)) {
        if (gone > raw)
            break;
        ++raw;
    }
    return raw;
}

qint64 SandboxRowList::generatedIndexOf(std::string_view email, bool ignoreCase) const {
    if (m_generatedCount <= 0)
        return -1;
    const qint64 index = SandboxGenerator::indexOf(m_seed, m_generatedCount, email, ignoreCase);
    return index >= 0 && !m_deletedIndices.contains(qsizetype(index)) ? index : -1;
}

qsizetype SandboxRowList::find(std::string_view email, bool ignoreCase, BounceUtf8 *row) const {
    qsizetype found = qsizetype(generatedIndexOf(email, ignoreCase));
    for (std::size_t i = 0; found < 0 && i < m_explicitRows.size(); ++i) {
        const qsizetype raw = m_generatedCount + qsizetype(i);
        const std::string &candidate = m_explicitRows[i].email;
        const bool same = ignoreCase ? SandboxGenerator::equalsIgnoringAsciiCase(candidate, email)
                                     : candidate == email;
        if (same && !m_deletedIndices.contains(raw))
            found = raw;
    }
    if (found >= 0 && row)
        rawAt(found, row);
    return found;
}

bool SandboxRowList::remove(std::string_view email, bool ignoreCase) {
    bool removed = false;
    // Every copy goes: the list holds an address once as far as the API is concerned.
    for (qsizetype raw = find(email, ignoreCase); raw >= 0; raw = find(email, ignoreCase)) {
        BounceUtf8 row;
        rawAt(raw, &row);
        m_deletedEmails.insert(QString::fromStdString(row.email));
        m_deletedIndices.insert(raw);
        removed = true;
    }
    return removed;
}

void SandboxRowList::removeAll() {
    // Generated rows are remembered by index only; a million deletions are a large set, but
    // "delete all" on a generated list is rare enough (tests) not to need a cheaper form.
    BounceUtf8 row;
    for (qsizetype raw = 0; raw < rawCount(); ++raw) {
        if (rawAt(raw, &row)) {
            m_deletedIndices.insert(raw);
            m_deletedEmails.insert(QString::fromStdString(row.email));
        }
    }
}

qint64 SandboxRowList::earliestCreated() const {
    qint64 earliest = m_generatedCount > 0 ? SandboxGenerator::earliestGeneratedCreated() : 0;
    if (m_explicitLatest >= m_explicitEarliest)
        earliest =
            m_generatedCount > 0 ? std::min(earliest, m_explicitEarliest) : m_explicitEarliest;
    return earliest;
}

qint64 SandboxRowList::latestCreated() const {
    qint64 latest = m_generatedCount > 0 ? SandboxGenerator::latestGeneratedCreated() : -1;
    return std::max(latest, m_explicitLatest);
}
