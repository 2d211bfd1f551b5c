// The window's timeline (TimelineView) against the emulator: a click on a day's bar (or the
// arrow keys and Enter) filters the table to exactly that day's rows and keeps the other days in
// view, highlighted; it
// follows the text filter; long spans zoom in from a week; collapsing is remembered; an empty
// list says so; lists without a status draw one set. Runs in Europe/Berlin; the rows are at
// midday, so their local day is the day they name.

#include "windowtestsupport.h"

#include "datefilteredit.h"
#include "filterbar.h"
#include "timelineview.h"

#include "core/bouncetimelinebuilder.h"

#include <QAction>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QLabel>
#include <QStackedBarSeries>
#include <QToolButton>

#include <ctime>

using namespace WindowTest;

namespace {

QString dayTime(const QDate &day, int hour) {
    return day.toString(QStringLiteral("yyyy-MM-dd ")) +
           QTime(hour, 0).toString(QStringLiteral("HH:mm:ss"));
}

// A quiet week and a mass incident on 2024-05-03: five mailboxes full within an hour.
QList<Bounce> incidentRows() {
    QList<Bounce> rows;
    const auto add = [&rows](const QString &email, const char *status, const char *reason,
                             const QString &created) {
        rows.append(Bounce{email, QString::fromUtf8(status), QString::fromUtf8(reason), created});
    };
    add(QStringLiteral("a@quiet.test"), "5.1.1", "550 5.1.1 User unknown",
        dayTime(QDate(2024, 5, 1), 11));
    add(QStringLiteral("b@quiet.test"), "5.1.1", "550 5.1.1 User unknown",
        dayTime(QDate(2024, 5, 1), 13));
    for (int i = 0; i < 5; ++i)
        add(QStringLiteral("full%1@incident.test").arg(i), "4.2.2", "452 Mailbox full",
            dayTime(QDate(2024, 5, 3), 12));
    add(QStringLiteral("c@quiet.test"), "5.7.1", "blocked using Spamhaus",
        dayTime(QDate(2024, 5, 6), 12));
    add(QStringLiteral("undated@quiet.test"), "5.1.1", "550 5.1.1 User unknown", QString());
    return rows;
}

// A row every other day for 200 days: weeks.
QList<Bounce> longRows() {
    QList<Bounce> rows;
    for (int i = 0; i < 200; i += 2)
        rows.append(Bounce{QStringLiteral("u%1@long.test").arg(i), QStringLiteral("5.1.1"),
                           QStringLiteral("550 5.1.1 User unknown"),
                           dayTime(QDate(2024, 1, 3).addDays(i), 12)});
    return rows;
}

bool timelineSettled(MainWindow &window) {
    return QTest::qWaitFor(
        [&window] {
            return !window.timelineView()->builder()->isBusy() && !window.model()->isBusy();
        },
        10000);
}

QStringList sorted(QStringList list) {
    list.sort();
    return list;
}

} // namespace

class TestTimelineView final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void clickingADayFiltersTheTableToIt();
    void keyboardPicksADay();
    void followsTheTextFilter();
    void coarseBarZoomsIn();
    void axisLabelsEveryFewBars();
    void collapsingIsRemembered();
    void emptyListSaysSo();
    void listWithoutStatusDrawsOneSet();

private:
    std::unique_ptr<SandboxServer> m_server;
};

void TestTimelineView::initTestCase() {
    qputenv("TZ", "Europe/Berlin");
    tzset();
    m_server = startServer();
    QVERIFY(m_server);
    m_server->data().setBounces(QStringLiteral("incident"), incidentRows());
    m_server->data().setBounces(QStringLiteral("longtime"), longRows());
    m_server->data().setBounces(QStringLiteral("nobody"), {});
}

void TestTimelineView::init() {
    QSettings().clear();
}

