// The main window against the loopback emulator: picking a customer, sorting, filtering,
// slow loads and customer switches, failures in the banner, untrusted text, remembered state.
#include "windowtestsupport.h"

#include "deletecontroller.h"
#include "errorbanner.h"
#include "exportcontroller.h"
#include "filterbar.h"

#include "api/resellerclient.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QToolButton>
#include <QtTest>

using namespace WindowTest;

class TestMainWindow final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void cleanup();

    void pickingACustomerShowsItsRows();
    void typingGoesToThePickerWhileCustomersLoad();
    void customerListIgnoringOffsetSaysSo();
    void newestFirstByDefault();
    void sortByEachColumn_data();
    void sortByEachColumn();
    void filter_data();
    void filter();
    void contextMenuFiltersToTheDomain();
    void statusBarCountsRows();
    void copyPutsSelectedRowsAsTsv();
    void switchingCustomerDuringSlowLoadNeverMixesRows_data();
    void switchingCustomerDuringSlowLoadNeverMixesRows();
    void cancelledLoadLeavesNoHalfList();
    void failedLoadShowsBannerAndRetryWorks();
    void failedLoadRetryFromTheTable();
    void emptyCustomerSaysNoBounces();
    void failedRefreshKeepsTheRowsShown();
    void untrustedTextIsShownLiterally();
    void headerStateIsRemembered();
    void pickingMovesFocusToTheTable();
    void exportShortcutsWorkFromTextFields_data();
    void exportShortcutsWorkFromTextFields();
    void filterIsClearedForTheNextCustomer();
    void filterHidingEveryRowSaysSoAndClears();
    void escapeInTheFilterClearsIt();
    void refreshAndReloadSayWhatTheyReload();
    void waitNoticeGoesWhenTheLoadIsDone();
    void serverErrorRetriesShowTheAttempt();
    void firstStartIsANoticeNotAnError();
    void demoOpensACustomer();

private:
    void pick(const QString &customer);
    void verifySorted(int column, Qt::SortOrder order);

    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<MainWindow> m_window;
};

void TestMainWindow::init() {
    m_server = startServer();
    QVERIFY(m_server);
    m_window = openWindow(*m_server);
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestMainWindow::cleanup() {
    m_window.reset();
    m_server.reset();
}

// With nothing open, the keyboard belongs to the picker from the moment the customers are
// asked for, and what is typed before they arrive stays.
void TestMainWindow::typingGoesToThePickerWhileCustomersLoad() {
    // Only the test's release may end the held listing, never the client's clock.
    m_window->setConnection(ApiTest::patientSettingsFor(*m_server), false);
    CustomerPicker *picker = m_window->customerPicker();
    QTRY_VERIFY(!picker->isLoading());
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_window->tableView()->setFocus(Qt::OtherFocusReason);
    QTRY_VERIFY(m_window->tableView()->hasFocus());
    // The listing's answer waits for the test: everything below happens while it loads.
    SandboxFault hold;
    hold.type = SandboxFault::Type::Hold;
    hold.call = QStringLiteral("profile.get"); // the customer listing
    m_server->addFault(hold);

    picker->reload();
    QVERIFY(picker->isLoading());
    QTRY_VERIFY(picker->comboBox()->hasFocus());
    QTRY_COMPARE(m_server->answersHeld(), 1);
    QVERIFY(picker->isLoading()); // the focus came at once, not with the list
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("glo"));
    QVERIFY(picker->isLoading());
    QCOMPARE(picker->comboBox()->lineEdit()->text(), QStringLiteral("glo"));
    m_server->releaseHeldAnswers();
    QTRY_VERIFY_WITH_TIMEOUT(!picker->isLoading(), 10000);
    QCOMPARE(picker->comboBox()->lineEdit()->text(), QStringLiteral("glo"));
}

// A server that ignores `offset` sends its first page again for every page: the listing stops,
// and the window says that the list may be incomplete, in plain text, until dismissed.
void TestMainWindow::customerListIgnoringOffsetSaysSo() {
    CustomerPicker *picker = m_window->customerPicker();
    QTRY_VERIFY(!picker->isLoading());
    QVERIFY(m_window->banner()->isHidden());
    m_server->addFault(
        ApiTest::fault(SandboxFault::Type::IgnoreOffset, QStringLiteral("profile.get"), -1));
    QSignalSpy loaded(picker, &CustomerPicker::customersLoaded);
    picker->reload();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);
    ErrorBanner *banner = m_window->banner();
    QVERIFY(!banner->isHidden());
    const QString message = banner->message();
    QVERIFY2(message.contains(QLatin1String("offset")), qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("incomplete")), qPrintable(message));
    const QLabel *text = banner->findChild<QLabel *>(QStringLiteral("errorBannerText"));
    QVERIFY(text);
    QCOMPARE(text->textFormat(), Qt::PlainText);
    // What the server did send is offered.
    QCOMPARE(picker->customers().size(), m_server->data().customers().size());

    // A server that pages again: no warning.
    m_server->clearFaults();
    banner->dismiss();
    picker->reload();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 2, 10000);
    QVERIFY(picker->listWarning().isEmpty());
    QVERIFY(banner->isHidden());
}

