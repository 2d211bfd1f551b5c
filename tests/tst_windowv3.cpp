// The main window on SendGrid v3, against the emulator's /v3/ routes over real HTTP on
// 127.0.0.1: the parent account ("This account") listed first, then the subusers with their
// region and a disabled mark; a subuser's and the parent's bounces load (created shown in local
// time, sorted and filtered by time); a bulk delete removes only the rows the read-back confirmed
// gone, the rest stay marked Unconfirmed and Retry deletes them; the deletion record says v3,
// holds each outcome of a two-request bulk delete once, and when it cannot be written none of
// the read-back's outcomes is shown as deleted.
// One tab per list (v3 only): a list loads when its tab is first chosen, with its columns and
// its count on the tab, and shows again from what was kept without asking the server; a consent
// list's delete waits for the "recipient asked" tick.
#include "windowtestsupport.h"

#include "deletecontroller.h"
#include "desktop.h"
#include "errorbanner.h"
#include "filterbar.h"
#include "findaddressdialog.h"
#include "listtabs.h"

#include "api/suppressionclient.h"
#include "core/deletionrecordreader.h"

#include <QAction>
#include <QCheckBox>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <ctime>

using namespace WindowTest;
using RowState = BounceTableModel::RowState;

namespace {

const QString kAcme = QStringLiteral("acme");

SandboxSuppression row(const char *email, qint64 created, const char *status = "5.1.1",
                       const char *reason = "550 5.1.1 User unknown") {
    SandboxSuppression suppression;
    suppression.email = QString::fromUtf8(email);
    suppression.created = created;
    suppression.status = QString::fromUtf8(status);
    suppression.reason = QString::fromUtf8(reason);
    return suppression;
}

// 2024-03-01 10:00:00 UTC and the days around it.
constexpr qint64 kMarch1 = 1'709'287'200;
constexpr qint64 kDay = 86'400;

int requestsFor(const SandboxServer &server, const QString &call) {
    int count = 0;
    for (const SandboxRequest &request : server.requests())
        count += request.call() == call ? 1 : 0;
    return count;
}

// The view row of the group unsubscribe (email, group id), -1 when it is not shown.
int pairRow(const BounceTableModel &model, const QString &email, const QString &group) {
    const int groupColumn = model.section(SuppressionColumn::GroupId);
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.index(row, 0).data().toString() == email &&
            model.index(row, groupColumn).data().toString() == group)
            return row;
    }
    return -1;
}

// The (address, group) pairs of a tenant's group unsubscribes on the server, sorted.
QStringList serverPairs(const SandboxServer &server, const SandboxTenant &tenant) {
    QStringList pairs;
    for (const SandboxSuppression &member :
         server.data().suppressions(tenant, SuppressionList::GroupUnsubscribes))
        pairs << member.email + u' ' + member.status;
    pairs.sort();
    return pairs;
}

// The paths of the group deletes sent (DELETE /v3/asm/groups/{id}/suppressions/{email}).
QStringList groupDeletes(const SandboxServer &server) {
    QStringList paths;
    for (const SandboxRequest &request : server.requests()) {
        if (request.call() == QLatin1String("v3.group_unsubscribes.delete"))
            paths << request.path;
    }
    return paths;
}

RowState stateOf(const BounceTableModel &model, const QString &email) {
    const int at = rowOf(model, email);
    return at < 0 ? RowState::Normal
                  : RowState(model.index(at, 0).data(BounceTableModel::StateRole).toInt());
}

} // namespace

