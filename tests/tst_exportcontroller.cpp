// Export from the main window: the rows shown in the order shown (or the selection), the
// default file name, the options (BOM, raw cells), the save dialog, and failures.
#include "windowtestsupport.h"

#include "exportcontroller.h"
#include "filterbar.h"

#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QMessageBox>
#include <QRadioButton>
#include <QSemaphore>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <atomic>

using namespace WindowTest;

namespace {
QByteArray readAll(const QString &path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Records of a CSV written by the exporter (no field of the test data holds a line break).
QList<QByteArray> records(QByteArray csv) {
    if (csv.startsWith("\xEF\xBB\xBF"))
        csv.remove(0, 3);
    QList<QByteArray> lines = csv.split('\n');
    if (!lines.isEmpty() && lines.constLast().isEmpty())
        lines.removeLast();
    for (QByteArray &line : lines) {
        if (line.endsWith('\r'))
            line.chop(1);
    }
    return lines;
}

QString firstField(const QByteArray &record) {
    return QString::fromUtf8(record.left(record.indexOf(',')));
}
} // namespace

class TestExportController final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void cleanup();

    void defaultFileNameNamesCustomerAndDay_data();
    void defaultFileNameNamesCustomerAndDay();
    void writesTheRowsShownInTheOrderShown();
    void writesOnlyTheSelectionWhenAsked();
    void options_data();
    void options();
    void saveDialogCarriesTheOptions();
    void failureIsReportedAsPlainTextAndWritesNothing();
    void exportRunsOffTheGuiThreadWithProgress();
    void cancelledExportWritesNothingAndKeepsTheEarlierFile();
    void columnsFollowTheList_data();
    void columnsFollowTheList();

private:
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestExportController::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_server = startServer();
    QVERIFY(m_server);
    m_window = openWindow(*m_server);
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    typeCustomer(*m_window, QStringLiteral("acme"));
    QVERIFY(waitLoaded(*m_window, QStringLiteral("acme")));
}

void TestExportController::cleanup() {
    m_window.reset();
    m_server.reset();
    m_dir.reset();
}

void TestExportController::defaultFileNameNamesCustomerAndDay_data() {
    QTest::addColumn<QString>("customer");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << QStringLiteral("acme")
                           << QStringLiteral("acme-bounces-2026-11-26.csv");
    QTest::newRow("separators replaced")
        << QStringLiteral("../a/b\\c") << QStringLiteral("_a_b_c-bounces-2026-11-26.csv");
    QTest::newRow("email-like kept") << QStringLiteral("ops+eu@acme.test")
                                     << QStringLiteral("ops+eu@acme.test-bounces-2026-11-26.csv");
}

void TestExportController::defaultFileNameNamesCustomerAndDay() {
    QFETCH(QString, customer);
    QFETCH(QString, expected);
    m_window->model()->reset(customer);
    QCOMPARE(m_window->exportController()->defaultFileName(QDate(2026, 11, 26)), expected);
}

void TestExportController::writesTheRowsShownInTheOrderShown() {
    m_window->filterBar()->setFilterText(QStringLiteral("@acme.test"));
    m_window->model()->sort(BounceTableModel::EmailColumn, Qt::DescendingOrder);
    const QStringList shown = shownEmails(*m_window->model());
    QCOMPARE(shown.size(), 3);

    const QString path = m_dir->filePath(QStringLiteral("shown.csv"));
    QSignalSpy exported(m_window->exportController(), &ExportController::exported);
    QCOMPARE(m_window->exportController()->exportTo({path, false, {}}), qsizetype(3));
    QCOMPARE(exported.count(), 1);
    QCOMPARE(exported.at(0).at(1).value<qsizetype>(), qsizetype(3));

    const QList<QByteArray> lines = records(readAll(path));
    QCOMPARE(lines.size(), 4);
    QCOMPARE(lines.at(0), QByteArray("email,status,reason,created,type,class"));
    QStringList written;
    for (qsizetype i = 1; i < lines.size(); ++i)
        written << firstField(lines.at(i));
    QCOMPARE(written, shown);
}

