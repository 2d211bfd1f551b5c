#include "deletecontroller.h"

#include "bouncetableview.h"
#include "deleteconfirmation.h"

#include "api/outcomeentry.h"
#include "api/suppressionclient.h"
#include "core/bouncetablemodel.h"
#include "core/rowkey.h"

#include <QMessageBox>
#include <QPushButton>
#include <QTimer>

#include <algorithm>

using RowState = BounceTableModel::RowState;

DeleteController::DeleteController(SuppressionClient *client, BounceTableModel *model,
                                   BounceTableView *view, QWidget *dialogParent, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_model(model)
    , m_view(view)
    , m_dialogParent(dialogParent)
    , m_tenantOf([](const QString &customer) { return Tenant::subuser(customer); })
    , m_batchTimer(new QTimer(this)) {
    m_confirm = [this](const QString &title, const QString &text,
                       std::function<void(bool)> answer) {
        defaultConfirm(title, text, std::move(answer));
    };
    m_batchTimer->setSingleShot(true);
    m_batchTimer->setInterval(removalBatchMs);
    connect(m_batchTimer, &QTimer::timeout, this, &DeleteController::flushModelChanges);
}

DeleteController::~DeleteController() {
    if (m_job) {
        m_job->disconnect(this);
        m_job->cancel(); // nothing more is sent for a window that is gone
    }
}

void DeleteController::setClient(SuppressionClient *client) {
    if (client == m_client)
        return;
    if (m_job) {
        // The old client's jobs go with it: the run ends here. Addresses without an answer
        // may have been sent, so they stay marked Unconfirmed (see onJobEnded).
        m_job->cancel();
    }
    m_client = client;
}

bool DeleteController::canDelete() const {
    if (m_confirming || m_model->customer().isEmpty() || m_view->selectedRowCount() == 0)
        return false;
    // One run at a time; adding to the run of the customer shown is fine.
    return !isRunning() || (m_customer == m_model->customer() && m_runList == m_list);
}

QString DeleteController::confirmationText(const QString &customer, qsizetype count,
                                           const QStringList &firstAddresses,
                                           SuppressionList list) {
    return confirmationText(customer, count, firstAddresses, QList<SuppressionList>{list});
}

QString DeleteController::confirmationText(const QString &customer, qsizetype count,
                                           const QStringList &firstAddresses,
                                           const QList<SuppressionList> &lists) {
    // English plurals spelled out (no "bounce(s)"); %Ln lets translators add their forms and
    // writes the count as the locale does ("11,111"), as the status bar does.
    const SuppressionList list = lists.isEmpty() ? SuppressionList::Bounces : lists.first();
    const bool several = lists.size() > 1;
    QString text;
    if (several)
        text = tr("Delete %Ln rows of customer %1 from several lists?", nullptr, int(count))
                   .arg(customer);
    else if (list == SuppressionList::Bounces)
        text = count == 1
                   ? tr("Delete 1 bounce of customer %1?").arg(customer)
                   : tr("Delete %Ln bounces of customer %1?", nullptr, int(count)).arg(customer);
    else
        text = count == 1 ? tr("Delete 1 row of customer %1 from %2?")
                                .arg(customer, suppressionListTitle(list))
                          : tr("Delete %Ln rows of customer %1 from %2?", nullptr, int(count))
                                .arg(customer, suppressionListTitle(list));
    text += QStringLiteral("\n\n");
    for (const QString &address : firstAddresses)
        text += address + u'\n';
    if (count > firstAddresses.size())
        text += tr("…and %Ln more", nullptr, int(count - firstAddresses.size())) + u'\n';
    text += u'\n';
    // Each row is an (address, group) pair, deleted from its group alone (DeleteOptions::groupId).
    if (lists.contains(SuppressionList::GroupUnsubscribes))
        text +=
            tr("Each address leaves only the group of its row; its other groups keep it.") + u' ';
    if (std::any_of(lists.cbegin(), lists.cend(), isConsentList))
        text += tr("SendGrid asks that these be removed only when the recipient asked to "
                   "receive mail again.") +
                u' ';
    text += tr("SendGrid will deliver mail to these addresses again. This cannot be undone.");
    return text;
}

void DeleteController::deleteSelected() {
    if (!canDelete())
        return;
    const QString customer = m_model->customer();
    // The selection as store rows: ten thousand rows selected are named by numbers until they
    // are sent, not made into text twice on the GUI thread. The numbers hold while the model
    // keeps its store (storeGeneration()).
    std::vector<BounceStore::Row> asked = m_view->selectedStoreRows();
    const quint64 generation = m_model->storeGeneration();
    const SuppressionList list = m_list;
    QStringList preview;
    for (std::size_t i = 0; i < std::min(asked.size(), std::size_t(previewAddresses)); ++i)
        preview << keyText(m_model->rowKey(asked[i]));
    const QString text = confirmationText(customer, qsizetype(asked.size()), preview, list);
    const QString title = list == SuppressionList::Bounces
                              ? tr("Delete Bounces")
                              : tr("Delete from %1").arg(suppressionListTitle(list));
    std::sort(asked.begin(), asked.end());
    const auto answer = [this, customer, list, generation,
                         asked = std::move(asked)](bool accepted) {
        m_confirming = false;
        // Rows read again while the question was open (a refresh) are other rows under the
        // same numbers: what was confirmed is no longer shown.
        if (!accepted || m_model->customer() != customer || m_list != list ||
            m_model->storeGeneration() != generation)
            return;
        // Re-read the selection: rows may have left while the question was open. Only rows
        // that were both confirmed and are still selected go.
        QStringList keys;
        for (const BounceStore::Row row : m_view->selectedStoreRows()) {
            if (!std::binary_search(asked.cbegin(), asked.cend(), row))
                continue;
            QString key = m_model->rowKey(row);
            if (!m_outstanding.contains(key))
                keys.append(std::move(key));
        }
        if (!keys.isEmpty())
            start(customer, keys);
    };
    m_confirming = true;
    m_confirm(title, text, answer);
}

void DeleteController::retryFailed() {
    if (m_failed.isEmpty() || isRunning() || !showsQueueCustomer() || m_list != m_runList)
        return;
    start(m_customer, m_failed.keys());
}

void DeleteController::cancel() {
    if (!m_running)
        return;
    m_cancelled = true;
    m_waiting.clear(); // never sent: finishRun() puts their rows back
    if (m_job)
        m_job->cancel(); // requests already sent are still waited for
}

void DeleteController::confirmQuit(std::function<void()> quit) {
    auto *box = new QMessageBox(
        QMessageBox::Warning, tr("Deletes Still Running"),
        tr("Deletes are still running for %1. Quit anyway?\n\nRequests already sent may still "
           "delete their addresses; the rest are not sent.")
            .arg(m_customer),
        QMessageBox::NoButton, m_dialogParent);
    box->setObjectName(QStringLiteral("quitConfirmation"));
    box->setTextFormat(Qt::PlainText);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *leave = box->addButton(tr("&Quit"), QMessageBox::DestructiveRole);
    box->setDefaultButton(box->addButton(QMessageBox::Cancel));
    connect(box, &QMessageBox::finished, this, [this, box, leave, quit] {
        if (box->clickedButton() != leave)
            return;
        cancel();
        quit();
    });
    box->open();
}

void DeleteController::defaultConfirm(const QString &title, const QString &text,
                                      std::function<void(bool)> answer) {
    DeleteConfirmation::open(m_dialogParent, title, text, isConsentList(m_list), std::move(answer));
}

void DeleteController::start(const QString &customer, const QStringList &emails) {
    const bool wasRunning = m_running;
    if (!wasRunning) {
        // An unwritable record stops the deleting before the first request.
        m_recordError.clear();
        if (!m_client)
            return; // not connected: nothing is shown to delete
        if (!m_record.check()) {
            m_recordError = m_record.errorString();
            Q_EMIT finished(
                tr("Nothing was deleted (every delete is recorded first). %1").arg(m_recordError),
                true);
            return;
        }
        m_customer = customer;
        m_runList = m_list;
        m_tenant = m_tenantOf(customer);
        m_api = m_client->api();
        m_running = true;
        m_cancelled = false;
        m_done = 0;
        m_total = 0;
        m_confirmed = 0;
        m_reasons.clear();
        m_doubts.clear();
        m_failed.clear();
    }
    QStringList fresh;
    for (const QString &email : emails) {
        if (m_outstanding.contains(email))
            continue; // sent once per run
        m_outstanding.insert(email);
        m_failed.remove(email);
        fresh.append(email);
    }
    m_total += int(fresh.size());
    m_model->setRowState(QSet<QString>(fresh.cbegin(), fresh.cend()), RowState::Deleting);
    m_waiting += fresh;
    if (!m_job)
        sendNextJob();
    if (!wasRunning)
        Q_EMIT runningChanged(true);
    Q_EMIT progress(m_done, m_total);
}

bool DeleteController::runTakesPairs() const {
    return m_runList == SuppressionList::GroupUnsubscribes;
}

QString DeleteController::keyText(const QString &key) const {
    if (m_list != SuppressionList::GroupUnsubscribes)
        return key;
    return tr("%1 (group %2)").arg(RowKey::email(key), RowKey::group(key));
}

void DeleteController::sendNextJob() {
    QStringList emails = std::exchange(m_waiting, {});
    if (emails.isEmpty() || m_cancelled || !m_client) {
        finishRun();
        return;
    }
    DeleteOptions options;
    options.maxInFlight = m_concurrency;
    if (runTakesPairs()) {
        // One group per job, through the client's delete from one group (the command line's
        // --group): the pairs of other groups wait for the next job.
        options.groupId = RowKey::group(emails.first());
        QStringList others;
        QStringList addresses;
        for (const QString &key : std::as_const(emails)) {
            if (RowKey::group(key) == options.groupId)
                addresses << RowKey::email(key);
            else
                others << key;
        }
        m_waiting = others;
        emails = addresses;
    }
    // What the table holds is the list's size: lets a bulk delete confirm by re-reading.
    if (m_model->customer() == m_customer)
        options.listSizeHint = m_model->totalRows();
    AddressDeleteJob *job = m_client->deleteAddresses(m_tenant, m_runList, emails, options);
    m_job = job;
    if (runTakesPairs()) {
        const QString group = options.groupId;
        connect(job, &AddressDeleteJob::outcomes, this,
                [this, group](QList<AddressResult> results) {
                    for (AddressResult &result : results)
                        result.email = RowKey::pair(result.email, group);
                    onOutcomes(results);
                });
    } else {
        connect(job, &AddressDeleteJob::outcomes, this, &DeleteController::onOutcomes);
    }
    connect(job, &AddressDeleteJob::finished, this, [this, job] { onJobEnded(job); });
    // A job whose client went (another connection) ends without finished().
    connect(job, &QObject::destroyed, this, [this, job] { onJobEnded(job); });
}

void DeleteController::onJobEnded(AddressDeleteJob *job) {
    if (job != m_job)
        return; // the destroyed() after a finished()
    m_job = nullptr;
    if (!m_waiting.isEmpty() && !m_cancelled) {
        sendNextJob();
        return;
    }
    finishRun();
}

void DeleteController::onOutcomes(const QList<AddressResult> &results) {
    // Only what this run asked and has no answer for yet; each key once.
    QList<AddressResult> ours;
    for (const AddressResult &result : results) {
        if (m_outstanding.contains(result.email) && !m_recording.contains(result.email)) {
            m_recording.insert(result.email);
            ours.append(result);
        }
    }
    if (ours.isEmpty())
        return;
    // Written here, so that a record that cannot be written stops the deleting before another
    // request goes; synced to disk beside (a sync can take long), and shown once synced.
    if (!recordOutcomes(ours, false)) {
        showOutcomes(ours, false);
        return;
    }
    m_recordSyncer.sync(m_record, [this, ours](bool synced, const QString &error) {
        if (!synced && m_recordError.isEmpty())
            m_recordError = error;
        showOutcomes(ours, synced);
    });
}

void DeleteController::showOutcomes(const QList<AddressResult> &results, bool recorded) {
    for (const AddressResult &result : results) {
        m_recording.remove(result.email);
        ++m_done;
        if (result.outcome.isGone())
            onGone(result.email, recorded);
        else
            onFailed(result.email, result.outcome.why,
                     result.outcome.kind == AddressOutcome::Kind::Unconfirmed);
    }
    Q_EMIT progress(m_done, m_total);
    if (!recorded)
        cancel(); // only now: the job's last signals may come from inside cancel()
    if (m_finishWhenRecorded && m_recordSyncer.pending() == 0)
        finishRun();
}

QList<DeletionEntry> DeleteController::outcomeEntries(const QList<AddressResult> &results) const {
    // The same lines the command line writes (the parent account's customer is empty; a pair
    // names its group as `delete --group` does).
    QList<DeletionEntry> entries;
    entries.reserve(results.size());
    for (const AddressResult &result : results) {
        const QString &key = result.email;
        entries.append(runTakesPairs()
                           ? outcomeEntry(m_api, m_tenant, m_runList, RowKey::email(key),
                                          result.outcome, RowKey::group(key))
                           : outcomeEntry(m_api, m_tenant, m_runList, key, result.outcome));
    }
    return entries;
}

bool DeleteController::recordOutcomes(const QList<AddressResult> &results, bool synced) {
    if (!m_recordError.isEmpty())
        return false; // stopped: nothing more is recorded as if all were well
    QList<DeletionEntry> entries = outcomeEntries(results);
    if (synced ? m_record.appendAll(std::move(entries)) : m_record.writeAll(std::move(entries)))
        return true;
    m_recordError = m_record.errorString();
    return false;
}

void DeleteController::onGone(const QString &email, bool recorded) {
    if (!recorded) {
        // Gone on the server, but nobody could tell afterwards: the row stays, and says so.
        m_outstanding.remove(email);
        const Failure failure{false, tr("Deleted, but not recorded: %1").arg(m_recordError)};
        m_failed.insert(email, failure);
        ++m_reasons[failure.reason];
        m_toMark.insert(email, failure);
        if (!m_batchTimer->isActive())
            m_batchTimer->start();
        return;
    }
    m_outstanding.remove(email);
    ++m_confirmed;
    m_toRemove.insert(email);
    if (m_listLoading)
        m_confirmedDuringLoad.insert(email);
    if (!m_batchTimer->isActive())
        m_batchTimer->start();
}

// Recorded (or the record failed) by the caller; the row stays either way.
void DeleteController::onFailed(const QString &email, const QString &why, bool unconfirmed) {
    m_outstanding.remove(email);
    // Unconfirmed or not, the user is told why, on the row and in the summary: a timeout, a
    // reset and a gateway error call for different next steps.
    const Failure failure{unconfirmed, why};
    m_failed.insert(email, failure);
    ++(unconfirmed ? m_doubts : m_reasons)[failure.reason];
    m_toMark.insert(email, failure);
    if (!m_batchTimer->isActive())
        m_batchTimer->start();
}

// One setRowState() per state and reason: deletes fail for few distinct reasons.
void DeleteController::markFailures(const QHash<QString, Failure> &failures) {
    QHash<std::pair<bool, QString>, QSet<QString>> groups;
    for (auto it = failures.cbegin(); it != failures.cend(); ++it)
        groups[{it->unconfirmed, it->reason}].insert(it.key());
    for (auto it = groups.cbegin(); it != groups.cend(); ++it)
        m_model->setRowState(it.value(), it.key().first ? RowState::Unconfirmed : RowState::Failed,
                             it.key().second);
}

void DeleteController::finishRun() {
    if (!m_running)
        return;
    // Answers are shown once their record is synced: the run ends with the last of them.
    if (m_recordSyncer.pending() > 0) {
        m_finishWhenRecorded = true;
        return;
    }
    m_finishWhenRecorded = false;
    // Cancelled: what was never sent has no answer, and its row goes back to normal. Without
    // a cancel, an address left without an answer had its job end under it (the connection
    // changed): it may have been sent, so it stays, Unconfirmed.
    const QSet<QString> unanswered = std::exchange(m_outstanding, {});
    m_waiting.clear();
    if (!m_cancelled && !unanswered.isEmpty()) {
        const QString why = tr("The connection changed before the server answered.");
        QList<AddressResult> results;
        for (const QString &email : unanswered)
            results.append({email, AddressOutcome::unconfirmed(why)});
        // Nothing is left to stop if this cannot be recorded (the summary then says why first);
        // the rows stay Unconfirmed either way, never put back as if never sent.
        recordOutcomes(results, true);
        for (const AddressResult &result : std::as_const(results))
            onFailed(result.email, why, true);
    }
    const int notSent = m_cancelled ? int(unanswered.size()) : 0;
    flushModelChanges();
    if (showsQueueCustomer() && m_cancelled && !unanswered.isEmpty())
        m_model->setRowState(unanswered, RowState::Normal);
    m_running = false;
    Q_EMIT runningChanged(false);
    Q_EMIT finished(summary(m_confirmed, notSent), !m_failed.isEmpty());
}

bool DeleteController::showsQueueCustomer() const {
    return !m_customer.isEmpty() && m_model->customer() == m_customer &&
           m_model->list() == m_runList;
}

void DeleteController::flushModelChanges() {
    m_batchTimer->stop();
    // Answers for a customer no longer shown change nothing on screen; the server has them.
    if (showsQueueCustomer()) {
        if (!m_toRemove.isEmpty())
            m_model->removeEmails(m_toRemove);
        markFailures(m_toMark);
    }
    m_toRemove.clear();
    m_toMark.clear();
}

void DeleteController::beginListLoad() {
    m_listLoading = true;
    m_confirmedDuringLoad.clear();
}

void DeleteController::endListLoad() {
    flushModelChanges();
    m_listLoading = false;
    const QSet<QString> confirmed = std::exchange(m_confirmedDuringLoad, {});
    if (!showsQueueCustomer())
        return;
    // The list was read from the server while deletes ran: put back what the screen knew.
    if (!confirmed.isEmpty())
        m_model->removeEmails(confirmed);
    if (!m_outstanding.isEmpty())
        m_model->setRowState(m_outstanding, RowState::Deleting);
    markFailures(m_failed);
}

// The failures lead: they are what needs doing; the rows say the same, each its own reason.
QString DeleteController::summary(int confirmed, int notSent) const {
    QStringList lines;
    if (!m_recordError.isEmpty())
        lines << tr("Deleting stopped: %1 Nothing more was sent.").arg(m_recordError);
    int unconfirmed = 0;
    for (const Failure &failure : m_failed)
        unconfirmed += failure.unconfirmed ? 1 : 0;
    const int refused = int(m_failed.size()) - unconfirmed;
    const auto listReasons = [&lines](const QMap<QString, int> &reasons) {
        for (auto it = reasons.cbegin(); it != reasons.cend(); ++it)
            lines << (it.value() == 1 ? tr("• %1 (1 address)")
                                      : tr("• %1 (%Ln addresses)", nullptr, it.value()))
                         .arg(it.key());
    };
    if (refused > 0) {
        lines << tr("%Ln could not be deleted and stay in the table, marked:", nullptr, refused);
        listReasons(m_reasons);
    }
    if (unconfirmed > 0) {
        lines << tr("%Ln got no answer that confirms it: the delete may or may not have happened, "
                    "and trying again is safe.",
                    nullptr, unconfirmed);
        listReasons(m_doubts);
    }
    if (notSent > 0)
        lines << tr("%Ln not sent because the deletes were cancelled.", nullptr, notSent);
    lines << (confirmed == 1 ? tr("1 address deleted for %1.")
                             : tr("%Ln addresses deleted for %1.", nullptr, confirmed))
                 .arg(m_customer);
    return lines.join(u'\n');
}
