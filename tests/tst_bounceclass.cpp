// The derived type and class of a bounce (bounceclass.h), over reason texts as real receiving
// servers word them.
#include "core/bounceclass.h"

#include <QtTest>

#include <string>

Q_DECLARE_METATYPE(BounceClass)

class TestBounceClass final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void realWorldReasons_data();
    void realWorldReasons();
    void statusAloneDecidesWithoutWords_data();
    void statusAloneDecidesWithoutWords();
    void typeIsTheOneDerivationOfHardAndSoft_data();
    void typeIsTheOneDerivationOfHardAndSoft();
    void keywordsMatchAtWordStarts();
    void keywordsSharingTheirStart();
    void keywordsWhereverBlocksCut();
    void namesAreSendGridsExactly();
    void everyClassHasAdvice();
    void hostileAndHugeReasonsAreHarmless();
    void utf16AndUtf8Agree();
};

namespace {

std::string_view view(const QByteArray &bytes) {
    return std::string_view(bytes.constData(), std::size_t(bytes.size()));
}

BounceClass classOf(const QString &status, const QString &reason) {
    return deriveBounce(status, reason).bounceClass;
}

} // namespace

void TestBounceClass::realWorldReasons_data() {
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<BounceClass>("expected");
    using C = BounceClass;
    const auto row = [](const char *name, const char *status, const char *reason, C expected) {
        QTest::newRow(name) << QString::fromUtf8(status) << QString::fromUtf8(reason) << expected;
    };
    // Gmail
    row("gmail user unknown", "5.1.1",
        "550 5.1.1 The email account that you tried to reach does not exist. Please try "
        "double-checking the recipient's email address for typos or unnecessary spaces. Learn "
        "more at https://support.google.com/mail/?p=NoSuchUser a1si123.234 - gsmtp",
        C::InvalidAddress);
    row("gmail over quota", "4.2.2",
        "452 4.2.2 The email account that you tried to reach is over quota. Please direct the "
        "recipient to https://support.google.com/mail/?p=OverQuotaTemp",
        C::MailboxUnavailable);
    row("gmail disabled", "5.2.1",
        "550 5.2.1 The email account that you tried to reach is disabled. Learn more at "
        "https://support.google.com/mail/?p=DisabledUser",
        C::MailboxUnavailable);
    row("gmail likely unsolicited", "5.7.1",
        "550-5.7.1 [203.0.113.9] Our system has detected that this message is likely unsolicited "
        "mail. To reduce the amount of spam sent to Gmail, this message has been blocked.",
        C::Content);
    row("gmail unusual rate", "4.7.28",
        "421-4.7.28 [203.0.113.9] Our system has detected an unusual rate of unsolicited mail "
        "originating from your IP address. To protect our users from spam, mail sent from your "
        "IP address has been temporarily rate limited.",
        C::Reputation);
    row("gmail receiving at a rate", "4.2.1",
        "450 4.2.1 The user you are trying to contact is receiving mail at a rate that prevents "
        "additional messages from being delivered.",
        C::FrequencyOrVolumeTooHigh);
    row("gmail dmarc", "5.7.26",
        "550-5.7.26 This message does not pass authentication checks (SPF and DKIM both do not "
        "pass). To best protect our users from spam, the message has been blocked.",
        C::TechnicalFailure);
    row("gmail low domain reputation", "5.7.1",
        "550-5.7.1 Our system has detected that this message is suspicious due to the very low "
        "reputation of the sending domain.",
        C::Reputation);
    row("gmail message too big", "5.3.4",
        "552-5.3.4 Your message exceeded Google's message size limits.", C::Content);
    // Outlook / Microsoft
    row("outlook mailbox unavailable", "5.5.0",
        "550 5.5.0 Requested action not taken: mailbox unavailable (S2017062302). "
        "[AM1EUR03FT045.eop-EUR03.prod.protection.outlook.com]",
        C::MailboxUnavailable);
    row("outlook block list", "5.7.1",
        "550 5.7.1 Unfortunately, messages from [203.0.113.9] weren't sent. Please contact your "
        "Internet service provider since part of their network is on our block list (S3150).",
        C::Reputation);
    row("office365 recipient not found", "5.1.10",
        "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup",
        C::InvalidAddress);
    row("office365 rate limited by reputation", "4.7.650",
        "451 4.7.650 The mail server [203.0.113.9] has been temporarily rate limited due to IP "
        "reputation.",
        C::Reputation);
    row("exchange dbeb", "5.4.1",
        "550 5.4.1 Recipient address rejected: Access denied. AS(201806281) [x.prod.outlook.com]",
        C::InvalidAddress);
    row("exchange banned ip range", "5.7.606",
        "550 5.7.606 Access denied, banned sending IP [203.0.113.9].", C::Reputation);
    row("exchange not listed in directory", "5.1.1",
        "550 5.1.1 User unknown; Recipient not listed in public directory", C::InvalidAddress);
    // Yahoo / AOL
    row("yahoo unexpected volume", "4.7.0",
        "421 4.7.0 [TSS04] Messages from 203.0.113.9 temporarily deferred due to unexpected volume "
        "or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes",
        C::FrequencyOrVolumeTooHigh);
    row("yahoo permanently deferred", "5.7.9",
        "553 5.7.2 [TSS09] All messages from 203.0.113.9 will be permanently deferred; Retrying "
        "will NOT succeed.",
        C::Reputation);
    row("yahoo user doesnt exist", "5.1.1",
        "554 delivery error: dd This user doesn't have a yahoo.com account (x@yahoo.com) [0] - "
        "mta1234.mail.gq1.yahoo.com",
        C::InvalidAddress);
    row("aol mailbox full", "5.2.2", "552 1 Requested mail action aborted, mailbox is full",
        C::MailboxUnavailable);
    // Proofpoint, Mimecast, Spamhaus and other filters
    row("proofpoint ip block", "5.7.1",
        "554 5.7.1 Service unavailable; Client host [203.0.113.9] blocked using Proofpoint "
        "Dynamic Reputation; https://ipcheck.proofpoint.com/?ip=203.0.113.9",
        C::Reputation);
    row("proofpoint spam content", "5.7.0",
        "554 5.7.0 Message rejected as spam by Content Filtering.", C::Content);
    row("mimecast invalid recipient", "5.0.0",
        "550 Invalid Recipient - https://community.mimecast.com/docs/DOC-1369#550",
        C::InvalidAddress);
    row("mimecast blocked senders", "5.0.0",
        "550 Rejected by header based Blocked Senders - block policy for Blocked Senders",
        C::Reputation);
    row("mimecast temporary", "4.3.0",
        "451 Internal resource temporarily unavailable - "
        "https://community.mimecast.com/docs/DOC-1369#451",
        C::TechnicalFailure);
    row("spamhaus zen", "5.7.1",
        "554 5.7.1 Service unavailable; Client host [203.0.113.9] blocked using zen.spamhaus.org; "
        "https://www.spamhaus.org/query/ip/203.0.113.9",
        C::Reputation);
    row("spamcop", "5.7.1", "550 5.7.1 Rejected: 203.0.113.9 listed at bl.spamcop.net",
        C::Reputation);
    row("barracuda", "5.7.1",
        "554 Service unavailable; Client host [203.0.113.9] blocked using Barracuda Reputation, "
        "see http://www.barracudanetworks.com/reputation/?r=1&ip=203.0.113.9",
        C::Reputation);
    row("uribl listed link", "5.7.1",
        "554 5.7.1 Message rejected because it contains a link listed in URIBL", C::Content);
    // Postfix, Exim and generic wordings
    row("postfix user unknown", "5.1.1",
        "550 5.1.1 <x@example.com>: Recipient address rejected: User unknown in virtual mailbox "
        "table",
        C::InvalidAddress);
    row("postfix greylisted", "4.2.0",
        "450 4.2.0 <x@example.com>: Recipient address rejected: Greylisted, see "
        "http://postgrey.schweikert.ch/help/example.com.html",
        C::TechnicalFailure);
    row("postfix no such domain", "5.1.2",
        "Host or domain name not found. Name service error for name=exampel.com type=A: Host not "
        "found",
        C::InvalidAddress);
    row("exim unrouteable", "5.0.0", "550 Unrouteable address", C::InvalidAddress);
    row("mailbox full plain", "5.2.2", "552 5.2.2 Mailbox full", C::MailboxUnavailable);
    row("quota exceeded", "4.2.2", "452 4.2.2 Quota exceeded (mailbox for user is full)",
        C::MailboxUnavailable);
    row("user unknown plain", "5.1.1", "550 5.1.1 User unknown", C::InvalidAddress);
    row("no such user", "5.0.0", "550 No such user here", C::InvalidAddress);
    row("rejected as spam", "5.7.1", "550 5.7.1 Message rejected as spam", C::Content);
    row("virus", "5.7.1", "554 5.7.1 Message rejected: virus found (Eicar-Test-Signature)",
        C::Content);
    row("too many connections", "4.7.0",
        "421 4.7.0 Too many connections from your IP (203.0.113.9), try again later",
        C::FrequencyOrVolumeTooHigh);
    row("throttled", "4.7.1", "451 4.7.1 Throttled: please slow down", C::FrequencyOrVolumeTooHigh);
    row("too many recipients", "4.5.3", "452 4.5.3 Too many recipients",
        C::FrequencyOrVolumeTooHigh);
    row("dns timeout", "4.4.3",
        "DNS lookup failed: temporary failure in name resolution (SERVFAIL) for example.org",
        C::TechnicalFailure);
    row("tls required", "5.7.10", "530 5.7.0 Must issue a STARTTLS command first",
        C::TechnicalFailure);
    row("tls handshake", "4.7.5", "TLS handshake failed: certificate verify failed",
        C::TechnicalFailure);
    row("connection timed out", "4.4.1",
        "Connection timed out while connecting to mx.example.org[198.51.100.7]:25",
        C::TechnicalFailure);
    row("connection refused", "4.4.1", "connect to mx.example.org:25: Connection refused",
        C::TechnicalFailure);
    row("delivery expired", "4.4.7", "Message expired after 72 hours in the queue",
        C::TechnicalFailure);
    row("sender address rejected", "5.1.8",
        "553 5.1.8 <bounce@sender.example>: Sender address rejected: Domain not found",
        C::TechnicalFailure);
    row("relay denied", "5.7.1", "554 5.7.1 <x@example.net>: Relay access denied",
        C::TechnicalFailure);
    row("nothing telling", "5.7.1", "550 5.7.1 Rejected by policy", C::Unclassified);
    row("empty", "", "", C::Unclassified);
}