void TestExportController::writesOnlyTheSelectionWhenAsked() {
    BounceTableView *table = m_window->tableView();
    const QStringList shown = shownEmails(*m_window->model());
    for (int row : {3, 1})
        table->selectionModel()->select(m_window->model()->index(row, 0),
                                        QItemSelectionModel::Select | QItemSelectionModel::Rows);
    const QString path = m_dir->filePath(QStringLiteral("selection.csv"));
    QCOMPARE(m_window->exportController()->exportTo({path, true, {}}), qsizetype(2));
    const QList<QByteArray> lines = records(readAll(path));
    QCOMPARE(lines.size(), 3);
    // Still in the order shown, not in the order clicked.
    QCOMPARE(firstField(lines.at(1)), shown.at(1));
    QCOMPARE(firstField(lines.at(2)), shown.at(3));
}

void TestExportController::options_data() {
    QTest::addColumn<bool>("bom");
    QTest::addColumn<bool>("neutralise");
    QTest::addColumn<QByteArray>("expectedFormulaCell");
    QTest::newRow("defaults: protected, no BOM")
        << false << true << QByteArray("'=cmd|' /C calc'!A0");
    QTest::newRow("BOM for Excel") << true << true << QByteArray("'=cmd|' /C calc'!A0");
    QTest::newRow("raw cells") << false << false << QByteArray(",=cmd|' /C calc'!A0,");
}

void TestExportController::options() {
    QFETCH(bool, bom);
    QFETCH(bool, neutralise);
    QFETCH(QByteArray, expectedFormulaCell);
    ExportChoice choice;
    choice.path = m_dir->filePath(QStringLiteral("options.csv"));
    choice.options.byteOrderMark = bom;
    choice.options.neutraliseFormulas = neutralise;
    QCOMPARE(m_window->exportController()->exportTo(choice), qsizetype(5));
    const QByteArray csv = readAll(choice.path);
    QCOMPARE(csv.startsWith("\xEF\xBB\xBF"), bom);
    QVERIFY2(csv.contains(expectedFormulaCell), csv.constData());
    if (!neutralise)
        QVERIFY(!csv.contains("'=cmd"));
}

void TestExportController::saveDialogCarriesTheOptions() {
    QTest::keyClick(m_window->tableView(), Qt::Key_E, Qt::ControlModifier);
    QFileDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<QFileDialog *>(QStringLiteral("exportDialog"))));
    QVERIFY(dialog->testOption(QFileDialog::DontUseNativeDialog));
    QCOMPARE(dialog->acceptMode(), QFileDialog::AcceptSave);
    const QStringList proposed = dialog->selectedFiles();
    QVERIFY(!proposed.isEmpty());
    QVERIFY2(
        proposed.constFirst().endsWith(
            QStringLiteral("acme-bounces-%1.csv").arg(QDate::currentDate().toString(Qt::ISODate))),
        qPrintable(proposed.constFirst()));

    const QList<QCheckBox *> boxes = dialog->findChildren<QCheckBox *>();
    QCheckBox *bom = nullptr;
    for (QCheckBox *box : boxes) {
        if (box->text().contains(QStringLiteral("byte-order mark")))
            bom = box;
    }
    QVERIFY(bom);
    QCOMPARE(dialog->findChildren<QRadioButton *>().size(), 2);
    bom->setChecked(true);
    const QString path = m_dir->filePath(QStringLiteral("from-dialog.csv"));
    dialog->selectFile(path);
    static_cast<QDialog *>(dialog)->accept(); // QFileDialog::accept is protected
    QTRY_VERIFY(QFile::exists(path));
    const QByteArray csv = readAll(path);
    QVERIFY(csv.startsWith("\xEF\xBB\xBF"));
    QCOMPARE(records(csv).size(), 6);
}

