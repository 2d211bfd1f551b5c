// The figures of issue 4's table, each next to its target, for one list size.
#include "benchreport.h"

#include "benchsupport.h"

#include "core/bouncetimelinebuilder.h"

#include <cmath>

namespace {

enum class Unit { Ms, Kb, Ratio, Share, Count };

struct Target {
    enum class Kind { None, AtMost, AtLeast, Equal };
    Kind kind = Kind::None;
    double limit = 0;
    QString text;
    bool atScaleOnly = false; // the issue defines it for a million rows
};

Target atMost(double limit, const QString &text, bool atScaleOnly = false) {
    return {Target::Kind::AtMost, limit, text, atScaleOnly};
}
Target atLeast(double limit, const QString &text, bool atScaleOnly = false) {
    return {Target::Kind::AtLeast, limit, text, atScaleOnly};
}
Target equals(double value) {
    return {Target::Kind::Equal, value, QStringLiteral("= ") + Bench::groupedNumber(qint64(value)),
            false};
}
Target info() {
    return {};
}

QString megabytes(double kilobytes) {
    return QStringLiteral("%1 MB").arg(kilobytes * 1024 / 1e6, 0, 'f', 0);
}

QString formatValue(double value, Unit unit) {
    switch (unit) {
    case Unit::Ms:
        if (value >= 1000)
            return QStringLiteral("%1 s").arg(value / 1000, 0, 'f', 2);
        return QStringLiteral("%1 ms").arg(value, 0, 'f', value < 10 ? 1 : 0);
    case Unit::Kb:
        return megabytes(value);
    case Unit::Ratio:
        return QStringLiteral("%1×").arg(value, 0, 'f', value < 10 ? 2 : 1); // 1.34 is not 1.3
    case Unit::Share:
        return QStringLiteral("%1 %").arg(value * 100, 0, 'f', 0);
    case Unit::Count:
        return Bench::groupedNumber(qint64(std::llround(value)));
    }
    return {};
}

class RowBuilder {
public:
    explicit RowBuilder(const SizeResult &result)
        : m_result(result) {}

    // `correct` false: the figure belongs to a wrong result, which no speed makes a pass.
    void add(const QString &figure, double value, Unit unit, const Target &target,
             bool correct = true) {
        ReportRow row;
        row.group = m_group;
        row.figure = figure;
        row.measured = std::isnan(value) ? QStringLiteral("n/a") : formatValue(value, unit);
        row.target = target.kind == Target::Kind::None ? QStringLiteral("—") : target.text;
        row.verdict = verdict(value, target, correct);
        m_rows << row;
    }
    void median(const QString &figure, const QString &key, Unit unit, const Target &target,
                bool correct = true) {
        add(figure, m_result.median(key), unit, target, correct);
    }
    void setGroup(const QString &group) { m_group = group; }
    QList<ReportRow> rows() const { return m_rows; }

private:
    QString verdict(double value, const Target &target, bool correct) const {
        if (!correct)
            return QStringLiteral("WRONG");
        if (std::isnan(value))
            return QStringLiteral("n/a");
        if (target.kind == Target::Kind::None)
            return QStringLiteral("info");
        if (target.atScaleOnly && m_result.rows < 1'000'000)
            return QStringLiteral("(at 1M)");
        bool pass = false;
        switch (target.kind) {
        case Target::Kind::AtMost:
            pass = value <= target.limit;
            break;
        case Target::Kind::AtLeast:
            pass = value >= target.limit;
            break;
        case Target::Kind::Equal:
            pass = std::llround(value) == std::llround(target.limit);
            break;
        case Target::Kind::None:
            break;
        }
        return pass ? QStringLiteral("PASS") : QStringLiteral("MISS");
    }

