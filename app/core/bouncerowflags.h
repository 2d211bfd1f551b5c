#pragma once

#include <QtGlobal>

// A row's delete state, shown by the table (failed and unconfirmed rows stay, marked).
enum class BounceRowState : quint8 { Normal, Deleting, Failed, Unconfirmed };

// Per store row, one byte of the table's bookkeeping (BounceTableRows): the row's
// BounceRowState in the low bits, plus whether the row was removed and whether the current
// filter accepts it. Read by the sorts and filters that run on other threads.
namespace BounceRowFlags {
enum : quint8 {
    StateMask = 0x03,
    Removed = 0x04,
    Accepted = 0x08,
};
} // namespace BounceRowFlags
