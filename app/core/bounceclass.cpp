#include "bounceclass.h"

#include <QCoreApplication>

#include <algorithm>
#include <bitset>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace {

// THE derivation table: a bounce's class is that of the first rule its status and its reason
// both match. The README's "Bounces explained" prints this table; keep the two in step.
//
//  status   "" matches any status, also none. Otherwise alternatives split by '|': "*.S" any
//           class with subject S, "*.S.D" any class with subject S and detail D, "C.S.D" exactly
//           that code, "NNN" a bare three-digit SMTP reply code.
//  reason   "" matches any reason. Otherwise alternatives split by '|', each matched
//           case-insensitively at the start of a word of the reason, whitespace runs read as one
//           space ("rbl" matches "RBL" and "rbl.example" but not "verbl"; "throttl" matches
//           "throttled" and "throttling").
//
// The reason's words say more than its status (a 5.7.1 is a block list listing, a spam verdict
// or a DMARC failure depending on the words), so the keyword rules come first; where one
// class's keywords contain another's words (a "sender address rejected" is not an invalid
// recipient, "too many connections" not a connection failure) the narrower rule comes earlier.
struct Rule {
    BounceClass bounceClass;
    const char *status;
    const char *reason;
};

using C = BounceClass;
constexpr Rule rules[] = {
    // Links to listed domains inside the message: the content, not the sender, is listed.
    {C::Content, "", "uribl|surbl"},
    {C::Reputation, "",
     "blocklist|block list|blacklist|black list|denylist|deny list|spamhaus|spamcop|barracuda|"
     "sorbs|uceprotect|dnsbl|rbl|blocked using|ipcheck.proofpoint|reputation|is listed|"
     "are listed|listed at|listed by|listed on|unusual rate of unsolicited|banned sending|"
     "blocked senders|sender score|senderscore|tss09|permanently deferred|s3140|s3150"},
    {C::FrequencyOrVolumeTooHigh, "",
     "too many connections|too many concurrent|too many messages|too many mails|"
     "too many emails|too many recipients|too much mail|rate limit|ratelimit|rate-limit|"
     "throttl|sending rate|at a rate|exceeded the rate|message rate|connection rate|"
     "unexpected volume|volume|server busy|server is busy|tss04"},
    // Deferrals that ask the sender to come back later, and sender-side rejections: both are
    // worded like recipient problems below.
    {C::TechnicalFailure, "", "greylist|graylist"},
    // Authentication failures: the receiver's explanation often mentions spam too.
    {C::TechnicalFailure, "",
     "spf|dkim|dmarc|authentication check|unauthenticated|not authenticated|"
     "authentication fail|authentication required"},
    {C::TechnicalFailure, "",
     "sender address rejected|sender rejected|sender domain|domain of sender|sender verify|"
     "sender address verification"},
    {C::InvalidAddress, "",
     "user unknown|unknown user|unknown recipient|unknown address|unknown or illegal|"
     "addressee unknown|no such user|no such recipient|no such mailbox|no such address|"
     "no such person|no such domain|does not exist|doesn't exist|doesnt exist|not exist|"
     "recipient not found|user not found|address not found|mailbox not found|no mailbox|"
     "invalid recipient|invalid address|invalid mailbox|invalid user|not a valid|"
     "address rejected|recipient rejected|unrouteable|unroutable|bad destination|"
     "not listed in|domain not found|host or domain name not found|nxdomain|null mx|"
     "account has been deleted|no longer"},
    {C::MailboxUnavailable, "",
     "mailbox full|mailbox is full|mailbox size|inbox is full|inbox full|over quota|"
     "overquota|quota|storage allocation|insufficient storage|out of storage|out of space|"
     "mailbox unavailable|mailbox is unavailable|mailbox not available|"
     "mailbox is not available|mailbox disabled|account disabled|is disabled|"
     "has been disabled|inactive|suspended|mailbox temporarily"},
    {C::Content, "",
     "spam|unsolicited|virus|malware|phishing|malicious|infected|content|attachment|"
     "message too big|message too large|message size|size exceeds|exceeds the maximum|"
     "too large"},
    {C::TechnicalFailure, "",
     "tls|ssl|starttls|certificate|cipher|handshake|encrypt|dns|mx record|mx lookup|"
     "name server|nameserver|servfail|lookup|host not found|timed out|timeout|time out|"
     "connection|connect|refused|unreachable|no route|network|spf|dkim|dmarc|"
     "authenticat|unauthenticated|relay|routing|loop|misconfigur|configuration|protocol|"
     "syntax|local error|internal error|server error|temporary failure|temporarily unavailable|"
     "expired"},
    // No telling words: the status alone (RFC 3463 subject.detail).
    {C::TechnicalFailure, "*.1.7|*.1.8", ""}, // the sender's own address
    {C::InvalidAddress, "*.1|551|553", ""},
    {C::Content, "*.2.3", ""}, // message too long for this mailbox
    {C::TechnicalFailure, "*.2.4", ""},
    {C::MailboxUnavailable, "*.2|450|452|552", ""},
    {C::Content, "*.3.4", ""}, // message too big for the system
    {C::TechnicalFailure, "*.3|*.4|421|451|454", ""},
    {C::FrequencyOrVolumeTooHigh, "*.5.3", ""}, // too many recipients
    {C::TechnicalFailure, "*.5", ""},
    {C::Content, "*.6", ""},
    // Authentication (SPF, DKIM, DMARC, reverse DNS) and encryption.
    {C::TechnicalFailure, "*.7.4|*.7.5|*.7.6|*.7.7|*.7.10|*.7.23|*.7.24|*.7.25|*.7.26|*.7.27", ""},
    // Gmail's unsolicited rate, Microsoft's banned sending IP ranges.
    {C::Reputation, "*.7.28|*.7.606|*.7.607|*.7.608|*.7.609|*.7.511", ""},
    // Anything else: a bare 5.7.1 "rejected by policy", 550 or 554 says too little to guess.
};

