#pragma once

#include <QMetaType>
#include <QString>

// What became of one address a delete was asked for. A row leaves a table only on Deleted or
// NotOnList: both mean the server says the address is not on the list now.
struct AddressOutcome {
    enum class Kind : quint8 {
        Deleted,     // the server confirmed it gone
        NotOnList,   // it was not there (a single delete answered 404, or a read found none)
        Failed,      // still there, or the request was refused: `why` says which
        Unconfirmed, // the delete may have happened, but no answer or read-back confirmed it
    };
    Kind kind = Kind::Failed;
    // Failed / Unconfirmed: one plain sentence, no key in it ("not confirmed", the server's
    // refusal). Deleted: an optional note in parentheses after the line.
    QString why;

    static AddressOutcome deleted(QString note = {}) { return {Kind::Deleted, std::move(note)}; }
    static AddressOutcome notOnList() { return {Kind::NotOnList, {}}; }
    static AddressOutcome failed(QString why) { return {Kind::Failed, std::move(why)}; }
    static AddressOutcome unconfirmed(QString why) { return {Kind::Unconfirmed, std::move(why)}; }
    // A job ended without an outcome for an address: never dropped silently.
    static AddressOutcome noAnswerReported() {
        return unconfirmed(QStringLiteral("no answer was reported; the outcome is unknown, "
                                          "deleting again is safe"));
    }
    bool isGone() const { return kind == Kind::Deleted || kind == Kind::NotOnList; }
};

// An address and what became of it, as a delete job reports it (AddressDeleteJob::outcomes).
struct AddressResult {
    QString email;
    AddressOutcome outcome;
};

Q_DECLARE_METATYPE(AddressOutcome)
Q_DECLARE_METATYPE(AddressResult)
