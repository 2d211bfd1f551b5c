// The emulator's v3 API (api-v3-notes.md §2): Bearer key, on-behalf-of tenants and regions,
// subusers and customer accounts, the six lists with paging, filters, single and bulk deletes
// and their quirks, errors[] bodies, and the rate limiter on an injected clock.
// Faults on v3 calls are in tst_sandboxv3faults.cpp.

#include "sandbox/sandboxserver.h"
#include "sandboxtestclient.h"

#include <QtTest>

namespace {

const QString kJordan = QStringLiteral("jordan.lee@example.com");

QJsonValue json(const QByteArray &body) {
    const QJsonDocument document = QJsonDocument::fromJson(body);
    return document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
}

QByteArray errorsBody(const char *message, const char *field = nullptr) {
    return QByteArray("{\"errors\":[{\"field\":") +
           (field ? QByteArray("\"") + field + "\"" : QByteArray("null")) + ",\"message\":\"" +
           message + "\"}]}";
}

QStringList emails(const QByteArray &body) {
    QStringList result;
    for (const QJsonValue &row : json(body).toArray())
        result.append(row.toObject().value(QStringLiteral("email")).toString());
    return result;
}

QStringList strings(std::initializer_list<const char *> utf8) {
    QStringList result;
    for (const char *text : utf8)
        result.append(QString::fromUtf8(text));
    return result;
}

QStringList keys(const QJsonValue &row) {
    QStringList result = row.toObject().keys();
    result.sort();
    return result;
}

} // namespace

class TestSandboxV3 final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void authorization_data();
    void authorization();
    void tenants_data();
    void tenants();
    void regions_data();
    void regions();
    void subusers();
    void subuserPagingAndCap();
    void partnerAccounts();
    void listFields_data();
    void listFields();
    void paging();
    void pagingAGeneratedMillion();
    void limitAndParameterErrors_data();
    void limitAndParameterErrors();
    void emailFilter_data();
    void emailFilter();
    void timeFilter();
    void singleLookup();
    void singleDelete_data();
    void singleDelete();
    void subuserBouncesAreItsV2Bounces();
    void bulkDelete();
    void bulkDeleteAll();
    void bulkDeleteBodyErrors_data();
    void bulkDeleteBodyErrors();
    void globalUnsubscribes();
    void groups();
    void routeErrors_data();
    void routeErrors();
    void rateLimitOnInjectedClock();
    void strictAccept();
    void demoAddressOnSeveralListsAndTenants();
    void requestLog();

private:
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<SandboxTestClient> m_client;
    qint64 m_nowMs = 1'767'225'600'000; // 2026-01-01, stepped by the rate-limit test
};

void TestSandboxV3::init() {
    m_server = std::make_unique<SandboxServer>();
    QVERIFY2(m_server->listen(), qPrintable(m_server->errorString()));
    m_client = std::make_unique<SandboxTestClient>(m_server.get());
}

void TestSandboxV3::cleanup() {
    m_client.reset();
    m_server.reset();
}

void TestSandboxV3::authorization_data() {
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("status");
    QTest::newRow("demo key") << SandboxServer::demoKey() << 200;
    QTest::newRow("no key") << QString() << 401;
    QTest::newRow("wrong key") << QStringLiteral("SG.wrong") << 401;
    QTest::newRow("key with a suffix") << SandboxServer::demoKey() + QLatin1Char('x') << 401;
}

void TestSandboxV3::authorization() {
    QFETCH(QString, key);
    QFETCH(int, status);
    const HttpResult reply =
        m_client->v3("GET", QStringLiteral("v3/suppression/bounces"), {}, {}, key);
    QVERIFY(reply.finished);
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.header("content-type"), QByteArray("application/json"));
    if (status == 401)
        QCOMPARE(reply.body, errorsBody("authorization required"));
    else
        QVERIFY(json(reply.body).isArray());
    // Every answer announces the rate limit, refused ones too.
    QVERIFY(!reply.header("x-ratelimit-limit").isEmpty());
    QVERIFY(!reply.header("x-ratelimit-remaining").isEmpty());
    QVERIFY(!reply.header("x-ratelimit-reset").isEmpty());
}

void TestSandboxV3::tenants_data() {
    QTest::addColumn<QString>("onBehalfOf");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("firstEmail"); // of the bounces, when 200
    QTest::newRow("parent") << QString() << 200 << kJordan;
    QTest::newRow("subuser") << QStringLiteral("acme") << 200
                             << QStringLiteral("john.doe@acme-corp.example");
    QTest::newRow("subuser with @ and +")
        << QStringLiteral("reports+eu@soylent.example") << 200 << QString();
    QTest::newRow("account") << QStringLiteral("account-id sg0b2d4f6a8c1e3b5d7f9a0c2e4b6d8f1a")
                             << 200 << QString();
    QTest::newRow("unknown subuser") << QStringLiteral("nobody") << 403 << QString();
    QTest::newRow("subuser_ prefix is wrong") << QStringLiteral("subuser_acme") << 403 << QString();
    QTest::newRow("unknown account") << QStringLiteral("account-id sg-nope") << 403 << QString();
    QTest::newRow("account id as a username")
        << QStringLiteral("sg0b2d4f6a8c1e3b5d7f9a0c2e4b6d8f1a") << 403 << QString();
}

