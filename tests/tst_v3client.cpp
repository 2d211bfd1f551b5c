// V3SuppressionClient against the emulator's /v3/ routes over real HTTP on 127.0.0.1: paging
// completeness and de-duplication, the bound on requests before the rate-limit headers were
// seen, waiting for the reset when the limit is spent (the emulator's clock, injected), and the
// delete read-back.

#include "api/suppressionclientfactory.h"
#include "api/v3requestgate.h"
#include "api/v3suppressionclient.h"
#include "sandbox/sandboxserver.h"

#include <QSet>
#include <QtTest>

#include <atomic>
#include <memory>

namespace {

const QString kKey = QStringLiteral("v3-client-test-key-5e1d");

struct Loaded {
    bool finished = false;
    bool failed = false;
    QStringList emails;
    int mostInFlightAtFirstRows = -1;
};

Loaded load(V3SuppressionClient &client, const Tenant &tenant, SuppressionList list) {
    Loaded loaded;
    ListLoadJob *job = client.loadList(tenant, list);
    QObject::connect(job, &ListLoadJob::rowsArrived, job,
                     [&loaded, &client](const BounceStore &rows) {
                         if (loaded.mostInFlightAtFirstRows < 0)
                             loaded.mostInFlightAtFirstRows = client.gate()->mostInFlight();
                         for (BounceStore::Row row = 0; row < rows.size(); ++row)
                             loaded.emails << rows.email(row);
                     });
    QObject::connect(job, &ListLoadJob::finished, job, [&loaded] { loaded.finished = true; });
    QObject::connect(job, &ListLoadJob::failed, job, [&loaded] { loaded.failed = true; });
    [&] { QTRY_VERIFY_WITH_TIMEOUT(loaded.finished || loaded.failed, 60'000); }();
    return loaded;
}

} // namespace

class TestV3Client final : public QObject {
    Q_OBJECT

    std::unique_ptr<SandboxServer> m_server;
    std::shared_ptr<std::atomic<qint64>> m_now;

    ApiSettings settings() const {
        ApiSettings settings;
        settings.api = ApiVersion::V3;
        settings.baseUrl = m_server->v3BaseUrl();
        settings.apiKey = kKey;
        settings.retryBaseDelayMs = 1;
        return settings;
    }
    std::unique_ptr<V3SuppressionClient> client() const {
        auto client = std::make_unique<V3SuppressionClient>(settings());
        client->setClock([now = m_now] { return now->load(); });
        return client;
    }

private Q_SLOTS:
    void init() {
        m_server = std::make_unique<SandboxServer>();
        m_server->setCredentials(QStringLiteral("unused"), kKey);
        // After every generated row's `created` (June 2023 .. May 2025): the pinned end_time
        // must not hide any of them.
        m_now = std::make_shared<std::atomic<qint64>>(qint64(1'760'000'000'000));
        m_server->setClock([now = m_now] { return now->load(); });
        QVERIFY(m_server->listen());
    }

    // The factory picks the client by settings.api; a v3 client lists the tenant source it is
    // given (the window passes the saved settings.tenantSource on that way).
    void factoryFollowsTheSettings() {
        QObject owner;
        ApiSettings v2 = settings();
        v2.api = ApiVersion::V2;
        QCOMPARE(makeSuppressionClient(v2, v2.tenantSource, &owner)->api(), ApiVersion::V2);

        ApiSettings accounts = settings();
        accounts.tenantSource = TenantSource::Accounts;
        SuppressionClient *client = makeSuppressionClient(accounts, accounts.tenantSource, &owner);
        QCOMPARE(client->api(), ApiVersion::V3);
        QCOMPARE(client->parent(), &owner);
        bool ended = false;
        TenantListJob *job = client->listCustomers();
        connect(job, &TenantListJob::finished, this, [&ended] { ended = true; });
        connect(job, &TenantListJob::failed, this, [&ended] { ended = true; });
        QTRY_VERIFY_WITH_TIMEOUT(ended, 30'000);
        QVERIFY(!m_server->requests().isEmpty());
        QCOMPARE(m_server->requests().constFirst().path, QStringLiteral("/v3/partners/accounts"));
    }

    void pagesAreCompleteAndDeduplicated() {
        const SandboxTenant tenant = SandboxTenant::subuser(QStringLiteral("pager"));
        m_server->data().addGeneratedSuppressions(tenant, SuppressionList::Bounces, 1234);
        auto v3 = client();
        const Loaded loaded =
            load(*v3, Tenant::subuser(QStringLiteral("pager")), SuppressionList::Bounces);
        QVERIFY(loaded.finished);
        QStringList expected;
        for (const SandboxSuppression &row :
             m_server->data().suppressions(tenant, SuppressionList::Bounces))
            expected << row.email;
        QCOMPARE(loaded.emails, expected);
        QCOMPARE(QSet<QString>(loaded.emails.begin(), loaded.emails.end()).size(),
                 loaded.emails.size());
        // Offsets 0, 500, 1000 were asked with limit 500 and one pinned end_time.
        QSet<QString> endTimes;
        QSet<QString> offsets;
        for (const SandboxRequest &request : m_server->requests()) {
            const QUrlQuery query(request.query);
            QCOMPARE(query.queryItemValue(QStringLiteral("limit")), QStringLiteral("500"));
            offsets << query.queryItemValue(QStringLiteral("offset"));
            endTimes << query.queryItemValue(QStringLiteral("end_time"));
        }
        QVERIFY(offsets.contains(QStringLiteral("0")) && offsets.contains(QStringLiteral("500")) &&
                offsets.contains(QStringLiteral("1000")));
        QCOMPARE(endTimes, QSet<QString>{QString::number(m_now->load() / 1000)});
    }

    void atMostFourBeforeTheHeaders() {
        const SandboxTenant tenant = SandboxTenant::parent();
        m_server->data().addGeneratedSuppressions(tenant, SuppressionList::Blocks, 5000);
        auto v3 = client();
        const Loaded loaded = load(*v3, Tenant::parent(), SuppressionList::Blocks);
        QVERIFY(loaded.finished);
        QCOMPARE(loaded.emails.size(), 5000);
        QVERIFY(loaded.mostInFlightAtFirstRows >= 1);
        QVERIFY2(loaded.mostInFlightAtFirstRows <= V3RequestGate::firstAnswerBound,
                 qPrintable(QString::number(loaded.mostInFlightAtFirstRows)));
        QVERIFY(v3->gate()->mostInFlight() <= V3RequestGate::defaultMaxInFlight);
    }

    void spentLimitWaitsForTheReset() {
        const SandboxTenant tenant = SandboxTenant::parent();
        m_server->data().addGeneratedSuppressions(tenant, SuppressionList::Bounces, 2600);
        m_server->setRateLimit(5, 1); // five requests per second of the emulator's clock
        auto v3 = client();
        int waits = 0;
        // The reset comes when the emulator's clock says so: step it when the client waits.
        connect(v3->gate(), &V3RequestGate::waitingForReset, this, [this, &waits] {
            ++waits;
            m_now->fetch_add(1000);
        });
        const Loaded loaded = load(*v3, Tenant::parent(), SuppressionList::Bounces);
        QVERIFY(loaded.finished);
        QCOMPARE(loaded.emails.size(), 2600);
        QVERIFY(waits >= 1);
        QCOMPARE(m_server->rateLimitRefusals(), 0);
    }

    // A timer may fire before the clock reaches X-RateLimit-Reset (Qt's coarse timers fire up
    // to 5 % early): the gate must look at the clock, not trust the timer. Here the clock is
    // stepped only at the second wait, so a gate that sent when its timer fired is refused.
    void aTimerBeforeTheResetWaitsOnForTheClock() {
        m_server->data().addGeneratedSuppressions(SandboxTenant::parent(), SuppressionList::Bounces,
                                                  2600);
        m_server->setRateLimit(5, 1); // at least the 4 sent before the headers are known
        auto v3 = client();
        int waits = 0;
        connect(v3->gate(), &V3RequestGate::waitingForReset, this, [this, &waits] {
            if (++waits % 2 == 0)
                m_now->fetch_add(1000);
        });
        const Loaded loaded = load(*v3, Tenant::parent(), SuppressionList::Bounces);
        QVERIFY(loaded.finished);
        QCOMPARE(loaded.emails.size(), 2600);
        QVERIFY(waits >= 2);
        QCOMPARE(m_server->rateLimitRefusals(), 0);
    }

    void bulkDeleteConfirmsByReadingBack() {
        const SandboxTenant tenant = SandboxTenant::subuser(QStringLiteral("deleter"));
        QList<SandboxSuppression> rows;
        QStringList emails;
        for (int i = 0; i < 600; ++i) {
            SandboxSuppression row;
            row.email = QStringLiteral("r%1@x.com").arg(i);
            row.created = i;
            rows << row;
            if (i % 2 == 0)
                emails << row.email;
        }
        m_server->data().setSuppressions(tenant, SuppressionList::Bounces, rows);
        auto v3 = client();
        AddressDeleteJob *job = v3->deleteAddresses(Tenant::subuser(QStringLiteral("deleter")),
                                                    SuppressionList::Bounces, emails);
        QHash<QString, AddressOutcome::Kind> outcomes;
        bool finished = false;
        connect(job, &AddressDeleteJob::outcome, this,
                [&outcomes](const QString &email, const AddressOutcome &outcome) {
                    outcomes.insert(email, outcome.kind);
                });
        connect(job, &AddressDeleteJob::finished, this, [&finished] { finished = true; });
        QTRY_VERIFY_WITH_TIMEOUT(finished, 60'000);
        QCOMPARE(outcomes.size(), emails.size());
        for (const QString &email : std::as_const(emails))
            QCOMPARE(outcomes.value(email), AddressOutcome::Kind::Deleted);
        QCOMPARE(m_server->data().suppressions(tenant, SuppressionList::Bounces).size(), 300);
        int bulk = 0;
        int reads = 0;
        for (const SandboxRequest &request : m_server->requests()) {
            bulk += request.httpMethod == QLatin1String("DELETE");
            reads += request.httpMethod == QLatin1String("GET");
        }
        QCOMPARE(bulk, 1);    // 300 addresses: one chunk
        QCOMPARE(reads, 300); // the list's size unknown: read back per address
    }
};

QTEST_GUILESS_MAIN(TestV3Client)
#include "tst_v3client.moc"
