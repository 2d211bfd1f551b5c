#pragma once

#include "bouncestore.h"

#include <vector>

// Orders store rows by a text of each row, ASCII case-folded, ties by row, for sortBounceRows:
// the email (its folded copy), the status slot or the reason slot. Large lists use a second
// thread for half the work.
enum class BounceTextColumn { FoldedEmail, Status, Reason };
void sortRowsByText(const BounceStore &store, std::vector<quint32> &rows, BounceTextColumn column,
                    bool descending);
