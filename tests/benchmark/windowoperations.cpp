// What a person does with a loaded million-row table: sort by each column, type a filter and
// clear it, delete scattered rows. Each is timed until the model has applied it, with the GUI
// thread's longest stall alongside.
#include "windowbench.h"

#include "benchserver.h"
#include "benchsupport.h"
#include "guistallmeter.h"

#include "bouncetableview.h"
#include "deletecontroller.h"
#include "filterbar.h"
#include "loadcontroller.h"
#include "mainwindow.h"

#include "core/bouncetablemodel.h"

#include <QLineEdit>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <numeric>

using WindowBench::putFigure;

namespace {

// What the model signals after arm(): its first change (a layout change for sort and filter,
// a reset, a removal), and when it last went idle (large lists are sorted and filtered on
// worker threads; the model is busy until the result is shown).
class ChangeWatch final : public QObject {
public:
    explicit ChangeWatch(BounceTableModel *model)
        : m_model(model) {
        const auto note = [this] {
            if (m_firstNs == 0)
                m_firstNs = Bench::nowNs();
        };
        connect(model, &QAbstractItemModel::layoutChanged, this, note);
        connect(model, &QAbstractItemModel::modelReset, this, note);
        connect(model, &QAbstractItemModel::rowsRemoved, this, note);
        connect(model, &BounceTableModel::busyChanged, this, [this](bool busy) {
            if (!busy)
                m_idleNs = Bench::nowNs();
        });
    }
    void arm() { m_firstNs = m_idleNs = 0; }
    BounceTableModel *model() const { return m_model; }
    qint64 firstNs() const { return m_firstNs; }
    qint64 idleNs() const { return m_idleNs; }

private:
    BounceTableModel *m_model;
    qint64 m_firstNs = 0;
    qint64 m_idleNs = 0;
};

bool waitIdle(const BounceTableModel &model) {
    return Bench::waitUntil([&] { return !model.isBusy(); }, 120'000);
}

// Milliseconds from starting `operation` until its effect is shown: the latest of its return,
// the first change the model signals and the model going idle. An operation that has not
// signalled a change by the time the model is idle gets one more second to do so.
double timeChange(ChangeWatch &watch, const std::function<void()> &operation) {
    watch.arm();
    const qint64 startNs = Bench::nowNs();
    operation();
    const qint64 returnedNs = Bench::nowNs();
    if (!waitIdle(*watch.model()))
        WindowBench::putError(QStringLiteral("the model stayed busy for 120 s"));
    if (watch.firstNs() == 0)
        Bench::waitUntil([&] { return watch.firstNs() != 0; }, 1'000);
    const qint64 endNs = std::max({returnedNs, watch.firstNs(), watch.idleNs()});
    return Bench::msBetween(startNs, endNs);
}

// True when the numeric sort keys of about 2,000 rows spread over the table are in `order`.
bool numericKeysOrdered(const BounceTableModel &model, int column, Qt::SortOrder order) {
    const int rows = model.rowCount();
    const int step = qMax(1, rows / 2000);
    qint64 previous = 0;
    for (int row = 0; row < rows; row += step) {
        const qint64 key =
            model.index(row, column).data(BounceTableModel::SortKeyRole).toLongLong();
        if (row > 0 && (order == Qt::AscendingOrder ? key < previous : key > previous))
            return false;
        previous = key;
    }
    return true;
}

// Times the flushes of the delete controller's batch timer: the timer event marks the start
// (event filters run before the timer emits), and a slot connected after the controller's own
// marks the end. The flush the controller runs directly when the queue ends is not seen.
class FlushProbe final : public QObject {
public:
    explicit FlushProbe(DeleteController *deletes) {
        const auto timers = deletes->findChildren<QTimer *>(Qt::FindDirectChildrenOnly);
        for (QTimer *timer : timers) {
            if (timer->isSingleShot() && timer->interval() == DeleteController::removalBatchMs)
                m_timer = timer;
        }
        if (!m_timer)
            return;
        m_timer->installEventFilter(this);
        connect(m_timer, &QTimer::timeout, this, [this] {
            if (m_startNs == 0)
                return;
            const double ms = Bench::msBetween(m_startNs, Bench::nowNs());
            m_totalMs += ms;
            m_maxMs = qMax(m_maxMs, ms);
            ++m_count;
            m_startNs = 0;
        });
    }
    bool found() const { return m_timer != nullptr; }
    int count() const { return m_count; }
    double totalMs() const { return m_totalMs; }
    double maxMs() const { return m_maxMs; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override {
        if (event->type() == QEvent::Timer)
            m_startNs = Bench::nowNs();
        return QObject::eventFilter(watched, event);
    }

private:
    QTimer *m_timer = nullptr;
    qint64 m_startNs = 0;
    int m_count = 0;
    double m_totalMs = 0;
    double m_maxMs = 0;
};

// `count` shown rows spread evenly over the table.
std::vector<int> spreadRows(int shownRows, int count) {
    std::vector<int> rows;
    const double step = double(shownRows) / qMax(1, count);
    for (int i = 0; i < count; ++i)
        rows.push_back(qMin(shownRows - 1, int(step * i)));
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    return rows;
}

// Lets the event loop run a moment, so work an operation left queued (relayouts, repaints)
// happens before the next one and its stall is counted where it belongs.
void settle() {
    Bench::waitUntil([] { return false; }, 30);
}

// The whole flow as a person runs it: "delete last week's bounces". A created-date range
// holding about `count` rows (scattered over the unfiltered list), select all, delete,
// confirm; one request each to the emulator; rows leave in the controller's batches.
void measureControllerDeletes(MainWindow &window, GuiStallMeter &stall, const BenchServer &server,
                              int count) {
    BounceTableModel *model = window.model();
    BounceTableView *view = window.tableView();
    FilterBar *bar = window.filterBar();
    DeleteController *deletes = window.deleteController();
    view->sortByColumn(BounceTableModel::CreatedColumn, Qt::DescendingOrder);
    waitIdle(*model);
    const QDate last = model->bounceAt(0).createdTime().date();
    const int days =
        qBound(1, int(std::ceil(730.0 * count / qMax<qsizetype>(1, model->totalRows()))), 730);
    const QDate first = last.addDays(1 - days);
    bar->setDateRange(first, last);
    Bench::waitUntil([&] { return model->filter().from == first && model->filter().to == last; },
                     5'000);
    waitIdle(*model);
    view->selectAll();
    const qsizetype selected = view->selectedRowCount();
    deletes->setConfirmFunction([](const QString &, const QString &,
                                   const std::function<void(bool)> &answer) { answer(true); });
    bool ended = false, hadFailures = false;
    QObject context;
    QObject::connect(deletes, &DeleteController::finished, &context,
                     [&](const QString &, bool failures) {
                         ended = true;
                         hadFailures = failures;
                     });
    FlushProbe flushes(deletes);
    const qsizetype rowsBefore = model->totalRows();
    const int requestsBefore = server.deleteRequests();

    stall.restart();
    const qint64 startNs = Bench::nowNs();
    deletes->deleteSelected();
    if (!Bench::waitUntil([&] { return ended; }, 600'000))
        WindowBench::putError(QStringLiteral("the delete run did not end within 600 s"));
    putFigure(QStringLiteral("remove.controller.wall.ms"),
              Bench::msBetween(startNs, Bench::nowNs()));
    settle();
    putFigure(QStringLiteral("remove.controller.stall.ms"), stall.maxGapMs());
    putFigure(QStringLiteral("remove.controller.days"), days);
    putFigure(QStringLiteral("remove.controller.selected"), double(selected));
    putFigure(QStringLiteral("remove.controller.requests"),
              double(server.deleteRequests() - requestsBefore));
    putFigure(QStringLiteral("remove.controller.rows"), double(rowsBefore - model->totalRows()));
    putFigure(QStringLiteral("remove.controller.failures"), hadFailures ? 1 : 0);
    if (flushes.found()) {
        putFigure(QStringLiteral("remove.controller.flushes"), flushes.count());
        putFigure(QStringLiteral("remove.controller.flushTotal.ms"), flushes.totalMs());
        putFigure(QStringLiteral("remove.controller.flushMax.ms"), flushes.maxMs());
    }
    bar->clear();
    waitIdle(*model);
}

} // namespace

namespace WindowBench {

void measureSorts(MainWindow &window, GuiStallMeter &stall) {
    BounceTableModel *model = window.model();
    BounceTableView *view = window.tableView();
    ChangeWatch watch(model);
    struct Column {
        int column;
        const char *name;
        bool numeric;
    };
    const Column columns[] = {{BounceTableModel::EmailColumn, "email", false},
                              {BounceTableModel::StatusColumn, "status", true},
                              {BounceTableModel::TypeColumn, "type", true},
                              {BounceTableModel::ReasonColumn, "reason", false},
                              {BounceTableModel::CreatedColumn, "created", true}};
    // Both orders of each column; the load left the list newest first, so every click below
    // changes the order and none is a no-op.
    double worstStall = 0;
    for (const Column &column : columns) {
        double worst = 0;
        bool ordered = true;
        stall.restart();
        for (const Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            worst =
                qMax(worst, timeChange(watch, [&] { view->sortByColumn(column.column, order); }));
            settle();
            if (column.numeric)
                ordered = ordered && numericKeysOrdered(*model, column.column, order);
        }
        const QString key = QStringLiteral("sort.") + QLatin1String(column.name);
        putFigure(key + QStringLiteral(".ms"), worst);
        putFigure(key + QStringLiteral(".stall.ms"), stall.maxGapMs());
        worstStall = qMax(worstStall, stall.maxGapMs());
        if (column.numeric)
            putFigure(key + QStringLiteral(".ordered"), ordered ? 1 : 0);
    }
    putFigure(QStringLiteral("sort.stall.ms"), worstStall);
}

void measureFilter(MainWindow &window, GuiStallMeter &stall) {
    BounceTableModel *model = window.model();
    FilterBar *bar = window.filterBar();
    ChangeWatch watch(model);
    // A support engineer narrowing down to one person's addresses, keystroke by keystroke:
    // the first keystrokes match most of the million rows, the last ones a few hundred.
    const QString typed = QStringLiteral("anna.smith");
    QList<double> keystrokes;
    stall.restart();
    for (qsizetype length = 1; length <= typed.size(); ++length) {
        keystrokes << timeChange(watch, [&] { bar->setFilterText(typed.left(length)); });
        settle();
    }
    putFigure(QStringLiteral("filter.keystroke.ms"),
              *std::max_element(keystrokes.cbegin(), keystrokes.cend()));
    putFigure(QStringLiteral("filter.firstKeystroke.ms"), keystrokes.first());
    putFigure(QStringLiteral("filter.shownRows"), double(model->shownRows()));
    putFigure(QStringLiteral("filter.clear.ms"), timeChange(watch, [&] { bar->clear(); }));
    settle();
    putFigure(QStringLiteral("filter.clearedShownRows"), double(model->shownRows()));
    putFigure(QStringLiteral("filter.stall.ms"), stall.maxGapMs());

    // The same keystroke typed into the search field: what a person waits for, the filter
    // bar's pause for further typing (FilterBar::debounceMs) included. Information only.
    QLineEdit *edit = bar->searchEdit();
    edit->setFocus();
    putFigure(QStringLiteral("filter.typedKey.ms"),
              timeChange(watch, [&] { QTest::keyClick(edit, Qt::Key_A); }));
    bar->clear();
    waitIdle(*model);
}

void measureScatteredSelection(MainWindow &window, GuiStallMeter &stall) {
    // A person picking addresses one by one with Ctrl+click: each click lands on a row that
    // is not next to any selected one, so every click adds a range to the selection. Timed
    // per click until the view has repainted, the slowest of the last hundred reported (the
    // selection is largest there).
    BounceTableModel *model = window.model();
    BounceTableView *view = window.tableView();
    const int count = qMin(2'000, model->rowCount() / 2);
    view->clearSelection();
    view->setFocus();
    settle();
    const std::vector<int> rows = spreadRows(model->rowCount(), count);
    QList<double> clicks, steps;
    stall.restart();
    for (const int row : rows) {
        const QModelIndex index = model->index(row, BounceTableModel::EmailColumn);
        const qint64 stepNs = Bench::nowNs();
        view->scrollTo(index);
        QCoreApplication::processEvents();
        const QPoint where = view->visualRect(index).center();
        const qint64 clickNs = Bench::nowNs();
        QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::ControlModifier, where);
        QCoreApplication::processEvents();
        clicks << Bench::msBetween(clickNs, Bench::nowNs());
        steps << Bench::msBetween(stepNs, Bench::nowNs());
    }
    const auto mean = [](auto from, auto to) {
        return std::accumulate(from, to, 0.0) / qMax<qsizetype>(1, to - from);
    };
    if (steps.size() > 200) {
        putFigure(QStringLiteral("select.scattered.first100.ms"),
                  mean(steps.cbegin(), steps.cbegin() + 100));
        putFigure(QStringLiteral("select.scattered.last100.ms"),
                  mean(steps.cend() - 100, steps.cend()));
    }
    putFigure(QStringLiteral("select.scattered.rows"), double(view->selectedRowCount()));
    const auto last = clicks.size() > 100 ? clicks.cend() - 100 : clicks.cbegin();
    putFigure(QStringLiteral("select.scattered.lastClick.ms"),
              clicks.isEmpty() ? 0 : *std::max_element(last, clicks.cend()));
    putFigure(QStringLiteral("select.scattered.stall.ms"), stall.maxGapMs());
    view->clearSelection();
    settle();
}

void measureRemovals(MainWindow &window, GuiStallMeter &stall, const BenchServer &server) {
    BounceTableModel *model = window.model();
    const int count = qMin(10'000, model->rowCount() / 4);
    putFigure(QStringLiteral("remove.count"), count);

    // The model's part alone, as DeleteController hands it over: one batch of confirmed
    // addresses scattered over the whole table.
    QSet<QString> emails;
    for (const int row : spreadRows(model->rowCount(), count))
        emails.insert(model->bounceAt(row).email);
    stall.restart();
    const qint64 startNs = Bench::nowNs();
    const qsizetype removed = model->removeEmails(emails);
    putFigure(QStringLiteral("remove.direct.ms"), Bench::msBetween(startNs, Bench::nowNs()));
    putFigure(QStringLiteral("remove.direct.rows"), double(removed));
    settle();
    putFigure(QStringLiteral("remove.direct.stall.ms"), stall.maxGapMs());

    measureControllerDeletes(window, stall, server, count);
}

// F5 on the loaded list: the whole list again, the rows shown staying until the new list is
// complete. Last, since the two lists it holds meanwhile are the process's peak. After it the
// resident memory is one list's again once the old list's is given back (on the model's
// index worker, waited for here). `serverRows`: what the emulator holds now (the rows only
// the model removed come back; those deleted at the server do not).
void measureRefresh(MainWindow &window, GuiStallMeter &stall, qsizetype serverRows) {
    BounceTableModel *model = window.model();
    LoadController *loads = window.loadController();
    qsizetype refreshedRows = -1;
    bool failed = false;
    const QMetaObject::Connection loaded = QObject::connect(
        loads, &LoadController::loaded,
        [&refreshedRows](const QString &, qsizetype rows) { refreshedRows = rows; });
    const QMetaObject::Connection failure =
        QObject::connect(loads, &LoadController::failed, [&failed] { failed = true; });
    stall.restart();
    const qint64 startNs = Bench::nowNs();
    loads->refresh();
    const bool ended = Bench::waitUntil([&] { return refreshedRows >= 0 || failed; }, 600'000);
    if (ended && !failed && !waitIdle(*model))
        WindowBench::putError(QStringLiteral("the model stayed busy for 120 s after the refresh"));
    const qint64 endNs = Bench::nowNs();
    QObject::disconnect(loaded);
    QObject::disconnect(failure);
    if (!ended || failed) {
        WindowBench::putError(QStringLiteral("the refresh did not complete"));
        return;
    }
    putFigure(QStringLiteral("refresh.ms"), Bench::msBetween(startNs, endNs));
    settle();
    putFigure(QStringLiteral("refresh.stall.ms"), stall.maxGapMs());
    putFigure(QStringLiteral("refresh.sameRows"),
              refreshedRows == serverRows && model->totalRows() == serverRows ? 1 : 0);
    model->waitForWorkers();
    putFigure(QStringLiteral("refresh.rss.kb"), double(Bench::procStatusKb("VmRSS")));
}

} // namespace WindowBench