struct StatusPattern {
    int statusClass = -1; // -1: any
    int subject = -1;     // -1: any (only with a bare code unset)
    int detail = -1;      // -1: any
    int bareCode = -1;
};

bool matches(const StatusPattern &pattern, const BounceStatusCode &code) {
    if (pattern.bareCode >= 0)
        return code.bareCode == pattern.bareCode;
    if (code.statusClass == 0 || code.bareCode >= 0)
        return false;
    return (pattern.statusClass < 0 || pattern.statusClass == code.statusClass) &&
           (pattern.subject < 0 || pattern.subject == code.subject) &&
           (pattern.detail < 0 || pattern.detail == code.detail);
}

std::vector<std::string> alternatives(const char *text) {
    std::vector<std::string> parts;
    std::string part;
    for (const char *p = text; *p; ++p) {
        if (*p == '|') {
            parts.push_back(part);
            part.clear();
        } else {
            part.push_back(*p);
        }
    }
    if (!part.empty())
        parts.push_back(part);
    return parts;
}

constexpr std::size_t ruleCount = std::size(rules);
using RuleSet = std::bitset<ruleCount>;

// The table above compiled once: status patterns parsed, keywords grouped by their first three
// bytes so a reason is read once, whatever the number of rules. A bit per pair of bytes says
// whether any keyword begins with it (many word starts: none, one look-up); a small hash
// table then finds the keywords that begin with the word's first three bytes, so that few are
// compared further (grouped by two bytes only, "un" or "in" had a dozen each to compare).
struct CompiledRules {
    // Kept small and flat: every stored row is classified once, a million rows per load.
    struct Keyword {
        const char *text; // into the rule's literal, not terminated
        std::size_t length;
        std::size_t rule;
    };
    std::vector<std::vector<StatusPattern>> statuses; // per rule; empty: any status
    RuleSet anyReason;
    std::vector<Keyword> keywords;     // ordered by their first three bytes
    std::uint64_t pairBits[1024] = {}; // bit (first << 8 | second): a keyword begins so
    // The keywords that begin with a prefix (first << 16 | second << 8 | third), at
    // slotOf(prefix) or the first slot after it with that prefix. At most a quarter full, so
    // a look-up reads a slot or two. Prefix 0: an empty slot (no keyword holds a zero byte).
    struct PrefixGroup {
        std::uint32_t prefix = 0;
        std::uint16_t first = 0;
        std::uint16_t end = 0;
    };
    static constexpr unsigned prefixSlotBits = 10;
    PrefixGroup groups[std::size_t(1) << prefixSlotBits];
    // A byte as the rules read it: ASCII lower-cased, white space (space, TAB, CR, LF) ' '.
    unsigned char folded[256];
    bool wordByte[256]; // of the folded byte (isWordByte)

