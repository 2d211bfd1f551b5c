#include "bounceclass.h"

#include "bytesinrange.h"

#include <QCoreApplication>

#include <algorithm>
#include <bitset>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

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
static_assert(ruleCount <= 32, "keywordHits() keeps a bit per rule");
using RuleSet = std::bitset<ruleCount>;

// The table above compiled once: status patterns parsed, keywords grouped by their first three
// bytes so a reason is read once, whatever the number of rules. A bit per three-byte start
// says whether a keyword may begin so (most word starts: none, one look-up); a small hash
// table then finds the keywords that begin with the word's first three bytes, so that few are
// compared further (grouped by two bytes only, "un" or "in" had a dozen each to compare).
struct CompiledRules {
    // Kept small and flat: every stored row is classified once, a million rows per load.
    struct Keyword {
        const char *text; // into keywordText, not terminated
        std::size_t length;
        std::size_t rule;
#ifdef __SSE2__
        // The first sixteen bytes (zero past the end) and a bit for each that is the keyword's:
        // most keywords are compared whole in one instruction, without a branch per byte.
        __m128i head;
        std::uint32_t headMask;
#endif
    };
    std::vector<std::vector<StatusPattern>> statuses; // per rule; empty: any status
    RuleSet anyReason;
    std::vector<Keyword> keywords; // ordered by their first three bytes
    std::string keywordText;       // reserved whole before the keywords point into it
    // Bit startBit(p): a keyword may begin with the three bytes at p. A bit per pair of bytes
    // let ten of a usual reason's sixteen words on to the hash table, where "the" or "please"
    // found nothing after a probe or two; five pass this (tests/benchmark/README.md,
    // "Thirteenth pass").
    std::uint64_t startBits[(std::size_t(1) << 15) / 64] = {};
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
                // Every keyword has three bytes or more, none of them upper case, the first a
                // letter, the second no space, and no space at its end (hitsAt() and
                // keywordHits() rely on it).
                Q_ASSERT(end - start >= 3 && start[0] >= 'a' && start[0] <= 'z' &&
                         start[1] != ' ' && end[-1] != ' ' &&
                         std::none_of(start, end, [](char c) { return c >= 'A' && c <= 'Z'; }));
                Keyword keyword{};
                keyword.text = start;
                keyword.length = std::size_t(end - start);
                keyword.rule = i;
                keywords.push_back(keyword);
                start = *end ? end + 1 : end;
            }
        }
        // The keywords' text again, with room to read eight bytes past each (sameBytes()).
        std::size_t textBytes = 8;
        for (const Keyword &keyword : keywords)
            textBytes += keyword.length;
        keywordText.reserve(textBytes);
        for (Keyword &keyword : keywords) {
            const char *const copy = keywordText.data() + keywordText.size();
            keywordText.append(keyword.text, keyword.length);
            keyword.text = copy;
#ifdef __SSE2__
            const std::size_t headBytes = std::min(keyword.length, sizeof(__m128i));
            unsigned char head[sizeof(__m128i)] = {};
            std::memcpy(head, keyword.text, headBytes);
            keyword.head = _mm_loadu_si128(reinterpret_cast<const __m128i *>(head));
            keyword.headMask = (std::uint32_t(1) << headBytes) - 1;
#endif
        }
        keywordText.append(8, '\0');
        std::stable_sort(keywords.begin(), keywords.end(), [](const Keyword &a, const Keyword &b) {
            return prefixOf(a) < prefixOf(b);
        });
        Q_ASSERT(keywords.size() < std::size(groups) / 4);
        for (std::size_t k = 0; k < keywords.size();) {
            const std::uint32_t prefix = prefixOf(keywords[k]);
            const unsigned bit = startBit(keywords[k].text);
            startBits[bit >> 6] |= std::uint64_t(1) << (bit & 63);
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
        }
    }

    static std::uint32_t prefixOf(const Keyword &keyword) {
        const auto byte = [&keyword](int i) {
            return std::uint32_t(static_cast<unsigned char>(keyword.text[i]));
        };
        return byte(0) << 16 | byte(1) << 8 | byte(2);
    }

    // The three bytes at `p` as a number of 15 bits, five low bits of each: the low bits tell
    // the letters apart, which is what keywords begin with; a digit or a dot sharing a letter's
    // bits only sends a word on to the exact look-up.
    static unsigned startBit(const void *p) {
        const auto *bytes = static_cast<const unsigned char *>(p);
        return unsigned(bytes[0] & 31) << 10 | unsigned(bytes[1] & 31) << 5 | (bytes[2] & 31);
    }

    static std::size_t slotOf(std::uint32_t prefix) {
        return (prefix * 2654435761U) >> (32 - prefixSlotBits); // Knuth's multiplicative hash
    }

    static constexpr bool isWordByte(unsigned char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
    }

    // Whether bytes `from` to `length` of `text` and `keyword` are the same, eight at a time:
    // both stay readable for eight bytes past `length` (FoldedReason's slack, keywordText's).
    // The bytes before `from` were compared already (the prefix test: 3; a stored
    // head: 16).
    static bool sameBytes(const unsigned char *text, const char *keyword, std::size_t from,
                          std::size_t length) {
        for (std::size_t i = from; i < length; i += 8) {
            std::uint64_t a;
            std::uint64_t b;
            std::memcpy(&a, text + i, 8);
            std::memcpy(&b, keyword + i, 8);
            std::uint64_t differ = a ^ b;
            if (const std::size_t left = length - i; left < 8) {
                const std::uint64_t firstBytes = (std::uint64_t(1) << (8 * left)) - 1;
                differ &= Q_BYTE_ORDER == Q_LITTLE_ENDIAN ? firstBytes
                                                          : ~std::uint64_t(0) << 8 * (8 - left);
            }
            if (differ)
                return false;
        }
        return true;
    }

    // The rules whose keywords begin at `p`, a word start of folded text that ends at `end`
    // (FoldedReason): a bit per rule. A keyword's space matches the text's one space.
    std::uint32_t hitsAt(const unsigned char *p, const unsigned char *end) const {
        if (end - p < 3)
            return 0;
        const unsigned bit = startBit(p);
        if (!(startBits[bit >> 6] & std::uint64_t(1) << (bit & 63)))
            return 0;
        const std::uint32_t prefix = std::uint32_t(p[0]) << 16 | unsigned(p[1]) << 8 | p[2];
        for (std::size_t slot = slotOf(prefix);; slot = (slot + 1) % std::size(groups)) {
            const PrefixGroup &group = groups[slot];
            if (group.prefix == 0)
                return 0;
            if (group.prefix != prefix)
                continue;
            std::uint32_t hits = 0;
            const std::size_t available = std::size_t(end - p);
#ifdef __SSE2__
            // Sixteen bytes from `p` are readable (FoldedReason's slack); those past `end` are
            // never part of a match, since a longer keyword does not fit.
            const __m128i text = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
            for (std::size_t k = group.first; k < group.end; ++k) {
                const Keyword &keyword = keywords[k];
                const auto same =
                    std::uint32_t(_mm_movemask_epi8(_mm_cmpeq_epi8(text, keyword.head)));
                bool match =
                    (same & keyword.headMask) == keyword.headMask && keyword.length <= available;
                if (match && keyword.length > sizeof(__m128i))
                    match = sameBytes(p, keyword.text, sizeof(__m128i), keyword.length);
                hits |= match ? std::uint32_t(1) << keyword.rule : 0;
            }
#else
            for (std::size_t k = group.first; k < group.end; ++k) {
                const Keyword &keyword = keywords[k];
                if (keyword.length <= available && sameBytes(p, keyword.text, 3, keyword.length))
                    hits |= std::uint32_t(1) << keyword.rule;
            }
#endif
            return hits;
        }
    }
};

