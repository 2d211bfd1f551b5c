#pragma once

#include "bounce.h"

#include <QByteArray>
#include <QString>

#include <string_view>
#include <vector>

// Bounce rows stored compactly: every text lives once in a UTF-8 arena and a row is a few
// offsets plus precomputed sort keys. A million rows cost about the size of their text plus
// ~48 bytes each, and QString is only made for the rows a view or writer asks for.
// Rows are append-only; the table model hides removed rows through its index vector.
class BounceStore final {
public:
    using Row = qsizetype;

    BounceStore() = default;

    // Texts are UTF-8. Invalid UTF-8 is stored as given and shown with replacement characters.
    void append(std::string_view email, std::string_view status, std::string_view reason,
                std::string_view created);
    void append(const Bounce &bounce);
    // Appends every row of `other` (used to merge parsed batches into the model's store).
    void appendAll(const BounceStore &other);
    void reserve(qsizetype rows, qsizetype textBytes);
    void clear();

    qsizetype size() const { return qsizetype(m_rows.size()); }
    bool isEmpty() const { return m_rows.empty(); }
    qsizetype textBytes() const { return qsizetype(m_arena.size()); }

    std::string_view emailUtf8(Row row) const;
    std::string_view statusUtf8(Row row) const;
    std::string_view reasonUtf8(Row row) const;
    std::string_view createdUtf8(Row row) const;

    QString email(Row row) const;
    QString status(Row row) const;
    QString reason(Row row) const;
    QString created(Row row) const;
    Bounce bounce(Row row) const;

    BounceKind kind(Row row) const;
    qint64 createdKey(Row row) const;  // createdSortKey() of the row, -1 when absent
    quint32 statusKey(Row row) const;  // statusSortKey() of the row
    // The email case-folded (ASCII lower-case; non-ASCII bytes kept), for sorting and filtering.
    std::string_view foldedEmailUtf8(Row row) const;

private:
    struct Span {
        quint64 offset : 40; // into m_arena; 1 TiB is far beyond any list
        quint64 length : 24; // a field is at most 16 MiB; longer fields are cut at a UTF-8 boundary
    };
    struct Entry {
        Span email, foldedEmail, status, reason, created;
        qint64 createdKey;
        quint32 statusKey;
        BounceKind kind;
    };

    Span store(std::string_view text);
    std::string_view view(Span span) const;

    std::vector<char> m_arena;
    std::vector<Entry> m_rows;
};
