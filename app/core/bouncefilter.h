#pragma once

#include "bounceclass.h"

#include <QDate>
#include <QString>

#include <optional>

// What the table shows of a list: rows whose email, reason or status contains the text
// (case-insensitive), of the type and derived class asked, created within the dates.
struct BounceFilter {
    enum class Type { All, Hard, Soft };

    QString text; // case-insensitive substring of email, reason or status
    Type type = Type::All;
    std::optional<BounceClass> bounceClass; // none: every class
    QDate from, to;                         // inclusive created date range; invalid = open end
    // Which slots besides the email the text is looked for in: the model sets them to the
    // text columns its list shows (status | ip | group id; reason | group name), so a text
    // never matches what the table does not show. Not part of isEmpty().
    bool textInStatusSlot = true;
    bool textInReasonSlot = true;

    bool isEmpty() const {
        return text.isEmpty() && type == Type::All && !bounceClass && !from.isValid() &&
               !to.isValid();
    }
    friend bool operator==(const BounceFilter &a, const BounceFilter &b) {
        return a.text == b.text && a.type == b.type && a.bounceClass == b.bounceClass &&
               a.from == b.from && a.to == b.to && a.textInStatusSlot == b.textInStatusSlot &&
               a.textInReasonSlot == b.textInReasonSlot;
    }
};