void TestSandboxV3::tenants() {
    QFETCH(QString, onBehalfOf);
    QFETCH(int, status);
    QFETCH(QString, firstEmail);
    const HttpResult reply =
        m_client->v3("GET", QStringLiteral("v3/suppression/bounces?limit=5"), onBehalfOf);
    QCOMPARE(reply.status, status);
    if (status == 403) {
        QCOMPARE(reply.body, errorsBody("access forbidden"));
        return;
    }
    const QStringList got = emails(reply.body);
    QVERIFY(!got.isEmpty());
    if (!firstEmail.isEmpty())
        QCOMPARE(got.first(), firstEmail);
}

void TestSandboxV3::regions_data() {
    QTest::addColumn<int>("served");
    QTest::addColumn<QString>("onBehalfOf");
    QTest::addColumn<int>("status");
    const int global = int(SandboxRegion::Global);
    const int eu = int(SandboxRegion::Eu);
    const int both = int(SandboxRegion::Both);
    QTest::newRow("global host, global subuser") << global << QStringLiteral("acme") << 200;
    QTest::newRow("global host, eu subuser") << global << QStringLiteral("cafe-rene") << 403;
    QTest::newRow("eu host, eu subuser") << eu << QStringLiteral("cafe-rene") << 200;
    QTest::newRow("eu host, global subuser") << eu << QStringLiteral("acme") << 403;
    QTest::newRow("both, eu subuser") << both << QStringLiteral("cafe-rene") << 200;
    QTest::newRow("both, global subuser") << both << QStringLiteral("acme") << 200;
    QTest::newRow("global host, parent") << global << QString() << 200;
    QTest::newRow("eu host, parent") << eu << QString() << 200;
    QTest::newRow("eu host, account")
        << eu << QStringLiteral("account-id sg0b2d4f6a8c1e3b5d7f9a0c2e4b6d8f1a") << 403;
}

void TestSandboxV3::regions() {
    QFETCH(int, served);
    QFETCH(QString, onBehalfOf);
    QFETCH(int, status);
    QCOMPARE(m_server->regionServed(), SandboxRegion::Both); // the default
    m_server->setRegionServed(SandboxRegion(served));
    const HttpResult reply =
        m_client->v3("GET", QStringLiteral("v3/suppression/blocks"), onBehalfOf);
    QCOMPARE(reply.status, status);
    if (status == 403) {
        const QJsonObject error =
            json(reply.body).toObject().value(QStringLiteral("errors")).toArray().at(0).toObject();
        QVERIFY(error.value(QStringLiteral("field")).isNull());
        QVERIFY2(error.value(QStringLiteral("message"))
                     .toString()
                     .startsWith(QStringLiteral("access forbidden")),
                 reply.body.constData());
    }
}

void TestSandboxV3::subusers() {
    HttpResult reply = m_client->v3("GET", QStringLiteral("v3/subusers"));
    QCOMPARE(reply.status, 200);
    const QJsonArray all = json(reply.body).toArray();
    const QList<Customer> customers = m_server->data().customers();
    QCOMPARE(all.size(), customers.size());
    for (qsizetype i = 0; i < all.size(); ++i) {
        const QJsonObject row = all[i].toObject();
        QCOMPARE(keys(row), (strings({"disabled", "email", "id", "username"})));
        QCOMPARE(row.value(QStringLiteral("username")).toString(), customers[i].username);
        QCOMPARE(row.value(QStringLiteral("email")).toString(), customers[i].email);
        QCOMPARE(row.value(QStringLiteral("disabled")).toBool(), !customers[i].active);
        QVERIFY(row.value(QStringLiteral("id")).isDouble());
    }

    reply = m_client->v3("GET", QStringLiteral("v3/subusers?include_region=true&region=all"));
    QStringList eu;
    QStringList disabled;
    for (const QJsonValue &value : json(reply.body).toArray()) {
        const QJsonObject row = value.toObject();
        QCOMPARE(keys(row), (strings({"disabled", "email", "id", "region", "username"})));
        if (row.value(QStringLiteral("region")).toString() == QLatin1String("eu"))
            eu.append(row.value(QStringLiteral("username")).toString());
        if (row.value(QStringLiteral("disabled")).toBool())
            disabled.append(row.value(QStringLiteral("username")).toString());
    }
    QCOMPARE(eu, QStringList{QStringLiteral("cafe-rene")});
    QCOMPARE(disabled, QStringList{QStringLiteral("tyrell")});

    reply = m_client->v3("GET", QStringLiteral("v3/subusers?region=eu"));
    QCOMPARE(emails(reply.body).size(), 1);
    reply = m_client->v3("GET", QStringLiteral("v3/subusers?username=globex"));
    QCOMPARE(json(reply.body).toArray().size(), 1);
    // Listing subusers is the parent's business.
    reply = m_client->v3("GET", QStringLiteral("v3/subusers"), QStringLiteral("acme"));
    QCOMPARE(reply.status, 403);
}