    const SizeResult &m_result;
    QString m_group;
    QList<ReportRow> m_rows;
};

// A sample of 1 means "checked and right"; no sample means it could not be checked.
bool checkedTrue(const SizeResult &result, const QString &key) {
    return !result.has(key) || result.median(key) == 1.0;
}

bool sameCount(const SizeResult &result, const QString &key, double expected) {
    return !result.has(key) || std::isnan(expected) ||
           std::llround(result.median(key)) == std::llround(expected);
}

void addExportRows(RowBuilder &rows, const SizeResult &r, double jsonKb) {
    rows.setGroup(QStringLiteral("1 export"));
    const double own = r.median(QStringLiteral("export.bouncedesk.ms"));
    const double python = r.median(QStringLiteral("export.python.ms"));
    const double ownRss = r.largest(QStringLiteral("export.bouncedesk.rss.kb"));
    const double pythonRss = r.largest(QStringLiteral("export.python.rss.kb"));
    rows.add(QStringLiteral("`bouncedesk export`: request sent → CSV committed"), own, Unit::Ms,
             atMost(1500, QStringLiteral("≤ 1.5 s")));
    rows.add(QStringLiteral("Python json.load + csv.writer, same job, same run"), python, Unit::Ms,
             info());
    rows.median(QStringLiteral("the body alone, read by curl into /dev/null (the emulator's pace)"),
                QStringLiteral("export.transfer.ms"), Unit::Ms, info());
    // Not a floor of the export, which keeps nothing: what receiving the body costs when it
    // must land in memory new to the system, as the window's rows do (issue 15's window ratio).
    rows.median(QStringLiteral("the body kept: read by curl into a file (new memory, page cache)"),
                QStringLiteral("export.transferKept.ms"), Unit::Ms, info());
    rows.add(QStringLiteral("bouncedesk faster than Python by"), python / own, Unit::Ratio,
             atLeast(8, QStringLiteral("≥ 8×"), true));
    // Issue 15: the floor is the body alone from the same emulator in the same run, so the
    // ratios hold however loaded the machine is (both sides slow down together).
    const double floor = r.median(QStringLiteral("export.transfer.ms"));
    rows.add(QStringLiteral("`bouncedesk export` ÷ the floor (curl, same body, same run)"),
             own / floor, Unit::Ratio, atMost(1.3, QStringLiteral("≤ 1.3×"), true));
    // CPU time moves less than wall time on a busy machine; it counts every thread, so it
    // does not show what running threads side by side gains.
    const double ownCpu = r.median(QStringLiteral("export.bouncedesk.cpu.ms"));
    const double pythonCpu = r.median(QStringLiteral("export.python.cpu.ms"));
    rows.add(QStringLiteral("CPU time (user + system): bouncedesk"), ownCpu, Unit::Ms, info());
    rows.add(QStringLiteral("CPU time (user + system): Python"), pythonCpu, Unit::Ms, info());
    rows.add(QStringLiteral("CPU time: bouncedesk uses less than Python by"), pythonCpu / ownCpu,
             Unit::Ratio, info());
    rows.add(QStringLiteral("CPU time of `bouncedesk export` ÷ the floor's wall time"),
             ownCpu / floor, Unit::Ratio, atMost(1.5, QStringLiteral("≤ 1.5×"), true));
    rows.add(QStringLiteral("`bouncedesk export` peak RSS"), ownRss, Unit::Kb,
             atMost(1.6 * jsonKb, QStringLiteral("≤ 1.6 × JSON = %1").arg(megabytes(1.6 * jsonKb)),
                    true));
    rows.add(QStringLiteral("Python peak RSS"), pythonRss, Unit::Kb, info());
    rows.add(QStringLiteral("bouncedesk peak RSS ÷ Python's"), ownRss / pythonRss, Unit::Ratio,
             atMost(0.5, QStringLiteral("≤ 0.5×"), true));
    rows.median(QStringLiteral("CSV records written by bouncedesk"),
                QStringLiteral("export.bouncedesk.csvRows"), Unit::Count, equals(double(r.rows)));
    rows.median(QStringLiteral("CSV records written by Python"),
                QStringLiteral("export.python.csvRows"), Unit::Count, equals(double(r.rows)));
    // The same body sent in small chunks (benchrunner.cpp): figures to watch, no target.
    const QString chunks = QStringLiteral("body in %1 KiB chunks: ").arg(kSmallChunkBytes / 1024);
    const double chunked = r.median(QStringLiteral("export.smallChunks.ms"));
    const double chunkedFloor = r.median(QStringLiteral("export.smallChunks.transfer.ms"));
    rows.add(chunks + QStringLiteral("`bouncedesk export`"), chunked, Unit::Ms, info());
    rows.add(chunks + QStringLiteral("curl into /dev/null"), chunkedFloor, Unit::Ms, info());
    rows.add(chunks + QStringLiteral("export ÷ its floor"), chunked / chunkedFloor, Unit::Ratio,
             info());
    rows.add(chunks + QStringLiteral("export CPU ÷ its floor"),
             r.median(QStringLiteral("export.smallChunks.cpu.ms")) / chunkedFloor, Unit::Ratio,
             info());
    rows.median(chunks + QStringLiteral("CSV records written"),
                QStringLiteral("export.smallChunks.csvRows"), Unit::Count, equals(double(r.rows)));
}

void addLoadRows(RowBuilder &rows, const SizeResult &r) {
    rows.setGroup(QStringLiteral("2 window load"));
    for (const QString &format : {QStringLiteral("json"), QStringLiteral("xml")}) {
        const QString name = format.toUpper();
        const QString prefix = QStringLiteral("window.%1.").arg(format);
        const bool complete = sameCount(r, prefix + QStringLiteral("load.rows"), double(r.rows));
        rows.median(QStringLiteral("%1: request sent → all rows in the table, sortable").arg(name),
                    prefix + QStringLiteral("load.ms"), Unit::Ms,
                    format == QLatin1String("json") ? atMost(1000, QStringLiteral("≤ 1.0 s"))
                                                    : atMost(2000, QStringLiteral("≤ 2.0 s")),
                    complete);
        if (format == QLatin1String("json")) { // issue 15: next to the export's floor
            const double load = r.median(prefix + QStringLiteral("load.ms"));
            rows.add(QStringLiteral("JSON: the load ÷ the floor (curl of the same body, same run)"),
                     load / r.median(QStringLiteral("export.transfer.ms")), Unit::Ratio,
                     atMost(1.3, QStringLiteral("≤ 1.3×"), true), complete);
            rows.add(QStringLiteral("JSON: the load ÷ the body kept by curl in a file"),
                     load / r.median(QStringLiteral("export.transferKept.ms")), Unit::Ratio, info(),
                     complete);
        }
        rows.median(QStringLiteral("%1: first rows painted, after the first byte").arg(name),
                    prefix + QStringLiteral("firstRowsPainted.ms"), Unit::Ms,
                    atMost(300, QStringLiteral("≤ 0.3 s")));
        rows.median(QStringLiteral("%1: first rows in the model, after the first byte").arg(name),
                    prefix + QStringLiteral("firstRowsModel.ms"), Unit::Ms, info());
        rows.median(QStringLiteral("%1: share of the load elapsed at the first paint").arg(name),
                    prefix + QStringLiteral("firstRowsPainted.loadFraction"), Unit::Share, info());
        rows.median(QStringLiteral("%1: rows in the table").arg(name),
                    prefix + QStringLiteral("load.rows"), Unit::Count, equals(double(r.rows)));
    }
}

void addStallRows(RowBuilder &rows) {
    rows.setGroup(QStringLiteral("3 GUI thread"));
    const Target limit = atMost(50, QStringLiteral("≤ 50 ms"));
    rows.median(QStringLiteral("longest stall: loading JSON"),
                QStringLiteral("window.json.load.stall.ms"), Unit::Ms, limit);
    rows.median(QStringLiteral("longest stall: loading XML"),
                QStringLiteral("window.xml.load.stall.ms"), Unit::Ms, limit);
    rows.median(QStringLiteral("longest stall: sorting (10 sorts)"),
                QStringLiteral("window.json.sort.stall.ms"), Unit::Ms, limit);
    rows.median(QStringLiteral("longest stall: filtering (10 keystrokes, clear)"),
                QStringLiteral("window.json.filter.stall.ms"), Unit::Ms, limit);
    rows.median(QStringLiteral("longest stall: removing scattered rows (model)"),
                QStringLiteral("window.json.remove.direct.stall.ms"), Unit::Ms, limit);
    rows.median(QStringLiteral("longest stall: deleting through DeleteController"),
                QStringLiteral("window.json.remove.controller.stall.ms"), Unit::Ms, limit);
    rows.median(
        QStringLiteral("longest stall: the timeline following a class filter and a day clicked"),
        QStringLiteral("window.json.timeline.stall.ms"), Unit::Ms, limit);
    rows.median(QStringLiteral("longest stall: refreshing the whole list (F5)"),
                QStringLiteral("window.json.refresh.stall.ms"), Unit::Ms, limit);
}

void addMemoryRows(RowBuilder &rows, const SizeResult &r, double jsonKb) {
    rows.setGroup(QStringLiteral("4 memory"));
    const double pythonRss = r.largest(QStringLiteral("export.python.rss.kb"));
    double limit = 1.6 * jsonKb;
    QString text = QStringLiteral("≤ 1.6 × JSON = %1").arg(megabytes(limit));
    if (!std::isnan(pythonRss)) {
        limit = qMin(limit, pythonRss / 2);
        text += QStringLiteral(", ≤ ½ Python = %1").arg(megabytes(pythonRss / 2));
    }
    for (const QString &format : {QStringLiteral("json"), QStringLiteral("xml")}) {
        rows.add(QStringLiteral("window, %1: peak RSS of the whole process after the load")
                     .arg(format.toUpper()),
                 r.largest(QStringLiteral("window.%1.rss.peakAfterLoad.kb").arg(format)), Unit::Kb,
                 atMost(limit, text, true));
    }
    // The issue bounds the peak of the whole process, so the session after the load counts
    // too: sorting and filtering on workers may hold copies of the order.
    rows.add(QStringLiteral("window, JSON: peak RSS of the whole process after sorting, "
                            "filtering, deleting"),
             r.largest(QStringLiteral("window.json.rss.peakEnd.kb")), Unit::Kb,
             atMost(limit, text, true));
    // A refresh holds the list shown and the new one until that is complete (README's limits);
    // once it is shown, one list's memory again.
    rows.add(QStringLiteral("window, JSON: resident after refreshing the whole list"),
             r.largest(QStringLiteral("window.json.refresh.rss.kb")), Unit::Kb,
             atMost(limit, text, true));
}

void addOperationRows(RowBuilder &rows, const SizeResult &r) {
    rows.setGroup(QStringLiteral("5 operations"));
    const Target sortLimit = atMost(300, QStringLiteral("≤ 300 ms"));
    for (const QString &column :
         {QStringLiteral("email"), QStringLiteral("status"), QStringLiteral("type"),
          QStringLiteral("reason"), QStringLiteral("created")}) {
        const QString key = QStringLiteral("window.json.sort.%1.").arg(column);
        rows.median(QStringLiteral("sort by %1 (slower of both orders)").arg(column),
                    key + QStringLiteral("ms"), Unit::Ms, sortLimit,
                    checkedTrue(r, key + QStringLiteral("ordered")));
    }
    const double loaded = r.median(QStringLiteral("window.json.load.rows"));
    rows.median(QStringLiteral("filter keystroke (slowest of typing \"anna.smith\")"),
                QStringLiteral("window.json.filter.keystroke.ms"), Unit::Ms,
                atMost(100, QStringLiteral("≤ 100 ms")));
    rows.median(QStringLiteral("clearing the filter (sorted by created)"),
                QStringLiteral("window.json.filter.clear.ms"), Unit::Ms,
                atMost(100, QStringLiteral("≤ 100 ms")),
                sameCount(r, QStringLiteral("window.json.filter.clearedShownRows"), loaded));
    rows.median(QStringLiteral("a key typed into the search field → rows shown (incl. debounce)"),
                QStringLiteral("window.json.filter.typedKey.ms"), Unit::Ms, info());
    rows.median(QStringLiteral("timeline: counting every row per day and class (worker)"),
                QStringLiteral("window.json.timeline.count.ms"), Unit::Ms, info());
    rows.median(QStringLiteral("timeline: counting one class's rows (worker)"),
                QStringLiteral("window.json.timeline.countOneClass.ms"), Unit::Ms, info());
    rows.median(QStringLiteral("timeline: building the chart from its bars (GUI thread)"),
                QStringLiteral("window.json.timeline.chart.ms"), Unit::Ms,
                atMost(50, QStringLiteral("≤ 50 ms")));
    rows.median(
        QStringLiteral("timeline: a class picked → table and timeline shown (incl. %1 ms pause)")
            .arg(BounceTimelineBuilder::settleMs),
        QStringLiteral("window.json.timeline.update.ms"), Unit::Ms, info());
    rows.median(QStringLiteral("timeline: a day's bar clicked → the table shows its rows"),
                QStringLiteral("window.json.timeline.click.ms"), Unit::Ms, info());
    const double count = r.median(QStringLiteral("window.json.remove.count"));
    rows.median(QStringLiteral("remove %1 scattered rows: one removeEmails()")
                    .arg(Bench::groupedNumber(qint64(std::isnan(count) ? 0 : count))),
                QStringLiteral("window.json.remove.direct.ms"), Unit::Ms,
                atMost(200, QStringLiteral("≤ 200 ms")),
                sameCount(r, QStringLiteral("window.json.remove.direct.rows"), count));
    // Ctrl+click, one row at a time, each away from the others: the selection grows by a
    // range per click, and Qt's views look a cell's selection up range by range.
    const double picked = r.median(QStringLiteral("window.json.select.scattered.rows"));
    const QString picking = QStringLiteral("Ctrl+click %1 scattered rows one by one")
                                .arg(Bench::groupedNumber(qint64(std::isnan(picked) ? 0 : picked)));
    rows.median(QStringLiteral("%1: slowest of the last 100 clicks").arg(picking),
                QStringLiteral("window.json.select.scattered.lastClick.ms"), Unit::Ms,
                atMost(50, QStringLiteral("≤ 50 ms")));
    rows.median(QStringLiteral("%1: scroll + click + repaint, first 100 (mean)").arg(picking),
                QStringLiteral("window.json.select.scattered.first100.ms"), Unit::Ms, info());
    rows.median(QStringLiteral("%1: scroll + click + repaint, last 100 (mean)").arg(picking),
                QStringLiteral("window.json.select.scattered.last100.ms"), Unit::Ms, info());
    // The whole flow: a date range of about as many rows, select all, delete, confirm.
    const QString prefix = QStringLiteral("window.json.remove.controller.");
    const double selected = r.median(prefix + QStringLiteral("selected"));
    const bool controllerRight = sameCount(r, prefix + QStringLiteral("rows"), selected) &&
                                 sameCount(r, prefix + QStringLiteral("requests"), selected) &&
                                 sameCount(r, prefix + QStringLiteral("failures"), 0);
    const QString flow =
        QStringLiteral("DeleteController, %1 rows of the last %2 days selected and deleted")
            .arg(Bench::groupedNumber(qint64(std::isnan(selected) ? 0 : selected)))
            .arg(r.median(prefix + QStringLiteral("days")));
    rows.median(QStringLiteral("%1: model work in %2 timed batch flushes")
                    .arg(flow)
                    .arg(r.median(prefix + QStringLiteral("flushes"))),
                prefix + QStringLiteral("flushTotal.ms"), Unit::Ms,
                atMost(200, QStringLiteral("≤ 200 ms")), controllerRight);
    rows.median(QStringLiteral("%1: the whole run, one request each").arg(flow),
                prefix + QStringLiteral("wall.ms"), Unit::Ms, info(), controllerRight);
    rows.median(QStringLiteral("refresh of the whole list: F5 → the new list shown, sortable"),
                QStringLiteral("window.json.refresh.ms"), Unit::Ms, info(),
                checkedTrue(r, QStringLiteral("window.json.refresh.sameRows")));
}

// Linear time shows as MB/s that stay flat from size to size.
void addXmlShapeRows(RowBuilder &rows, const SizeResult &r) {
    rows.setGroup(QStringLiteral("6 XML parser, hostile shapes in 16 KB chunks"));
    const QString count = Bench::groupedNumber(r.rows);
    for (const auto &[shape, text] :
         {std::pair{QStringLiteral("attributes"), QStringLiteral("one tag with %1 attributes")},
          std::pair{QStringLiteral("nesting"), QStringLiteral("%1 elements nested")}}) {
        const QString key = QStringLiteral("xmlShapes.") + shape;
        const bool correct = checkedTrue(r, key + QStringLiteral(".correct"));
        rows.median(text.arg(count) + QStringLiteral(": CPU time"), key + QStringLiteral(".ms"),
                    Unit::Ms, info(), correct);
        rows.median(text.arg(count) + QStringLiteral(": MB/s"), key + QStringLiteral(".mbps"),
                    Unit::Count, info(), correct);
    }
}

} // namespace

QList<ReportRow> buildReportRows(const SizeResult &result) {
    RowBuilder rows(result);
    const double jsonKb = double(result.jsonBytes) / 1024;
    addExportRows(rows, result, jsonKb);
    addLoadRows(rows, result);
    addStallRows(rows);
    addMemoryRows(rows, result, jsonKb);
    addOperationRows(rows, result);
    addXmlShapeRows(rows, result);
    return rows.rows();
}