void TestExportController::failureIsReportedAsPlainTextAndWritesNothing() {
    const QString path = m_dir->filePath(QStringLiteral("no-such-dir/<b>x</b>.csv"));
    QSignalSpy failed(m_window->exportController(), &ExportController::exportFailed);
    QCOMPARE(m_window->exportController()->exportTo({path, false, {}}), qsizetype(-1));
    QCOMPARE(failed.count(), 1);
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = m_window->findChild<QMessageBox *>(QStringLiteral("exportError"))));
    QCOMPARE(box->textFormat(), Qt::PlainText);
    QVERIFY(!box->text().isEmpty());
    QVERIFY(!QFile::exists(path));
}

// The dialog's export: on a worker thread, over a snapshot, with progress; the window can go
// on meanwhile.
void TestExportController::exportRunsOffTheGuiThreadWithProgress() {
    m_server->data().setBounces(QStringLiteral("bigco"),
                                generatedBounces(QStringLiteral("bigco.test"), 20000));
    typeCustomer(*m_window, QStringLiteral("bigco"));
    QVERIFY(waitLoaded(*m_window, QStringLiteral("bigco")));
    ExportController *exports = m_window->exportController();
    const Qt::HANDLE gui = QThread::currentThreadId();
    std::atomic<Qt::HANDLE> writer{nullptr};
    exports->setWorkerStepHook([&writer](qsizetype) { writer = QThread::currentThreadId(); });
    QSignalSpy exported(exports, &ExportController::exported);
    QSignalSpy progress(exports, &ExportController::progress);
    const QString path = m_dir->filePath(QStringLiteral("big.csv"));
    exports->startExport({path, false, {}});
    QVERIFY(exports->isExporting()); // it returned at once
    QVERIFY(!exports->canExport());  // one at a time
    QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 1, 30000);
    QVERIFY(!exports->isExporting());
    QVERIFY(writer.load() != nullptr);
    QVERIFY(writer.load() != gui);
    QCOMPARE(exported.at(0).at(1).value<qsizetype>(), qsizetype(20000));
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.constFirst().at(1).value<qsizetype>(), qsizetype(20000));
    QCOMPARE(records(readAll(path)).size(), 20001);
    QVERIFY(exports->canExport());
}

// Esc while an export runs: nothing is written, the earlier file stays as it was, and no
// temporary file is left beside it. The worker is held at its first step, so the cancel comes
// while it writes, whatever the machine's speed.
void TestExportController::cancelledExportWritesNothingAndKeepsTheEarlierFile() {
    m_server->data().setBounces(QStringLiteral("bigco"),
                                generatedBounces(QStringLiteral("bigco.test"), 20000));
    typeCustomer(*m_window, QStringLiteral("bigco"));
    QVERIFY(waitLoaded(*m_window, QStringLiteral("bigco")));
    const QString path = m_dir->filePath(QStringLiteral("earlier.csv"));
    {
        QFile earlier(path);
        QVERIFY(earlier.open(QIODevice::WriteOnly));
        earlier.write("the earlier export\n");
    }
    ExportController *exports = m_window->exportController();
    QSemaphore reached;
    QSemaphore goOn;
    std::atomic<bool> first{true};
    exports->setWorkerStepHook([&](qsizetype) {
        if (first.exchange(false)) {
            reached.release();
            goOn.acquire();
        }
    });
    QSignalSpy cancelled(exports, &ExportController::exportCancelled);
    QSignalSpy exported(exports, &ExportController::exported);
    exports->startExport({path, false, {}});
    QVERIFY(reached.tryAcquire(1, 30000));
    QVERIFY(exports->isExporting());
    QTest::keyClick(m_window.get(), Qt::Key_Escape);
    goOn.release();
    QTRY_COMPARE_WITH_TIMEOUT(cancelled.count(), 1, 30000);
    QCOMPARE(exported.count(), 0);
    QCOMPARE(readAll(path), QByteArray("the earlier export\n"));
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden),
             QStringList{QStringLiteral("earlier.csv")});
    QVERIFY(m_window->statusBar()->currentMessage().contains(QStringLiteral("cancelled")));
}