void TestSandboxV3::subuserPagingAndCap() {
    const QStringList added = m_server->data().addGeneratedSubusers(250, 5);
    QCOMPARE(added.size(), 250);
    QCOMPARE(added.first(), QStringLiteral("sub-0001"));
    const qsizetype total = m_server->data().customers().size();
    QStringList seen;
    for (int offset = 0;; offset += 100) {
        // More than the cap asked: 100 come back all the same.
        const HttpResult reply =
            m_client->v3("GET", QStringLiteral("v3/subusers?limit=500&offset=%1").arg(offset));
        QCOMPARE(reply.status, 200);
        const QJsonArray page = json(reply.body).toArray();
        QVERIFY(page.size() <= 100);
        for (const QJsonValue &row : page)
            seen.append(row.toObject().value(QStringLiteral("username")).toString());
        if (page.size() < 100)
            break;
    }
    QCOMPARE(seen.size(), total);
    QCOMPARE(QSet<QString>(seen.begin(), seen.end()).size(), total);
    // A generated subuser has every list.
    const HttpResult blocks = m_client->v3("GET", QStringLiteral("v3/suppression/spam_reports"),
                                           QStringLiteral("sub-0042"));
    QCOMPARE(json(blocks.body).toArray().size(), 5);
    const HttpResult groups =
        m_client->v3("GET", QStringLiteral("v3/asm/groups"), QStringLiteral("sub-0042"));
    QCOMPARE(json(groups.body).toArray().size(), 1);
}

void TestSandboxV3::partnerAccounts() {
    const QList<SandboxPartnerAccount> all = m_server->data().partnerAccounts();
    QCOMPARE(all.size(), 3);
    HttpResult reply = m_client->v3("GET", QStringLiteral("v3/partners/accounts?limit=2"));
    QCOMPARE(reply.status, 200);
    QJsonObject body = json(reply.body).toObject();
    QJsonArray accounts = body.value(QStringLiteral("accounts")).toArray();
    QCOMPARE(accounts.size(), 2);
    QCOMPARE(accounts[0].toObject().value(QStringLiteral("id")).toString(), all[0].id);
    QCOMPARE(accounts[0].toObject().value(QStringLiteral("email")).toString(), all[0].email);
    QVERIFY(!accounts[1].toObject().contains(QStringLiteral("email"))); // only id, created_at sure
    QCOMPARE(accounts[1].toObject().value(QStringLiteral("created_at")).toString(),
             all[1].createdAt);
    const QString last =
        body.value(QStringLiteral("pages")).toObject().value(QStringLiteral("last")).toString();
    QCOMPARE(last, all[1].id);

    reply = m_client->v3("GET", QStringLiteral("v3/partners/accounts?limit=2&offset=") + last);
    accounts = json(reply.body).toObject().value(QStringLiteral("accounts")).toArray();
    QCOMPARE(accounts.size(), 1);
    QCOMPARE(accounts[0].toObject().value(QStringLiteral("id")).toString(), all[2].id);
    reply = m_client->v3("GET", QStringLiteral("v3/partners/accounts?offset=") + all[2].id);
    body = json(reply.body).toObject();
    QVERIFY(body.value(QStringLiteral("accounts")).toArray().isEmpty());
    QVERIFY(body.value(QStringLiteral("pages")).toObject().isEmpty());

    reply = m_client->v3("GET", QStringLiteral("v3/partners/accounts/%1/state").arg(all[1].id));
    QCOMPARE(reply.body, QByteArray(R"({"state":"deactivated"})"));
    reply = m_client->v3("GET", QStringLiteral("v3/partners/accounts/sg-nope/state"));
    QCOMPARE(reply.status, 404);
}

void TestSandboxV3::listFields_data() {
    QTest::addColumn<QString>("path");
    QTest::addColumn<QStringList>("fields");
    QTest::addColumn<int>("list");
    QTest::newRow("bounces") << QStringLiteral("bounces")
                             << strings({"created", "email", "reason", "status"})
                             << int(SuppressionList::Bounces);
    QTest::newRow("blocks") << QStringLiteral("blocks")
                            << strings({"created", "email", "reason", "status"})
                            << int(SuppressionList::Blocks);
    QTest::newRow("invalid_emails")
        << QStringLiteral("invalid_emails") << strings({"created", "email", "reason"})
        << int(SuppressionList::InvalidEmails);
    QTest::newRow("spam_reports") << QStringLiteral("spam_reports")
                                  << strings({"created", "email", "ip"})
                                  << int(SuppressionList::SpamReports);
    QTest::newRow("unsubscribes") << QStringLiteral("unsubscribes") << strings({"created", "email"})
                                  << int(SuppressionList::Unsubscribes);
}

void TestSandboxV3::listFields() {
    QFETCH(QString, path);
    QFETCH(QStringList, fields);
    QFETCH(int, list);
    for (const QString &tenant :
         {QString(), QStringLiteral("globex"),
          QStringLiteral("account-id sg3f9a1c2e7b5d4e6f8a0b1c2d3e4f5a6b")}) {
        const HttpResult reply =
            m_client->v3("GET", QStringLiteral("v3/suppression/") + path, tenant);
        QCOMPARE(reply.status, 200);
        const QJsonArray rows = json(reply.body).toArray();
        const QList<SandboxSuppression> expected = m_server->data().suppressions(
            SandboxTenant::fromOnBehalfOf(tenant), SuppressionList(list));
        QCOMPARE(rows.size(), qMin<qsizetype>(expected.size(), 500));
        QVERIFY(!rows.isEmpty());
        for (qsizetype i = 0; i < rows.size(); ++i) {
            const QJsonObject row = rows[i].toObject();
            QCOMPARE(keys(row), fields);
            QVERIFY(row.value(QStringLiteral("created")).isDouble()); // unix seconds
            QCOMPARE(qint64(row.value(QStringLiteral("created")).toDouble()), expected[i].created);
            QCOMPARE(row.value(QStringLiteral("email")).toString(), expected[i].email);
            if (fields.contains(QStringLiteral("ip")))
                QCOMPARE(row.value(QStringLiteral("ip")).toString(), expected[i].ip);
            if (fields.contains(QStringLiteral("status")))
                QCOMPARE(row.value(QStringLiteral("status")).toString(), expected[i].status);
            if (fields.contains(QStringLiteral("reason")))
                QCOMPARE(row.value(QStringLiteral("reason")).toString(), expected[i].reason);
        }
    }
}

