// Delete under doubt, in the window: a delete whose answer never arrives (timeout, reset) may
// or may not have happened. Its row stays, marked Unconfirmed, the banner says so and why, and
// Retry is safe: the server answers "Email does not exist" for what it already did, and the
// row goes. Quitting while deletes are in flight asks first; "Quit" sends nothing more.
#include "faulttestsupport.h"
#include "windowtestsupport.h"

#include "deletecontroller.h"
#include "errorbanner.h"

#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QtTest>

using namespace WindowTest;
using RowState = BounceTableModel::RowState;

namespace {
const QString kAcme = QStringLiteral("acme");

RowState stateOf(const BounceTableModel &model, const QString &email) {
    const int row = rowOf(model, email);
    return row < 0 ? RowState::Normal
                   : RowState(model.index(row, 0).data(BounceTableModel::StateRole).toInt());
}
} // namespace

class TestDeleteUnderDoubt final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void cleanup();
    void unansweredDeleteStaysUnconfirmedAndRetryIsSafe_data();
    void unansweredDeleteStaysUnconfirmedAndRetryIsSafe();
    void quittingWithDeletesInFlightAsksFirst_data();
    void quittingWithDeletesInFlightAsksFirst();

private:
    void openAcme(const ApiSettings &settings);
    void selectAndDelete(const QStringList &emails);
    int deleteRequests() const {
        return ApiTest::countRequests(*m_server, QStringLiteral("bounces"),
                                      QStringLiteral("delete"));
    }

    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<MainWindow> m_window;
};

void TestDeleteUnderDoubt::init() {
    m_server = startServer();
    QVERIFY(m_server);
    openAcme(FaultTest::fastSettings(*m_server));
}

// A window (in place of any before it) on acme's rows, every delete confirmed.
void TestDeleteUnderDoubt::openAcme(const ApiSettings &settings) {
    m_window = openWindow(settings);
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    typeCustomer(*m_window, kAcme);
    QVERIFY(waitLoaded(*m_window, kAcme));
    m_window->deleteController()->setConfirmFunction(
        [](const QString &, const QString &, std::function<void(bool)> answer) { answer(true); });
}

void TestDeleteUnderDoubt::cleanup() {
    m_window.reset();
    m_server.reset();
}

void TestDeleteUnderDoubt::selectAndDelete(const QStringList &emails) {
    QVERIFY(ctrlClickRows(*m_window, emails));
    QVERIFY(FaultTest::waitForDeleteAction(*m_window));
    QTest::keyClick(m_window->tableView(), Qt::Key_Delete);
}

void TestDeleteUnderDoubt::unansweredDeleteStaysUnconfirmedAndRetryIsSafe_data() {
    QTest::addColumn<int>("faultType");
    QTest::addColumn<qint64>("afterBytes");
    QTest::addColumn<QString>("why");             // in the banner, besides "trying again is safe"
    QTest::newRow("no answer before the timeout") // held, never released
        << int(SandboxFault::Type::Hold) << qint64(0) << QStringLiteral("timed out");
    QTest::newRow("connection reset before the answer")
        << int(SandboxFault::Type::Reset) << qint64(0)
        << QStringLiteral("closed before an answer arrived");
    QTest::newRow("connection reset in the middle of the answer")
        << int(SandboxFault::Type::Reset) << qint64(8) << QStringLiteral("ended early");
}

void TestDeleteUnderDoubt::unansweredDeleteStaysUnconfirmedAndRetryIsSafe() {
    QFETCH(int, faultType);
    QFETCH(qint64, afterBytes);
    QFETCH(QString, why);
    const QStringList doubtful{QStringLiteral("alice@acme.test"),
                               QStringLiteral("bob+tag@acme.test")};
    const QStringList untouched{QStringLiteral("carol@other.test"),
                                QStringLiteral("dave@acme.test"),
                                QStringLiteral("Erin@Example.org")};
    SandboxFault fault =
        ApiTest::fault(SandboxFault::Type(faultType), QStringLiteral("bounces.delete"), -1);
    fault.afterBytes = afterBytes; // a Hold is never released: only the client's timeout ends it
    m_server->addFault(fault);

    DeleteController *deletes = m_window->deleteController();
    QSignalSpy finished(deletes, &DeleteController::finished);
    selectAndDelete(doubtful);
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 20000);

    // The server did act, but no answer said so: the rows stay, marked, and nothing else moved.
    for (const QString &email : doubtful) {
        QVERIFY(m_server->data().isDeleted(kAcme, email));
        QCOMPARE(stateOf(*m_window->model(), email), RowState::Unconfirmed);
    }
    for (const QString &email : untouched)
        QCOMPARE(stateOf(*m_window->model(), email), RowState::Normal);
    QCOMPARE(m_window->model()->rowCount(), 5);
    QCOMPARE(deletes->failedCount(), 2);
    const QString message = m_window->banner()->message();
    QVERIFY2(message.contains(QLatin1String("2 got no answer")), qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("trying again is safe")), qPrintable(message));
    QVERIFY2(message.contains(why, Qt::CaseInsensitive), qPrintable(message));
    // The failures lead; what went well comes last.
    QVERIFY2(message.startsWith(QLatin1String("2 got no answer")), qPrintable(message));
    QVERIFY2(message.endsWith(QLatin1String("0 addresses deleted for acme.")), qPrintable(message));
    // Each row carries its own reason.
    for (const QString &email : doubtful) {
        const QString reason = deletes->failureReason(email);
        QVERIFY(!reason.isEmpty());
        const QModelIndex row = m_window->model()->index(rowOf(*m_window->model(), email), 0);
        QVERIFY2(row.data(BounceTableModel::StateTextRole).toString().contains(reason),
                 qPrintable(row.data(BounceTableModel::StateTextRole).toString()));
        QVERIFY(renderedAsAutoText(row.data(Qt::ToolTipRole).toString())
                    .simplified()
                    .contains(reason.simplified())); // the tooltip breaks long lines
    }

    // Retry: "Email does not exist" for both, which means gone; the other rows stay as they were.
    m_server->clearFaults();
    const int sentBefore = deleteRequests();
    QTest::mouseClick(m_window->banner()->actionButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 2, 20000);
    QCOMPARE(finished.at(1).at(1).toBool(), false); // no failures this time
    QCOMPARE(deleteRequests(), sentBefore + 2);     // each address once more, no more
    for (const QString &email : doubtful)
        QCOMPARE(rowOf(*m_window->model(), email), -1);
    QCOMPARE(m_window->model()->rowCount(), 3);
    for (const QString &email : untouched) {
        QCOMPARE(stateOf(*m_window->model(), email), RowState::Normal);
        QVERIFY(!m_server->data().isDeleted(kAcme, email));
    }
    QVERIFY(m_window->banner()->isHidden());
}

