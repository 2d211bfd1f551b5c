// The window's Find Address against the v3 emulator over real HTTP on 127.0.0.1: hits stream in
// from several customers and lists, a failing customer is named and the search is not called
// complete, a domain search, Esc sends nothing more (the emulator's request record is the
// barrier), deletes remove only confirmed rows and write the deletion record (one that cannot
// be written stops them, nothing more sent), a consent list needs the "recipient asked" tick,
// and a double-click asks to open the customer.
#include "findaddressdialog.h"
#include "findresultsmodel.h"
#include "windowtestsupport.h"

#include "api/suppressionclient.h"
#include "api/v3requestgate.h"
#include "api/v3suppressionclient.h"
#include "core/deletionentry.h"
#include "core/deletionrecord.h"
#include "sandbox/sandboxserver.h"

#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <memory>

namespace {

const QString kKey = QStringLiteral("find-window-test-key-81c2");

SandboxSuppression row(const QString &email, const QString &status = {},
                       const QString &reason = {}) {
    SandboxSuppression suppression;
    suppression.email = email;
    suppression.created = 1735689600;
    suppression.status = status;
    suppression.reason = reason;
    return suppression;
}

struct Found {
    QString customer;
    SuppressionList list;
    QString email;
    bool operator==(const Found &other) const {
        return customer == other.customer && list == other.list && email == other.email;
    }
};

} // namespace

class TestFindAddressDialog final : public QObject {
    Q_OBJECT

    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<V3SuppressionClient> m_client;
    std::unique_ptr<FindAddressDialog> m_dialog;
    QTemporaryDir m_dir;

    QString recordPath() const { return m_dir.filePath(QStringLiteral("deletions.jsonl")); }
    QList<DeletionEntry> recorded() const {
        QList<DeletionEntry> entries;
        QFile file(recordPath());
        if (!file.open(QIODevice::ReadOnly))
            return entries;
        for (const QByteArray &line : file.readAll().split('\n')) {
            if (const auto entry = DeletionEntry::fromJsonLine(line))
                entries << *entry;
        }
        return entries;
    }
    QList<Found> found() const {
        QList<Found> rows;
        const FindResultsModel *model = m_dialog->resultsModel();
        for (int i = 0; i < model->rowCount(); ++i) {
            const AddressHit &hit = model->hit(i);
            rows << Found{AddressSearch::customerName(hit.tenant), hit.list, hit.email};
        }
        return rows;
    }
    int requestsFor(const QString &method) const {
        int count = 0;
        for (const SandboxRequest &request : m_server->requests())
            count += request.httpMethod == method ? 1 : 0;
        return count;
    }
    bool searchEnded() const {
        return QTest::qWaitFor([this] { return !m_dialog->isSearching(); }, 60'000);
    }
    QMessageBox *confirmation() const {
        QMessageBox *box = nullptr;
        const bool shown = QTest::qWaitFor(
            [&] {
                box = m_dialog->findChild<QMessageBox *>(QStringLiteral("deleteConfirmation"));
                return box && box->isVisible();
            },
            10'000);
        return shown ? box : nullptr;
    }
    static QPushButton *deleteButtonOf(QMessageBox *box) {
        for (QAbstractButton *button : box->buttons()) {
            if (box->buttonRole(button) == QMessageBox::DestructiveRole)
                return qobject_cast<QPushButton *>(button);
        }
        return nullptr;
    }

private Q_SLOTS:
    void init() {
        QVERIFY(m_dir.isValid());
        QFile::remove(recordPath());
        QDir(recordPath()).removeRecursively(); // recordFailingMidRunStopsTheRest's folder
        m_server = std::make_unique<SandboxServer>();
        m_server->setCredentials(QStringLiteral("unused"), kKey);
        QVERIFY(m_server->listen());
        ApiSettings settings;
        settings.api = ApiVersion::V3;
        settings.baseUrl = m_server->v3BaseUrl();
        settings.apiKey = kKey;
        settings.retryBaseDelayMs = 1;
        settings.maxAttempts = 1; // a failing customer fails at once
        m_client = std::make_unique<V3SuppressionClient>(settings);
        m_dialog = std::make_unique<FindAddressDialog>();
        m_dialog->setClient(m_client.get());
        m_dialog->setDeletionRecord(DeletionRecord(recordPath()));
        m_dialog->show();
        m_dialog->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_dialog.get()));
    }
    void cleanup() {
        m_dialog.reset();
        m_client.reset();
        m_server.reset();
    }

