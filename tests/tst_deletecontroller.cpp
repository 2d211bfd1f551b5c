// Deleting from the main window against the loopback emulator: confirmation, rows leaving in
// place only on the server's word, failures kept and explained, nothing sent when declined.
#include "windowtestsupport.h"

#include "deletecontroller.h"
#include "errorbanner.h"

#include "core/deletionrecordreader.h"

#include <QMessageBox>
#include <QPushButton>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace WindowTest;
using RowState = BounceTableModel::RowState;

class TestDeleteController final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void cleanup();

    void confirmedDeleteRemovesRowsHereAndOnTheServer();
    void declinedDeleteSendsNothing();
    void onlyRowsConfirmedAndStillSelectedGo();
    void rowsReadAgainWhileAskingAreNotDeleted();
    void failedDeleteKeepsRowMarkedAndSaysWhy_data();
    void failedDeleteKeepsRowMarkedAndSaysWhy();
    void confirmationIsPlainTextAndNamesTheAddresses();
    void manyDeletesAllLeaveAndTableStaysUsable();
    void deleteIsDisabledWithoutSelection();
    void quittingWithDeletesInFlightAsksFirst();
    void countsAreWrittenAsTheLocaleWritesThem();
    void everyOutcomeIsRecordedBeforeItsRowLeaves();
    void unwritableRecordSendsNothing();
    void recordFailingMidRunStopsTheRest();
    void connectionChangingWhenTheRecordFailsLeavesTheDeleteUnconfirmed();

private:
    void selectEmails(const QStringList &emails);
    // The window's delete controller, writing its record to `recordPath` and every
    // confirmation answered yes.
    DeleteController *deletesRecordingTo(const QString &recordPath);
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<MainWindow> m_window;
    QStringList m_asked; // confirmation texts the injected confirm function saw
};

void TestDeleteController::init() {
    m_server = startServer();
    QVERIFY(m_server);
    m_window = openWindow(*m_server);
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    typeCustomer(*m_window, QStringLiteral("acme"));
    QVERIFY(waitLoaded(*m_window, QStringLiteral("acme")));
    m_asked.clear();
}

void TestDeleteController::cleanup() {
    m_window.reset();
    m_server.reset();
}

void TestDeleteController::selectEmails(const QStringList &emails) {
    QVERIFY(ctrlClickRows(*m_window, emails));
    // The status bar and the actions follow one event-loop turn later, before any person
    // could press Del.
    QTRY_VERIFY(m_window->statusText().contains(QStringLiteral("Selected: %1").arg(emails.size())));
}

DeleteController *TestDeleteController::deletesRecordingTo(const QString &recordPath) {
    DeleteController *deletes = m_window->deleteController();
    deletes->setDeletionRecord(DeletionRecord(recordPath));
    deletes->setConfirmFunction(
        [](const QString &, const QString &, std::function<void(bool)> answer) { answer(true); });
    return deletes;
}

void TestDeleteController::confirmedDeleteRemovesRowsHereAndOnTheServer() {
    const QStringList gone{QStringLiteral("alice@acme.test"), QStringLiteral("bob+tag@acme.test")};
    m_window->deleteController()->setConfirmFunction(
        [this](const QString &, const QString &text, std::function<void(bool)> answer) {
            m_asked << text;
            answer(true);
        });
    selectEmails(gone);
    QTest::keyClick(m_window->tableView(), Qt::Key_Delete);

    QCOMPARE(m_asked.size(), 1);
    QVERIFY(m_asked.constFirst().contains(QStringLiteral("2")));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->model()->rowCount(), 3, 10000);
    for (const QString &email : gone) {
        QVERIFY(m_server->data().isDeleted(QStringLiteral("acme"), email));
        QCOMPARE(rowOf(*m_window->model(), email), -1);
    }
    // The plus-address arrived as itself, not as "bob tag@…".
    QCOMPARE(m_server->data().bounces(QStringLiteral("acme")).size(), 3);
    QCOMPARE(m_window->model()->totalRows(), 3);
    QTRY_VERIFY(!m_window->deleteController()->isRunning());
    QVERIFY(m_window->banner()->isHidden());
}

