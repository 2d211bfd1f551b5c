#include "bouncemodeltestsupport.h"

#include "core/bouncetablemodel.h"
#include "core/rowkey.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

#include <algorithm>
#include <numeric>
#include <random>

using Model = BounceTableModel;
using namespace ModelTest;

namespace {
// A tooltip as the model writes it (escapedToolTip): escaped lines, kept as they are.
QString richTip(const QString &html) {
    return QStringLiteral("<qt><p style=\"white-space:pre\">") + html + QStringLiteral("</p></qt>");
}
} // namespace

class TestBounceTableModel final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void headers();
    void displayAndRoles();
    void toolTipsAreEscaped();
    void longTextIsCapped();
    void defaultOrderIsNewestFirst();
    void sortEachColumn_data();
    void sortEachColumn();
    void sortManyRows_data();
    void sortManyRows();
    void sortKeepsPersistentIndexes();
    void sortEmptyAndSingleRow();
    void arrivalOrder();
    void streamingLoad();
    void streamingLoadWithFilter();
    void filter_data();
    void filter();
    void filterNarrowingAndWidening();
    void filterKeepsPersistentIndexes();
    void removeFewRuns();
    void removeHiddenRowsToo();
    void removeManyRuns();
    void removeNothing();
    void removeScatteredAtScale();
    void rowStates();
    void failedRowsKeepTheirOwnReason();
    void underModelTester();
    void classColumnTextAndToolTip();
    void sortByClass();
    void classFilter_data();
    void classFilter();
    void perListColumns_data();
    void perListColumns();
    void otherListsReadTheirSlots();
    void listWithoutStatusIgnoresTypeAndClass();
    void listChangeKeepsTheSortWhereItCan();
    void groupIdsSortAsNumbers();
    void groupIdsSortAsNumbersAtScale();
    void groupPairsAreRemovedAndMarkedOneByOne();
};

void TestBounceTableModel::headers() {
    Model model;
    QCOMPARE(model.columnCount(), int(Model::ColumnCount));
    // Issue 13's columns of bounces, in its order.
    const QStringList titles = {QStringLiteral("Email"),  QStringLiteral("Status"),
                                QStringLiteral("Reason"), QStringLiteral("Created"),
                                QStringLiteral("Type"),   QStringLiteral("Class")};
    for (int column = 0; column < Model::ColumnCount; ++column)
        QCOMPARE(model.headerData(column, Qt::Horizontal, Qt::DisplayRole).toString(),
                 titles[column]);
    load(model, sampleRows());
    QCOMPARE(model.rowCount(), 12);
    QCOMPARE(model.rowCount(model.index(0, 0)), 0);
    QCOMPARE(model.columnCount(model.index(0, 0)), 0);
    QVERIFY(!model.data(model.index(12, 0)).isValid());
    QVERIFY(!model.data(QModelIndex()).isValid());
}

void TestBounceTableModel::displayAndRoles() {
    Model model;
    load(model, sampleRows());
    const auto cell = [&](qsizetype storeRow, int column, int role = Qt::DisplayRole) {
        return model.index(viewRowOf(model, storeRow), column).data(role);
    };
    QCOMPARE(cell(1, Model::EmailColumn).toString(), QStringLiteral("Bob@Example.com"));
    QCOMPARE(cell(0, Model::TypeColumn).toString(), QStringLiteral("Hard"));
    QCOMPARE(cell(1, Model::TypeColumn).toString(), QStringLiteral("Soft"));
    QCOMPARE(cell(10, Model::TypeColumn).toString(), QString());
    QCOMPARE(cell(2, Model::StatusColumn).toString(), QStringLiteral("550"));
    QCOMPARE(cell(2, Model::ReasonColumn).toString(), QStringLiteral("Rejected by policy"));
    QCOMPARE(cell(4, Model::ReasonColumn).toString(),
             QStringLiteral("<b>bold</b> & \"quoted\" line two"));
    QCOMPARE(cell(8, Model::CreatedColumn).toString(), QStringLiteral("bogus date"));
    QCOMPARE(cell(7, Model::EmailColumn).toString(), QStringLiteral("zoë@exämple.de"));

    QCOMPARE(cell(1, Model::EmailColumn, Model::SortKeyRole).toString(),
             QStringLiteral("bob@example.com"));
    QCOMPARE(cell(0, Model::StatusColumn, Model::SortKeyRole).toUInt(), 5001001u);
    QCOMPARE(cell(0, Model::CreatedColumn, Model::SortKeyRole).toLongLong(),
             QDateTime::fromString(QStringLiteral("2021-03-04T10:00:00Z"), Qt::ISODate)
                 .toSecsSinceEpoch());
    QCOMPARE(cell(3, Model::CreatedColumn, Model::SortKeyRole).toLongLong(), -1);
    QCOMPARE(cell(2, Model::ReasonColumn, Model::KindRole).toInt(), int(BounceKind::Hard));
    QCOMPARE(cell(5, Model::EmailColumn, Model::StoreRowRole).value<qsizetype>(), 5);
    QCOMPARE(cell(5, Model::EmailColumn, Model::StateRole).toInt(), int(Model::RowState::Normal));
    QCOMPARE(model.bounceAt(viewRowOf(model, 4)), sampleRows()[4]);
    QCOMPARE(model.storeRow(-1), -1);
    QCOMPARE(model.storeRow(12), -1);
    QCOMPARE(model.bounceAt(99), Bounce());
}

void TestBounceTableModel::toolTipsAreEscaped() {
    Model model;
    load(model, sampleRows());
    const auto tip = [&](qsizetype storeRow, int column) {
        return model.index(viewRowOf(model, storeRow), column).data(Qt::ToolTipRole).toString();
    };
    QCOMPARE(tip(4, Model::EmailColumn), richTip(QStringLiteral("&lt;img src=x&gt;@evil.test")));
    QCOMPARE(
        tip(4, Model::ReasonColumn),
        richTip(QStringLiteral("&lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;<br>line two")));
    QCOMPARE(tip(2, Model::ReasonColumn), richTip(QStringLiteral("Rejected<br>by policy")));
    QCOMPARE(tip(0, Model::StatusColumn),
             richTip(QStringLiteral("Permanent failure: bad destination mailbox")));
    QCOMPARE(tip(1, Model::TypeColumn), richTip(QStringLiteral("Soft")));
    QVERIFY(model.index(viewRowOf(model, 3), Model::StatusColumn).data(Qt::ToolTipRole).isNull());
}