class TestWindowV3 final : public QObject {
    Q_OBJECT

public:
    // Before the application exists: a fixed zone west of UTC (New York's rules, written out so
    // no zone file is needed), so a late-evening time is on the next UTC day.
    static void initMain() {
        qputenv("TZ", "EST5EDT,M3.2.0,M11.1.0");
        tzset();
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void cleanup();

    void parentFirstThenSubusersWithRegionAndDisabledMark();
    void theParentsOwnBouncesLoadWithoutOnBehalfOf();
    void aSubusersBouncesLoadInLocalTimeSortedAndFiltered();
    void bulkDeleteRemovesOnlyConfirmedRowsAndRetryDeletesTheRest();
    void aBulkDeleteTheServerDidNotCarryOutStaysUnconfirmed();
    void aBulkDeleteOfTwoChunksRecordsEveryOutcomeOnce();
    void aBulkDeleteWhoseRecordFailsShowsNoneOfItsBatchDeleted();
    void theDemoOpensOnV3();
    void theLastCustomerReopensOnceTheListSaysItsRegion();
    void oneTabPerListUnderV3AndNoTabsUnderV2();
    void aListLoadsWhenItsTabIsChosenAndIsKept();
    void aConsentListDeleteWaitsForTheTick();
    void aFoundAddressOpensOnItsListsTab();
    void aGroupUnsubscribeRowLeavesOnlyItsGroup();
    void theDateFilterTakesTheLocalDaysShown();
    void theActionsNameTheListShown();

private:
    ApiSettings v3Settings() const;
    void confirmEveryDelete();
    void selectAndDelete(const QStringList &emails);
    QStringList serveAndSelectAll(int rows);

    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<QTemporaryDir> m_recordDir;
    QString m_recordPath;
};

ApiSettings TestWindowV3::v3Settings() const {
    ApiSettings settings = ApiTest::settingsFor(*m_server);
    settings.api = ApiVersion::V3;
    settings.baseUrl = m_server->v3BaseUrl();
    settings.apiUser.clear(); // v3 needs none
    return settings;
}

void TestWindowV3::init() {
    m_server = startServer(); // acme's five bounces; its v3 bounces are the same list
    QVERIFY(m_server);
    m_server->data().setRegion(QStringLiteral("globex"), QStringLiteral("eu"));
    m_server->data().setSuppressions(
        SandboxTenant::parent(), SuppressionList::Bounces,
        {row("own@parent.test", kMarch1), row("second@parent.test", kMarch1 + kDay, "4.2.2")});
    m_recordDir = std::make_unique<QTemporaryDir>();
    m_recordPath = m_recordDir->filePath(QStringLiteral("BounceDesk/deletions.jsonl"));

    QSettings().clear();
    m_window = std::make_unique<MainWindow>();
    m_window->setConnection(v3Settings(), false);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QCOMPARE(m_window->client()->api(), ApiVersion::V3);
    m_window->deleteController()->setDeletionRecord(DeletionRecord(m_recordPath));
}

void TestWindowV3::cleanup() {
    m_window.reset();
    m_server.reset();
    m_recordDir.reset();
}

void TestWindowV3::confirmEveryDelete() {
    m_window->deleteController()->setConfirmFunction(
        [](const QString &, const QString &, std::function<void(bool)> answer) { answer(true); });
}

void TestWindowV3::selectAndDelete(const QStringList &emails) {
    QVERIFY(ctrlClickRows(*m_window, emails));
    QTRY_VERIFY(m_window->statusText().contains(QStringLiteral("Selected: %1").arg(emails.size())));
    QTest::keyClick(m_window->tableView(), Qt::Key_Delete);
}

void TestWindowV3::parentFirstThenSubusersWithRegionAndDisabledMark() {
    CustomerPicker *picker = m_window->customerPicker();
    QTRY_VERIFY_WITH_TIMEOUT(!picker->isLoading() && !picker->customers().isEmpty(), 10000);
    const QStandardItemModel *items = picker->model();
    QVERIFY(items->rowCount() > 2);
    QCOMPARE(items->item(0)->data(CustomerPicker::UsernameRole).toString(),
             CustomerPicker::parentAccountName());
    // The subusers follow, each once; the parent account is not one of them.
    QStringList usernames;
    for (int at = 1; at < items->rowCount(); ++at)
        usernames << items->item(at)->data(CustomerPicker::UsernameRole).toString();
    QVERIFY(usernames.contains(kAcme));
    QVERIFY(usernames.contains(QStringLiteral("globex")));
    QVERIFY(!usernames.contains(CustomerPicker::parentAccountName()));
    QCOMPARE(usernames.size(), picker->customers().size());
    // The subusers were asked for with their region, as the parent (no on-behalf-of).
    bool askedSubusers = false;
    for (const SandboxRequest &request : m_server->requests()) {
        if (request.api == QLatin1String("v3") && request.path == QLatin1String("/v3/subusers")) {
            askedSubusers = true;
            QVERIFY(request.onBehalfOf.isEmpty());
            QVERIFY2(request.query.contains(QLatin1String("include_region=true")),
                     qPrintable(request.query));
        }
    }
    QVERIFY(askedSubusers);

    // What each line shows: username, email, region, and a disabled mark.
    const auto textOf = [items](const QString &username) {
        for (int at = 0; at < items->rowCount(); ++at) {
            if (items->item(at)->data(CustomerPicker::UsernameRole).toString() == username)
                return items->item(at)->text();
        }
        return QString();
    };
    const QString globex = textOf(QStringLiteral("globex"));
    QVERIFY2(globex.contains(QLatin1String("ops@globex.example")), qPrintable(globex));
    QVERIFY2(globex.contains(QLatin1String("EU")), qPrintable(globex));
    const QString acme = textOf(kAcme);
    QVERIFY2(acme.contains(QLatin1String("Global")), qPrintable(acme));
    QVERIFY2(!acme.contains(QLatin1String("disabled")), qPrintable(acme));
    const QString tyrell = textOf(QStringLiteral("tyrell")); // the demo's inactive customer
    QVERIFY2(tyrell.contains(QLatin1String("disabled")), qPrintable(tyrell));
    // Which account each name is: the EU subuser pinned there, the parent without a name.
    QCOMPARE(picker->tenantFor(CustomerPicker::parentAccountName()).kind, Tenant::Kind::Parent);
    QVERIFY(picker->tenantFor(QStringLiteral("globex")).eu);
    QVERIFY(!picker->tenantFor(kAcme).eu);
}

void TestWindowV3::theParentsOwnBouncesLoadWithoutOnBehalfOf() {
    const QString parent = CustomerPicker::parentAccountName();
    typeCustomer(*m_window, parent);
    QVERIFY(waitLoaded(*m_window, parent));
    QStringList shown = shownEmails(*m_window->model());
    shown.sort();
    QCOMPARE(shown, (QStringList{QStringLiteral("own@parent.test"),
                                 QStringLiteral("second@parent.test")}));
    for (const SandboxRequest &request : m_server->requests()) {
        if (request.api == QLatin1String("v3") && request.call() == QLatin1String("v3.bounces.get"))
            QVERIFY2(request.onBehalfOf.isEmpty(), qPrintable(request.onBehalfOf));
    }
}

void TestWindowV3::aSubusersBouncesLoadInLocalTimeSortedAndFiltered() {
    const SandboxTenant acme = SandboxTenant::subuser(kAcme);
    m_server->data().setSuppressions(acme, SuppressionList::Bounces,
                                     {row("middle@acme.test", kMarch1),
                                      row("newest@acme.test", kMarch1 + 10 * kDay),
                                      row("oldest@acme.test", kMarch1 - 20 * kDay, "4.2.2")});
    typeCustomer(*m_window, kAcme);
    QVERIFY(waitLoaded(*m_window, kAcme));
    BounceTableModel *model = m_window->model();
    QCOMPARE(model->rowCount(), 3);
    // The bounces were asked for on behalf of the subuser.
    bool onBehalf = false;
    for (const SandboxRequest &request : m_server->requests())
        onBehalf |=
            request.call() == QLatin1String("v3.bounces.get") && request.onBehalfOf == kAcme;
    QVERIFY(onBehalf);

    // Stored as ISO 8601 UTC (as exported); the table shows the local time.
    const int middle = rowOf(*model, QStringLiteral("middle@acme.test"));
    const QModelIndex created = model->index(middle, BounceTableModel::CreatedColumn);
    QCOMPARE(created.data().toString(), QStringLiteral("2024-03-01T10:00:00Z"));
    const QString local = QDateTime::fromSecsSinceEpoch(kMarch1, Qt::UTC)
                              .toLocalTime()
                              .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    QCOMPARE(BounceTableView::createdAsShown(created.data().toString()), local);
    // v2's server times are shown as they come.
    QCOMPARE(BounceTableView::createdAsShown(QStringLiteral("2024-03-01 10:00:00")),
             QStringLiteral("2024-03-01 10:00:00"));

    // Sorted by time: oldest to newest, whatever the text's form.
    model->sort(BounceTableModel::CreatedColumn, Qt::AscendingOrder);
    QTRY_VERIFY(!model->isBusy());
    QCOMPARE(shownEmails(*model),
             (QStringList{QStringLiteral("oldest@acme.test"), QStringLiteral("middle@acme.test"),
                          QStringLiteral("newest@acme.test")}));
    // Filtered by day: from the day of `middle` to the day before `newest`.
    m_window->filterBar()->setDateRange(QDate(2024, 3, 1), QDate(2024, 3, 10));
    QTRY_COMPARE(shownEmails(*model), QStringList{QStringLiteral("middle@acme.test")});
    m_window->filterBar()->setDateRange(QDate(2024, 3, 1), QDate());
    QTRY_COMPARE(model->rowCount(), 2);
}

// Three rows deleted in one bulk request; the read-back still finds one of them (put back on the
// server as the read-back arrives): two rows leave, that one stays, Unconfirmed, and Retry
// deletes it.
void TestWindowV3::bulkDeleteRemovesOnlyConfirmedRowsAndRetryDeletesTheRest() {
    typeCustomer(*m_window, kAcme);
    QVERIFY(waitLoaded(*m_window, kAcme));
    QCOMPARE(m_window->model()->rowCount(), 5);
    confirmEveryDelete();
    const SandboxTenant acme = SandboxTenant::subuser(kAcme);
    const QString kept = QStringLiteral("alice@acme.test");
    const QStringList gone{QStringLiteral("bob+tag@acme.test"), QStringLiteral("dave@acme.test")};
    const QList<SandboxSuppression> before =
        m_server->data().suppressions(acme, SuppressionList::Bounces);
    SandboxSuppression alice;
    for (const SandboxSuppression &suppression : before) {
        if (suppression.email == kept)
            alice = suppression;
    }
    QCOMPARE(alice.email, kept);
    bool bulkSeen = false;
    bool putBack = false;
    const QMetaObject::Connection watch = connect(
        m_server.get(), &SandboxServer::requestReceived, this, [&](const SandboxRequest &request) {
            if (request.call() == QLatin1String("v3.bounces.delete") && request.email.isEmpty())
                bulkSeen = true;
            // The first read after the bulk delete (per address or the whole list): alice is
            // back before it is answered.
            if (bulkSeen && !putBack && request.call() == QLatin1String("v3.bounces.get")) {
                putBack = true;
                m_server->data().addSuppressions(acme, SuppressionList::Bounces, {alice});
            }
        });
    DeleteController *deletes = m_window->deleteController();
    QSignalSpy finished(deletes, &DeleteController::finished);
    selectAndDelete(QStringList{kept} + gone);
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 20000);
    disconnect(watch);
    QVERIFY(bulkSeen);
    QVERIFY(putBack);