void TestSandboxV3::paging() {
    // initech: 20,000 bounces, so 5,003 blocks.
    const SandboxTenant initech = SandboxTenant::subuser(QStringLiteral("initech"));
    const qsizetype total = m_server->data().suppressionCount(initech, SuppressionList::Blocks);
    QCOMPARE(total, 5003);
    QStringList seen;
    int pages = 0;
    for (qsizetype offset = 0;; offset += 500) {
        const HttpResult reply = m_client->v3(
            "GET", QStringLiteral("v3/suppression/blocks?limit=500&offset=%1").arg(offset),
            QStringLiteral("initech"));
        QCOMPARE(reply.status, 200);
        const QStringList page = emails(reply.body);
        ++pages;
        seen += page;
        if (page.size() < 500)
            break;
    }
    QCOMPARE(pages, 11);
    QCOMPARE(seen.size(), total);
    QCOMPARE(QSet<QString>(seen.begin(), seen.end()).size(), total);
    // Without a limit the page is 500 long.
    const HttpResult plain =
        m_client->v3("GET", QStringLiteral("v3/suppression/blocks"), QStringLiteral("initech"));
    QCOMPARE(emails(plain.body), seen.mid(0, 500));
    const HttpResult past = m_client->v3(
        "GET", QStringLiteral("v3/suppression/blocks?offset=99999"), QStringLiteral("initech"));
    QCOMPARE(past.body, QByteArray("[]"));
}

void TestSandboxV3::pagingAGeneratedMillion() {
    m_server->data().addGeneratedCustomer(QStringLiteral("big"), 1'000'000);
    const Bounce last = m_server->data().bounceAt(QStringLiteral("big"), 999'999);
    QVERIFY(m_server->data().deleteBounce(
        QStringLiteral("big"), m_server->data().bounceAt(QStringLiteral("big"), 10).email));
    HttpResult reply =
        m_client->v3("GET", QStringLiteral("v3/suppression/bounces?limit=500&offset=999499"),
                     QStringLiteral("big"));
    QCOMPARE(reply.status, 200);
    QStringList page = emails(reply.body);
    QCOMPARE(page.size(), 500);
    QCOMPARE(page.last(), last.email);
    reply = m_client->v3("GET", QStringLiteral("v3/suppression/bounces?limit=500&offset=999998"),
                         QStringLiteral("big"));
    QCOMPARE(emails(reply.body), QStringList{last.email}); // one row was deleted: a short page
    // A pinned end_time that covers every row changes nothing.
    reply = m_client->v3(
        "GET", QStringLiteral("v3/suppression/bounces?limit=500&offset=999499&end_time=1900000000"),
        QStringLiteral("big"));
    QCOMPARE(emails(reply.body), page);
}

void TestSandboxV3::limitAndParameterErrors_data() {
    QTest::addColumn<QString>("query");
    QTest::addColumn<QByteArray>("field");
    QTest::newRow("limit 501") << QStringLiteral("limit=501") << QByteArray("limit");
    QTest::newRow("limit 0") << QStringLiteral("limit=0") << QByteArray("limit");
    QTest::newRow("limit text") << QStringLiteral("limit=ten") << QByteArray("limit");
    QTest::newRow("offset negative") << QStringLiteral("offset=-1") << QByteArray("offset");
    QTest::newRow("start_time text")
        << QStringLiteral("start_time=yesterday") << QByteArray("start_time");
    QTest::newRow("end_time text") << QStringLiteral("end_time=now") << QByteArray("end_time");
}

void TestSandboxV3::limitAndParameterErrors() {
    QFETCH(QString, query);
    QFETCH(QByteArray, field);
    const HttpResult reply = m_client->v3("GET", QStringLiteral("v3/suppression/bounces?") + query);
    QCOMPARE(reply.status, 400);
    const QJsonObject error =
        json(reply.body).toObject().value(QStringLiteral("errors")).toArray().at(0).toObject();
    QCOMPARE(error.value(QStringLiteral("field")).toString().toUtf8(), field);
    QVERIFY(!error.value(QStringLiteral("message")).toString().isEmpty());
}

void TestSandboxV3::emailFilter_data() {
    QTest::addColumn<QString>("filter"); // as sent in the query
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("prefix") << QStringLiteral("jordan") << QStringList{kJordan};
    QTest::newRow("prefix, other case")
        << QStringLiteral("MIXED") << strings({"Mixed.Case@Example.ORG"});
    QTest::newRow("plus as %2B") << QStringLiteral("billing%2Beu")
                                 << strings({"billing+eu@example.com"});
    QTest::newRow("plus raw is a space") << QStringLiteral("billing+eu") << QStringList{};
    QTest::newRow("domain by wildcard")
        << QStringLiteral("%25%40example.com")
        << QStringList{kJordan, QStringLiteral("billing+eu@example.com")};
    QTest::newRow("contains") << QStringLiteral("%25market") << strings({"marketing@example.net"});
    QTest::newRow("two wildcards")
        << QStringLiteral("%25a%25.net") << strings({"marketing@example.net"});
    QTest::newRow("whole address")
        << QStringLiteral("jordan.lee%40example.com") << QStringList{kJordan};
    QTest::newRow("nothing") << QStringLiteral("zzz") << QStringList{};
}

void TestSandboxV3::emailFilter() {
    QFETCH(QString, filter);
    QFETCH(QStringList, expected);
    const HttpResult reply =
        m_client->v3("GET", QStringLiteral("v3/suppression/bounces?limit=500&email=") + filter);
    QCOMPARE(reply.status, 200);
    QCOMPARE(emails(reply.body), expected);
}

void TestSandboxV3::timeFilter() {
    // The parent's bounces were created at 1735689600, 1714557600, 1704067200, 1696118400,
    // 1690000000; the bounds are inclusive.
    HttpResult reply = m_client->v3(
        "GET", QStringLiteral("v3/suppression/bounces?start_time=1704067200&end_time=1714557600"));
    QCOMPARE(emails(reply.body), (strings({"billing+eu@example.com", "Mixed.Case@Example.ORG"})));
    reply = m_client->v3("GET", QStringLiteral("v3/suppression/bounces?end_time=1690000000"));
    QCOMPARE(emails(reply.body).size(), 1);
    reply = m_client->v3(
        "GET", QStringLiteral("v3/suppression/bounces?start_time=1690000001&limit=2&offset=1"));
    QCOMPARE(emails(reply.body), (strings({"billing+eu@example.com", "Mixed.Case@Example.ORG"})));
}

void TestSandboxV3::singleLookup() {
    HttpResult reply =
        m_client->v3("GET", QStringLiteral("v3/suppression/bounces/jordan.lee%40example.com"));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.body,
             QByteArray(R"([{"created":1735689600,"email":"jordan.lee@example.com","reason":)"
                        R"("550 5.1.1 The email account that you tried to reach does not exist.",)"
                        R"("status":"5.1.1"}])"));
    reply = m_client->v3("GET", QStringLiteral("v3/suppression/bounces/Jordan.Lee@example.com"));
    QCOMPARE(emails(reply.body), QStringList{kJordan}); // as SendGrid: case does not matter
    reply = m_client->v3("GET", QStringLiteral("v3/suppression/bounces/billing+eu@example.com"));
    QCOMPARE(emails(reply.body), strings({"billing+eu@example.com"})); // '+' in a path is a plus
    reply = m_client->v3("GET", QStringLiteral("v3/suppression/spam_reports/nobody@example.com"));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.body, QByteArray("[]"));
}

