// The timeline's counts (BounceTimeline): rows per local day and derived class, the filter's
// text, type and class applied and its dates ignored, local-day boundaries as the table shows
// them (a zone with summer time), bins coarsened for long spans; and BounceTimelineBuilder,
// which keeps them up to date beside a model and drops a count that a newer one overtook.
// The local time zone is America/New_York (set before anything reads it).

#include "core/bounceclass.h"
#include "core/bouncerowflags.h"
#include "core/bouncetablemodel.h"
#include "core/bouncetimeline.h"
#include "core/bouncetimelinebuilder.h"

#include <QSignalSpy>
#include <QtTest>

#include <ctime>

namespace {

Bounce row(const char *email, const char *status, const char *reason, const char *created) {
    return Bounce{QString::fromUtf8(email), QString::fromUtf8(status), QString::fromUtf8(reason),
                  QString::fromUtf8(created)};
}

BounceStore storeOf(const QList<Bounce> &rows) {
    BounceStore store;
    for (const Bounce &bounce : rows)
        store.append(bounce);
    return store;
}

std::vector<quint8> presentFlags(const BounceStore &store) {
    return std::vector<quint8>(std::size_t(store.size()), BounceRowFlags::Accepted);
}

constexpr int at(BounceClass bounceClass) {
    return int(bounceClass);
}

qsizetype countOf(const BounceTimeline &timeline, const QDate &day, BounceClass bounceClass) {
    const int bin = timeline.binOf(day);
    return bin < 0 ? -1 : timeline.bins[std::size_t(bin)].counts[std::size_t(at(bounceClass))];
}

// Rows as v2 gives them (no zone: each counts on the day it names).
QList<Bounce> threeDays() {
    return {
        row("a@x.test", "5.1.1", "550 5.1.1 User unknown", "2024-03-01 00:00:00"),
        row("b@x.test", "5.1.1", "550 5.1.1 User unknown", "2024-03-01 23:59:59"),
        row("c@x.test", "4.2.2", "452 Mailbox full", "2024-03-01 12:00:00"),
        row("d@y.test", "5.7.1", "blocked using Spamhaus", "2024-03-04 08:00:00"),
        row("e@y.test", "5.1.1", "550 5.1.1 User unknown", "2024-03-04 09:00:00"),
        row("f@y.test", "4.2.2", "452 Mailbox full", ""),
    };
}

// acme's list loaded as the window loads one: reset, rows, finished.
void loadThreeDays(BounceTableModel &model) {
    model.reset(QStringLiteral("acme"));
    model.appendRows(storeOf(threeDays()));
    model.loadFinished();
}

} // namespace

class TestBounceTimeline final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void countsPerDayAndClass();
    void localDaysFollowTheTableAcrossSummerTime();
    void filterAppliedDatesIgnoredRemovedLeft();
    void longSpansAreBinnedCoarser();
    void zoomCountsExactlyItsDays();
    void emptyListHasNoBins();
    void builderFollowsModelAndFilter();
    void outdatedCountIsDropped();
    void anotherCustomerClearsAtOnce();
    void inactiveBuilderCountsNothing();
    void listStillArrivingIsCountedOnAWorker();
};

void TestBounceTimeline::initTestCase() {
    qputenv("TZ", "America/New_York");
    tzset();
    // The zone is really in force (tzdata installed): EST in winter.
    QCOMPARE(QDateTime(QDate(2024, 1, 15), QTime(12, 0)).offsetFromUtc(), -5 * 3600);
}

void TestBounceTimeline::countsPerDayAndClass() {
    const BounceStore store = storeOf(threeDays());
    const BounceTimeline timeline = BounceTimeline::build(store, presentFlags(store), {});
    QCOMPARE(timeline.unit, BounceTimeline::Unit::Day);
    QCOMPARE(timeline.bins.size(), std::size_t(4)); // 1st to 4th, the empty days included
    QCOMPARE(timeline.bins.front().first, QDate(2024, 3, 1));
    QCOMPARE(timeline.bins.back().last, QDate(2024, 3, 4));
    QCOMPARE(countOf(timeline, QDate(2024, 3, 1), BounceClass::InvalidAddress), 2);
    QCOMPARE(countOf(timeline, QDate(2024, 3, 1), BounceClass::MailboxUnavailable), 1);
    QCOMPARE(countOf(timeline, QDate(2024, 3, 1), BounceClass::Reputation), 0);
    QCOMPARE(timeline.bins[1].total(), 0);
    QCOMPARE(timeline.bins[2].total(), 0);
    QCOMPARE(countOf(timeline, QDate(2024, 3, 4), BounceClass::Reputation), 1);
    QCOMPARE(countOf(timeline, QDate(2024, 3, 4), BounceClass::InvalidAddress), 1);
    QCOMPARE(timeline.bins[3].total(), 2);
    QCOMPARE(timeline.dated, 5);
    QCOMPARE(timeline.undated, 1);
    QCOMPARE(timeline.binOf(QDate(2024, 2, 29)), -1);
    QCOMPARE(timeline.binOf(QDate(2024, 3, 5)), -1);
}

