// The emulator's fault machinery on v3 calls: faults key on v3 call names (v3.bounces.get,
// v3.bounces.delete, v3.subusers.get, ...), optionally on one tenant, answer in v3's shapes,
// leave the data alone when they answer instead of the call, and the wire faults cut v3
// answers as they cut v2 ones.

#include "sandbox/sandboxserver.h"
#include "sandboxtestclient.h"

#include <QtTest>

using Type = SandboxFault::Type;

namespace {

SandboxFault fault(Type type, const QString &call, const QString &tenant = {}) {
    SandboxFault f;
    f.type = type;
    f.call = call;
    f.tenant = tenant;
    return f;
}

const QString kBlocks = QStringLiteral("v3/suppression/blocks");

} // namespace

class TestSandboxV3Faults final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void errorFaults_data();
    void errorFaults();
    void faultForOneTenantOnly();
    void faultForTheParentOnly();
    void faultForOnePageOnly();
    void callNames_data();
    void callNames();
    void errorFaultLeavesTheDataAlone();
    void injectedRateLimitIsNotARefusal();
    void bodyFaults_data();
    void bodyFaults();
    void wireFaults_data();
    void wireFaults();
    void latencyStillAnswers();

private:
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<SandboxTestClient> m_client;
};

void TestSandboxV3Faults::init() {
    m_server = std::make_unique<SandboxServer>();
    QVERIFY2(m_server->listen(), qPrintable(m_server->errorString()));
    m_client = std::make_unique<SandboxTestClient>(m_server.get());
}

void TestSandboxV3Faults::cleanup() {
    m_client.reset();
    m_server.reset();
}

void TestSandboxV3Faults::errorFaults_data() {
    QTest::addColumn<int>("type");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body"); // exact when it starts with '{', else contained
    QTest::newRow("500") << int(Type::Http500) << 500
                         << QByteArray(
                                R"({"errors":[{"field":null,"message":"internal server error"}]})");
    QTest::newRow("401")
        << int(Type::WrongCredentials) << 401
        << QByteArray(R"({"errors":[{"field":null,"message":"authorization required"}]})");
    QTest::newRow("403 scope")
        << int(Type::Forbidden) << 403
        << QByteArray(R"({"errors":[{"field":null,"message":"access forbidden"}]})");
    QTest::newRow("429") << int(Type::RateLimit) << 429
                         << QByteArray(
                                R"({"errors":[{"field":null,"message":"too many requests"}]})");
    QTest::newRow("502 html") << int(Type::Http502Html) << 502
                              << QByteArray("<h1>502 Bad Gateway</h1>");
    QTest::newRow("errors with 200")
        << int(Type::ErrorWith200) << 200
        << QByteArray(R"({"errors":[{"field":null,"message":"internal error"}]})");
    QTest::newRow("empty 200") << int(Type::EmptyBody) << 200 << QByteArray();
}

void TestSandboxV3Faults::errorFaults() {
    QFETCH(int, type);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    m_server->addFault(fault(Type(type), QStringLiteral("v3.blocks.get")));
    const HttpResult reply = m_client->v3("GET", kBlocks, QStringLiteral("acme"));
    QCOMPARE(reply.status, status);
    if (body.isEmpty() || body.startsWith('{'))
        QCOMPARE(reply.body, body);
    else
        QVERIFY2(reply.body.contains(body), reply.body.constData());
    QVERIFY(!reply.header("x-ratelimit-remaining").isEmpty());
    if (Type(type) == Type::RateLimit) {
        QCOMPARE(reply.header("x-ratelimit-remaining"), QByteArray("0"));
        QVERIFY(reply.header("x-ratelimit-reset").toLongLong() > 0);
    }
    // Spent after one request.
    QCOMPARE(m_client->v3("GET", kBlocks, QStringLiteral("acme")).status, 200);
}

// "A failing customer is named, the rest still searched": a fault that hits one subuser only.
void TestSandboxV3Faults::faultForOneTenantOnly() {
    SandboxFault broken =
        fault(Type::Http500, QStringLiteral("v3.blocks.get"), QStringLiteral("globex"));
    broken.times = -1;
    m_server->addFault(broken);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(m_client->v3("GET", kBlocks, QStringLiteral("globex")).status, 500);
        QCOMPARE(m_client->v3("GET", kBlocks, QStringLiteral("acme")).status, 200);
        QCOMPARE(m_client->v3("GET", kBlocks).status, 200);
        // Other calls of that subuser are not hit.
        QCOMPARE(
            m_client->v3("GET", QStringLiteral("v3/suppression/bounces"), QStringLiteral("globex"))
                .status,
            200);
    }
    // Accounts are named as the header names them.
    m_server->clearFaults();
    const QString account = QStringLiteral("account-id sg0b2d4f6a8c1e3b5d7f9a0c2e4b6d8f1a");
    m_server->addFault(fault(Type::Http500, {}, account));
    QCOMPARE(m_client->v3("GET", kBlocks, QStringLiteral("acme")).status, 200);
    QCOMPARE(m_client->v3("GET", kBlocks, account).status, 500);
}

