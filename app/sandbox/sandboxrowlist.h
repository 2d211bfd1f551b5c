#pragma once

#include "sandboxgenerator.h"

#include <QSet>
#include <QString>

#include <string>
#include <string_view>
#include <vector>

// How a generated row is shaped for its list. Every kind starts from the bounce generator's row
// (so the address, its uniqueness and SandboxGenerator::indexOf hold for all of them) and keeps
// only what its list carries: blocks keep status and reason, invalid emails a reason, spam
// reports an IP (in the status slot), unsubscribes only the address and the date.
enum class SandboxRowKind : quint8 { Bounce, Block, InvalidEmail, SpamReport, Unsubscribe };

// One suppression list of one account: `generatedCount` rows that are a pure function of
// (seed, index), followed by explicit rows; deletions are remembered by raw index. So a list of a
// million generated rows costs a few bytes until rows are deleted. Rows keep the bounce row's
// slots (BounceUtf8): a spam report's IP is in `status`, and `created` is
// "YYYY-MM-DD HH:MM:SS" in UTC (the v3 answers turn it into unix seconds).
// Not thread-safe; shared read-only by answers being written (std::shared_ptr<const ...>).
class SandboxRowList final {
public:
    SandboxRowList() = default;
    SandboxRowList(SandboxRowKind kind, quint32 seed, qsizetype generatedCount);

    void append(BounceUtf8 row);

    qsizetype rawCount() const;
    // False when raw row `rawIndex` has been deleted (then `row` is left unspecified).
    bool rawAt(qsizetype rawIndex, BounceUtf8 *row) const;
    qsizetype presentCount() const;
    // The raw index of the index-th present row (index < presentCount()), stepping over
    // deletions: cheap while few rows are deleted.
    qsizetype rawIndexOfPresent(qsizetype index) const;

    // The first present row for `email` (exact, or ignoring ASCII case), its raw index or -1.
    qsizetype find(std::string_view email, bool ignoreCase, BounceUtf8 *row = nullptr) const;
    // Deletes every present copy of `email`; true when there was one.
    bool remove(std::string_view email, bool ignoreCase);
    void removeAll();
    // True when the address was on the list and has been deleted since (exact spelling).
    bool wasDeleted(const QString &email) const { return m_deletedEmails.contains(email); }

    // Bounds of `created` (unix seconds) over every row, deleted ones included: a time filter
    // that covers them needs no scan.
    qint64 earliestCreated() const;
    qint64 latestCreated() const;

private:
    void shape(BounceUtf8 *row, qsizetype index) const;
    qint64 generatedIndexOf(std::string_view email, bool ignoreCase) const;

    SandboxRowKind m_kind = SandboxRowKind::Bounce;
    quint32 m_seed = 0;
    qsizetype m_generatedCount = 0;
    std::vector<BounceUtf8> m_explicitRows;
    qint64 m_explicitEarliest = 0;
    qint64 m_explicitLatest = -1;
    QSet<qsizetype> m_deletedIndices; // raw indices
    QSet<QString> m_deletedEmails;
};
