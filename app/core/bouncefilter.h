#pragma once

#include <QDate>
#include <QString>

// What the bounce table shows of a list: rows whose email, reason or status contains the text
// (case-insensitive), of the type asked, created within the dates.
struct BounceFilter {
    enum class Type { All, Hard, Soft };

    QString text; // case-insensitive substring of email, reason or status
    Type type = Type::All;
    QDate from, to; // inclusive created date range; invalid = open end

    bool isEmpty() const {
        return text.isEmpty() && type == Type::All && !from.isValid() && !to.isValid();
    }
    friend bool operator==(const BounceFilter &a, const BounceFilter &b) {
        return a.text == b.text && a.type == b.type && a.from == b.from && a.to == b.to;
    }
};