    BounceTableModel *model = m_window->model();
    QTRY_COMPARE(model->rowCount(), 3);
    for (const QString &email : gone)
        QCOMPARE(rowOf(*model, email), -1);
    QVERIFY(rowOf(*model, kept) >= 0);
    QCOMPARE(stateOf(*model, kept), RowState::Unconfirmed);
    const QString reason = deletes->failureReason(kept);
    QVERIFY2(reason.contains(QLatin1String("not confirmed")), qPrintable(reason));
    const QString tip =
        renderedAsAutoText(model->index(rowOf(*model, kept), BounceTableModel::EmailColumn)
                               .data(Qt::ToolTipRole)
                               .toString());
    QVERIFY2(tip.simplified().contains(reason.simplified()), qPrintable(tip));
    const QString message = m_window->banner()->message();
    QVERIFY2(message.startsWith(QLatin1String("1 got no answer")), qPrintable(message));
    QVERIFY2(message.endsWith(QLatin1String("2 addresses deleted for acme.")), qPrintable(message));

    // The record: api v3, the subuser, bounces; two deleted, one unconfirmed.
    DeletionRecordReader::Result read = DeletionRecordReader::read(m_recordPath);
    QCOMPARE(read.entries.size(), 3);
    for (const DeletionEntry &entry : read.entries) {
        QCOMPARE(entry.api, QStringLiteral("v3"));
        QCOMPARE(entry.customer, kAcme);
        QCOMPARE(entry.list, QStringLiteral("bounces"));
        QCOMPARE(entry.outcome,
                 entry.email == kept ? DeletionOutcome::Unconfirmed : DeletionOutcome::Deleted);
    }

    // Retry from the banner: the single delete answers 204 and the row goes.
    QTest::mouseClick(m_window->banner()->actionButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 2, 20000);
    QCOMPARE(finished.at(1).at(1).toBool(), false);
    QTRY_COMPARE(rowOf(*model, kept), -1);
    QCOMPARE(model->rowCount(), 2);
    QCOMPARE(m_server->data().suppressions(acme, SuppressionList::Bounces).size(), 2);
    read = DeletionRecordReader::read(m_recordPath);
    QCOMPARE(read.entries.size(), 4);
    QCOMPARE(read.entries.constLast().email, kept);
    QCOMPARE(read.entries.constLast().outcome, DeletionOutcome::Deleted);
    QCOMPARE(read.entries.constLast().api, QStringLiteral("v3"));
    QVERIFY(m_window->banner()->isHidden());
}

