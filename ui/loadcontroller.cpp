#include "loadcontroller.h"

#include "api/suppressionclient.h"
#include "core/bouncetablemodel.h"

LoadController::LoadController(SuppressionClient *client, BounceTableModel *model, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_model(model)
    , m_tenantOf([](const QString &customer) { return Tenant::subuser(customer); }) {
    connect(m_model, &BounceTableModel::rowsReplaced, this, &LoadController::onReplaced);
}

void LoadController::setClient(SuppressionClient *client) {
    if (client == m_client)
        return;
    cancel();
    m_client = client;
}

LoadController::~LoadController() {
    if (m_job)
        m_job->cancel();
}

void LoadController::load(const QString &customer) {
    if (!m_client)
        return; // not connected
    const bool wasLoading = isLoading();
    if (m_job) {
        // Silent: a cancelled job emits nothing more, and the generation guards the rest.
        m_job->cancel();
        m_job = nullptr;
    }
    if (m_replacing) {
        m_model->cancelReplacement();
        m_replacing = false;
    }
    ++m_generation;
    const quint64 generation = m_generation;

    // Refresh = the same customer whose complete list is on screen: keep it until the new
    // one is whole. Anything else: the old rows go now, never shown under the new name.
    m_refresh = customer == m_model->customer() && m_loadedAt.isValid() && !wasLoading;
    m_customer = customer;
    m_received = 0;
    m_outcome = Outcome::None;
    m_lastError = {};
    BounceStore().swap(m_pending);
    if (!m_refresh) {
        m_loadedAt = {};
        m_model->reset(customer);
    }

    m_tenant = m_tenantOf(customer);
    ListLoadJob *job = m_client->loadList(m_tenant, SuppressionList::Bounces);
    m_job = job;
    connect(job, &ListLoadJob::rowsArrived, this, [this, generation] { onRows(generation); });
    connect(job, &ListLoadJob::finished, this,
            [this, generation](qsizetype) { onFinished(generation); });
    connect(job, &ListLoadJob::failed, this,
            [this, generation](const ApiError &error) { onFailed(generation, error); });

    Q_EMIT started(customer, m_refresh);
    if (!wasLoading)
        Q_EMIT busyChanged(true);
}

void LoadController::refresh() {
    if (!m_customer.isEmpty())
        load(m_customer);
}

void LoadController::cancel() {
    if (!isLoading())
        return;
    if (m_job)
        m_job->cancel();
    if (m_replacing)
        m_model->cancelReplacement();
    ++m_generation;
    // A half list looks like a whole one (and would export as one): a cancelled first load
    // leaves an empty table; a cancelled refresh leaves the complete list it would replace.
    if (!m_refresh) {
        m_model->reset(m_customer);
        m_model->loadFinished();
    }
    m_outcome = Outcome::Cancelled;
    endJob();
    Q_EMIT cancelled(m_customer);
}

// The rows are taken, not copied: the batch's text becomes part of the model's store.
void LoadController::onRows(quint64 generation) {
    if (!isCurrent(generation))
        return;
    BounceStore batch = m_job->takeArrivedRows();
    m_received += batch.size();
    if (m_refresh)
        m_pending.appendAll(std::move(batch));
    else
        m_model->appendRows(std::move(batch));
    Q_EMIT progress(m_received);
}

void LoadController::onFinished(quint64 generation) {
    if (!isCurrent(generation))
        return;
    if (m_refresh) {
        // Moved, not copied: a million rows exist once here, once on screen, never thrice.
        m_job = nullptr;
        m_replacing = true;
        m_model->replaceRows(m_customer, std::move(m_pending)); // may be done on return
        return;
    }
    m_model->loadFinished();
    complete();
}

void LoadController::onReplaced() {
    if (!m_replacing)
        return;
    m_replacing = false;
    complete();
}

void LoadController::complete() {
    m_loadedAt = QDateTime::currentDateTime();
    m_outcome = Outcome::Loaded;
    endJob();
    Q_EMIT loaded(m_customer, m_model->totalRows(), m_loadedAt);
}

void LoadController::onFailed(quint64 generation, const ApiError &error) {
    if (!isCurrent(generation))
        return;
    if (!m_refresh) {
        // Rows that arrived before the failure are not the customer's list.
        m_model->reset(m_customer);
        m_model->loadFinished();
    }
    const bool cancelledByUser = error.kind == ApiError::Kind::Cancelled;
    m_outcome = cancelledByUser ? Outcome::Cancelled : Outcome::Failed;
    m_lastError = cancelledByUser ? ApiError() : error;
    endJob();
    if (cancelledByUser)
        Q_EMIT cancelled(m_customer);
    else
        Q_EMIT failed(m_customer, error);
}

void LoadController::endJob() {
    m_job = nullptr;
    m_replacing = false;
    BounceStore().swap(m_pending); // frees the arena, not only empties it
    m_refresh = false;
    Q_EMIT busyChanged(false);
}