void TestSandboxV3::singleDelete_data() {
    QTest::addColumn<QString>("list");
    QTest::addColumn<int>("id");
    QTest::newRow("bounces") << QStringLiteral("bounces") << int(SuppressionList::Bounces);
    QTest::newRow("blocks") << QStringLiteral("blocks") << int(SuppressionList::Blocks);
    QTest::newRow("invalid_emails")
        << QStringLiteral("invalid_emails") << int(SuppressionList::InvalidEmails);
    QTest::newRow("spam_reports") << QStringLiteral("spam_reports")
                                  << int(SuppressionList::SpamReports);
}

void TestSandboxV3::singleDelete() {
    QFETCH(QString, list);
    QFETCH(int, id);
    const SandboxTenant tenant = SandboxTenant::subuser(QStringLiteral("stark"));
    const SuppressionList which = SuppressionList(id);
    const QList<SandboxSuppression> before = m_server->data().suppressions(tenant, which);
    const QString victim = before.at(1).email;
    const QString path = QStringLiteral("v3/suppression/%1/%2?email_address=%2")
                             .arg(list, QString::fromLatin1(QUrl::toPercentEncoding(victim)));
    HttpResult reply = m_client->v3("DELETE", path, QStringLiteral("stark"));
    QCOMPARE(reply.status, 204);
    QVERIFY(reply.body.isEmpty());
    QCOMPARE(m_server->data().suppressionCount(tenant, which), before.size() - 1);
    reply =
        m_client->v3("GET", QStringLiteral("v3/suppression/") + list + QStringLiteral("?limit=500"),
                     QStringLiteral("stark"));
    QVERIFY(!emails(reply.body).contains(victim));
    reply = m_client->v3("DELETE", path, QStringLiteral("stark"));
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.body, errorsBody("email does not exist"));
}

void TestSandboxV3::subuserBouncesAreItsV2Bounces() {
    const QList<Bounce> v2 = m_server->data().bounces(QStringLiteral("stark"));
    HttpResult reply =
        m_client->v3("GET", QStringLiteral("v3/suppression/bounces"), QStringLiteral("stark"));
    QStringList v2Emails;
    for (const Bounce &bounce : v2)
        v2Emails.append(bounce.email);
    QCOMPARE(emails(reply.body), v2Emails);
    reply = m_client->v3("DELETE",
                         QStringLiteral("v3/suppression/bounces/") +
                             QString::fromLatin1(QUrl::toPercentEncoding(v2.first().email)),
                         QStringLiteral("stark"));
    QCOMPARE(reply.status, 204);
    QVERIFY(m_server->data().isDeleted(QStringLiteral("stark"), v2.first().email));
    QCOMPARE(m_server->data().bounceCount(QStringLiteral("stark")), v2.size() - 1);
}

