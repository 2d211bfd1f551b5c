#include "deletecontroller.h"

#include "bouncetableview.h"

#include "api/deletequeue.h"
#include "api/resellerclient.h"
#include "core/bouncetablemodel.h"

#include <QMessageBox>
#include <QPushButton>
#include <QTimer>

using RowState = BounceTableModel::RowState;

DeleteController::DeleteController(ResellerClient *client, BounceTableModel *model,
                                   BounceTableView *view, QWidget *dialogParent, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_model(model)
    , m_view(view)
    , m_dialogParent(dialogParent)
    , m_batchTimer(new QTimer(this)) {
    m_confirm = [this](const QString &title, const QString &text,
                       std::function<void(bool)> answer) {
        defaultConfirm(title, text, std::move(answer));
    };
    m_batchTimer->setSingleShot(true);
    m_batchTimer->setInterval(removalBatchMs);
    connect(m_batchTimer, &QTimer::timeout, this, &DeleteController::flushModelChanges);
}

DeleteController::~DeleteController() = default;

void DeleteController::setRecordedAs(const QString &api, const QString &list) {
    m_recordApi = api;
    m_recordList = list;
}

bool DeleteController::isRunning() const {
    return m_queue && m_queue->isRunning();
}

int DeleteController::done() const {
    return m_queue ? m_queue->done() : 0;
}

int DeleteController::total() const {
    return m_queue ? m_queue->total() : 0;
}

bool DeleteController::canDelete() const {
    if (m_confirming || m_model->customer().isEmpty() || m_view->selectedRowCount() == 0)
        return false;
    // One run at a time; adding to the run of the customer shown is fine.
    return !isRunning() || m_customer == m_model->customer();
}

QString DeleteController::confirmationText(const QString &customer, qsizetype count,
                                           const QStringList &firstAddresses) {
    // English plurals spelled out (no "bounce(s)"); %Ln lets translators add their forms and
    // writes the count as the locale does ("11,111"), as the status bar does.
    QString text =
        count == 1 ? tr("Delete 1 bounce of customer %1?").arg(customer)
                   : tr("Delete %Ln bounces of customer %1?", nullptr, int(count)).arg(customer);
    text += QStringLiteral("\n\n");
    for (const QString &address : firstAddresses)
        text += address + u'\n';
    if (count > firstAddresses.size())
        text += tr("…and %Ln more", nullptr, int(count - firstAddresses.size())) + u'\n';
    text += u'\n';
    text += tr("SendGrid will deliver mail to these addresses again. This cannot be undone.");
    return text;
}

void DeleteController::deleteSelected() {
    if (!canDelete())
        return;
    const QString customer = m_model->customer();
    const QStringList asked = m_view->selectedEmails();
    const QString text = confirmationText(customer, asked.size(), asked.mid(0, previewAddresses));
    m_confirming = true;
    m_confirm(tr("Delete Bounces"), text, [this, customer, asked](bool accepted) {
        m_confirming = false;
        if (!accepted || m_model->customer() != customer)
            return;
        // Re-read the selection: rows may have left while the question was open. Only
        // addresses that were both confirmed and are still selected go.
        const QSet<QString> confirmed(asked.cbegin(), asked.cend());
        QStringList emails;
        for (const QString &email : m_view->selectedEmails()) {
            if (confirmed.contains(email) && !m_outstanding.contains(email))
                emails.append(email);
        }
        if (!emails.isEmpty())
            start(customer, emails);
    });
}

void DeleteController::retryFailed() {
    if (m_failed.isEmpty() || isRunning() || m_model->customer() != m_customer)
        return;
    start(m_customer, m_failed.keys());
}

void DeleteController::cancel() {
    if (m_queue)
        m_queue->cancel();
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
    auto *box =
        new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::NoButton, m_dialogParent);
    box->setObjectName(QStringLiteral("deleteConfirmation"));
    box->setTextFormat(Qt::PlainText); // addresses are untrusted text
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *remove = box->addButton(tr("&Delete"), QMessageBox::DestructiveRole);
    QPushButton *keep = box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(keep);
    box->setEscapeButton(keep);
    connect(box, &QMessageBox::finished, this,
            [box, remove, answer] { answer(box->clickedButton() == remove); });
    box->open();
}

