#include "sandboxgenerator.h"

#include <QByteArray>

#include <algorithm>
#include <array>
#include <charconv>

namespace {

// splitmix64: cheap, well mixed, and the same on every platform.
quint64 mix(quint64 x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

template<std::size_t N>
std::string_view pick(const std::array<std::string_view, N> &pool, quint64 bits) {
    return pool[bits % N];
}

// No digits in any of these pools: the index must be the address's only run of digits.
constexpr std::array<std::string_view, 20> kFirst = {
    "anna",  "ben",  "carla", "dmitri", "emma", "felix", "grace", "hugo", "ines", "jonas",
    "karin", "liam", "maria", "noah",   "olga", "pavel", "quinn", "rosa", "sam",  "tara"};
constexpr std::array<std::string_view, 16> kLast = {
    "smith", "mueller", "garcia",  "nakamura", "kowalski",  "dubois", "rossi",  "jensen",
    "silva", "novak",   "ivanova", "obrien",   "lindqvist", "okafor", "haddad", "tanaka"};
constexpr std::array<std::string_view, 8> kNonAsciiLocal = {"jos\xc3\xa9",
                                                            "zo\xc3\xab",
                                                            "bj\xc3\xb6rn",
                                                            "\xc5\x82ukasz",
                                                            "fran\xc3\xa7ois",
                                                            "s\xc3\xb8ren",
                                                            "ay\xc5\x9f"
                                                            "e",
                                                            "\xe5\xb0\x8f\xe6\x9e\x97"};
constexpr std::array<std::string_view, 10> kDomains = {
    "example.com",   "example.org",    "example.net",    "mail.example.com", "corp.example.co.uk",
    "inbox.example", "posteo.example", "web.example.de", "mailbox.example",  "customer.example"};
constexpr std::array<std::string_view, 4> kApostrophe = {"o'brien", "d'angelo", "o'neill",
                                                         "l'heureux"};
constexpr std::array<std::string_view, 6> kTags = {"news", "billing", "promo",
                                                   "eu",   "spam",    "alerts"};
constexpr std::array<std::string_view, 6> kMx = {
    "mx.example.com", "mx1.mail.example.net",      "aspmx.l.example.com",
    "[127.0.0.1]",    "mta7.am0.yahoodns.example", "smtp.inbox.example"};

// Reason templates: \x01 stands for the address, \x02 for the remote host.
struct ReasonTemplate {
    std::string_view status;
    std::string_view text;
};
constexpr std::array<ReasonTemplate, 10> kReasons = {{
    {"5.1.1", "host \x02 said: 550 5.1.1 <\x01>: Recipient address rejected: User unknown"},
    {"5.1.1", "host \x02 said: 550 5.1.1 The email account that you tried to reach does not "
              "exist. Please try double-checking the recipient's email address for typos."},
    {"5.2.2", "host \x02 said: 552 5.2.2 <\x01>: Mailbox full, quota exceeded"},
    {"5.7.1", "host \x02 said: 554 5.7.1 <\x01>: Relay access denied"},
    {"4.2.2", "host \x02 said: 452 4.2.2 The email account that you tried to reach is over quota"},
    {"4.4.7", "Delivery time expired: unable to deliver to <\x01> for 72 hours"},
    {"550", "host \x02 said: 550 Requested action not taken: mailbox unavailable"},
    {"4.0.0", "host \x02 said: 421 4.0.0 Temporary system problem. Try again later."},
    {"5.0.0", "host \x02 said: 550 5.0.0 <\x01>... User unknown"},
    {"5.1.1", "host \x02 said: 550 5.1.1 unknown or illegal user: \x01"},
}};
constexpr std::array<ReasonTemplate, 5> kNonAsciiReasons = {{
    {"5.1.1", "host \x02 said: 550 5.1.1 <\x01>: Empf\xc3\xa4nger unbekannt \xe2\x80\x93 "
              "Postfach existiert nicht"},
    {"5.2.2", "host \x02 said: 552 5.2.2 Bo\xc3\xaete aux lettres pleine \xc2\xab \x01 \xc2\xbb"},
    {"5.1.1", "host \x02 said: 550 5.1.1 \xe5\xae\x9b\xe5\x85\x88\xe3\x81\x8c\xe8\xa6\x8b\xe3"
              "\x81\xa4\xe3\x81\x8b\xe3\x82\x8a\xe3\x81\xbe\xe3\x81\x9b\xe3\x82\x93: \x01"},
    {"5.7.1", "host \x02 said: 554 5.7.1 \xd0\xa1\xd0\xbe\xd0\xbe\xd0\xb1\xd1\x89\xd0\xb5\xd0\xbd"
              "\xd0\xb8\xd0\xb5 \xd0\xbe\xd1\x82\xd0\xba\xd0\xbb\xd0\xbe\xd0\xbd\xd0\xb5\xd0\xbd"
              "\xd0\xbe"},
    {"4.2.2", "host \x02 said: 452 4.2.2 Caixa postal cheia, tente mais tarde \xf0\x9f\x93\xad"},
}};
// Text a remote server may put in a reason, which must stay inert everywhere it is shown.
constexpr std::array<std::string_view, 12> kHostile = {
    "<img src=x onerror=alert(1)>",
    "<b>bold</b> <a href=\"http://evil.example/\">click here</a>",
    "=cmd|' /C calc'!A0",
    "+SUM(1)",
    "-2",
    "@x",
    "He said \"mailbox full\", then \"go away\"",
    "line one\r\nline two, with a comma\nline three",
    "C:\\spool\\mail \\\"quoted\\\" \\u0041 is not an escape",
    "tab\there, bell\x07 and unit separator\x1f",
    "]]> <![CDATA[ x ]]> &amp; & bare ampersand &lt;",
    "\tleading tab and trailing space ",
};

void appendNumber(std::string &out, qint64 value) {
    char buffer[24];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, static_cast<std::size_t>(result.ptr - buffer));
}

void appendTwoDigits(std::string &out, qint64 value) {
    out.push_back(static_cast<char>('0' + value / 10));
    out.push_back(static_cast<char>('0' + value % 10));
}

// A reason template cut at its placeholders once, at compile time, so expanding it per row is
// a few appends rather than a scan.
struct CompiledReason {
    std::string_view status;
    std::array<std::string_view, 3> parts{};
    std::array<char, 2> fills{};
    int slotCount = 0;
};

constexpr CompiledReason compile(const ReasonTemplate &reason) {
    CompiledReason compiled;
    compiled.status = reason.status;
    std::string_view rest = reason.text;
    while (compiled.slotCount < 2) {
        const std::size_t at = rest.find_first_of("\x01\x02");
        if (at == std::string_view::npos)
            break;
        compiled.parts[std::size_t(compiled.slotCount)] = rest.substr(0, at);
        compiled.fills[std::size_t(compiled.slotCount)] = rest[at];
        ++compiled.slotCount;
        rest = rest.substr(at + 1);
    }
    compiled.parts[std::size_t(compiled.slotCount)] = rest;
    return compiled;
}

template<std::size_t N>
constexpr std::array<CompiledReason, N> compileAll(const std::array<ReasonTemplate, N> &reasons) {
    std::array<CompiledReason, N> compiled{};
    for (std::size_t i = 0; i < N; ++i)
        compiled[i] = compile(reasons[i]);
    return compiled;
}

constexpr auto kCompiledReasons = compileAll(kReasons);
constexpr auto kCompiledNonAsciiReasons = compileAll(kNonAsciiReasons);

void expand(std::string &out, const CompiledReason &reason, std::string_view email,
            std::string_view mx) {
    for (int i = 0; i < reason.slotCount; ++i) {
        out.append(reason.parts[std::size_t(i)]);
        out.append(reason.fills[std::size_t(i)] == '\x01' ? email : mx);
    }
    out.append(reason.parts[std::size_t(reason.slotCount)]);
}

void buildEmail(std::string &out, quint64 h, qint64 index) {
    const std::string_view first = pick(kFirst, h >> 8);
    const std::string_view last = pick(kLast, h >> 16);
    const std::string_view domain = pick(kDomains, h >> 24);
    const std::string_view tag = pick(kTags, h >> 32);
    out.clear();
    switch ((h >> 40) % 16) {
    case 6:
    case 7:
    case 8: // plus-addressed: the '+' must survive the client's form encoding
        out.append(first), appendNumber(out, index), out.append("+"), out.append(tag);
        break;
    case 9:
        out.append(first), out.append("_"), out.append(last), appendNumber(out, index);
        break;
    case 10:
        appendNumber(out, index), out.append("."), out.append(last);
        break;
    case 11:
        out.append(first), out.append("."), out.append(pick(kApostrophe, h >> 44));
        appendNumber(out, index);
        break;
    case 12: // SMTPUTF8 address with an internationalised domain
        out.append(pick(kNonAsciiLocal, h >> 44)), out.append("."), appendNumber(out, index);
        out.append("@ex\xc3\xa4mple.de");
        return;
    case 13:
        out.append(first), out.append("-"), out.append(last), out.append("+"), out.append(tag);
        out.append("."), appendNumber(out, index);
        break;
    case 14: // starts like a spreadsheet formula
        out.append(((h >> 44) & 1) ? "=" : "-"), out.append(first), appendNumber(out, index);
        break;
    case 15: // mixed case: sorting and filtering must fold it
        out.push_back(static_cast<char>(first[0] - 'a' + 'A')), out.append(first.substr(1));
        out.append("."), out.push_back(static_cast<char>(last[0] - 'a' + 'A'));
        out.append(last.substr(1)), appendNumber(out, index);
        out.append("@Example.COM");
        return;
    default:
        out.append(first), out.append("."), out.append(last), out.append(".");
        appendNumber(out, index);
        break;
    }
    out.append("@"), out.append(domain);
}

// Days since 1970-01-01 for a civil date, and back (Howard Hinnant's algorithms).
qint64 daysFromCivil(qint64 y, unsigned m, unsigned d) {
    y -= m <= 2;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<qint64>(doe) - 719468;
}

const qint64 kCreatedBase = daysFromCivil(2023, 6, 1) * 86400;
constexpr qint64 kCreatedSpan = 730LL * 86400; // two years

} // namespace

