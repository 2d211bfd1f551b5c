#include "timelineview.h"

#include "core/bouncetablemodel.h"
#include "core/bouncetimelinebuilder.h"

#include <QAction>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QCursor>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLocale>
#include <QSettings>
#include <QStackedBarSeries>
#include <QStackedWidget>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <functional>

const QString TimelineView::expandedKey = QStringLiteral("window/timelineShown");

namespace {

constexpr int chartHeight = 170;
constexpr int maxAxisLabels = 8;

} // namespace

QColor TimelineView::classColour(BounceClass bounceClass) {
    // Okabe and Ito's palette, told apart by most colour-blind eyes too.
    switch (bounceClass) {
    case BounceClass::InvalidAddress:
        return QColor(0xD5, 0x5E, 0x00);
    case BounceClass::MailboxUnavailable:
        return QColor(0xE6, 0x9F, 0x00);
    case BounceClass::Reputation:
        return QColor(0xCC, 0x79, 0xA7);
    case BounceClass::TechnicalFailure:
        return QColor(0x00, 0x72, 0xB2);
    case BounceClass::Content:
        return QColor(0x00, 0x9E, 0x73);
    case BounceClass::FrequencyOrVolumeTooHigh:
        return QColor(0x56, 0xB4, 0xE9);
    case BounceClass::Unclassified:
        break;
    }
    return QColor(0x99, 0x99, 0x99);
}

