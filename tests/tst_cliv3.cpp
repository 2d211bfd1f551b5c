// The command line on SendGrid v3 (issue 12's "Command line (exact)" and issue 13's CLI parts),
// end to end: the real executable against the in-process emulator's /v3/ routes.

#include "clitestsupport.h"

#include "core/deletionrecordreader.h"

#include <QtTest>

namespace {

QString text(const char *latin1) {
    return QString::fromLatin1(latin1);
}

QStringList args(std::initializer_list<const char *> words) {
    QStringList list;
    for (const char *word : words)
        list << text(word);
    return list;
}

SandboxSuppression row(const char *email, qint64 created, const char *status = "",
                       const char *reason = "") {
    SandboxSuppression suppression;
    suppression.email = text(email);
    suppression.created = created;
    suppression.status = text(status);
    suppression.reason = text(reason);
    return suppression;
}

} // namespace

class TestCliV3 final : public CliTestCase {
    Q_OBJECT

    QProcessEnvironment v3Environment() const {
        QProcessEnvironment env = environment(false);
        env.insert(QStringLiteral("BOUNCEDESK_API_URL"), m_server.v3BaseUrl().toString());
        env.insert(QStringLiteral("SENDGRID_API_KEY"), CliTest::key());
        return env;
    }
    CliTest::Run runV3(const QStringList &arguments) { return run(arguments, v3Environment()); }
    QList<SandboxRequest> v3Requests() const {
        QList<SandboxRequest> v3;
        for (const SandboxRequest &request : m_server.requests()) {
            if (request.api == QLatin1String("v3"))
                v3 << request;
        }
        return v3;
    }

private Q_SLOTS:
    void customersAreSubusersWithRegion() {
        m_server.data().setRegion(m_server.data().customers().first().username,
                                  QStringLiteral("eu"));
        const CliTest::Run result = runV3(args({"customers"}));
        QCOMPARE(result.exitCode, 0);
        QStringList expected;
        for (const SandboxProfile &profile : m_server.data().profiles()) {
            const Customer &customer = profile.customer;
            expected << QStringList{customer.username, customer.email, QString(),
                                    customer.active ? text("yes") : text("no"),
                                    m_server.data().region(
                                        SandboxTenant::subuser(customer.username))}
                            .join(QLatin1Char('\t'));
        }
        QStringList lines = result.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        lines.sort(); // in the order the answers came
        expected.sort();
        QCOMPARE(lines, expected);
        for (const SandboxRequest &request : v3Requests())
            QVERIFY(request.onBehalfOf.isEmpty());
    }

    void customerAccounts() {
        m_server.data().addPartnerAccount(
            {text("sg1a"), text("one@x.com"), text("2022-01-02T15:04:05Z"), text("activated")});
        m_server.data().addPartnerAccount(
            {text("sg2b"), QString(), text("2022-01-02T15:04:05Z"), text("deactivated")});
        const CliTest::Run result = runV3(args({"customers", "--tenants", "accounts"}));
        QCOMPARE(result.exitCode, 0);
        const QStringList lines = result.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY2(lines.contains(text("sg1a\tone@x.com\t\tyes\tglobal")), qPrintable(result.out));
        QVERIFY2(lines.contains(text("sg2b\t\t\tno\tglobal")), qPrintable(result.out));
    }

    void exportsAListWithIsoCreated() {
        const SandboxTenant acme = SandboxTenant::subuser(text("v3-acme"));
        m_server.data().setSuppressions(
            acme, SuppressionList::Blocks,
            {row("a@x.com", 1443651125, "4.2.2", "mailbox full"), row("b@y.com", 1443651126)});
        m_server.clearRequests();
        const CliTest::Run result =
            runV3(args({"export", "--customer", "v3-acme", "--list", "blocks"}));
        QCOMPARE(result.exitCode, 0);
        const QList<QStringList> records = CliTest::parseCsv(result.rawOut);
        QCOMPARE(records.size(), 3);
        QCOMPARE(records.at(0).mid(0, 4), args({"email", "status", "reason", "created"}));
        QCOMPARE(records.at(1).mid(0, 4),
                 args({"a@x.com", "4.2.2", "mailbox full", "2015-09-30T22:12:05Z"}));
        for (const SandboxRequest &request : v3Requests())
            QCOMPARE(request.onBehalfOf, text("v3-acme"));
    }