// The emulator's AcceptedNotDone: 204 for the bulk delete, nothing deleted. Every row stays,
// Unconfirmed; nothing is lost, and Retry (the server behaving again) deletes them.
void TestWindowV3::aBulkDeleteTheServerDidNotCarryOutStaysUnconfirmed() {
    typeCustomer(*m_window, kAcme);
    QVERIFY(waitLoaded(*m_window, kAcme));
    confirmEveryDelete();
    SandboxFault notDone =
        ApiTest::fault(SandboxFault::Type::AcceptedNotDone, QStringLiteral("v3.bounces.delete"), 1);
    notDone.tenant = kAcme;
    m_server->addFault(notDone);
    const QStringList chosen{QStringLiteral("alice@acme.test"), QStringLiteral("carol@other.test")};
    DeleteController *deletes = m_window->deleteController();
    QSignalSpy finished(deletes, &DeleteController::finished);
    selectAndDelete(chosen);
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 20000);
    QCOMPARE(finished.at(0).at(1).toBool(), true);
    QCOMPARE(m_window->model()->rowCount(), 5);
    for (const QString &email : chosen)
        QCOMPARE(stateOf(*m_window->model(), email), RowState::Unconfirmed);
    QCOMPARE(deletes->failedCount(), 2);
    QVERIFY(!m_window->banner()->isHidden());

    QTest::mouseClick(m_window->banner()->actionButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 2, 20000);
    QCOMPARE(finished.at(1).at(1).toBool(), false);
    QTRY_COMPARE(m_window->model()->rowCount(), 3);
    for (const QString &email : chosen) {
        QCOMPARE(rowOf(*m_window->model(), email), -1);
        QVERIFY(m_server->data().isDeleted(kAcme, email));
    }
    QCOMPARE(m_server->data()
                 .suppressions(SandboxTenant::subuser(kAcme), SuppressionList::Bounces)
                 .size(),
             3);
}

// acme's bounces become `rows` generated addresses, loaded and all selected; returns them.
QStringList TestWindowV3::serveAndSelectAll(int rows) {
    QList<SandboxSuppression> suppressions;
    QStringList emails;
    for (int i = 0; i < rows; ++i) {
        const QByteArray email =
            QStringLiteral("bulk%1@acme.test").arg(i, 3, 10, QLatin1Char('0')).toUtf8();
        suppressions << row(email.constData(), kMarch1 + i);
        emails << QString::fromUtf8(email);
    }
    m_server->data().setSuppressions(SandboxTenant::subuser(kAcme), SuppressionList::Bounces,
                                     suppressions);
    typeCustomer(*m_window, kAcme);
    if (!waitLoaded(*m_window, kAcme) || m_window->model()->rowCount() != rows)
        return {};
    m_window->tableView()->setFocus();
    QTest::keyClick(m_window->tableView(), Qt::Key_A, Qt::ControlModifier);
    // The actions follow the selection once the status bar shows it.
    const QString selected = QStringLiteral("Selected: %1").arg(rows);
    if (!QTest::qWaitFor([&] { return m_window->statusText().contains(selected); }))
        return {};
    return emails;
}

// 600 rows: two bulk requests (500 + 100), confirmed by one re-read of the list, in which three
// are back. The record holds each outcome exactly once (597 deleted, 3 unconfirmed), the 597
// confirmed rows leave and exactly the three stay, Unconfirmed.
void TestWindowV3::aBulkDeleteOfTwoChunksRecordsEveryOutcomeOnce() {
    const QStringList emails = serveAndSelectAll(600);
    QCOMPARE(emails.size(), 600);
    confirmEveryDelete();
    const SandboxTenant acme = SandboxTenant::subuser(kAcme);
    const QStringList back{emails.at(0), emails.at(499), emails.at(599)};
    QList<SandboxSuppression> backRows;
    for (const SandboxSuppression &suppression :
         m_server->data().suppressions(acme, SuppressionList::Bounces)) {
        if (back.contains(suppression.email))
            backRows << suppression;
    }
    QCOMPARE(backRows.size(), 3);
    int bulkDeletes = 0;
    bool putBack = false;
    const QMetaObject::Connection watch = connect(
        m_server.get(), &SandboxServer::requestReceived, this, [&](const SandboxRequest &request) {
            if (request.call() == QLatin1String("v3.bounces.delete") && request.email.isEmpty())
                ++bulkDeletes;
            // The first read after both bulk deletes: three are back before it is answered.
            if (bulkDeletes == 2 && !putBack && request.call() == QLatin1String("v3.bounces.get")) {
                putBack = true;
                m_server->data().addSuppressions(acme, SuppressionList::Bounces, backRows);
            }
        });
    DeleteController *deletes = m_window->deleteController();
    QSignalSpy finished(deletes, &DeleteController::finished);
    QTest::keyClick(m_window->tableView(), Qt::Key_Delete);
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 30000);
    disconnect(watch);
    QCOMPARE(bulkDeletes, 2);
    QVERIFY(putBack);

    const DeletionRecordReader::Result read = DeletionRecordReader::read(m_recordPath);
    QVERIFY(read.skipped.isEmpty());
    QCOMPARE(read.entries.size(), 600);
    QSet<QString> recorded;
    for (const DeletionEntry &entry : read.entries) {
        recorded.insert(entry.email);
        QCOMPARE(entry.outcome, back.contains(entry.email) ? DeletionOutcome::Unconfirmed
                                                           : DeletionOutcome::Deleted);
    }
    QCOMPARE(recorded, QSet<QString>(emails.cbegin(), emails.cend()));

    BounceTableModel *model = m_window->model();
    QTRY_COMPARE(model->rowCount(), 3);
    for (const QString &email : back)
        QCOMPARE(stateOf(*model, email), RowState::Unconfirmed);
    QCOMPARE(m_server->data().suppressions(acme, SuppressionList::Bounces).size(), 3);
    QCOMPARE(deletes->failedCount(), 3);
}