// A reason can be megabytes long: cells show its beginning, tooltips a little more.
void TestBounceTableModel::longTextIsCapped() {
    const QString smiley = QString::fromUtf8("\xF0\x9F\x98\x80"); // two UTF-16 units
    const QString reason = QStringLiteral("x") + smiley.repeated(3000) + QStringLiteral("\nend");
    Model model;
    load(model, {Bounce{QStringLiteral("a@b.c"), QStringLiteral("5.1.1"), reason, QString()}});
    const QString cell = model.index(0, Model::ReasonColumn).data().toString();
    QVERIFY(cell.size() <= 1001);
    QVERIFY(cell.endsWith(QChar(0x2026)));
    QVERIFY(reason.startsWith(cell.chopped(1))); // no half character before the mark
    const QString tip = model.index(0, Model::ReasonColumn).data(Qt::ToolTipRole).toString();
    QVERIFY(tip.startsWith(richTip(QStringLiteral("x")).chopped(9) + smiley));
    // 4,000 characters and the mark, broken into lines of 80 (no space to break at).
    QVERIFY(tip.size() <= richTip({}).size() + 4001 + (4001 / 80 + 1) * 4);
    QVERIFY(!tip.contains(QStringLiteral("end")));
    // The whole text stays available to export and copy.
    QCOMPARE(model.bounceAt(0).reason, reason);
}

void TestBounceTableModel::defaultOrderIsNewestFirst() {
    Model model;
    load(model, sampleRows());
    QCOMPARE(model.sortColumn(), int(Model::CreatedColumn));
    QCOMPARE(model.sortOrder(), Qt::DescendingOrder);
    const QList<qsizetype> shown = shownStoreRows(model);
    QCOMPARE(shown.first(), 4); // 2022-01-01
    // Rows 0 and 1 share a time: arrival order. Rows without a valid time come last.
    QCOMPARE(shown.indexOf(0) + 1, shown.indexOf(1));
    QCOMPARE(shown.mid(10), (QList<qsizetype>{3, 8}));
}

void TestBounceTableModel::sortEachColumn_data() {
    QTest::addColumn<int>("column");
    QTest::addColumn<Qt::SortOrder>("order");
    const char *names[] = {"email", "status", "reason", "created", "type", "class"};
    for (int column = 0; column < Model::ColumnCount; ++column) {
        QTest::addRow("%s_ascending", names[column]) << column << Qt::AscendingOrder;
        QTest::addRow("%s_descending", names[column]) << column << Qt::DescendingOrder;
    }
}

void TestBounceTableModel::sortEachColumn() {
    QFETCH(int, column);
    QFETCH(Qt::SortOrder, order);
    Model model;
    load(model, sampleRows());
    QSignalSpy layoutChanged(&model, &QAbstractItemModel::layoutChanged);
    model.sort(column, order);
    QCOMPARE(layoutChanged.count(), 1);
    QCOMPARE(model.sortColumn(), column);
    const Reference reference(sampleRows());
    QCOMPARE(shownStoreRows(model), reference.order(column, order, reference.all()));
}

void TestBounceTableModel::sortManyRows_data() {
    sortEachColumn_data();
}

// Thousands of rows with long shared prefixes exercise the deeper rounds of the text sort.
void TestBounceTableModel::sortManyRows() {
    QFETCH(int, column);
    QFETCH(Qt::SortOrder, order);
    const QList<Bounce> rows = randomRows(4000, 11);
    Model model;
    load(model, rows);
    model.sort(column, order);
    const Reference reference(rows);
    QCOMPARE(shownStoreRows(model), reference.order(column, order, reference.all()));
}

void TestBounceTableModel::sortKeepsPersistentIndexes() {
    Model model;
    load(model, sampleRows());
    const QPersistentModelIndex carol(model.index(viewRowOf(model, 2), Model::ReasonColumn));
    model.sort(Model::EmailColumn, Qt::AscendingOrder);
    QVERIFY(carol.isValid());
    QCOMPARE(model.storeRow(carol.row()), 2);
    QCOMPARE(carol.column(), int(Model::ReasonColumn));
    QCOMPARE(carol.data().toString(), QStringLiteral("Rejected by policy"));
}

void TestBounceTableModel::sortEmptyAndSingleRow() {
    Model model;
    model.reset(QStringLiteral("empty"));
    model.loadFinished();
    for (int column = 0; column < Model::ColumnCount; ++column)
        model.sort(column, Qt::DescendingOrder);
    QCOMPARE(model.rowCount(), 0);
    load(model, {sampleRows().first()});
    for (int column = 0; column < Model::ColumnCount; ++column) {
        model.sort(column, Qt::AscendingOrder);
        QCOMPARE(model.storeRow(0), 0);
    }
    QCOMPARE(model.rowCount(), 1);
}

void TestBounceTableModel::arrivalOrder() {
    Model model;
    load(model, sampleRows());
    model.sort(-1);
    QCOMPARE(model.sortColumn(), -1);
    QCOMPARE(shownStoreRows(model), Reference(sampleRows()).all());
}

void TestBounceTableModel::streamingLoad() {
    const QList<Bounce> rows = sampleRows();
    Model model;
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy layoutChanged(&model, &QAbstractItemModel::layoutChanged);
    model.reset(QStringLiteral("acme"));
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.customer(), QStringLiteral("acme"));
    QVERIFY(model.isLoading());

    model.appendRows(storeOf(rows, 0, 5));
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 4);
    QCOMPARE(shownStoreRows(model), (QList<qsizetype>{0, 1, 2, 3, 4})); // arrival order
    model.appendRows(BounceStore());
    QCOMPARE(inserted.count(), 1);
    model.appendRows(storeOf(rows, 5));
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(inserted.at(1).at(1).toInt(), 5);
    QCOMPARE(inserted.at(1).at(2).toInt(), 11);
    QCOMPARE(model.totalRows(), 12);
    QCOMPARE(layoutChanged.count(), 0);

    model.loadFinished();
    QVERIFY(!model.isLoading());
    QCOMPARE(layoutChanged.count(), 1);
    const Reference reference(rows);
    QCOMPARE(shownStoreRows(model),
             reference.order(Model::CreatedColumn, Qt::DescendingOrder, reference.all()));

    // A new customer starts empty.
    model.reset(QStringLiteral("other"));
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.totalRows(), 0);
    QCOMPARE(model.store().size(), 0);
}