void TestExportController::columnsFollowTheList_data() {
    QTest::addColumn<int>("list");
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QByteArray>("firstRecord");
    QTest::addColumn<QString>("fileName");
    // Issue 13's headers, exactly; each list's cells from the store's slots.
    QTest::newRow("bounces") << int(SuppressionList::Bounces)
                             << QByteArray("email,status,reason,created,type,class")
                             << QByteArray("a@x.test,5.1.1,550 5.1.1 user unknown,"
                                           "2024-01-02T00:00:00Z,hard,Invalid Address")
                             << QStringLiteral("acme-bounces-2026-11-26.csv");
    QTest::newRow("blocks") << int(SuppressionList::Blocks)
                            << QByteArray("email,status,reason,created,type,class")
                            << QByteArray("a@x.test,5.1.1,550 5.1.1 user unknown,"
                                          "2024-01-02T00:00:00Z,hard,Invalid Address")
                            << QStringLiteral("acme-blocks-2026-11-26.csv");
    QTest::newRow("invalid_emails")
        << int(SuppressionList::InvalidEmails) << QByteArray("email,reason,created")
        << QByteArray("a@x.test,550 5.1.1 user unknown,2024-01-02T00:00:00Z")
        << QStringLiteral("acme-invalid_emails-2026-11-26.csv");
    QTest::newRow("spam_reports") << int(SuppressionList::SpamReports)
                                  << QByteArray("email,ip,created")
                                  << QByteArray("a@x.test,5.1.1,2024-01-02T00:00:00Z")
                                  << QStringLiteral("acme-spam_reports-2026-11-26.csv");
    QTest::newRow("unsubscribes") << int(SuppressionList::Unsubscribes)
                                  << QByteArray("email,created")
                                  << QByteArray("a@x.test,2024-01-02T00:00:00Z")
                                  << QStringLiteral("acme-unsubscribes-2026-11-26.csv");
    QTest::newRow("group_unsubscribes")
        << int(SuppressionList::GroupUnsubscribes)
        << QByteArray("email,group_id,group_name,created")
        << QByteArray("a@x.test,5.1.1,550 5.1.1 user unknown,2024-01-02T00:00:00Z")
        << QStringLiteral("acme-group_unsubscribes-2026-11-26.csv");
}

// The window's export writes the columns of the list the table shows, whatever the choice's
// own options say.
void TestExportController::columnsFollowTheList() {
    QFETCH(int, list);
    QFETCH(QByteArray, header);
    QFETCH(QByteArray, firstRecord);
    QFETCH(QString, fileName);
    BounceTableModel model;
    BounceTableView view;
    view.setBounceModel(&model);
    ExportController exporter(&model, &view, nullptr);
    model.setList(SuppressionList(list));
    QCOMPARE(view.suppressionList(), SuppressionList(list));
    model.reset(QStringLiteral("acme"));
    BounceStore rows;
    rows.append("a@x.test", "5.1.1", "550 5.1.1 user unknown", "2024-01-02T00:00:00Z");
    rows.append("b@x.test", "4.2.2", "mailbox full", "2024-01-01T00:00:00Z");
    model.appendRows(rows);
    model.loadFinished();
    QCOMPARE(exporter.defaultFileName(QDate(2026, 11, 26)), fileName);

    ExportChoice choice;
    choice.path = m_dir->filePath(QStringLiteral("list.csv"));
    choice.options.list = SuppressionList::Bounces; // the model's list wins
    QCOMPARE(exporter.exportTo(choice), qsizetype(2));
    const QList<QByteArray> lines = records(readAll(choice.path));
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines.at(0), header);
    QCOMPARE(lines.at(1), firstRecord); // newest first, as shown

    // The worker thread's export writes the same.
    const QString threaded = m_dir->filePath(QStringLiteral("threaded.csv"));
    QSignalSpy exported(&exporter, &ExportController::exported);
    exporter.startExport({threaded, false, {}});
    QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 1, 60000);
    QCOMPARE(readAll(threaded), readAll(choice.path));

    // Copy Rows reads alike (tab-separated).
    view.selectAll();
    QCOMPARE(view.selectedRowsAsText().section(u'\n', 0, 0),
             QString::fromUtf8(header).replace(u',', u'\t'));
}

QTEST_MAIN(TestExportController)
#include "tst_exportcontroller.moc"