// The record could be written when the run began, and not when the 600 outcomes of the
// read-back came (one batch, one write): none of them is shown as deleted. Every row stays,
// marked "Deleted, but not recorded", and the banner says the deleting stopped.
void TestWindowV3::aBulkDeleteWhoseRecordFailsShowsNoneOfItsBatchDeleted() {
    const QStringList emails = serveAndSelectAll(600);
    QCOMPARE(emails.size(), 600);
    confirmEveryDelete();
    DeleteController *deletes = m_window->deleteController();
    QSignalSpy finished(deletes, &DeleteController::finished);
    QTest::keyClick(m_window->tableView(), Qt::Key_Delete);
    QVERIFY(deletes->isRunning());
    // No answer was handled yet (the event loop has not run): a folder takes the record's place.
    QVERIFY(QFile::remove(m_recordPath));
    QVERIFY(QDir().mkpath(m_recordPath));
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 30000);
    QCOMPARE(finished.at(0).at(1).toBool(), true);
    QVERIFY2(finished.at(0).at(0).toString().startsWith(QLatin1String("Deleting stopped")),
             qPrintable(finished.at(0).at(0).toString()));
    // Deleted on the server, and not one row left the table.
    QCOMPARE(m_server->data()
                 .suppressions(SandboxTenant::subuser(kAcme), SuppressionList::Bounces)
                 .size(),
             0);
    BounceTableModel *model = m_window->model();
    QCOMPARE(model->rowCount(), 600);
    QCOMPARE(deletes->failedCount(), 600);
    QTRY_COMPARE(stateOf(*model, emails.constLast()), RowState::Failed);
    for (const QString &email : emails) {
        const QModelIndex index = model->index(rowOf(*model, email), 0);
        QCOMPARE(RowState(index.data(BounceTableModel::StateRole).toInt()), RowState::Failed);
        const QString why = index.data(BounceTableModel::StateTextRole).toString();
        QVERIFY2(why.contains(QLatin1String("Deleted, but not recorded")), qPrintable(why));
    }
}

// `bouncedesk --demo`: v3 against the emulator's own demo data and key, opening the first
// subuser's bounces.
void TestWindowV3::theDemoOpensOnV3() {
    m_window.reset();
    SandboxServer demo; // the demo data every emulator starts with, the demo key
    QVERIFY(demo.listen());
    const ApiSettings settings = demoConnection(demo);
    QCOMPARE(settings.api, ApiVersion::V3);
    QVERIFY2(settings.validationError().isEmpty(), qPrintable(settings.validationError()));
    QSettings().clear();
    MainWindow window;
    window.setConnection(settings, true);
    window.show();
    QCOMPARE(window.client()->api(), ApiVersion::V3);
    QTRY_VERIFY_WITH_TIMEOUT(!window.customerPicker()->customers().isEmpty(), 10000);
    const QString first = window.customerPicker()->customers().constFirst().username;
    QVERIFY(waitLoaded(window, first));
    QVERIFY(window.model()->totalRows() > 0);
    QVERIFY(window.windowTitle().contains(first));
    bool onBehalf = false;
    for (const SandboxRequest &request : demo.requests()) {
        QVERIFY(request.api == QLatin1String("v3"));
        QVERIFY(request.authenticated);
        onBehalf |=
            request.call() == QLatin1String("v3.bounces.get") && request.onBehalfOf == first;
    }
    QVERIFY(onBehalf);
}

// The customer open when the window closed opens again at the start; an EU-pinned subuser is
// asked on the EU host, which only the subuser list tells, so its bounces are asked after it.
void TestWindowV3::theLastCustomerReopensOnceTheListSaysItsRegion() {
    m_window.reset();
    m_server->clearRequests();
    QSettings().clear();
    QSettings().setValue(QStringLiteral("customers/last"), QStringLiteral("globex"));
    MainWindow window;
    window.setConnection(v3Settings(), false);
    window.show();
    QVERIFY(waitLoaded(window, QStringLiteral("globex")));
    QCOMPARE(window.loadController()->tenant().kind, Tenant::Kind::Subuser);
    QCOMPARE(window.loadController()->tenant().id, QStringLiteral("globex"));
    QVERIFY(window.loadController()->tenant().eu);
    int listed = -1;
    int bouncesAsked = -1;
    const QList<SandboxRequest> requests = m_server->requests();
    for (int at = 0; at < requests.size(); ++at) {
        if (listed < 0 && requests.at(at).path == QLatin1String("/v3/subusers"))
            listed = at;
        if (bouncesAsked < 0 && requests.at(at).call() == QLatin1String("v3.bounces.get"))
            bouncesAsked = at;
    }
    QVERIFY(listed >= 0);
    QVERIFY2(bouncesAsked > listed,
             qPrintable(QStringLiteral("%1 %2").arg(listed).arg(bouncesAsked)));
}

void TestWindowV3::oneTabPerListUnderV3AndNoTabsUnderV2() {
    ListTabs *tabs = m_window->listTabs();
    QVERIFY(tabs->isVisible());
    QCOMPARE(tabs->lists(), allSuppressionLists());
    QCOMPARE(tabs->count(), 6);
    QCOMPARE(tabs->currentList(), SuppressionList::Bounces);

    MainWindow v2;
    v2.setConnection(ApiTest::settingsFor(*m_server), false);
    v2.show();
    QVERIFY(QTest::qWaitForWindowExposed(&v2));
    QCOMPARE(v2.client()->api(), ApiVersion::V2);
    QVERIFY(v2.listTabs()->isHidden());
    QCOMPARE(v2.listTabs()->lists(), QList<SuppressionList>{SuppressionList::Bounces});
}

