#pragma once

#include "bouncestore.h"

#include <vector>

// Orders store rows by a text of each row, ASCII case-folded, ties by row, for sortBounceRows:
// the email (its folded copy) or the reason. Large lists use a second thread for half the work.
enum class BounceTextColumn { FoldedEmail, Reason };
void sortRowsByText(const BounceStore &store, std::vector<quint32> &rows, BounceTextColumn column,
                    bool descending);
