// The small widgets on their own: the filter bar's debounce and "any" date ends, and the
// error banner's plain text and action.
#include "datefilteredit.h"
#include "errorbanner.h"
#include "filterbar.h"

#include "core/bouncecelltext.h"

#include <QAction>
#include <QCalendarWidget>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTextDocument>
#include <QTimer>
#include <QToolButton>
#include <QtTest>

#include <algorithm>

class TestUiWidgets final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void typingIsAppliedOnceAfterAPause();
    void dateEndsStartAsAny();
    void openingTheCalendarChangesNothing();
    void aDayPickedInTheCalendarApplies();
    void typedDatesApplyAndEscReverts();
    void aDateRangeIsOneFilterPass();
    void presetsSetTheLastDays_data();
    void presetsSetTheLastDays();
    void clearEmptiesTheTextAndItsIcon();
    void toolTipsAreLaidOutWide_data();
    void toolTipsAreLaidOutWide();
    void clearResetsEverything();
    void classFilterJoinsTheType();
    void listsWithoutStatusHideTypeAndClass();
    void bannerShowsMarkupLiterally_data();
    void bannerShowsMarkupLiterally();
    void bannerActionRunsAndHides();
    void bannerNoticeIsNotStyledAsAnError();
};

void TestUiWidgets::typingIsAppliedOnceAfterAPause() {
    FilterBar bar;
    QSignalSpy changed(&bar, &FilterBar::filterChanged);
    QTest::keyClicks(bar.searchEdit(), QStringLiteral("mailbox"));
    QCOMPARE(changed.count(), 0); // nothing while typing
    QTRY_COMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).value<BounceTableModel::Filter>().text, QStringLiteral("mailbox"));
    // Nothing is pending that could apply it again: the pause's timer has stopped.
    const QList<QTimer *> timers = bar.findChildren<QTimer *>(Qt::FindDirectChildrenOnly);
    QVERIFY(!timers.isEmpty());
    for (const QTimer *timer : timers)
        QVERIFY(!timer->isActive());
    QCoreApplication::sendPostedEvents();
    QCOMPARE(changed.count(), 1);
}

void TestUiWidgets::dateEndsStartAsAny() {
    FilterBar bar;
    DateFilterEdit *from = bar.fromEdit();
    QVERIFY(from->lineEdit()->text().isEmpty());
    QCOMPARE(from->lineEdit()->placeholderText(), QStringLiteral("any"));
    QVERIFY(!bar.filter().from.isValid());
    bar.setDateRange(QDate(2024, 1, 2), QDate());
    QCOMPARE(bar.filter().from, QDate(2024, 1, 2));
    QCOMPARE(from->lineEdit()->text(), QStringLiteral("2024-01-02"));
    QVERIFY(!bar.filter().to.isValid());
}

// Opening the calendar shows this month and filters nothing; Esc closes it as it was.
void TestUiWidgets::openingTheCalendarChangesNothing() {
    FilterBar bar;
    bar.show();
    QVERIFY(QTest::qWaitForWindowExposed(&bar));
    QSignalSpy changed(&bar, &FilterBar::filterChanged);
    DateFilterEdit *from = bar.fromEdit();
    QTest::mouseClick(from->calendarButton(), Qt::LeftButton);
    QVERIFY(from->isCalendarVisible());
    QCOMPARE(from->calendar()->monthShown(), QDate::currentDate().month());
    QCOMPARE(from->calendar()->yearShown(), QDate::currentDate().year());
    QCOMPARE(changed.count(), 0);
    QVERIFY(!bar.filter().from.isValid());
    QVERIFY(from->lineEdit()->text().isEmpty());
    // Moving through the days with the keys chooses nothing either.
    QTest::keyClick(from->calendar()->focusWidget(), Qt::Key_Left);
    QCOMPARE(changed.count(), 0);
    QTest::keyClick(from->calendar()->focusWidget(), Qt::Key_Escape);
    QVERIFY(!from->isCalendarVisible());
    QCOMPARE(changed.count(), 0);
    QVERIFY(!bar.filter().from.isValid());

    // With a day chosen, the calendar opens on that day's month, and Esc keeps that day.
    bar.setDateRange(QDate(2023, 5, 17), QDate());
    changed.clear();
    from->showCalendar();
    QCOMPARE(from->calendar()->monthShown(), 5);
    QCOMPARE(from->calendar()->yearShown(), 2023);
    QTest::keyClick(from->calendar()->focusWidget(), Qt::Key_Right);
    QTest::keyClick(from->calendar()->focusWidget(), Qt::Key_Escape);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(bar.filter().from, QDate(2023, 5, 17));
}