void TestMainWindow::pick(const QString &customer) {
    typeCustomer(*m_window, customer);
    QVERIFY2(waitLoaded(*m_window, customer), qPrintable(m_window->banner()->message()));
}

void TestMainWindow::pickingACustomerShowsItsRows() {
    pick(QStringLiteral("acme"));
    QStringList expected;
    for (const Bounce &b : m_server->data().bounces(QStringLiteral("acme")))
        expected << b.email;
    QStringList shown = shownEmails(*m_window->model());
    shown.sort();
    expected.sort();
    QCOMPARE(shown, expected);
    QVERIFY(m_window->windowTitle().contains(QStringLiteral("acme")));
    QVERIFY(m_window->banner()->isHidden());
}

void TestMainWindow::newestFirstByDefault() {
    pick(QStringLiteral("acme"));
    const QHeaderView *header = m_window->tableView()->horizontalHeader();
    QCOMPARE(header->sortIndicatorSection(), int(BounceTableModel::CreatedColumn));
    QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
    QCOMPARE(shownEmails(*m_window->model()).constFirst(), QStringLiteral("dave@acme.test"));
    verifySorted(BounceTableModel::CreatedColumn, Qt::DescendingOrder);
}

void TestMainWindow::sortByEachColumn_data() {
    QTest::addColumn<int>("column");
    QTest::newRow("email") << int(BounceTableModel::EmailColumn);
    QTest::newRow("status") << int(BounceTableModel::StatusColumn);
    QTest::newRow("type") << int(BounceTableModel::TypeColumn);
    QTest::newRow("reason") << int(BounceTableModel::ReasonColumn);
    QTest::newRow("created") << int(BounceTableModel::CreatedColumn);
}

// Checks every neighbouring pair of rows against the column's raw sort key.
void TestMainWindow::verifySorted(int column, Qt::SortOrder order) {
    const BounceTableModel &model = *m_window->model();
    for (int row = 1; row < model.rowCount(); ++row) {
        const QVariant before = model.index(row - 1, column).data(BounceTableModel::SortKeyRole);
        const QVariant after = model.index(row, column).data(BounceTableModel::SortKeyRole);
        const bool inOrder =
            before.typeId() == QMetaType::QString
                ? (order == Qt::AscendingOrder
                       ? before.toString().compare(after.toString(), Qt::CaseInsensitive) <= 0
                       : before.toString().compare(after.toString(), Qt::CaseInsensitive) >= 0)
                : (order == Qt::AscendingOrder ? before.toLongLong() <= after.toLongLong()
                                               : before.toLongLong() >= after.toLongLong());
        QVERIFY2(inOrder, qPrintable(QStringLiteral("rows %1 and %2 out of order: %3 / %4")
                                         .arg(row - 1)
                                         .arg(row)
                                         .arg(before.toString(), after.toString())));
    }
}

void TestMainWindow::sortByEachColumn() {
    QFETCH(int, column);
    pick(QStringLiteral("acme"));
    QHeaderView *header = m_window->tableView()->horizontalHeader();
    const QStringList before = shownEmails(*m_window->model());
    // Two clicks on the header: both directions, each checked against the raw keys.
    for (int click = 0; click < 2; ++click) {
        const QPoint centre(header->sectionViewportPosition(column) +
                                header->sectionSize(column) / 2,
                            header->height() / 2);
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, centre);
        QCOMPARE(header->sortIndicatorSection(), column);
        QCOMPARE(m_window->model()->sortColumn(), column);
        QCOMPARE(m_window->model()->sortOrder(), header->sortIndicatorOrder());
        verifySorted(column, header->sortIndicatorOrder());
    }
    QStringList sortedBefore = before, sortedNow = shownEmails(*m_window->model());
    sortedBefore.sort();
    sortedNow.sort();
    QCOMPARE(sortedNow, sortedBefore); // sorting never loses or adds a row
}

