#pragma once

#include "deletionentry.h"

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// Which entries of the record to show: all of them unless narrowed.
struct DeletionRecordFilter {
    QDate since;                     // UTC date: entries at or after its midnight UTC
    std::optional<QString> customer; // exactly this customer ("" is the parent account)
    QString email;                   // this address, compared case-insensitively

    bool accepts(const DeletionEntry &entry) const;
};

// Reads the deletion record back (DeletionRecord writes it). Never trusts it: a line that is not
// an entry (cut short, edited, hostile) is skipped and reported, an overlong line is skipped
// without being held in memory whole, and a missing file is an empty record.
class DeletionRecordReader final {
public:
    struct Result {
        QList<DeletionEntry> entries; // accepted by the filter, in file order
        QStringList skipped;          // "line 12: not JSON (...)", one per skipped line
        QString error;                // the file exists but cannot be read; empty otherwise
    };

    static constexpr qsizetype maxLineBytes = qsizetype(1) << 20;

    static Result read(const QString &path, const DeletionRecordFilter &filter = {});
};