    void hitsFromEveryCustomerAndListAndTheFailingOneNamed() {
        SandboxData &data = m_server->data();
        const QStringList generated = data.addGeneratedSubusers(6, 2, QStringLiteral("fwgen"));
        const QString address = QStringLiteral("jordan.lee@example.com");
        data.addSuppressions(SandboxTenant::subuser(generated.at(1)), SuppressionList::Bounces,
                             {row(QStringLiteral("Jordan.Lee@Example.com"), QStringLiteral("5.1.1"),
                                  QStringLiteral("<b>gone</b>"))});
        data.addSuppressions(SandboxTenant::subuser(generated.last()), SuppressionList::Blocks,
                             {row(address, QStringLiteral("4.2.2"), QStringLiteral("busy"))});
        SandboxFault fault;
        fault.type = SandboxFault::Type::Http500;
        fault.tenant = generated.at(3);
        fault.times = -1;
        m_server->addFault(fault);
        const int customers = int(data.customers().size());

        // What the status said each time rows arrived: the progress while searching.
        QStringList statuses;
        connect(m_dialog->resultsModel(), &QAbstractItemModel::rowsInserted, this,
                [this, &statuses] { statuses << m_dialog->statusText(); });
        m_dialog->search(address);
        QVERIFY(m_dialog->isSearching());
        QVERIFY(searchEnded());

        const QList<Found> rows = found();
        QVERIFY(rows.contains(Found{QString(), SuppressionList::Bounces, address}));
        QVERIFY(rows.contains(Found{QString(), SuppressionList::SpamReports, address}));
        QVERIFY(rows.contains(Found{QStringLiteral("acme"), SuppressionList::Blocks, address}));
        QVERIFY(rows.contains(
            Found{QStringLiteral("globex"), SuppressionList::InvalidEmails, address}));
        QVERIFY(rows.contains(Found{generated.at(1), SuppressionList::Bounces,
                                    QStringLiteral("Jordan.Lee@Example.com")}));
        QVERIFY(rows.contains(Found{generated.last(), SuppressionList::Blocks, address}));
        for (const Found &hit : rows)
            QVERIFY2(hit.customer != generated.at(3), qPrintable(hit.customer));
        // The exact address only: the demo's jordan.lee@exmaple.com is another one.
        for (const Found &hit : rows)
            QCOMPARE(hit.email.toLower(), address);

        // Progress counted the customers while rows came in.
        const QRegularExpression progress(
            QStringLiteral("(\\d+) of %1 customers searched").arg(customers));
        bool sawProgress = false;
        for (const QString &status : std::as_const(statuses))
            sawProgress = sawProgress || progress.match(status).hasMatch();
        QVERIFY2(sawProgress, qPrintable(statuses.join(QLatin1Char('\n'))));

        // The failing customer is named, every one of its lists; never "complete".
        QVERIFY(!m_dialog->isComplete());
        QCOMPARE(m_dialog->notSearched().size(), 6);
        for (const QString &why : m_dialog->notSearched())
            QVERIFY2(why.contains(generated.at(3)), qPrintable(why));
        QVERIFY2(m_dialog->statusText().contains(QLatin1String("incomplete")),
                 qPrintable(m_dialog->statusText()));
        QVERIFY(!m_dialog->statusText().contains(QLatin1String("Search complete")));

        // Untrusted text stays plain: markup shown as typed, the tooltip escaped.
        FindResultsModel *model = m_dialog->resultsModel();
        for (int i = 0; i < model->rowCount(); ++i) {
            if (model->hit(i).reason != QLatin1String("<b>gone</b>"))
                continue;
            const QModelIndex reason = model->index(i, FindResultsModel::ReasonColumn);
            QCOMPARE(reason.data().toString(), QStringLiteral("<b>gone</b>"));
            QVERIFY(reason.data(Qt::ToolTipRole).toString().contains(QLatin1String("&lt;b&gt;")));
        }
        QCOMPARE(requestsFor(QStringLiteral("DELETE")), 0);

        // Without the fault the same search is complete.
        m_server->clearFaults();
        m_dialog->search(address);
        QVERIFY(searchEnded());
        QVERIFY(m_dialog->isComplete());
        QVERIFY(m_dialog->notSearched().isEmpty());
        QVERIFY2(m_dialog->statusText().contains(QLatin1String("Search complete")),
                 qPrintable(m_dialog->statusText()));
    }