void TestBounceClass::realWorldReasons() {
    QFETCH(QString, status);
    QFETCH(QString, reason);
    QFETCH(BounceClass, expected);
    QCOMPARE(classOf(status, reason), expected);
}

void TestBounceClass::statusAloneDecidesWithoutWords_data() {
    QTest::addColumn<QString>("status");
    QTest::addColumn<BounceClass>("expected");
    using C = BounceClass;
    QTest::newRow("5.1.1") << "5.1.1" << C::InvalidAddress;
    QTest::newRow("5.1.2") << "5.1.2" << C::InvalidAddress;
    QTest::newRow("5.1.8 sender") << "5.1.8" << C::TechnicalFailure;
    QTest::newRow("5.2.2") << "5.2.2" << C::MailboxUnavailable;
    QTest::newRow("4.2.2") << "4.2.2" << C::MailboxUnavailable;
    QTest::newRow("5.2.1") << "5.2.1" << C::MailboxUnavailable;
    QTest::newRow("5.2.3 too long") << "5.2.3" << C::Content;
    QTest::newRow("5.3.4 too big") << "5.3.4" << C::Content;
    QTest::newRow("4.4.7 expired") << "4.4.7" << C::TechnicalFailure;
    QTest::newRow("4.5.3 recipients") << "4.5.3" << C::FrequencyOrVolumeTooHigh;
    QTest::newRow("5.6.0 media") << "5.6.0" << C::Content;
    QTest::newRow("5.7.26 dmarc") << "5.7.26" << C::TechnicalFailure;
    QTest::newRow("5.7.606 banned") << "5.7.606" << C::Reputation;
    QTest::newRow("5.7.1 policy") << "5.7.1" << C::Unclassified;
    QTest::newRow("4.0.0") << "4.0.0" << C::Unclassified;
    QTest::newRow("bare 550") << "550" << C::Unclassified;
    QTest::newRow("bare 552") << "552" << C::MailboxUnavailable;
    QTest::newRow("bare 551") << "551" << C::InvalidAddress;
    QTest::newRow("bare 421") << "421" << C::TechnicalFailure;
    QTest::newRow("not a status") << "bounce" << C::Unclassified;
}