const CompiledRules &compiled() {
    static const CompiledRules table;
    return table;
}

// Only the first maxReasonBytes of a reason are read, counted after its white space runs are
// folded to one space; a reason no longer than that is read whole.
constexpr std::size_t maxReasonBytes = 4096;

// A reason as the rules read it, so that keywords compare byte for byte: ASCII lower-cased,
// each run of white space one space, none at the start. Folding first, sixteen bytes at a time,
// costs less than folding each byte as it is compared: the scan that read the reason byte by
// byte, with a branch per byte on whether a word started there, was most of the classifier's
// time (tests/benchmark/README.md).
struct FoldedReason {
    static constexpr std::size_t blockBytes = 16;
    // A read part folds to at most maxReasonBytes + 1 bytes (readPart()); a block is written
    // whole before it is counted, and the word scan reads whole blocks.
    unsigned char text[maxReasonBytes + 1 + 2 * blockBytes];
    std::size_t size = 0;
};

#ifdef __SSE2__
// The `count` (< 16) bytes before `end` as the first bytes of a block, zeros after them; the
// sixteen bytes before `end` are readable. Shifted into place in a register: copied into a
// block in memory with narrower stores and read back at once, they waited for those stores to
// reach the cache (a failed store-to-load forward), ~a sixth of the classifier's time
// (tests/benchmark/README.md, "Twelfth pass").
__m128i lastBytes(const unsigned char *end, std::size_t count) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(end - 16));
    int drop = int(16 - count); // bytes to shift out at the bottom
    if (drop >= 8) {
        v = _mm_srli_si128(v, 8);
        drop -= 8;
    }
    // A shift of the whole register by `drop` bytes, from two shifts of its 64-bit halves.
    const __m128i low = _mm_srl_epi64(v, _mm_cvtsi32_si128(8 * drop));
    const __m128i carried = _mm_sll_epi64(_mm_srli_si128(v, 8), _mm_cvtsi32_si128(64 - 8 * drop));
    return _mm_or_si128(low, carried);
}

__m128i wordBytes(__m128i folded) {
    return _mm_or_si128(_mm_or_si128(bytesInRange(folded, 'a', 26), bytesInRange(folded, '0', 10)),
                        _mm_cmplt_epi8(folded, _mm_setzero_si128())); // 0x80 and above
}
#endif