void TestDeleteController::declinedDeleteSendsNothing() {
    m_window->deleteController()->setConfirmFunction(
        [this](const QString &, const QString &text, std::function<void(bool)> answer) {
            m_asked << text;
            answer(false);
        });
    selectEmails({QStringLiteral("alice@acme.test"), QStringLiteral("dave@acme.test")});
    QTest::keyClick(m_window->tableView(), Qt::Key_Delete);
    QCOMPARE(m_asked.size(), 1);
    QCOMPARE(m_window->model()->rowCount(), 5);
    QVERIFY(!m_window->deleteController()->isRunning());
    const int row = rowOf(*m_window->model(), QStringLiteral("alice@acme.test"));
    QCOMPARE(RowState(m_window->model()->index(row, 0).data(BounceTableModel::StateRole).toInt()),
             RowState::Normal);
    QCOMPARE(deletesBeforeBarrier(*m_window->client(), *m_server, QStringLiteral("acme")),
             QStringList());
}

// The question may stay open while the selection changes under it: a row deselected then
// stays, and a row selected only then was never confirmed.
void TestDeleteController::onlyRowsConfirmedAndStillSelectedGo() {
    const QString alice = QStringLiteral("alice@acme.test");
    const QString bob = QStringLiteral("bob+tag@acme.test");
    const QString carol = QStringLiteral("carol@other.test");
    const QString dave = QStringLiteral("dave@acme.test");
    std::function<void(bool)> pending;
    DeleteController *deletes = m_window->deleteController();
    deletes->setConfirmFunction(
        [this, &pending](const QString &, const QString &text, std::function<void(bool)> answer) {
            m_asked << text;
            pending = std::move(answer);
        });
    selectEmails({alice, bob, dave});
    QTest::keyClick(m_window->tableView(), Qt::Key_Delete);
    QVERIFY(pending);
    QVERIFY(m_asked.constFirst().contains(bob));

    selectEmails({alice, carol, dave});
    pending(true);
    QTRY_VERIFY_WITH_TIMEOUT(!deletes->isRunning(), 10000);
    QStringList sent = deletesBeforeBarrier(*m_window->client(), *m_server, QStringLiteral("acme"));
    sent.sort();
    QCOMPARE(sent, (QStringList{alice, dave}));
    QTRY_COMPARE(m_window->model()->rowCount(), 3);
    QVERIFY(rowOf(*m_window->model(), bob) >= 0);
    QVERIFY(rowOf(*m_window->model(), carol) >= 0);
}

// A refresh while the question is open brings other rows under the numbers of those asked
// about: a row selected afterwards in the place of a confirmed one is not deleted.
void TestDeleteController::rowsReadAgainWhileAskingAreNotDeleted() {
    const QString alice = QStringLiteral("alice@acme.test");
    const QString bob = QStringLiteral("bob+tag@acme.test");
    std::function<void(bool)> pending;
    DeleteController *deletes = m_window->deleteController();
    deletes->setConfirmFunction(
        [&pending](const QString &, const QString &, std::function<void(bool)> answer) {
            pending = std::move(answer);
        });
    // Alice arrived first; gone from the server before the refresh, her place is Bob's.
    selectEmails({alice});
    QCOMPARE(m_window->tableView()->selectedStoreRows(), std::vector<BounceStore::Row>{0});
    QTest::keyClick(m_window->tableView(), Qt::Key_Delete);
    QVERIFY(pending);
    QVERIFY(m_server->data().deleteBounce(QStringLiteral("acme"), alice));
    QTest::keyClick(m_window->tableView(), Qt::Key_F5);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->model()->totalRows(), 4, 10000);
    QTRY_VERIFY(!m_window->loadController()->isLoading());
    selectEmails({bob});
    QCOMPARE(m_window->tableView()->selectedStoreRows(), std::vector<BounceStore::Row>{0});

    pending(true);
    QVERIFY(!deletes->isRunning());
    QCOMPARE(deletesBeforeBarrier(*m_window->client(), *m_server, QStringLiteral("acme")),
             QStringList());
    QVERIFY(!m_server->data().isDeleted(QStringLiteral("acme"), bob));
    QVERIFY(rowOf(*m_window->model(), bob) >= 0);
}

