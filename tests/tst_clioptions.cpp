// The command line's options for v3 and the lists (issues 12 and 13), parsed without running
// anything: which API a URL means, --api / BOUNCEDESK_API, --region, --tenants, --parent, --list
// and the consent rule. No server, no process.

#include "cli/clioptions.h"

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

} // namespace

class TestCliOptions final : public QObject {
    Q_OBJECT

    static CliParseResult parse(QStringList arguments) {
        arguments.prepend(QStringLiteral("bouncedesk"));
        return parseCommandLine(arguments);
    }

private Q_SLOTS:
    void init() {
        qunsetenv("BOUNCEDESK_API");
        qunsetenv("BOUNCEDESK_API_URL");
    }

    void detectsTheApi_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("environmentApi");
        QTest::addColumn<QByteArray>("environmentUrl");
        QTest::addColumn<bool>("v2");
        QTest::addColumn<QString>("baseUrl");

        QTest::newRow("nothing: v3 global") << args({"customers"}) << QByteArray() << QByteArray()
                                            << false << text("https://api.sendgrid.com/");
        QTest::newRow("region eu") << args({"customers", "--region", "eu"}) << QByteArray()
                                   << QByteArray() << false << text("https://api.eu.sendgrid.com/");
        QTest::newRow("v2 url") << args({"customers", "--api-url", "http://127.0.0.1:9/apiv2/"})
                                << QByteArray() << QByteArray() << true
                                << text("http://127.0.0.1:9/apiv2/");
        QTest::newRow("v2 url from environment")
            << args({"customers"}) << QByteArray() << QByteArray("http://127.0.0.1:9/apiv2") << true
            << text("http://127.0.0.1:9/apiv2");
        QTest::newRow("v3 custom url")
            << args({"customers", "--api-url", "http://127.0.0.1:9/"}) << QByteArray()
            << QByteArray() << false << text("http://127.0.0.1:9/");
        QTest::newRow("--api v2 without url")
            << args({"customers", "--api", "v2"}) << QByteArray() << QByteArray() << true
            << text("https://api.sendgrid.com/apiv2/");
        QTest::newRow("--api v3 over a v2 url")
            << args({"customers", "--api", "v3", "--api-url", "http://127.0.0.1:9/apiv2/"})
            << QByteArray() << QByteArray() << false << text("http://127.0.0.1:9/apiv2/");
        QTest::newRow("BOUNCEDESK_API v2")
            << args({"customers"}) << QByteArray("v2") << QByteArray() << true
            << text("https://api.sendgrid.com/apiv2/");
        QTest::newRow("--api beats BOUNCEDESK_API")
            << args({"customers", "--api", "v3"}) << QByteArray("v2") << QByteArray() << false
            << text("https://api.sendgrid.com/");
    }
    void detectsTheApi() {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, environmentApi);
        QFETCH(QByteArray, environmentUrl);
        QFETCH(bool, v2);
        QFETCH(QString, baseUrl);
        if (!environmentApi.isEmpty())
            qputenv("BOUNCEDESK_API", environmentApi);
        if (!environmentUrl.isEmpty())
            qputenv("BOUNCEDESK_API_URL", environmentUrl);
        const CliParseResult result = parse(arguments);
        QCOMPARE(result.kind, CliParseResult::Kind::Run);
        QCOMPARE(result.invocation.connection.api == ApiVersion::V2, v2);
        QCOMPARE(result.invocation.connection.baseUrl, QUrl(baseUrl));
    }

    void usageErrors_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("says");

        QTest::newRow("bad --api") << args({"customers", "--api", "v4"}) << text("v2 or v3");
        QTest::newRow("bad region")
            << args({"customers", "--region", "us"}) << text("global or eu");
        QTest::newRow("region under v2")
            << args({"customers", "--api-url=http://127.0.0.1:9/apiv2/", "--region", "eu"})
            << text("v3");
        QTest::newRow("bad tenants")
            << args({"customers", "--tenants", "teammates"}) << text("subusers or accounts");
        QTest::newRow("tenants under v2")
            << args({"customers", "--api-url=http://127.0.0.1:9/apiv2/", "--tenants", "accounts"})
            << text("v3");
        QTest::newRow("customer and parent")
            << args({"export", "--customer", "acme", "--parent"}) << text("not both");
        QTest::newRow("neither") << args({"export"}) << text("--parent");
        QTest::newRow("parent under v2")
            << args({"export", "--api-url=http://127.0.0.1:9/apiv2/", "--parent"}) << text("v3");
        QTest::newRow("unknown list") << args({"export", "--customer", "acme", "--list", "bouncez"})
                                      << text("group_unsubscribes");
        QTest::newRow("blocks under v2") << args({"export", "--api-url=http://127.0.0.1:9/apiv2/",
                                                  "--customer", "acme", "--list", "blocks"})
                                         << text("v3");
        QTest::newRow("delete blocks under v2")
            << args({"delete", "--api-url=http://127.0.0.1:9/apiv2/", "--customer", "acme",
                     "--list", "blocks", "--yes", "a@b.c"})
            << text("v3");
        QTest::newRow("spam reports without consent")
            << args({"delete", "--customer", "acme", "--list", "spam_reports", "--yes", "a@b.c"})
            << text("--recipient-consented");
        QTest::newRow("unsubscribes without consent")
            << args({"delete", "--parent", "--list", "unsubscribes", "--yes", "a@b.c"})
            << text("--recipient-consented");
        QTest::newRow("groups without consent")
            << args({"delete", "--parent", "--list", "group_unsubscribes", "--yes", "a@b.c"})
            << text("--recipient-consented");
        QTest::newRow("group on bounces")
            << args({"delete", "--parent", "--group", "7", "--yes", "a@b.c"})
            << text("group_unsubscribes");
    }
    void usageErrors() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, says);
        const CliParseResult result = parse(arguments);
        QCOMPARE(result.kind, CliParseResult::Kind::UsageError);
        QVERIFY2(result.text.contains(says), qPrintable(result.text));
    }

    void readsTheV3Options() {
        CliParseResult result = parse(args({"delete", "--tenants", "accounts", "--customer", "sg2a",
                                            "--list", "group_unsubscribes", "--group", "42",
                                            "--recipient-consented", "--yes", "a@b.c", "d+e@f.g"}));
        QCOMPARE(result.kind, CliParseResult::Kind::Run);
        const CliInvocation &delete_ = result.invocation;
        QVERIFY(delete_.accounts);
        QCOMPARE(delete_.customer, QStringLiteral("sg2a"));
        QCOMPARE(delete_.list, SuppressionList::GroupUnsubscribes);
        QCOMPARE(delete_.groupId, QStringLiteral("42"));
        QVERIFY(delete_.recipientConsented);
        QCOMPARE(delete_.emails, args({"a@b.c", "d+e@f.g"}));

        result = parse(args({"export", "--parent", "--list", "invalid_emails", "--region", "eu"}));
        QCOMPARE(result.kind, CliParseResult::Kind::Run);
        QVERIFY(result.invocation.parent);
        QVERIFY(result.invocation.connection.eu);
        QVERIFY(!result.invocation.connection.customUrl);
        QCOMPARE(result.invocation.list, SuppressionList::InvalidEmails);

        // Without --list: bounces, as before.
        result = parse(args({"export", "--customer", "acme"}));
        QCOMPARE(result.kind, CliParseResult::Kind::Run);
        QCOMPARE(result.invocation.list, SuppressionList::Bounces);
        QVERIFY(!result.invocation.parent);
    }

    void helpNamesTheNewOptions() {
        const CliParseResult overview = parse(args({"--help"}));
        QCOMPARE(overview.kind, CliParseResult::Kind::ShowText);
        for (const char *word : {"--api v2|v3", "--region", "--tenants", "--parent", "--list",
                                 "--recipient-consented", "SENDGRID_API_KEY", "subusers.read"})
            QVERIFY2(overview.text.contains(QLatin1String(word)), word);
        const CliParseResult deleteHelp = parse(args({"help", "delete"}));
        for (const char *word : {"--group", "--recipient-consented", "--parent", "--list"})
            QVERIFY2(deleteHelp.text.contains(QLatin1String(word)), word);
    }
};

QTEST_GUILESS_MAIN(TestCliOptions)
#include "tst_clioptions.moc"