namespace SandboxGenerator {

quint32 seedFor(QStringView username) {
    const QByteArray utf8 = username.toUtf8();
    quint32 hash = 2166136261u;
    for (const char c : utf8) {
        hash ^= static_cast<quint8>(c);
        hash *= 16777619u;
    }
    return hash;
}

void generate(quint32 seed, qint64 index, BounceUtf8 *row) {
    const quint64 h = mix((quint64(seed) << 32) ^ quint64(index));
    const quint64 h2 = mix(h);
    buildEmail(row->email, h, index);

    const std::string_view mx = pick(kMx, h2 >> 40);
    row->reason.clear();
    const CompiledReason *reason = nullptr;
    const unsigned roll = static_cast<unsigned>(h2 % 100);
    if (roll < 45)
        reason = &kCompiledReasons[(h2 >> 8) % 2 ? 0 : 1];
    else if (roll < 55)
        reason = &kCompiledReasons[2];
    else if (roll < 65)
        reason = &kCompiledReasons[3];
    else if (roll < 73)
        reason = &kCompiledReasons[4];
    else if (roll < 79)
        reason = &kCompiledReasons[5];
    else if (roll < 87)
        reason = &kCompiledReasons[6];
    else if (roll < 93)
        reason = &kCompiledReasons[7];
    else
        reason = &kCompiledReasons[(h2 >> 8) % 2 ? 8 : 9];

    const unsigned flavour = static_cast<unsigned>((h2 >> 16) % 64);
    if (flavour == 0) { // a reason that is pure hostile text
        row->reason.append(pick(kHostile, h2 >> 24));
    } else {
        if (flavour < 4)
            reason = &kCompiledNonAsciiReasons[(h2 >> 24) % kCompiledNonAsciiReasons.size()];
        expand(row->reason, *reason, row->email, mx);
    }
    row->status.assign(reason->status);

    row->generatedCreated = kCreatedBase + static_cast<qint64>((h2 >> 20) % kCreatedSpan);
    row->created.clear();
    appendTimestamp(row->created, row->generatedCreated);
}

qint64 createdSeconds(const BounceUtf8 &row) {
    if (row.generatedCreated >= 0)
        return row.generatedCreated;
    return std::max<qint64>(0, parseTimestamp(row.created));
}

bool equalsIgnoringAsciiCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i];
        char y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = static_cast<char>(y - 'A' + 'a');
        if (x != y)
            return false;
    }
    return true;
}

