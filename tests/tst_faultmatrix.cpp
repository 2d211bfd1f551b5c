// The fault matrix: every fault the emulator produces × every operation a person runs in the
// window (list customers, load a customer's bounces, delete one), driven through the window's
// own parts against the loopback emulator. Each row asserts the sentence the user reads (the
// HTTP status, the server's words or "timed out"; never "unknown error", never the key) and
// that nothing was lost: a failed listing keeps the picker's list, a failed refresh keeps the
// rows shown, a failed first load shows no half list, a failed delete keeps its row marked
// Failed or Unconfirmed and Retry then settles it. Faults that recover assert success.
#include "faultmatrix.h"
#include "windowtestsupport.h"

#include "deletecontroller.h"
#include "errorbanner.h"

#include "api/resellerclient.h"

#include <QPushButton>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QStatusBar>
#include <QToolButton>
#include <QtTest>

#include <algorithm>

using namespace FaultMatrix;
using namespace WindowTest;
using RowState = BounceTableModel::RowState;

namespace {

const QString kAcme = QStringLiteral("acme");
const QString kVictim = QStringLiteral("alice@acme.test"); // the address every delete row uses

QStringList usernames(const QList<Customer> &customers) {
    QStringList names;
    for (const Customer &customer : customers)
        names << customer.username;
    names.sort();
    return names;
}

QStringList sorted(QStringList list) {
    list.sort();
    return list;
}

} // namespace

class TestFaultMatrix final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void faultTimesOperation_data();
    void faultTimesOperation();

private:
    void addFault(Fault fault, Operation operation);
    void open(const QString &customer);
    void listCustomers(Fault fault, Expect expect, const QStringList &words);
    void getBounces(Fault fault, Expect expect, const QStringList &words);
    void deleteOne(Fault fault, Expect expect, const QStringList &words);
    void verifyUserMessage(const QString &message, const QStringList &words);

    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<FaultTest::LogCapture> m_log;
    QStringList m_errorTexts; // every ApiError the window's parts reported, all fields
};

void TestFaultMatrix::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
}

void TestFaultMatrix::init() {
    m_log = std::make_unique<FaultTest::LogCapture>(
        QStringLiteral("bouncedesk.*.debug=true\nqt.network.*.debug=true"));
    m_server = startServer();
    QVERIFY(m_server);
    QSettings().clear();
    m_window = std::make_unique<MainWindow>();
    m_errorTexts.clear();
    const auto keep = [this](const ApiError &error) {
        m_errorTexts << error.message() << error.detail << error.serverMessage;
    };
    connect(m_window->loadController(), &LoadController::failed, this,
            [keep](const QString &, const ApiError &error) { keep(error); });
    connect(m_window->customerPicker(), &CustomerPicker::loadFailed, this, keep);
    m_window->setConnection(FaultTest::fastSettings(*m_server), false);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->customerPicker()->isLoading(), 10000);
    QCOMPARE(m_window->customerPicker()->customers().size(), m_server->data().customers().size());
}

void TestFaultMatrix::cleanup() {
    m_window.reset();
    m_server.reset();
    const QString leaked = m_log->lineWithKey();
    m_log.reset();
    QVERIFY2(leaked.isEmpty(), qPrintable(QStringLiteral("a log line holds the key: ") + leaked));
    for (const QString &text : std::as_const(m_errorTexts)) {
        QVERIFY2(!FaultTest::holdsKey(text), qPrintable(text));
        QVERIFY2(!text.contains(QLatin1String("unknown error"), Qt::CaseInsensitive),
                 qPrintable(text));
    }
}

void TestFaultMatrix::faultTimesOperation_data() {
    addRows();
}

