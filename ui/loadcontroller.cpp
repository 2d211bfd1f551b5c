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
    // Another account: nothing shown or kept is its.
    m_kept.clear();
    m_keptCustomer.clear();
    m_customer.clear();
    m_outcome = Outcome::None;
    m_loadedAt = {};
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
    if (customer != m_keptCustomer) {
        m_kept.clear(); // another customer's lists are not kept
        m_keptCustomer = customer;
    }
    m_kept.remove(int(m_list)); // loaded again
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
    ListLoadJob *job = m_client->loadList(m_tenant, m_list);
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

void LoadController::setList(SuppressionList list) {
    if (list == m_list)
        return;
    keepShownList();
    cancel();
    m_list = list;
    m_loadedAt = {}; // what loads now is a first load of this list, streamed in
    m_outcome = Outcome::None;
    m_model->setList(list); // the model is now empty, with the list's columns
    if (m_customer.isEmpty())
        return;
    if (!showKeptList())
        load(m_customer);
}

// Only a list loaded whole is kept: half a list would later look like a whole one.
void LoadController::keepShownList() {
    if (isLoading() || m_outcome != Outcome::Loaded || m_customer.isEmpty() ||
        m_model->customer() != m_customer || m_model->list() != m_list)
        return;
    m_keptCustomer = m_customer;
    m_kept.insert(int(m_list), Kept{m_model->presentRows(), m_loadedAt});
}

bool LoadController::showKeptList() {
    if (m_keptCustomer != m_customer || !m_kept.contains(int(m_list)))
        return false;
    Kept kept = m_kept.take(int(m_list));
    ++m_generation;
    m_model->reset(m_customer);
    m_model->appendRows(std::move(kept.rows));
    m_model->loadFinished();
    m_received = m_model->totalRows();
    m_lastError = {};
    m_outcome = Outcome::Loaded;
    m_loadedAt = kept.loadedAt;
    Q_EMIT loaded(m_customer, m_model->totalRows(), m_loadedAt);
    return true;
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