void TestSandboxV3::bulkDelete() {
    const SandboxTenant tenant = SandboxTenant::parent();
    const qsizetype before = m_server->data().suppressionCount(tenant, SuppressionList::Bounces);
    const HttpResult reply = m_client->v3(
        "DELETE", QStringLiteral("v3/suppression/bounces"), {},
        R"({"emails":["jordan.lee@example.com","billing+eu@example.com","absent@example.com"]})");
    QCOMPARE(reply.status, 204); // absent addresses change nothing: no per-address result
    QVERIFY(reply.body.isEmpty());
    QCOMPARE(m_server->data().suppressionCount(tenant, SuppressionList::Bounces), before - 2);
    const HttpResult back = m_client->v3("GET", QStringLiteral("v3/suppression/bounces"));
    QVERIFY(!emails(back.body).contains(kJordan));
    QVERIFY(!emails(back.body).contains(QStringLiteral("billing+eu@example.com")));
    // The other lists keep the address.
    QCOMPARE(m_client->v3("GET", QStringLiteral("v3/suppression/blocks/jordan.lee%40example.com"))
                 .body.count("jordan.lee"),
             1);
}

void TestSandboxV3::bulkDeleteAll() {
    const HttpResult reply = m_client->v3("DELETE", QStringLiteral("v3/suppression/blocks"),
                                          QStringLiteral("globex"), R"({"delete_all":true})");
    QCOMPARE(reply.status, 204);
    QCOMPARE(m_server->data().suppressionCount(SandboxTenant::subuser(QStringLiteral("globex")),
                                               SuppressionList::Blocks),
             0);
    QCOMPARE(
        m_client->v3("GET", QStringLiteral("v3/suppression/blocks"), QStringLiteral("globex")).body,
        QByteArray("[]"));
    // Only that tenant's list.
    QVERIFY(m_server->data().suppressionCount(SandboxTenant::subuser(QStringLiteral("acme")),
                                              SuppressionList::Blocks) > 0);
}

void TestSandboxV3::bulkDeleteBodyErrors_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("both") << QByteArray(R"({"emails":["a@b.c"],"delete_all":true})");
    QTest::newRow("neither") << QByteArray(R"({})");
    QTest::newRow("not json") << QByteArray("emails=a@b.c");
    QTest::newRow("emails not strings") << QByteArray(R"({"emails":[1,2]})");
    QTest::newRow("delete_all false") << QByteArray(R"({"delete_all":false})");
    QTest::newRow("no body") << QByteArray();
}

void TestSandboxV3::bulkDeleteBodyErrors() {
    QFETCH(QByteArray, body);
    const qsizetype before =
        m_server->data().suppressionCount(SandboxTenant::parent(), SuppressionList::Bounces);
    const HttpResult reply =
        m_client->v3("DELETE", QStringLiteral("v3/suppression/bounces"), {}, body);
    QCOMPARE(reply.status, 400);
    QVERIFY(json(reply.body).toObject().value(QStringLiteral("errors")).isArray());
    QCOMPARE(m_server->data().suppressionCount(SandboxTenant::parent(), SuppressionList::Bounces),
             before);
}

void TestSandboxV3::globalUnsubscribes() {
    HttpResult reply =
        m_client->v3("GET", QStringLiteral("v3/asm/suppressions/global/jordan.lee%40example.com"));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.body, QByteArray(R"({"recipient_email":"jordan.lee@example.com"})"));
    reply = m_client->v3("GET", QStringLiteral("v3/asm/suppressions/global/nobody%40example.com"));
    QCOMPARE(reply.body, QByteArray("{}"));
    // Delete answers 204 whether or not the address was there (a documented quirk).
    reply = m_client->v3("DELETE",
                         QStringLiteral("v3/asm/suppressions/global/jordan.lee%40example.com"));
    QCOMPARE(reply.status, 204);
    reply = m_client->v3("DELETE",
                         QStringLiteral("v3/asm/suppressions/global/jordan.lee%40example.com"));
    QCOMPARE(reply.status, 204);
    reply = m_client->v3("GET", QStringLiteral("v3/suppression/unsubscribes"));
    QCOMPARE(emails(reply.body), strings({"bye@example.com"}));
    // No bulk delete and no single entry under /suppression/ for this list.
    QCOMPARE(m_client
                 ->v3("DELETE", QStringLiteral("v3/suppression/unsubscribes"), {},
                      R"({"delete_all":true})")
                 .status,
             405);
    QCOMPARE(
        m_client->v3("GET", QStringLiteral("v3/suppression/unsubscribes/bye%40example.com")).status,
        404);
    // Adding.
    reply = m_client->v3("POST", QStringLiteral("v3/asm/suppressions/global"), {},
                         R"({"recipient_emails":["new@example.com"]})");
    QCOMPARE(reply.status, 201);
    reply = m_client->v3("GET", QStringLiteral("v3/suppression/unsubscribes"));
    QCOMPARE(emails(reply.body), (strings({"bye@example.com", "new@example.com"})));
}