void TestDeleteUnderDoubt::quittingWithDeletesInFlightAsksFirst_data() {
    QTest::addColumn<bool>("quit");
    QTest::newRow("Cancel: stay, every delete is sent") << false;
    QTest::newRow("Quit: the window closes, nothing more is sent") << true;
}

// The first delete's answer is held until the question has been answered, so the question
// always meets a delete in flight and two waiting, whatever the machine's load.
void TestDeleteUnderDoubt::quittingWithDeletesInFlightAsksFirst() {
    QFETCH(bool, quit);
    openAcme(ApiTest::patientSettingsFor(*m_server)); // only the release answers
    m_server->addFault(
        ApiTest::fault(SandboxFault::Type::Hold, QStringLiteral("bounces.delete"), -1));
    const QStringList emails{QStringLiteral("alice@acme.test"), QStringLiteral("carol@other.test"),
                             QStringLiteral("dave@acme.test")};
    DeleteController *deletes = m_window->deleteController();
    deletes->setConcurrency(1); // one in flight, two waiting
    selectAndDelete(emails);
    QTRY_COMPARE(m_server->answersHeld(), 1); // the first is at the server, waiting for its answer
    QVERIFY(deletes->isRunning());
    QCOMPARE(deleteRequests(), 1);

    m_window->close();
    QVERIFY(m_window->isVisible()); // not closed: asked first
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = m_window->findChild<QMessageBox *>(QStringLiteral("quitConfirmation"))));
    QCOMPARE(box->textFormat(), Qt::PlainText);
    QVERIFY2(box->text().contains(kAcme), qPrintable(box->text()));
    QVERIFY2(box->text().contains(QLatin1String("may still delete")), qPrintable(box->text()));
    QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel)); // the safe choice
    QAbstractButton *leave = nullptr;
    for (QAbstractButton *button : box->buttons()) {
        if (box->buttonRole(button) == QMessageBox::DestructiveRole)
            leave = button;
    }
    QVERIFY(leave);

    if (!quit) {
        box->button(QMessageBox::Cancel)->click();
        QVERIFY(m_window->isVisible());
        QVERIFY(deletes->isRunning());
        QCOMPARE(deleteRequests(), 1); // the others still wait for the first's answer
        m_server->clearFaults();
        m_server->releaseHeldAnswers();
        QTRY_VERIFY_WITH_TIMEOUT(!deletes->isRunning(), 20000);
        QCOMPARE(deleteRequests(), 3);
        for (const QString &email : emails)
            QVERIFY(m_server->data().isDeleted(kAcme, email));
        return;
    }
    leave->click();
    QTRY_VERIFY(!m_window->isVisible());
    m_server->clearFaults();
    m_server->releaseHeldAnswers(); // the one in flight may now end, however the window left it
    QTRY_VERIFY_WITH_TIMEOUT(!deletes->isRunning(), 20000);
    // The two waiting addresses were never sent.
    const QStringList sent = deletesBeforeBarrier(*m_window->client(), *m_server, kAcme);
    QCOMPARE(sent.size(), 1); // the one in flight
    QVERIFY2(emails.contains(sent.constFirst()), qPrintable(sent.constFirst()));
    QCOMPARE(m_server->data().bounces(kAcme).size(), 4);
}

QTEST_MAIN(TestDeleteUnderDoubt)
#include "tst_deleteunderdoubt.moc"
