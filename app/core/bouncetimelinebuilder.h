#pragma once

#include "bouncefilter.h"
#include "bouncetimeline.h"
#include "newestresultrunner.h"
#include "suppressionlist.h"

#include <QDate>
#include <QObject>

#include <optional>

class BounceTableModel;
class QTimer;

// Keeps a BounceTimeline of a table model's rows up to date: after rows arrive or leave, or the
// filter's text, type or class changes, it counts again over a snapshot, on a worker thread for
// large lists (as the model sorts and filters) and for any list still arriving, and a count
// that a newer one overtook is dropped unseen. Changes in a burst are counted once: settleMs
// after the last quiet moment, every loadingIntervalMs while a list streams in. The date filter
// is not an input (the timeline shows the days around the ones picked), nor is the sort.
//
// A range (a zoom) counts only its days; it is forgotten when another customer or list is
// shown. While inactive (the timeline hidden) nothing is counted.
class BounceTimelineBuilder final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BounceTimelineBuilder)
public:
    static constexpr int settleMs = 60;
    static constexpr int loadingIntervalMs = 1000;

    explicit BounceTimelineBuilder(const BounceTableModel *model, QObject *parent = nullptr);
    ~BounceTimelineBuilder() override;

    const BounceTimeline &timeline() const { return m_timeline; }

    void setActive(bool active); // on again: counts what changed meanwhile, at once
    bool isActive() const { return m_active; }
    void setRange(const QDate &from, const QDate &to); // invalid: the whole list
    QDate rangeFrom() const { return m_from; }
    QDate rangeTo() const { return m_to; }
    bool isZoomed() const { return m_from.isValid(); }

    // Counts now, unless the timeline already stands for what the model shows.
    void refresh();
    // True while a change waits to be counted or a count runs.
    bool isBusy() const;
    void setAsyncThreshold(qsizetype rows) { m_asyncThreshold = rows; } // 0: always a worker
    // For tests: returns once no count runs; its result is then queued to this thread.
    void waitForWorkers() { m_work.waitForComputations(); }

Q_SIGNALS:
    void timelineChanged();
    void rangeChanged();

private:
    // What a count depends on.
    struct Inputs {
        QString customer;
        SuppressionList list = SuppressionList::Bounces;
        BounceFilter filter; // dates cleared
        qsizetype storeRows = 0;
        qsizetype presentRows = 0;
        quint64 resets = 0;
        bool loading = false; // a list still arriving is not yet what it will be
        QDate from, to;

        friend bool operator==(const Inputs &a, const Inputs &b) {
            return a.customer == b.customer && a.list == b.list && a.filter == b.filter &&
                   a.storeRows == b.storeRows && a.presentRows == b.presentRows &&
                   a.resets == b.resets && a.loading == b.loading && a.from == b.from &&
                   a.to == b.to;
        }
    };
    Inputs currentInputs() const;
    void onModelChanged();
    void onModelReset();
    void apply(BounceTimeline &timeline);

    const BounceTableModel *m_model;
    QTimer *m_timer;
    BounceTimeline m_timeline;
    std::optional<Inputs> m_counted; // what m_timeline, or the count under way, stands for
    QString m_customer;              // whose rows were shown last
    SuppressionList m_list = SuppressionList::Bounces;
    quint64 m_resets = 0;
    QDate m_from, m_to;
    bool m_active = true;
    qsizetype m_asyncThreshold;
    NewestResultRunner m_work{this, 1};
};