// v3 times are UTC instants, shown in local time: each counts on the local day the table
// shows it on, also on the days summer time starts (2024-03-10) and ends (2024-11-03).
void TestBounceTimeline::localDaysFollowTheTableAcrossSummerTime() {
    const QList<Bounce> rows = {
        row("1@x.test", "5.1.1", "", "2024-03-01T04:59:59Z"), // 2024-02-29 23:59:59 EST
        row("2@x.test", "5.1.1", "", "2024-03-01T05:00:00Z"), // 2024-03-01 00:00:00 EST
        row("3@x.test", "5.1.1", "", "2024-03-10T04:59:59Z"), // 2024-03-09 23:59:59 EST
        row("4@x.test", "5.1.1", "", "2024-03-10T05:00:00Z"), // 2024-03-10 00:00:00 EST
        row("5@x.test", "5.1.1", "", "2024-03-11T03:59:59Z"), // 2024-03-10 23:59:59 EDT
        row("6@x.test", "5.1.1", "", "2024-03-11T04:00:00Z"), // 2024-03-11 00:00:00 EDT
        row("7@x.test", "5.1.1", "", "2024-11-03T03:59:59Z"), // 2024-11-02 23:59:59 EDT
        row("8@x.test", "5.1.1", "", "2024-11-04T04:59:59Z"), // 2024-11-03 23:59:59 EST
        row("9@x.test", "5.1.1", "", "2024-11-04T05:00:00Z"), // 2024-11-04 00:00:00 EST
        row("10@x.test", "5.1.1", "", "2024-03-01 02:00:00"), // v2: the day it names
    };
    const BounceStore store = storeOf(rows);
    const QList<QDate> expected = {QDate(2024, 2, 29), QDate(2024, 3, 1),  QDate(2024, 3, 9),
                                   QDate(2024, 3, 10), QDate(2024, 3, 10), QDate(2024, 3, 11),
                                   QDate(2024, 11, 2), QDate(2024, 11, 3), QDate(2024, 11, 4),
                                   QDate(2024, 3, 1)};
    for (BounceStore::Row i = 0; i < store.size(); ++i) {
        const QDate day = BounceTimeline::dayShown(store.createdUtf8(i), store.createdKey(i));
        QCOMPARE(day, expected[i]);
        // The day the table shows (toLocalTime(), as BounceTableView::createdAsShown does).
        const QString created = store.created(i);
        if (created.endsWith(u'Z'))
            QCOMPARE(QDateTime::fromString(created, Qt::ISODate).toLocalTime().date(), day);
    }
    // The same days through a whole count (which caches offsets per UTC day): 2024-02-29 to
    // 2024-11-04 is 250 days, so weeks; zoomed to March 9-11 the days themselves.
    const BounceTimeline zoomed = BounceTimeline::build(store, presentFlags(store), {},
                                                        QDate(2024, 3, 9), QDate(2024, 3, 11));
    QCOMPARE(zoomed.bins.size(), std::size_t(3));
    QCOMPARE(zoomed.bins[0].total(), 1);
    QCOMPARE(zoomed.bins[1].total(), 2);
    QCOMPARE(zoomed.bins[2].total(), 1);
    const BounceTimeline november = BounceTimeline::build(store, presentFlags(store), {},
                                                          QDate(2024, 11, 2), QDate(2024, 11, 4));
    QCOMPARE(november.bins[0].total(), 1);
    QCOMPARE(november.bins[1].total(), 1);
    QCOMPARE(november.bins[2].total(), 1);
    const BounceTimeline first = BounceTimeline::build(store, presentFlags(store), {},
                                                       QDate(2024, 2, 29), QDate(2024, 3, 1));
    QCOMPARE(first.bins[0].total(), 1);
    QCOMPARE(first.bins[1].total(), 2); // the v3 row at local midnight and the v2 row
}