void TestFaultMatrix::faultTimesOperation() {
    QFETCH(int, fault);
    QFETCH(int, operation);
    QFETCH(int, expect);
    QFETCH(QStringList, words);
    QFETCH(int, format);
    ApiSettings settings = FaultTest::fastSettings(*m_server, ResponseFormat(format));
    settings.transferTimeoutMs = transferTimeoutForMs(Fault(fault));
    m_window->setConnection(settings, false);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->customerPicker()->isLoading(), 10000);
    QSignalSpy statusMessages(m_window->statusBar(), &QStatusBar::messageChanged);
    switch (Operation(operation)) {
    case Operation::ListCustomers:
        listCustomers(Fault(fault), Expect(expect), words);
        break;
    case Operation::GetBounces:
        getBounces(Fault(fault), Expect(expect), words);
        break;
    case Operation::Delete:
        deleteOne(Fault(fault), Expect(expect), words);
        break;
    }
    if (Fault(fault) == Fault::RateLimit) { // the server's wait is told, not silent
        const QString told = QStringLiteral("The server asked to wait: trying again in 1 s");
        QVERIFY(std::any_of(
            statusMessages.cbegin(), statusMessages.cend(),
            [&](const QList<QVariant> &args) { return args.at(0).toString().startsWith(told); }));
    }
}

void TestFaultMatrix::addFault(Fault fault, Operation operation) {
    m_server->clearFaults();
    if (const std::optional<SandboxFault> f = sandboxFault(fault, operation))
        m_server->addFault(*f);
}

void TestFaultMatrix::open(const QString &customer) {
    typeCustomer(*m_window, customer);
    QVERIFY2(waitLoaded(*m_window, customer), qPrintable(m_window->banner()->message()));
}

void TestFaultMatrix::verifyUserMessage(const QString &message, const QStringList &words) {
    QVERIFY2(!message.isEmpty(), "the user was told nothing");
    for (const QString &word : words)
        QVERIFY2(message.contains(word, Qt::CaseInsensitive),
                 qPrintable(QStringLiteral("“%1” not in: %2").arg(word, message)));
    QVERIFY2(!message.contains(QLatin1String("unknown error"), Qt::CaseInsensitive),
             qPrintable(message));
    QVERIFY2(!FaultTest::holdsKey(message), qPrintable(message));
}