void TestTimelineView::clickingADayFiltersTheTableToIt() {
    auto window = openWindow(*m_server);
    window->openCustomer(QStringLiteral("incident"));
    QVERIFY(waitLoaded(*window, QStringLiteral("incident")));
    QVERIFY(timelineSettled(*window));
    TimelineView *timeline = window->timelineView();
    QVERIFY(timeline->isVisible());
    QCOMPARE(timeline->timeline().unit, BounceTimeline::Unit::Day);
    QCOMPARE(timeline->timeline().bins.size(), std::size_t(6)); // May 1st to 6th
    QCOMPARE(timeline->timeline().dated, 8);
    QCOMPARE(timeline->timeline().undated, 1);
    QStackedBarSeries *series = timeline->series();
    QVERIFY(series);
    QCOMPARE(series->count(), 7); // one set per class
    const int incident = timeline->timeline().binOf(QDate(2024, 5, 3));
    QCOMPARE(incident, 2);
    const int mailbox = int(std::size(allBounceClasses)) - 1 -
                        int(std::find(std::rbegin(allBounceClasses), std::rend(allBounceClasses),
                                      BounceClass::MailboxUnavailable) -
                            std::rbegin(allBounceClasses));
    QCOMPARE(series->barSets().at(mailbox)->at(incident), 5.0);

    // The click as QBarSet reports it.
    Q_EMIT series->barSets().at(mailbox)->clicked(incident);
    QCOMPARE(window->filterBar()->fromEdit()->date(), QDate(2024, 5, 3));
    QCOMPARE(window->filterBar()->toEdit()->date(), QDate(2024, 5, 3));
    QVERIFY(timelineSettled(*window));
    QStringList incidentEmails;
    for (int i = 0; i < 5; ++i)
        incidentEmails << QStringLiteral("full%1@incident.test").arg(i);
    QTRY_COMPARE(sorted(shownEmails(*window->model())), incidentEmails);

    // The other days stay in view; the day picked is highlighted in every set.
    QCOMPARE(timeline->timeline().bins.size(), std::size_t(6));
    QCOMPARE(timeline->timeline().dated, 8);
    for (QBarSet *set : timeline->series()->barSets())
        QCOMPARE(set->selectedBars(), QList<int>{incident});

    // Another day: the table follows.
    timeline->chooseBin(0);
    QTRY_COMPARE(sorted(shownEmails(*window->model())),
                 (QStringList{QStringLiteral("a@quiet.test"), QStringLiteral("b@quiet.test")}));
}

// Without a mouse: Tab reaches the chart, the arrow keys go from bar to bar (each one's
// counts are the chart's accessible description), Enter picks the bar as a click does.
void TestTimelineView::keyboardPicksADay() {
    auto window = openWindow(*m_server);
    window->openCustomer(QStringLiteral("incident"));
    QVERIFY(waitLoaded(*window, QStringLiteral("incident")));
    QVERIFY(timelineSettled(*window));
    TimelineView *timeline = window->timelineView();
    QChartView *chart = timeline->chartView();
    QCOMPARE(chart->focusPolicy(), Qt::StrongFocus);
    QCOMPARE(timeline->keyboardBin(), -1);

    // The first key starts on the latest day (no date filter yet): May 6th.
    QTest::keyClick(chart, Qt::Key_Left);
    QCOMPARE(timeline->keyboardBin(), 5);
    // One row is "1 row", not "1 rows".
    QCOMPARE(chart->accessibleDescription().split(u'\n').front(),
             QStringLiteral("2024-05-06: 1 row"));
    QTest::keyClick(chart, Qt::Key_Home);
    QCOMPARE(timeline->keyboardBin(), 0);
    QTest::keyClick(chart, Qt::Key_Left); // stays on the first bar
    QCOMPARE(timeline->keyboardBin(), 0);
    QTest::keyClick(chart, Qt::Key_Right);
    QTest::keyClick(chart, Qt::Key_Right);
    QCOMPARE(timeline->keyboardBin(), 2);
    QCOMPARE(chart->accessibleDescription().split(u'\n').front(),
             QStringLiteral("2024-05-03: 5 rows"));
    QVERIFY(chart->accessibleDescription().contains(
        bounceClassTitle(BounceClass::MailboxUnavailable) + QStringLiteral(": 5")));
    QCOMPARE(window->filterBar()->fromEdit()->date(), QDate()); // moving picks nothing

    QTest::keyClick(chart, Qt::Key_Return);
    QCOMPARE(window->filterBar()->fromEdit()->date(), QDate(2024, 5, 3));
    QCOMPARE(window->filterBar()->toEdit()->date(), QDate(2024, 5, 3));
    QStringList incidentEmails;
    for (int i = 0; i < 5; ++i)
        incidentEmails << QStringLiteral("full%1@incident.test").arg(i);
    QTRY_COMPARE(sorted(shownEmails(*window->model())), incidentEmails);
    QVERIFY(timelineSettled(*window));
    QCOMPARE(timeline->keyboardBin(), 2); // the days stay: so does the keyboard's bar

    QTest::keyClick(chart, Qt::Key_End);
    QTest::keyClick(chart, Qt::Key_Space);
    QCOMPARE(window->filterBar()->fromEdit()->date(), QDate(2024, 5, 6));
    QTRY_COMPARE(shownEmails(*window->model()), QStringList{QStringLiteral("c@quiet.test")});
}