    // Pages gzip-compressed (as SendGrid may send them: the client offers it) give the same
    // CSV byte for byte as plain ones.
    void aCompressedListIsTheSameList() {
        const QString customer = text("v3-gzip");
        m_server.data().addGeneratedCustomer(customer, 1'200); // three pages
        const QStringList exportIt = args({"export", "--customer", "v3-gzip"});
        const CliTest::Run plain = runV3(exportIt);
        QCOMPARE(plain.exitCode, 0);
        QCOMPARE(CliTest::parseCsv(plain.rawOut).size(), 1'201);
        m_server.setCompressesBodies(true);
        const int compressedBefore = m_server.compressedAnswers();
        const CliTest::Run compressed = runV3(exportIt);
        QVERIFY2(compressed.exitCode == 0, qPrintable(compressed.err));
        QVERIFY(m_server.compressedAnswers() >= compressedBefore + 3);
        QCOMPARE(compressed.rawOut, plain.rawOut);
    }

    void parentHasNoOnBehalfOf() {
        m_server.data().setSuppressions(SandboxTenant::parent(), SuppressionList::InvalidEmails,
                                        {row("p@x.com", 1, "", "bad syntax")});
        m_server.clearRequests();
        const CliTest::Run result = runV3(args({"export", "--parent", "--list", "invalid_emails"}));
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(CliTest::parseCsv(result.rawOut),
                 (QList<QStringList>{args({"email", "reason", "created"}),
                                     args({"p@x.com", "bad syntax", "1970-01-01T00:00:01Z"})}));
        QVERIFY(!v3Requests().isEmpty());
        for (const SandboxRequest &request : v3Requests())
            QVERIFY(request.onBehalfOf.isEmpty());
    }

    void accountIdGoesInOnBehalfOf() {
        m_server.data().addPartnerAccount(
            {text("sg9z"), text("z@x.com"), text("2022-01-02T15:04:05Z"), text("activated")});
        m_server.clearRequests();
        const CliTest::Run result =
            runV3(args({"export", "--tenants", "accounts", "--customer", "sg9z"}));
        QCOMPARE(result.exitCode, 0);
        QVERIFY(!v3Requests().isEmpty());
        for (const SandboxRequest &request : v3Requests())
            QCOMPARE(request.onBehalfOf, text("account-id sg9z"));
    }

    void usageErrorsSendNothing() {
        m_server.clearRequests();
        CliTest::Run result = runV3(args({"export", "--customer", "x", "--parent"}));
        QCOMPARE(result.exitCode, 2);
        result = runV3(args({"delete", "--parent", "--list", "unsubscribes", "--yes", "a@x.com"}));
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.err.contains(text("--recipient-consented")));
        QProcessEnvironment v2 = environment();
        result = run(args({"export", "--customer", "x", "--list", "blocks"}), v2);
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.err.contains(text("v3")));
        QVERIFY(m_server.requests().isEmpty());
    }

    void deletesOneAddress() {
        const SandboxTenant tenant = SandboxTenant::subuser(text("v3-one"));
        m_server.data().setSuppressions(tenant, SuppressionList::Bounces,
                                        {row("gone@x.com", 5, "5.1.1", "no such user")});
        CliTest::Run result =
            runV3(args({"delete", "--customer", "v3-one", "--yes", "gone@x.com"}));
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(result.out, text("deleted: gone@x.com\n"));
        result = runV3(args({"delete", "--customer", "v3-one", "--yes", "gone@x.com"}));
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(result.out, text("was not on the list: gone@x.com\n"));
    }

