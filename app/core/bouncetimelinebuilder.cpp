#include "bouncetimelinebuilder.h"

#include "bouncetablemodel.h"

#include <QTimer>

#include <memory>

BounceTimelineBuilder::BounceTimelineBuilder(const BounceTableModel *model, QObject *parent)
    : QObject(parent)
    , m_model(model)
    , m_timer(new QTimer(this))
    , m_customer(model->customer())
    , m_list(model->list())
    , m_asyncThreshold(BounceTableModel::defaultAsyncThreshold) {
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &BounceTimelineBuilder::refresh);
    connect(model, &QAbstractItemModel::modelReset, this, &BounceTimelineBuilder::onModelReset);
    connect(model, &BounceTableModel::presentRowsChanged, this,
            &BounceTimelineBuilder::onModelChanged);
    // A filter change is a layout change once the model applied it (a sort too: no input).
    connect(model, &QAbstractItemModel::layoutChanged, this,
            &BounceTimelineBuilder::onModelChanged);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &BounceTimelineBuilder::onModelChanged);
    connect(model, &QAbstractItemModel::rowsInserted, this, &BounceTimelineBuilder::onModelChanged);
    onModelChanged();
}

// m_work's destructor waits for a count still running (it holds a snapshot of its own).
BounceTimelineBuilder::~BounceTimelineBuilder() = default;

void BounceTimelineBuilder::setActive(bool active) {
    m_active = active;
    if (!active) {
        m_timer->stop();
        m_work.cancelAll();
        m_counted.reset(); // what was under way never arrives
        return;
    }
    refresh();
}

void BounceTimelineBuilder::setRange(const QDate &from, const QDate &to) {
    const bool valid = from.isValid() && to.isValid() && from <= to;
    const QDate newFrom = valid ? from : QDate();
    const QDate newTo = valid ? to : QDate();
    if (newFrom == m_from && newTo == m_to)
        return;
    m_from = newFrom;
    m_to = newTo;
    Q_EMIT rangeChanged();
    refresh(); // asked for by a person: no reason to wait
}

bool BounceTimelineBuilder::isBusy() const {
    return m_timer->isActive() || m_work.isPending(0);
}

BounceTimelineBuilder::Inputs BounceTimelineBuilder::currentInputs() const {
    Inputs inputs;
    inputs.customer = m_model->customer();
    inputs.list = m_model->list();
    inputs.filter = m_model->listFilter();
    inputs.filter.from = QDate();
    inputs.filter.to = QDate();
    inputs.storeRows = m_model->store().size();
    inputs.presentRows = m_model->totalRows();
    inputs.resets = m_resets;
    inputs.loading = m_model->isLoading();
    inputs.from = m_from;
    inputs.to = m_to;
    return inputs;
}

void BounceTimelineBuilder::onModelReset() {
    ++m_resets;
    m_work.cancelAll(); // counted over rows that are gone
    m_counted.reset();
    if (m_model->customer() != m_customer || m_model->list() != m_list) {
        m_customer = m_model->customer();
        m_list = m_model->list();
        // Nothing of another list may show, not even until the next count.
        m_timeline = BounceTimeline();
        if (m_from.isValid()) {
            m_from = m_to = QDate();
            Q_EMIT rangeChanged();
        }
        Q_EMIT timelineChanged();
    }
    onModelChanged();
}

void BounceTimelineBuilder::onModelChanged() {
    if (!m_active || (m_counted && *m_counted == currentInputs()))
        return;
    const int wait = m_model->isLoading() ? loadingIntervalMs : settleMs;
    if (!m_timer->isActive() || m_timer->remainingTime() > wait)
        m_timer->start(wait);
}

void BounceTimelineBuilder::refresh() {
    m_timer->stop();
    if (!m_active)
        return;
    const Inputs inputs = currentInputs();
    if (m_counted && *m_counted == inputs)
        return;
    m_counted = inputs;
    const std::shared_ptr<const BounceStore> snapshot = m_model->store().snapshot();
    const auto flags = std::make_shared<const std::vector<quint8>>(m_model->rowFlags());
    const auto compute = [snapshot, flags, filter = inputs.filter, from = inputs.from,
                          to = inputs.to] {
        return BounceTimeline::build(*snapshot, *flags, filter, from, to);
    };
    // A list still arriving is counted on a worker whatever its size so far: it grows by a
    // page at a time, and a count of up to asyncThreshold rows here would hold the GUI thread
    // for tens of ms while the rows stream in.
    if (inputs.loading || m_model->totalRows() >= m_asyncThreshold) {
        m_work.start<BounceTimeline>(0, compute,
                                     [this](BounceTimeline &timeline) { apply(timeline); });
        return;
    }
    m_work.cancel(0);
    BounceTimeline timeline = compute();
    apply(timeline);
}

void BounceTimelineBuilder::apply(BounceTimeline &timeline) {
    m_timeline = std::move(timeline);
    Q_EMIT timelineChanged();
}
