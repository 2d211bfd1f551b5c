// The load pipeline at scale: a 200,000-row list parsed on the client's parser thread, sorted
// and filtered on workers, the flow control that keeps a slow receiver from piling up the body,
// and a refresh that the model prepares aside and swaps in whole. How long that takes and how
// long the event loop is held up are the benchmark's figures (tests/benchmark: load time,
// longest GUI stall while loading, sorting and filtering), never asserted here.

#include "apitestsupport.h"
#include "windowtestsupport.h"

#include "api/resellerclient.h"
#include "api/v2suppressionclient.h"
#include "bouncetableview.h"
#include "filterbar.h"
#include "loadcontroller.h"
#include "mainwindow.h"

#include "core/bouncetablemodel.h"
#include "sandbox/sandboxserver.h"

#include <QHeaderView>
#include <QSignalSpy>
#include <QThread>
#include <QtTest>

#include <memory>

namespace {

const QString bigCustomer = QStringLiteral("bigco");
constexpr qsizetype bigRows = 200'000;

// The emulator in a thread of its own, as a real server would be: producing the body must
// not count as work of the event loop under test.
class ThreadedServer final {
public:
    ThreadedServer()
        : m_server(new SandboxServer) {
        m_server->setCredentials(ApiTest::user(), ApiTest::secretKey());
        m_server->data().addGeneratedCustomer(bigCustomer, bigRows);
        QObject::connect(&m_thread, &QThread::finished, m_server, &QObject::deleteLater);
        m_server->moveToThread(&m_thread);
        m_thread.start();
        QMetaObject::invokeMethod(
            m_server, [this] { m_listening = m_server->listen(); }, Qt::BlockingQueuedConnection);
    }
    ~ThreadedServer() {
        m_thread.quit();
        m_thread.wait();
    }
    bool isListening() const { return m_listening; }
    // Thread-safe (the setting is atomic): gzip for clients that offer it, as SendGrid may.
    void setCompressesBodies(bool compress) { m_server->setCompressesBodies(compress); }
    int compressedAnswers() const { return m_server->compressedAnswers(); }
    ApiSettings settings(ResponseFormat format = ResponseFormat::Json) const {
        ApiSettings settings = ApiTest::settingsFor(*m_server, format);
        settings.transferTimeoutMs = 20000; // a loaded machine must not turn slowness into faults
        return settings;
    }

private:
    QThread m_thread;
    SandboxServer *m_server; // lives in m_thread
    bool m_listening = false;
};

// The model's text order: UTF-8 bytes with ASCII letters folded (not Unicode collation).
QByteArray textKey(const QString &text) {
    QByteArray bytes = text.toUtf8();
    for (char &c : bytes)
        c = c >= 'A' && c <= 'Z' ? char(c + ('a' - 'A')) : c;
    return bytes;
}

bool sampledInOrder(const BounceTableModel &model, int column, Qt::SortOrder order) {
    const int step = qMax(1, model.rowCount() / 3000);
    for (int row = step; row < model.rowCount(); row += step) {
        const QVariant before = model.index(row - step, column).data(BounceTableModel::SortKeyRole);
        const QVariant after = model.index(row, column).data(BounceTableModel::SortKeyRole);
        const bool text = before.typeId() == QMetaType::QString;
        const bool less = text ? textKey(before.toString()) < textKey(after.toString())
                               : before.toLongLong() < after.toLongLong();
        const bool greater = text ? textKey(after.toString()) < textKey(before.toString())
                                  : after.toLongLong() < before.toLongLong();
        if (order == Qt::AscendingOrder ? greater : less)
            return false;
    }
    return true;
}

} // namespace

class TestLoadPipeline final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void largeLoadKeepsTheWindowResponsive();
    void slowReceiverBoundsTheBacklog_data();
    void slowReceiverBoundsTheBacklog();
    void refreshIsPreparedAsideAndSwappedInWhole();
    void cancelWhileSwappingKeepsTheRows();

private:
    std::unique_ptr<ThreadedServer> m_big;
};

void TestLoadPipeline::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    m_big = std::make_unique<ThreadedServer>();
    QVERIFY(m_big->isListening());
}

