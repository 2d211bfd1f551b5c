#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QString>

#include <optional>

// What became of one address's delete, as the deletion record keeps it.
enum class DeletionOutcome : quint8 {
    Deleted,     // the server confirmed it (or the address was found gone after a lost answer)
    NotOnList,   // the server said the address was not on the list
    Failed,      // the server refused or the request failed: still on the list
    Unconfirmed, // no answer confirmed it either way
};

// "deleted", "not_on_list", "failed", "unconfirmed": exact, scripts read them.
QString deletionOutcomeName(DeletionOutcome outcome);
std::optional<DeletionOutcome> deletionOutcomeFromName(QStringView name);

// One line of the deletion record ($XDG_DATA_HOME/BounceDesk/deletions.jsonl): one JSON object
// with the string fields time, user, host, api, customer, list, email, outcome and detail.
struct DeletionEntry {
    QDateTime time;   // UTC; written as ISO 8601 with milliseconds and Z
    QString user;     // the login name of who deleted
    QString host;     // the machine's host name
    QString api;      // "v2" or "v3"
    QString customer; // empty for the parent account
    QString list;     // the list's CLI name ("bounces", ...)
    QString email;
    DeletionOutcome outcome = DeletionOutcome::Failed;
    QString detail; // the server's words or the failure

    // The entry as one line of compact JSON with its "\n". Any text is safe: JSON escapes
    // quotes, backslashes and control characters, so a line break never splits an entry.
    QByteArray toJsonLine() const;
    // One line back (without or with its line break); nullopt and `why` when it is not an
    // entry: not a JSON object, a field missing or not a string, a bad time or outcome.
    static std::optional<DeletionEntry> fromJsonLine(QByteArrayView line, QString *why = nullptr);

    friend bool operator==(const DeletionEntry &a, const DeletionEntry &b) {
        return a.time == b.time && a.user == b.user && a.host == b.host && a.api == b.api &&
               a.customer == b.customer && a.list == b.list && a.email == b.email &&
               a.outcome == b.outcome && a.detail == b.detail;
    }
};

// "2026-12-02T17:54:34.123Z".
QString deletionTimeText(const QDateTime &time);
