// The table model's large-list path: sort, filter and replacement computed on worker threads
// over a snapshot and applied in one step, newest request only. The async threshold is set to
// 0 so that small lists take that path; one list of 70,000 rows takes the two-thread sort.

#include "bouncemodeltestsupport.h"
#include "freedheaptestsupport.h"

#include "core/bouncetablemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

#include <memory>

using namespace ModelTest;

namespace {

// A model that computes everything on its workers, however few rows it has.
std::unique_ptr<Model> asyncModel() {
    auto model = std::make_unique<Model>();
    model->setAsyncThreshold(0);
    return model;
}

bool waitIdle(const Model &model) {
    return QTest::qWaitFor([&model] { return !model.isBusy(); }, 20000);
}

// Every computation the model started has ended, and what it brought back has been delivered
// (or dropped as outdated): the barrier after which no older result can still arrive.
void drainWork(Model &model) {
    model.waitForWorkers();
    QCoreApplication::sendPostedEvents();
}

void loadAsync(Model &model, const QList<Bounce> &rows) {
    model.reset(QStringLiteral("customer"));
    model.appendRows(storeOf(rows));
    model.loadFinished();
}

QSet<QString> emailsOf(const QList<Bounce> &rows, int every) {
    QSet<QString> emails;
    for (qsizetype i = 0; i < rows.size(); i += every)
        emails.insert(rows[i].email);
    return emails;
}

} // namespace

class TestAsyncModel final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sortIsAppliedInOneStep_data();
    void sortIsAppliedInOneStep();
    void outdatedSortIsDropped();
    void outdatedFilterIsDropped();
    void clearingTheFilterIsImmediate();
    void rowsArrivingWhileFiltering();
    void filterChangedAgainWhileRowsArrive();
    void removalWhileSortIsComputed();
    void replaceKeepsOldRowsUntilReady();
    void cancelledReplacementKeepsRows();
    void replacementGivesBackFreedHeap();
    void resetDropsPendingWork();
    void deletedWhileWorking();
    void largeListSortsLikeReference_data();
    void largeListSortsLikeReference();
    void underModelTester();
};

void TestAsyncModel::sortIsAppliedInOneStep_data() {
    QTest::addColumn<int>("column");
    QTest::addColumn<Qt::SortOrder>("order");
    const char *names[] = {"email", "status", "reason", "created", "type", "class"};
    for (int column = 0; column < Model::ColumnCount; ++column) {
        QTest::addRow("%s_ascending", names[column]) << column << Qt::AscendingOrder;
        QTest::addRow("%s_descending", names[column]) << column << Qt::DescendingOrder;
    }
}

// Until the worker is done the old order stays and sortColumn() already says what was asked;
// then one layout change shows exactly the order the model promises.
void TestAsyncModel::sortIsAppliedInOneStep() {
    QFETCH(int, column);
    QFETCH(Qt::SortOrder, order);
    const QList<Bounce> rows = randomRows(3000, 5);
    auto model = asyncModel();
    loadAsync(*model, rows);
    QVERIFY(waitIdle(*model));
    const QList<qsizetype> before = shownStoreRows(*model);
    QSignalSpy layoutChanged(model.get(), &QAbstractItemModel::layoutChanged);
    QSignalSpy busy(model.get(), &Model::busyChanged);
    model->sort(column, order);
    QVERIFY(model->isBusy());
    QCOMPARE(model->sortColumn(), column);
    QCOMPARE(model->sortOrder(), order);
    QCOMPARE(layoutChanged.count(), 0);
    QCOMPARE(shownStoreRows(*model), before);
    QVERIFY(waitIdle(*model));
    QCOMPARE(layoutChanged.count(), 1);
    QCOMPARE(busy.count(), 2); // busy, then done
    const Reference reference(rows);
    QCOMPARE(shownStoreRows(*model), reference.order(column, order, reference.all()));
}

// A newer request (the next click, before the first result came back) wins; the older
// result never shows, not even for a moment.
void TestAsyncModel::outdatedSortIsDropped() {
    const QList<Bounce> rows = randomRows(3000, 6);
    auto model = asyncModel();
    loadAsync(*model, rows);
    QVERIFY(waitIdle(*model));
    QSignalSpy layoutChanged(model.get(), &QAbstractItemModel::layoutChanged);
    model->sort(Model::EmailColumn, Qt::AscendingOrder);
    model->sort(Model::ReasonColumn, Qt::DescendingOrder);
    model->sort(Model::StatusColumn, Qt::AscendingOrder);
    QVERIFY(waitIdle(*model));
    drainWork(*model); // an outdated result would have arrived now
    QCOMPARE(layoutChanged.count(), 1);
    const Reference reference(rows);
    QCOMPARE(shownStoreRows(*model),
             reference.order(Model::StatusColumn, Qt::AscendingOrder, reference.all()));
}

