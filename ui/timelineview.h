#pragma once

#include "core/bounceclass.h"
#include "core/bouncetimeline.h"

#include <QWidget>

class BounceTableModel;
class BounceTimelineBuilder;
class QAction;
class QChart;
class QChartView;
class QLabel;
class QStackedBarSeries;
class QStackedWidget;
class QToolButton;

// The timeline above the table: the list's rows per created day (local, as the table shows
// them), stacked by derived class for bounces and blocks, one colour for the other lists. It
// follows the filter's text, type and class but not its dates: picking a day (a click on its
// bar) makes it the date filter (daysChosen()), and it stays in view among the days around
// it, highlighted, as does any date range the filter holds. Long spans are binned by week,
// month or year (BounceTimeline); picking such a bar filters to it and zooms in on its days,
// *Whole List* zooms out again. From the keyboard: Tab to the chart, the arrow keys (Home,
// End) go from bar to bar, each one's counts shown beside it and given to screen readers as the
// chart's description, and Enter or Space picks it as a click would.
//
// The counting runs beside the window (BounceTimelineBuilder); the chart is built from at most
// BounceTimeline::maxBins bars, whatever the rows. Collapsible from its header and the View
// menu (toggleAction()); the choice is remembered, and a collapsed timeline counts nothing.
class TimelineView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineView)
public:
    static const QString expandedKey; // QSettings

    explicit TimelineView(BounceTableModel *model, QWidget *parent = nullptr);
    ~TimelineView() override;

    // "Show Timeline", checkable: expanded or collapsed (also the header's arrow button).
    QAction *toggleAction() const { return m_toggle; }
    bool isExpanded() const;
    BounceTimelineBuilder *builder() const { return m_builder; }
    const BounceTimeline &timeline() const;
    QStackedBarSeries *series() const { return m_series; } // null while nothing is drawn
    int keyboardBin() const { return m_keyboardBin; }      // the bar the arrow keys are on, or -1
    QChartView *chartView() const { return m_chartView; }
    QLabel *summaryLabel() const { return m_summary; }
    QLabel *emptyLabel() const { return m_empty; }
    QToolButton *wholeListButton() const { return m_wholeList; }

    // What the timeline draws for a class, in the legend and on the bars.
    static QColor classColour(BounceClass bounceClass);

public Q_SLOTS:
    // A bar clicked: the date filter becomes its days (a coarser bar also zooms in on them).
    void chooseBin(int index);
    void showWholeList(); // zooms out

Q_SIGNALS:
    void daysChosen(const QDate &from, const QDate &to);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override; // the chart's keys

private:
    void setExpanded(bool expanded);
    bool handleChartKey(int key);
    void moveKeyboardBin(int index);
    QString binDescription(int index) const; // its days and counts, plain text
    void rebuildChart();
    void updateHighlight(); // the bars within the date filter
    void updateSummary();
    void showBinToolTip(bool hovering, int index);
    QString binTitle(const BounceTimeline::Bin &bin) const;

    BounceTableModel *m_model;
    BounceTimelineBuilder *m_builder;
    QAction *m_toggle;
    QToolButton *m_arrow;
    QLabel *m_summary;
    QToolButton *m_wholeList;
    QStackedWidget *m_body;
    QChartView *m_chartView;
    QChart *m_chart;
    QLabel *m_empty;
    QStackedBarSeries *m_series = nullptr;
    bool m_byClass = true; // the sets are classes (lists with a status), else one set
    int m_keyboardBin = -1;
};