    void domainSearch() {
        SandboxData &data = m_server->data();
        const SandboxTenant a = SandboxTenant::subuser(QStringLiteral("fwdom-a"));
        const SandboxTenant b = SandboxTenant::subuser(QStringLiteral("fwdom-b"));
        data.setSuppressions(a, SuppressionList::Bounces,
                             {row(QStringLiteral("ann@FindWin.test"), QStringLiteral("5.1.1"),
                                  QStringLiteral("gone")),
                              row(QStringLiteral("bob@findwin.test.evil.net")),
                              row(QStringLiteral("carl@other.org"))});
        data.setSuppressions(b, SuppressionList::Blocks, {row(QStringLiteral("dee@findwin.test"))});
        data.setGroup(b, {7, QStringLiteral("Promo"), QString(), false},
                      {row(QStringLiteral("eve@findwin.test")), row(QStringLiteral("x@y.org"))});

        m_dialog->search(QStringLiteral("@findwin.test"));
        QVERIFY(searchEnded());
        QVERIFY(m_dialog->isComplete());
        const QList<Found> rows = found();
        QCOMPARE(rows.size(), 3);
        QVERIFY(rows.contains(Found{QStringLiteral("fwdom-a"), SuppressionList::Bounces,
                                    QStringLiteral("ann@FindWin.test")}));
        QVERIFY(rows.contains(Found{QStringLiteral("fwdom-b"), SuppressionList::Blocks,
                                    QStringLiteral("dee@findwin.test")}));
        QVERIFY(rows.contains(Found{QStringLiteral("fwdom-b"), SuppressionList::GroupUnsubscribes,
                                    QStringLiteral("eve@findwin.test")}));
        // The flat lists went through the server's email filter.
        int filtered = 0;
        for (const SandboxRequest &request : m_server->requests()) {
            if (request.path.startsWith(QLatin1String("/v3/suppression/")) &&
                request.onBehalfOf == QLatin1String("fwdom-a"))
                filtered += request.query.contains(QLatin1String("email=%25%40findwin.test"));
        }
        QVERIFY(filtered >= 5);
    }