void TestTimelineView::followsTheTextFilter() {
    auto window = openWindow(*m_server);
    window->openCustomer(QStringLiteral("incident"));
    QVERIFY(waitLoaded(*window, QStringLiteral("incident")));
    QVERIFY(timelineSettled(*window));
    TimelineView *timeline = window->timelineView();
    window->filterBar()->setFilterText(QStringLiteral("quiet.test"));
    QTRY_COMPARE(timeline->timeline().dated, 3);
    QVERIFY(timelineSettled(*window));
    QCOMPARE(timeline->timeline().undated, 1);
    QCOMPARE(timeline->timeline().bins.front().first, QDate(2024, 5, 1));
    QCOMPARE(timeline->timeline().bins.back().last, QDate(2024, 5, 6));
    QVERIFY(timeline->summaryLabel()->text().contains(QStringLiteral("3")));

    window->filterBar()->setClassFilter(BounceClass::Reputation);
    QTRY_COMPARE(timeline->timeline().dated, 1);
    QVERIFY(timelineSettled(*window));
    QCOMPARE(timeline->timeline().bins.size(), std::size_t(1));
    QVERIFY2(timeline->summaryLabel()->text().startsWith(QStringLiteral("1 row per day, ")),
             qPrintable(timeline->summaryLabel()->text()));
}

void TestTimelineView::coarseBarZoomsIn() {
    auto window = openWindow(*m_server);
    window->openCustomer(QStringLiteral("longtime"));
    QVERIFY(waitLoaded(*window, QStringLiteral("longtime")));
    QVERIFY(timelineSettled(*window));
    TimelineView *timeline = window->timelineView();
    QCOMPARE(timeline->timeline().unit, BounceTimeline::Unit::Week);
    QVERIFY(timeline->series()->count() > 0);
    QVERIFY(timeline->wholeListButton()->isHidden());

    timeline->chooseBin(0); // the week of Monday 2024-01-01
    QCOMPARE(window->filterBar()->fromEdit()->date(), QDate(2024, 1, 1));
    QCOMPARE(window->filterBar()->toEdit()->date(), QDate(2024, 1, 7));
    QVERIFY(timelineSettled(*window));
    QCOMPARE(timeline->timeline().unit, BounceTimeline::Unit::Day);
    QCOMPARE(timeline->timeline().bins.size(), std::size_t(7));
    QCOMPARE(timeline->timeline().dated, 3); // the 3rd, 5th and 7th
    QVERIFY(!timeline->wholeListButton()->isHidden());
    QTRY_COMPARE(sorted(shownEmails(*window->model())),
                 (QStringList{QStringLiteral("u0@long.test"), QStringLiteral("u2@long.test"),
                              QStringLiteral("u4@long.test")}));

    QTest::mouseClick(timeline->wholeListButton(), Qt::LeftButton);
    QVERIFY(timelineSettled(*window));
    QCOMPARE(timeline->timeline().unit, BounceTimeline::Unit::Week);
    QVERIFY(timeline->wholeListButton()->isHidden());
    for (QBarSet *set : timeline->series()->barSets())
        QCOMPARE(set->selectedBars(), QList<int>{0}); // the filter's week, highlighted
}

// Dates under every few bars only, at the bars they name; every bar on the axis. (The axis
// carries those few labels, not one per bar: a label per bar made each rebuild tens of ms.)
void TestTimelineView::axisLabelsEveryFewBars() {
    auto window = openWindow(*m_server);
    window->openCustomer(QStringLiteral("longtime"));
    QVERIFY(waitLoaded(*window, QStringLiteral("longtime")));
    QVERIFY(timelineSettled(*window));
    TimelineView *timeline = window->timelineView();
    const BounceTimeline &shown = timeline->timeline();
    QCOMPARE(shown.unit, BounceTimeline::Unit::Week);
    const int bins = int(shown.bins.size());
    QVERIFY(bins > 8); // more bars than labels
    const QList<QAbstractAxis *> axes = timeline->chartView()->chart()->axes(Qt::Horizontal);
    QCOMPARE(axes.size(), 1);
    auto *axis = qobject_cast<QCategoryAxis *>(axes.constFirst());
    QVERIFY(axis);
    QCOMPARE(axis->labelsPosition(), QCategoryAxis::AxisLabelsPositionOnValue);
    QCOMPARE(axis->min(), -0.5); // bar i stands at i: the first and last bars whole
    QCOMPARE(axis->max(), bins - 0.5);
    const QStringList labels = axis->categoriesLabels();
    QVERIFY(labels.size() >= 2 && labels.size() <= 8);
    QCOMPARE(labels.constFirst(), shown.bins.front().first.toString(QStringLiteral("yyyy-MM-dd")));
    // Evenly spaced, each at the bar whose first day it names.
    const int every = int(axis->endValue(labels.at(1)));
    QVERIFY(every > 1);
    for (int i = 0; i < labels.size(); ++i) {
        QCOMPARE(axis->endValue(labels.at(i)), qreal(i * every));
        QCOMPARE(labels.at(i),
                 shown.bins[std::size_t(i * every)].first.toString(QStringLiteral("yyyy-MM-dd")));
    }
    QVERIFY((labels.size() - 1) * every < bins && labels.size() * every >= bins);
    QCOMPARE(timeline->series()->barSets().constFirst()->count(), bins); // a bar per bin
}