void TestMainWindow::filter_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("type");
    QTest::addColumn<QDate>("from");
    QTest::addColumn<QDate>("to");
    QTest::addColumn<QStringList>("expected");
    using TF = BounceTableModel::TypeFilter;
    const QString alice = QStringLiteral("alice@acme.test"),
                  bob = QStringLiteral("bob+tag@acme.test"),
                  carol = QStringLiteral("carol@other.test"),
                  dave = QStringLiteral("dave@acme.test"),
                  erin = QStringLiteral("Erin@Example.org");
    QTest::newRow("domain") << QStringLiteral("@acme.test") << int(TF::All) << QDate() << QDate()
                            << QStringList{alice, bob, dave};
    QTest::newRow("reason, any case")
        << QStringLiteral("MAILBOX") << int(TF::All) << QDate() << QDate() << QStringList{bob};
    QTest::newRow("status") << QStringLiteral("5.7.1") << int(TF::All) << QDate() << QDate()
                            << QStringList{dave};
    QTest::newRow("markup as text")
        << QStringLiteral("<b>") << int(TF::All) << QDate() << QDate() << QStringList{dave};
    QTest::newRow("hard") << QString() << int(TF::Hard) << QDate() << QDate()
                          << QStringList{alice, carol, dave};
    QTest::newRow("soft") << QString() << int(TF::Soft) << QDate() << QDate()
                          << QStringList{bob, erin};
    QTest::newRow("from only") << QString() << int(TF::All) << QDate(2024, 3, 5) << QDate()
                               << QStringList{bob, dave};
    QTest::newRow("to only") << QString() << int(TF::All) << QDate() << QDate(2024, 3, 1)
                             << QStringList{alice, carol};
    QTest::newRow("range and text") << QStringLiteral("acme") << int(TF::Hard) << QDate(2024, 3, 1)
                                    << QDate(2024, 3, 10) << QStringList{alice, dave};
    QTest::newRow("nothing matches")
        << QStringLiteral("no-such-thing") << int(TF::All) << QDate() << QDate() << QStringList{};
}

void TestMainWindow::filter() {
    QFETCH(QString, text);
    QFETCH(int, type);
    QFETCH(QDate, from);
    QFETCH(QDate, to);
    QFETCH(QStringList, expected);
    pick(QStringLiteral("acme"));
    FilterBar *bar = m_window->filterBar();

    // Ctrl+F reaches the filter from the table; the text applies after the debounce.
    m_window->tableView()->setFocus();
    QTest::keySequence(m_window->tableView(), QKeySequence::Find);
    QTRY_VERIFY(bar->searchEdit()->hasFocus());
    bar->setTypeFilter(BounceTableModel::TypeFilter(type));
    bar->setDateRange(from, to);
    QTest::keyClicks(bar->searchEdit(), text);

    QStringList shown;
    QTRY_VERIFY_WITH_TIMEOUT(
        (shown = shownEmails(*m_window->model()), shown.sort(), expected.sort(), shown == expected),
        3000);
    QCOMPARE(m_window->model()->totalRows(), 5);
    QTRY_VERIFY(m_window->statusText().contains(QStringLiteral("Shown: %1").arg(expected.size())));

    bar->clear();
    QCOMPARE(m_window->model()->shownRows(), 5);
}

void TestMainWindow::contextMenuFiltersToTheDomain() {
    pick(QStringLiteral("acme"));
    BounceTableView *table = m_window->tableView();
    const int row = rowOf(*m_window->model(), QStringLiteral("carol@other.test"));
    table->setCurrentIndex(m_window->model()->index(row, 0));
    QContextMenuEvent event(
        QContextMenuEvent::Keyboard, table->visualRect(table->currentIndex()).center(),
        table->viewport()->mapToGlobal(table->visualRect(table->currentIndex()).center()));
    QApplication::sendEvent(table->viewport(), &event);
    QMenu *menu = table->findChild<QMenu *>();
    QVERIFY(menu);
    QAction *filterAction = nullptr;
    for (QAction *action : menu->actions()) {
        if (action->text().contains(QStringLiteral("other.test")))
            filterAction = action;
    }
    QVERIFY(filterAction);
    filterAction->trigger();
    menu->close();
    QCOMPARE(shownEmails(*m_window->model()), QStringList{QStringLiteral("carol@other.test")});
    QCOMPARE(m_window->filterBar()->searchEdit()->text(), QStringLiteral("@other.test"));
}