void TestSandboxV3Faults::faultForTheParentOnly() {
    m_server->addFault(
        fault(Type::Http500, QStringLiteral("v3.blocks.get"), SandboxFault::parentTenant()));
    QCOMPARE(m_client->v3("GET", kBlocks, QStringLiteral("acme")).status, 200);
    QCOMPARE(m_client->v3("GET", kBlocks).status, 500);
}

// One page of a list: the query item must be one of the request's items, as sent.
void TestSandboxV3Faults::faultForOnePageOnly() {
    SandboxFault broken = fault(Type::Http500, QStringLiteral("v3.blocks.get"));
    broken.queryItem = QStringLiteral("offset=500");
    broken.times = -1;
    m_server->addFault(broken);
    const auto page = [this](const QString &query) {
        return m_client->v3("GET", kBlocks + QLatin1Char('?') + query, QStringLiteral("acme"))
            .status;
    };
    for (int i = 0; i < 2; ++i) {
        QCOMPARE(page(QStringLiteral("limit=500&offset=500")), 500);
        QCOMPARE(page(QStringLiteral("offset=500&limit=500&end_time=1")), 500);
        QCOMPARE(page(QStringLiteral("limit=500&offset=0")), 200);
        QCOMPARE(page(QStringLiteral("limit=500&offset=5000")), 200);
        QCOMPARE(page(QStringLiteral("limit=500&xoffset=500")), 200);
        QCOMPARE(m_client->v3("GET", kBlocks, QStringLiteral("acme")).status, 200);
    }
}

void TestSandboxV3Faults::callNames_data() {
    QTest::addColumn<QByteArray>("verb");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("call");
    const auto row = [](const char *verb, const char *path, const char *body, const char *call) {
        QTest::newRow(call) << QByteArray(verb) << QString::fromUtf8(path) << QByteArray(body)
                            << QString::fromUtf8(call);
    };
    row("GET", "v3/subusers", "", "v3.subusers.get");
    row("GET", "v3/partners/accounts", "", "v3.accounts.get");
    row("GET", "v3/suppression/bounces", "", "v3.bounces.get");
    row("GET", "v3/suppression/invalid_emails/x%40y.z", "", "v3.invalid_emails.get");
    row("DELETE", "v3/suppression/spam_reports", R"({"emails":["x@y.z"]})",
        "v3.spam_reports.delete");
    row("GET", "v3/suppression/unsubscribes", "", "v3.unsubscribes.get");
    row("GET", "v3/asm/suppressions/global/x%40y.z", "", "v3.unsubscribes.get");
    row("DELETE", "v3/asm/suppressions/global/x%40y.z", "", "v3.unsubscribes.delete");
    row("POST", "v3/asm/suppressions/global", R"({"recipient_emails":["x@y.z"]})",
        "v3.unsubscribes.add");
    row("GET", "v3/asm/groups", "", "v3.group_unsubscribes.get");
    row("GET", "v3/asm/suppressions", "", "v3.group_unsubscribes.get");
    row("DELETE", "v3/asm/groups/101/suppressions/x%40y.z", "", "v3.group_unsubscribes.delete");
}

void TestSandboxV3Faults::callNames() {
    QFETCH(QByteArray, verb);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QString, call);
    m_server->addFault(fault(Type::Http500, call));
    QCOMPARE(m_client->v3(verb, path, {}, body).status, 500);
    QCOMPARE(m_server->requests().last().call(), call);
    QVERIFY(m_client->v3(verb, path, {}, body).status < 300);
}

void TestSandboxV3Faults::errorFaultLeavesTheDataAlone() {
    const SandboxTenant acme = SandboxTenant::subuser(QStringLiteral("acme"));
    const qsizetype before = m_server->data().suppressionCount(acme, SuppressionList::Blocks);
    m_server->addFault(fault(Type::Http500, QStringLiteral("v3.blocks.delete")));
    HttpResult reply = m_client->v3("DELETE", kBlocks + QStringLiteral("/jordan.lee%40example.com"),
                                    QStringLiteral("acme"));
    QCOMPARE(reply.status, 500);
    QCOMPARE(m_server->data().suppressionCount(acme, SuppressionList::Blocks), before);
    // A wire fault lets the call happen: the delete is done although the answer is cut.
    SandboxFault cut = fault(Type::Reset, QStringLiteral("v3.blocks.delete"));
    m_server->addFault(cut);
    reply = m_client->v3("DELETE", kBlocks + QStringLiteral("/jordan.lee%40example.com"),
                         QStringLiteral("acme"));
    QVERIFY(reply.error != QNetworkReply::NoError);
    QCOMPARE(m_server->data().suppressionCount(acme, SuppressionList::Blocks), before - 1);
}