void TestAsyncModel::outdatedFilterIsDropped() {
    const QList<Bounce> rows = randomRows(3000, 7);
    auto model = asyncModel();
    loadAsync(*model, rows);
    QVERIFY(waitIdle(*model));
    QSignalSpy layoutChanged(model.get(), &QAbstractItemModel::layoutChanged);
    // Keystrokes faster than the worker: only the last one is applied.
    model->setFilter(textFilter(QStringLiteral("i")));
    model->setFilter(textFilter(QStringLiteral("in")));
    model->setFilter(textFilter(QStringLiteral("inf")));
    QCOMPARE(model->filter(), textFilter(QStringLiteral("inf")));
    QVERIFY(waitIdle(*model));
    drainWork(*model);
    QCOMPARE(layoutChanged.count(), 1);
    const Reference reference(rows);
    QCOMPARE(shownStoreRows(*model), referenceShown(reference, *model));
    QVERIFY(model->shownRows() > 0 && model->shownRows() < rows.size());
}

// Clearing is a pass over the flags, never worth a thread: shown in the call, and a filter
// still being computed is dropped.
void TestAsyncModel::clearingTheFilterIsImmediate() {
    const QList<Bounce> rows = randomRows(3000, 8);
    auto model = asyncModel();
    loadAsync(*model, rows);
    QVERIFY(waitIdle(*model));
    model->setFilter(textFilter(QStringLiteral("noreply")));
    QVERIFY(waitIdle(*model));
    QVERIFY(model->shownRows() < rows.size());
    model->setFilter(textFilter(QStringLiteral("noreply1"))); // still computing...
    model->setFilter({});                                     // ...when cleared
    QVERIFY(!model->isBusy());
    QCOMPARE(model->shownRows(), rows.size());
    drainWork(*model); // the filter being computed has come back, and was dropped
    QCOMPARE(model->shownRows(), rows.size());
    const Reference reference(rows);
    QCOMPARE(shownStoreRows(*model), referenceShown(reference, *model));
}

// The worker filters the rows there were; rows arriving meanwhile are judged on arrival by
// the new filter. Together they are exactly the rows the filter accepts.
void TestAsyncModel::rowsArrivingWhileFiltering() {
    const QList<Bounce> rows = randomRows(4000, 9);
    auto model = asyncModel();
    model->reset(QStringLiteral("customer"));
    model->appendRows(storeOf(rows, 0, 1500));
    model->setFilter(textFilter(QStringLiteral("info")));
    model->appendRows(storeOf(rows, 1500, 1500));
    QVERIFY(waitIdle(*model));
    model->appendRows(storeOf(rows, 3000));
    model->loadFinished();
    QVERIFY(waitIdle(*model));
    const Reference reference(rows);
    QCOMPARE(shownStoreRows(*model), referenceShown(reference, *model));
}

// Rows that arrived while one filter was computed were judged by that filter; the next filter
// must not take their flags for the older filter's (no narrowing from mixed flags).
void TestAsyncModel::filterChangedAgainWhileRowsArrive() {
    const QList<Bounce> rows = randomRows(4000, 20);
    auto model = asyncModel();
    model->reset(QStringLiteral("customer"));
    model->appendRows(storeOf(rows, 0, 2000));
    model->setFilter(textFilter(QStringLiteral("information")));
    model->appendRows(storeOf(rows, 2000, 1000)); // judged by "information"
    model->setFilter(textFilter(QStringLiteral("info")));
    model->appendRows(storeOf(rows, 3000));
    model->loadFinished();
    QVERIFY(waitIdle(*model));
    const Reference reference(rows);
    QCOMPARE(shownStoreRows(*model), referenceShown(reference, *model));
    // Narrowing from there is allowed again, and right.
    model->setFilter(textFilter(QStringLiteral("info1")));
    QVERIFY(waitIdle(*model));
    QCOMPARE(shownStoreRows(*model), referenceShown(reference, *model));
}