void TestMainWindow::statusBarCountsRows() {
    pick(QStringLiteral("acme"));
    BounceTableView *table = m_window->tableView();
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                      table->visualRect(m_window->model()->index(0, 0)).center());
    QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::ControlModifier,
                      table->visualRect(m_window->model()->index(2, 0)).center());
    QTRY_VERIFY(m_window->statusText().contains(QStringLiteral("Selected: 2")));
    QVERIFY(m_window->statusText().contains(QStringLiteral("Total: 5")));
    QVERIFY(m_window->statusText().contains(QStringLiteral("Loaded at ")));
    QCOMPARE(table->selectedEmails().size(), 2);
}

void TestMainWindow::copyPutsSelectedRowsAsTsv() {
    m_server->data().setBounces(QStringLiteral("acme"), acmeBounces()
                                                            << bounce(" =evil@acme.test", "5.1.1",
                                                                      "\xEF\xBC\x8B"
                                                                      "1 full-width",
                                                                      "2024-01-01 00:00:00"));
    pick(QStringLiteral("acme"));
    BounceTableView *table = m_window->tableView();
    for (const char *email :
         {"dave@acme.test", "alice@acme.test", "carol@other.test", " =evil@acme.test"}) {
        const int row = rowOf(*m_window->model(), QString::fromUtf8(email));
        QVERIFY2(row >= 0, email);
        table->selectionModel()->select(m_window->model()->index(row, 0),
                                        QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
    QApplication::clipboard()->clear();
    table->setFocus();
    QTest::keySequence(table, QKeySequence::Copy);
    const QStringList lines = QApplication::clipboard()->text().split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 5);
    // A header first, with the CSV export's columns.
    QCOMPARE(lines.at(0), QStringLiteral("email\tstatus\treason\tcreated\ttype\tclass"));
    const QStringList first = lines.at(1).split(u'\t');
    QCOMPARE(first.size(), 6);
    constexpr int reasonColumn = 2;
    // In the order shown (newest first): dave, alice, carol; markup copied as typed.
    QCOMPARE(first.at(0), QStringLiteral("dave@acme.test"));
    QCOMPARE(first.at(reasonColumn), QStringLiteral("<img src=x> <b>blocked</b>"));
    QCOMPARE(lines.at(2).split(u'\t'),
             (QStringList{QStringLiteral("alice@acme.test"), QStringLiteral("5.1.1"),
                          QStringLiteral("550 5.1.1 User unknown"),
                          QStringLiteral("2024-03-01 10:00:00"), QStringLiteral("hard"),
                          QStringLiteral("Invalid Address")}));
    // Formulas are neutralised as the CSV export neutralises them: no live formula is pasted.
    const QStringList carol = lines.at(3).split(u'\t');
    QCOMPARE(carol.at(0), QStringLiteral("carol@other.test"));
    QCOMPARE(carol.at(reasonColumn), QStringLiteral("'=cmd|' /C calc'!A0"));
    const QStringList evil = lines.at(4).split(u'\t');
    QCOMPARE(evil.at(0), QStringLiteral("' =evil@acme.test"));
    QCOMPARE(evil.at(reasonColumn), QStringLiteral("'\uFF0B1 full-width"));
}

void TestMainWindow::switchingCustomerDuringSlowLoadNeverMixesRows_data() {
    QTest::addColumn<int>("faultType");
    QTest::newRow("delayed answer") << int(SandboxFault::Type::Delay);
    QTest::newRow("drip-fed body") << int(SandboxFault::Type::DripFeed);
}

void TestMainWindow::switchingCustomerDuringSlowLoadNeverMixesRows() {
    QFETCH(int, faultType);
    m_server->data().setBounces(QStringLiteral("slowco"),
                                generatedBounces(QStringLiteral("slowco.test"), 3000));
    SandboxFault slow =
        ApiTest::fault(SandboxFault::Type(faultType), QStringLiteral("bounces.get"));
    // The answer (after the first piece of the drip-fed body) is held longer than the test
    // runs, so the switch always meets a load under way.
    slow.delayMs = 10 * 60'000;
    slow.chunkBytes = 2048;
    m_server->addFault(slow);

    const auto loadsAsked = [this] {
        return ApiTest::countRequests(*m_server, QStringLiteral("bounces"), QStringLiteral("get"));
    };
    const int loadsBefore = loadsAsked();
    typeCustomer(*m_window, QStringLiteral("slowco"));
    QTRY_VERIFY(m_window->loadController()->isLoading());
    QTRY_VERIFY(loadsAsked() > loadsBefore); // the slow answer has begun
    for (const QString &email : shownEmails(*m_window->model()))
        QVERIFY(email.endsWith(QStringLiteral("@slowco.test")));

    typeCustomer(*m_window, QStringLiteral("globex"));
    QVERIFY(waitLoaded(*m_window, QStringLiteral("globex")));
    // The slow load's job is gone (jobs are the client's children until they delete
    // themselves): nothing of the slow answer can arrive any more.
    QTRY_VERIFY(m_window->client()->findChildren<BounceLoadJob *>().isEmpty());
    QCOMPARE(m_window->model()->customer(), QStringLiteral("globex"));
    QVERIFY(m_window->windowTitle().contains(QStringLiteral("globex")));
    const QStringList shown = shownEmails(*m_window->model());
    QCOMPARE(shown.size(), 40);
    for (const QString &email : shown)
        QVERIFY2(email.endsWith(QStringLiteral("@globex.test")), qPrintable(email));
}

void TestMainWindow::cancelledLoadLeavesNoHalfList() {
    m_server->data().setBounces(QStringLiteral("slowco"),
                                generatedBounces(QStringLiteral("slowco.test"), 3000));
    SandboxFault drip = ApiTest::fault(SandboxFault::Type::DripFeed, QStringLiteral("bounces.get"));
    drip.delayMs = 10 * 60'000; // the first piece, then nothing while the test runs
    drip.chunkBytes = 4096;
    m_server->addFault(drip);
    typeCustomer(*m_window, QStringLiteral("slowco"));
    QTRY_VERIFY(m_window->loadController()->isLoading());
    QTest::keyClick(m_window.get(), Qt::Key_Escape);
    QVERIFY(!m_window->loadController()->isLoading());
    QCOMPARE(m_window->model()->rowCount(), 0);
    QCOMPARE(m_window->model()->customer(), QStringLiteral("slowco"));

    // The empty table says it was cancelled, not that the customer has no bounces, and
    // offers to load again.
    BounceTableView *table = m_window->tableView();
    QTRY_VERIFY(table->placeholderText().contains(QStringLiteral("cancelled")));
    QVERIFY2(!table->placeholderText().contains(QStringLiteral("no bounces")),
             qPrintable(table->placeholderText()));
    QVERIFY(table->placeholderButton()->isVisible());
    m_server->clearFaults();
    QTest::mouseClick(table->placeholderButton(), Qt::LeftButton);
    QVERIFY(waitLoaded(*m_window, QStringLiteral("slowco")));
    QCOMPARE(m_window->model()->rowCount(), 3000);
    QVERIFY(!table->placeholderButton()->isVisible());
}

void TestMainWindow::failedLoadShowsBannerAndRetryWorks() {
    m_server->addFault(
        ApiTest::fault(SandboxFault::Type::Http500, QStringLiteral("bounces.get"), -1));
    typeCustomer(*m_window, QStringLiteral("acme"));
    ErrorBanner *banner = m_window->banner();
    QTRY_VERIFY_WITH_TIMEOUT(!banner->isHidden(), 10000);
    QVERIFY2(banner->message().contains(QStringLiteral("500")), qPrintable(banner->message()));
    QCOMPARE(m_window->model()->rowCount(), 0);
    QVERIFY(banner->actionButton()->isVisible());
    // The table says the load failed (even once the banner is dismissed), never that the
    // customer has no bounces, and offers Retry.
    BounceTableView *table = m_window->tableView();
    QTRY_VERIFY(table->placeholderText().contains(QStringLiteral("Could not load")));
    QVERIFY2(table->placeholderText().contains(QStringLiteral("500")),
             qPrintable(table->placeholderText()));
    QVERIFY(!table->placeholderText().contains(QStringLiteral("no bounces")));
    QVERIFY(table->placeholderButton()->isVisible());
    QCOMPARE(table->placeholderButton()->text(), QStringLiteral("Try A&gain"));

    m_server->clearFaults();
    QTest::mouseClick(banner->actionButton(), Qt::LeftButton);
    QVERIFY(waitLoaded(*m_window, QStringLiteral("acme")));
    QCOMPARE(m_window->model()->rowCount(), 5);
    QVERIFY(banner->isHidden());
}

void TestMainWindow::failedLoadRetryFromTheTable() {
    m_server->addFault(
        ApiTest::fault(SandboxFault::Type::Http500, QStringLiteral("bounces.get"), -1));
    typeCustomer(*m_window, QStringLiteral("acme"));
    BounceTableView *table = m_window->tableView();
    QTRY_VERIFY_WITH_TIMEOUT(table->placeholderButton()->isVisible(), 10000);
    m_window->banner()->dismiss();
    QVERIFY(table->placeholderText().contains(QStringLiteral("Could not load")));
    m_server->clearFaults();
    QTest::mouseClick(table->placeholderButton(), Qt::LeftButton);
    QVERIFY(waitLoaded(*m_window, QStringLiteral("acme")));
    QCOMPARE(m_window->model()->rowCount(), 5);
    QVERIFY(!table->placeholderButton()->isVisible());
}

void TestMainWindow::emptyCustomerSaysNoBounces() {
    m_server->data().setBounces(QStringLiteral("emptyco"), {});
    typeCustomer(*m_window, QStringLiteral("emptyco"));
    QVERIFY(waitLoaded(*m_window, QStringLiteral("emptyco")));
    BounceTableView *table = m_window->tableView();
    QTRY_COMPARE(table->placeholderText(), QStringLiteral("emptyco has no bounces."));
    QVERIFY(!table->placeholderButton()->isVisible());
}

void TestMainWindow::failedRefreshKeepsTheRowsShown() {
    pick(QStringLiteral("acme"));
    m_server->addFault(
        ApiTest::fault(SandboxFault::Type::Http502Html, QStringLiteral("bounces.get"), -1));
    QTest::keyClick(m_window->tableView(), Qt::Key_F5);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->banner()->isHidden(), 10000);
    QCOMPARE(m_window->model()->rowCount(), 5);
    QCOMPARE(m_window->model()->customer(), QStringLiteral("acme"));
}