void TestDeleteController::failedDeleteKeepsRowMarkedAndSaysWhy_data() {
    QTest::addColumn<int>("faultType");
    QTest::addColumn<int>("expectedState");
    QTest::addColumn<QString>("why");
    QTest::newRow("server error 500")
        << int(SandboxFault::Type::Http500) << int(RowState::Failed) << QStringLiteral("500");
    QTest::newRow("connection reset, no answer")
        << int(SandboxFault::Type::Reset) << int(RowState::Unconfirmed)
        << QStringLiteral("no answer");
}

void TestDeleteController::failedDeleteKeepsRowMarkedAndSaysWhy() {
    QFETCH(int, faultType);
    QFETCH(int, expectedState);
    QFETCH(QString, why);
    const QString failing = QStringLiteral("carol@other.test");
    m_server->addFault(
        ApiTest::fault(SandboxFault::Type(faultType), QStringLiteral("bounces.delete"), -1));
    m_window->deleteController()->setConfirmFunction(
        [](const QString &, const QString &, std::function<void(bool)> answer) { answer(true); });
    selectEmails({failing});
    QTest::keyClick(m_window->tableView(), Qt::Key_Delete);

    ErrorBanner *banner = m_window->banner();
    QTRY_VERIFY_WITH_TIMEOUT(!banner->isHidden(), 15000);
    QVERIFY2(banner->message().contains(why), qPrintable(banner->message()));
    const int row = rowOf(*m_window->model(), failing);
    QVERIFY(row >= 0);
    QCOMPARE(m_window->model()->index(row, 0).data(BounceTableModel::StateRole).toInt(),
             expectedState);
    QCOMPARE(m_window->model()->rowCount(), 5);
    // The row itself says why, in its tooltip, not only the banner (which may be closed).
    const QString reason = m_window->deleteController()->failureReason(failing);
    QVERIFY(!reason.isEmpty());
    QVERIFY2(banner->message().contains(reason), qPrintable(banner->message()));
    const QString tip = renderedAsAutoText(m_window->model()
                                               ->index(row, BounceTableModel::EmailColumn)
                                               .data(Qt::ToolTipRole)
                                               .toString());
    QVERIFY2(tip.simplified().contains(reason.simplified()), qPrintable(tip)); // lines broken
    QVERIFY2(!tip.contains(QStringLiteral("summary")), qPrintable(tip));
    // The summary leads with the failure.
    QVERIFY2(banner->message().startsWith(expectedState == int(RowState::Failed)
                                              ? QStringLiteral("1 could not be deleted")
                                              : QStringLiteral("1 got no answer")),
             qPrintable(banner->message()));

    // Retry from the banner once the server behaves: the row goes.
    m_server->clearFaults();
    QTest::mouseClick(banner->actionButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(rowOf(*m_window->model(), failing), -1, 10000);
    QVERIFY(m_server->data().isDeleted(QStringLiteral("acme"), failing));
}

void TestDeleteController::confirmationIsPlainTextAndNamesTheAddresses() {
    const QString hostile = QStringLiteral("<b>x</b><img src=x>@evil.test");
    QList<Bounce> rows = acmeBounces();
    rows.append(
        bounce("<b>x</b><img src=x>@evil.test", "5.1.1", "<b>bold</b>", "2024-04-01 00:00:00"));
    m_server->data().setBounces(QStringLiteral("acme"), rows);
    QTest::keyClick(m_window->tableView(), Qt::Key_F5);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->model()->rowCount(), 6, 10000);

    selectEmails({hostile, QStringLiteral("alice@acme.test")});
    QTest::keyClick(m_window->tableView(), Qt::Key_Delete); // the real, window-modal box
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = m_window->findChild<QMessageBox *>(QStringLiteral("deleteConfirmation"))));
    QCOMPARE(box->textFormat(), Qt::PlainText);
    QVERIFY(box->text().contains(hostile));
    QVERIFY(box->text().contains(QStringLiteral("alice@acme.test")));
    QVERIFY(box->text().contains(QStringLiteral("SendGrid will deliver")));
    QVERIFY(box->text().contains(QStringLiteral("2 bounces")));
    // The default button is the safe one.
    QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
    box->button(QMessageBox::Cancel)->click();
    QCOMPARE(m_window->model()->rowCount(), 6);
    QCOMPARE(deletesBeforeBarrier(*m_window->client(), *m_server, QStringLiteral("acme")),
             QStringList());
}