void TestWindowV3::aListLoadsWhenItsTabIsChosenAndIsKept() {
    const SandboxTenant acme = SandboxTenant::subuser(kAcme);
    m_server->data().setSuppressions(
        acme, SuppressionList::Blocks,
        {row("blocked@acme.test", kMarch1, "5.7.1", "550 5.7.1 Blocked by policy"),
         row("held@acme.test", kMarch1 + kDay, "4.7.0", "451 4.7.0 Try later")});
    typeCustomer(*m_window, kAcme);
    QVERIFY(waitLoaded(*m_window, kAcme));
    ListTabs *tabs = m_window->listTabs();
    QTRY_COMPARE(tabs->tabText(tabs->indexOf(SuppressionList::Bounces)),
                 QStringLiteral("Bounces (5)"));
    QCOMPARE(tabs->tabText(tabs->indexOf(SuppressionList::Blocks)), QStringLiteral("Blocks"));
    QCOMPARE(requestsFor(*m_server, QStringLiteral("v3.blocks.get")), 0); // on demand only

    // Blocks: asked for now, shown with their columns, counted on the tab.
    tabs->setCurrentIndex(tabs->indexOf(SuppressionList::Blocks));
    BounceTableModel *model = m_window->model();
    QCOMPARE(model->list(), SuppressionList::Blocks);
    QCOMPARE(m_window->loadController()->list(), SuppressionList::Blocks);
    QCOMPARE(m_window->deleteController()->list(), SuppressionList::Blocks);
    QVERIFY(waitLoaded(*m_window, kAcme));
    QCOMPARE(model->columns(), suppressionColumns(SuppressionList::Blocks));
    QStringList shown = shownEmails(*model);
    shown.sort();
    QCOMPARE(shown,
             (QStringList{QStringLiteral("blocked@acme.test"), QStringLiteral("held@acme.test")}));
    QTRY_COMPARE(tabs->tabText(tabs->indexOf(SuppressionList::Blocks)),
                 QStringLiteral("Blocks (2)"));
    const int blocksAsked = requestsFor(*m_server, QStringLiteral("v3.blocks.get"));
    QVERIFY(blocksAsked > 0);
    const int bouncesAsked = requestsFor(*m_server, QStringLiteral("v3.bounces.get"));

    // Back to bounces and again to blocks: shown at once from what was kept, nothing asked.
    tabs->setCurrentIndex(tabs->indexOf(SuppressionList::Bounces));
    QVERIFY(!m_window->loadController()->isLoading());
    QCOMPARE(model->list(), SuppressionList::Bounces);
    QCOMPARE(model->totalRows(), 5);
    tabs->setCurrentIndex(tabs->indexOf(SuppressionList::Blocks));
    QVERIFY(!m_window->loadController()->isLoading());
    QCOMPARE(model->totalRows(), 2);
    QCOMPARE(requestsFor(*m_server, QStringLiteral("v3.bounces.get")), bouncesAsked);
    QCOMPARE(requestsFor(*m_server, QStringLiteral("v3.blocks.get")), blocksAsked);

    // Refresh reloads the list shown.
    m_window->loadController()->refresh();
    QVERIFY(waitLoaded(*m_window, kAcme));
    QVERIFY(requestsFor(*m_server, QStringLiteral("v3.blocks.get")) > blocksAsked);
    QCOMPARE(model->list(), SuppressionList::Blocks);
    QCOMPARE(model->totalRows(), 2);

    // Another customer: the tab stays, its list loads for them; nothing of acme's is kept or
    // counted, so their bounces are asked for again.
    const QString parent = CustomerPicker::parentAccountName();
    typeCustomer(*m_window, parent);
    QVERIFY(waitLoaded(*m_window, parent));
    QCOMPARE(model->list(), SuppressionList::Blocks);
    const qsizetype parentBlocks =
        m_server->data().suppressions(SandboxTenant::parent(), SuppressionList::Blocks).size();
    QCOMPARE(model->totalRows(), parentBlocks);
    QCOMPARE(rowOf(*model, QStringLiteral("blocked@acme.test")), -1);
    QCOMPARE(tabs->tabText(tabs->indexOf(SuppressionList::Bounces)), QStringLiteral("Bounces"));
    QTRY_COMPARE(tabs->tabText(tabs->indexOf(SuppressionList::Blocks)),
                 QStringLiteral("Blocks (%1)").arg(parentBlocks));
    const int bouncesBefore = requestsFor(*m_server, QStringLiteral("v3.bounces.get"));
    tabs->setCurrentIndex(tabs->indexOf(SuppressionList::Bounces));
    QVERIFY(m_window->loadController()->isLoading());
    QVERIFY(waitLoaded(*m_window, parent));
    QCOMPARE(model->totalRows(), 2); // own@ and second@parent.test
    QVERIFY(requestsFor(*m_server, QStringLiteral("v3.bounces.get")) > bouncesBefore);
}

void TestWindowV3::aConsentListDeleteWaitsForTheTick() {
    const SandboxTenant acme = SandboxTenant::subuser(kAcme);
    SandboxSuppression spam;
    spam.email = QStringLiteral("complainer@acme.test");
    spam.created = kMarch1;
    spam.ip = QStringLiteral("192.0.2.7");
    SandboxSuppression other = spam;
    other.email = QStringLiteral("other@acme.test");
    m_server->data().setSuppressions(acme, SuppressionList::SpamReports, {spam, other});
    typeCustomer(*m_window, kAcme);
    QVERIFY(waitLoaded(*m_window, kAcme));
    ListTabs *tabs = m_window->listTabs();
    tabs->setCurrentIndex(tabs->indexOf(SuppressionList::SpamReports));
    QVERIFY(waitLoaded(*m_window, kAcme));
    BounceTableModel *model = m_window->model();
    QCOMPARE(model->list(), SuppressionList::SpamReports);
    QCOMPARE(model->rowCount(), 2);

    // The window's own confirmation (no test hook): Delete is refused until the tick.
    selectAndDelete({spam.email});
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = m_window->findChild<QMessageBox *>(QStringLiteral("deleteConfirmation"))));
    QVERIFY2(box->text().contains(QLatin1String("only when the recipient asked")),
             qPrintable(box->text()));
    QAbstractButton *remove = nullptr;
    for (QAbstractButton *button : box->buttons()) {
        if (box->buttonRole(button) == QMessageBox::DestructiveRole)
            remove = button;
    }
    QVERIFY(remove);
    QVERIFY(box->checkBox());
    QVERIFY(!remove->isEnabled());
    QTest::mouseClick(remove, Qt::LeftButton);
    QVERIFY(box->isVisible()); // a disabled Delete does nothing
    QCOMPARE(requestsFor(*m_server, QStringLiteral("v3.spam_reports.delete")), 0);
    box->checkBox()->setChecked(true);
    QVERIFY(remove->isEnabled());
    QTest::mouseClick(remove, Qt::LeftButton);

    QTRY_VERIFY_WITH_TIMEOUT(
        rowOf(*model, spam.email) < 0 && !m_window->deleteController()->isRunning(), 20000);
    QVERIFY(rowOf(*model, other.email) >= 0);
    const QList<SandboxSuppression> left =
        m_server->data().suppressions(acme, SuppressionList::SpamReports);
    QCOMPARE(left.size(), 1);
    QCOMPARE(left.constFirst().email, other.email);
    QCOMPARE(m_server->data().suppressions(acme, SuppressionList::Bounces).size(), 5);
    const DeletionRecordReader::Result read = DeletionRecordReader::read(m_recordPath);
    QCOMPARE(read.entries.size(), 1);
    QCOMPARE(read.entries.constFirst().email, spam.email);
    QCOMPARE(read.entries.constFirst().list, QStringLiteral("spam_reports"));
    QCOMPARE(read.entries.constFirst().outcome, DeletionOutcome::Deleted);
    QTRY_COMPARE(tabs->tabText(tabs->indexOf(SuppressionList::SpamReports)),
                 QStringLiteral("Spam reports (1)"));
}