void TestBounceTableModel::streamingLoadWithFilter() {
    const QList<Bounce> rows = sampleRows();
    Model model;
    Model::Filter filter;
    filter.type = Model::TypeFilter::Soft;
    model.setFilter(filter);
    model.reset(QStringLiteral("acme"));
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.appendRows(storeOf(rows, 0, 6)); // soft: rows 1 and 5
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(shownStoreRows(model), (QList<qsizetype>{1, 5}));
    model.appendRows(storeOf(rows, 6, 2)); // no soft rows
    QCOMPARE(inserted.count(), 1);
    model.appendRows(storeOf(rows, 8)); // soft: 8 (421) and 11 (4.4.1)
    model.loadFinished();
    QCOMPARE(model.totalRows(), 12);
    const Reference reference(rows);
    QCOMPARE(shownStoreRows(model), referenceShown(reference, model));
    QCOMPARE(model.shownRows(), 4);
}

void TestBounceTableModel::filter_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("type");
    QTest::addColumn<QDate>("from");
    QTest::addColumn<QDate>("to");
    QTest::addColumn<int>("expectedCount");

    const QDate none;
    QTest::newRow("text_in_email_any_case")
        << QStringLiteral("EXAMPLE.ORG") << 0 << none << none << 1;
    QTest::newRow("text_in_reason") << QStringLiteral("POLICY") << 0 << none << none << 1;
    QTest::newRow("text_in_status") << QStringLiteral("5.7") << 0 << none << none << 1;
    QTest::newRow("text_shared") << QStringLiteral("user unknown") << 0 << none << none << 3;
    QTest::newRow("text_markup") << QStringLiteral("<img") << 0 << none << none << 1;
    QTest::newRow("text_non_ascii") << QStringLiteral("exämple") << 0 << none << none << 1;
    QTest::newRow("text_nothing") << QStringLiteral("no such text") << 0 << none << none << 0;
    QTest::newRow("type_hard") << QString() << int(Model::TypeFilter::Hard) << none << none << 6;
    QTest::newRow("type_soft") << QString() << int(Model::TypeFilter::Soft) << none << none << 4;
    QTest::newRow("one_day_inclusive")
        << QString() << 0 << QDate(2021, 3, 4) << QDate(2021, 3, 4) << 4;
    QTest::newRow("from_only") << QString() << 0 << QDate(2021, 3, 4) << none << 6;
    QTest::newRow("to_only") << QString() << 0 << none << QDate(2020, 12, 31) << 2;
    QTest::newRow("empty_range") << QString() << 0 << QDate(2021, 3, 5) << QDate(2021, 3, 4) << 0;
    QTest::newRow("before_1970") << QString() << 0 << none << QDate(1969, 1, 1) << 0;
    QTest::newRow("text_and_type")
        << QStringLiteral("example.com") << int(Model::TypeFilter::Hard) << none << none << 3;
    QTest::newRow("everything") << QStringLiteral("@") << int(Model::TypeFilter::Soft)
                                << QDate(2021, 1, 1) << QDate(2021, 12, 31) << 2;
}

void TestBounceTableModel::filter() {
    QFETCH(QString, text);
    QFETCH(int, type);
    QFETCH(QDate, from);
    QFETCH(QDate, to);
    QFETCH(int, expectedCount);

    Model model;
    load(model, sampleRows());
    Model::Filter filter;
    filter.text = text;
    filter.type = Model::TypeFilter(type);
    filter.from = from;
    filter.to = to;
    QSignalSpy layoutChanged(&model, &QAbstractItemModel::layoutChanged);
    model.setFilter(filter);
    QCOMPARE(layoutChanged.count(), 1);
    QCOMPARE(model.filter(), filter);
    const Reference reference(sampleRows());
    QCOMPARE(shownStoreRows(model), referenceShown(reference, model));
    QCOMPARE(model.rowCount(), expectedCount);
    QCOMPARE(model.totalRows(), 12);

    model.setFilter(filter); // the same filter again changes nothing
    QCOMPARE(layoutChanged.count(), 1);
    model.setFilter({});
    QCOMPARE(model.rowCount(), 12);
}

// Typing more letters only re-checks rows still shown; deleting letters must bring rows back.
void TestBounceTableModel::filterNarrowingAndWidening() {
    const QList<Bounce> rows = randomRows(3000, 5);
    const Reference reference(rows);
    Model model;
    load(model, rows);
    model.sort(Model::EmailColumn, Qt::AscendingOrder);
    const QStringList typed = {QStringLiteral("i"),   QStringLiteral("in"),
                               QStringLiteral("inf"), QStringLiteral("info1"),
                               QStringLiteral("inf"), QStringLiteral("nfo"),
                               QStringLiteral("NFO"), QString()};
    for (const QString &text : typed) {
        model.setFilter(textFilter(text));
        QCOMPARE(shownStoreRows(model), referenceShown(reference, model));
    }
    Model::Filter filter = textFilter(QStringLiteral("example2"));
    filter.type = Model::TypeFilter::Hard;
    model.setFilter(filter);
    QCOMPARE(shownStoreRows(model), referenceShown(reference, model));
    filter.type = Model::TypeFilter::All;
    filter.from = QDate(2021, 3, 1);
    model.setFilter(filter);
    QCOMPARE(shownStoreRows(model), referenceShown(reference, model));
    filter.to = QDate(2021, 5, 15);
    model.setFilter(filter);
    QCOMPARE(shownStoreRows(model), referenceShown(reference, model));
    filter.from = QDate();
    model.setFilter(filter);
    QCOMPARE(shownStoreRows(model), referenceShown(reference, model));
}