void TestBounceClass::statusAloneDecidesWithoutWords() {
    QFETCH(QString, status);
    QFETCH(BounceClass, expected);
    QCOMPARE(classOf(status, QStringLiteral("the server said so")), expected);
}

void TestBounceClass::typeIsTheOneDerivationOfHardAndSoft_data() {
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("type");
    QTest::newRow("5.1.1") << "5.1.1"
                           << "hard";
    QTest::newRow("4.2.2") << "4.2.2"
                           << "soft";
    QTest::newRow("550") << "550"
                         << "hard";
    QTest::newRow("2.0.0") << "2.0.0"
                           << "";
    QTest::newRow("empty") << ""
                           << "";
    QTest::newRow("smtp then enhanced") << "550 5.1.1"
                                        << "";
}

// Type comes from bounceKindForStatus() alone, whatever the reason says: the table's Type
// column, the type filter and the CSV's type cell cannot disagree.
void TestBounceClass::typeIsTheOneDerivationOfHardAndSoft() {
    QFETCH(QString, status);
    QFETCH(QString, type);
    for (const char *reason : {"", "421 4.7.0 soft words", "550 5.1.1 user unknown"}) {
        const BounceDerivation derived = deriveBounce(status, QString::fromLatin1(reason));
        QCOMPARE(derived.kind, bounceKindForStatus(QStringView(status)));
        QCOMPARE(bounceKindName(derived.kind), type);
        QCOMPARE(QString::fromLatin1(bounceKindNameUtf8(derived.kind).data(),
                                     qsizetype(bounceKindNameUtf8(derived.kind).size())),
                 type);
    }
}

