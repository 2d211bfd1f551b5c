// Tools → Deletion history: the record as a table with the command line's filters and export.
#include "deletionhistorydialog.h"
#include "windowtestsupport.h"

#include "core/deletionhistorycsv.h"
#include "core/deletionrecord.h"

#include <QCheckBox>
#include <QLineEdit>
#include <QMenuBar>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace WindowTest;

class TestDeletionHistoryDialog final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void showsEveryEntryAsPlainText();
    void filtersAsTheCommandLineDoes();
    void exportWritesTheSameCsvAsHistory();
    void missingRecordIsEmptyAndSaysWhere();
    void malformedLinesAreCounted();
    void windowOpensItFromTheToolsMenu();

private:
    QString path() const { return m_dir->filePath(QStringLiteral("BounceDesk/deletions.jsonl")); }
    static DeletionEntry entry(const char *time, const char *customer, const char *email);
    std::unique_ptr<QTemporaryDir> m_dir;
};

DeletionEntry TestDeletionHistoryDialog::entry(const char *time, const char *customer,
                                               const char *email) {
    DeletionEntry e;
    e.time = QDateTime::fromString(QString::fromLatin1(time), Qt::ISODateWithMs);
    e.user = QStringLiteral("agent");
    e.host = QStringLiteral("desk");
    e.api = QStringLiteral("v2");
    e.customer = QString::fromLatin1(customer);
    e.list = QStringLiteral("bounces");
    e.email = QString::fromUtf8(email);
    e.outcome = DeletionOutcome::Deleted;
    return e;
}

void TestDeletionHistoryDialog::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    DeletionRecord record(path());
    DeletionEntry hostile = entry("2026-03-05T12:00:00.000Z", "globex", "<img src=x>@evil.test");
    hostile.detail = QStringLiteral("=cmd|' /C calc'!A0\r\n<b>bold</b>");
    hostile.outcome = DeletionOutcome::Failed;
    for (const DeletionEntry &e : {entry("2026-03-03T23:59:59.999Z", "acme", "a@x.com"),
                                   entry("2026-03-04T00:00:00.000Z", "acme", "B@x.com"), hostile})
        QVERIFY(record.append(e));
}

void TestDeletionHistoryDialog::showsEveryEntryAsPlainText() {
    DeletionHistoryDialog dialog(path());
    QCOMPARE(dialog.table()->rowCount(), 3);
    QCOMPARE(dialog.table()->columnCount(), 8);
    QCOMPARE(dialog.table()->item(0, 0)->text(), QStringLiteral("2026-03-03T23:59:59.999Z"));
    QCOMPARE(dialog.table()->item(2, 5)->text(), QStringLiteral("<img src=x>@evil.test"));
    QCOMPARE(dialog.table()->item(2, 6)->text(), QStringLiteral("failed"));
    // One line, markup as typed: a QTableWidgetItem never renders it.
    QCOMPARE(dialog.table()->item(2, 7)->text(), QStringLiteral("=cmd|' /C calc'!A0  <b>bold</b>"));
    QVERIFY(dialog.statusText().contains(QStringLiteral("3")));
}

void TestDeletionHistoryDialog::filtersAsTheCommandLineDoes() {
    DeletionHistoryDialog dialog(path());
    DeletionRecordFilter filter;
    filter.since = QDate(2026, 3, 4);
    dialog.setFilter(filter);
    QCOMPARE(dialog.shownEntries().size(), 2);
    QVERIFY(dialog.findChild<QCheckBox *>(QStringLiteral("sinceEnabled"))->isChecked());
    // Typing in the fields filters at once.
    dialog.findChild<QLineEdit *>(QStringLiteral("customer"))->setText(QStringLiteral("acme"));
    QCOMPARE(dialog.shownEntries().size(), 1);
    QCOMPARE(dialog.shownEntries().at(0).email, QStringLiteral("B@x.com"));
    dialog.findChild<QCheckBox *>(QStringLiteral("sinceEnabled"))->setChecked(false);
    QCOMPARE(dialog.shownEntries().size(), 2);
    dialog.findChild<QLineEdit *>(QStringLiteral("customer"))->clear();
    dialog.findChild<QLineEdit *>(QStringLiteral("email"))->setText(QStringLiteral("b@X.COM"));
    QCOMPARE(dialog.shownEntries().size(), 1);
    QCOMPARE(dialog.table()->rowCount(), 1);
    QCOMPARE(dialog.filter().email, QStringLiteral("b@X.COM"));
    QVERIFY(!dialog.filter().customer.has_value());
}

void TestDeletionHistoryDialog::exportWritesTheSameCsvAsHistory() {
    DeletionHistoryDialog dialog(path());
    const QString out = m_dir->filePath(QStringLiteral("history.csv"));
    QCOMPARE(dialog.exportTo(out), QString());
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QByteArray expected = DeletionHistoryCsv::header();
    for (const DeletionEntry &e : dialog.shownEntries())
        expected += DeletionHistoryCsv::record(e, true);
    const QByteArray written = file.readAll();
    QCOMPARE(written, expected);
    QVERIFY(written.startsWith("time,user,api,customer,list,email,outcome,detail\r\n"));
    QVERIFY(written.contains("\"'=cmd|' /C calc'!A0\r\n<b>bold</b>\"")); // neutralised
    // A folder that cannot hold the file: an error naming it, nothing left behind.
    const QString bad = m_dir->filePath(QStringLiteral("no/such/folder/x.csv"));
    const QString error = dialog.exportTo(bad);
    QVERIFY2(error.contains(QStringLiteral("x.csv")), qPrintable(error));
    QVERIFY(!QFile::exists(bad));
}

void TestDeletionHistoryDialog::missingRecordIsEmptyAndSaysWhere() {
    const QString missing = m_dir->filePath(QStringLiteral("none/deletions.jsonl"));
    DeletionHistoryDialog dialog(missing);
    QCOMPARE(dialog.table()->rowCount(), 0);
    QVERIFY2(dialog.statusText().contains(QDir::toNativeSeparators(missing)),
             qPrintable(dialog.statusText()));
    QVERIFY(!QFile::exists(missing));
}

void TestDeletionHistoryDialog::malformedLinesAreCounted() {
    {
        QFile file(path());
        QVERIFY(file.open(QIODevice::Append));
        file.write("not json\n{}\n");
    }
    DeletionHistoryDialog dialog(path());
    QCOMPARE(dialog.table()->rowCount(), 3);
    QVERIFY2(dialog.statusText().contains(QStringLiteral("2 lines")),
             qPrintable(dialog.statusText()));
}

void TestDeletionHistoryDialog::windowOpensItFromTheToolsMenu() {
    const std::unique_ptr<SandboxServer> server = startServer();
    QVERIFY(server);
    const std::unique_ptr<MainWindow> window = openWindow(*server);
    QAction *action = window->deletionHistoryAction();
    QVERIFY(action);
    bool inTools = false;
    for (QAction *menu : window->menuBar()->actions()) {
        if (menu->menu() && menu->text().remove(QLatin1Char('&')) == QStringLiteral("Tools"))
            inTools = menu->menu()->actions().contains(action);
    }
    QVERIFY(inTools);
    action->trigger();
    QVERIFY(window->deletionHistoryDialog());
    QVERIFY(window->deletionHistoryDialog()->isVisible());
    action->trigger(); // one dialog, brought to the front
    QCOMPARE(window->findChildren<DeletionHistoryDialog *>().size(), 1);
}

QTEST_MAIN(TestDeletionHistoryDialog)
#include "tst_deletionhistorydialog.moc"