void TestUiWidgets::aDayPickedInTheCalendarApplies() {
    FilterBar bar;
    bar.show();
    QVERIFY(QTest::qWaitForWindowExposed(&bar));
    QSignalSpy changed(&bar, &FilterBar::filterChanged);
    DateFilterEdit *to = bar.toEdit();
    to->showCalendar();
    to->calendar()->setSelectedDate(QDate(2024, 2, 29));
    QCOMPARE(changed.count(), 0);
    QTest::keyClick(to->calendar()->focusWidget(), Qt::Key_Return);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(bar.filter().to, QDate(2024, 2, 29));
    QCOMPARE(to->lineEdit()->text(), QStringLiteral("2024-02-29"));
    QVERIFY(!to->isCalendarVisible());
}

void TestUiWidgets::typedDatesApplyAndEscReverts() {
    FilterBar bar;
    bar.show();
    QVERIFY(QTest::qWaitForWindowExposed(&bar));
    QSignalSpy changed(&bar, &FilterBar::filterChanged);
    QLineEdit *from = bar.fromEdit()->lineEdit();
    from->setFocus();
    QTest::keyClicks(from, QStringLiteral("2024-03-01"));
    QCOMPARE(changed.count(), 0); // nothing until Enter
    QTest::keyClick(from, Qt::Key_Return);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(bar.filter().from, QDate(2024, 3, 1));

    // Esc while typing puts back the day in force.
    from->selectAll();
    QTest::keyClicks(from, QStringLiteral("2024-04-"));
    QTest::keyClick(from, Qt::Key_Escape);
    QCOMPARE(from->text(), QStringLiteral("2024-03-01"));
    QCOMPARE(changed.count(), 1);

    // Not a day: nothing changes.
    from->selectAll();
    QTest::keyClicks(from, QStringLiteral("2024-13-45"));
    QTest::keyClick(from, Qt::Key_Return);
    QCOMPARE(from->text(), QStringLiteral("2024-03-01"));
    QCOMPARE(bar.filter().from, QDate(2024, 3, 1));
    QCOMPARE(changed.count(), 1);

    // The locale's short form is understood too, and shown as yyyy-mm-dd.
    from->selectAll();
    QTest::keyClicks(from, QLocale().toString(QDate(2024, 7, 9), QLocale::ShortFormat));
    QTest::keyClick(from, Qt::Key_Return);
    QCOMPARE(changed.count(), 2);
    QCOMPARE(bar.filter().from.month(), 7);
    QCOMPARE(bar.filter().from.day(), 9);

    // Emptied: any, at once.
    from->selectAll();
    QTest::keyClick(from, Qt::Key_Backspace);
    QCOMPARE(changed.count(), 3);
    QVERIFY(!bar.filter().from.isValid());
}

void TestUiWidgets::aDateRangeIsOneFilterPass() {
    // A timeline bar sets both ends at once: one filter for the model, not one per end (at a
    // million rows each is a pass over every row).
    FilterBar bar;
    QSignalSpy changed(&bar, &FilterBar::filterChanged);
    bar.setDateRange(QDate(2024, 3, 1), QDate(2024, 3, 7));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(bar.filter().from, QDate(2024, 3, 1));
    QCOMPARE(bar.filter().to, QDate(2024, 3, 7));
    bar.setDateRange(QDate(2024, 4, 2), QDate(2024, 4, 2));
    QCOMPARE(changed.count(), 2);
    QCOMPARE(changed.at(1).at(0).value<BounceTableModel::Filter>().from, QDate(2024, 4, 2));
    QCOMPARE(changed.at(1).at(0).value<BounceTableModel::Filter>().to, QDate(2024, 4, 2));
    bar.setDateRange(QDate(2024, 4, 2), QDate(2024, 4, 2)); // the same: nothing to do
    QCOMPARE(changed.count(), 2);
}