void TestWindowV3::aFoundAddressOpensOnItsListsTab() {
    SandboxSuppression unsubscribed;
    unsubscribed.email = QStringLiteral("quiet@acme.test");
    unsubscribed.created = kMarch1;
    m_server->data().setSuppressions(SandboxTenant::subuser(kAcme), SuppressionList::Unsubscribes,
                                     {unsubscribed});
    typeCustomer(*m_window, kAcme);
    QVERIFY(waitLoaded(*m_window, kAcme));
    m_window->showFindAddress();
    Q_EMIT m_window->findAddressDialog()->openRequested(kAcme, SuppressionList::Unsubscribes,
                                                        unsubscribed.email);
    QCOMPARE(m_window->listTabs()->currentList(), SuppressionList::Unsubscribes);
    QVERIFY(waitLoaded(*m_window, kAcme));
    QCOMPARE(m_window->model()->list(), SuppressionList::Unsubscribes);
    QTRY_COMPARE(m_window->tableView()->selectedEmails(), QStringList{unsubscribed.email});
}

// Issue 13: a group unsubscribe is an (address, group) pair, and its row is deleted from that
// group alone (read first, delete, read back, as for every consent list). The row leaves only
// when the server confirmed; the address's rows in other groups, and the group's other rows,
// stay; the record names the group. An absent pair was not on the list (nothing deleted); a
// refused delete keeps its row, marked Failed.
void TestWindowV3::aGroupUnsubscribeRowLeavesOnlyItsGroup() {
    const SandboxTenant acme = SandboxTenant::subuser(kAcme);
    SandboxGroup news;
    news.id = 5;
    news.name = QStringLiteral("News");
    SandboxGroup offers;
    offers.id = 7;
    offers.name = QStringLiteral("Offers");
    const QString anna = QStringLiteral("anna@acme.test");
    const QString bob = QStringLiteral("bob@acme.test");
    for (const SandboxGroup &group : m_server->data().groups(acme))
        m_server->data().setGroup(acme, group, {}); // only the pairs below
    m_server->data().setGroup(
        acme, news, {row("anna@acme.test", kMarch1), row("bob@acme.test", kMarch1 + kDay)});
    m_server->data().setGroup(acme, offers, {row("anna@acme.test", kMarch1 + 2 * kDay)});
    typeCustomer(*m_window, kAcme);
    QVERIFY(waitLoaded(*m_window, kAcme));
    ListTabs *tabs = m_window->listTabs();
    tabs->setCurrentIndex(tabs->indexOf(SuppressionList::GroupUnsubscribes));
    QVERIFY(waitLoaded(*m_window, kAcme));
    BounceTableModel *model = m_window->model();
    QCOMPARE(model->list(), SuppressionList::GroupUnsubscribes);
    QCOMPARE(model->rowCount(), 3); // one row per pair
    confirmEveryDelete();
    BounceTableView *table = m_window->tableView();
    const auto deletePair = [&](const QString &email, const QString &group) {
        const int at = pairRow(*model, email, group);
        if (at < 0)
            return false;
        table->clearSelection();
        table->selectRow(at);
        if (table->selectedRowCount() != 1)
            return false;
        m_window->deleteController()->deleteSelected();
        return m_window->deleteController()->isRunning();
    };

    // (anna, 5): gone from group 5 only.
    QVERIFY(deletePair(anna, QStringLiteral("5")));
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->deleteController()->isRunning(), 20000);
    QTRY_COMPARE(pairRow(*model, anna, QStringLiteral("5")), -1);
    QVERIFY(pairRow(*model, anna, QStringLiteral("7")) >= 0);
    QVERIFY(pairRow(*model, bob, QStringLiteral("5")) >= 0);
    QCOMPARE(model->rowCount(), 2);
    QCOMPARE(serverPairs(*m_server, acme),
             (QStringList{QStringLiteral("anna@acme.test 7"), QStringLiteral("bob@acme.test 5")}));
    QStringList deletes = groupDeletes(*m_server);
    QCOMPARE(deletes.size(), 1);
    QVERIFY2(deletes.constFirst().contains(QLatin1String("/asm/groups/5/suppressions/")),
             qPrintable(deletes.constFirst()));
    DeletionRecordReader::Result read = DeletionRecordReader::read(m_recordPath);
    QCOMPARE(read.entries.size(), 1);
    QCOMPARE(read.entries.constFirst().email, anna);
    QCOMPARE(read.entries.constFirst().list, QStringLiteral("group_unsubscribes"));
    QCOMPARE(read.entries.constFirst().outcome, DeletionOutcome::Deleted);
    QCOMPARE(read.entries.constFirst().detail, QStringLiteral("group 5"));

    // (anna, 7) left the group behind the window's back: read first, nothing deleted, and the
    // row leaves as not on the list.
    QVERIFY(m_server->data().deleteFromGroup(acme, 7, anna));
    QVERIFY(deletePair(anna, QStringLiteral("7")));
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->deleteController()->isRunning(), 20000);
    QTRY_COMPARE(pairRow(*model, anna, QStringLiteral("7")), -1);
    QCOMPARE(groupDeletes(*m_server).size(), 1);
    read = DeletionRecordReader::read(m_recordPath);
    QCOMPARE(read.entries.size(), 2);
    QCOMPARE(read.entries.at(1).email, anna);
    QCOMPARE(read.entries.at(1).outcome, DeletionOutcome::NotOnList);
    QVERIFY2(read.entries.at(1).detail.startsWith(QLatin1String("group 7: ")),
             qPrintable(read.entries.at(1).detail));

    // (bob, 5) refused (403): still in the group after the read-back, so the row stays, Failed.
    SandboxFault forbidden;
    forbidden.type = SandboxFault::Type::Forbidden;
    forbidden.call = QStringLiteral("v3.group_unsubscribes.delete");
    m_server->addFault(forbidden);
    QVERIFY(deletePair(bob, QStringLiteral("5")));
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->deleteController()->isRunning(), 20000);
    const int bobRow = pairRow(*model, bob, QStringLiteral("5"));
    QVERIFY(bobRow >= 0);
    QTRY_COMPARE(RowState(model->index(bobRow, 0).data(BounceTableModel::StateRole).toInt()),
                 RowState::Failed);
    QCOMPARE(serverPairs(*m_server, acme), QStringList{QStringLiteral("bob@acme.test 5")});
    read = DeletionRecordReader::read(m_recordPath);
    QCOMPARE(read.entries.size(), 3);
    QCOMPARE(read.entries.at(2).outcome, DeletionOutcome::Failed);
    QVERIFY2(read.entries.at(2).detail.startsWith(QLatin1String("group 5: ")),
             qPrintable(read.entries.at(2).detail));
}

