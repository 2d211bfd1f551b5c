#pragma once

#include <QtGlobal>

// Per store row, one byte of the table model's bookkeeping: the row's delete state (the
// model's RowState) in the low bits, plus whether the row was removed and whether the current
// filter accepts it. Shared with the work the model runs on other threads.
namespace BounceRowFlags {
enum : quint8 {
    StateMask = 0x03,
    Removed = 0x04,
    Accepted = 0x08,
};
} // namespace BounceRowFlags