void TestUiWidgets::presetsSetTheLastDays_data() {
    QTest::addColumn<int>("days");
    QTest::newRow("7") << 7;
    QTest::newRow("30") << 30;
    QTest::newRow("90") << 90;
}

void TestUiWidgets::presetsSetTheLastDays() {
    QFETCH(int, days);
    FilterBar bar;
    bar.show();
    QVERIFY(QTest::qWaitForWindowExposed(&bar));
    bar.setDateRange(QDate(2020, 1, 1), QDate(2020, 2, 1));
    QSignalSpy changed(&bar, &FilterBar::filterChanged);
    DateFilterEdit *from = bar.fromEdit();
    from->showCalendar();
    auto *preset = from->window()->findChild<QPushButton *>(QStringLiteral("preset%1").arg(days));
    if (!preset) // the popup is a window of its own, a child of the edit
        preset = from->findChild<QPushButton *>(QStringLiteral("preset%1").arg(days));
    QVERIFY(preset);
    QTest::mouseClick(preset, Qt::LeftButton);
    QCOMPARE(changed.count(), 1); // one change for both ends
    QCOMPARE(bar.filter().from, QDate::currentDate().addDays(1 - days));
    QVERIFY(!bar.filter().to.isValid());
    QVERIFY(!from->isCalendarVisible());
}

// The text field's own clear icon goes with the text when the filter is cleared.
void TestUiWidgets::clearEmptiesTheTextAndItsIcon() {
    FilterBar bar;
    bar.show();
    QVERIFY(QTest::qWaitForWindowExposed(&bar));
    QToolButton *icon = nullptr;
    for (QToolButton *button : bar.searchEdit()->findChildren<QToolButton *>()) {
        if (button->defaultAction() &&
            button->defaultAction()->objectName() == QLatin1String("_q_qlineeditclearaction"))
            icon = button;
    }
    QVERIFY(icon);
    bar.setFilterText(QStringLiteral("mailbox"));
    QTRY_COMPARE(icon->property("opacity").toReal(), 1.0); // shown (it fades in)
    bar.clear();
    QVERIFY(bar.searchEdit()->text().isEmpty());
    QTRY_COMPARE(icon->property("opacity").toReal(), 0.0); // and gone (it fades out)
}

void TestUiWidgets::toolTipsAreLaidOutWide_data() {
    QTest::addColumn<QString>("plain");
    QTest::newRow("a short sentence")
        << QStringLiteral("Not deleted: 127.0.0.1 refused the connection");
    QTest::newRow("a long reason")
        << QStringLiteral("host mx.example.com said: 550 5.1.1 ").repeated(12);
    QTest::newRow("one long word") << QStringLiteral("x").repeated(300);
}

// Qt lays a rich tooltip out about 160 px wide; ours keep their lines, up to 80 characters.
void TestUiWidgets::toolTipsAreLaidOutWide() {
    QFETCH(QString, plain);
    const QString tip = escapedToolTip(plain);
    QTextDocument document; // what QToolTip's label does with rich text
    document.setHtml(tip);
    document.adjustSize();
    const QFontMetricsF metrics(document.defaultFont());
    const qreal longest = std::min(plain.size(), toolTipLineChars);
    QVERIFY2(document.size().width() >= metrics.horizontalAdvance(u'x') * longest * 0.6,
             qPrintable(QString::number(document.size().width())));
    QString rendered = document.toPlainText();
    rendered.replace(QChar::LineSeparator, QLatin1Char(' '));
    rendered.replace(QLatin1Char('\n'), QLatin1Char(' '));
    QCOMPARE(rendered.simplified().remove(QLatin1Char(' ')),
             plain.simplified().remove(QLatin1Char(' ')));
    QString lines = document.toPlainText();
    lines.replace(QChar::LineSeparator, QLatin1Char('\n'));
    for (const QString &line : lines.split(QLatin1Char('\n')))
        QVERIFY2(line.size() <= toolTipLineChars, qPrintable(line));
}