// v3 times are shown in local time, so the date filter takes the same local days: a bounce
// at 23:30 on 1 March in New York (04:30 UTC on the 2nd) is matched by 1 March, one at 00:30
// on the 2nd by the 2nd, whatever day it is in UTC.
void TestWindowV3::theDateFilterTakesTheLocalDaysShown() {
    const qint64 lateOnMarch1 = 1'709'353'800; // 2024-03-02 04:30:00 UTC
    m_server->data().setSuppressions(
        SandboxTenant::subuser(kAcme), SuppressionList::Bounces,
        {row("late@acme.test", lateOnMarch1), row("early@acme.test", lateOnMarch1 + 3600)});
    typeCustomer(*m_window, kAcme);
    QVERIFY(waitLoaded(*m_window, kAcme));
    BounceTableModel *model = m_window->model();
    QCOMPARE(model->rowCount(), 2);
    const QModelIndex late = model->index(rowOf(*model, QStringLiteral("late@acme.test")),
                                          BounceTableModel::CreatedColumn);
    QCOMPARE(BounceTableView::createdAsShown(late.data().toString()),
             QStringLiteral("2024-03-01 23:30:00"));
    const QModelIndex early = model->index(rowOf(*model, QStringLiteral("early@acme.test")),
                                           BounceTableModel::CreatedColumn);
    QCOMPARE(BounceTableView::createdAsShown(early.data().toString()),
             QStringLiteral("2024-03-02 00:30:00"));

    m_window->filterBar()->setDateRange(QDate(2024, 3, 1), QDate(2024, 3, 1));
    QTRY_COMPARE(shownEmails(*model), QStringList{QStringLiteral("late@acme.test")});
    m_window->filterBar()->setDateRange(QDate(2024, 3, 2), QDate(2024, 3, 2));
    QTRY_COMPARE(shownEmails(*model), QStringList{QStringLiteral("early@acme.test")});
    m_window->filterBar()->setDateRange(QDate(2024, 3, 2), QDate());
    QTRY_COMPARE(shownEmails(*model), QStringList{QStringLiteral("early@acme.test")});
    m_window->filterBar()->setDateRange(QDate(), QDate(2024, 3, 1));
    QTRY_COMPARE(shownEmails(*model), QStringList{QStringLiteral("late@acme.test")});
}

// Refresh, Delete and the table name the list shown, not "bounces" on every list.
void TestWindowV3::theActionsNameTheListShown() {
    typeCustomer(*m_window, kAcme);
    QVERIFY(waitLoaded(*m_window, kAcme));
    auto *refresh = m_window->findChild<QAction *>(QStringLiteral("refreshBounces"));
    auto *remove = m_window->findChild<QAction *>(QStringLiteral("deleteRows"));
    QVERIFY(refresh && remove);
    QCOMPARE(refresh->text(), QStringLiteral("&Refresh Bounces"));
    QCOMPARE(suppressionListTitle(SuppressionList::Unsubscribes),
             QStringLiteral("Global unsubscribes"));
    ListTabs *tabs = m_window->listTabs();
    for (const SuppressionList list :
         {SuppressionList::Blocks, SuppressionList::InvalidEmails, SuppressionList::SpamReports,
          SuppressionList::Unsubscribes, SuppressionList::GroupUnsubscribes}) {
        tabs->setCurrentIndex(tabs->indexOf(list));
        QVERIFY(waitLoaded(*m_window, kAcme));
        const QString title = suppressionListTitle(list);
        QCOMPARE(refresh->text(), QStringLiteral("&Refresh ") + title);
        QVERIFY2(refresh->toolTip().contains(title), qPrintable(refresh->toolTip()));
        QVERIFY2(remove->toolTip().contains(title), qPrintable(remove->toolTip()));
        QCOMPARE(m_window->tableView()->accessibleName(), title);
        for (const QString &text : {refresh->text(), refresh->toolTip(), remove->toolTip()})
            QVERIFY2(!text.contains(QLatin1String("bounce"), Qt::CaseInsensitive),
                     qPrintable(text));
    }
    tabs->setCurrentIndex(tabs->indexOf(SuppressionList::Bounces));
    QCOMPARE(refresh->text(), QStringLiteral("&Refresh Bounces"));
}

QTEST_MAIN(TestWindowV3)
#include "tst_windowv3.moc"