void TestFaultMatrix::listCustomers(Fault fault, Expect expect, const QStringList &words) {
    CustomerPicker *picker = m_window->customerPicker();
    const QStringList before = usernames(picker->customers());
    const QString former = QStringLiteral("former-customer");
    if (fault == Fault::DuplicateAddresses) { // two customers share one contact address
        SandboxProfile twin;
        twin.customer.username = QStringLiteral("acme-eu");
        twin.customer.email = m_server->data().customers().constFirst().email;
        m_server->data().setProfile(twin);
    } else if (fault == Fault::UnknownToServer) { // a recent customer the server no longer has
        picker->rememberCustomer(former);
    }
    addFault(fault, Operation::ListCustomers);
    QSignalSpy listed(picker, &CustomerPicker::customersLoaded);
    QSignalSpy failed(picker, &CustomerPicker::loadFailed);
    QTest::mouseClick(picker->findChild<QToolButton *>(QStringLiteral("reloadCustomers")),
                      Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(listed.count() + failed.count() > 0, 20000);
    QVERIFY(ApiTest::countRequests(*m_server, QStringLiteral("profile"), QStringLiteral("get")) >=
            2);

    if (expect == Expect::Success) {
        QCOMPARE(failed.count(), 0);
        QVERIFY2(m_window->banner()->isHidden(), qPrintable(m_window->banner()->message()));
        QCOMPARE(usernames(picker->customers()), usernames(m_server->data().customers()));
        if (fault == Fault::UnknownToServer) // not listed, yet still offered as a recent name
            QVERIFY(!picker->model()->findItems(former, Qt::MatchStartsWith).isEmpty());
        return;
    }
    QCOMPARE(listed.count(), 0);
    const QString message = m_window->banner()->message();
    QVERIFY2(message.startsWith(QLatin1String("Could not list the customers.")),
             qPrintable(message));
    verifyUserMessage(message, words);
    QCOMPARE(usernames(picker->customers()), before); // the list already shown stays usable
    QVERIFY(picker->comboBox()->isEnabled());
}

void TestFaultMatrix::getBounces(Fault fault, Expect expect, const QStringList &words) {
    // A cut needs a list longer than one batch, so rows really were on screen when it came.
    const bool cut = fault == Fault::ResetMidBody || fault == Fault::TruncatedBody;
    const QString shown = cut ? QStringLiteral("big-a") : kAcme;
    QString fresh = cut ? QStringLiteral("big-b") : QStringLiteral("globex");
    if (cut) {
        m_server->data().setBounces(shown, generatedBounces(QStringLiteral("big-a.test"), 8000));
        m_server->data().setBounces(fresh, generatedBounces(QStringLiteral("big-b.test"), 8000));
    }
    if (fault == Fault::DuplicateAddresses) {
        for (const QString &customer : {shown, fresh}) {
            QList<Bounce> rows = m_server->data().bounces(customer);
            rows.append(Bounce{rows.constFirst().email, QStringLiteral("5.2.2"),
                               QStringLiteral("the same address, bounced again"),
                               QStringLiteral("2024-05-01 00:00:00")});
            m_server->data().setBounces(customer, rows);
        }
    }
    if (fault == Fault::UnknownToServer)
        fresh = QStringLiteral("no-such-customer");
    LoadController *loads = m_window->loadController();
    BounceTableModel *model = m_window->model();

    // 1. A refresh of the customer on screen. (A customer the server does not know is never
    //    on screen, so that row only has the first load.)
    if (fault != Fault::UnknownToServer) {
        open(shown);
        const QStringList before = sorted(shownEmails(*model));
        addFault(fault, Operation::GetBounces);
        QSignalSpy loaded(loads, &LoadController::loaded);
        QSignalSpy failed(loads, &LoadController::failed);
        QTest::keyClick(m_window->tableView(), Qt::Key_F5);
        QTRY_VERIFY_WITH_TIMEOUT(loaded.count() + failed.count() > 0, 20000);
        QCOMPARE(model->customer(), shown);
        if (expect == Expect::Success) {
            QVERIFY2(failed.isEmpty(), qPrintable(m_window->banner()->message()));
            QCOMPARE(model->totalRows(), m_server->data().bounceCount(shown));
        } else {
            QVERIFY(loaded.isEmpty());
            verifyUserMessage(m_window->banner()->message(), words);
            QCOMPARE(sorted(shownEmails(*model)), before); // the complete list stays
        }
    }

    // 2. The first load of a customer: a failure leaves no half list behind.
    addFault(fault, Operation::GetBounces);
    QSignalSpy loaded(loads, &LoadController::loaded);
    QSignalSpy failed(loads, &LoadController::failed);
    qsizetype mostRowsSeen = 0;
    connect(loads, &LoadController::progress, this,
            [&mostRowsSeen](qsizetype rows) { mostRowsSeen = qMax(mostRowsSeen, rows); });
    typeCustomer(*m_window, fresh);
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() + failed.count() > 0, 20000);
    disconnect(loads, &LoadController::progress, this, nullptr);
    QCOMPARE(model->customer(), fresh);
    if (expect == Expect::Success) {
        QVERIFY2(failed.isEmpty(), qPrintable(m_window->banner()->message()));
        QVERIFY(m_window->banner()->isHidden());
        QCOMPARE(model->totalRows(), m_server->data().bounceCount(fresh));
        if (fault == Fault::HugeField) // shown, but as the beginning of the 10 MB only
            QVERIFY(model->index(0, BounceTableModel::ReasonColumn).data().toString().size() <=
                    1001);
        return;
    }
    QVERIFY(loaded.isEmpty());
    const QString message = m_window->banner()->message();
    QVERIFY2(message.startsWith(QStringLiteral("Could not load the bounces of %1.").arg(fresh)),
             qPrintable(message));
    verifyUserMessage(message, words);
    QCOMPARE(model->rowCount(), 0);
    QCOMPARE(model->totalRows(), 0);
    if (cut) // rows had been shown while the body arrived; they went with the failure
        QVERIFY2(mostRowsSeen >= BounceLoadJob::batchRows,
                 qPrintable(QString::number(mostRowsSeen)));
}