void TestMainWindow::untrustedTextIsShownLiterally() {
    const QString markup = QStringLiteral("<img src=x> <b>blocked</b>");
    pick(QStringLiteral("acme"));
    const int row = rowOf(*m_window->model(), QStringLiteral("dave@acme.test"));
    const QModelIndex reason = m_window->model()->index(row, BounceTableModel::ReasonColumn);
    QCOMPARE(reason.data().toString(), markup);
    QVERIFY(renderedAsAutoText(reason.data(Qt::ToolTipRole).toString()).contains(markup));

    // The banner: a customer name with markup, refused by the server, named literally.
    const QString evil = QStringLiteral("<b>evil</b><img src=x>");
    typeCustomer(*m_window, evil);
    ErrorBanner *banner = m_window->banner();
    QTRY_VERIFY_WITH_TIMEOUT(!banner->isHidden(), 10000);
    auto *label = banner->findChild<QLabel *>(QStringLiteral("errorBannerText"));
    QVERIFY(label);
    QCOMPARE(label->textFormat(), Qt::PlainText);
    QVERIFY(label->text().contains(evil));
    QVERIFY(m_window->windowTitle().contains(evil)); // titles are never rich text
}

void TestMainWindow::headerStateIsRemembered() {
    pick(QStringLiteral("acme"));
    QHeaderView *header = m_window->tableView()->horizontalHeader();
    header->resizeSection(BounceTableModel::EmailColumn, 333);
    header->moveSection(header->visualIndex(BounceTableModel::CreatedColumn), 0);
    header->setSortIndicator(BounceTableModel::EmailColumn, Qt::AscendingOrder);
    m_window->close();
    m_window.reset();

    MainWindow again; // reads the same (test-mode) settings
    const QHeaderView *restored = again.tableView()->horizontalHeader();
    QCOMPARE(restored->sectionSize(BounceTableModel::EmailColumn), 333);
    QCOMPARE(restored->visualIndex(BounceTableModel::CreatedColumn), 0);
    QCOMPARE(restored->sortIndicatorSection(), int(BounceTableModel::EmailColumn));
    QCOMPARE(again.model()->sortColumn(), int(BounceTableModel::EmailColumn));
    QCOMPARE(again.model()->sortOrder(), Qt::AscendingOrder);
}