void foldReason(const CompiledRules &table, std::string_view reason, FoldedReason *folded) {
    const auto *p = reinterpret_cast<const unsigned char *>(reason.data());
    const auto *const end = p + reason.size();
    unsigned char *const out = folded->text;
    std::size_t size = 0;
    bool afterSpace = true; // leading white space is dropped
    const auto foldOne = [&](unsigned char c) {
        if (c == ' ' && afterSpace)
            return;
        out[size++] = c;
        afterSpace = c == ' ';
    };
#ifdef __SSE2__
    Q_UNUSED(table) // the blocks fold themselves
    constexpr std::size_t blockBytes = FoldedReason::blockBytes;
    // The first `count` bytes of `v`.
    const auto foldBlock = [&](__m128i v, std::size_t count) {
        v = _mm_or_si128(v, _mm_and_si128(bytesInRange(v, 'A', 26), _mm_set1_epi8(0x20)));
        const __m128i space = _mm_set1_epi8(' ');
        const __m128i white = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(v, space), _mm_cmpeq_epi8(v, _mm_set1_epi8('\t'))),
            _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\r')),
                         _mm_cmpeq_epi8(v, _mm_set1_epi8('\n'))));
        v = _mm_or_si128(_mm_andnot_si128(white, v), _mm_and_si128(white, space));
        const unsigned whiteMask = unsigned(_mm_movemask_epi8(white)) & ((1U << count) - 1);
        if (whiteMask & (whiteMask << 1 | unsigned(afterSpace))) {
            // A run of white space to fold into one: byte by byte (rare in real reasons).
            alignas(16) unsigned char block[blockBytes];
            _mm_store_si128(reinterpret_cast<__m128i *>(block), v);
            for (std::size_t i = 0; i < count; ++i)
                foldOne(block[i]);
            return;
        }
        _mm_storeu_si128(reinterpret_cast<__m128i *>(out + size), v); // the slack takes the rest
        size += count;
        afterSpace = whiteMask >> (count - 1) & 1;
    };
    for (; std::size_t(end - p) >= blockBytes; p += blockBytes)
        foldBlock(_mm_loadu_si128(reinterpret_cast<const __m128i *>(p)), blockBytes);
    if (const auto count = std::size_t(end - p); count > 0) {
        if (reason.size() >= blockBytes) {
            foldBlock(lastBytes(end, count), count);
        } else { // shorter than a block: the bytes before it may not be readable
            alignas(16) unsigned char last[blockBytes] = {};
            std::memcpy(last, p, count);
            foldBlock(_mm_load_si128(reinterpret_cast<const __m128i *>(last)), count);
        }
    }
#else
    for (; p != end; ++p)
        foldOne(table.folded[*p]);
#endif
    folded->size = size;
}

// The rules whose keywords the folded reason holds, a bit per rule: a look-up at each word start.
std::uint32_t keywordHits(const CompiledRules &table, const FoldedReason &folded) {
    std::uint32_t hits = 0;
    const unsigned char *const text = folded.text;
    const unsigned char *const end = text + folded.size;
#ifdef __SSE2__
    unsigned previousWordByte = 0;
    for (std::size_t base = 0; base < folded.size; base += FoldedReason::blockBytes) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(text + base));
        unsigned words = unsigned(_mm_movemask_epi8(wordBytes(v)));
        if (folded.size - base < FoldedReason::blockBytes)
            words &= (1U << (folded.size - base)) - 1;
        // Every keyword begins with a letter: words that begin with a digit or a byte of UTF-8
        // (a fifth of a usual reason's: codes, host names, addresses) are not looked up.
        const unsigned letters = unsigned(_mm_movemask_epi8(bytesInRange(v, 'a', 26)));
        unsigned starts = words & ~(words << 1 | previousWordByte) & letters;
        previousWordByte = words >> 15 & 1;
        while (starts) {
            hits |= table.hitsAt(text + base + unsigned(__builtin_ctz(starts)), end);
            starts &= starts - 1;
        }
    }
#else
    bool afterWordByte = false;
    for (const unsigned char *p = text; p != end; ++p) {
        if (!afterWordByte && CompiledRules::isWordByte(*p))
            hits |= table.hitsAt(p, end);
        afterWordByte = CompiledRules::isWordByte(*p);
    }
#endif
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
    return classifyBounce(bounceStatusCode(statusUtf8), reasonUtf8);
}

BounceClass classifyBounce(const BounceStatusCode &code, std::string_view reasonUtf8) {
    const CompiledRules &table = compiled();
    FoldedReason folded;
    foldReason(table, readPart(table, reasonUtf8), &folded);
    const std::uint32_t hits = keywordHits(table, folded);
    for (std::size_t i = 0; i < ruleCount; ++i) {
        if (!table.anyReason[i] && !(hits >> i & 1))
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
    const BounceStatusCode code = bounceStatusCode(statusUtf8); // split once for both
    return {bounceKindForStatus(code), classifyBounce(code, reasonUtf8)};
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
