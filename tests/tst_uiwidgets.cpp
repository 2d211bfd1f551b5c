// The small widgets on their own: the filter bar's debounce and "any" date ends, and the
// error banner's plain text and action.
#include "errorbanner.h"
#include "filterbar.h"

#include <QDateEdit>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QtTest>

class TestUiWidgets final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void typingIsAppliedOnceAfterAPause();
    void dateEndsStartAsAnyAndStepToToday();
    void clearResetsEverything();
    void bannerShowsMarkupLiterally_data();
    void bannerShowsMarkupLiterally();
    void bannerActionRunsAndHides();
};

void TestUiWidgets::typingIsAppliedOnceAfterAPause() {
    FilterBar bar;
    QSignalSpy changed(&bar, &FilterBar::filterChanged);
    QTest::keyClicks(bar.searchEdit(), QStringLiteral("mailbox"));
    QCOMPARE(changed.count(), 0); // nothing while typing
    QTRY_COMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).value<BounceTableModel::Filter>().text, QStringLiteral("mailbox"));
    QTest::qWait(FilterBar::debounceMs * 2);
    QCOMPARE(changed.count(), 1);
}

void TestUiWidgets::dateEndsStartAsAnyAndStepToToday() {
    FilterBar bar;
    auto *from = bar.findChild<QDateEdit *>(QStringLiteral("filterFrom"));
    QVERIFY(from);
    QCOMPARE(from->text(), QStringLiteral("any"));
    QVERIFY(!bar.filter().from.isValid());
    from->stepUp();
    QCOMPARE(bar.filter().from, QDate::currentDate());
    bar.setDateRange(QDate(2024, 1, 2), QDate());
    QCOMPARE(bar.filter().from, QDate(2024, 1, 2));
    QVERIFY(!bar.filter().to.isValid());
}

void TestUiWidgets::clearResetsEverything() {
    FilterBar bar;
    bar.setTypeFilter(BounceTableModel::TypeFilter::Hard);
    bar.setDateRange(QDate(2024, 1, 1), QDate(2024, 2, 1));
    bar.setFilterText(QStringLiteral("x"));
    QVERIFY(!bar.filter().isEmpty());
    QSignalSpy changed(&bar, &FilterBar::filterChanged);
    bar.clear();
    QCOMPARE(changed.count(), 1);
    QVERIFY(bar.filter().isEmpty());
}

void TestUiWidgets::bannerShowsMarkupLiterally_data() {
    QTest::addColumn<QString>("message");
    QTest::newRow("img") << QStringLiteral("<img src=x> failed");
    QTest::newRow("bold") << QStringLiteral("<b>Bad username / password</b>");
    QTest::newRow("link") << QStringLiteral("<a href=\"http://evil\">click</a>");
}

void TestUiWidgets::bannerShowsMarkupLiterally() {
    QFETCH(QString, message);
    ErrorBanner banner;
    banner.showError(message);
    auto *label = banner.findChild<QLabel *>(QStringLiteral("errorBannerText"));
    QVERIFY(label);
    QCOMPARE(label->textFormat(), Qt::PlainText);
    QCOMPARE(label->text(), message);
    QCOMPARE(banner.message(), message);
    QVERIFY(banner.actionButton()->isHidden()); // no action given: Dismiss only
}

void TestUiWidgets::bannerActionRunsAndHides() {
    ErrorBanner banner;
    int runs = 0;
    banner.showError(QStringLiteral("The server answered HTTP 500"), [&runs] { ++runs; });
    banner.show();
    QVERIFY(!banner.actionButton()->isHidden());
    QTest::mouseClick(banner.actionButton(), Qt::LeftButton);
    QCOMPARE(runs, 1);
    QVERIFY(banner.isHidden());
    QVERIFY(banner.message().isEmpty());
}

QTEST_MAIN(TestUiWidgets)
#include "tst_uiwidgets.moc"