// Right after a customer is picked the keyboard acts on the rows: Ctrl+A selects them all,
// Del asks to delete them.
void TestMainWindow::pickingMovesFocusToTheTable() {
    // As a person picks: the window active, the field focused, a part typed, Enter on the
    // suggestion. (Not typeCustomer(): it re-activates the window afterwards, which on the
    // offscreen platform hands the focus back to where it was before the popup opened.)
    CustomerPicker *picker = m_window->customerPicker();
    QTRY_VERIFY(!picker->isLoading());
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QLineEdit *edit = picker->comboBox()->lineEdit();
    edit->setFocus(Qt::OtherFocusReason);
    QTRY_VERIFY(edit->hasFocus());
    QTest::keyClicks(edit, QStringLiteral("acm"));
    QAbstractItemView *popup = picker->completer()->popup();
    QTRY_VERIFY(popup->isVisible());
    QTest::keyClick(popup, Qt::Key_Return);
    QVERIFY(waitLoaded(*m_window, QStringLiteral("acme")));
    BounceTableView *table = m_window->tableView();
    const auto focused = [] {
        const QWidget *widget = QApplication::focusWidget();
        return widget ? QString::fromLatin1(widget->metaObject()->className()) : QString();
    };
    QTRY_VERIFY2(table->hasFocus(), qPrintable(focused()));
    QTest::keySequence(QApplication::focusWidget(), QKeySequence::SelectAll);
    QTRY_COMPARE(table->selectedRowCount(), qsizetype(5));
    QStringList asked;
    m_window->deleteController()->setConfirmFunction(
        [&asked](const QString &, const QString &text, std::function<void(bool)> answer) {
            asked << text;
            answer(false);
        });
    QTRY_VERIFY(m_window->statusText().contains(QStringLiteral("Selected: 5"))); // acted upon
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Delete);
    QCOMPARE(asked.size(), 1);
    QVERIFY2(asked.constFirst().contains(QStringLiteral("5 bounces")), qPrintable(asked.first()));
}