void TestTimelineView::collapsingIsRemembered() {
    {
        auto window = openWindow(*m_server);
        TimelineView *timeline = window->timelineView();
        QVERIFY(timeline->isExpanded());
        QVERIFY(timeline->chartView()->parentWidget()->isVisible());
        window->timelineView()->toggleAction()->trigger(); // View → Show Timeline
        QVERIFY(!timeline->isExpanded());
        QVERIFY(!timeline->chartView()->parentWidget()->isVisible());
        QVERIFY(!timeline->builder()->isActive());
        QCOMPARE(QSettings().value(TimelineView::expandedKey).toBool(), false);

        // Collapsed, it counts nothing: a list loads without a count.
        window->openCustomer(QStringLiteral("incident"));
        QVERIFY(waitLoaded(*window, QStringLiteral("incident")));
        QVERIFY(timeline->timeline().isEmpty());
    }
    {
        MainWindow window; // the settings of the last one, kept
        window.setConnection(ApiTest::settingsFor(*m_server), false);
        window.show();
        TimelineView *timeline = window.timelineView();
        QVERIFY(!timeline->isExpanded());
        QVERIFY(!timeline->toggleAction()->isChecked());
        QToolButton *arrow = timeline->findChild<QToolButton *>(QStringLiteral("timelineToggle"));
        QVERIFY(arrow && arrow->isVisible());
        window.openCustomer(QStringLiteral("incident"));
        QVERIFY(waitLoaded(window, QStringLiteral("incident")));
        QTest::mouseClick(arrow, Qt::LeftButton);
        QVERIFY(timeline->isExpanded());
        QVERIFY(timeline->chartView()->isVisible() || timeline->emptyLabel()->isVisible());
        QCOMPARE(QSettings().value(TimelineView::expandedKey).toBool(), true);
        QTRY_COMPARE(timeline->timeline().dated, 8); // counted once shown again
    }
}

void TestTimelineView::emptyListSaysSo() {
    auto window = openWindow(*m_server);
    window->openCustomer(QStringLiteral("nobody"));
    QVERIFY(waitLoaded(*window, QStringLiteral("nobody")));
    QVERIFY(timelineSettled(*window));
    TimelineView *timeline = window->timelineView();
    QVERIFY(timeline->timeline().isEmpty());
    QVERIFY(!timeline->series());
    QVERIFY(timeline->emptyLabel()->isVisible());
    QCOMPARE(timeline->emptyLabel()->text(), QStringLiteral("No rows to show per day."));

    window->openCustomer(QStringLiteral("incident"));
    QVERIFY(waitLoaded(*window, QStringLiteral("incident")));
    QVERIFY(timelineSettled(*window));
    QVERIFY(timeline->chartView()->isVisible());
    window->filterBar()->setFilterText(QStringLiteral("no such address"));
    QTRY_VERIFY(timeline->timeline().isEmpty() && timeline->emptyLabel()->isVisible());
    QCOMPARE(timeline->emptyLabel()->text(),
             QStringLiteral("No rows to show per day: the filter hides every row."));
}

// Lists without a status have no class: one set, in the list's name, and no legend.
void TestTimelineView::listWithoutStatusDrawsOneSet() {
    BounceTableModel model;
    TimelineView view(&model);
    model.setList(SuppressionList::Unsubscribes);
    model.reset(QStringLiteral("acme"));
    BounceStore rows;
    rows.append("a@x.test", "", "", "2024-05-01T10:00:00Z");
    rows.append("b@x.test", "", "", "2024-05-01T11:00:00Z");
    rows.append("c@x.test", "", "", "2024-05-02T10:00:00Z");
    model.appendRows(rows);
    model.loadFinished();
    QTRY_VERIFY(!view.builder()->isBusy());
    QVERIFY(view.series());
    QCOMPARE(view.series()->count(), 1);
    QCOMPARE(view.series()->barSets().constFirst()->at(0), 2.0);
    QCOMPARE(view.series()->barSets().constFirst()->at(1), 1.0);
    QVERIFY(!view.chartView()->chart()->legend()->isVisible());
}

QTEST_MAIN(TestTimelineView)
#include "tst_timelineview.moc"