    CompiledRules() {
        statuses.resize(ruleCount);
        for (std::size_t i = 0; i < ruleCount; ++i) {
            for (const std::string &alternative : alternatives(rules[i].status)) {
                StatusPattern pattern;
                if (alternative.find('.') == std::string::npos) {
                    pattern.bareCode = std::stoi(alternative);
                } else {
                    const auto first = alternative.find('.');
                    const auto second = alternative.find('.', first + 1);
                    if (alternative[0] != '*')
                        pattern.statusClass = alternative[0] - '0';
                    pattern.subject = std::stoi(alternative.substr(first + 1, second - first - 1));
                    if (second != std::string::npos)
                        pattern.detail = std::stoi(alternative.substr(second + 1));
                }
                statuses[i].push_back(pattern);
            }
            anyReason[i] = *rules[i].reason == '\0';
            for (const char *start = rules[i].reason; *start;) {
                const char *end = start;
                while (*end && *end != '|')
                    ++end;
                // Every keyword has three bytes or more, none of them upper case, the first
                // two no space, and no space at its end (keywordsBeginning() and matchesAt()
                // rely on it).
                Q_ASSERT(end - start >= 3 && start[0] != ' ' && start[1] != ' ' && end[-1] != ' ' &&
                         std::none_of(start, end, [](char c) { return c >= 'A' && c <= 'Z'; }));
                keywords.push_back({start, std::size_t(end - start), i});
                start = *end ? end + 1 : end;
            }
        }
        std::stable_sort(keywords.begin(), keywords.end(), [](const Keyword &a, const Keyword &b) {
            return prefixOf(a) < prefixOf(b);
        });
        Q_ASSERT(keywords.size() < std::size(groups) / 4);
        for (std::size_t k = 0; k < keywords.size();) {
            const std::uint32_t prefix = prefixOf(keywords[k]);
            const unsigned pair = prefix >> 8;
            pairBits[pair >> 6] |= std::uint64_t(1) << (pair & 63);
            std::size_t end = k + 1;
            while (end < keywords.size() && prefixOf(keywords[end]) == prefix)
                ++end;
            std::size_t slot = slotOf(prefix);
            while (groups[slot].prefix != 0)
                slot = (slot + 1) % std::size(groups);
            groups[slot] = {prefix, std::uint16_t(k), std::uint16_t(end)};
            k = end;
        }
        for (int c = 0; c < 256; ++c) {
            folded[c] = c >= 'A' && c <= 'Z' ? static_cast<unsigned char>(c - 'A' + 'a')
                                             : static_cast<unsigned char>(c);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
                folded[c] = ' ';
            wordByte[c] = isWordByte(folded[c]);
        }
    }

    static std::uint32_t prefixOf(const Keyword &keyword) {
        const auto byte = [&keyword](int i) {
            return std::uint32_t(static_cast<unsigned char>(keyword.text[i]));
        };
        return byte(0) << 16 | byte(1) << 8 | byte(2);
    }

    static std::size_t slotOf(std::uint32_t prefix) {
        return (prefix * 2654435761U) >> (32 - prefixSlotBits); // Knuth's multiplicative hash
    }

    // The keywords that may begin at `p` (a word start): those that begin with its first three
    // bytes, folded; an empty range when none does.
    std::pair<const Keyword *, const Keyword *> keywordsBeginning(const unsigned char *p,
                                                                  const unsigned char *end) const {
        if (end - p < 3)
            return {nullptr, nullptr};
        const unsigned pair = unsigned(folded[p[0]]) << 8 | folded[p[1]];
        if (!(pairBits[pair >> 6] & std::uint64_t(1) << (pair & 63)))
            return {nullptr, nullptr};
        const std::uint32_t prefix = std::uint32_t(pair) << 8 | folded[p[2]];
        for (std::size_t slot = slotOf(prefix);; slot = (slot + 1) % std::size(groups)) {
            const PrefixGroup &group = groups[slot];
            if (group.prefix == prefix)
                return {keywords.data() + group.first, keywords.data() + group.end};
            if (group.prefix == 0)
                return {nullptr, nullptr};
        }
    }