TimelineView::TimelineView(BounceTableModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_builder(new BounceTimelineBuilder(model, this))
    , m_toggle(new QAction(tr("Show &Timeline"), this))
    , m_arrow(new QToolButton(this))
    , m_summary(new QLabel(this))
    , m_wholeList(new QToolButton(this))
    , m_body(new QStackedWidget(this))
    // Built with its chart: QChartView(QWidget *) makes a default chart of its own, and
    // setChart() would release that one without deleting it.
    , m_chartView(new QChartView(new QChart(), m_body))
    , m_chart(m_chartView->chart())
    , m_empty(new QLabel(m_body)) {
    setObjectName(QStringLiteral("timeline"));
    m_toggle->setObjectName(QStringLiteral("showTimeline"));
    m_toggle->setCheckable(true);
    m_toggle->setToolTip(tr("Show or hide the bounces per day above the table"));

    m_arrow->setObjectName(QStringLiteral("timelineToggle"));
    m_arrow->setAutoRaise(true);
    m_arrow->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_arrow->setText(tr("Timeline"));
    m_arrow->setCheckable(true);
    m_arrow->setAccessibleName(tr("Show timeline"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setObjectName(QStringLiteral("timelineSummary"));
    m_wholeList->setObjectName(QStringLiteral("timelineWholeList"));
    m_wholeList->setText(tr("Whole List"));
    m_wholeList->setToolTip(tr("Show the timeline of the whole list again"));
    m_wholeList->setAutoRaise(true);
    m_wholeList->hide();

    m_chart->setMargins(QMargins(2, 2, 2, 2));
    m_chart->setBackgroundRoundness(0);
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->legend()->setAlignment(Qt::AlignRight);
    m_chart->legend()->setShowToolTips(true);
    m_chartView->setRenderHint(QPainter::Antialiasing, false);
    m_chartView->setFixedHeight(chartHeight);
    m_chartView->setAccessibleName(tr("Bounces per day"));
    m_chartView->setToolTip(
        tr("Click a bar, or pick one with the arrow keys and Enter, to filter the table to its "
           "days"));
    m_chartView->setFocusPolicy(Qt::StrongFocus);
    m_chartView->installEventFilter(this);
    m_empty->setTextFormat(Qt::PlainText);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setObjectName(QStringLiteral("timelineEmpty"));
    m_empty->setFixedHeight(chartHeight / 3);
    m_body->addWidget(m_chartView);
    m_body->addWidget(m_empty);
    m_body->setCurrentWidget(m_empty);

    auto *header = new QHBoxLayout;
    header->setContentsMargins(0, 0, 0, 0);
    header->addWidget(m_arrow);
    header->addWidget(m_summary, 1);
    header->addWidget(m_wholeList);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(header);
    layout->addWidget(m_body);

    connect(m_toggle, &QAction::toggled, this, [this](bool expanded) {
        setExpanded(expanded);
        QSettings().setValue(expandedKey, expanded);
    });
    connect(m_arrow, &QToolButton::clicked, m_toggle, &QAction::setChecked);
    connect(m_wholeList, &QToolButton::clicked, this, &TimelineView::showWholeList);
    connect(m_builder, &BounceTimelineBuilder::timelineChanged, this, &TimelineView::rebuildChart);
    connect(m_builder, &BounceTimelineBuilder::rangeChanged, this,
            [this] { m_wholeList->setVisible(m_builder->isZoomed()); });
    // The date filter is applied with a layout change (or a reset): highlight what it holds.
    connect(m_model, &QAbstractItemModel::layoutChanged, this, &TimelineView::updateHighlight);
    connect(m_model, &QAbstractItemModel::modelReset, this, &TimelineView::updateHighlight);
    connect(m_model, &BounceTableModel::listChanged, this, [this] {
        setVisible(m_model->section(SuppressionColumn::Created) >= 0); // every list has it today
        rebuildChart();
    });

    const bool expanded = QSettings().value(expandedKey, true).toBool();
    m_toggle->setChecked(expanded);
    setExpanded(expanded);
    rebuildChart();
}

TimelineView::~TimelineView() = default;

bool TimelineView::isExpanded() const {
    return m_toggle->isChecked();
}

const BounceTimeline &TimelineView::timeline() const {
    return m_builder->timeline();
}

void TimelineView::setExpanded(bool expanded) {
    m_arrow->setChecked(expanded);
    m_arrow->setArrowType(expanded ? Qt::DownArrow : Qt::RightArrow);
    m_body->setVisible(expanded);
    m_summary->setVisible(expanded);
    m_wholeList->setVisible(expanded && m_builder->isZoomed());
    m_builder->setActive(expanded); // a collapsed timeline counts nothing
}

void TimelineView::chooseBin(int index) {
    const BounceTimeline &shown = timeline();
    if (index < 0 || index >= int(shown.bins.size()))
        return;
    const BounceTimeline::Bin bin = shown.bins[std::size_t(index)];
    const bool coarse = shown.unit != BounceTimeline::Unit::Day;
    Q_EMIT daysChosen(bin.first, bin.last);
    if (coarse) {
        m_builder->setRange(bin.first, bin.last); // its days, from the next count on
        m_keyboardBin = -1;                       // other bars come
    }
}

bool TimelineView::eventFilter(QObject *watched, QEvent *event) {
    if (watched == m_chartView && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->modifiers() == Qt::NoModifier || key->modifiers() == Qt::KeypadModifier) {
            if (handleChartKey(key->key()))
                return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

bool TimelineView::handleChartKey(int key) {
    const int bins = m_series ? int(timeline().bins.size()) : 0;
    if (bins == 0)
        return false;
    // The first key starts at the first bar the date filter holds, else the latest bar.
    int start = bins - 1;
    if (m_keyboardBin >= 0) {
        start = m_keyboardBin;
    } else if (const QList<int> chosen = m_series->barSets().constFirst()->selectedBars();
               !chosen.isEmpty()) {
        start = chosen.constFirst();
    }
    const bool fresh = m_keyboardBin < 0;
    switch (key) {
    case Qt::Key_Left:
        moveKeyboardBin(fresh ? start : start - 1);
        return true;
    case Qt::Key_Right:
        moveKeyboardBin(fresh ? start : start + 1);
        return true;
    case Qt::Key_Home:
        moveKeyboardBin(0);
        return true;
    case Qt::Key_End:
        moveKeyboardBin(bins - 1);
        return true;
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Space:
        if (fresh)
            moveKeyboardBin(start);
        chooseBin(m_keyboardBin);
        return true;
    default:
        return false;
    }
}

void TimelineView::moveKeyboardBin(int index) {
    const BounceTimeline &shown = timeline();
    if (!m_series || shown.bins.empty())
        return;
    m_keyboardBin = std::clamp(index, 0, int(shown.bins.size()) - 1);
    const QString text = binDescription(m_keyboardBin);
    m_chartView->setAccessibleDescription(text);
    // Shown above the bar, where the mouse would have been.
    const qreal top = qreal(shown.bins[std::size_t(m_keyboardBin)].total());
    const QPointF inChart = m_chart->mapToPosition(QPointF(m_keyboardBin, top), m_series);
    const QPoint inView = m_chartView->mapFromScene(m_chart->mapToScene(inChart));
    QToolTip::showText(m_chartView->mapToGlobal(inView), text, m_chartView);
}

void TimelineView::showWholeList() {
    m_builder->setRange(QDate(), QDate());
}

QString TimelineView::binTitle(const BounceTimeline::Bin &bin) const {
    const QString day = QStringLiteral("yyyy-MM-dd");
    if (bin.first == bin.last)
        return bin.first.toString(day);
    return tr("%1 to %2").arg(bin.first.toString(day), bin.last.toString(day));
}

void TimelineView::rebuildChart() {
    const BounceTimeline &shown = timeline();
    updateSummary();
    m_wholeList->setVisible(isExpanded() && m_builder->isZoomed());

    // The old bars and axes go; at most maxBins bars per set come, whatever the rows.
    if (m_series) {
        m_chart->removeSeries(m_series);
        delete m_series;
        m_series = nullptr;
    }
    const QList<QAbstractAxis *> axes = m_chart->axes();
    for (QAbstractAxis *axis : axes) {
        m_chart->removeAxis(axis);
        delete axis;
    }
    if (shown.isEmpty()) {
        if (m_model->totalRows() == 0)
            m_empty->setText(m_model->isLoading() ? tr("Counting the rows per day…")
                                                  : tr("No rows to show per day."));
        else if (shown.undated > 0 && shown.dated == 0)
            m_empty->setText(tr("None of the rows the filter shows has a created date."));
        else
            m_empty->setText(tr("No rows to show per day: the filter hides every row."));
        m_body->setCurrentWidget(m_empty);
        m_keyboardBin = -1;
        return;
    }
    m_body->setCurrentWidget(m_chartView);

    m_byClass = hasStatus(m_model->list());
    auto *series = new QStackedBarSeries;
    series->setBarWidth(0.85);
    const auto addSet =
        [this, series, &shown](const QString &title, const QColor &colour,
                               const std::function<qsizetype(const BounceTimeline::Bin &)> &count) {
            auto *set = new QBarSet(title);
            set->setColor(colour);
            set->setBorderColor(colour);
            set->setSelectedColor(colour.darker(170));
            QList<qreal> values;
            values.reserve(qsizetype(shown.bins.size()));
            qsizetype sum = 0;
            for (const BounceTimeline::Bin &bin : shown.bins) {
                values.append(qreal(count(bin)));
                sum += count(bin);
            }
            set->append(values);
            connect(set, &QBarSet::clicked, this, &TimelineView::chooseBin);
            connect(set, &QBarSet::hovered, this, &TimelineView::showBinToolTip);
            series->append(set);
            return sum;
        };
    QList<QBarSet *> emptySets;
    if (m_byClass) {
        for (const BounceClass bounceClass : allBounceClasses) {
            const std::size_t at = std::size_t(bounceClass);
            if (addSet(bounceClassTitle(bounceClass), classColour(bounceClass),
                       [at](const BounceTimeline::Bin &bin) { return bin.counts[at]; }) == 0)
                emptySets.append(series->barSets().constLast());
        }
    } else {
        addSet(suppressionListTitle(m_model->list()), classColour(BounceClass::TechnicalFailure),
               [](const BounceTimeline::Bin &bin) { return bin.total(); });
    }
    m_chart->addSeries(series);
    m_series = series;
    // The legend names the classes present only (every set keeps its place in the stack).
    for (QBarSet *set : std::as_const(emptySets)) {
        for (QLegendMarker *marker : m_chart->legend()->markers(series)) {
            if (marker->label() == set->label())
                marker->setVisible(false);
        }
    }
    m_chart->legend()->setVisible(m_byClass);

    // Labels under every few bars only (each would need more room than a bar has), on a value
    // axis whose categories end at the labelled bars (bar i stands at x = i). A category axis
    // of one label per bar laid out (and created) up to maxBins text items on every rebuild:
    // tens of ms of the GUI thread, while a list streams in, for labels that were blank.
    const int bins = int(shown.bins.size());
    const int every = std::max(1, (bins + maxAxisLabels - 1) / maxAxisLabels);
    const QString format = shown.unit == BounceTimeline::Unit::Month ? QStringLiteral("yyyy-MM")
                           : shown.unit == BounceTimeline::Unit::Year
                               ? QStringLiteral("yyyy")
                               : QStringLiteral("yyyy-MM-dd");
    auto *axisX = new QCategoryAxis;
    axisX->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    axisX->setStartValue(-0.5);
    for (int i = 0; i < bins; i += every)
        axisX->append(shown.bins[std::size_t(i)].first.toString(format), i);
    axisX->setRange(-0.5, bins - 0.5);
    axisX->setTruncateLabels(false);
    axisX->setGridLineVisible(false);
    m_chart->addAxis(axisX, Qt::AlignBottom);
    series->attachAxis(axisX);

    qsizetype highest = 0;
    for (const BounceTimeline::Bin &bin : shown.bins)
        highest = std::max(highest, bin.total());
    auto *axisY = new QValueAxis;
    axisY->setLabelFormat(QStringLiteral("%d"));
    // Whole numbers on every tick: a round step (1, 2 or 5 times a power of ten) that the
    // highest bar needs at most four of.
    const qsizetype top = std::max<qsizetype>(highest, 1);
    qsizetype step = 1;
    for (qsizetype power = 1; (top + step - 1) / step > 4; power *= 10) {
        for (const qsizetype factor : {1, 2, 5}) {
            step = factor * power;
            if ((top + step - 1) / step <= 4)
                break;
        }
    }
    const qsizetype ticks = (top + step - 1) / step;
    axisY->setRange(0, qreal(ticks * step));
    axisY->setTickCount(int(ticks) + 1);
    m_chart->addAxis(axisY, Qt::AlignLeft);
    series->attachAxis(axisY);

    // The keyboard's bar stays on a bar that exists.
    if (m_keyboardBin >= bins)
        m_keyboardBin = bins - 1;
    updateHighlight();
}

void TimelineView::updateHighlight() {
    if (!m_series)
        return;
    const BounceTimeline &shown = timeline();
    const QDate from = m_model->filter().from;
    const QDate to = m_model->filter().to;
    QList<int> chosen;
    if (from.isValid() || to.isValid()) {
        for (int i = 0; i < int(shown.bins.size()); ++i) {
            const BounceTimeline::Bin &bin = shown.bins[std::size_t(i)];
            if ((!from.isValid() || bin.last >= from) && (!to.isValid() || bin.first <= to))
                chosen.append(i);
        }
    }
    const QList<QBarSet *> sets = m_series->barSets();
    for (QBarSet *set : sets) {
        set->deselectAllBars();
        set->selectBars(chosen);
    }
}

void TimelineView::updateSummary() {
    const BounceTimeline &shown = timeline();
    if (shown.isEmpty()) {
        m_summary->clear();
        return;
    }
    const QLocale locale;
    // English plurals spelled out, as elsewhere: "1 row", and %Ln for the translators' forms.
    const int dated = int(shown.dated);
    const bool one = dated == 1;
    const QString span = binTitle({shown.bins.front().first, shown.bins.back().last, {}});
    QString text;
    switch (shown.unit) {
    case BounceTimeline::Unit::Day:
        text = one ? tr("1 row per day, %1").arg(span)
                   : tr("%Ln rows per day, %1", nullptr, dated).arg(span);
        break;
    case BounceTimeline::Unit::Week:
        text = one ? tr("1 row per week (from Monday), %1").arg(span)
                   : tr("%Ln rows per week (from Monday), %1", nullptr, dated).arg(span);
        break;
    case BounceTimeline::Unit::Month:
        text = one ? tr("1 row per month, %1").arg(span)
                   : tr("%Ln rows per month, %1", nullptr, dated).arg(span);
        break;
    case BounceTimeline::Unit::Year:
        text = one ? tr("1 row per year, %1").arg(span)
                   : tr("%Ln rows per year, %1", nullptr, dated).arg(span);
        break;
    }
    if (shown.undated > 0)
        text += tr("; %1 without a created date").arg(locale.toString(qint64(shown.undated)));
    if (hasStatus(m_model->list()))
        text += tr(" (classes derived by BounceDesk)");
    m_summary->setText(text);
}

void TimelineView::showBinToolTip(bool hovering, int index) {
    if (!hovering || index < 0 || index >= int(timeline().bins.size())) {
        QToolTip::hideText();
        return;
    }
    QToolTip::showText(QCursor::pos(), binDescription(index), m_chartView);
}

QString TimelineView::binDescription(int index) const {
    const BounceTimeline::Bin &bin = timeline().bins[std::size_t(index)];
    const QLocale locale;
    const int total = int(bin.total());
    QStringList lines{total == 1 ? tr("%1: 1 row").arg(binTitle(bin))
                                 : tr("%1: %Ln rows", nullptr, total).arg(binTitle(bin))};
    if (hasStatus(m_model->list())) {
        for (const BounceClass bounceClass : allBounceClasses) {
            const qsizetype count = bin.counts[std::size_t(bounceClass)];
            if (count > 0)
                lines << tr("%1: %2").arg(bounceClassTitle(bounceClass),
                                          locale.toString(qint64(count)));
        }
    }
    // Dates, numbers and class names only: nothing a stranger wrote.
    return lines.join(u'\n');
}
