#include "bounce.h"

#include <iterator>
#include <type_traits>

#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
#include <QTimeZone>
#endif

namespace {

// Status and created texts are parsed from both UTF-8 bytes (the store) and QString (single
// rows), so the small parsers below are templates over the code unit type.
template<typename Char>
constexpr unsigned unit(Char c) {
    return static_cast<unsigned>(static_cast<std::make_unsigned_t<Char>>(c));
}

template<typename Char>
constexpr bool isDigit(Char c) {
    return unit(c) >= '0' && unit(c) <= '9';
}

template<typename Char>
constexpr bool isSpace(Char c) {
    return unit(c) == ' ' || unit(c) == '\t' || unit(c) == '\r' || unit(c) == '\n';
}

template<typename Char>
void trim(const Char *&begin, const Char *&end) {
    while (begin != end && isSpace(*begin))
        ++begin;
    while (end != begin && isSpace(end[-1]))
        --end;
}

using ParsedStatus = BounceStatusCode;

// Reads up to three digits; returns the number or -1.
template<typename Char>
int readNumber(const Char *&p, const Char *end) {
    int value = 0;
    int digits = 0;
    while (p != end && isDigit(*p) && digits < 4) {
        value = value * 10 + int(unit(*p) - '0');
        ++p;
        ++digits;
    }
    return digits >= 1 && digits <= 3 ? value : -1;
}

// Enhanced codes (RFC 3463) "c", "c.s" or "c.s.d" with 1-3 digit subject and detail, or a bare
// three-digit SMTP reply code. Surrounding whitespace is ignored; anything else is not a status.
template<typename Char>
ParsedStatus parseStatus(const Char *begin, const Char *end) {
    trim(begin, end);
    ParsedStatus result;
    if (begin == end || !isDigit(*begin) || unit(*begin) == '0')
        return result;
    const int statusClass = int(unit(*begin) - '0');
    const auto length = end - begin;
    if (length == 3 && isDigit(begin[1]) && isDigit(begin[2])) {
        result.statusClass = statusClass;
        result.bareCode =
            statusClass * 100 + int(unit(begin[1]) - '0') * 10 + int(unit(begin[2]) - '0');
        return result;
    }
    const Char *p = begin + 1;
    int parts[2] = {-1, -1};
    for (int &part : parts) {
        if (p == end)
            break;
        if (unit(*p) != '.')
            return result;
        ++p;
        part = readNumber(p, end);
        if (part < 0)
            return result;
    }
    if (p != end)
        return result;
    result.statusClass = statusClass;
    result.subject = parts[0];
    result.detail = parts[1];
    return result;
}

BounceKind kindOf(const ParsedStatus &status) {
    switch (status.statusClass) {
    case 5:
        return BounceKind::Hard;
    case 4:
        return BounceKind::Soft;
    default:
        return BounceKind::Unknown;
    }
}

struct CivilTime {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
};

constexpr bool isLeapYear(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

constexpr int daysInMonth(int year, int month) {
    constexpr int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && isLeapYear(year) ? 29 : days[month - 1];
}

// Days from 1970-01-01 to the given proleptic Gregorian date (Howard Hinnant's
// days_from_civil), valid for the years >= 1970 accepted here.
constexpr qint64 daysFromCivil(int year, int month, int day) {
    year -= month <= 2 ? 1 : 0;
    const int era = year / 400;
    const int yearOfEra = year - era * 400;
    const int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return qint64(era) * 146097 + dayOfEra - 719468;
}

// "YYYY-MM-DD HH:MM:SS" (a 'T' separator is accepted too), surrounding whitespace ignored.
template<typename Char>
bool parseCreated(const Char *begin, const Char *end, CivilTime &out) {
    trim(begin, end);
    // v3 rows carry ISO 8601 UTC ("2015-09-30T22:12:05Z"): the same clock, no shifting.
    if (end - begin == 20 && unit(end[-1]) == unsigned('Z'))
        --end;
    if (end - begin != 19)
        return false;
    const auto number = [begin](int from, int digits, int &value) {
        value = 0;
        for (int i = from; i < from + digits; ++i) {
            if (!isDigit(begin[i]))
                return false;
            value = value * 10 + int(unit(begin[i]) - '0');
        }
        return true;
    };
    const auto is = [begin](int at, char expected) {
        return unit(begin[at]) == unsigned(expected);
    };
    if (!is(4, '-') || !is(7, '-') || !(is(10, ' ') || is(10, 'T')) || !is(13, ':') || !is(16, ':'))
        return false;
    CivilTime t;
    if (!number(0, 4, t.year) || !number(5, 2, t.month) || !number(8, 2, t.day) ||
        !number(11, 2, t.hour) || !number(14, 2, t.minute) || !number(17, 2, t.second))
        return false;
    if (t.year < 1970 || t.month < 1 || t.month > 12 || t.day < 1 ||
        t.day > daysInMonth(t.year, t.month) || t.hour > 23 || t.minute > 59 || t.second > 59)
        return false;
    out = t;
    return true;
}

qint64 secondsOf(const CivilTime &t) {
    return daysFromCivil(t.year, t.month, t.day) * 86400 + t.hour * 3600 + t.minute * 60 + t.second;
}

// RFC 3463 subject.detail phrases (the IANA registry's wording, shortened).
struct DetailPhrase {
    int code; // subject * 1000 + detail
    const char *phrase;
};
constexpr DetailPhrase detailPhrases[] = {
    {0, "other or undefined status"},
    {1000, "other address status"},
    {1001, "bad destination mailbox"},
    {1002, "bad destination system"},
    {1003, "bad address syntax"},
    {1004, "ambiguous destination address"},
    {1005, "destination address valid"},
    {1006, "mailbox moved, no forwarding address"},
    {1007, "bad sender address syntax"},
    {1008, "bad sender system address"},
    {2000, "other mailbox status"},
    {2001, "mailbox disabled"},
    {2002, "mailbox full"},
    {2003, "message too long"},
    {2004, "mailing list expansion problem"},
    {3000, "other mail system status"},
    {3001, "mail system full"},
    {3002, "system not accepting messages"},
    {3003, "system not capable of selected features"},
    {3004, "message too big"},
    {3005, "system incorrectly configured"},
    {4000, "other network or routing status"},
    {4001, "no answer from host"},
    {4002, "bad connection"},
    {4003, "directory server failure"},
    {4004, "unable to route"},
    {4005, "mail system congestion"},
    {4006, "routing loop detected"},
    {4007, "delivery time expired"},
    {5000, "other protocol status"},
    {5001, "invalid command"},
    {5002, "syntax error"},
    {5003, "too many recipients"},
    {5004, "invalid command arguments"},
    {5005, "wrong protocol version"},
    {6000, "other media error"},
    {6001, "media not supported"},
    {6002, "conversion required and prohibited"},
    {6003, "conversion required but not supported"},
    {6004, "conversion with loss performed"},
    {6005, "conversion failed"},
    {7000, "security or policy problem"},
    {7001, "delivery not authorised, message refused"},
    {7002, "mailing list expansion prohibited"},
    {7003, "security conversion required but not possible"},
    {7004, "security features not supported"},
    {7005, "cryptographic failure"},
    {7006, "cryptographic algorithm not supported"},
    {7007, "message integrity failure"},
};

// When the detail is not registered, the subject alone still says something.
constexpr const char *subjectPhrases[] = {
    "other or undefined status",
    "address problem",
    "mailbox problem",
    "mail system problem",
    "network or routing problem",
    "mail delivery protocol problem",
    "message content or media problem",
    "security or policy problem",
};

// Bare SMTP reply codes (RFC 5321, 3207, 4954, 7504).
constexpr DetailPhrase replyPhrases[] = {
    {421, "service not available, closing connection"},
    {450, "mailbox unavailable (busy or temporarily blocked)"},
    {451, "local error in processing"},
    {452, "insufficient system storage"},
    {454, "temporary authentication or TLS failure"},
    {455, "server unable to accommodate parameters"},
    {500, "syntax error, command unrecognised"},
    {501, "syntax error in parameters or arguments"},
    {502, "command not implemented"},
    {503, "bad sequence of commands"},
    {504, "command parameter not implemented"},
    {521, "host does not accept mail"},
    {530, "authentication required"},
    {534, "authentication mechanism too weak"},
    {535, "authentication credentials invalid"},
    {550, "mailbox unavailable or rejected by policy"},
    {551, "user not local"},
    {552, "exceeded storage allocation"},
    {553, "mailbox name not allowed"},
    {554, "transaction failed"},
    {555, "MAIL FROM/RCPT TO parameters not recognised"},
    {556, "domain does not accept mail"},
};

template<std::size_t N>
const char *lookup(const DetailPhrase (&table)[N], int code) {
    for (const DetailPhrase &entry : table) {
        if (entry.code == code)
            return entry.phrase;
    }
    return nullptr;
}

} // namespace

BounceKind bounceKindForStatus(std::string_view status) {
    return kindOf(parseStatus(status.data(), status.data() + status.size()));
}

BounceKind bounceKindForStatus(QStringView status) {
    return kindOf(parseStatus(status.utf16(), status.utf16() + status.size()));
}

std::string_view bounceKindNameUtf8(BounceKind kind) {
    switch (kind) {
    case BounceKind::Hard:
        return "hard";
    case BounceKind::Soft:
        return "soft";
    case BounceKind::Unknown:
        break;
    }
    return {};
}

QString bounceKindName(BounceKind kind) {
    const std::string_view name = bounceKindNameUtf8(kind);
    return QString::fromLatin1(name.data(), qsizetype(name.size()));
}

BounceStatusCode bounceStatusCode(std::string_view status) {
    return parseStatus(status.data(), status.data() + status.size());
}

BounceStatusCode bounceStatusCode(QStringView status) {
    return parseStatus(status.utf16(), status.utf16() + status.size());
}

BounceKind bounceKindForStatus(const BounceStatusCode &status) {
    return kindOf(status);
}

qint64 createdSortKey(std::string_view created) {
    CivilTime t;
    return parseCreated(created.data(), created.data() + created.size(), t) ? secondsOf(t) : -1;
}

qint64 createdSortKey(QStringView created) {
    CivilTime t;
    return parseCreated(created.utf16(), created.utf16() + created.size(), t) ? secondsOf(t) : -1;
}

bool isUtcCreated(std::string_view created) {
    return created.size() == 20 && created[10] == 'T' && created[19] == 'Z';
}

quint32 statusSortKey(std::string_view status) {
    return statusSortKey(bounceStatusCode(status));
}

quint32 statusSortKey(const BounceStatusCode &parsed) {
    if (parsed.statusClass == 0)
        return 0;
    const quint32 base = quint32(parsed.statusClass) * 1'000'000;
    if (parsed.bareCode >= 0)
        return base + 999'000 + quint32(parsed.bareCode % 100);
    return base + quint32(qMax(parsed.subject, 0)) * 1000 + quint32(qMax(parsed.detail, 0));
}

QDateTime Bounce::createdTime() const {
    CivilTime t;
    if (!parseCreated(created.utf16(), created.utf16() + created.size(), t))
        return QDateTime();
    const QDate date(t.year, t.month, t.day);
    const QTime time(t.hour, t.minute, t.second);
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    return QDateTime(date, time, QTimeZone(QTimeZone::UTC));
#else
    return QDateTime(date, time, Qt::UTC);
#endif
}

QString statusMeaning(QStringView status) {
    const ParsedStatus parsed = parseStatus(status.utf16(), status.utf16() + status.size());
    QString meaning;
    switch (parsed.statusClass) {
    case 2:
        meaning = QStringLiteral("Success");
        break;
    case 4:
        meaning = QStringLiteral("Temporary failure");
        break;
    case 5:
        meaning = QStringLiteral("Permanent failure");
        break;
    default:
        return QString();
    }
    const char *phrase = nullptr;
    if (parsed.bareCode >= 0) {
        phrase = lookup(replyPhrases, parsed.bareCode);
    } else if (parsed.subject >= 0) {
        if (parsed.detail >= 0)
            phrase = lookup(detailPhrases, parsed.subject * 1000 + parsed.detail);
        // "Success: address problem" would mislead, so the subject alone explains only failures.
        if (!phrase && parsed.statusClass != 2 && parsed.subject < int(std::size(subjectPhrases)))
            phrase = subjectPhrases[parsed.subject];
    }
    if (phrase)
        meaning += QStringLiteral(": ") + QLatin1String(phrase);
    return meaning;
}