void TestFaultMatrix::deleteOne(Fault fault, Expect expect, const QStringList &words) {
    if (fault == Fault::DuplicateAddresses) {
        QList<Bounce> rows = acmeBounces();
        rows.append(bounce("alice@acme.test", "5.2.2", "bounced again", "2024-04-01 00:00:00"));
        m_server->data().setBounces(kAcme, rows);
    }
    open(kAcme);
    const int rowsBefore = m_window->model()->rowCount();
    if (fault == Fault::UnknownToServer) // deleted elsewhere while it was on screen
        QVERIFY(m_server->data().deleteBounce(kAcme, kVictim));
    const int victimRows = int(shownEmails(*m_window->model()).count(kVictim));

    DeleteController *deletes = m_window->deleteController();
    deletes->setConfirmFunction(
        [](const QString &, const QString &, std::function<void(bool)> answer) { answer(true); });
    BounceTableView *table = m_window->tableView();
    table->clearSelection();
    for (int row = 0; row < m_window->model()->rowCount(); ++row) {
        if (m_window->model()->index(row, 0).data().toString() == kVictim)
            QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::ControlModifier,
                              table->visualRect(m_window->model()->index(row, 0)).center());
    }
    QCOMPARE(table->selectedRowCount(), victimRows);
    QVERIFY(FaultTest::waitForDeleteAction(*m_window));

    addFault(fault, Operation::Delete);
    QSignalSpy finished(deletes, &DeleteController::finished);
    QTest::keyClick(table, Qt::Key_Delete);
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 20000);
    const int deleteRequests =
        ApiTest::countRequests(*m_server, QStringLiteral("bounces"), QStringLiteral("delete"));
    QVERIFY(deleteRequests >= 1);

    if (expect == Expect::Success) {
        QCOMPARE(finished.constFirst().at(1).toBool(), false);
        QVERIFY2(m_window->banner()->isHidden(), qPrintable(m_window->banner()->message()));
        QVERIFY2(
            m_window->statusBar()->currentMessage().contains(QLatin1String("1 address deleted")),
            qPrintable(m_window->statusBar()->currentMessage()));
        QCOMPARE(rowOf(*m_window->model(), kVictim), -1); // every row of the address left
        QCOMPARE(m_window->model()->rowCount(), rowsBefore - victimRows);
        QVERIFY(m_server->data().isDeleted(kAcme, kVictim));
        if (fault == Fault::DuplicateAddresses)
            QCOMPARE(deleteRequests, 1);
        return;
    }

    // Not confirmed: the row stays, marked, and the banner says why and offers Retry.
    QCOMPARE(finished.constFirst().at(1).toBool(), true);
    const int row = rowOf(*m_window->model(), kVictim);
    QVERIFY(row >= 0);
    QCOMPARE(m_window->model()->rowCount(), rowsBefore);
    const RowState wanted = expect == Expect::RowFailed ? RowState::Failed : RowState::Unconfirmed;
    QCOMPARE(RowState(m_window->model()->index(row, 0).data(BounceTableModel::StateRole).toInt()),
             wanted);
    ErrorBanner *banner = m_window->banner();
    verifyUserMessage(banner->message(), words);
    if (expect == Expect::RowUnconfirmed)
        QVERIFY2(banner->message().contains(QLatin1String("trying again is safe")),
                 qPrintable(banner->message()));

    // Retry once the server behaves: the delete is idempotent, so the row goes either way.
    m_server->clearFaults();
    QVERIFY(banner->actionButton()->isVisible());
    QTest::mouseClick(banner->actionButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 2, 20000);
    QCOMPARE(finished.at(1).at(1).toBool(), false);
    QCOMPARE(rowOf(*m_window->model(), kVictim), -1);
    QCOMPARE(m_window->model()->rowCount(), rowsBefore - 1);
    QVERIFY(m_server->data().isDeleted(kAcme, kVictim));
}

QTEST_MAIN(TestFaultMatrix)
#include "tst_faultmatrix.moc"