void TestBounceClass::keywordsMatchAtWordStarts() {
    // "rbl" is a word start in "RBL" and "rbl.example", not inside "verbless".
    QCOMPARE(classOf(QString(), QStringLiteral("listed in RBL")), BounceClass::Reputation);
    QCOMPARE(classOf(QString(), QStringLiteral("see rbl.example.org")), BounceClass::Reputation);
    QCOMPARE(classOf(QString(), QStringLiteral("a verbless sentence")), BounceClass::Unclassified);
    // Case and whitespace runs (also line breaks) do not matter.
    QCOMPARE(classOf(QString(), QStringLiteral("USER\r\n\t  UNKNOWN")),
             BounceClass::InvalidAddress);
    // Where one class's words hold another's, the narrower rule wins.
    QCOMPARE(classOf(QString(), QStringLiteral("too many connections")),
             BounceClass::FrequencyOrVolumeTooHigh);
    QCOMPARE(classOf(QString(), QStringLiteral("lost connection")), BounceClass::TechnicalFailure);
}

// Keywords are found by their first three bytes: each of those that share them counts, a
// white space run may begin at the third, and a keyword may end the reason.
void TestBounceClass::keywordsSharingTheirStart() {
    QCOMPARE(classOf(QString(), QStringLiteral("Connection rate exceeded")),
             BounceClass::FrequencyOrVolumeTooHigh);
    QCOMPARE(classOf(QString(), QStringLiteral("connection lost")), BounceClass::TechnicalFailure);
    QCOMPARE(classOf(QString(), QStringLiteral("content rejected")), BounceClass::Content);
    QCOMPARE(classOf(QString(), QStringLiteral("SPAMHAUS")), BounceClass::Reputation);
    QCOMPARE(classOf(QString(), QStringLiteral("looks like spam")), BounceClass::Content);
    QCOMPARE(classOf(QString(), QStringLiteral("No \t\r\n SUCH user")),
             BounceClass::InvalidAddress);
    QCOMPARE(classOf(QString(), QStringLiteral("listed in rbl")), BounceClass::Reputation);
    QCOMPARE(classOf(QString(), QStringLiteral("listed in rb")), BounceClass::Unclassified);
    QCOMPARE(classOf(QString(), QStringLiteral("nxdomain")), BounceClass::InvalidAddress);
}