void TestDeleteController::manyDeletesAllLeaveAndTableStaysUsable() {
    m_server->data().setBounces(QStringLiteral("acme"),
                                generatedBounces(QStringLiteral("acme.test"), 300));
    QTest::keyClick(m_window->tableView(), Qt::Key_F5);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->model()->rowCount(), 300, 10000);
    m_window->deleteController()->setConfirmFunction(
        [this](const QString &, const QString &text, std::function<void(bool)> answer) {
            m_asked << text;
            answer(true);
        });
    m_window->tableView()->setFocus();
    QTest::keySequence(m_window->tableView(), QKeySequence::SelectAll);
    QCOMPARE(m_window->tableView()->selectedRowCount(), 300);
    QTRY_VERIFY(m_window->statusText().contains(QStringLiteral("Selected: 300")));
    QTest::keyClick(m_window->tableView(), Qt::Key_Delete);
    QCOMPARE(m_asked.size(), 1);
    QVERIFY(m_asked.constFirst().contains(QStringLiteral("300")));
    QVERIFY(m_asked.constFirst().contains(QStringLiteral("and 295 more")));

    // While deletes run the table still sorts and filters.
    QTRY_VERIFY(m_window->deleteController()->isRunning());
    m_window->model()->sort(BounceTableModel::EmailColumn, Qt::AscendingOrder);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->model()->rowCount(), 0, 30000);
    QCOMPARE(m_server->data().bounceCount(QStringLiteral("acme")), 0);
    QTRY_VERIFY(!m_window->deleteController()->isRunning());
}

void TestDeleteController::deleteIsDisabledWithoutSelection() {
    QAction *del = nullptr;
    for (QAction *action : m_window->actions()) {
        if (action->shortcut() == QKeySequence(QKeySequence::Delete))
            del = action;
    }
    QVERIFY(del);
    m_window->tableView()->clearSelection();
    QTRY_VERIFY(!del->isEnabled());
    selectEmails({QStringLiteral("alice@acme.test")});
    QTRY_VERIFY(del->isEnabled());
}

// The delete's answer is held until the question has been answered: it is in flight, at the
// server, for as long as the test needs, whatever the machine's load.
void TestDeleteController::quittingWithDeletesInFlightAsksFirst() {
    m_window = openWindow(ApiTest::patientSettingsFor(*m_server)); // only the release answers
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    typeCustomer(*m_window, QStringLiteral("acme"));
    QVERIFY(waitLoaded(*m_window, QStringLiteral("acme")));
    m_server->addFault(
        ApiTest::fault(SandboxFault::Type::Hold, QStringLiteral("bounces.delete"), -1));
    m_window->deleteController()->setConfirmFunction(
        [](const QString &, const QString &, std::function<void(bool)> answer) { answer(true); });
    selectEmails({QStringLiteral("alice@acme.test")});
    QTest::keyClick(m_window->tableView(), Qt::Key_Delete);
    QTRY_COMPARE(m_server->answersHeld(), 1); // done at the server, its answer not yet sent
    QVERIFY(m_window->deleteController()->isRunning());

    m_window->close();
    QVERIFY(m_window->isVisible());
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = m_window->findChild<QMessageBox *>()));
    QCOMPARE(box->textFormat(), Qt::PlainText);
    box->button(QMessageBox::Cancel)->click();
    QVERIFY(m_window->isVisible());
    QVERIFY(m_window->deleteController()->isRunning());
    QVERIFY(rowOf(*m_window->model(), QStringLiteral("alice@acme.test")) >= 0); // unanswered
    // The delete that was sent still lands once its answer comes.
    m_server->clearFaults();
    m_server->releaseHeldAnswers();
    QTRY_COMPARE_WITH_TIMEOUT(rowOf(*m_window->model(), QStringLiteral("alice@acme.test")), -1,
                              10000);
    QTRY_VERIFY(!m_window->deleteController()->isRunning());
}