void TestMainWindow::exportShortcutsWorkFromTextFields_data() {
    QTest::addColumn<QString>("field");
    QTest::addColumn<bool>("selectionOnly");
    QTest::newRow("Ctrl+E in the filter") << QStringLiteral("filter") << false;
    QTest::newRow("Ctrl+Shift+E in the filter") << QStringLiteral("filter") << true;
    QTest::newRow("Ctrl+E in the customer field") << QStringLiteral("customer") << false;
    QTest::newRow("Ctrl+Shift+E in the customer field") << QStringLiteral("customer") << true;
}

// QLineEdit takes Ctrl+E for itself (end of line); the window's export must win.
void TestMainWindow::exportShortcutsWorkFromTextFields() {
    QFETCH(QString, field);
    QFETCH(bool, selectionOnly);
    pick(QStringLiteral("acme"));
    m_window->tableView()->selectRow(0);
    QTRY_VERIFY(m_window->statusText().contains(QStringLiteral("Selected: 1"))); // acted upon
    QLineEdit *edit = field == QStringLiteral("filter")
                          ? m_window->filterBar()->searchEdit()
                          : m_window->customerPicker()->comboBox()->lineEdit();
    edit->setFocus(Qt::OtherFocusReason);
    QTRY_VERIFY(edit->hasFocus());
    edit->setCursorPosition(0);
    QTest::keyClick(edit, Qt::Key_E,
                    selectionOnly ? Qt::ControlModifier | Qt::ShiftModifier : Qt::ControlModifier);
    auto *dialog = m_window->findChild<QFileDialog *>(QStringLiteral("exportDialog"));
    QVERIFY2(dialog, "the export dialog did not open");
    QVERIFY(dialog->isVisible());
    const auto *selected = dialog->findChild<QRadioButton *>(QStringLiteral("exportSelected"));
    QVERIFY(selected);
    QCOMPARE(selected->isChecked(), selectionOnly);
    dialog->reject();
    QCOMPARE(edit->cursorPosition(), 0); // the key did not move the cursor either
}

void TestMainWindow::filterIsClearedForTheNextCustomer() {
    pick(QStringLiteral("acme"));
    m_window->filterBar()->setFilterText(QStringLiteral("dave"));
    QCOMPARE(m_window->model()->rowCount(), 1);
    pick(QStringLiteral("globex"));
    QCOMPARE(m_window->filterBar()->searchEdit()->text(), QString());
    QVERIFY(m_window->model()->filter().isEmpty());
    QCOMPARE(m_window->model()->rowCount(), 40);
}

void TestMainWindow::filterHidingEveryRowSaysSoAndClears() {
    pick(QStringLiteral("acme"));
    m_window->filterBar()->setFilterText(QStringLiteral("no-such-text"));
    QCOMPARE(m_window->model()->rowCount(), 0);
    BounceTableView *table = m_window->tableView();
    QTRY_COMPARE(table->placeholderText(),
                 QStringLiteral("No bounces match the filter: 0 of 5 shown."));
    QVERIFY(table->placeholderButton()->isVisible());
    QTest::mouseClick(table->placeholderButton(), Qt::LeftButton);
    QCOMPARE(m_window->filterBar()->searchEdit()->text(), QString());
    QCOMPARE(m_window->model()->rowCount(), 5);
    QVERIFY(!table->placeholderButton()->isVisible());
}