void TestSandboxV3::groups() {
    HttpResult reply = m_client->v3("GET", QStringLiteral("v3/asm/groups"));
    QCOMPARE(reply.status, 200);
    const QJsonArray groups = json(reply.body).toArray();
    QCOMPARE(groups.size(), 3);
    QCOMPARE(keys(groups[0]),
             (strings({"description", "id", "is_default", "name", "unsubscribes"})));
    QCOMPARE(groups[0].toObject().value(QStringLiteral("id")).toInt(), 101);
    QCOMPARE(groups[0].toObject().value(QStringLiteral("unsubscribes")).toInt(), 2);

    reply = m_client->v3("GET", QStringLiteral("v3/asm/groups/101/suppressions"));
    QCOMPARE(reply.body, QByteArray(R"(["jordan.lee@example.com","bye@example.com"])"));

    reply = m_client->v3("GET", QStringLiteral("v3/asm/suppressions"));
    const QJsonArray all = json(reply.body).toArray();
    QCOMPARE(all.size(), 3); // one row per (address, group): jordan is in two groups
    QCOMPARE(keys(all[0]), (strings({"created_at", "email", "group_id", "group_name"})));
    QCOMPARE(all[0].toObject().value(QStringLiteral("email")).toString(), kJordan);
    QCOMPARE(all[0].toObject().value(QStringLiteral("group_name")).toString(),
             QStringLiteral("Newsletter"));
    QCOMPARE(qint64(all[0].toObject().value(QStringLiteral("created_at")).toDouble()), 1736121600);

    reply = m_client->v3("GET", QStringLiteral("v3/asm/suppressions/jordan.lee%40example.com"));
    QStringList suppressedIn;
    for (const QJsonValue &group :
         json(reply.body).toObject().value(QStringLiteral("suppressions")).toArray()) {
        QVERIFY(group.toObject().contains(QStringLiteral("suppressed")));
        if (group.toObject().value(QStringLiteral("suppressed")).toBool())
            suppressedIn.append(group.toObject().value(QStringLiteral("name")).toString());
    }
    QCOMPARE(suppressedIn, (strings({"Newsletter", "Product updates"})));

    reply = m_client->v3("POST", QStringLiteral("v3/asm/groups/102/suppressions/search"), {},
                         R"({"recipient_emails":["jordan.lee@example.com","bye@example.com"]})");
    QCOMPARE(reply.body, QByteArray(R"(["jordan.lee@example.com"])"));

    // Delete answers 204 whether or not the address was in the group.
    for (int i = 0; i < 2; ++i) {
        reply = m_client->v3(
            "DELETE", QStringLiteral("v3/asm/groups/102/suppressions/jordan.lee%40example.com"));
        QCOMPARE(reply.status, 204);
    }
    reply = m_client->v3("GET", QStringLiteral("v3/asm/groups/102/suppressions"));
    QCOMPARE(reply.body, QByteArray("[]"));
    QCOMPARE(m_server->data().suppressionCount(SandboxTenant::parent(),
                                               SuppressionList::GroupUnsubscribes),
             2);
    reply = m_client->v3("GET", QStringLiteral("v3/asm/groups/999/suppressions"));
    QCOMPARE(reply.status, 404);
    // A subuser has its own groups.
    reply = m_client->v3("GET", QStringLiteral("v3/asm/groups/150/suppressions"),
                         QStringLiteral("hooli"));
    QCOMPARE(reply.body, QByteArray(R"(["jordan.lee@example.com"])"));
}

void TestSandboxV3::routeErrors_data() {
    QTest::addColumn<QByteArray>("verb");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("allow");
    QTest::newRow("unknown list") << QByteArray("GET") << QStringLiteral("v3/suppression/bananas")
                                  << 404 << QByteArray();
    QTest::newRow("unknown resource")
        << QByteArray("GET") << QStringLiteral("v3/mail/send") << 404 << QByteArray();
    QTest::newRow("POST a list") << QByteArray("POST") << QStringLiteral("v3/suppression/bounces")
                                 << 405 << QByteArray("GET, DELETE");
    QTest::newRow("DELETE subusers")
        << QByteArray("DELETE") << QStringLiteral("v3/subusers") << 405 << QByteArray("GET");
    QTest::newRow("group id not a number")
        << QByteArray("GET") << QStringLiteral("v3/asm/groups/abc/suppressions") << 404
        << QByteArray();
}

void TestSandboxV3::routeErrors() {
    QFETCH(QByteArray, verb);
    QFETCH(QString, path);
    QFETCH(int, status);
    QFETCH(QByteArray, allow);
    const HttpResult reply = m_client->v3(verb, path);
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.header("allow"), allow);
    QVERIFY(json(reply.body).toObject().value(QStringLiteral("errors")).isArray());
}