// Rows parsed on the parser thread, sorts and filters computed on workers and applied here in
// one step each.
void TestLoadPipeline::largeLoadKeepsTheWindowResponsive() {
    QSettings().clear();
    MainWindow window;
    window.setConnection(m_big->settings(), false);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    BounceTableModel *model = window.model();

    window.openCustomer(bigCustomer);
    QVERIFY(WindowTest::waitLoaded(window, bigCustomer, 60000));
    QVERIFY(QTest::qWaitFor([model] { return !model->isBusy(); }, 30000));
    QCOMPARE(model->totalRows(), bigRows);
    QCOMPARE(model->rowCount(), int(bigRows));
    QVERIFY(sampledInOrder(*model, model->sortColumn(), model->sortOrder()));

    // Sorting by the text columns and filtering: computed elsewhere, applied here in one step.
    QSignalSpy busy(model, &BounceTableModel::busyChanged);
    BounceTableView *view = window.tableView();
    for (const int column :
         {int(BounceTableModel::ReasonColumn), int(BounceTableModel::EmailColumn)}) {
        view->sortByColumn(column, Qt::AscendingOrder);
        QVERIFY(QTest::qWaitFor([model] { return !model->isBusy(); }, 30000));
        QVERIFY(sampledInOrder(*model, column, Qt::AscendingOrder));
    }
    window.filterBar()->setFilterText(QStringLiteral("anna"));
    QVERIFY(QTest::qWaitFor([model] { return !model->isBusy(); }, 30000));
    QVERIFY(model->shownRows() > 0 && model->shownRows() < bigRows);
    // Each of the three went to a worker: the model said it was busy, and then that it was not.
    QList<bool> busyStates;
    for (const QList<QVariant> &change : std::as_const(busy))
        busyStates << change.constFirst().toBool();
    QCOMPARE(busyStates.count(true), 3);
    QCOMPARE(busyStates.count(false), 3);
    window.filterBar()->clear();
    QCOMPARE(model->shownRows(), bigRows); // clearing is immediate
}

void TestLoadPipeline::slowReceiverBoundsTheBacklog_data() {
    QTest::addColumn<int>("format");
    QTest::addColumn<bool>("compressed");
    QTest::newRow("json") << int(ResponseFormat::Json) << false;
    QTest::newRow("xml") << int(ResponseFormat::Xml) << false;
    // A gzipped body waits compressed in the reply's bounded buffer and is inflated only as
    // the parser takes it (ApiCall, BodyInflater): the bound holds for what it inflates too.
    QTest::newRow("json gzip") << int(ResponseFormat::Json) << true;
    QTest::newRow("xml gzip") << int(ResponseFormat::Xml) << true;
}

// A receiver slower than the parser (here: 15 ms a batch) stops the download rather than
// letting the body pile up, and still gets every row, in order.
void TestLoadPipeline::slowReceiverBoundsTheBacklog() {
    QFETCH(int, format);
    QFETCH(bool, compressed);
    m_big->setCompressesBodies(compressed);
    const int compressedBefore = m_big->compressedAnswers();
    ResellerClient client(m_big->settings(ResponseFormat(format)));
    BounceLoadJob *job = client.loadBounces(bigCustomer);
    SandboxData reference;
    reference.addGeneratedCustomer(bigCustomer, bigRows);
    qsizetype received = 0;
    qint64 largestBacklog = 0;
    int mismatches = 0;
    bool finished = false;
    QString failure;
    connect(job, &BounceLoadJob::rowsArrived, this, [&](const BounceStore &batch) {
        largestBacklog = qMax(largestBacklog, job->backlogBytes());
        for (BounceStore::Row row = 0; row < batch.size(); row += 97) {
            if (batch.email(row) != reference.bounceAt(bigCustomer, received + row).email)
                ++mismatches;
        }
        received += batch.size();
        QThread::msleep(15);
    });
    connect(job, &BounceLoadJob::finished, this, [&] { finished = true; });
    connect(job, &BounceLoadJob::failed, this,
            [&](const ApiError &error) { failure = error.message(); });
    QTRY_VERIFY_WITH_TIMEOUT(finished || !failure.isEmpty(), 60000);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QCOMPARE(received, bigRows);
    QCOMPARE(mismatches, 0);
    qInfo("largest backlog %.1f MiB", double(largestBacklog) / (1 << 20));
    // The body is some 45 MB (JSON) or more (XML); the backlog stays a few MiB.
    QVERIFY2(largestBacklog < (qint64(16) << 20), qPrintable(QString::number(largestBacklog)));
    QCOMPARE(m_big->compressedAnswers() > compressedBefore, compressed);
    m_big->setCompressesBodies(false);
}