void TestBounceTableModel::filterKeepsPersistentIndexes() {
    Model model;
    load(model, sampleRows());
    const QPersistentModelIndex carol(model.index(viewRowOf(model, 2), Model::EmailColumn));
    const QPersistentModelIndex bob(model.index(viewRowOf(model, 1), Model::StatusColumn));
    model.setFilter(textFilter(QStringLiteral("carol")));
    QVERIFY(carol.isValid());
    QCOMPARE(carol.row(), 0);
    QVERIFY(!bob.isValid());
    model.setFilter({});
    QCOMPARE(model.storeRow(carol.row()), 2);
}

void TestBounceTableModel::removeFewRuns() {
    Model model;
    load(model, sampleRows());
    model.sort(Model::EmailColumn, Qt::AscendingOrder);
    const QList<qsizetype> before = shownStoreRows(model);
    // alice (rows 0 and 5, adjacent when sorted by email together with ALICE) and frank.
    QList<int> positions;
    for (int i = 0; i < before.size(); ++i) {
        if (before[i] == 0 || before[i] == 5 || before[i] == 9)
            positions.append(i);
    }
    int runs = 0;
    for (int i = 0; i < positions.size(); ++i)
        runs += i == 0 || positions[i] != positions[i - 1] + 1;

    QSignalSpy aboutToRemove(&model, &QAbstractItemModel::rowsAboutToBeRemoved);
    QSignalSpy layoutChanged(&model, &QAbstractItemModel::layoutChanged);
    const qsizetype removed = model.removeEmails(
        {QStringLiteral("alice@example.com"), QStringLiteral("frank@example.com")});
    QCOMPARE(removed, 3);
    QCOMPARE(aboutToRemove.count(), runs);
    QCOMPARE(layoutChanged.count(), 0);
    for (int i = 1; i < aboutToRemove.count(); ++i) // highest run first
        QVERIFY(aboutToRemove.at(i).at(1).toInt() < aboutToRemove.at(i - 1).at(1).toInt());
    QList<qsizetype> expected = before;
    expected.removeAll(0);
    expected.removeAll(5);
    expected.removeAll(9);
    QCOMPARE(shownStoreRows(model), expected);
    QCOMPARE(model.totalRows(), 9);
    // Exact addresses only: the upper-case twin stays.
    QVERIFY(viewRowOf(model, 6) >= 0);
    // Removed rows stay gone through sorting.
    model.sort(Model::CreatedColumn, Qt::AscendingOrder);
    QCOMPARE(model.rowCount(), 9);
    QVERIFY(!shownStoreRows(model).contains(5));
}

void TestBounceTableModel::removeHiddenRowsToo() {
    Model model;
    load(model, sampleRows());
    Model::Filter soft;
    soft.type = Model::TypeFilter::Soft; // shows alice's soft row 5, hides her hard row 0
    model.setFilter(soft);
    QVERIFY(shownStoreRows(model).contains(5));
    QVERIFY(!shownStoreRows(model).contains(0));
    QCOMPARE(model.removeEmails({QStringLiteral("alice@example.com")}), 2);
    QVERIFY(!shownStoreRows(model).contains(5));
    model.setFilter({});
    QCOMPARE(model.rowCount(), 10);
    QVERIFY(!shownStoreRows(model).contains(0));
    QCOMPARE(model.totalRows(), 10);
}

void TestBounceTableModel::removeManyRuns() {
    QList<Bounce> rows;
    for (int i = 0; i < 1000; ++i)
        rows.append({QStringLiteral("user%1@x.test").arg(i, 4, 10, QLatin1Char('0')),
                     QStringLiteral("5.1.1"), QStringLiteral("r"),
                     QStringLiteral("2021-01-01 00:00:00")});
    Model model;
    load(model, rows);
    model.sort(Model::EmailColumn, Qt::AscendingOrder);
    const QPersistentModelIndex kept(model.index(501, Model::ReasonColumn));
    const QPersistentModelIndex gone(model.index(500, Model::EmailColumn));
    QSet<QString> every2nd;
    for (int i = 0; i < 1000; i += 2)
        every2nd.insert(rows[i].email);

    QSignalSpy aboutToRemove(&model, &QAbstractItemModel::rowsAboutToBeRemoved);
    QSignalSpy layoutChanged(&model, &QAbstractItemModel::layoutChanged);
    QCOMPARE(model.removeEmails(every2nd), 500);
    QCOMPARE(aboutToRemove.count(), 0); // 500 runs: one compaction instead
    QCOMPARE(layoutChanged.count(), 1);
    QCOMPARE(model.rowCount(), 500);
    QVERIFY(!gone.isValid());
    QVERIFY(kept.isValid());
    QCOMPARE(kept.row(), 250);
    QCOMPARE(kept.column(), int(Model::ReasonColumn));
    QCOMPARE(model.storeRow(kept.row()), 501);
    for (int i = 0; i < 500; ++i)
        QCOMPARE(model.storeRow(i), 2 * i + 1);
}

void TestBounceTableModel::removeNothing() {
    Model model;
    load(model, sampleRows());
    QSignalSpy aboutToRemove(&model, &QAbstractItemModel::rowsAboutToBeRemoved);
    QSignalSpy layoutChanged(&model, &QAbstractItemModel::layoutChanged);
    QCOMPARE(model.removeEmails({QStringLiteral("nobody@example.com")}), 0);
    QCOMPARE(model.removeEmails({}), 0);
    QCOMPARE(aboutToRemove.count() + layoutChanged.count(), 0);
    QCOMPARE(model.rowCount(), 12);
}

// The many-runs path at a size where a mistake in the compaction would show.
void TestBounceTableModel::removeScatteredAtScale() {
    constexpr int rows = 200000;
    BounceStore batch;
    for (int i = 0; i < rows; ++i) {
        const QByteArray email = "user" + QByteArray::number(i) + "@example.com";
        batch.append({email.constData(), std::size_t(email.size())}, "5.1.1", "reason",
                     "2021-01-01 00:00:00");
    }
    Model model;
    model.reset(QStringLiteral("big"));
    model.appendRows(batch);
    model.loadFinished();
    QSet<QString> doomed;
    std::mt19937 random(3);
    while (doomed.size() < 10000)
        doomed.insert(QStringLiteral("user%1@example.com").arg(random() % rows));
    QCOMPARE(model.removeEmails(doomed), 10000);
    QCOMPARE(model.rowCount(), rows - 10000);
    QCOMPARE(model.totalRows(), rows - 10000);
    for (const BounceStore::Row row : model.visibleStoreRows())
        QVERIFY(!doomed.contains(model.store().email(row)));
}

