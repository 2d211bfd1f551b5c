#pragma once

#include "bouncestore.h"

#include <vector>

// What the table sorts by. StoreOrder is arrival order (no sort column). Status is the RFC 3463
// code as a number; StatusText the status slot as text (an IP); GroupId the status slot as a
// whole number (a group id: 9 before 10), texts that are no number first; Reason the reason
// slot as text (a reason, a group name).
enum class BounceSortKey {
    StoreOrder,
    Email,
    Status,
    StatusText,
    GroupId,
    Type,
    Class,
    Reason,
    Created
};

// Orders `rows` (store rows) by one key with ties broken by store row, ascending in both
// directions, so every sort is deterministic. Numbers are packed with the row into one word
// and radix sorted; texts (ASCII case-folded) are radix sorted sixteen bytes at a time, deeper
// only where rows still tie, on two threads from 65,536 rows (bouncetextsort.h).
// Email sorts by the folded address; Type from unknown to soft to hard; Class in the order of
// allBounceClasses (Unclassified last); rows without a created time come first ascending and
// last descending.
void sortBounceRows(const BounceStore &store, std::vector<quint32> &rows, BounceSortKey key,
                    bool descending);
