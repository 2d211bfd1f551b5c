// The timeline's cost on the loaded table: the count over every row (what runs on the
// worker), the chart built from it on the GUI thread, and, through the window, a class picked
// in the filter bar (table and timeline follow) and a day's bar clicked (the table filters to
// it), with the GUI thread's longest stall while they update.
#include "windowbench.h"

#include "benchsupport.h"
#include "guistallmeter.h"

#include "filterbar.h"
#include "mainwindow.h"
#include "timelineview.h"

#include "core/bouncetablemodel.h"
#include "core/bouncetimeline.h"
#include "core/bouncetimelinebuilder.h"

#include <algorithm>

using WindowBench::putFigure;

namespace {

bool waitSettled(const BounceTableModel &model, const BounceTimelineBuilder &builder) {
    return Bench::waitUntil([&] { return !model.isBusy() && !builder.isBusy(); }, 120'000);
}

// The fastest of three: the count alone, without the machine's other load as far as can be.
double timeCount(const BounceTableModel &model, const BounceFilter &filter) {
    const auto snapshot = model.store().snapshot();
    const std::vector<quint8> flags = model.rowFlags();
    double best = 1e18;
    for (int i = 0; i < 3; ++i) {
        const qint64 startNs = Bench::nowNs();
        const BounceTimeline timeline = BounceTimeline::build(*snapshot, flags, filter);
        best = std::min(best, Bench::msBetween(startNs, Bench::nowNs()));
        if (timeline.isEmpty())
            WindowBench::putError(QStringLiteral("the timeline counted no row"));
    }
    return best;
}

} // namespace

namespace WindowBench {

void measureTimeline(MainWindow &window, GuiStallMeter &stall) {
    BounceTableModel *model = window.model();
    TimelineView *view = window.timelineView();
    BounceTimelineBuilder *builder = view->builder();
    FilterBar *bar = window.filterBar();
    if (!view->isExpanded())
        view->toggleAction()->trigger();
    waitSettled(*model, *builder);
    const BounceTimeline &timeline = view->timeline();
    putFigure(QStringLiteral("timeline.rows"), double(timeline.dated + timeline.undated));
    putFigure(QStringLiteral("timeline.bins"), double(timeline.bins.size()));

    putFigure(QStringLiteral("timeline.count.ms"), timeCount(*model, model->listFilter()));
    BounceFilter oneClass = model->listFilter();
    oneClass.bounceClass = BounceClass::InvalidAddress;
    putFigure(QStringLiteral("timeline.countOneClass.ms"), timeCount(*model, oneClass));

    // The chart from the counted bins, on the GUI thread, as a new count arriving rebuilds it.
    const qint64 chartNs = Bench::nowNs();
    Q_EMIT builder->timelineChanged();
    putFigure(QStringLiteral("timeline.chart.ms"), Bench::msBetween(chartNs, Bench::nowNs()));

    // A class picked: the table filters, the timeline counts again; until both are shown.
    int counts = 0;
    QObject context;
    QObject::connect(builder, &BounceTimelineBuilder::timelineChanged, &context,
                     [&counts] { ++counts; });
    stall.restart();
    const qint64 classNs = Bench::nowNs();
    bar->setClassFilter(BounceClass::InvalidAddress);
    Bench::waitUntil([&] { return counts > 0; }, 120'000);
    waitSettled(*model, *builder);
    putFigure(QStringLiteral("timeline.update.ms"), Bench::msBetween(classNs, Bench::nowNs()));
    putFigure(QStringLiteral("timeline.update.dated"), double(view->timeline().dated));

    // The busiest bar clicked: the table shows its days (the timeline keeps its bins).
    const auto &bins = view->timeline().bins;
    const auto busiest = std::max_element(
        bins.begin(), bins.end(), [](const BounceTimeline::Bin &a, const BounceTimeline::Bin &b) {
            return a.total() < b.total();
        });
    if (busiest != bins.end()) {
        const qint64 clickNs = Bench::nowNs();
        view->chooseBin(int(busiest - bins.begin()));
        Bench::waitUntil([&] { return model->filter().from.isValid(); }, 5'000);
        waitSettled(*model, *builder);
        putFigure(QStringLiteral("timeline.click.ms"), Bench::msBetween(clickNs, Bench::nowNs()));
        putFigure(QStringLiteral("timeline.click.shownRows"), double(model->shownRows()));
    }
    Bench::waitUntil([] { return false; }, 30); // repaints, counted with the rest
    putFigure(QStringLiteral("timeline.stall.ms"), stall.maxGapMs());
    view->showWholeList();
    bar->clear();
    waitSettled(*model, *builder);
}

} // namespace WindowBench
