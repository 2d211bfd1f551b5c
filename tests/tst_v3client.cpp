// V3SuppressionClient against the emulator's /v3/ routes over real HTTP on 127.0.0.1: paging
// completeness and de-duplication, the bound on requests before the rate-limit headers were
// seen, waiting for the reset when the limit is spent (the emulator's clock, injected), and the
// delete read-back.

#include "api/suppressionclientfactory.h"
#include "api/v3listload.h"
#include "api/v3requestgate.h"
#include "api/v3suppressionclient.h"
#include "sandbox/sandboxserver.h"

#include <QPointer>
#include <QRegularExpression>
#include <QSet>
#include <QtTest>

#include <algorithm>
#include <atomic>
#include <memory>

namespace {

const QString kKey = QStringLiteral("v3-client-test-key-5e1d");

struct Loaded {
    bool finished = false;
    bool failed = false;
    QString error; // failed(): the error's message
    QStringList emails;
};

Loaded load(V3SuppressionClient &client, const Tenant &tenant, SuppressionList list) {
    Loaded loaded;
    ListLoadJob *job = client.loadList(tenant, list);
    QObject::connect(job, &ListLoadJob::rowsArrived, job, [&loaded](const BounceStore &rows) {
        for (BounceStore::Row row = 0; row < rows.size(); ++row)
            loaded.emails << rows.email(row);
    });
    QObject::connect(job, &ListLoadJob::finished, job, [&loaded] { loaded.finished = true; });
    QObject::connect(job, &ListLoadJob::failed, job, [&loaded](const ApiError &error) {
        loaded.failed = true;
        loaded.error = error.message();
    });
    [&] { QTRY_VERIFY_WITH_TIMEOUT(loaded.finished || loaded.failed, 60'000); }();
    return loaded;
}

struct Deleted {
    bool finished = false;
    QHash<QString, AddressOutcome> outcomes;
};

Deleted deleteAll(V3SuppressionClient &client, const Tenant &tenant, SuppressionList list,
                  const QStringList &emails, const DeleteOptions &options) {
    Deleted deleted;
    AddressDeleteJob *job = client.deleteAddresses(tenant, list, emails, options);
    QObject::connect(job, &AddressDeleteJob::outcomes, job,
                     [&deleted](const QList<AddressResult> &results) {
                         for (const AddressResult &result : results)
                             deleted.outcomes.insert(result.email, result.outcome);
                     });
    QObject::connect(job, &AddressDeleteJob::finished, job,
                     [&deleted] { deleted.finished = true; });
    [&] { QTRY_VERIFY_WITH_TIMEOUT(deleted.finished, 60'000); }();
    return deleted;
}

// What the emulator received, by kind: bulk deletes, reads of one address, pages of the list.
struct RequestKinds {
    int deletes = 0;
    int addressReads = 0;
    int pageReads = 0;
    QStringList order; // "GET email" / "DELETE email" / "GET page" / "DELETE bulk"
};

RequestKinds kindsOf(const QList<SandboxRequest> &requests) {
    RequestKinds kinds;
    for (const SandboxRequest &request : requests) {
        const bool get = request.httpMethod == QLatin1String("GET");
        if (!get)
            ++kinds.deletes;
        else if (request.email.isEmpty())
            ++kinds.pageReads;
        else
            ++kinds.addressReads;
        kinds.order << request.httpMethod + QLatin1Char(' ') +
                           (request.email.isEmpty()
                                ? (get ? QStringLiteral("page") : QStringLiteral("bulk"))
                                : request.email);
    }
    return kinds;
}

// A fault on every request for the page of a list at `offset`.
SandboxFault pageFault(SandboxFault::Type type, int offset) {
    SandboxFault fault;
    fault.type = type;
    fault.queryItem = QStringLiteral("offset=%1").arg(offset);
    fault.times = -1;
    return fault;
}

QList<SandboxSuppression> numberedRows(int count) {
    QList<SandboxSuppression> rows;
    for (int i = 0; i < count; ++i) {
        SandboxSuppression row;
        row.email = QStringLiteral("r%1@x.com").arg(i);
        row.created = 1'600'000'000 + i;
        row.status = QStringLiteral("5.1.1");
        rows << row;
    }
    return rows;
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

    // Pages are asked for ahead of the short one that ends the list, so some lie past its end.
    // One of those failing fails nothing, even when its failure comes first (page 2, the
    // short one, is slow here).
    void aPagePastTheEndFailsNothing() {
        const SandboxTenant tenant = SandboxTenant::subuser(QStringLiteral("pager"));
        m_server->data().addGeneratedSuppressions(tenant, SuppressionList::Bounces, 1234);
        m_server->addFault(pageFault(SandboxFault::Type::Forbidden, 1500)); // never retried
        SandboxFault slow = pageFault(SandboxFault::Type::Delay, 1000);
        slow.delayMs = 300;
        m_server->addFault(slow);
        auto v3 = client();
        const Loaded loaded =
            load(*v3, Tenant::subuser(QStringLiteral("pager")), SuppressionList::Bounces);
        QVERIFY2(loaded.finished, qPrintable(loaded.error));
        QCOMPARE(loaded.emails.size(), 1234);
        const QList<SandboxRequest> requests = m_server->requests();
        QVERIFY(std::any_of(requests.cbegin(), requests.cend(), [](const SandboxRequest &request) {
            return request.query.contains(QLatin1String("offset=1500"));
        }));
    }

    // Two pages inside the list fail: the load fails with the first one's error in page order,
    // whichever failure came first (page 1's comes after page 2's here).
    void theFirstFailedPageInOrderFailsTheLoad() {
        const SandboxTenant tenant = SandboxTenant::subuser(QStringLiteral("pager"));
        m_server->data().addGeneratedSuppressions(tenant, SuppressionList::Bounces, 1234);
        SandboxFault cut = pageFault(SandboxFault::Type::Truncate, 500);
        cut.afterBytes = 200;
        cut.delayMs = 300;
        m_server->addFault(cut);
        m_server->addFault(pageFault(SandboxFault::Type::Forbidden, 1000));
        auto v3 = client();
        const Loaded loaded =
            load(*v3, Tenant::subuser(QStringLiteral("pager")), SuppressionList::Bounces);
        QVERIFY(loaded.failed);
        QVERIFY2(loaded.error.contains(QLatin1String("ended early")), qPrintable(loaded.error));
        QVERIFY2(!loaded.error.contains(QLatin1String("403")), qPrintable(loaded.error));
    }

    void atMostFourBeforeTheHeaders() {
        const SandboxTenant tenant = SandboxTenant::parent();
        m_server->data().addGeneratedSuppressions(tenant, SuppressionList::Blocks, 5000);
        // Answers held back a while, so that whatever the client sends before it has seen one
        // reaches the server before any answer began (on a slow machine fewer may: never more).
        m_server->setLatencyMs(200);
        auto v3 = client();
        const Loaded loaded = load(*v3, Tenant::parent(), SuppressionList::Blocks);
        QVERIFY(loaded.finished);
        QCOMPARE(loaded.emails.size(), 5000);
        // The server's record, not the client's timing: the requests that reached it before it
        // had begun any answer were sent before the client could know the rate limit. (Rows
        // are delivered once a page is parsed, on another thread, so the gate may well have
        // seen the headers and sent more by the time the first rows come.)
        int beforeAnyAnswer = 0;
        for (const SandboxRequest &request : m_server->requests())
            beforeAnyAnswer += request.answersBegunBefore == 0 ? 1 : 0;
        QVERIFY(beforeAnyAnswer >= 1);
        QVERIFY2(beforeAnyAnswer <= V3RequestGate::firstAnswerBound,
                 qPrintable(QString::number(beforeAnyAnswer)));
        QVERIFY(v3->gate()->mostInFlight() <= V3RequestGate::defaultMaxInFlight);
    }

    // Issue 14's speed: more answers awaited at once than the six connections per host that
    // one QNetworkAccessManager opens (the client spreads its calls over several). The emulator
    // holds every answer back, so what it received is all in flight at once.
    void moreThanSixRequestsInFlight() {
        auto v3 = client();
        // One answer first: until the rate-limit headers were seen, at most four go out.
        QVERIFY(load(*v3, Tenant::parent(), SuppressionList::Blocks).finished);
        SandboxFault hold;
        hold.type = SandboxFault::Type::Delay;
        hold.call = QStringLiteral("v3.bounces.get");
        hold.delayMs = 600'000;
        hold.times = -1;
        m_server->addFault(hold);
        m_server->clearRequests();
        for (int i = 0; i < 2 * V3RequestGate::defaultMaxInFlight; ++i)
            v3->lookUp(Tenant::parent(), SuppressionList::Bounces,
                       QStringLiteral("held%1@x.com").arg(i));
        QTRY_VERIFY_WITH_TIMEOUT(m_server->requests().size() >= V3RequestGate::defaultMaxInFlight,
                                 60'000);
        QVERIFY(V3RequestGate::defaultMaxInFlight > 6);
        QCOMPARE(v3->gate()->inFlight(), V3RequestGate::defaultMaxInFlight);
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

    // An answer the server counted first may arrive last (here the first page's answer is
    // held back): its X-RateLimit-Remaining is stale and must not let more requests out than
    // the later answers allowed. The emulator's clock stands still until the client waits.
    void aLateAnswerDoesNotReopenTheBudget() {
        m_server->data().addGeneratedSuppressions(SandboxTenant::parent(), SuppressionList::Bounces,
                                                  5000);
        m_server->setRateLimit(6, 1);
        SandboxFault held;
        held.type = SandboxFault::Type::Delay;
        held.call = QStringLiteral("v3.bounces.get");
        held.delayMs = 3000; // answered after the others (were it not, nothing is stale)
        m_server->addFault(held);
        auto v3 = client();
        int waits = 0;
        int refusalsAtFirstWait = -1;
        connect(v3->gate(), &V3RequestGate::waitingForReset, this, [&] {
            if (refusalsAtFirstWait < 0)
                refusalsAtFirstWait = m_server->rateLimitRefusals();
            ++waits;
            m_now->fetch_add(1000);
        });
        const Loaded loaded = load(*v3, Tenant::parent(), SuppressionList::Bounces);
        QVERIFY(loaded.finished);
        QCOMPARE(loaded.emails.size(), 5000);
        QVERIFY(waits >= 1);
        QCOMPARE(refusalsAtFirstWait, 0);
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
        connect(job, &AddressDeleteJob::outcomes, this,
                [&outcomes](const QList<AddressResult> &results) {
                    for (const AddressResult &result : results)
                        outcomes.insert(result.email, result.outcome.kind);
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
        QCOMPARE(bulk, 1); // 300 addresses: one chunk
        // The list's size unknown: its first page came short, so that one read confirmed all.
        QCOMPARE(reads, 1);
    }
    // Issue 12: a bulk 204 is confirmed "per address, or by re-reading the list, whichever
    // costs fewer requests". 1,500 rows, 20 deleted: 1,480 left are 3 pages, fewer than 20
    // reads, so the list is read again (and no page more than it has); 2 deleted: 2 reads.
    void bulkDeleteReadsBackWhicheverCostsFewerRequests_data() {
        QTest::addColumn<int>("addresses");
        QTest::addColumn<qsizetype>("hint");
        QTest::addColumn<int>("pageReads");
        QTest::addColumn<int>("addressReads");
        QTest::addColumn<bool>("exact"); // false: pageReads is the least (pages read ahead)
        QTest::newRow("20 of 1,500: re-read 3 pages") << 20 << qsizetype(1500) << 3 << 0 << true;
        QTest::newRow("2 of 1,500: read 2 addresses") << 2 << qsizetype(1500) << 0 << 2 << true;
        QTest::newRow("3 of 1,500: 3 pages cost no fewer")
            << 3 << qsizetype(1500) << 0 << 3 << true;
        // The size unknown (the command line): pages are read while they stay fewer than the
        // addresses not yet seen, ramping up (1, 2, 4 pages in flight), so a list of 3 pages
        // costs 3 to 5; a long list costs at most as many pages as addresses, then a read of
        // each address left: never more than twice the cheaper choice.
        QTest::newRow("20, size unknown: re-read 3 pages (at most 5)")
            << 20 << qsizetype(-1) << 3 << 0 << false;
        QTest::newRow("2, size unknown: 2 pages, then 2 addresses")
            << 2 << qsizetype(-1) << 2 << 2 << true;
        // The list is longer than the caller thought: the pages go on past the expected end
        // (read ahead as in any load, once the expected last page came full).
        QTest::newRow("20 of 1,500 thought 600: re-read 3 pages or more")
            << 20 << qsizetype(600) << 3 << 0 << false;
    }
    void bulkDeleteReadsBackWhicheverCostsFewerRequests() {
        QFETCH(int, addresses);
        QFETCH(qsizetype, hint);
        QFETCH(int, pageReads);
        QFETCH(int, addressReads);
        QFETCH(bool, exact);
        const SandboxTenant tenant = SandboxTenant::subuser(QStringLiteral("rereader"));
        const QList<SandboxSuppression> rows = numberedRows(1500);
        m_server->data().setSuppressions(tenant, SuppressionList::Bounces, rows);
        QStringList emails;
        for (int i = 0; i < addresses; ++i)
            emails << rows.at(i * 70).email;     // spread over the pages
        emails.last() = emails.last().toUpper(); // SendGrid matches without regard to case
        auto v3 = client();
        DeleteOptions options;
        options.listSizeHint = hint;
        const Deleted deleted = deleteAll(*v3, Tenant::subuser(QStringLiteral("rereader")),
                                          SuppressionList::Bounces, emails, options);
        QCOMPARE(deleted.outcomes.size(), emails.size());
        for (const QString &email : std::as_const(emails))
            QCOMPARE(deleted.outcomes.value(email).kind, AddressOutcome::Kind::Deleted);
        QCOMPARE(m_server->data().suppressionCount(tenant, SuppressionList::Bounces),
                 qsizetype(1500 - addresses));
        const RequestKinds kinds = kindsOf(m_server->requests());
        QCOMPARE(kinds.deletes, 1);
        if (exact)
            QCOMPARE(kinds.pageReads, pageReads);
        else
            QVERIFY2(kinds.pageReads >= pageReads &&
                         kinds.pageReads <=
                             pageReads + (hint < 0 ? pageReads - 1 : V3ListLoad::pagesAhead),
                     qPrintable(QString::number(kinds.pageReads)));
        QCOMPARE(kinds.addressReads, addressReads);
        for (const SandboxRequest &request : m_server->requests()) {
            if (request.httpMethod == QLatin1String("GET") && request.email.isEmpty())
                QVERIFY(!QUrlQuery(request.query)
                             .queryItemValue(QStringLiteral("end_time"))
                             .isEmpty()); // pinned, as every load
        }
    }

    // Cancelled while the list is read back (its size unknown, as on the command line): the
    // addresses not yet seen are unconfirmed, and nothing is emitted inside cancel() itself.
    void cancelDuringReReadEmitsLater() {
        const SandboxTenant tenant = SandboxTenant::subuser(QStringLiteral("rereader"));
        const QList<SandboxSuppression> rows = numberedRows(1500);
        m_server->data().setSuppressions(tenant, SuppressionList::Bounces, rows);
        QStringList emails;
        for (int i = 0; i < 20; ++i)
            emails << rows.at(i * 70).email;
        auto v3 = client();
        AddressDeleteJob *job = v3->deleteAddresses(Tenant::subuser(QStringLiteral("rereader")),
                                                    SuppressionList::Bounces, emails);
        QPointer<AddressDeleteJob> alive(job);
        bool insideCancel = false;
        bool calledBackInsideCancel = false;
        bool cancelled = false;
        bool finished = false;
        QHash<QString, AddressOutcome::Kind> outcomes;
        connect(job, &AddressDeleteJob::outcomes, this, [&](const QList<AddressResult> &results) {
            calledBackInsideCancel = calledBackInsideCancel || insideCancel;
            for (const AddressResult &result : results)
                outcomes.insert(result.email, result.outcome.kind);
        });
        connect(job, &AddressDeleteJob::progress, this,
                [&] { calledBackInsideCancel = calledBackInsideCancel || insideCancel; });
        connect(job, &AddressDeleteJob::finished, this, [&] {
            calledBackInsideCancel = calledBackInsideCancel || insideCancel;
            finished = true;
        });
        // The first page of the read-back has been asked for: the re-read is running.
        connect(m_server.get(), &SandboxServer::requestReceived, this,
                [&](const SandboxRequest &request) {
                    if (cancelled || !alive || request.httpMethod != QLatin1String("GET") ||
                        !request.email.isEmpty())
                        return;
                    cancelled = true;
                    insideCancel = true;
                    alive->cancel();
                    insideCancel = false;
                });
        QTRY_VERIFY_WITH_TIMEOUT(finished, 60'000);
        QVERIFY(cancelled);
        QVERIFY(!calledBackInsideCancel);
        QCOMPARE(outcomes.size(), emails.size()); // every delete was sent: each has an outcome
        for (const QString &email : std::as_const(emails)) {
            const AddressOutcome::Kind kind = outcomes.value(email);
            QVERIFY2(kind == AddressOutcome::Kind::Unconfirmed ||
                         kind == AddressOutcome::Kind::Deleted,
                     qPrintable(email));
        }
    }

    // The re-read finds an address the 204 did not remove: that one failed, the rest gone.
    void reReadFindsAnAddressStillThere() {
        const SandboxTenant tenant = SandboxTenant::subuser(QStringLiteral("rereader"));
        const QList<SandboxSuppression> rows = numberedRows(700);
        m_server->data().setSuppressions(tenant, SuppressionList::Blocks, rows);
        QStringList emails;
        for (int i = 0; i < 10; ++i)
            emails << rows.at(i).email;
        emails << QStringLiteral("never-there@x.com");
        auto v3 = client();
        // Put the first address back as soon as the bulk delete has gone through.
        connect(m_server.get(), &SandboxServer::requestReceived, this,
                [this, tenant, first = rows.first()](const SandboxRequest &request) {
                    if (request.httpMethod == QLatin1String("GET") && request.email.isEmpty() &&
                        m_server->data().suppressionCount(tenant, SuppressionList::Blocks) == 690)
                        m_server->data().addSuppressions(tenant, SuppressionList::Blocks, {first});
                });
        DeleteOptions options;
        options.listSizeHint = 700;
        const Deleted deleted = deleteAll(*v3, Tenant::subuser(QStringLiteral("rereader")),
                                          SuppressionList::Blocks, emails, options);
        QCOMPARE(deleted.outcomes.size(), emails.size());
        // Accepted (204) yet still there: not confirmed, so the row stays, marked Unconfirmed.
        QCOMPARE(deleted.outcomes.value(emails.first()).kind, AddressOutcome::Kind::Unconfirmed);
        QVERIFY(
            deleted.outcomes.value(emails.first()).why.contains(QLatin1String("not confirmed")));
        for (const QString &email : emails.mid(1))
            QCOMPARE(deleted.outcomes.value(email).kind, AddressOutcome::Kind::Deleted);
        const RequestKinds kinds = kindsOf(m_server->requests());
        QCOMPARE(kinds.addressReads, 0);
        QVERIFY(kinds.pageReads >= 2);
    }

    // A page of the re-read that cannot be had (after the call's retries): the addresses it
    // was to confirm stay open, Unconfirmed, never Deleted, although the server removed them.
    void aFailingReReadPageLeavesTheRowsUnconfirmed_data() {
        QTest::addColumn<qsizetype>("hint");
        QTest::newRow("size known (the window)") << qsizetype(1200);
        QTest::newRow("size unknown (the command line)") << qsizetype(-1);
    }
    void aFailingReReadPageLeavesTheRowsUnconfirmed() {
        QFETCH(qsizetype, hint);
        const SandboxTenant tenant = SandboxTenant::subuser(QStringLiteral("rereader"));
        const QList<SandboxSuppression> rows = numberedRows(1200);
        m_server->data().setSuppressions(tenant, SuppressionList::Bounces, rows);
        QStringList emails;
        for (int i = 0; i < 30; ++i)
            emails << rows.at(i * 40).email;
        SandboxFault fault;
        fault.type = SandboxFault::Type::Http500;
        fault.call = QStringLiteral("v3.bounces.get");
        fault.times = -1;
        m_server->addFault(fault);
        auto v3 = client();
        DeleteOptions options;
        options.listSizeHint = hint;
        const Deleted deleted = deleteAll(*v3, Tenant::subuser(QStringLiteral("rereader")),
                                          SuppressionList::Bounces, emails, options);
        QCOMPARE(deleted.outcomes.size(), emails.size());
        for (const QString &email : std::as_const(emails)) {
            const AddressOutcome outcome = deleted.outcomes.value(email);
            QCOMPARE(outcome.kind, AddressOutcome::Kind::Unconfirmed);
            QVERIFY2(outcome.why.contains(QLatin1String("reading it back failed")),
                     qPrintable(outcome.why));
        }
        QCOMPARE(m_server->data().suppressionCount(tenant, SuppressionList::Bounces),
                 qsizetype(1170));
        const RequestKinds kinds = kindsOf(m_server->requests());
        QCOMPARE(kinds.addressReads, 0);
        QVERIFY(kinds.pageReads >= 1);
    }

    // Global unsubscribes answer a delete 204 even for an absent address: with the list's
    // size known, each address is still read first, and an absent one is not on the list.
    void unsubscribesAreReadFirstWhateverTheHint() {
        const SandboxTenant tenant = SandboxTenant::subuser(QStringLiteral("rereader"));
        const QList<SandboxSuppression> rows = numberedRows(5);
        m_server->data().setSuppressions(tenant, SuppressionList::Unsubscribes, rows);
        const QStringList emails{rows.at(0).email, rows.at(1).email,
                                 QStringLiteral("absent@x.com")};
        auto v3 = client();
        DeleteOptions options;
        options.listSizeHint = 5;
        const Deleted deleted = deleteAll(*v3, Tenant::subuser(QStringLiteral("rereader")),
                                          SuppressionList::Unsubscribes, emails, options);
        QCOMPARE(deleted.outcomes.value(emails.at(0)).kind, AddressOutcome::Kind::Deleted);
        QCOMPARE(deleted.outcomes.value(emails.at(1)).kind, AddressOutcome::Kind::Deleted);
        QCOMPARE(deleted.outcomes.value(emails.at(2)).kind, AddressOutcome::Kind::NotOnList);
        const RequestKinds kinds = kindsOf(m_server->requests());
        for (const QString &email : emails)
            QCOMPARE(kinds.order.indexOf(QStringLiteral("GET ") + email),
                     kinds.order.indexOf(QRegularExpression(QStringLiteral(".* ") +
                                                            QRegularExpression::escape(email))));
        QVERIFY(!kinds.order.contains(QStringLiteral("DELETE absent@x.com")));
        QCOMPARE(kinds.pageReads, 0);
        QCOMPARE(m_server->data().suppressionCount(tenant, SuppressionList::Unsubscribes),
                 qsizetype(3));
    }
};

QTEST_GUILESS_MAIN(TestV3Client)
#include "tst_v3client.moc"
