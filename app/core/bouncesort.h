#pragma once

#include "bouncestore.h"

#include <vector>

// What the table sorts by. StoreOrder is arrival order (no sort column).
enum class BounceSortKey { StoreOrder, Email, Status, Type, Reason, Created };

// Orders `rows` (store rows) by one key with ties broken by store row, ascending in both
// directions, so every sort is deterministic. Keys are read from the store once per sort into
// a contiguous vector, which is what makes a million rows sort in a fraction of a second:
// numbers directly, texts (ASCII case-folded) eight bytes at a time, deeper only where
// rows still tie.
// Email sorts by the folded address; Type from unknown to soft to hard; rows without a
// created time come first ascending and last descending.
void sortBounceRows(const BounceStore &store, std::vector<quint32> &rows, BounceSortKey key,
                    bool descending);