void TestBounceTableModel::rowStates() {
    Model model;
    load(model, sampleRows());
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setRowState({QStringLiteral("alice@example.com"), QStringLiteral("Bob@Example.com")},
                      Model::RowState::Deleting);
    QCOMPARE(model.rowState(0), Model::RowState::Deleting);
    QCOMPARE(model.rowState(5), Model::RowState::Deleting);
    QCOMPARE(model.rowState(1), Model::RowState::Deleting);
    QCOMPARE(model.rowState(6), Model::RowState::Normal); // exact addresses only
    QCOMPARE(model.rowState(-1), Model::RowState::Normal);
    QCOMPARE(model.rowState(99), Model::RowState::Normal);

    // The signalled ranges cover exactly the changed rows, whole rows at a time.
    QSet<qsizetype> signalled;
    for (const QList<QVariant> &arguments : changed) {
        const auto topLeft = arguments.at(0).value<QModelIndex>();
        const auto bottomRight = arguments.at(1).value<QModelIndex>();
        QCOMPARE(topLeft.column(), 0);
        QCOMPARE(bottomRight.column(), Model::ColumnCount - 1);
        for (int row = topLeft.row(); row <= bottomRight.row(); ++row)
            signalled.insert(model.storeRow(row));
    }
    QCOMPARE(signalled, (QSet<qsizetype>{0, 1, 5}));
    QCOMPARE(model.index(viewRowOf(model, 5), 0).data(Model::StateRole).toInt(),
             int(Model::RowState::Deleting));

    changed.clear();
    model.setRowState({QStringLiteral("Bob@Example.com")}, Model::RowState::Deleting);
    QCOMPARE(changed.count(), 0); // nothing changed

    // A hidden row changes without a signal and shows its state when it comes back.
    model.setFilter(textFilter(QStringLiteral("carol")));
    model.setRowState({QStringLiteral("Bob@Example.com")}, Model::RowState::Failed);
    QCOMPARE(changed.count(), 0);
    model.setFilter({});
    QCOMPARE(model.index(viewRowOf(model, 1), 0).data(Model::StateRole).toInt(),
             int(Model::RowState::Failed));
    // The tooltip of every cell says what the state means, before the cell's own text.
    const auto tip = [&model](int column) {
        return model.index(viewRowOf(model, 1), column).data(Qt::ToolTipRole).toString();
    };
    QVERIFY2(tip(Model::EmailColumn).startsWith(richTip(QStringLiteral("Not deleted:")).chopped(9)),
             qPrintable(tip(Model::EmailColumn)));
    model.setRowState({QStringLiteral("Bob@Example.com")}, Model::RowState::Unconfirmed);
    QCOMPARE(model.rowState(1), Model::RowState::Unconfirmed);
    QVERIFY2(tip(Model::ReasonColumn)
                 .startsWith(richTip(QStringLiteral("Delete unconfirmed:")).chopped(9)),
             qPrintable(tip(Model::ReasonColumn)));
    QVERIFY(tip(Model::ReasonColumn).contains(QStringLiteral("<br>")));
    model.setRowState({QStringLiteral("Bob@Example.com")}, Model::RowState::Normal);
    QCOMPARE(model.rowState(1), Model::RowState::Normal);
    QVERIFY(!tip(Model::EmailColumn).contains(QStringLiteral("deleted")));
}

// Each failed row says why it failed, in its tooltip and its state text; the reason goes with
// the state.
void TestBounceTableModel::failedRowsKeepTheirOwnReason() {
    Model model;
    load(model, sampleRows());
    const QString alice = QStringLiteral("alice@example.com");
    const QString bob = QStringLiteral("Bob@Example.com");
    const auto stateText = [&model](BounceStore::Row row) {
        return model.index(viewRowOf(model, row), 0).data(Model::StateTextRole).toString();
    };
    const auto tip = [&model](BounceStore::Row row) {
        return model.index(viewRowOf(model, row), Model::StatusColumn)
            .data(Qt::ToolTipRole)
            .toString();
    };
    model.setRowState({alice}, Model::RowState::Failed,
                      QStringLiteral("not sent: connection refused <b>"));
    model.setRowState({bob}, Model::RowState::Unconfirmed, QStringLiteral("no answer within 30 s"));
    QCOMPARE(stateText(0), QStringLiteral("Not deleted: not sent: connection refused <b>"));
    QCOMPARE(stateText(5), stateText(0)); // every row of the address
    QVERIFY2(stateText(1).startsWith(QStringLiteral("Delete unconfirmed: no answer within 30 s\n")),
             qPrintable(stateText(1)));
    QCOMPARE(model.rowStateReason(1), QStringLiteral("no answer within 30 s"));
    // The tooltip says it too, as escaped text: the reason may hold a server's words.
    QVERIFY2(tip(0).contains(QStringLiteral("connection refused &lt;b&gt;")), qPrintable(tip(0)));

    // Deleting again: the old reason no longer applies.
    model.setRowState({alice}, Model::RowState::Deleting);
    QCOMPARE(stateText(0), QStringLiteral("Deleting…"));
    QCOMPARE(model.rowStateReason(0), QString());
    model.setRowState({alice}, Model::RowState::Failed);
    QCOMPARE(stateText(0), QStringLiteral("Not deleted: the server refused the delete."));
    QCOMPARE(model.index(viewRowOf(model, 2), 0).data(Model::StateTextRole).toString(),
             QString()); // a normal row has nothing to say

    // A new list starts without reasons.
    load(model, sampleRows());
    model.setRowState({bob}, Model::RowState::Failed);
    QCOMPARE(stateText(1), QStringLiteral("Not deleted: the server refused the delete."));
}