// "Delete 11,111 bounces", as the status bar counts, not "Delete 11111 bounces".
void TestDeleteController::countsAreWrittenAsTheLocaleWritesThem() {
    const QLocale before;
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    const auto restore = qScopeGuard([before] { QLocale::setDefault(before); });
    const QString text = DeleteController::confirmationText(
        QStringLiteral("acme"), 11111,
        {QStringLiteral("a@acme.test"), QStringLiteral("b@acme.test")});
    QVERIFY2(text.startsWith(QStringLiteral("Delete 11,111 bounces of customer acme?")),
             qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("…and 11,109 more")), qPrintable(text));
}

void TestDeleteController::everyOutcomeIsRecordedBeforeItsRowLeaves() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("BounceDesk/deletions.jsonl"));
    DeleteController *deletes = deletesRecordingTo(path);
    // Whenever rows leave, the record already holds them.
    QStringList recordedWhenRemoved;
    const QMetaObject::Connection watch =
        connect(m_window->model(), &QAbstractItemModel::rowsAboutToBeRemoved, this, [&] {
            for (const DeletionEntry &entry : DeletionRecordReader::read(path).entries)
                recordedWhenRemoved << entry.email;
        });
    const auto disconnect = qScopeGuard([&] { QObject::disconnect(watch); });
    const QStringList gone{QStringLiteral("alice@acme.test"), QStringLiteral("bob+tag@acme.test")};
    selectEmails(gone);
    QTest::keyClick(m_window->tableView(), Qt::Key_Delete);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->model()->rowCount(), 3, 10000);
    QTRY_VERIFY(!deletes->isRunning());
    QVERIFY(recordedWhenRemoved.contains(gone.at(0)));
    QVERIFY(recordedWhenRemoved.contains(gone.at(1)));
    const DeletionRecordReader::Result read = DeletionRecordReader::read(path);
    QCOMPARE(read.entries.size(), 2);
    for (const DeletionEntry &entry : read.entries) {
        QVERIFY(gone.contains(entry.email));
        QCOMPARE(entry.outcome, DeletionOutcome::Deleted);
        QCOMPARE(entry.api, QStringLiteral("v2"));
        QCOMPARE(entry.customer, QStringLiteral("acme"));
        QCOMPARE(entry.list, QStringLiteral("bounces"));
        QVERIFY(!entry.user.isEmpty());
    }
}

