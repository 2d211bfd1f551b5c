#include "windowbench.h"

#include "benchserver.h"
#include "benchsupport.h"
#include "guistallmeter.h"

#include "bouncetableview.h"
#include "customerpicker.h"
#include "loadcontroller.h"
#include "mainwindow.h"

#include "api/apierror.h"
#include "core/bouncetablemodel.h"

#include <QEvent>
#include <QSettings>
#include <QWindow>

#include <cstdio>

namespace {

constexpr int kLoadTimeoutMs = 600'000;

// Watches one load from the outside: when the model first holds rows, when the table first
// paints with rows, and when the load controller says the list is complete.
class LoadProbe final : public QObject {
    Q_OBJECT
public:
    explicit LoadProbe(MainWindow &window)
        : m_model(window.model()) {
        auto noteRows = [this] {
            if (m_firstRowsNs == 0 && m_model->rowCount() > 0)
                m_firstRowsNs = Bench::nowNs();
        };
        connect(m_model, &QAbstractItemModel::rowsInserted, this, noteRows);
        connect(m_model, &QAbstractItemModel::layoutChanged, this, noteRows);
        connect(m_model, &QAbstractItemModel::modelReset, this, noteRows);
        connect(m_model, &BounceTableModel::busyChanged, this, [this](bool busy) {
            if (!busy)
                m_idleNs = Bench::nowNs();
        });
        LoadController *loads = window.loadController();
        connect(loads, &LoadController::loaded, this, [this](const QString &, qsizetype rows) {
            m_loadedNs = Bench::nowNs();
            m_loadedRows = rows;
        });
        connect(loads, &LoadController::failed, this,
                [this](const QString &, const ApiError &error) { m_failure = error.message(); });
        connect(loads, &LoadController::cancelled, this,
                [this] { m_failure = QStringLiteral("the load was cancelled"); });
        window.tableView()->viewport()->installEventFilter(this);
    }

