#pragma once

#include "api/addressoutcome.h"
#include "api/tenant.h"
#include "core/deletionrecord.h"
#include "core/deletionrecordsyncer.h"
#include "core/suppressionlist.h"

#include <QDialog>
#include <QHash>
#include <QList>
#include <QPointer>
#include <QSet>
#include <QStringList>

class AddressDeleteJob;
class AddressSearch;
class FindResultsModel;
class QAction;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableView;
class SuppressionClient;
struct AddressHit;

// Tools → Find Address (Ctrl+Shift+F): one address, or "@domain", searched on every list of the
// parent account and of every customer (v2: each customer's bounces) through AddressSearch.
// Rows stream into the table as places are searched, the progress counts customers, and every
// customer or list that could not be searched gets its own line: the search is called complete
// only when nothing failed. Esc stops the search and any deletes, and nothing more is sent.
// Selected rows are deleted after the main table's confirmation (consent lists need the
// "recipient asked" tick), one (customer, list) at a time through
// SuppressionClient::deleteAddresses(); a row leaves only when the address is gone, otherwise
// it stays marked Failed or Unconfirmed with its reason, and every outcome is written to the
// deletion record first (those that came together with one write; when that fails, none of them
// leaves and the deleting stops before anything more is sent). The lines reach the disk on
// DeletionRecordSyncer's thread, as the main window's deletes do; outcomes are shown, and the
// deleting ends, once their lines are synced. Non-modal: one per main window.
class FindAddressDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FindAddressDialog)
public:
    explicit FindAddressDialog(QWidget *parent = nullptr);
    ~FindAddressDialog() override;

    // The client searches and deletes go through (not owned). Changing it stops whatever
    // runs and empties the results.
    void setClient(SuppressionClient *client);
    SuppressionClient *client() const { return m_client; }
    void setDeletionRecord(const DeletionRecord &record) { m_record = record; }

    // Puts `query` in the field and searches (an empty query only shows the dialog's field).
    void search(const QString &query);
    void startSearch(); // what the field holds
    void deleteSelected();
    void cancel(); // the search and any deletes; requests already sent are still waited for

    bool isSearching() const;
    bool isDeleting() const { return m_deleting; }
    // The last search ended with every customer and list searched.
    bool isComplete() const { return m_complete; }

    // The parts, for tests.
    QLineEdit *queryEdit() const { return m_query; }
    FindResultsModel *resultsModel() const { return m_model; }
    QTableView *resultsView() const { return m_view; }
    QString statusText() const;
    QStringList notSearched() const { return m_notSearched; }
    QPushButton *deleteButton() const { return m_deleteButton; }

    // "The recipient asked to receive mail again": the tick a consent list's delete needs.
    static QString consentText();

Q_SIGNALS:
    // A result was double-clicked: open that customer (empty: the parent account) on that list
    // with the address selected.
    void openRequested(const QString &customer, SuppressionList list, const QString &email);

protected:
    void reject() override; // Esc: stops what runs; only when nothing runs, closes

private:
    // One delete: addresses of one list of one customer; for group unsubscribes, of one group
    // (each row is an (address, group) pair, and only that pair goes).
    struct Place {
        Tenant tenant;
        SuppressionList list = SuppressionList::Bounces;
        QString group;
        QStringList emails;
    };

    void onHits(const QList<AddressHit> &hits);
    void onNotSearched(const QString &why);
    void onSearchFinished();
    void showProgress();
    void updateActions();
    void confirmDelete(const QList<Place> &places, int addresses);
    void startDeletes(QList<Place> places);
    void deleteNextPlace();
    // The outcomes that came together: recorded with one write, then shown once synced.
    void onOutcomes(const Place &place, const QList<AddressResult> &results);
    // `recorded`: their lines are on disk; if not, nothing more is sent.
    void showOutcomes(const Place &place, const QList<AddressResult> &results, bool recorded);
    void onPlaceDeleted();
    void stopDeletes(); // nothing more is sent; the job in flight ends by itself
    void endDeletes();

    SuppressionClient *m_client = nullptr;
    DeletionRecord m_record;
    FindResultsModel *m_model;
    QLineEdit *m_query;
    QPushButton *m_searchButton;
    QTableView *m_view;
    QLabel *m_status;
    QPlainTextEdit *m_problems;
    QPushButton *m_deleteButton;
    QAction *m_deleteAction;

    QPointer<AddressSearch> m_search;
    QString m_searchedFor;
    QStringList m_notSearched;
    QString m_waitNote; // the server asked to wait: why nothing moves
    int m_customersDone = 0;
    int m_customersTotal = -1;
    bool m_complete = false;
    bool m_cancelled = false;

    bool m_confirming = false;
    bool m_deleting = false;
    QList<Place> m_toDelete; // not yet sent
    Place m_current;
    QPointer<AddressDeleteJob> m_job;
    bool m_jobCancelled = false;
    QSet<QString> m_answered; // of m_current, lower-case
    int m_deleted = 0;
    int m_notDeleted = 0;
    QString m_recordError; // the record could not be written: everything stopped
    DeletionRecordSyncer m_recordSyncer;
    int m_deleteRun = 0; // a sync's answer for an earlier run (another client's) is not shown
    bool m_endWhenRecorded = false; // every place answered; the run ends with the last sync
    QString m_deleteSummary;
};