// The whole life of a list under Qt's own consistency checker.
void TestBounceTableModel::underModelTester() {
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QList<Bounce> rows = sampleRows();
    const QList<Bounce> many = randomRows(400, 9);
    model.reset(QStringLiteral("a"));
    model.appendRows(storeOf(rows, 0, 4));
    model.appendRows(storeOf(rows, 4));
    model.loadFinished();
    for (int column = -1; column < Model::ColumnCount; ++column) {
        model.sort(column, Qt::AscendingOrder);
        model.sort(column, Qt::DescendingOrder);
    }
    model.setFilter(textFilter(QStringLiteral("example")));
    model.setRowState({QStringLiteral("alice@example.com")}, Model::RowState::Failed);
    model.removeEmails({QStringLiteral("alice@example.com")});
    model.setFilter({});
    model.removeEmails({QStringLiteral("dave@example.net"), QStringLiteral("a@b.c")});

    model.reset(QStringLiteral("b"));
    model.appendRows(storeOf(many, 0, 150));
    model.appendRows(storeOf(many, 150));
    model.loadFinished();
    model.sort(Model::ReasonColumn, Qt::AscendingOrder);
    QSet<QString> scattered;
    for (int i = 0; i < many.size(); i += 3)
        scattered.insert(many[i].email);
    model.removeEmails(scattered); // many runs
    model.setFilter(textFilter(QStringLiteral("INFO")));
    model.setFilter(textFilter(QStringLiteral("INFOR")));
    model.setFilter({});
    QVERIFY(model.rowCount() > 0);
}

void TestBounceTableModel::classColumnTextAndToolTip() {
    Model model;
    load(model, sampleRows());
    QCOMPARE(model.section(SuppressionColumn::Class), int(Model::ClassColumn));
    const auto cell = [&](qsizetype storeRow, int role = Qt::DisplayRole) {
        return model.index(viewRowOf(model, storeRow), Model::ClassColumn).data(role);
    };
    QCOMPARE(cell(0).toString(), QStringLiteral("Invalid Address"));     // "user unknown"
    QCOMPARE(cell(1).toString(), QStringLiteral("Mailbox Unavailable")); // "mailbox full"
    QCOMPARE(cell(6).toString(), QStringLiteral("Invalid Address"));     // 5.1.1 alone
    QCOMPARE(cell(8).toString(), QStringLiteral("Technical Failure"));   // 421 alone
    QCOMPARE(cell(2).toString(), QStringLiteral("Unclassified"));        // 550 "by policy"
    QCOMPARE(cell(0, Model::SortKeyRole).toInt(), int(BounceClass::InvalidAddress));
    // The tooltip says the class is derived here and what usually helps with it.
    const QString tip = cell(1, Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QStringLiteral("Mailbox Unavailable (derived by BounceDesk")),
             qPrintable(tip));
    QVERIFY2(tip.contains(
                 QStringLiteral("The mailbox exists but is full, disabled or inactive.").left(40)),
             qPrintable(tip));
    QVERIFY(cell(2, Qt::ToolTipRole).toString().contains(QStringLiteral("too little to tell")));
    // Every class has advice of its own.
    QSet<QString> advice;
    for (const BounceClass bounceClass : allBounceClasses)
        advice.insert(bounceClassAdvice(bounceClass));
    QCOMPARE(advice.size(), qsizetype(std::size(allBounceClasses)));
    QVERIFY(model.headerData(Model::ClassColumn, Qt::Horizontal, Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("Derived")));
}

void TestBounceTableModel::sortByClass() {
    Model model;
    load(model, sampleRows());
    model.sort(Model::ClassColumn, Qt::AscendingOrder);
    const Reference reference(sampleRows());
    const QList<qsizetype> ascending = shownStoreRows(model);
    QCOMPARE(ascending, reference.order(Model::ClassColumn, Qt::AscendingOrder, reference.all()));
    // Invalid Address first (ties in arrival order), Unclassified last.
    QCOMPARE(ascending.mid(0, 4), (QList<qsizetype>{0, 6, 9, 11}));
    QCOMPARE(model.index(11, Model::ClassColumn).data().toString(), QStringLiteral("Unclassified"));
    model.sort(Model::ClassColumn, Qt::DescendingOrder);
    QCOMPARE(shownStoreRows(model),
             reference.order(Model::ClassColumn, Qt::DescendingOrder, reference.all()));
    QCOMPARE(model.index(0, Model::ClassColumn).data().toString(), QStringLiteral("Unclassified"));
}

void TestBounceTableModel::classFilter_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("type");
    QTest::addColumn<int>("bounceClass");
    QTest::addColumn<int>("expectedCount");
    const int invalid = int(BounceClass::InvalidAddress);
    QTest::newRow("class_alone") << QString() << 0 << invalid << 4;
    QTest::newRow("class_and_type") << QString() << int(Model::TypeFilter::Hard) << invalid << 3;
    QTest::newRow("class_type_and_text")
        << QStringLiteral("FRANK") << int(Model::TypeFilter::Hard) << invalid << 1;
    QTest::newRow("class_and_text_elsewhere") << QStringLiteral("mailbox") << 0 << invalid << 0;
    QTest::newRow("unclassified") << QString() << 0 << int(BounceClass::Unclassified) << 6;
    QTest::newRow("soft_mailbox") << QString() << int(Model::TypeFilter::Soft)
                                  << int(BounceClass::MailboxUnavailable) << 1;
    QTest::newRow("class_nobody_has") << QString() << 0 << int(BounceClass::Reputation) << 0;
}

void TestBounceTableModel::classFilter() {
    QFETCH(QString, text);
    QFETCH(int, type);
    QFETCH(int, bounceClass);
    QFETCH(int, expectedCount);
    for (const qsizetype threshold : {Model::defaultAsyncThreshold, qsizetype(0)}) {
        Model model;
        model.setAsyncThreshold(threshold); // 0: on a worker, as a million rows are
        load(model, sampleRows());
        model.waitForWorkers();
        QTRY_VERIFY(!model.isBusy());
        Model::Filter filter;
        filter.text = text;
        filter.type = Model::TypeFilter(type);
        filter.bounceClass = BounceClass(bounceClass);
        model.setFilter(filter);
        model.waitForWorkers();
        QTRY_VERIFY(!model.isBusy());
        const Reference reference(sampleRows());
        QCOMPARE(shownStoreRows(model), referenceShown(reference, model));
        QCOMPARE(model.rowCount(), expectedCount);
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(model.index(row, Model::ClassColumn).data().toString(),
                     bounceClassTitle(BounceClass(bounceClass)));
        filter.bounceClass.reset(); // widening brings the other classes back
        model.setFilter(filter);
        model.waitForWorkers();
        QTRY_VERIFY(!model.isBusy());
        QCOMPARE(shownStoreRows(model), referenceShown(reference, model));
    }
}