    bool ended() const { return m_loadedNs != 0 || !m_failure.isEmpty(); }
    qint64 firstRowsNs() const { return m_firstRowsNs; }
    qint64 firstPaintNs() const { return m_firstPaintNs; }
    qint64 loadedNs() const { return m_loadedNs; }
    qint64 idleNs() const { return m_idleNs; } // the model last finished work on a worker
    qsizetype loadedRows() const { return m_loadedRows; }
    QString failure() const { return m_failure; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override {
        if (event->type() == QEvent::Paint && m_firstPaintNs == 0 && m_model->rowCount() > 0)
            m_firstPaintNs = Bench::nowNs();
        return QObject::eventFilter(watched, event);
    }

private:
    BounceTableModel *m_model;
    qint64 m_firstRowsNs = 0;
    qint64 m_firstPaintNs = 0;
    qint64 m_loadedNs = 0;
    qint64 m_idleNs = 0;
    qsizetype m_loadedRows = -1;
    QString m_failure;
};

bool openWindow(MainWindow &window, const BenchServer &server, ResponseFormat format, bool v3) {
    window.resize(1280, 800);
    window.setConnection(v3 ? server.v3ApiSettings() : server.apiSettings(format), false);
    window.show();
    const bool exposed = Bench::waitUntil(
        [&] { return window.windowHandle() && window.windowHandle()->isExposed(); }, 10'000);
    // The customer list is a separate request; it must not overlap the load being measured.
    const bool listed =
        Bench::waitUntil([&] { return !window.customerPicker()->isLoading(); }, 30'000);
    if (!exposed || !listed) {
        WindowBench::putError(QStringLiteral("the window did not open and list its customers"));
        return false;
    }
    return true;
}

// Opens the customer the way the picker does and waits until every row is in the table and
// the table can be sorted. Prints the load figures; false when the load failed.
bool measureLoad(MainWindow &window, const BenchServer &server, GuiStallMeter &stall,
                 qsizetype rows) {
    using WindowBench::putFigure;
    const QString customer = Bench::customerFor(rows);
    LoadProbe probe(window);
    putFigure(QStringLiteral("rss.beforeLoad.kb"), double(Bench::procStatusKb("VmRSS")));

    stall.restart();
    const qint64 sentNs = Bench::nowNs();
    window.openCustomer(customer);
    if (!Bench::waitUntil([&] { return probe.ended(); }, kLoadTimeoutMs)) {
        WindowBench::putError(
            QStringLiteral("the load did not end within %1 s").arg(kLoadTimeoutMs / 1000));
        return false;
    }
    if (!probe.failure().isEmpty()) {
        WindowBench::putError(QStringLiteral("the load failed: %1").arg(probe.failure()));
        return false;
    }
    // "Sortable": the model has left its loading state and is not busy sorting or filtering
    // the list on a worker thread; the later of that and the controller's loaded().
    BounceTableModel *model = window.model();
    Bench::waitUntil([&] { return !model->isLoading() && !model->isBusy(); }, kLoadTimeoutMs);
    const qint64 sortableNs = qMax(probe.loadedNs(), probe.idleNs());
    const double loadStall = stall.maxGapMs();
    const double loadStallCpu = stall.maxGapCpuMs();
    // v2 asks for the list once; v3 page by page, and the first page is what shows first.
    const qint64 firstByteNs = server.firstListAnswerNs();
    // A short list can be complete before the table first paints: visible is when it paints.
    Bench::waitUntil([&] { return probe.firstPaintNs() != 0; }, 5'000);

    putFigure(QStringLiteral("load.ms"), Bench::msBetween(sentNs, sortableNs));
    putFigure(QStringLiteral("load.rows"), double(model->totalRows()));
    putFigure(QStringLiteral("load.reportedRows"), double(probe.loadedRows()));
    putFigure(QStringLiteral("load.stall.ms"), loadStall);
    putFigure(QStringLiteral("load.stallCpu.ms"), loadStallCpu);
    if (firstByteNs > 0) {
        putFigure(QStringLiteral("firstByte.ms"), Bench::msBetween(sentNs, firstByteNs));
        if (probe.firstRowsNs() > 0)
            putFigure(QStringLiteral("firstRowsModel.ms"),
                      Bench::msBetween(firstByteNs, probe.firstRowsNs()));
        if (probe.firstPaintNs() > 0)
            putFigure(QStringLiteral("firstRowsPainted.ms"),
                      Bench::msBetween(firstByteNs, probe.firstPaintNs()));
    }
    // How much of the list had arrived when the first rows were painted: 1.0 would mean the
    // table stayed empty until the body was complete (no streaming).
    if (probe.firstPaintNs() > 0)
        putFigure(QStringLiteral("firstRowsPainted.loadFraction"),
                  Bench::msBetween(sentNs, probe.firstPaintNs()) /
                      qMax(1e-9, Bench::msBetween(sentNs, sortableNs)));
    putFigure(QStringLiteral("rss.afterLoad.kb"), double(Bench::procStatusKb("VmRSS")));
    putFigure(QStringLiteral("rss.peakAfterLoad.kb"), double(Bench::procStatusKb("VmHWM")));
    if (model->totalRows() != rows) {
        WindowBench::putError(QStringLiteral("the table holds %1 rows, the emulator served %2")
                                  .arg(model->totalRows())
                                  .arg(rows));
        return false;
    }
    return true;
}

} // namespace

namespace WindowBench {

void putFigure(const QString &key, double value) {
    std::printf("figure %s %.6f\n", qPrintable(key), value);
    std::fflush(stdout);
}

void putError(const QString &text) {
    std::printf("error %s\n", qPrintable(QString(text).replace(QLatin1Char('\n'), u' ')));
    std::fflush(stdout);
}

int runChild(ResponseFormat format, qsizetype rows, bool withOperations, bool v3) {
    BenchServer server(Bench::customerFor(rows), rows);
    if (!server.isListening()) {
        putError(QStringLiteral("the emulator cannot listen: %1").arg(server.errorString()));
        return 1;
    }
    QSettings().clear(); // the parent gave this process a fresh HOME; be sure all the same
    GuiStallMeter stall;
    MainWindow window;
    if (!openWindow(window, server, format, v3) || !measureLoad(window, server, stall, rows))
        return 1;
    if (withOperations) {
        measureSorts(window, stall);
        measureFilter(window, stall);
        measureTimeline(window, stall);
        measureScatteredSelection(window, stall);
        measureRemovals(window, stall, server);
        putFigure(QStringLiteral("rss.peakEnd.kb"), double(Bench::procStatusKb("VmHWM")));
        // Each delete request the emulator had removed one generated address's row.
        measureRefresh(window, stall, rows - server.deleteRequests());
    }
    return 0;
}

} // namespace WindowBench

#include "windowbench.moc"
