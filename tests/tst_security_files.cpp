// The window's promises about what it shows and what it writes: untrusted text (customer
// names, addresses, reasons, the server's words, file names) is plain text in every widget;
// CSV cells that a spreadsheet would run are neutralised by default; the files the app writes
// (exports, settings) are created with the user's umask; an export replaces a file whole or
// not at all, even when the disk fills up half way.
#include "faulttestsupport.h"
#include "windowtestsupport.h"

#include "connectiondialog.h"
#include "connectionstore.h"
#include "deletecontroller.h"
#include "errorbanner.h"
#include "exportcontroller.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <sys/resource.h>
#include <sys/stat.h>

using namespace WindowTest;

namespace {

const QString kEvilUser = QStringLiteral("<i>evil</i>&amp;co");
const QString kEvilName = QStringLiteral("<img src=x>Eve");
const QString kEvilEmail = QStringLiteral("<b>x</b><img src=x>@evil.test");
const QString kEvilReason = QStringLiteral("<a href='http://evil.test'>click</a> &lt;kept&gt;");
const QString kEvilWords = QStringLiteral("<b>boom</b><img src=x>");

mode_t modeOf(const QString &path) {
    struct stat info = {};
    return ::stat(qPrintable(path), &info) == 0 ? info.st_mode & 0777 : mode_t(07777);
}

QByteArray readFile(const QString &path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Every label under `root` that shows one of the hostile strings must show it as plain text.
void verifyLabelsArePlain(const QWidget *root) {
    const QList<QLabel *> labels = root->findChildren<QLabel *>();
    for (const QLabel *label : labels) {
        const QString text = label->text();
        const bool hostile = text.contains(kEvilUser) || text.contains(kEvilName) ||
                             text.contains(kEvilEmail) || text.contains(kEvilWords);
        if (hostile)
            QVERIFY2(label->textFormat() == Qt::PlainText, qPrintable(label->objectName()));
    }
}

} // namespace

class TestSecurityFiles final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void cleanup();

    void untrustedTextIsPlainInEveryWidget();
    void csvCellsAreNeutralisedByDefault();
    void filesFollowTheUmask_data();
    void filesFollowTheUmask();
    void exportIsAtomicWhenTheDiskFills();

private:
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<MainWindow> m_window;
    QTemporaryDir m_dir;
};

void TestSecurityFiles::init() {
    QVERIFY(m_dir.isValid());
    m_server = startServer();
    QVERIFY(m_server);
    SandboxProfile evil;
    evil.customer.username = kEvilUser;
    evil.customer.firstName = kEvilName;
    evil.customer.email = QStringLiteral("<a href=x>owner</a>@evil.test");
    m_server->data().setProfile(evil);
    m_server->data().setBounces(kEvilUser, {Bounce{kEvilEmail, QStringLiteral("5.7.1"), kEvilReason,
                                                   QStringLiteral("2024-04-01 00:00:00")},
                                            bounce("plain@evil.test", "5.1.1", "=cmd|' /C calc'!A0",
                                                   "2024-04-02 00:00:00")});
    m_window = openWindow(*m_server);
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestSecurityFiles::cleanup() {
    m_window.reset();
    m_server.reset();
}

void TestSecurityFiles::untrustedTextIsPlainInEveryWidget() {
    // The customer picker: item text as is, tooltip escaped.
    typeCustomer(*m_window, kEvilUser);
    QVERIFY2(waitLoaded(*m_window, kEvilUser), qPrintable(m_window->banner()->message()));
    const QStandardItemModel *items = m_window->customerPicker()->model();
    const QList<QStandardItem *> found = items->findItems(kEvilUser, Qt::MatchStartsWith);
    QCOMPARE(found.size(), 1);
    QVERIFY(found.constFirst()->text().contains(kEvilName));
    QVERIFY(renderedAsAutoText(found.constFirst()->toolTip()).contains(kEvilName));
    QVERIFY(m_window->windowTitle().contains(kEvilUser)); // titles are never rich text

    // The table: cells as is, tooltips render to the same text.
    const BounceTableModel &model = *m_window->model();
    const int row = rowOf(model, kEvilEmail);
    QVERIFY(row >= 0);
    const QModelIndex reason = model.index(row, BounceTableModel::ReasonColumn);
    QCOMPARE(reason.data().toString(), kEvilReason);
    QCOMPARE(renderedAsAutoText(reason.data(Qt::ToolTipRole).toString()), kEvilReason);
    QCOMPARE(renderedAsAutoText(model.index(row, 0).data(Qt::ToolTipRole).toString()), kEvilEmail);

    // The delete confirmation, the real window-modal box.
    m_window->tableView()->selectRow(row);
    QVERIFY(FaultTest::waitForDeleteAction(*m_window));
    QTest::keyClick(m_window->tableView(), Qt::Key_Delete);
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = m_window->findChild<QMessageBox *>(QStringLiteral("deleteConfirmation"))));
    QCOMPARE(box->textFormat(), Qt::PlainText);
    QVERIFY(box->text().contains(kEvilEmail) && box->text().contains(kEvilUser));
    verifyLabelsArePlain(box);
    box->button(QMessageBox::Cancel)->click();

    // The banner: a failed refresh names the customer.
    m_server->addFault(
        ApiTest::fault(SandboxFault::Type::Http500, QStringLiteral("bounces.get"), -1));
    QTest::keyClick(m_window->tableView(), Qt::Key_F5);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->banner()->isHidden(), 15000);
    QVERIFY(m_window->banner()->message().contains(kEvilUser));
    verifyLabelsArePlain(m_window.get());

    // The export messages: a failure in a message box, a success in the status bar.
    const QString failing = m_dir.filePath(kEvilWords + QStringLiteral("/out.csv"));
    QCOMPARE(m_window->exportController()->exportTo({failing, false, {}}), qsizetype(-1));
    QTRY_VERIFY((box = m_window->findChild<QMessageBox *>(QStringLiteral("exportError"))));
    QCOMPARE(box->textFormat(), Qt::PlainText);
    QVERIFY(box->text().contains(kEvilWords));
    box->button(QMessageBox::Ok)->click();
    const QString written = m_dir.filePath(kEvilName + QStringLiteral(".csv"));
    QCOMPARE(m_window->exportController()->exportTo({written, false, {}}), qsizetype(2));
    QVERIFY(m_window->statusBar()->currentMessage().contains(written)); // drawn as plain text

    // The connection dialog's test: the server's own words, markup and all.
    FaultTest::ScriptedHttpServer server([](const QByteArray &) {
        return FaultTest::ScriptedHttpServer::answer(
            200, "application/json", R"({"message":"error","errors":["<b>boom</b><img src=x>"]})");
    });
    ApiSettings settings = FaultTest::fastSettings(*m_server);
    settings.baseUrl = server.baseUrl();
    ConnectionDialog dialog(settings);
    QSignalSpy tested(&dialog, &ConnectionDialog::testFinished);
    dialog.testConnection();
    QVERIFY(tested.wait(10000));
    auto *result = dialog.findChild<QLabel *>(QStringLiteral("testResult"));
    QCOMPARE(result->textFormat(), Qt::PlainText);
    QVERIFY2(result->text().contains(kEvilWords), qPrintable(result->text()));
    verifyLabelsArePlain(&dialog);
}