    static constexpr bool isWordByte(unsigned char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
    }

    // Whether `keyword` is at `p` (a word start, its first two bytes known to match; the third
    // is read again, as it may be a space that stands for a run of white space), read as
    // the rules say: case-insensitively, a space in the keyword matching a run of white space.
    bool matchesAt(const unsigned char *p, const unsigned char *end, const Keyword &keyword) const {
        p += 2;
        for (std::size_t i = 2; i < keyword.length; ++i) {
            const char wanted = keyword.text[i];
            if (p == end)
                return false;
            if (wanted == ' ') {
                if (folded[*p] != ' ')
                    return false;
                while (p != end && folded[*p] == ' ')
                    ++p;
                continue;
            }
            if (folded[*p++] != static_cast<unsigned char>(wanted))
                return false;
        }
        return true;
    }
};

const CompiledRules &compiled() {
    static const CompiledRules table;
    return table;
}

// Only the first maxReasonBytes of a reason are read, counted after its white space runs are
// folded to one space; a reason no longer than that is read whole.
constexpr std::size_t maxReasonBytes = 4096;

// The reason's keywords, read in place: one pass, a look-up per byte, one or two more per word
// start, and a comparison only where a keyword begins with the word's first three bytes.
RuleSet keywordHits(const CompiledRules &table, std::string_view reason) {
    RuleSet hits;
    const auto *const begin = reinterpret_cast<const unsigned char *>(reason.data());
    const auto *const end = begin + reason.size();
    bool afterWordByte = false;
    for (const unsigned char *p = begin; p != end; ++p) {
        const bool wordStart = !afterWordByte;
        afterWordByte = table.wordByte[*p];
        if (!wordStart)
            continue;
        const auto [from, to] = table.keywordsBeginning(p, end);
        for (const CompiledRules::Keyword *keyword = from; keyword != to; ++keyword) {
            if (table.matchesAt(p, end, *keyword))
                hits[keyword->rule] = true;
        }
    }
    return hits;
}

// The part of a long reason that is read: the shortest prefix that folds (white space runs as
// one space, leading white space dropped) to maxReasonBytes bytes, or one more when a space
// comes before the last one.
std::string_view readPart(const CompiledRules &table, std::string_view reason) {
    if (reason.size() <= maxReasonBytes)
        return reason;
    std::size_t written = 0;
    bool space = false;
    for (std::size_t i = 0; i < reason.size(); ++i) {
        if (table.folded[static_cast<unsigned char>(reason[i])] == ' ') {
            space = true;
            continue;
        }
        written += space && written > 0 ? 2 : 1;
        space = false;
        if (written >= maxReasonBytes)
            return reason.substr(0, i + 1);
    }
    return reason;
}

} // namespace

BounceClass classifyBounce(std::string_view statusUtf8, std::string_view reasonUtf8) {
    const CompiledRules &table = compiled();
    const BounceStatusCode code = bounceStatusCode(statusUtf8);
    const RuleSet hits = keywordHits(table, readPart(table, reasonUtf8));
    for (std::size_t i = 0; i < ruleCount; ++i) {
        if (!table.anyReason[i] && !hits[i])
            continue;
        const std::vector<StatusPattern> &patterns = table.statuses[i];
        bool statusMatches = patterns.empty();
        for (const StatusPattern &pattern : patterns)
            statusMatches = statusMatches || matches(pattern, code);
        if (statusMatches)
            return rules[i].bounceClass;
    }
    return BounceClass::Unclassified;
}

BounceDerivation deriveBounce(std::string_view statusUtf8, std::string_view reasonUtf8) {
    return {bounceKindForStatus(statusUtf8), classifyBounce(statusUtf8, reasonUtf8)};
}