void TestBounceTableModel::perListColumns_data() {
    QTest::addColumn<int>("list");
    QTest::addColumn<QStringList>("titles");
    const auto row = [](SuppressionList list, const char *name,
                        std::initializer_list<const char *> words) {
        QStringList titles;
        for (const char *word : words)
            titles << QString::fromLatin1(word);
        QTest::newRow(name) << int(list) << titles;
    };
    row(SuppressionList::Bounces, "bounces",
        {"Email", "Status", "Reason", "Created", "Type", "Class"});
    row(SuppressionList::Blocks, "blocks",
        {"Email", "Status", "Reason", "Created", "Type", "Class"});
    row(SuppressionList::InvalidEmails, "invalid_emails", {"Email", "Reason", "Created"});
    row(SuppressionList::SpamReports, "spam_reports", {"Email", "IP", "Created"});
    row(SuppressionList::Unsubscribes, "unsubscribes", {"Email", "Created"});
    row(SuppressionList::GroupUnsubscribes, "group_unsubscribes",
        {"Email", "Group ID", "Group name", "Created"});
}

void TestBounceTableModel::perListColumns() {
    QFETCH(int, list);
    QFETCH(QStringList, titles);
    Model model;
    QSignalSpy changed(&model, &Model::listChanged);
    model.setList(SuppressionList(list));
    QCOMPARE(changed.count(), list == int(SuppressionList::Bounces) ? 0 : 1);
    QCOMPARE(model.list(), SuppressionList(list));
    QCOMPARE(model.columns(), suppressionColumns(SuppressionList(list)));
    QStringList shown;
    for (int column = 0; column < model.columnCount(); ++column)
        shown << model.headerData(column, Qt::Horizontal, Qt::DisplayRole).toString();
    QCOMPARE(shown, titles);
    load(model, sampleRows());
    QCOMPARE(model.rowCount(), 12);
    QVERIFY(!model.index(0, model.columnCount()).isValid());
    // Every column sorts, both ways, and the email stays the first column.
    for (int column = 0; column < model.columnCount(); ++column) {
        model.sort(column, Qt::AscendingOrder);
        QCOMPARE(model.sortColumn(), column);
        QCOMPARE(model.rowCount(), 12);
    }
    QCOMPARE(model.section(SuppressionColumn::Email), 0);
}

namespace {
// Rows as the v3 client stores other lists: status slot = ip | group id, reason slot = group
// name (or the invalid email's reason).
QList<Bounce> slotRows() {
    const auto b = [](const char *email, const char *status, const char *reason,
                      const char *created) {
        return Bounce{QString::fromUtf8(email), QString::fromUtf8(status),
                      QString::fromUtf8(reason), QString::fromUtf8(created)};
    };
    return {
        b("one@example.com", "10.0.0.9", "Newsletter", "2024-01-02T00:00:00Z"),
        b("two@example.com", "192.168.1.1", "Offers", "2024-01-01T00:00:00Z"),
        b("three@example.com", "10.0.0.10", "newsletter weekly", "2024-01-03T00:00:00Z"),
    };
}
} // namespace

void TestBounceTableModel::otherListsReadTheirSlots() {
    Model model;
    model.setList(SuppressionList::SpamReports);
    load(model, slotRows());
    const int ip = model.section(SuppressionColumn::Ip);
    QCOMPARE(ip, 1);
    model.sort(ip, Qt::AscendingOrder); // as text
    QCOMPARE(shownStoreRows(model), (QList<qsizetype>{2, 0, 1}));
    QCOMPARE(model.index(0, ip).data().toString(), QStringLiteral("10.0.0.10"));
    // The text looks in the columns shown: the IP, not the (hidden) reason slot.
    model.setFilter(textFilter(QStringLiteral("192.168")));
    QCOMPARE(shownStoreRows(model), (QList<qsizetype>{1}));
    model.setFilter(textFilter(QStringLiteral("newsletter")));
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.filter().text, QStringLiteral("newsletter")); // what was asked

    model.setFilter({});
    model.setList(SuppressionList::GroupUnsubscribes);
    QCOMPARE(model.rowCount(), 0); // a list brings its own rows
    load(model, slotRows());
    const int name = model.section(SuppressionColumn::GroupName);
    QCOMPARE(model.section(SuppressionColumn::GroupId), 1);
    QCOMPARE(name, 2);
    QCOMPARE(model.index(viewRowOf(model, 1), name).data().toString(), QStringLiteral("Offers"));
    model.setFilter(textFilter(QStringLiteral("NEWSLETTER")));
    QCOMPARE(model.rowCount(), 2);
    model.setFilter(textFilter(QStringLiteral("10.0.0.1"))); // the group id slot
    QCOMPARE(shownStoreRows(model), (QList<qsizetype>{2}));

    model.setFilter(textFilter(QStringLiteral("offers")));
    model.setList(SuppressionList::Unsubscribes); // neither slot is shown
    load(model, slotRows());
    QCOMPARE(model.rowCount(), 0);
    model.setFilter(textFilter(QStringLiteral("two@")));
    QCOMPARE(shownStoreRows(model), (QList<qsizetype>{1}));
}

void TestBounceTableModel::listWithoutStatusIgnoresTypeAndClass() {
    Model model;
    model.setList(SuppressionList::InvalidEmails);
    Model::Filter filter;
    filter.type = Model::TypeFilter::Hard;
    filter.bounceClass = BounceClass::Reputation;
    model.setFilter(filter);
    load(model, sampleRows());
    QCOMPARE(model.rowCount(), 12);         // no status: no type or class to narrow by
    filter.text = QStringLiteral("policy"); // the reason is shown: looked in
    model.setFilter(filter);
    QCOMPARE(shownStoreRows(model), (QList<qsizetype>{2}));
    filter.text = QStringLiteral("5.7"); // the status is not shown: not looked in
    model.setFilter(filter);
    QCOMPARE(model.rowCount(), 0);
    // Back on a list with a status, the same filter narrows by type and class again.
    filter.text.clear();
    model.setFilter(filter);
    model.setList(SuppressionList::Blocks);
    load(model, sampleRows());
    QCOMPARE(model.rowCount(), 0);
    filter.bounceClass = BounceClass::InvalidAddress;
    model.setFilter(filter);
    QCOMPARE(shownStoreRows(model), (QList<qsizetype>{6, 0, 9})); // newest first
}