// The export and the copied rows (Ctrl+C) neutralise the same cells, and no NUL reaches either.
void TestSecurityFiles::csvCellsAreNeutralisedByDefault() {
    // A reason, and that cell as copied: a copied cell cannot hold a tab or a line break (they
    // become spaces), so "\tx" pastes as the harmless " x".
    const QList<std::pair<QString, QString>> triggers{
        {QStringLiteral("=SUM(A1)"), QStringLiteral("'=SUM(A1)")},
        {QStringLiteral("+1"), QStringLiteral("'+1")},
        {QStringLiteral("-1"), QStringLiteral("'-1")},
        {QStringLiteral("@cmd"), QStringLiteral("'@cmd")},
        {QStringLiteral("\tx"), QStringLiteral(" x")},
        {QStringLiteral("\rx"), QStringLiteral(" x")},
        {QStringLiteral("\nx"), QStringLiteral(" x")},
        {QStringLiteral(" =SUM(A1)"), QStringLiteral("' =SUM(A1)")},
        {QStringLiteral("\t =1"), QStringLiteral("'  =1")},
        {QStringLiteral("\u00A0+1"), QStringLiteral("'\u00A0+1")},
        {QStringLiteral("\u3000@cmd"), QStringLiteral("'\u3000@cmd")},
        {QStringLiteral("\uFF1DSUM(A1)"), QStringLiteral("'\uFF1DSUM(A1)")},
        {QStringLiteral("\uFF0B1"), QStringLiteral("'\uFF0B1")},
        {QStringLiteral("\uFF0D1"), QStringLiteral("'\uFF0D1")},
        {QStringLiteral("\uFF20cmd"), QStringLiteral("'\uFF20cmd")},
        {QStringLiteral("\u3000\uFF1D1"), QStringLiteral("'\u3000\uFF1D1")},
        {QChar(u'\0') + QStringLiteral("=1"), QStringLiteral("'=1")},
    };
    QList<Bounce> rows;
    for (int i = 0; i < triggers.size(); ++i)
        rows << Bounce{QStringLiteral("r%1@csv.test").arg(i), QStringLiteral("5.1.1"),
                       triggers.at(i).first,
                       QDateTime(QDate(2024, 1, 1), QTime(0, i), Qt::UTC)
                           .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))};
    rows << Bounce{QStringLiteral("nul@csv.test"), QStringLiteral("5.1.1"),
                   QStringLiteral("a") + QChar(u'\0') + QStringLiteral("b"),
                   QStringLiteral("2024-02-01 00:00:00")};
    m_server->data().setBounces(QStringLiteral("csvco"), rows);
    typeCustomer(*m_window, QStringLiteral("csvco"));
    QVERIFY(waitLoaded(*m_window, QStringLiteral("csvco")));
    QCOMPARE(m_window->model()->rowCount(), rows.size());
    const QString path = m_dir.filePath(QStringLiteral("default.csv"));
    ExportChoice choice; // what the user gets without touching an option
    choice.path = path;
    QCOMPARE(m_window->exportController()->exportTo(choice), qsizetype(rows.size()));
    const QByteArray bytes = readFile(path);
    QVERIFY(!bytes.contains('\0'));
    const QString csv = QString::fromUtf8(bytes);
    QVERIFY(csv.contains(QStringLiteral(",ab,")));

    m_window->tableView()->selectAll();
    QApplication::clipboard()->clear();
    m_window->tableView()->copySelectedRows();
    const QString copied = QApplication::clipboard()->text();
    QVERIFY(!copied.contains(QChar(u'\0')));
    QVERIFY(copied.contains(QStringLiteral("\tab\t")));

    for (const auto &[reason, copiedCell] : triggers) {
        const QString cell = QLatin1Char('\'') + QString(reason).remove(QChar(u'\0'));
        const bool quoted =
            reason.contains(QLatin1Char('\r')) || reason.contains(QLatin1Char('\n'));
        QVERIFY2(csv.contains(quoted ? QLatin1Char('"') + cell + QLatin1Char('"')
                                     : QLatin1Char(',') + cell + QLatin1Char(',')),
                 qPrintable(reason));
        QVERIFY2(copied.contains(QLatin1Char('\t') + copiedCell + QLatin1Char('\t')),
                 qPrintable(reason));
    }
}