    void bulkDeleteIsReadBack() {
        const SandboxTenant tenant = SandboxTenant::subuser(text("v3-bulk"));
        m_server.data().setSuppressions(
            tenant, SuppressionList::Bounces,
            {row("a+tag@x.com", 5, "5.1.1"), row("b@x.com", 6, "5.1.1"), row("keep@x.com", 7)});
        m_server.clearRequests();
        const CliTest::Run result = runV3(args({"delete", "--customer", "v3-bulk", "--yes",
                                                "a+tag@x.com", "b@x.com", "nobody@x.com"}));
        QCOMPARE(result.exitCode, 0);
        const QStringList lines = result.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines.at(0), text("deleted: a+tag@x.com"));
        QCOMPARE(lines.at(1), text("deleted: b@x.com"));
        QVERIFY(lines.at(2) == text("deleted: nobody@x.com") ||
                lines.at(2) == text("was not on the list: nobody@x.com"));
        QCOMPARE(m_server.data().suppressions(tenant, SuppressionList::Bounces).size(), 1);
        int bulk = 0;
        for (const SandboxRequest &request : v3Requests())
            bulk += request.httpMethod == QLatin1String("DELETE") && request.email.isEmpty();
        QCOMPARE(bulk, 1);
    }

    // Issue 12: a bulk delete is confirmed "per address, or by re-reading the list, whichever
    // costs fewer requests"; the command line does not know the list's size, so it re-reads
    // pages while they stay fewer than the addresses not yet seen, then reads the rest one by
    // one: never more than twice the cheaper choice. Counted on the emulator's side.
    void bulkDeleteReadBackCostsAtMostTwiceTheCheaperWay_data() {
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("addresses");
        QTest::addColumn<int>("cheaper"); // the pages left, or one read per address
        // 1,200 rows, 10 deleted: 1,190 left are 3 pages, fewer than 10 reads.
        QTest::newRow("short list: pages") << 1200 << 10 << 3;
        // 3,000 rows, 3 deleted: 6 pages left, 3 reads are cheaper.
        QTest::newRow("long list: addresses") << 3000 << 3 << 3;
    }
    void bulkDeleteReadBackCostsAtMostTwiceTheCheaperWay() {
        QFETCH(int, rows);
        QFETCH(int, addresses);
        QFETCH(int, cheaper);
        const SandboxTenant tenant = SandboxTenant::subuser(text("v3-readback"));
        m_server.data().addGeneratedSuppressions(tenant, SuppressionList::Bounces, rows);
        const QList<SandboxSuppression> present =
            m_server.data().suppressions(tenant, SuppressionList::Bounces);
        QStringList arguments = args({"delete", "--customer", "v3-readback", "--yes"});
        QStringList expected;
        for (int i = 0; i < addresses; ++i) {
            const QString email = present.at(i * (rows / addresses)).email; // spread out
            arguments << email;
            expected << text("deleted: ") + email;
        }
        m_server.clearRequests();
        const CliTest::Run result = runV3(arguments);
        QCOMPARE(result.exitCode, 0);
        QStringList lines = result.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        lines.sort(); // in the order the answers came
        expected.sort();
        QCOMPARE(lines, expected);
        QCOMPARE(m_server.data().suppressionCount(tenant, SuppressionList::Bounces),
                 qsizetype(rows - addresses));
        int reads = 0;
        int bulk = 0;
        for (const SandboxRequest &request : v3Requests()) {
            if (request.httpMethod == QLatin1String("DELETE"))
                ++bulk;
            else
                ++reads;
        }
        QCOMPARE(bulk, 1);
        QVERIFY2(reads >= cheaper && reads <= 2 * cheaper, qPrintable(QString::number(reads)));
    }

    void unsubscribeDeleteReadsFirst() {
        const SandboxTenant tenant = SandboxTenant::subuser(text("v3-unsub"));
        m_server.data().setSuppressions(tenant, SuppressionList::Unsubscribes, {row("u@x.com", 5)});
        const CliTest::Run result =
            runV3(args({"delete", "--customer", "v3-unsub", "--list", "unsubscribes",
                        "--recipient-consented", "--yes", "u@x.com", "absent@x.com"}));
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(result.out, text("deleted: u@x.com\nwas not on the list: absent@x.com\n"));
    }

    void groupUnsubscribes() {
        const SandboxTenant tenant = SandboxTenant::subuser(text("v3-groups"));
        SandboxGroup news;
        news.id = 11;
        news.name = text("News");
        SandboxGroup tips;
        tips.id = 12;
        tips.name = text("Tips");
        m_server.data().setGroup(tenant, news, {row("g@x.com", 5), row("h@x.com", 6)});
        m_server.data().setGroup(tenant, tips, {row("g@x.com", 7)});
        CliTest::Run result =
            runV3(args({"export", "--customer", "v3-groups", "--list", "group_unsubscribes"}));
        QCOMPARE(result.exitCode, 0);
        const QList<QStringList> records = CliTest::parseCsv(result.rawOut);
        QCOMPARE(records.first(), args({"email", "group_id", "group_name", "created"}));
        QCOMPARE(records.size(), 4); // (address, group) pairs, never merged
        result = runV3(args({"delete", "--customer", "v3-groups", "--list", "group_unsubscribes",
                             "--group", "12", "--recipient-consented", "--yes", "g@x.com"}));
        QCOMPARE(result.out, text("deleted: g@x.com\n"));
        QCOMPARE(m_server.data().suppressions(tenant, SuppressionList::GroupUnsubscribes).size(),
                 2);
        result = runV3(args({"delete", "--customer", "v3-groups", "--list", "group_unsubscribes",
                             "--recipient-consented", "--yes", "g@x.com", "h@x.com"}));
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(result.out, text("deleted: g@x.com\ndeleted: h@x.com\n"));
        QVERIFY(m_server.data().suppressions(tenant, SuppressionList::GroupUnsubscribes).isEmpty());
    }

    void wrongKeyIsOneSentenceWithoutTheKey() {
        QProcessEnvironment env = v3Environment();
        env.insert(QStringLiteral("SENDGRID_API_KEY"), CliTest::wrongKey());
        const CliTest::Run result = run(args({"export", "--parent"}), env);
        QCOMPARE(result.exitCode, 1);
        QVERIFY(result.err.contains(text("HTTP 401")));
        QVERIFY(result.err.contains(text("API key")));
        QVERIFY(!result.err.contains(text("API user")));
    }

    void customersArePagedUntilAnEmptyPage() {
        // More than two of the client's pages of 100, so the third page is short: the list
        // still ends only at an empty page (SendGrid's subuser page cap is undocumented).
        for (int i = 0; i < 230; ++i)
            m_server.data().addGeneratedCustomer(
                QStringLiteral("v3-many-%1").arg(i, 3, 10, QLatin1Char('0')), 0);
        const int customers = int(m_server.data().profiles().size());
        QVERIFY(customers > 230);
        m_server.clearRequests();
        const CliTest::Run result = runV3(args({"customers"}));
        QCOMPARE(result.exitCode, 0);
        const QStringList lines = result.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), customers); // the parent is not listed
        for (const QString &line : lines)
            QCOMPARE(line.count(QLatin1Char('\t')), 4);
        QStringList offsets;
        for (const SandboxRequest &request : v3Requests()) {
            QCOMPARE(request.method, text("subusers"));
            const QUrlQuery query(request.query);
            QCOMPARE(query.queryItemValue(QStringLiteral("include_region")), text("true"));
            QCOMPARE(query.queryItemValue(QStringLiteral("region")), text("all"));
            offsets << query.queryItemValue(QStringLiteral("offset"));
        }
        QStringList expected;
        for (int offset = 0; offset <= customers; offset += 100)
            expected << QString::number(offset);
        if (customers % 100 != 0)
            expected << QString::number(customers); // the short page, then the empty one
        QCOMPARE(offsets, expected);
    }

    void everyListHasItsExactHeader_data() {
        QTest::addColumn<QString>("list");
        QTest::addColumn<QStringList>("header");
        QTest::addColumn<QStringList>("record");
        QTest::addColumn<bool>("parent");
        const QStringList bounceHeader =
            args({"email", "status", "reason", "created", "type", "class"});
        for (const bool parent : {false, true}) {
            const char *who = parent ? "parent" : "customer";
            QTest::addRow("bounces/%s", who)
                << text("bounces") << bounceHeader
                << args({"l@x.com", "5.1.1", "no such user", "2015-09-30T22:12:05Z", "hard",
                         "Invalid Address"})
                << parent;
            QTest::addRow("blocks/%s", who)
                << text("blocks") << bounceHeader
                << args({"l@x.com", "5.1.1", "no such user", "2015-09-30T22:12:05Z", "hard",
                         "Invalid Address"})
                << parent;
            QTest::addRow("invalid_emails/%s", who)
                << text("invalid_emails") << args({"email", "reason", "created"})
                << args({"l@x.com", "no such user", "2015-09-30T22:12:05Z"}) << parent;
            QTest::addRow("spam_reports/%s", who)
                << text("spam_reports") << args({"email", "ip", "created"})
                << args({"l@x.com", "192.0.2.7", "2015-09-30T22:12:05Z"}) << parent;
            QTest::addRow("unsubscribes/%s", who)
                << text("unsubscribes") << args({"email", "created"})
                << args({"l@x.com", "2015-09-30T22:12:05Z"}) << parent;
        }
    }
    void everyListHasItsExactHeader() {
        QFETCH(QString, list);
        QFETCH(QStringList, header);
        QFETCH(QStringList, record);
        QFETCH(bool, parent);
        const SandboxTenant tenant =
            parent ? SandboxTenant::parent() : SandboxTenant::subuser(text("v3-lists"));
        SandboxSuppression suppression = row("l@x.com", 1443651125, "5.1.1", "no such user");
        suppression.ip = text("192.0.2.7");
        const std::optional<SuppressionList> which = suppressionListFromCliName(list);
        QVERIFY(which);
        m_server.data().setSuppressions(tenant, *which, {suppression});
        m_server.clearRequests();
        QStringList arguments = args({"export", "--list"});
        arguments << list;
        if (parent)
            arguments << text("--parent");
        else
            arguments << text("--customer") << text("v3-lists");
        const CliTest::Run result = runV3(arguments);
        QCOMPARE(result.exitCode, 0);
        const QList<QStringList> records = CliTest::parseCsv(result.rawOut);
        QCOMPARE(records.size(), 2);
        QCOMPARE(records.at(0), header);
        QCOMPARE(records.at(1).mid(0, record.size()), record);
        QCOMPARE(records.at(1).size(), header.size());
        QVERIFY(!v3Requests().isEmpty());
        for (const SandboxRequest &request : v3Requests())
            QCOMPARE(request.onBehalfOf, parent ? QString() : text("v3-lists"));
    }

    void consentListsNeedTheRecipientsConsent_data() {
        QTest::addColumn<QString>("list");
        QTest::newRow("spam_reports") << text("spam_reports");
        QTest::newRow("unsubscribes") << text("unsubscribes");
        QTest::newRow("group_unsubscribes") << text("group_unsubscribes");
    }
    void consentListsNeedTheRecipientsConsent() {
        QFETCH(QString, list);
        m_server.clearRequests();
        QStringList arguments = args({"delete", "--customer", "v3-consent", "--yes", "--list"});
        arguments << list << text("c@x.com");
        const CliTest::Run result = runV3(arguments);
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(text("--recipient-consented")), qPrintable(result.err));
        QVERIFY(result.out.isEmpty());
        QVERIFY(m_server.requests().isEmpty());
    }

    void aFailedDeleteSaysWhy() {
        const SandboxTenant tenant = SandboxTenant::subuser(text("v3-fail"));
        m_server.data().setSuppressions(tenant, SuppressionList::Bounces,
                                        {row("stuck@x.com", 5, "5.1.1")});
        SandboxFault fault;
        fault.type = SandboxFault::Type::Http500;
        fault.call = text("v3.bounces.delete");
        fault.times = -1;
        m_server.addFault(fault);
        const CliTest::Run result =
            runV3(args({"delete", "--customer", "v3-fail", "--yes", "stuck@x.com"}));
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.out.startsWith(text("failed: stuck@x.com: ")), qPrintable(result.out));
        QCOMPARE(result.out.count(QLatin1Char('\n')), 1);
        QCOMPARE(m_server.data().suppressions(tenant, SuppressionList::Bounces).size(), 1);
    }

    void wrongKeyNeverShowsTheKey() {
        QProcessEnvironment env = v3Environment();
        env.insert(QStringLiteral("SENDGRID_API_KEY"), CliTest::wrongKey());
        for (const QStringList &arguments :
             {args({"customers"}), args({"export", "--customer", "v3-any"}),
              args({"delete", "--parent", "--yes", "k@x.com"})}) {
            const CliTest::Run result = run(arguments, env);
            QCOMPARE(result.exitCode, 1);
            // A delete says why on the address's own line; the others on stderr.
            const QString said =
                arguments.first() == QLatin1String("delete") ? result.out : result.err;
            QVERIFY2(said.contains(text("HTTP 401")), qPrintable(said));
            QVERIFY2(said.contains(text("API key")), qPrintable(said));
            QVERIFY2(!result.err.contains(CliTest::wrongKey()), qPrintable(result.err));
            QVERIFY2(!result.out.contains(CliTest::wrongKey()), qPrintable(result.out));
        }
    }

    // A `+` in the path must reach SendGrid as itself (the emulator decodes as SendGrid does),
    // and the parent's own list is asked without on-behalf-of.
    void parentSingleDeleteOfAPlusAddress() {
        m_server.data().setSuppressions(SandboxTenant::parent(), SuppressionList::Blocks,
                                        {row("p+tag@x.com", 5, "4.2.2"), row("p@x.com", 6)});
        m_server.clearRequests();
        const CliTest::Run result =
            runV3(args({"delete", "--parent", "--list", "blocks", "--yes", "p+tag@x.com"}));
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(result.out, text("deleted: p+tag@x.com\n"));
        const QList<SandboxSuppression> rows =
            m_server.data().suppressions(SandboxTenant::parent(), SuppressionList::Blocks);
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().email, text("p@x.com"));
        QVERIFY(!v3Requests().isEmpty());
        for (const SandboxRequest &request : v3Requests())
            QVERIFY(request.onBehalfOf.isEmpty());
    }

    // With a custom URL every customer is asked there, an EU-pinned one too.
    void euSubuserIsAskedAtTheCustomUrl() {
        const QString eu = m_server.data().customers().first().username;
        m_server.data().setRegion(eu, text("eu"));
        m_server.data().setSuppressions(SandboxTenant::subuser(eu), SuppressionList::Bounces,
                                        {row("e@x.com", 1443651125, "5.1.1", "no such user")});
        QStringList arguments = args({"export", "--customer"});
        arguments << eu;
        const CliTest::Run result = runV3(arguments);
        QCOMPARE(result.exitCode, 0);
        const QList<QStringList> records = CliTest::parseCsv(result.rawOut);
        QCOMPARE(records.size(), 2);
        QCOMPARE(records.at(1).first(), text("e@x.com"));
    }

    // More than one page of 100 (the documented maximum), so the cursor is followed.
    void customerAccountsArePaged() {
        for (int i = 0; i < 120; ++i)
            m_server.data().addPartnerAccount(
                {QStringLiteral("sgpage%1").arg(i, 3, 10, QLatin1Char('0')),
                 QStringLiteral("a%1@x.com").arg(i), text("2022-01-02T15:04:05Z"),
                 text("activated")});
        m_server.clearRequests();
        const CliTest::Run result = runV3(args({"customers", "--tenants", "accounts"}));
        QCOMPARE(result.exitCode, 0);
        const QStringList lines = result.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        for (int i = 0; i < 120; ++i)
            QVERIFY2(lines.contains(QStringLiteral("sgpage%1\ta%2@x.com\t\tyes\tglobal")
                                        .arg(i, 3, 10, QLatin1Char('0'))
                                        .arg(i)),
                     qPrintable(result.out));
        QCOMPARE(lines.size(), int(m_server.data().partnerAccounts().size()));
        int pages = 0;
        for (const SandboxRequest &request : v3Requests())
            pages += request.path.endsWith(QLatin1String("/partners/accounts"));
        QVERIFY2(pages >= 2, qPrintable(QString::number(pages)));
    }

    // A bulk delete answered 204 that left an address in place: the read-back tells.
    void aBulkDeleteNotCarriedOutIsNotConfirmed() {
        const SandboxTenant tenant = SandboxTenant::subuser(text("v3-unconfirmed"));
        m_server.data().setSuppressions(tenant, SuppressionList::Bounces,
                                        {row("s1@x.com", 5, "5.1.1"), row("s2@x.com", 6, "5.1.1")});
        SandboxFault fault;
        fault.type = SandboxFault::Type::AcceptedNotDone;
        fault.call = text("v3.bounces.delete");
        fault.times = -1;
        m_server.addFault(fault);
        const CliTest::Run result = runV3(
            args({"delete", "--customer", "v3-unconfirmed", "--yes", "s1@x.com", "s2@x.com"}));
        QCOMPARE(result.exitCode, 1);
        const QStringList lines = result.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        for (const QString &line : lines)
            QVERIFY2(line.startsWith(text("failed: s")) && line.contains(text("not confirmed")),
                     qPrintable(result.out));
        QCOMPARE(m_server.data().suppressions(tenant, SuppressionList::Bounces).size(), 2);
    }

    // 600 addresses: two bulk requests (500 + 100), whose read-back confirms them together.
    // Each outcome is recorded exactly once and printed in the order given.
    void aBulkDeleteOfTwoChunksRecordsEveryOutcomeOnce() {
        const SandboxTenant tenant = SandboxTenant::subuser(text("v3-record"));
        m_server.data().addGeneratedSuppressions(tenant, SuppressionList::Bounces, 1000);
        QStringList emails;
        for (const SandboxSuppression &present :
             m_server.data().suppressions(tenant, SuppressionList::Bounces).mid(0, 600))
            emails << present.email;
        QTemporaryDir data;
        QProcessEnvironment env = v3Environment();
        env.insert(text("XDG_DATA_HOME"), data.path());
        // "--": generated addresses may begin with '-', which would read as options.
        const CliTest::Run result =
            run(args({"delete", "--customer", "v3-record", "--yes", "--"}) + emails, env);
        QCOMPARE(result.exitCode, 0);
        QStringList expected;
        for (const QString &email : std::as_const(emails))
            expected << text("deleted: ") + email;
        QCOMPARE(result.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts), expected);
        QCOMPARE(m_server.data().suppressionCount(tenant, SuppressionList::Bounces), 400);
        int bulk = 0;
        for (const SandboxRequest &request : v3Requests())
            bulk += request.httpMethod == QLatin1String("DELETE") && request.email.isEmpty();
        QCOMPARE(bulk, 2);
        const DeletionRecordReader::Result read =
            DeletionRecordReader::read(data.filePath(text("BounceDesk/deletions.jsonl")));
        QVERIFY(read.skipped.isEmpty());
        QCOMPARE(read.entries.size(), 600);
        QSet<QString> recorded;
        for (const DeletionEntry &entry : read.entries) {
            recorded.insert(entry.email);
            QCOMPARE(entry.outcome, DeletionOutcome::Deleted);
            QCOMPARE(entry.api, text("v3"));
            QCOMPARE(entry.customer, text("v3-record"));
        }
        QCOMPARE(recorded, QSet<QString>(emails.cbegin(), emails.cend()));
    }

    // The record could be written when the command began, and not when the read-back's 600
    // outcomes came (one batch): none of them is printed as done; stderr names them all, exit 1.
    void aRecordFailureShowsNoneOfItsBatchDone() {
        const SandboxTenant tenant = SandboxTenant::subuser(text("v3-unrecorded"));
        m_server.data().addGeneratedSuppressions(tenant, SuppressionList::Bounces, 600);
        QStringList emails;
        for (const SandboxSuppression &present :
             m_server.data().suppressions(tenant, SuppressionList::Bounces))
            emails << present.email;
        QTemporaryDir data;
        const QString path = data.filePath(text("BounceDesk/deletions.jsonl"));
        QProcessEnvironment env = v3Environment();
        env.insert(text("XDG_DATA_HOME"), data.path());
        // The first delete request comes after the record was checked (and made): a folder
        // takes its place before any outcome can be written.
        bool blocked = false;
        const QMetaObject::Connection watch = connect(
            &m_server, &SandboxServer::requestReceived, this, [&](const SandboxRequest &request) {
                if (!blocked && request.httpMethod == QLatin1String("DELETE")) {
                    blocked = QFile::remove(path) && QDir().mkpath(path);
                }
            });
        const CliTest::Run result =
            run(args({"delete", "--customer", "v3-unrecorded", "--yes", "--"}) + emails, env);
        disconnect(watch);
        QVERIFY(blocked);
        QCOMPARE(result.exitCode, 1);
        QCOMPARE(result.out, QString()); // nothing printed as done
        QVERIFY2(result.err.contains(text("stopped deleting: no further request is sent. These "
                                          "600 outcomes were not recorded:")),
                 qPrintable(result.err.left(500)));
        for (const QString &email : std::as_const(emails))
            QVERIFY2(result.err.contains(text("\nbouncedesk: deleted: ") + email + u'\n'),
                     qPrintable(email));
        // Gone on the server all the same: that is what the message is for.
        QCOMPARE(m_server.data().suppressionCount(tenant, SuppressionList::Bounces), 0);
    }

    // An unknown subuser in on-behalf-of: a clear line on stderr naming it, nothing on stdout.
    // (Only the first line is checked: Qt may warn after it, "QNetworkReplyImplPrivate::error:
    // Internal problem…", for the pages still in flight; noted, not fixed here.)
    void unknownCustomerIsOneClearLine() {
        const CliTest::Run result = runV3(args({"export", "--customer", "v3-nobody-here"}));
        QCOMPARE(result.exitCode, 1);
        QVERIFY(result.rawOut.isEmpty());
        const QStringList lines = result.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY(!lines.isEmpty());
        QVERIFY2(lines.first().startsWith(text("bouncedesk: ")), qPrintable(result.err));
        QVERIFY2(lines.first().contains(text("v3-nobody-here")), qPrintable(result.err));
        QVERIFY(!result.err.contains(CliTest::key()));
    }

    // Groups answer a delete with 204 even for an absent address: the line still tells the truth.
    void anAbsentGroupMemberWasNotOnTheList() {
        const SandboxTenant tenant = SandboxTenant::subuser(text("v3-group-absent"));
        SandboxGroup news;
        news.id = 21;
        news.name = text("News");
        m_server.data().setGroup(tenant, news, {row("in@x.com", 5)});
        const CliTest::Run result =
            runV3(args({"delete", "--customer", "v3-group-absent", "--list", "group_unsubscribes",
                        "--group", "21", "--recipient-consented", "--yes", "out@x.com"}));
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(result.out, text("was not on the list: out@x.com\n"));
        QCOMPARE(m_server.data().suppressions(tenant, SuppressionList::GroupUnsubscribes).size(),
                 1);
    }

    // An export of a short list asks for pages past its end and drops them once the short page
    // came; the process may end while such a request is still on its way into the emulator.
    // run() returns only once the emulator took everything the process sent, so the request
    // log is complete and nothing of this run is logged into the next test's (under load, a
    // request left behind was logged there: parentHasNoOnBehalfOf saw a customer's request).
    void aRunEndsWithEveryRequestTaken() {
        const SandboxTenant tenant = SandboxTenant::subuser(text("v3-taken"));
        m_server.data().setSuppressions(tenant, SuppressionList::Bounces, {row("t@x.com", 5)});
        m_server.clearRequests();
        const CliTest::Run result = runV3(args({"export", "--customer", "v3-taken"}));
        QCOMPARE(result.exitCode, 0);
        QVERIFY(everyRequestTaken());
        QVERIFY(!v3Requests().isEmpty());
        for (const SandboxRequest &request : v3Requests())
            QCOMPARE(request.onBehalfOf, text("v3-taken"));
    }

    void spamReportSingleDelete() {
        const SandboxTenant tenant = SandboxTenant::subuser(text("v3-spam"));
        SandboxSuppression report = row("s@x.com", 5);
        report.ip = text("192.0.2.9");
        m_server.data().setSuppressions(tenant, SuppressionList::SpamReports, {report});
        CliTest::Run result =
            runV3(args({"delete", "--customer", "v3-spam", "--list", "spam_reports",
                        "--recipient-consented", "--yes", "s@x.com"}));
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(result.out, text("deleted: s@x.com\n"));
        result = runV3(args({"delete", "--customer", "v3-spam", "--list", "spam_reports",
                             "--recipient-consented", "--yes", "s@x.com"}));
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(result.out, text("was not on the list: s@x.com\n"));
    }
};

QTEST_GUILESS_MAIN(TestCliV3)
#include "tst_cliv3.moc"