// The reason is folded and scanned sixteen bytes at a time: a keyword, a white space run or a
// word may straddle any of those cuts, or end the reason in its last, short block.
void TestBounceClass::keywordsWhereverBlocksCut() {
    for (int shift = 0; shift < 40; ++shift) {
        const std::string dots(std::size_t(shift), '.');
        const std::string letters(std::size_t(shift), 'a');
        const std::string spaces(std::size_t(shift), ' ');
        // A white space run across a cut is still one space.
        QCOMPARE(classifyBounce("", dots + "Mailbox \t\r\n  FULL"),
                 BounceClass::MailboxUnavailable);
        QCOMPARE(classifyBounce("", "user" + spaces + " unknown"), BounceClass::InvalidAddress);
        QCOMPARE(classifyBounce("", spaces + "\tuser unknown"), BounceClass::InvalidAddress);
        // A word that goes on across a cut has no word start after it.
        QCOMPARE(classifyBounce("", letters + "rbl"),
                 shift == 0 ? BounceClass::Reputation : BounceClass::Unclassified);
        QCOMPARE(classifyBounce("", dots + "rbl"), BounceClass::Reputation);
        // A keyword one byte short of the end of the reason does not match.
        QCOMPARE(classifyBounce("", dots + "nxdomai"), BounceClass::Unclassified);
        QCOMPARE(classifyBounce("", dots + "NXDomain"), BounceClass::InvalidAddress);
        // A keyword longer than the sixteen bytes compared at once counts only whole.
        QCOMPARE(classifyBounce("", dots + "Host or domain name not found"),
                 BounceClass::InvalidAddress);
        QCOMPARE(classifyBounce("", dots + "host or domain name not foun"),
                 BounceClass::Unclassified);
        QCOMPARE(classifyBounce("", dots + "host or domain name not fount"),
                 BounceClass::Unclassified);
    }
}

void TestBounceClass::namesAreSendGridsExactly() {
    const QStringList expected = {
        QStringLiteral("Invalid Address"), QStringLiteral("Mailbox Unavailable"),
        QStringLiteral("Reputation"),      QStringLiteral("Technical Failure"),
        QStringLiteral("Content"),         QStringLiteral("Frequency or Volume Too High"),
        QStringLiteral("Unclassified"),
    };
    QStringList names;
    for (const BounceClass bounceClass : allBounceClasses) {
        names << bounceClassName(bounceClass);
        QCOMPARE(bounceClassFromName(bounceClassName(bounceClass)),
                 std::optional<BounceClass>(bounceClass));
    }
    QCOMPARE(names, expected);
    QVERIFY(!bounceClassFromName(u"content").has_value()); // exact
}

void TestBounceClass::everyClassHasAdvice() {
    QSet<QString> advice;
    for (const BounceClass bounceClass : allBounceClasses) {
        QVERIFY(!bounceClassTitle(bounceClass).isEmpty());
        QVERIFY(bounceClassAdvice(bounceClass).size() > 20);
        advice.insert(bounceClassAdvice(bounceClass));
    }
    QCOMPARE(advice.size(), qsizetype(std::size(allBounceClasses)));
}

void TestBounceClass::hostileAndHugeReasonsAreHarmless() {
    // Megabytes of reason are cut after the first few KiB: words past that do not count.
    QByteArray huge(8 << 20, 'x');
    huge.prepend("user unknown ");
    QCOMPARE(classifyBounce("5.7.1", view(huge)), BounceClass::InvalidAddress);
    QByteArray late(64 << 10, 'x');
    late.append(" spamhaus");
    QCOMPARE(classifyBounce("", view(late)), BounceClass::Unclassified);
    // NULs, invalid UTF-8, markup: plain bytes.
    const QByteArray nasty("\0\xff\xfe<b>mailbox full</b>\x80spam", 28);
    QCOMPARE(classifyBounce("4.2.2", view(nasty)), BounceClass::MailboxUnavailable);
    QCOMPARE(classifyBounce("\xff\xff", ""), BounceClass::Unclassified);
}

void TestBounceClass::utf16AndUtf8Agree() {
    const QString reason = QStringLiteral("Grüße: Postfach voll; mailbox full 满了");
    const QByteArray utf8 = reason.toUtf8();
    QCOMPARE(deriveBounce(u"4.2.2", reason).bounceClass, classifyBounce("4.2.2", view(utf8)));
    QCOMPARE(classifyBounce("4.2.2", view(utf8)), BounceClass::MailboxUnavailable);
}

QTEST_GUILESS_MAIN(TestBounceClass)
#include "tst_bounceclass.moc"