qint64 earliestGeneratedCreated() {
    return kCreatedBase;
}

qint64 latestGeneratedCreated() {
    return kCreatedBase + kCreatedSpan - 1;
}

qint64 indexOf(quint32 seed, qint64 count, std::string_view email, bool ignoreCase) {
    BounceUtf8 row;
    std::size_t i = 0;
    while (i < email.size()) {
        if (email[i] < '0' || email[i] > '9') {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < email.size() && email[end] >= '0' && email[end] <= '9')
            ++end;
        qint64 candidate = -1;
        const bool leadingZero = email[i] == '0' && end - i > 1;
        const auto parsed = std::from_chars(email.data() + i, email.data() + end, candidate);
        if (!leadingZero && parsed.ec == std::errc() && candidate < count) {
            generate(seed, candidate, &row);
            if (ignoreCase ? equalsIgnoringAsciiCase(row.email, email) : row.email == email)
                return candidate;
        }
        i = end;
    }
    return -1;
}

void appendTimestamp(std::string &out, qint64 secondsSinceEpoch) {
    const qint64 days =
        secondsSinceEpoch >= 0 ? secondsSinceEpoch / 86400 : (secondsSinceEpoch - 86399) / 86400;
    const qint64 secondsOfDay = secondsSinceEpoch - days * 86400;
    // civil_from_days
    const qint64 z = days + 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const qint64 doe = z - era * 146097;
    const qint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const qint64 mp = (5 * doy + 2) / 153;
    const qint64 day = doy - (153 * mp + 2) / 5 + 1;
    const qint64 month = mp < 10 ? mp + 3 : mp - 9;
    const qint64 year = yoe + era * 400 + (month <= 2);

    appendNumber(out, year);
    out.push_back('-');
    appendTwoDigits(out, month);
    out.push_back('-');
    appendTwoDigits(out, day);
    out.push_back(' ');
    appendTwoDigits(out, secondsOfDay / 3600);
    out.push_back(':');
    appendTwoDigits(out, secondsOfDay / 60 % 60);
    out.push_back(':');
    appendTwoDigits(out, secondsOfDay % 60);
}

qint64 parseTimestamp(std::string_view text) {
    // Exactly "YYYY-MM-DD HH:MM:SS".
    if (text.size() != 19 || text[4] != '-' || text[7] != '-' || text[10] != ' ' ||
        text[13] != ':' || text[16] != ':')
        return -1;
    const auto number = [text](std::size_t from, std::size_t length) -> qint64 {
        qint64 value = 0;
        for (std::size_t i = from; i < from + length; ++i) {
            if (text[i] < '0' || text[i] > '9')
                return -1;
            value = value * 10 + (text[i] - '0');
        }
        return value;
    };
    const qint64 year = number(0, 4);
    const qint64 month = number(5, 2);
    const qint64 day = number(8, 2);
    const qint64 hour = number(11, 2);
    const qint64 minute = number(14, 2);
    const qint64 second = number(17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 ||
        minute < 0 || minute > 59 || second < 0 || second > 60)
        return -1;
    return daysFromCivil(year, unsigned(month), unsigned(day)) * 86400 + hour * 3600 + minute * 60 +
           second;
}

} // namespace SandboxGenerator