// Rows removed while their order is computed stay removed when the order arrives.
void TestAsyncModel::removalWhileSortIsComputed() {
    const QList<Bounce> rows = randomRows(3000, 10);
    auto model = asyncModel();
    loadAsync(*model, rows);
    QVERIFY(waitIdle(*model));
    model->sort(Model::EmailColumn, Qt::DescendingOrder);
    const QSet<QString> doomed = emailsOf(rows, 7);
    const qsizetype removed = model->removeEmails(doomed);
    QVERIFY(removed >= doomed.size());
    QVERIFY(waitIdle(*model));
    QCOMPARE(model->totalRows(), rows.size() - removed);
    QList<qsizetype> kept;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        if (!doomed.contains(rows[i].email))
            kept.append(i);
    }
    const Reference reference(rows);
    QCOMPARE(shownStoreRows(*model),
             reference.order(Model::EmailColumn, Qt::DescendingOrder, kept));
    // And they stay out of later filters and sorts.
    model->setFilter(textFilter(QStringLiteral("example")));
    model->sort(Model::CreatedColumn, Qt::AscendingOrder);
    QVERIFY(waitIdle(*model));
    for (const qsizetype row : shownStoreRows(*model))
        QVERIFY(!doomed.contains(rows[row].email));
}

// A refresh: the rows shown stay (and stay usable) until the new list is filtered and sorted,
// then one reset shows it.
void TestAsyncModel::replaceKeepsOldRowsUntilReady() {
    const QList<Bounce> oldRows = randomRows(2000, 12);
    const QList<Bounce> newRows = randomRows(2500, 13);
    auto model = asyncModel();
    loadAsync(*model, oldRows);
    model->setFilter(textFilter(QStringLiteral("example1")));
    model->sort(Model::ReasonColumn, Qt::AscendingOrder);
    QVERIFY(waitIdle(*model));
    const QList<qsizetype> shownBefore = shownStoreRows(*model);
    QSignalSpy reset(model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy replaced(model.get(), &Model::rowsReplaced);
    model->replaceRows(QStringLiteral("customer"), storeOf(newRows));
    QVERIFY(model->isBusy());
    QCOMPARE(reset.count(), 0);
    QCOMPARE(shownStoreRows(*model), shownBefore);
    QCOMPARE(model->bounceAt(0), oldRows[shownBefore.first()]);
    QTRY_COMPARE_WITH_TIMEOUT(replaced.count(), 1, 20000);
    QCOMPARE(reset.count(), 1);
    QVERIFY(!model->isBusy());
    QCOMPARE(model->totalRows(), newRows.size());
    QCOMPARE(model->store().size(), newRows.size());
    const Reference reference(newRows);
    QCOMPARE(shownStoreRows(*model), referenceShown(reference, *model));
    QVERIFY(!model->isLoading());
}

// A refresh gives back the memory the old list and the load freed into malloc's heaps once the
// new list is shown and indexed, as a first list does with its first order. Before, every
// refresh of a million rows left some 44 MB of it resident.
void TestAsyncModel::replacementGivesBackFreedHeap() {
#if !defined(__GLIBC__) || defined(BOUNCEDESK_OWN_MALLOC)
    QSKIP("not glibc's malloc: the model's giving back does nothing here");
#else
    auto model = asyncModel();
    loadAsync(*model, randomRows(2000, 16));
    QVERIFY(waitIdle(*model));
    drainWork(*model); // the first list's giving back is over
    const FreedHeap::Blocks freed;
    QVERIFY(freed.middle());
    QVERIFY(FreedHeap::isResident(freed.middle()));
    QSignalSpy replaced(model.get(), &Model::rowsReplaced);
    model->replaceRows(QStringLiteral("customer"), storeOf(randomRows(2500, 17)));
    QTRY_COMPARE_WITH_TIMEOUT(replaced.count(), 1, 20000);
    drainWork(*model); // the new list's index built, and the heap given back beside it
    QVERIFY2(!FreedHeap::isResident(freed.middle()), "freed heap memory is still resident");
    QCOMPARE(model->totalRows(), qsizetype(2500));
#endif
}

void TestAsyncModel::cancelledReplacementKeepsRows() {
    const QList<Bounce> oldRows = randomRows(2000, 14);
    auto model = asyncModel();
    loadAsync(*model, oldRows);
    QVERIFY(waitIdle(*model));
    const QList<qsizetype> shownBefore = shownStoreRows(*model);
    QSignalSpy replaced(model.get(), &Model::rowsReplaced);
    QSignalSpy reset(model.get(), &QAbstractItemModel::modelReset);
    model->replaceRows(QStringLiteral("customer"), storeOf(randomRows(2000, 15)));
    model->cancelReplacement();
    QVERIFY(!model->isBusy());
    drainWork(*model);
    QCOMPARE(replaced.count(), 0);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(shownStoreRows(*model), shownBefore);
    QCOMPARE(model->store().size(), oldRows.size());
}

// Another customer: whatever was computed for the old rows never reaches the new ones.
void TestAsyncModel::resetDropsPendingWork() {
    auto model = asyncModel();
    loadAsync(*model, randomRows(3000, 16));
    model->sort(Model::ReasonColumn, Qt::AscendingOrder);
    model->setFilter(textFilter(QStringLiteral("info")));
    model->reset(QStringLiteral("other"));
    QVERIFY(!model->isBusy());
    const QList<Bounce> other = sampleRows();
    model->appendRows(storeOf(other));
    drainWork(*model);
    QVERIFY(waitIdle(*model));
    QCOMPARE(model->store().size(), other.size());
    QCOMPARE(model->customer(), QStringLiteral("other"));
    for (const qsizetype row : shownStoreRows(*model))
        QVERIFY(row < other.size());
}

// Deleting the model while its workers run waits for them; nothing reaches a deleted model.
void TestAsyncModel::deletedWhileWorking() {
    const QList<Bounce> rows = randomRows(20000, 17);
    for (int round = 0; round < 3; ++round) {
        auto model = asyncModel();
        loadAsync(*model, rows);
        model->sort(Model::ReasonColumn, Qt::DescendingOrder);
        model->setFilter(textFilter(QStringLiteral("a")));
        model->replaceRows(QStringLiteral("customer"), storeOf(rows, 0, 5000));
        model.reset();
        QCoreApplication::sendPostedEvents(); // anything posted to the model dies with it
    }
}

void TestAsyncModel::largeListSortsLikeReference_data() {
    QTest::addColumn<int>("column");
    QTest::addColumn<Qt::SortOrder>("order");
    QTest::newRow("email_ascending") << int(Model::EmailColumn) << Qt::AscendingOrder;
    QTest::newRow("email_descending") << int(Model::EmailColumn) << Qt::DescendingOrder;
    QTest::newRow("reason_ascending") << int(Model::ReasonColumn) << Qt::AscendingOrder;
    QTest::newRow("reason_descending") << int(Model::ReasonColumn) << Qt::DescendingOrder;
}

// Past 65,536 rows the text sort cuts the list into parts and sorts them on two threads; the
// order must be the one a plain stable sort gives.
void TestAsyncModel::largeListSortsLikeReference() {
    QFETCH(int, column);
    QFETCH(Qt::SortOrder, order);
    static const QList<Bounce> rows = randomRows(70000, 18);
    static const Reference reference(rows);
    auto model = asyncModel();
    loadAsync(*model, rows);
    model->sort(column, order);
    QVERIFY(waitIdle(*model));
    QCOMPARE(shownStoreRows(*model), reference.order(column, order, reference.all()));
}

// Qt's consistency checker over the asynchronous life of a list.
void TestAsyncModel::underModelTester() {
    auto model = asyncModel();
    QAbstractItemModelTester tester(model.get(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QList<Bounce> rows = randomRows(600, 19);
    model->reset(QStringLiteral("a"));
    model->appendRows(storeOf(rows, 0, 200));
    model->setFilter(textFilter(QStringLiteral("info")));
    model->appendRows(storeOf(rows, 200));
    model->loadFinished();
    QVERIFY(waitIdle(*model));
    for (int column = -1; column < Model::ColumnCount; ++column) {
        model->sort(column, Qt::DescendingOrder);
        QVERIFY(waitIdle(*model));
    }
    model->removeEmails(emailsOf(rows, 3));
    model->setFilter({});
    model->sort(Model::EmailColumn, Qt::AscendingOrder);
    model->removeEmails(emailsOf(rows, 5));
    QVERIFY(waitIdle(*model));
    model->replaceRows(QStringLiteral("a"), storeOf(rows, 100, 300));
    QVERIFY(waitIdle(*model));
    QCOMPARE(model->totalRows(), 300);
}

QTEST_GUILESS_MAIN(TestAsyncModel)
#include "tst_asyncmodel.moc"