void TestBounceTableModel::listChangeKeepsTheSortWhereItCan() {
    Model model;
    QSignalSpy before(&model, &Model::listAboutToChange);
    model.sort(Model::ReasonColumn, Qt::AscendingOrder);
    model.setList(SuppressionList::InvalidEmails);
    QCOMPARE(before.count(), 1);
    QCOMPARE(before.at(0).at(0).value<SuppressionList>(), SuppressionList::Bounces);
    QCOMPARE(model.sortColumn(), model.section(SuppressionColumn::Reason));
    QCOMPARE(model.sortOrder(), Qt::AscendingOrder);
    model.setList(SuppressionList::Unsubscribes); // no reason: newest first
    QCOMPARE(model.sortColumn(), model.section(SuppressionColumn::Created));
    QCOMPARE(model.sortOrder(), Qt::DescendingOrder);
    model.sort(-1);
    model.setList(SuppressionList::Bounces); // arrival order stays arrival order
    QCOMPARE(model.sortColumn(), -1);
}

namespace {
// Group unsubscribes: the group id in the status slot, the group's name in the reason slot.
QList<Bounce> groupRows(const QStringList &ids) {
    QList<Bounce> rows;
    for (qsizetype i = 0; i < ids.size(); ++i)
        rows.append(Bounce{QStringLiteral("m%1@example.com").arg(i), ids[i],
                           QStringLiteral("Group %1").arg(ids[i]),
                           QStringLiteral("2024-01-01T00:00:00Z")});
    return rows;
}

QStringList shownGroupIds(const Model &model) {
    QStringList ids;
    const int column = model.section(SuppressionColumn::GroupId);
    for (int row = 0; row < model.rowCount(); ++row)
        ids << model.index(row, column).data().toString();
    return ids;
}
} // namespace

// A group id is a number: 9 before 10 (as text, "10" < "9"). A text that is no number comes
// first ascending; ties keep arrival order in both directions.
void TestBounceTableModel::groupIdsSortAsNumbers() {
    Model model;
    model.setList(SuppressionList::GroupUnsubscribes);
    load(model, groupRows({QStringLiteral("10"), QStringLiteral("9"), QStringLiteral("100"),
                           QStringLiteral("2"), QStringLiteral("9"), QString()}));
    const int column = model.section(SuppressionColumn::GroupId);
    model.sort(column, Qt::AscendingOrder);
    QCOMPARE(shownGroupIds(model),
             (QStringList{QString(), QStringLiteral("2"), QStringLiteral("9"), QStringLiteral("9"),
                          QStringLiteral("10"), QStringLiteral("100")}));
    QCOMPARE(shownStoreRows(model), (QList<qsizetype>{5, 3, 1, 4, 0, 2}));
    model.sort(column, Qt::DescendingOrder);
    QCOMPARE(shownStoreRows(model), (QList<qsizetype>{2, 0, 1, 4, 3, 5}));
    QCOMPARE(model.index(0, column).data(Model::SortKeyRole), QVariant(qlonglong(100)));
}

// Past the radix sort's threshold, against a reference sort of the same numbers.
void TestBounceTableModel::groupIdsSortAsNumbersAtScale() {
    std::mt19937 random(7);
    QStringList ids;
    for (int i = 0; i < 5000; ++i)
        ids << QString::number(random() % (i % 2 ? 20 : 100000));
    Model model;
    model.setAsyncThreshold(1000); // the workers' path too
    model.setList(SuppressionList::GroupUnsubscribes);
    load(model, groupRows(ids));
    model.sort(model.section(SuppressionColumn::GroupId), Qt::AscendingOrder);
    QTRY_VERIFY(!model.isBusy());
    QList<qsizetype> expected(ids.size());
    std::iota(expected.begin(), expected.end(), 0);
    std::stable_sort(expected.begin(), expected.end(), [&ids](qsizetype a, qsizetype b) {
        return ids[a].toLongLong() < ids[b].toLongLong();
    });
    QCOMPARE(shownStoreRows(model), expected);
}

// Group unsubscribes are named by (address, group) pairs: one pair's row leaves or is marked,
// the address's rows in other groups stay as they were; a bare address names every group.
void TestBounceTableModel::groupPairsAreRemovedAndMarkedOneByOne() {
    Model model;
    QAbstractItemModelTester tester(&model);
    model.setList(SuppressionList::GroupUnsubscribes);
    QVERIFY(model.takesPairKeys());
    QList<Bounce> rows = groupRows({QStringLiteral("5"), QStringLiteral("7"), QStringLiteral("5")});
    rows[1].email = rows[0].email; // m0 is in groups 5 and 7
    load(model, rows);
    const QString m0 = rows[0].email;
    QCOMPARE(model.rowKey(0), RowKey::pair(m0, QStringLiteral("5")));
    model.setRowState({RowKey::pair(m0, QStringLiteral("7"))}, Model::RowState::Failed,
                      QStringLiteral("refused"));
    QCOMPARE(model.rowState(1), Model::RowState::Failed);
    QCOMPARE(model.rowStateReason(1), QStringLiteral("refused"));
    QCOMPARE(model.rowState(0), Model::RowState::Normal);
    QCOMPARE(model.rowStateReason(0), QString());
    QCOMPARE(model.removeEmails({RowKey::pair(m0, QStringLiteral("5"))}), 1);
    QCOMPARE(model.totalRows(), 2);
    QCOMPARE(model.rowState(1), Model::RowState::Failed);
    QCOMPARE(model.removeEmails({RowKey::pair(m0, QStringLiteral("9"))}), 0); // no such pair
    QCOMPARE(model.removeEmails({m0}), 1); // a bare address: its every group
    QCOMPARE(model.totalRows(), 1);
    // Other lists take addresses as they are.
    model.setList(SuppressionList::Bounces);
    QVERIFY(!model.takesPairKeys());
}

QTEST_GUILESS_MAIN(TestBounceTableModel)
#include "tst_bouncetablemodel.moc"