void TestSandboxV3::rateLimitOnInjectedClock() {
    m_server->setClock([this] { return m_nowMs; });
    m_server->setRateLimit(3, 60);
    const qint64 reset = m_nowMs / 1000 + 60;
    for (int i = 0; i < 3; ++i) {
        m_nowMs += 1000;
        const HttpResult reply = m_client->v3("GET", QStringLiteral("v3/suppression/bounces"));
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.header("x-ratelimit-limit"), QByteArray("3"));
        QCOMPARE(reply.header("x-ratelimit-remaining"), QByteArray::number(2 - i));
        QCOMPARE(reply.header("x-ratelimit-reset").toLongLong(), reset + 1); // window from 1st
    }
    QCOMPARE(m_server->rateLimitRefusals(), 0);
    HttpResult reply = m_client->v3("GET", QStringLiteral("v3/suppression/bounces"));
    QCOMPARE(reply.status, 429);
    QCOMPARE(reply.body, errorsBody("too many requests"));
    QCOMPARE(reply.header("x-ratelimit-remaining"), QByteArray("0"));
    QCOMPARE(reply.header("x-ratelimit-reset").toLongLong(), reset + 1);
    QVERIFY(reply.header("retry-after").isEmpty());
    QCOMPARE(m_server->rateLimitRefusals(), 1);
    // Per endpoint: another call is not spent.
    reply = m_client->v3("GET", QStringLiteral("v3/suppression/blocks"));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.header("x-ratelimit-remaining"), QByteArray("2"));
    // At Reset the window starts afresh.
    m_nowMs = (reset + 1) * 1000;
    reply = m_client->v3("GET", QStringLiteral("v3/suppression/bounces"));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.header("x-ratelimit-remaining"), QByteArray("2"));
    QCOMPARE(m_server->rateLimitRefusals(), 1);
}

void TestSandboxV3::strictAccept() {
    const bool bare = false; // no Accept header
    QCOMPARE(m_client
                 ->v3("GET", QStringLiteral("v3/suppression/bounces"), {}, {},
                      SandboxServer::demoKey(), bare)
                 .status,
             200); // off by default
    m_server->setRequireAccept(true);
    const HttpResult refused = m_client->v3("GET", QStringLiteral("v3/suppression/bounces"), {}, {},
                                            SandboxServer::demoKey(), bare);
    QCOMPARE(refused.status, 406);
    QCOMPARE(refused.body, errorsBody("Missing Accept header"));
    QCOMPARE(m_client->v3("GET", QStringLiteral("v3/suppression/bounces")).status, 200);
}

void TestSandboxV3::demoAddressOnSeveralListsAndTenants() {
    struct Place {
        SandboxTenant tenant;
        SuppressionList list;
    };
    const QList<Place> places = {
        {SandboxTenant::parent(), SuppressionList::Bounces},
        {SandboxTenant::parent(), SuppressionList::Blocks},
        {SandboxTenant::parent(), SuppressionList::SpamReports},
        {SandboxTenant::parent(), SuppressionList::Unsubscribes},
        {SandboxTenant::parent(), SuppressionList::GroupUnsubscribes},
        {SandboxTenant::subuser(QStringLiteral("acme")), SuppressionList::Blocks},
        {SandboxTenant::subuser(QStringLiteral("acme")), SuppressionList::Unsubscribes},
        {SandboxTenant::subuser(QStringLiteral("globex")), SuppressionList::InvalidEmails},
        {SandboxTenant::subuser(QStringLiteral("cafe-rene")), SuppressionList::Blocks},
        {SandboxTenant::subuser(QStringLiteral("tyrell")), SuppressionList::SpamReports},
        {SandboxTenant::subuser(QStringLiteral("hooli")), SuppressionList::GroupUnsubscribes},
        {SandboxTenant::account(QStringLiteral("sg3f9a1c2e7b5d4e6f8a0b1c2d3e4f5a6b")),
         SuppressionList::Bounces},
    };
    for (const Place &place : places) {
        bool found = false;
        for (const SandboxSuppression &row :
             m_server->data().suppressions(place.tenant, place.list))
            found = found || row.email == kJordan;
        QVERIFY2(found, qPrintable(place.tenant.name + QLatin1Char(' ') +
                                   suppressionListCliName(place.list)));
    }
    // Found through the server too, on the subuser's own list.
    const HttpResult reply =
        m_client->v3("GET", QStringLiteral("v3/suppression/blocks/jordan.lee%40example.com"),
                     QStringLiteral("acme"));
    QCOMPARE(emails(reply.body), QStringList{kJordan});
}

void TestSandboxV3::requestLog() {
    m_server->clearRequests();
    m_client->v3("DELETE", QStringLiteral("v3/suppression/blocks/a%2Bb%40example.com"),
                 QStringLiteral("acme"));
    m_client->v3("GET", QStringLiteral("v3/suppression/bounces?limit=500&offset=0"));
    const QList<SandboxRequest> log = m_server->requests();
    QCOMPARE(log.size(), 2);
    QCOMPARE(log[0].api, QStringLiteral("v3"));
    QCOMPARE(log[0].call(), QStringLiteral("v3.blocks.delete"));
    QCOMPARE(log[0].onBehalfOf, QStringLiteral("acme"));
    QCOMPARE(log[0].email, QStringLiteral("a+b@example.com"));
    QCOMPARE(log[0].httpMethod, QStringLiteral("DELETE"));
    QVERIFY(log[0].authenticated);
    QCOMPARE(log[1].call(), QStringLiteral("v3.bounces.get"));
    QCOMPARE(log[1].query, QStringLiteral("limit=500&offset=0"));
    QCOMPARE(log[1].path, QStringLiteral("/v3/suppression/bounces"));
    for (const SandboxRequest &request : log) {
        for (const QString &value :
             {request.path, request.query, request.onBehalfOf, request.email})
            QVERIFY(!value.contains(SandboxServer::demoKey()));
    }
}

QTEST_GUILESS_MAIN(TestSandboxV3)
#include "tst_sandboxv3.moc"