void TestMainWindow::escapeInTheFilterClearsIt() {
    pick(QStringLiteral("acme"));
    QLineEdit *edit = m_window->filterBar()->searchEdit();
    m_window->filterBar()->focusSearch();
    QTRY_VERIFY(edit->hasFocus());
    QTest::keyClicks(edit, QStringLiteral("dave"));
    QTRY_COMPARE(m_window->model()->rowCount(), 1);
    QTest::keyClick(edit, Qt::Key_Escape);
    QCOMPARE(edit->text(), QString());
    QCOMPARE(m_window->model()->rowCount(), 5); // at once, not after the typing pause
    QVERIFY(edit->hasFocus());
}

void TestMainWindow::refreshAndReloadSayWhatTheyReload() {
    auto *refresh = m_window->findChild<QAction *>(QStringLiteral("refreshBounces"));
    auto *reload =
        m_window->customerPicker()->findChild<QToolButton *>(QStringLiteral("reloadCustomers"));
    QVERIFY(refresh && reload);
    QVERIFY2(refresh->text().contains(QStringLiteral("Bounces")), qPrintable(refresh->text()));
    QVERIFY2(reload->text().contains(QStringLiteral("Customers")), qPrintable(reload->text()));
}

// "The server asked to wait" is about the load under way: it goes when the load is done.
void TestMainWindow::waitNoticeGoesWhenTheLoadIsDone() {
    SandboxFault wait =
        ApiTest::fault(SandboxFault::Type::RateLimit, QStringLiteral("bounces.get"));
    wait.retryAfterSeconds = 1;
    m_server->addFault(wait);
    QSignalSpy messages(m_window->statusBar(), &QStatusBar::messageChanged);
    pick(QStringLiteral("acme"));
    QCOMPARE(m_window->model()->rowCount(), 5);
    bool told = false;
    for (const QList<QVariant> &message : messages)
        told = told || message.at(0).toString().contains(QStringLiteral("asked to wait"));
    QVERIFY(told);
    QVERIFY2(!m_window->statusBar()->currentMessage().contains(QStringLiteral("trying again")),
             qPrintable(m_window->statusBar()->currentMessage()));
}

// A 5xx answer is tried again after a short pause; the status bar says which attempt follows.
void TestMainWindow::serverErrorRetriesShowTheAttempt() {
    m_server->addFault(ApiTest::fault(SandboxFault::Type::Http500, QStringLiteral("bounces.get")));
    QSignalSpy messages(m_window->statusBar(), &QStatusBar::messageChanged);
    pick(QStringLiteral("acme"));
    QCOMPARE(m_window->model()->rowCount(), 5);
    QStringList said;
    for (const QList<QVariant> &message : messages)
        said << message.at(0).toString();
    const QString attempt =
        QStringLiteral("attempt 2 of %1").arg(m_window->client()->settings().maxAttempts);
    QVERIFY2(said.filter(attempt).size() == 1, qPrintable(said.join(u'|')));
    QVERIFY2(said.filter(attempt).constFirst().contains(QStringLiteral("500")),
             qPrintable(said.join(u'|')));
    QVERIFY(!m_window->statusBar()->currentMessage().contains(attempt));
}

void TestMainWindow::firstStartIsANoticeNotAnError() {
    m_window->showNotConnectedYet(QStringLiteral("Not connected yet."));
    QVERIFY(!m_window->banner()->isHidden());
    QVERIFY(m_window->banner()->isNotice());
    m_window->showNotConnected(QStringLiteral("The API key is not in the keychain."));
    QVERIFY(!m_window->banner()->isNotice());
}

void TestMainWindow::demoOpensACustomer() {
    m_window.reset();
    QSettings().clear();
    m_window = std::make_unique<MainWindow>();
    m_window->setConnection(ApiTest::settingsFor(*m_server), true);
    m_window->show();
    const QString first = m_server->data().customers().constFirst().username;
    QVERIFY(waitLoaded(*m_window, first));
    QVERIFY(m_window->model()->rowCount() > 0);
    // A demo customer is never reopened as the user's own.
    QVERIFY(QSettings().value(QStringLiteral("customers/last")).toString().isEmpty());
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