void TestBounceTimeline::filterAppliedDatesIgnoredRemovedLeft() {
    const BounceStore store = storeOf(threeDays());
    std::vector<quint8> flags = presentFlags(store);

    BounceFilter byText;
    byText.text = QStringLiteral("y.TEST");
    byText.from = byText.to = QDate(2024, 3, 1); // ignored: the timeline keeps every day
    const BounceTimeline text = BounceTimeline::build(store, flags, byText);
    QCOMPARE(text.dated, 2);   // d and e
    QCOMPARE(text.undated, 1); // f
    QCOMPARE(text.bins.size(), std::size_t(1));
    QCOMPARE(text.bins[0].first, QDate(2024, 3, 4));

    BounceFilter soft;
    soft.type = BounceFilter::Type::Soft;
    const BounceTimeline softRows = BounceTimeline::build(store, flags, soft);
    QCOMPARE(softRows.dated, 1);
    QCOMPARE(countOf(softRows, QDate(2024, 3, 1), BounceClass::MailboxUnavailable), 1);

    BounceFilter invalid;
    invalid.bounceClass = BounceClass::InvalidAddress;
    flags[1] |= BounceRowFlags::Removed; // b, deleted
    const BounceTimeline invalidRows = BounceTimeline::build(store, flags, invalid);
    QCOMPARE(invalidRows.dated, 2); // a and e
    QCOMPARE(countOf(invalidRows, QDate(2024, 3, 1), BounceClass::InvalidAddress), 1);
    QCOMPARE(countOf(invalidRows, QDate(2024, 3, 4), BounceClass::InvalidAddress), 1);
}

void TestBounceTimeline::longSpansAreBinnedCoarser() {
    const auto span = [](const QDate &first, const QDate &last) {
        BounceStore store;
        for (QDate day = first; day <= last; day = day.addDays(1))
            store.append("a@x.test", "5.1.1", "",
                         day.toString(QStringLiteral("yyyy-MM-dd 12:00:00")).toStdString());
        return BounceTimeline::build(store, presentFlags(store), {});
    };
    const BounceTimeline days = span(QDate(2024, 1, 1), QDate(2024, 4, 9)); // 100 days
    QCOMPARE(days.unit, BounceTimeline::Unit::Day);
    QCOMPARE(days.bins.size(), std::size_t(100));

    // 2024-01-03 is a Wednesday: the weeks start on the Monday before it.
    const BounceTimeline weeks = span(QDate(2024, 1, 3), QDate(2024, 12, 31));
    QCOMPARE(weeks.unit, BounceTimeline::Unit::Week);
    QCOMPARE(weeks.bins.front().first, QDate(2024, 1, 1));
    QCOMPARE(weeks.bins.front().last, QDate(2024, 1, 7));
    QCOMPARE(weeks.bins.front().total(), 5);
    QCOMPARE(weeks.bins.size(), std::size_t(53));
    QCOMPARE(weeks.dated, 364);

    const BounceTimeline months = span(QDate(2022, 1, 15), QDate(2024, 12, 31)); // three years
    QCOMPARE(months.unit, BounceTimeline::Unit::Month);
    QCOMPARE(months.bins.size(), std::size_t(36));
    QCOMPARE(months.bins.front().first, QDate(2022, 1, 1));
    QCOMPARE(months.bins.front().last, QDate(2022, 1, 31));
    QCOMPARE(months.bins.front().total(), 17);
    QCOMPARE(months.bins[1].total(), 28);

    BounceStore scattered; // a bogus year far away: a bounded number of bars all the same
    scattered.append("a@x.test", "5.1.1", "", "2024-05-01 00:00:00");
    scattered.append("b@x.test", "5.1.1", "", "9999-12-31 23:59:59");
    const BounceTimeline years = BounceTimeline::build(scattered, presentFlags(scattered), {});
    QCOMPARE(years.unit, BounceTimeline::Unit::Year);
    QVERIFY(years.bins.size() <= std::size_t(BounceTimeline::maxBins));
    QCOMPARE(years.bins.front().total(), 1);
    QCOMPARE(years.bins.back().total(), 1);
    QVERIFY(years.bins.back().last >= QDate(9999, 12, 31));
}

void TestBounceTimeline::zoomCountsExactlyItsDays() {
    const BounceStore store = storeOf(threeDays());
    const BounceTimeline zoomed = BounceTimeline::build(store, presentFlags(store), {},
                                                        QDate(2024, 2, 28), QDate(2024, 3, 2));
    QCOMPARE(zoomed.unit, BounceTimeline::Unit::Day);
    QCOMPARE(zoomed.bins.size(), std::size_t(4));
    QCOMPARE(zoomed.bins.front().first, QDate(2024, 2, 28));
    QCOMPARE(zoomed.dated, 3); // the 4th is outside
    QCOMPARE(zoomed.bins[2].total(), 3);
}

void TestBounceTimeline::emptyListHasNoBins() {
    const BounceStore empty;
    QVERIFY(BounceTimeline::build(empty, {}, {}).isEmpty());
    const BounceStore undated = storeOf({row("a@x.test", "5.1.1", "", "")});
    const BounceTimeline timeline = BounceTimeline::build(undated, presentFlags(undated), {});
    QVERIFY(timeline.isEmpty());
    QCOMPARE(timeline.undated, 1);
}

