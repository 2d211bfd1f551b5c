#pragma once

#include <QStringView>
#include <QtGlobal>

#include <string>
#include <string_view>

// One bounce as the UTF-8 bytes the emulator serialises. A row object is reused from one
// generated row to the next, so a million rows allocate nothing after the first.
struct BounceUtf8 {
    std::string email;
    std::string status;
    std::string reason;
    std::string created;
    // `created` in seconds since the epoch where the generator wrote it, else -1: a v3 answer
    // writes seconds, and reading the generator's own text back was a tenth of its work.
    qint64 generatedCreated = -1;
};

// Generated bounce lists: every row is a pure function of (seed, index), so a customer with a
// million bounces costs no memory until its list is sent, and any row can be rebuilt on demand.
// Addresses carry the index as their only run of digits, which makes them unique per list and
// lets a delete find its row without scanning (indexOf).
namespace SandboxGenerator {

// A stable seed for a customer's name (FNV-1a of its UTF-8; qHash is salted per process).
quint32 seedFor(QStringView username);

void generate(quint32 seed, qint64 index, BounceUtf8 *row);

// The index below `count` whose generated address is exactly `email` (or equal ignoring ASCII
// case), or -1.
qint64 indexOf(quint32 seed, qint64 count, std::string_view email, bool ignoreCase = false);

bool equalsIgnoringAsciiCase(std::string_view a, std::string_view b);

// The first and last second a generated row can be created at.
qint64 earliestGeneratedCreated();
qint64 latestGeneratedCreated();

// "YYYY-MM-DD HH:MM:SS" for seconds since 1970-01-01 00:00:00 (naive wall-clock time).
void appendTimestamp(std::string &out, qint64 secondsSinceEpoch);
// The reverse: seconds since the epoch for "YYYY-MM-DD HH:MM:SS" (UTC), or -1 when unreadable.
qint64 parseTimestamp(std::string_view text);

// A row's created time in seconds, as the v3 answers show it: an unreadable date counts as the
// epoch.
qint64 createdSeconds(const BounceUtf8 &row);

} // namespace SandboxGenerator