void DeleteController::start(const QString &customer, const QStringList &emails) {
    const bool wasRunning = isRunning();
    if (!wasRunning) {
        // An unwritable record stops the deleting before the first request.
        m_recordError.clear();
        if (!m_record.check()) {
            m_recordError = m_record.errorString();
            Q_EMIT finished(
                tr("Nothing was deleted (every delete is recorded first). %1").arg(m_recordError),
                true);
            return;
        }
        if (m_queue)
            m_queue->deleteLater();
        m_queue = new DeleteQueue(m_client, customer, this);
        if (m_concurrency > 0)
            m_queue->setConcurrency(m_concurrency);
        m_customer = customer;
        m_reasons.clear();
        m_doubts.clear();
        m_failed.clear();
        DeleteQueue *queue = m_queue;
        connect(queue, &DeleteQueue::deleted, this,
                [this](const QString &email, DeleteOutcome outcome) { onDeleted(email, outcome); });
        connect(queue, &DeleteQueue::failed, this, &DeleteController::onFailed);
        connect(queue, &DeleteQueue::progress, this, &DeleteController::progress);
        connect(queue, &DeleteQueue::finished, this, &DeleteController::onFinished);
    }
    for (const QString &email : emails) {
        m_outstanding.insert(email);
        m_failed.remove(email);
    }
    m_model->setRowState(QSet<QString>(emails.cbegin(), emails.cend()), RowState::Deleting);
    m_queue->enqueue(emails);
    if (!wasRunning) {
        m_queue->start();
        Q_EMIT runningChanged(true);
    }
    Q_EMIT progress(m_queue->done(), m_queue->total());
}

bool DeleteController::recordOutcome(const QString &email, DeletionOutcome outcome,
                                     const QString &detail) {
    if (!m_recordError.isEmpty())
        return false; // stopped: nothing more is recorded as if all were well
    DeletionEntry entry;
    entry.api = m_recordApi;
    entry.customer = m_customer;
    entry.list = m_recordList;
    entry.email = email;
    entry.outcome = outcome;
    entry.detail = detail;
    if (m_record.append(entry))
        return true;
    m_recordError = m_record.errorString();
    if (m_queue)
        m_queue->cancel();
    return false;
}

void DeleteController::onDeleted(const QString &email, DeleteOutcome outcome) {
    const bool recorded = recordOutcome(
        email,
        outcome == DeleteOutcome::NotOnList ? DeletionOutcome::NotOnList : DeletionOutcome::Deleted,
        outcome == DeleteOutcome::NotOnList
            ? QStringLiteral("the server said the address was not on the list")
            : QString());
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
    m_toRemove.insert(email);
    if (m_listLoading)
        m_confirmedDuringLoad.insert(email);
    if (!m_batchTimer->isActive())
        m_batchTimer->start();
}

void DeleteController::onFailed(const QString &email, const ApiError &error, bool unconfirmed) {
    recordOutcome(email, unconfirmed ? DeletionOutcome::Unconfirmed : DeletionOutcome::Failed,
                  error.message()); // the row stays either way; a failure here stops the rest
    m_outstanding.remove(email);
    // Unconfirmed or not, the user is told why, on the row and in the summary: a timeout, a
    // reset and a gateway error call for different next steps.
    const Failure failure{unconfirmed, error.message()};
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

void DeleteController::onFinished(int confirmed, int failed, int notSent) {
    Q_UNUSED(failed)
    const QStringList unsent = m_queue ? m_queue->notSent() : QStringList();
    for (const QString &email : unsent)
        m_outstanding.remove(email);
    flushModelChanges();
    if (showsQueueCustomer() && !unsent.isEmpty())
        m_model->setRowState(QSet<QString>(unsent.cbegin(), unsent.cend()), RowState::Normal);
    Q_EMIT runningChanged(false);
    Q_EMIT finished(summary(confirmed, notSent), !m_failed.isEmpty());
}

bool DeleteController::showsQueueCustomer() const {
    return !m_customer.isEmpty() && m_model->customer() == m_customer;
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