BounceDerivation deriveBounce(QStringView status, QStringView reason) {
    const QByteArray statusUtf8 = status.toUtf8();
    const QByteArray reasonUtf8 = reason.left(qsizetype(maxReasonBytes)).toUtf8();
    return deriveBounce(std::string_view(statusUtf8.constData(), std::size_t(statusUtf8.size())),
                        std::string_view(reasonUtf8.constData(), std::size_t(reasonUtf8.size())));
}

std::string_view bounceClassNameUtf8(BounceClass bounceClass) {
    switch (bounceClass) {
    case BounceClass::InvalidAddress:
        return "Invalid Address";
    case BounceClass::MailboxUnavailable:
        return "Mailbox Unavailable";
    case BounceClass::Reputation:
        return "Reputation";
    case BounceClass::TechnicalFailure:
        return "Technical Failure";
    case BounceClass::Content:
        return "Content";
    case BounceClass::FrequencyOrVolumeTooHigh:
        return "Frequency or Volume Too High";
    case BounceClass::Unclassified:
        break;
    }
    return "Unclassified";
}

QString bounceClassName(BounceClass bounceClass) {
    const std::string_view name = bounceClassNameUtf8(bounceClass);
    return QString::fromLatin1(name.data(), qsizetype(name.size()));
}

std::optional<BounceClass> bounceClassFromName(QStringView name) {
    for (const BounceClass bounceClass : allBounceClasses) {
        if (name == bounceClassName(bounceClass))
            return bounceClass;
    }
    return std::nullopt;
}

QString bounceClassTitle(BounceClass bounceClass) {
    switch (bounceClass) {
    case BounceClass::InvalidAddress:
        return QCoreApplication::translate("BounceClass", "Invalid Address");
    case BounceClass::MailboxUnavailable:
        return QCoreApplication::translate("BounceClass", "Mailbox Unavailable");
    case BounceClass::Reputation:
        return QCoreApplication::translate("BounceClass", "Reputation");
    case BounceClass::TechnicalFailure:
        return QCoreApplication::translate("BounceClass", "Technical Failure");
    case BounceClass::Content:
        return QCoreApplication::translate("BounceClass", "Content");
    case BounceClass::FrequencyOrVolumeTooHigh:
        return QCoreApplication::translate("BounceClass", "Frequency or Volume Too High");
    case BounceClass::Unclassified:
        break;
    }
    return QCoreApplication::translate("BounceClass", "Unclassified");
}

QString bounceClassAdvice(BounceClass bounceClass) {
    switch (bounceClass) {
    case BounceClass::InvalidAddress:
        return QCoreApplication::translate(
            "BounceClass",
            "The address does not exist or is misspelt. Ask the customer to correct it at the "
            "source; removing it from the list only brings the bounce back.");
    case BounceClass::MailboxUnavailable:
        return QCoreApplication::translate(
            "BounceClass",
            "The mailbox exists but is full, disabled or inactive. Remove it once the recipient "
            "confirms the mailbox works again.");
    case BounceClass::Reputation:
        return QCoreApplication::translate(
            "BounceClass",
            "The receiver refused the sending IP or domain (a block list or poor reputation). "
            "Get the listing removed or warm up the IP first; retrying before that bounces again.");
    case BounceClass::TechnicalFailure:
        return QCoreApplication::translate(
            "BounceClass",
            "DNS, TLS, connection or authentication (SPF, DKIM, DMARC) trouble on one side. Check "
            "the sending domain's records and the receiving server, then remove the entry.");
    case BounceClass::Content:
        return QCoreApplication::translate(
            "BounceClass",
            "The message itself was refused (spam verdict, links, attachments or size). Change "
            "the content before sending again.");
    case BounceClass::FrequencyOrVolumeTooHigh:
        return QCoreApplication::translate(
            "BounceClass",
            "The receiver limited the rate or volume. Send more slowly or spread the sending; "
            "these usually clear by themselves.");
    case BounceClass::Unclassified:
        break;
    }
    return QCoreApplication::translate(
        "BounceClass",
        "The status and the reason say too little to tell. Read the reason; if unsure, ask the "
        "receiving side's postmaster.");
}