void TestSandboxV3Faults::injectedRateLimitIsNotARefusal() {
    m_server->addFault(fault(Type::RateLimit, QStringLiteral("v3.bounces.get")));
    QCOMPARE(m_client->v3("GET", QStringLiteral("v3/suppression/bounces")).status, 429);
    QCOMPARE(m_server->rateLimitRefusals(), 0); // "zero 429 provoked" counts the limiter's only
}

void TestSandboxV3Faults::bodyFaults_data() {
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("path");
    QTest::newRow("invalid utf-8, bounces")
        << int(Type::InvalidUtf8) << QStringLiteral("v3/suppression/bounces");
    QTest::newRow("invalid utf-8, unsubscribes")
        << int(Type::InvalidUtf8) << QStringLiteral("v3/suppression/unsubscribes");
    QTest::newRow("huge field") << int(Type::HugeField) << QStringLiteral("v3/suppression/blocks");
    // Group unsubscribes come whole from one call, written by Qt's JSON writer: distorted all
    // the same.
    QTest::newRow("invalid utf-8, group unsubscribes")
        << int(Type::InvalidUtf8) << QStringLiteral("v3/asm/suppressions");
    QTest::newRow("huge field, group unsubscribes")
        << int(Type::HugeField) << QStringLiteral("v3/asm/suppressions");
    QTest::newRow("wrong content type")
        << int(Type::WrongContentType) << QStringLiteral("v3/suppression/bounces");
}

void TestSandboxV3Faults::bodyFaults() {
    QFETCH(int, type);
    QFETCH(QString, path);
    SandboxFault f = fault(Type(type), {});
    f.afterBytes = 100'000;
    m_server->addFault(f);
    const HttpResult reply = m_client->v3("GET", path);
    QCOMPARE(reply.status, 200);
    switch (Type(type)) {
    case Type::InvalidUtf8:
        QVERIFY(reply.body.contains("\xff\xfe"));
        break;
    case Type::HugeField:
        QVERIFY(reply.body.size() > 100'000);
        QVERIFY(reply.body.contains(QByteArray(1000, 'x')));
        break;
    default:
        QVERIFY(reply.header("content-type").startsWith("text/html"));
        QVERIFY(reply.body.startsWith("[{"));
        break;
    }
}

void TestSandboxV3Faults::wireFaults_data() {
    QTest::addColumn<int>("type");
    QTest::newRow("truncate") << int(Type::Truncate);
    QTest::newRow("reset") << int(Type::Reset);
}

void TestSandboxV3Faults::wireFaults() {
    QFETCH(int, type);
    SandboxFault f = fault(Type(type), QStringLiteral("v3.blocks.get"));
    f.afterBytes = 50;
    m_server->addFault(f);
    const HttpResult reply = m_client->v3("GET", kBlocks, QStringLiteral("initech"));
    QVERIFY(reply.finished);
    // The answer stops after at most 50 bytes of its announced length. (QNetworkAccessManager
    // may report a reset after part of the body as no error at all: then the length tells.)
    QVERIFY(reply.body.size() <= 50);
    if (Type(type) == Type::Truncate) {
        QCOMPARE(reply.body.size(), 50);
        QVERIFY(reply.error != QNetworkReply::NoError);
    } else {
        QVERIFY(reply.error != QNetworkReply::NoError ||
                reply.body.size() < reply.header("content-length").toLongLong());
    }
}

// Benchmarks add latency to every answer; the answer is the same (no timing asserted).
void TestSandboxV3Faults::latencyStillAnswers() {
    m_server->setLatencyMs(20);
    QCOMPARE(m_server->latencyMs(), 20);
    const HttpResult reply = m_client->v3("GET", kBlocks, QStringLiteral("acme"));
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.body.contains("jordan.lee@example.com"));
    const HttpResult v2 = m_client->call(QStringLiteral("json"),
                                         {{QStringLiteral("method"), QStringLiteral("profile")},
                                          {QStringLiteral("task"), QStringLiteral("get")}});
    QCOMPARE(v2.status, 200);
}

QTEST_GUILESS_MAIN(TestSandboxV3Faults)
#include "tst_sandboxv3faults.moc"
