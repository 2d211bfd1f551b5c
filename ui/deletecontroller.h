#pragma once

#include "api/addressoutcome.h"
#include "api/apisettings.h"
#include "api/tenant.h"
#include "core/deletionrecord.h"
#include "core/deletionrecordsyncer.h"
#include "core/suppressionlist.h"

#include <QHash>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>

class AddressDeleteJob;
class BounceTableModel;
class BounceTableView;
class QTimer;
class QWidget;
class SuppressionClient;

// Deletes the selected bounces: asks first (how many, the first addresses, and that SendGrid
// will deliver to them again), then has the client delete them (AddressDeleteJob: v2 one
// request per address with bounded concurrency, v3 in bulk with a read-back). A row leaves the
// table only when the server confirmed it gone (AddressOutcome::isGone); rows that failed
// stay, marked Failed, or Unconfirmed when nothing confirmed it, each with its own reason in
// its tooltip; a summary, failures first, says why. Addresses chosen while a run goes on join
// it, sent as the next job once the current one ended, so the bound holds.
// Removals are batched on a timer so thousands of confirmations do not each rescan.
// Group unsubscribes are (address, group) pairs: the selection, the rows' states and the
// bookkeeping below name them by RowKey pairs, each job deletes from one group only
// (DeleteOptions::groupId), and the other groups' rows of the address stay.
// Every outcome is appended to the deletion record (DeletionRecord) before its row leaves the
// table or is marked, the outcomes that came together with one write; when the record cannot be
// written the deleting stops (nothing more is sent), those rows stay, marked, and the summary
// says why first.
class DeleteController final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeleteController)
public:
    // Shows `text` (plain text) and calls `answer(true)` to go ahead. It may answer later; the
    // default opens a window-modal QMessageBox with open(), never a nested event loop.
    using ConfirmFunction = std::function<void(const QString &title, const QString &text,
                                               std::function<void(bool accepted)> answer)>;
    static constexpr int previewAddresses = 5;
    // Confirmed rows leave together at most this often: each removal from a million-row table
    // costs the model and its views a few milliseconds whatever its size, so 10,000 deletes
    // confirmed over seconds cost a few dozen of those, not thousands.
    static constexpr int removalBatchMs = 200;

    // Whose lists a customer shown in the table is (default: the subuser of that name).
    using TenantOf = std::function<Tenant(const QString &customer)>;

    DeleteController(SuppressionClient *client, BounceTableModel *model, BounceTableView *view,
                     QWidget *dialogParent, QObject *parent = nullptr);
    ~DeleteController() override;

    // Another connection: a run on the old client ends (what got no answer stays, Unconfirmed).
    void setClient(SuppressionClient *client);
    void setTenantResolver(TenantOf tenantOf) { m_tenantOf = std::move(tenantOf); }
    void setConfirmFunction(ConfirmFunction confirm) { m_confirm = std::move(confirm); }
    void setConcurrency(int requests) { m_concurrency = requests; }
    void setDeletionRecord(const DeletionRecord &record) { m_record = record; }
    // The list the table shows, which deletes act on (bounces by default). A run keeps the
    // list it began with.
    void setList(SuppressionList list) { m_list = list; }
    SuppressionList list() const { return m_list; }

    bool canDelete() const; // a selection, and no other customer's deletes running
    bool isRunning() const { return m_running; }
    int done() const { return m_done; }   // of the current run
    int total() const { return m_total; } // of the current run
    int failedCount() const { return int(m_failed.size()); }
    QString failureReason(const QString &email) const { return m_failed.value(email).reason; }

    void deleteSelected(); // asks first; a declined confirmation sends nothing
    void retryFailed();    // the rows marked Failed/Unconfirmed in the last run
    void cancel();         // requests already sent are still waited for
    // Quitting while deletes run: asks (window-modal, no nested loop); on "Quit" cancels the
    // rest and calls `quit`.
    void confirmQuit(std::function<void()> quit);

    // Deletes confirmed while a list was loading may be in that list: they go again at the end.
    void beginListLoad();
    void endListLoad();

    // The consent lists' text also says SendGrid asks they be removed only on request.
    static QString confirmationText(const QString &customer, qsizetype count,
                                    const QStringList &firstAddresses,
                                    SuppressionList list = SuppressionList::Bounces);
    // Rows of one or several lists (Find Address): names the list when there is one, and says
    // what each list among them needs said.
    static QString confirmationText(const QString &customer, qsizetype count,
                                    const QStringList &firstAddresses,
                                    const QList<SuppressionList> &lists);

