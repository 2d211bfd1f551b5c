#pragma once

#include <QString>

// What a delete names in the table. For most lists a row is one address, and the key is the
// address itself. A group unsubscribe is an (address, group) pair: one address may be in several
// groups, one row each, and deleting one row must leave the address in its other groups, so its
// key is the pair. The table, the delete controller and its bookkeeping carry keys as strings;
// only where a key meets the server (or the deletion record) is it taken apart again.
// A pair key with an empty group stands for every group of the address.
class RowKey final {
public:
    RowKey() = delete;

    // The key of one (address, group) pair. Group ids are SendGrid's numbers, so an address is
    // kept whole whatever it holds: only the last separator splits a key. A key without any
    // separator (a bare address) is that address in every group.
    static QString pair(const QString &email, const QString &group);
    static QString email(const QString &pairKey); // the address of a pair key
    static QString group(const QString &pairKey); // its group; empty when it names none

private:
    static constexpr char16_t separator = u'\x1f'; // the ASCII unit separator
};