void TestDeleteController::unwritableRecordSendsNothing() {
    QTemporaryDir dir;
    { // a file where the record's folder should be
        QFile blocker(dir.filePath(QStringLiteral("BounceDesk")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
    }
    DeleteController *deletes =
        deletesRecordingTo(dir.filePath(QStringLiteral("BounceDesk/deletions.jsonl")));
    selectEmails({QStringLiteral("alice@acme.test")});
    QTest::keyClick(m_window->tableView(), Qt::Key_Delete);
    ErrorBanner *banner = m_window->banner();
    QTRY_VERIFY_WITH_TIMEOUT(!banner->isHidden(), 10000);
    QVERIFY2(banner->message().contains(QStringLiteral("deletion record")),
             qPrintable(banner->message()));
    QVERIFY(!deletes->isRunning());
    QCOMPARE(deletesBeforeBarrier(*m_window->client(), *m_server, QStringLiteral("acme")),
             QStringList());
    QCOMPARE(m_window->model()->rowCount(), 5);
    const int row = rowOf(*m_window->model(), QStringLiteral("alice@acme.test"));
    QCOMPARE(RowState(m_window->model()->index(row, 0).data(BounceTableModel::StateRole).toInt()),
             RowState::Normal);
}

void TestDeleteController::recordFailingMidRunStopsTheRest() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("BounceDesk/deletions.jsonl"));
    DeleteController *deletes = deletesRecordingTo(path);
    deletes->setConcurrency(1);
    const QStringList chosen{QStringLiteral("alice@acme.test"), QStringLiteral("bob+tag@acme.test"),
                             QStringLiteral("dave@acme.test")};
    selectEmails(chosen);
    QTest::keyClick(m_window->tableView(), Qt::Key_Delete);
    QVERIFY(deletes->isRunning());
    // The record was fine when the run started; now it cannot be written (a folder in its
    // place) before the first answer is handled.
    QVERIFY(QFile::exists(path));
    QVERIFY(QFile::remove(path));
    QVERIFY(QDir().mkpath(path));
    QTRY_VERIFY_WITH_TIMEOUT(!deletes->isRunning(), 15000);
    // Nothing after the answer that could not be recorded.
    QCOMPARE(deletesBeforeBarrier(*m_window->client(), *m_server, QStringLiteral("acme")).size(),
             1);
    QCOMPARE(m_window->model()->rowCount(), 5); // no row left unrecorded
    ErrorBanner *banner = m_window->banner();
    QTRY_VERIFY(!banner->isHidden());
    QVERIFY2(banner->message().contains(QStringLiteral("Deleting stopped")),
             qPrintable(banner->message()));
    int failedRows = 0;
    for (const QString &email : chosen) {
        const QModelIndex index = m_window->model()->index(rowOf(*m_window->model(), email), 0);
        if (RowState(index.data(BounceTableModel::StateRole).toInt()) == RowState::Failed) {
            ++failedRows;
            QVERIFY2(index.data(BounceTableModel::StateTextRole)
                         .toString()
                         .contains(QStringLiteral("not recorded")),
                     qPrintable(index.data(BounceTableModel::StateTextRole).toString()));
        }
    }
    QCOMPARE(failedRows, 1);
}

// The connection changes while a delete waits for its answer, and by then the record cannot be
// written: the run ends with the address Unconfirmed (it was sent: it may be gone) and the
// record's failure first; it is never counted as "not sent".
void TestDeleteController::connectionChangingWhenTheRecordFailsLeavesTheDeleteUnconfirmed() {
    // The client's clock must not end the held answer's wait: only the test does.
    m_window->setConnection(ApiTest::patientSettingsFor(*m_server), false);
    typeCustomer(*m_window, QStringLiteral("acme"));
    QVERIFY(waitLoaded(*m_window, QStringLiteral("acme")));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("BounceDesk/deletions.jsonl"));
    DeleteController *deletes = deletesRecordingTo(path);
    m_server->addFault(
        ApiTest::fault(SandboxFault::Type::Hold, QStringLiteral("bounces.delete"), -1));
    const auto release = qScopeGuard([this] { m_server->releaseHeldAnswers(); });
    const QString alice = QStringLiteral("alice@acme.test");
    selectEmails({alice});
    QSignalSpy finished(deletes, &DeleteController::finished);
    QTest::keyClick(m_window->tableView(), Qt::Key_Delete);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->answersHeld(), 1, 15000);
    QVERIFY(QFile::remove(path));
    QVERIFY(QDir().mkpath(path));
    m_window->setConnection(ApiTest::patientSettingsFor(*m_server), false);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 15000);
    const QString summary = finished.at(0).at(0).toString();
    QVERIFY2(summary.startsWith(QStringLiteral("Deleting stopped")), qPrintable(summary));
    QVERIFY2(summary.contains(QStringLiteral("1 got no answer")), qPrintable(summary));
    QVERIFY2(!summary.contains(QStringLiteral("not sent")), qPrintable(summary));
    QCOMPARE(deletes->failedCount(), 1);
    QVERIFY2(deletes->failureReason(alice).contains(QStringLiteral("connection changed")),
             qPrintable(deletes->failureReason(alice)));
}

QTEST_MAIN(TestDeleteController)
#include "tst_deletecontroller.moc"