Q_SIGNALS:
    void runningChanged(bool running);
    void progress(int done, int total);
    // After each run: one paragraph for the status bar or banner (plain text).
    void finished(const QString &summary, bool hadFailures);

private:
    struct Failure {
        bool unconfirmed = false; // no answer came: it may or may not have happened
        QString reason;           // ApiError::message(), shown on the row
    };

    void defaultConfirm(const QString &title, const QString &text,
                        std::function<void(bool)> answer);
    void start(const QString &customer, const QStringList &emails);
    void sendNextJob();
    bool runTakesPairs() const;                // the run's keys are (address, group) pairs (RowKey)
    QString keyText(const QString &key) const; // a key as the confirmation names it
    void onJobEnded(AddressDeleteJob *job);
    // The outcomes that came together (keys, not addresses, for pairs): written to the record
    // at once, shown once the record's syncer has synced them (showOutcomes).
    void onOutcomes(const QList<AddressResult> &results);
    // Shows outcomes after their record was synced (`recorded`) or could not be written or
    // synced; a failure stops the run once they are shown. A run that ended meanwhile finishes
    // after the last of them.
    void showOutcomes(const QList<AddressResult> &results, bool recorded);
    // The record's lines for these outcomes.
    QList<DeletionEntry> outcomeEntries(const QList<AddressResult> &results) const;
    // Writes the outcomes' lines to the record, `synced` to disk before it returns or not; false
    // when they could not be written (or the record had failed before): the caller then shows
    // none of them as done.
    bool recordOutcomes(const QList<AddressResult> &results, bool synced);
    void onGone(const QString &email, bool recorded);
    void onFailed(const QString &email, const QString &why, bool unconfirmed);
    void finishRun();
    void flushModelChanges();
    void markFailures(const QHash<QString, Failure> &failures);
    bool showsQueueCustomer() const;
    QString summary(int confirmed, int notSent) const;

    QPointer<SuppressionClient> m_client;
    BounceTableModel *m_model;
    BounceTableView *m_view;
    QPointer<QWidget> m_dialogParent;
    ConfirmFunction m_confirm;
    TenantOf m_tenantOf;
    int m_concurrency = 0; // 0: the client's default
    bool m_confirming = false;

    // The run: one job at a time; addresses chosen meanwhile wait for the next one.
    AddressDeleteJob *m_job = nullptr; // cleared when it ended (finished or destroyed)
    QStringList m_waiting;
    bool m_running = false;
    bool m_cancelled = false;
    int m_done = 0;
    int m_total = 0;
    int m_confirmed = 0;
    Tenant m_tenant;                   // of the current or last run
    ApiVersion m_api = ApiVersion::V2; // of the current or last run
    QString m_customer;                // of the current or last run
    SuppressionList m_list = SuppressionList::Bounces;
    SuppressionList m_runList = SuppressionList::Bounces; // of the current or last run
    QSet<QString> m_outstanding;      // sent or queued, no answer yet or not yet recorded
    QSet<QString> m_recording;        // of those, answered and written, not yet synced
    QHash<QString, Failure> m_failed; // failed in the current or last run (Retry)
    QMap<QString, int> m_reasons;     // why deletes failed -> how many
    QMap<QString, int> m_doubts;      // why deletes went unconfirmed -> how many

    // Model changes waiting for the batch timer.
    QTimer *m_batchTimer;
    QSet<QString> m_toRemove;
    QHash<QString, Failure> m_toMark;

    DeletionRecord m_record;
    QString m_recordError;             // why the current or last run stopped, if the record failed
    bool m_finishWhenRecorded = false; // the run ended while the record was being synced

    bool m_listLoading = false;
    QSet<QString> m_confirmedDuringLoad;

    // Last: gone first, syncing what it was given before anything it answers to goes.
    DeletionRecordSyncer m_recordSyncer;
};