    void escapeSendsNothingMore() {
        m_server->data().addGeneratedSubusers(30, 1, QStringLiteral("fwesc"));
        // Every answer held back: the search stays in flight with most places not yet sent.
        SandboxFault hold;
        hold.type = SandboxFault::Type::Delay;
        hold.delayMs = 120'000;
        hold.times = -1;
        m_server->addFault(hold);
        m_dialog->search(QStringLiteral("nobody@fwesc.test"));
        // The barrier: the emulator received all the client sends before any answer (the
        // customer list and the first of the parent's look-ups); the rest wait in the client.
        QVERIFY(QTest::qWaitFor(
            [this] { return m_server->requests().size() >= V3RequestGate::firstAnswerBound; },
            10'000));
        QVERIFY(m_dialog->isSearching());
        QTest::keyClick(m_dialog->resultsView(), Qt::Key_Escape);
        QVERIFY(!m_dialog->isSearching());
        QVERIFY(m_dialog->isVisible()); // Esc stopped the search; it did not close the window
        QVERIFY(!m_dialog->isComplete());
        QVERIFY2(m_dialog->statusText().contains(QLatin1String("cancelled")),
                 qPrintable(m_dialog->statusText()));
        const int sentBeforeCancel = int(m_server->requests().size());

        // A marker request through the same client queues behind anything the search still
        // had queued: once the emulator received it, nothing else of the search followed.
        m_server->clearFaults();
        bool markerAnswered = false;
        LookUpJob *marker = m_client->lookUp(Tenant::parent(), SuppressionList::Bounces,
                                             QStringLiteral("marker@fwesc.test"));
        connect(marker, &LookUpJob::found, this, [&markerAnswered] { markerAnswered = true; });
        connect(marker, &LookUpJob::failed, this, [&markerAnswered] { markerAnswered = true; });
        QVERIFY(QTest::qWaitFor([&markerAnswered] { return markerAnswered; }, 30'000));
        const QList<SandboxRequest> requests = m_server->requests();
        QCOMPARE(sentBeforeCancel, V3RequestGate::firstAnswerBound);
        QCOMPARE(requests.size(), sentBeforeCancel + 1);
        QVERIFY2(requests.last().email == QLatin1String("marker@fwesc.test") ||
                     requests.last().path.contains(QLatin1String("marker")),
                 qPrintable(requests.last().path));
        // Escape with nothing running closes the window.
        QTest::keyClick(m_dialog->resultsView(), Qt::Key_Escape);
        QVERIFY(!m_dialog->isVisible());
    }

    // The emulator announces 5 requests a second on its own clock, which moves only when the
    // client waits for the reset: the dialog says why nothing moves, and no 429 is provoked.
    void rateLimitWaitIsShown() {
        auto now = std::make_shared<std::atomic<qint64>>(qint64(1'760'000'000'000));
        m_server->setClock([now] { return now->load(); });
        m_client->setClock([now] { return now->load(); });
        m_server->setRateLimit(5, 1);
        QStringList waits;
        // After the dialog's own slot (connected first), so its status already says it.
        connect(m_client.get(), &SuppressionClient::serverAskedToWait, this, [this, now, &waits] {
            waits << m_dialog->statusText();
            now->fetch_add(1000);
        });
        m_dialog->search(QStringLiteral("jordan.lee@example.com"));
        QVERIFY(searchEnded());
        QVERIFY(!waits.isEmpty());
        for (const QString &status : std::as_const(waits))
            QVERIFY2(status.contains(QLatin1String("The server asked to wait")),
                     qPrintable(status));
        QVERIFY2(m_dialog->isComplete(), qPrintable(m_dialog->notSearched().join(u'\n')));
        QCOMPARE(m_server->rateLimitRefusals(), 0);
    }

    void deleteRemovesOnlyConfirmedRowsAndRecords() {
        SandboxData &data = m_server->data();
        const QString address = QStringLiteral("pat@fwdel.test");
        const SandboxTenant a = SandboxTenant::subuser(QStringLiteral("fwdel-a"));
        const SandboxTenant b = SandboxTenant::subuser(QStringLiteral("fwdel-b"));
        data.setSuppressions(a, SuppressionList::Bounces,
                             {row(address), row(QStringLiteral("x@y.z"))});
        data.setSuppressions(a, SuppressionList::Blocks, {row(address)});
        data.setSuppressions(b, SuppressionList::InvalidEmails, {row(address)});
        // Every delete of fwdel-a's blocks fails.
        SandboxFault fault;
        fault.type = SandboxFault::Type::Http500;
        fault.call = QStringLiteral("v3.blocks.delete");
        fault.tenant = QStringLiteral("fwdel-a");
        fault.times = -1;
        m_server->addFault(fault);

        m_dialog->search(address);
        QVERIFY(searchEnded());
        QCOMPARE(found().size(), 3);
        m_dialog->resultsView()->setFocus();
        m_dialog->resultsView()->selectAll();
        QVERIFY(m_dialog->deleteButton()->isEnabled());
        QTest::keyClick(m_dialog->resultsView(), Qt::Key_Delete);
        QMessageBox *box = confirmation();
        QVERIFY(box);
        QVERIFY(!box->checkBox()); // no consent list among them
        QVERIFY2(box->text().contains(address), qPrintable(box->text()));
        QVERIFY2(box->text().contains(QLatin1String("fwdel-b")), qPrintable(box->text()));
        // Rows of three lists: the question names no one list (and none of them "bounces").
        QVERIFY2(box->text().contains(QLatin1String("from several lists")),
                 qPrintable(box->text()));
        QVERIFY2(!box->text().contains(QLatin1String("bounces")), qPrintable(box->text()));
        QVERIFY(box->text().contains(QLatin1String("deliver mail to these addresses again")));
        QCOMPARE(requestsFor(QStringLiteral("DELETE")), 0);
        deleteButtonOf(box)->click();
        QVERIFY(QTest::qWaitFor([this] { return !m_dialog->isDeleting(); }, 30'000));

        // Only the failed row stays, marked with its reason.
        QCOMPARE(found(),
                 (QList<Found>{{QStringLiteral("fwdel-a"), SuppressionList::Blocks, address}}));
        FindResultsModel *model = m_dialog->resultsModel();
        QCOMPARE(model->state(0), BounceRowState::Failed);
        QVERIFY(!model->stateReason(0).isEmpty());
        QCOMPARE(data.suppressionCount(a, SuppressionList::Bounces), 1);
        QCOMPARE(data.suppressionCount(a, SuppressionList::Blocks), 1);
        QCOMPARE(data.suppressionCount(b, SuppressionList::InvalidEmails), 0);

        const QList<DeletionEntry> entries = recorded();
        QCOMPARE(entries.size(), 3);
        int deleted = 0;
        for (const DeletionEntry &entry : entries) {
            QCOMPARE(entry.api, QStringLiteral("v3"));
            QCOMPARE(entry.email, address);
            if (entry.list == QLatin1String("blocks")) {
                QCOMPARE(entry.customer, QStringLiteral("fwdel-a"));
                QCOMPARE(entry.outcome, DeletionOutcome::Failed);
            } else {
                QCOMPARE(entry.outcome, DeletionOutcome::Deleted);
                ++deleted;
            }
        }
        QCOMPARE(deleted, 2);
        QVERIFY2(m_dialog->statusText().contains(QLatin1String("2 addresses deleted")),
                 qPrintable(m_dialog->statusText()));
    }

    // The record cannot be written when the first answer comes (a folder in its place, after
    // the check before the first request passed): nothing of it is shown as done, and nothing
    // more is sent; the places not yet sent keep their rows as they were.
    void recordFailingMidRunStopsTheRest() {
        SandboxData &data = m_server->data();
        const QString address = QStringLiteral("rae@fwrecord.test");
        const QStringList customers{QStringLiteral("fwrec-a"), QStringLiteral("fwrec-b"),
                                    QStringLiteral("fwrec-c")};
        for (const QString &customer : customers)
            data.setSuppressions(SandboxTenant::subuser(customer), SuppressionList::Bounces,
                                 {row(address)});
        // The first delete's answer waits until the test has broken the record.
        SandboxFault hold;
        hold.type = SandboxFault::Type::Hold;
        hold.call = QStringLiteral("v3.bounces.delete");
        hold.times = -1;
        m_server->addFault(hold);

        m_dialog->search(address);
        QVERIFY(searchEnded());
        QCOMPARE(found().size(), 3);
        m_dialog->resultsView()->selectAll();
        m_dialog->deleteSelected();
        QMessageBox *box = confirmation();
        QVERIFY(box);
        deleteButtonOf(box)->click();
        QVERIFY(QTest::qWaitFor([this] { return m_server->answersHeld() == 1; }, 10'000));
        QVERIFY(m_dialog->isDeleting());
        QVERIFY(QFile::exists(recordPath()));
        QVERIFY(QFile::remove(recordPath()));
        QVERIFY(QDir().mkpath(recordPath()));
        m_server->releaseHeldAnswers();
        QVERIFY(QTest::qWaitFor([this] { return !m_dialog->isDeleting(); }, 30'000));

        QCOMPARE(requestsFor(QStringLiteral("DELETE")), 1);
        int deletedOnServer = 0;
        for (const QString &customer : customers)
            deletedOnServer += data.suppressionCount(SandboxTenant::subuser(customer),
                                                     SuppressionList::Bounces) == 0;
        QCOMPARE(deletedOnServer, 1);
        // Every row stays: the one deleted says it was not recorded, the others are as before.
        FindResultsModel *model = m_dialog->resultsModel();
        QCOMPARE(model->rowCount(), 3);
        int notRecorded = 0;
        for (int i = 0; i < model->rowCount(); ++i) {
            if (model->state(i) == BounceRowState::Failed) {
                QVERIFY2(model->stateReason(i).contains(QLatin1String("Deleted, but not recorded")),
                         qPrintable(model->stateReason(i)));
                ++notRecorded;
            } else {
                QCOMPARE(model->state(i), BounceRowState::Normal);
            }
        }
        QCOMPARE(notRecorded, 1);
        QVERIFY2(m_dialog->statusText().contains(QLatin1String("Deleting stopped")),
                 qPrintable(m_dialog->statusText()));
        QVERIFY2(m_dialog->statusText().contains(QLatin1String("0 addresses deleted")),
                 qPrintable(m_dialog->statusText()));
    }

    void consentListNeedsTheTick() {
        SandboxData &data = m_server->data();
        const QString address = QStringLiteral("una@fwconsent.test");
        const SandboxTenant c = SandboxTenant::subuser(QStringLiteral("fwconsent"));
        data.setSuppressions(c, SuppressionList::Unsubscribes, {row(address)});
        m_dialog->search(address);
        QVERIFY(searchEnded());
        QCOMPARE(found().size(), 1);
        m_dialog->resultsView()->selectAll();

        // Without the tick Delete stays disabled; cancelling sends nothing.
        m_dialog->deleteSelected();
        QMessageBox *box = confirmation();
        QVERIFY(box);
        QVERIFY(box->checkBox());
        QCOMPARE(box->checkBox()->text(), FindAddressDialog::consentText());
        QPushButton *remove = deleteButtonOf(box);
        QVERIFY(!remove->isEnabled());
        remove->click(); // a disabled button does nothing
        QVERIFY(box->isVisible());
        box->button(QMessageBox::Cancel)->click();
        QVERIFY(QTest::qWaitFor([this] { return m_dialog->deleteButton()->isEnabled(); }, 5000));
        QCOMPARE(requestsFor(QStringLiteral("DELETE")), 0);
        QCOMPARE(data.suppressionCount(c, SuppressionList::Unsubscribes), 1);
        QVERIFY(recorded().isEmpty());

        // With it, the address goes.
        m_dialog->deleteSelected();
        box = confirmation();
        QVERIFY(box);
        remove = deleteButtonOf(box);
        box->checkBox()->click();
        QVERIFY(remove->isEnabled());
        remove->click();
        QVERIFY(
            QTest::qWaitFor([this] { return m_dialog->resultsModel()->rowCount() == 0; }, 30'000));
        QVERIFY(QTest::qWaitFor([this] { return !m_dialog->isDeleting(); }, 30'000));
        QCOMPARE(data.suppressionCount(c, SuppressionList::Unsubscribes), 0);
        const QList<DeletionEntry> entries = recorded();
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries.at(0).list, QStringLiteral("unsubscribes"));
        QCOMPARE(entries.at(0).outcome, DeletionOutcome::Deleted);
    }

    // A group unsubscribe hit is one (address, group) pair: deleting its row takes the address
    // out of that group only; its row in the other group stays, and the record names the group.
    void aGroupHitLeavesOnlyItsGroup() {
        SandboxData &data = m_server->data();
        const QString address = QStringLiteral("gus@fwgroup.test");
        const SandboxTenant g = SandboxTenant::subuser(QStringLiteral("fwgroup"));
        data.setGroup(g, {5, QStringLiteral("News"), QString(), false}, {row(address)});
        data.setGroup(g, {7, QStringLiteral("Offers"), QString(), false}, {row(address)});
        m_dialog->search(address);
        QVERIFY(searchEnded());
        FindResultsModel *model = m_dialog->resultsModel();
        QCOMPARE(model->rowCount(), 2);
        int inNews = -1;
        for (int i = 0; i < model->rowCount(); ++i)
            inNews = model->hit(i).group == QLatin1String("5") ? i : inNews;
        QVERIFY(inNews >= 0);
        m_dialog->resultsView()->selectRow(inNews);
        m_dialog->deleteSelected();
        QMessageBox *box = confirmation();
        QVERIFY(box);
        QVERIFY2(box->text().contains(QLatin1String("group 5")), qPrintable(box->text()));
        box->checkBox()->click();
        deleteButtonOf(box)->click();
        QVERIFY(QTest::qWaitFor([this] { return !m_dialog->isDeleting(); }, 30'000));

        QCOMPARE(model->rowCount(), 1);
        QCOMPARE(model->hit(0).group, QStringLiteral("7"));
        QCOMPARE(model->state(0), BounceRowState::Normal);
        const QList<SandboxSuppression> left =
            data.suppressions(g, SuppressionList::GroupUnsubscribes);
        QCOMPARE(left.size(), 1);
        QCOMPARE(left.at(0).status, QStringLiteral("7"));
        const QList<DeletionEntry> entries = recorded();
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries.at(0).list, QStringLiteral("group_unsubscribes"));
        QCOMPARE(entries.at(0).email, address);
        QCOMPARE(entries.at(0).outcome, DeletionOutcome::Deleted);
        QCOMPARE(entries.at(0).detail, QStringLiteral("group 5"));
    }

    void doubleClickAsksToOpenTheCustomer() {
        m_dialog->search(QStringLiteral("jordan.lee@example.com"));
        QVERIFY(searchEnded());
        FindResultsModel *model = m_dialog->resultsModel();
        int acme = -1;
        for (int i = 0; i < model->rowCount() && acme < 0; ++i)
            acme = model->hit(i).tenant.id == QLatin1String("acme") ? i : -1;
        QVERIFY(acme >= 0);
        QSignalSpy opened(m_dialog.get(), &FindAddressDialog::openRequested);
        QTableView *view = m_dialog->resultsView();
        view->scrollTo(model->index(acme, 0));
        const QPoint at =
            view->visualRect(model->index(acme, FindResultsModel::EmailColumn)).center();
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, at);
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.at(0).at(0).toString(), QStringLiteral("acme"));
        QCOMPARE(opened.at(0).at(1).value<SuppressionList>(), model->hit(acme).list);
        QCOMPARE(opened.at(0).at(2).toString(), QStringLiteral("jordan.lee@example.com"));
    }

    // The main window: Ctrl+Shift+F and the toolbar's field open the one dialog (here over v2,
    // the window's connection: each customer's bounces); a double-click opens the customer
    // with the found row selected.
    void mainWindowOpensItAndTheFoundRow() {
        m_dialog.reset();
        auto server = WindowTest::startServer();
        QVERIFY(server);
        auto window = WindowTest::openWindow(*server);
        window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window.get()));
        QVERIFY(window->client());
        QCOMPARE(window->findAddressAction()->shortcut(),
                 QKeySequence(QStringLiteral("Ctrl+Shift+F")));
        QTest::keyClick(window.get(), Qt::Key_F, Qt::ControlModifier | Qt::ShiftModifier);
        FindAddressDialog *dialog = window->findAddressDialog();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QVERIFY(!dialog->isSearching());

        QLineEdit *field = window->findAddressField();
        field->setText(QStringLiteral("erin@example.org"));
        QTest::keyClick(field, Qt::Key_Return);
        QCOMPARE(window->findAddressDialog(), dialog); // one per window
        QCOMPARE(dialog->queryEdit()->text(), QStringLiteral("erin@example.org"));
        QVERIFY(QTest::qWaitFor([dialog] { return !dialog->isSearching(); }, 60'000));
        QVERIFY2(dialog->isComplete(), qPrintable(dialog->statusText()));
        FindResultsModel *model = dialog->resultsModel();
        int acme = -1;
        for (int i = 0; i < model->rowCount() && acme < 0; ++i)
            acme = model->hit(i).tenant.id == QLatin1String("acme") ? i : -1;
        QVERIFY(acme >= 0);
        QCOMPARE(model->hit(acme).email, QStringLiteral("Erin@Example.org"));
        QCOMPARE(model->hit(acme).list, SuppressionList::Bounces);

        QTableView *view = dialog->resultsView();
        QSignalSpy opened(dialog, &FindAddressDialog::openRequested);
        view->scrollTo(model->index(acme, 0));
        const QPoint at =
            view->visualRect(model->index(acme, FindResultsModel::EmailColumn)).center();
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, at);
        QCOMPARE(opened.size(), 1);
        QVERIFY(WindowTest::waitLoaded(*window, QStringLiteral("acme")));
        QTRY_COMPARE(window->tableView()->selectedEmails(),
                     QStringList{QStringLiteral("Erin@Example.org")});
    }

    void badQueryIsRefusedBeforeSending() {
        m_dialog->search(QStringLiteral("not-an-address"));
        QVERIFY(!m_dialog->isSearching());
        QVERIFY(m_server->requests().isEmpty());
        QVERIFY(m_dialog->statusText().contains(QLatin1String("@example.com")));
    }
};

QTEST_MAIN(TestFindAddressDialog)
#include "tst_findaddressdialog.moc"