void TestUiWidgets::clearResetsEverything() {
    FilterBar bar;
    bar.setTypeFilter(BounceTableModel::TypeFilter::Hard);
    bar.setClassFilter(BounceClass::Content);
    bar.setDateRange(QDate(2024, 1, 1), QDate(2024, 2, 1));
    bar.setFilterText(QStringLiteral("x"));
    QVERIFY(!bar.filter().isEmpty());
    QSignalSpy changed(&bar, &FilterBar::filterChanged);
    bar.clear();
    QCOMPARE(changed.count(), 1);
    QVERIFY(bar.filter().isEmpty());
    QCOMPARE(bar.classBox()->currentIndex(), 0);
}

void TestUiWidgets::classFilterJoinsTheType() {
    FilterBar bar;
    QComboBox *classes = bar.classBox();
    // All classes, then SendGrid's seven, Unclassified last.
    QCOMPARE(classes->count(), 8);
    QCOMPARE(classes->itemText(0), QStringLiteral("All classes"));
    QCOMPARE(classes->itemText(1), QStringLiteral("Invalid Address"));
    QCOMPARE(classes->itemText(7), QStringLiteral("Unclassified"));
    QSignalSpy changed(&bar, &FilterBar::filterChanged);
    bar.setTypeFilter(BounceTableModel::TypeFilter::Soft);
    classes->setCurrentIndex(classes->findText(QStringLiteral("Mailbox Unavailable")));
    QCOMPARE(changed.count(), 2); // each applied at once
    const BounceTableModel::Filter filter = changed.last().at(0).value<BounceTableModel::Filter>();
    QCOMPARE(filter.type, BounceTableModel::TypeFilter::Soft);
    QCOMPARE(filter.bounceClass, std::optional<BounceClass>(BounceClass::MailboxUnavailable));
    QVERIFY(!filter.isEmpty());
    bar.setClassFilter(std::nullopt);
    QCOMPARE(changed.count(), 3);
    QVERIFY(!bar.filter().bounceClass);
}

void TestUiWidgets::listsWithoutStatusHideTypeAndClass() {
    FilterBar bar;
    bar.setTypeFilter(BounceTableModel::TypeFilter::Hard);
    bar.setClassFilter(BounceClass::Reputation);
    QSignalSpy changed(&bar, &FilterBar::filterChanged);
    bar.setList(SuppressionList::SpamReports);
    QCOMPARE(changed.count(), 1); // type and class no longer narrow
    QVERIFY(bar.typeBox()->isHidden());
    QVERIFY(bar.classBox()->isHidden());
    QVERIFY(bar.filter().isEmpty()); // nothing hidden counts, so Clear has nothing to clear
    QVERIFY(!bar.findChild<QToolButton *>(QStringLiteral("filterClear"))->isEnabled());
    QVERIFY(!bar.searchEdit()->placeholderText().contains(QStringLiteral("status")));
    bar.setList(SuppressionList::Blocks); // the choices come back with the filters
    QCOMPARE(changed.count(), 2);
    QVERIFY(!bar.typeBox()->isHidden());
    QVERIFY(!bar.classBox()->isHidden());
    QCOMPARE(bar.filter().type, BounceTableModel::TypeFilter::Hard);
    QCOMPARE(bar.filter().bounceClass, std::optional<BounceClass>(BounceClass::Reputation));
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

void TestUiWidgets::bannerNoticeIsNotStyledAsAnError() {
    ErrorBanner banner;
    banner.showError(QStringLiteral("The server answered HTTP 500"));
    const QColor errorColour = banner.palette().color(QPalette::Window);
    QVERIFY(!banner.isNotice());
    banner.showNotice(QStringLiteral("Not connected yet."));
    QVERIFY(banner.isNotice());
    QVERIFY(banner.palette().color(QPalette::Window) != errorColour);
    QVERIFY(banner.palette().color(QPalette::Window).red() <=
            banner.palette().color(QPalette::Window).blue()); // not the red tint
    banner.showError(QStringLiteral("Again an error"));
    QVERIFY(!banner.isNotice());
    QCOMPARE(banner.palette().color(QPalette::Window), errorColour);
}

QTEST_MAIN(TestUiWidgets)
#include "tst_uiwidgets.moc"