void TestSecurityFiles::filesFollowTheUmask_data() {
    QTest::addColumn<int>("mask");
    QTest::newRow("umask 022") << 0022;
    QTest::newRow("umask 027") << 0027;
    QTest::newRow("umask 077") << 0077;
}

void TestSecurityFiles::filesFollowTheUmask() {
    QFETCH(int, mask);
    typeCustomer(*m_window, QStringLiteral("acme"));
    QVERIFY(waitLoaded(*m_window, QStringLiteral("acme")));
    const mode_t previous = ::umask(mode_t(mask));
    const QString exported = m_dir.filePath(QStringLiteral("umask-%1.csv").arg(mask, 0, 8));
    const qsizetype rows = m_window->exportController()->exportTo({exported, false, {}});
    const QString settingsFile = QSettings().fileName();
    QFile::remove(settingsFile);
    {
        ConnectionStore store(std::make_unique<MemorySecretStore>());
        QSignalSpy saved(&store, &ConnectionStore::saved);
        store.save(FaultTest::fastSettings(*m_server));
        QTRY_COMPARE(saved.count(), 1);
    }
    ::umask(previous);
    QCOMPARE(rows, qsizetype(5));
    QCOMPARE(modeOf(exported), mode_t(0666 & ~mask));
    QVERIFY(QFile::exists(settingsFile));
    QCOMPARE(modeOf(settingsFile), mode_t(0666 & ~mask));
}

// A file size limit stands in for a full disk (root obeys it too): the export fails half way,
// says so, and the earlier file is untouched with no temporary file left beside it.
void TestSecurityFiles::exportIsAtomicWhenTheDiskFills() {
    m_server->data().setBounces(QStringLiteral("acme"),
                                generatedBounces(QStringLiteral("acme.test"), 3000));
    typeCustomer(*m_window, QStringLiteral("acme"));
    QVERIFY(waitLoaded(*m_window, QStringLiteral("acme")));
    const QString path = m_dir.filePath(QStringLiteral("atomic.csv"));
    const QByteArray earlier = "an earlier export that must survive\r\n";
    {
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write(earlier);
    }
    rlimit before = {};
    QCOMPARE(::getrlimit(RLIMIT_FSIZE, &before), 0);
    const auto previousHandler = ::signal(SIGXFSZ, SIG_IGN);
    rlimit small = before;
    small.rlim_cur = 16 * 1024;
    QCOMPARE(::setrlimit(RLIMIT_FSIZE, &small), 0);
    const qsizetype rows = m_window->exportController()->exportTo({path, false, {}});
    ::setrlimit(RLIMIT_FSIZE, &before);
    ::signal(SIGXFSZ, previousHandler);

    QCOMPARE(rows, qsizetype(-1));
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = m_window->findChild<QMessageBox *>(QStringLiteral("exportError"))));
    QVERIFY2(box->text().contains(path), qPrintable(box->text()));
    QCOMPARE(readFile(path), earlier);
    QCOMPARE(QDir(m_dir.path()).entryList({QStringLiteral("atomic*")}, QDir::Files | QDir::Hidden),
             QStringList{QStringLiteral("atomic.csv")});
}

QTEST_MAIN(TestSecurityFiles)
#include "tst_security_files.moc"