void TestBounceTimeline::builderFollowsModelAndFilter() {
    BounceTableModel model;
    BounceTimelineBuilder builder(&model);
    loadThreeDays(model);
    QTRY_VERIFY(!builder.isBusy());
    QCOMPARE(builder.timeline().dated, 5);

    BounceFilter filter;
    filter.text = QStringLiteral("y.test");
    model.setFilter(filter);
    QTRY_VERIFY(!builder.isBusy());
    QCOMPARE(builder.timeline().dated, 2);

    // A date filter changes what the table shows, not the timeline.
    QSignalSpy changed(&builder, &BounceTimelineBuilder::timelineChanged);
    filter.from = filter.to = QDate(2024, 3, 4);
    model.setFilter(filter);
    QVERIFY(!builder.isBusy());
    QCOMPARE(changed.count(), 0);

    model.removeEmails({QStringLiteral("d@y.test")});
    QTRY_VERIFY(!builder.isBusy());
    QCOMPARE(builder.timeline().dated, 1);
    QCOMPARE(countOf(builder.timeline(), QDate(2024, 3, 4), BounceClass::Reputation), 0);
}

// Counts asked faster than the worker finishes them: only the last one's result shows.
void TestBounceTimeline::outdatedCountIsDropped() {
    BounceTableModel model;
    BounceTimelineBuilder builder(&model);
    builder.setAsyncThreshold(0);
    loadThreeDays(model);
    QTRY_VERIFY(!builder.isBusy());
    builder.waitForWorkers();
    QCoreApplication::sendPostedEvents();

    QSignalSpy changed(&builder, &BounceTimelineBuilder::timelineChanged);
    BounceFilter filter;
    filter.text = QStringLiteral("x.test");
    model.setFilter(filter);
    builder.refresh();
    filter.text = QStringLiteral("y.test");
    model.setFilter(filter);
    builder.refresh();
    QVERIFY(builder.isBusy());
    builder.waitForWorkers();
    QCoreApplication::sendPostedEvents(); // an outdated result would have arrived now
    QCOMPARE(changed.count(), 1);
    QCOMPARE(builder.timeline().dated, 2); // y.test's
    QVERIFY(!builder.isBusy());
}

void TestBounceTimeline::anotherCustomerClearsAtOnce() {
    BounceTableModel model;
    BounceTimelineBuilder builder(&model);
    builder.setAsyncThreshold(0);
    loadThreeDays(model);
    builder.refresh();
    builder.setRange(QDate(2024, 3, 1), QDate(2024, 3, 1));
    model.reset(QStringLiteral("globex")); // while acme's count may still run
    QVERIFY(builder.timeline().isEmpty());
    QVERIFY(!builder.isZoomed());
    builder.waitForWorkers();
    QCoreApplication::sendPostedEvents();
    QVERIFY(builder.timeline().isEmpty()); // acme's count never arrives
    model.appendRows(storeOf({row("z@g.test", "5.1.1", "", "2025-01-01 00:00:00")}));
    model.loadFinished();
    QTRY_COMPARE(builder.timeline().dated, 1);
}

void TestBounceTimeline::inactiveBuilderCountsNothing() {
    BounceTableModel model;
    BounceTimelineBuilder builder(&model);
    builder.setActive(false);
    loadThreeDays(model);
    QVERIFY(!builder.isBusy());
    QVERIFY(builder.timeline().isEmpty());
    builder.setActive(true);
    QCOMPARE(builder.timeline().dated, 5); // small list: counted in the call
}

// A list still arriving grows a page at a time: however few rows it has so far, the count runs
// on a worker (the GUI thread only takes its result); once complete, a small list is counted in
// the call again.
void TestBounceTimeline::listStillArrivingIsCountedOnAWorker() {
    BounceTableModel model;
    BounceTimelineBuilder builder(&model);
    model.reset(QStringLiteral("acme"));
    model.appendRows(storeOf(threeDays()));
    QVERIFY(model.isLoading());
    builder.refresh();
    QVERIFY(builder.isBusy());
    QVERIFY(builder.timeline().isEmpty()); // not counted in the call
    builder.waitForWorkers();
    QCoreApplication::sendPostedEvents(); // the worker's result arrives
    QVERIFY(!builder.isBusy());
    QCOMPARE(builder.timeline().dated, 5);
    QCOMPARE(countOf(builder.timeline(), QDate(2024, 3, 1), BounceClass::InvalidAddress), 2);

    model.appendRows(
        storeOf({row("g@z.test", "5.1.1", "550 5.1.1 User unknown", "2024-03-02 10:00:00")}));
    model.loadFinished();
    model.waitForWorkers();
    QCoreApplication::sendPostedEvents();
    builder.refresh();
    QVERIFY(!builder.isBusy()); // complete and small: counted in the call
    QCOMPARE(builder.timeline().dated, 6);
}

QTEST_GUILESS_MAIN(TestBounceTimeline)
#include "tst_bouncetimeline.moc"