// A refresh of a list shown: the old rows stay until the new ones are filtered and sorted
// (on a worker), then one reset shows them, and loaded() comes after that. What the table
// shows is looked at when the emulator takes the refresh's request and when the model starts
// preparing the new rows: moments the refresh passes through, whatever the machine's speed.
void TestLoadPipeline::refreshIsPreparedAsideAndSwappedInWhole() {
    auto server = WindowTest::startServer();
    QVERIFY(server);
    const QString customer = QStringLiteral("refreshco");
    server->data().setBounces(customer,
                              WindowTest::generatedBounces(QStringLiteral("old.test"), 3000));
    V2SuppressionClient client(ApiTest::settingsFor(*server));
    BounceTableModel model;
    model.setAsyncThreshold(0);
    LoadController loads(&client, &model);
    loads.load(customer);
    QTRY_VERIFY_WITH_TIMEOUT(loads.loadedAt().isValid() && !model.isBusy(), 20000);
    QCOMPARE(model.totalRows(), 3000);

    server->data().setBounces(customer,
                              WindowTest::generatedBounces(QStringLiteral("new.test"), 4000));
    int resets = 0;
    qsizetype rowsWhenLoaded = -1;
    // The rows shown at each moment of the refresh, before the reset: always the old list.
    QList<qsizetype> rowsWhileRefreshing;
    QStringList firstEmailsWhileRefreshing;
    const auto lookAtTable = [&] {
        rowsWhileRefreshing.append(model.totalRows());
        firstEmailsWhileRefreshing.append(model.bounceAt(0).email);
    };
    connect(server.get(), &SandboxServer::requestReceived, this, lookAtTable);
    connect(&model, &BounceTableModel::busyChanged, this, [&](bool busy) {
        if (busy && resets == 0)
            lookAtTable();
    });
    connect(&model, &QAbstractItemModel::modelReset, this, [&] { ++resets; });
    connect(&loads, &LoadController::loaded, this, [&] { rowsWhenLoaded = model.rowCount(); });
    loads.refresh();
    QVERIFY(loads.isLoading());
    QTRY_VERIFY_WITH_TIMEOUT(rowsWhenLoaded >= 0, 20000);
    QCOMPARE(rowsWhileRefreshing.size(), 2); // the request arrived; the new rows were prepared
    QCOMPARE(rowsWhileRefreshing, (QList<qsizetype>{3000, 3000}));
    for (const QString &email : std::as_const(firstEmailsWhileRefreshing))
        QVERIFY2(email.endsWith(QStringLiteral("@old.test")), qPrintable(email));
    QCOMPARE(rowsWhenLoaded, 4000);
    QCOMPARE(resets, 1);
    QVERIFY(!loads.isLoading());
    for (int row = 0; row < model.rowCount(); row += 101)
        QVERIFY(model.bounceAt(row).email.endsWith(QStringLiteral("@new.test")));
    QCOMPARE(model.sortColumn(), int(BounceTableModel::CreatedColumn));
    QVERIFY(sampledInOrder(model, BounceTableModel::CreatedColumn, model.sortOrder()));
}

// Cancelling while the model prepares a refresh's rows keeps the rows shown; nothing follows.
void TestLoadPipeline::cancelWhileSwappingKeepsTheRows() {
    auto server = WindowTest::startServer();
    QVERIFY(server);
    const QString customer = QStringLiteral("swapco");
    server->data().setBounces(customer,
                              WindowTest::generatedBounces(QStringLiteral("old.test"), 2000));
    V2SuppressionClient client(ApiTest::settingsFor(*server));
    BounceTableModel model;
    model.setAsyncThreshold(0);
    LoadController loads(&client, &model);
    loads.load(customer);
    QTRY_VERIFY_WITH_TIMEOUT(loads.loadedAt().isValid() && !model.isBusy(), 20000);

    server->data().setBounces(customer,
                              WindowTest::generatedBounces(QStringLiteral("new.test"), 2000));
    QSignalSpy loaded(&loads, &LoadController::loaded);
    QSignalSpy cancelled(&loads, &LoadController::cancelled);
    QSignalSpy replaced(&model, &BounceTableModel::rowsReplaced);
    // The moment the model starts preparing the complete new list, the user presses Esc.
    bool cancelledWhileSwapping = false;
    connect(&model, &BounceTableModel::busyChanged, this, [&](bool busy) {
        if (busy && loads.isLoading() && !cancelledWhileSwapping) {
            cancelledWhileSwapping = true;
            loads.cancel();
        }
    });
    loads.refresh();
    QTRY_VERIFY_WITH_TIMEOUT(cancelledWhileSwapping, 20000);
    QCOMPARE(cancelled.count(), 1);
    QVERIFY(!loads.isLoading());
    QVERIFY(!model.isBusy());
    model.waitForWorkers(); // the replacement being prepared has come back, and was dropped
    QCoreApplication::sendPostedEvents();
    QCOMPARE(loaded.count(), 0);
    QCOMPARE(replaced.count(), 0);
    QCOMPARE(model.totalRows(), 2000);
    QVERIFY(model.bounceAt(0).email.endsWith(QStringLiteral("@old.test")));
}

QTEST_MAIN(TestLoadPipeline)
#include "tst_loadpipeline.moc"
