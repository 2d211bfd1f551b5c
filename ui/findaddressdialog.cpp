#include "findaddressdialog.h"

#include "deleteconfirmation.h"
#include "deletecontroller.h"
#include "findresultsmodel.h"

#include "api/addresssearch.h"
#include "api/outcomeentry.h"
#include "api/suppressionclient.h"
#include "api/v3suppressionclient.h"

#include <QAction>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace {

bool sameTenant(const Tenant &a, const Tenant &b) {
    return a.kind == b.kind && a.id == b.id;
}

} // namespace

FindAddressDialog::FindAddressDialog(QWidget *parent)
    : QDialog(parent)
    , m_model(new FindResultsModel(this))
    , m_query(new QLineEdit(this))
    , m_searchButton(new QPushButton(tr("&Search"), this))
    , m_view(new QTableView(this))
    , m_status(new QLabel(this))
    , m_problems(new QPlainTextEdit(this))
    , m_deleteButton(new QPushButton(tr("&Delete…"), this))
    , m_deleteAction(new QAction(tr("&Delete…"), this)) {
    setObjectName(QStringLiteral("findAddressDialog"));
    setWindowTitle(tr("Find Address"));
    setModal(false);

    m_query->setObjectName(QStringLiteral("findAddressQuery"));
    m_query->setPlaceholderText(tr("anna@example.com, or @example.com for a whole domain"));
    m_query->setClearButtonEnabled(true);
    m_query->setAccessibleName(tr("Address or @domain"));
    auto *label = new QLabel(tr("&Address:"), this);
    label->setBuddy(m_query);
    m_searchButton->setDefault(true);

    m_view->setObjectName(QStringLiteral("findAddressResults"));
    m_view->setAccessibleName(tr("Where the address was found"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->setAlternatingRowColors(true);
    m_view->setTabKeyNavigation(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setColumnWidth(FindResultsModel::EmailColumn, 220);
    m_view->setColumnWidth(FindResultsModel::ReasonColumn, 260);

    m_status->setObjectName(QStringLiteral("findAddressStatus"));
    m_status->setTextFormat(Qt::PlainText); // names customers: untrusted text
    m_status->setWordWrap(true);
    m_problems->setObjectName(QStringLiteral("findAddressNotSearched"));
    m_problems->setReadOnly(true);
    m_problems->setAccessibleName(tr("Not searched"));
    m_problems->setMaximumHeight(fontMetrics().height() * 6);
    m_problems->hide();

    m_deleteAction->setShortcut(QKeySequence::Delete);
    m_deleteAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_view->addAction(m_deleteAction);
    m_deleteButton->setObjectName(QStringLiteral("findAddressDelete"));
    m_deleteButton->setAutoDefault(false);
    m_deleteButton->setToolTip(tr("Delete the selected rows so SendGrid delivers to them again "
                                  "(Del)"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_deleteButton, QDialogButtonBox::ActionRole);

    auto *queryRow = new QHBoxLayout;
    queryRow->addWidget(label);
    queryRow->addWidget(m_query, 1);
    queryRow->addWidget(m_searchButton);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(queryRow);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_status);
    layout->addWidget(m_problems);
    layout->addWidget(buttons);
    resize(900, 480);

    connect(m_searchButton, &QPushButton::clicked, this, &FindAddressDialog::startSearch);
    connect(m_deleteButton, &QPushButton::clicked, this, &FindAddressDialog::deleteSelected);
    connect(m_deleteAction, &QAction::triggered, this, &FindAddressDialog::deleteSelected);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &FindAddressDialog::updateActions);
    connect(m_view, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex &index) {
        if (!index.isValid())
            return;
        const AddressHit &hit = m_model->hit(index.row());
        Q_EMIT openRequested(AddressSearch::customerName(hit.tenant), hit.list, hit.email);
    });
    showProgress();
    updateActions();
}

FindAddressDialog::~FindAddressDialog() {
    cancel();
}

QString FindAddressDialog::consentText() {
    return DeleteConfirmation::consentText();
}

void FindAddressDialog::setClient(SuppressionClient *client) {
    if (client == m_client)
        return;
    cancel();
    // The old client's jobs go with it: what they had not answered is not waited for, nor are
    // the syncs of what they answered (still done, no longer shown: the rows go too).
    ++m_deleteRun;
    m_endWhenRecorded = false;
    m_deleting = false;
    m_job = nullptr;
    m_jobCancelled = false;
    if (m_client)
        disconnect(m_client, nullptr, this, nullptr);
    m_client = client;
    m_model->clear();
    m_notSearched.clear();
    m_problems->clear();
    m_problems->hide();
    m_searchedFor.clear();
    m_complete = false;
    if (m_client) {
        connect(m_client, &SuppressionClient::serverAskedToWait, this, [this](int delayMs) {
            if (!isSearching() && !m_deleting)
                return;
            m_waitNote =
                tr("The server asked to wait: going on in %1 s.").arg((delayMs + 999) / 1000);
            showProgress();
        });
    }
    showProgress();
    updateActions();
}

bool FindAddressDialog::isSearching() const {
    return m_search && !m_search->isFinished() && !m_search->isCancelled();
}

void FindAddressDialog::search(const QString &query) {
    m_query->setText(query.trimmed());
    if (!m_query->text().isEmpty())
        startSearch();
    m_query->setFocus(Qt::OtherFocusReason);
}

void FindAddressDialog::startSearch() {
    const QString query = m_query->text().trimmed();
    if (!m_client) {
        m_status->setText(tr("Not connected: set up the connection first."));
        return;
    }
    if (!AddressSearch::isValidQuery(query)) {
        m_status->setText(tr("Type an address (anna@example.com) or @ and a domain "
                             "(@example.com)."));
        return;
    }
    if (m_deleting || m_confirming) {
        m_status->setText(tr("Wait for the deletes to end (or press Esc) before searching "
                             "again."));
        return;
    }
    if (m_search) {
        m_search->cancel();
        m_search->deleteLater();
    }
    m_model->clear();
    m_notSearched.clear();
    m_problems->clear();
    m_problems->hide();
    m_waitNote.clear();
    m_deleteSummary.clear();
    m_searchedFor = query;
    m_customersDone = 0;
    m_customersTotal = -1;
    m_complete = false;
    m_cancelled = false;

    AddressSearchScope scope;
    if (m_client->api() == ApiVersion::V2) {
        // The v2 reseller API knows customers and their bounces only.
        scope.parent = false;
        scope.lists = {SuppressionList::Bounces};
    } else {
        scope.lists = allSuppressionLists();
        if (auto *v3 = qobject_cast<V3SuppressionClient *>(m_client))
            scope.accounts = v3->tenantSource() == V3SuppressionClient::TenantSource::Accounts;
    }
    auto *search = new AddressSearch(query, scope, this);
    m_search = search;
    connect(search, &AddressSearch::placeDone, this, &FindAddressDialog::onHits);
    connect(search, &AddressSearch::placeFailed, this, &FindAddressDialog::onNotSearched);
    connect(search, &AddressSearch::progress, this, [this](int done, int total) {
        m_customersDone = done;
        m_customersTotal = total;
        m_waitNote.clear();
        showProgress();
    });
    connect(search, &AddressSearch::finished, this, &FindAddressDialog::onSearchFinished);
    search->start(m_client);
    showProgress();
    updateActions();
}

void FindAddressDialog::onHits(const QList<AddressHit> &hits) {
    m_model->appendHits(hits);
    if (m_model->rowCount() == int(hits.size()) && !m_view->currentIndex().isValid())
        m_view->resizeColumnToContents(FindResultsModel::CustomerColumn);
    showProgress();
}

void FindAddressDialog::onNotSearched(const QString &why) {
    m_notSearched << why;
    // The server's words: plain text in a plain-text widget.
    m_problems->appendPlainText(tr("Not searched: %1").arg(why));
    m_problems->show();
    showProgress();
}

void FindAddressDialog::onSearchFinished() {
    m_complete = m_notSearched.isEmpty();
    m_waitNote.clear();
    showProgress();
    updateActions();
}

QString FindAddressDialog::statusText() const {
    return m_status->text();
}

void FindAddressDialog::showProgress() {
    QStringList parts;
    const int rows = m_model->rowCount();
    const QString found = rows == 1 ? tr("1 row found.") : tr("%Ln rows found.", nullptr, rows);
    if (!m_client) {
        parts << tr("Not connected: set up the connection first.");
    } else if (m_searchedFor.isEmpty()) {
        parts << tr("Type an address, or @ and a domain, and press Enter.");
    } else if (isSearching()) {
        parts
            << (m_customersTotal < 0
                    ? tr("Listing the customers…")
                    : tr("%1 of %2 customers searched").arg(m_customersDone).arg(m_customersTotal));
        parts << found;
        if (!m_waitNote.isEmpty())
            parts << m_waitNote;
    } else if (m_cancelled) {
        parts << tr("Search cancelled: not every customer and list was searched.") << found;
    } else if (m_search && m_search->isFinished()) {
        if (m_notSearched.isEmpty())
            parts << tr("Search complete: every customer and list was searched.") << found;
        else
            parts << (m_notSearched.size() == 1
                          ? tr("Search incomplete: 1 customer or list could not be searched "
                               "(below); the address may be there too.")
                          : tr("Search incomplete: %Ln customers or lists could not be "
                               "searched (below); the address may be there too.",
                               nullptr, int(m_notSearched.size())))
                  << found;
    }
    if (m_deleting) {
        parts << tr("Deleting…");
        if (!m_waitNote.isEmpty() && !isSearching())
            parts << m_waitNote;
    } else if (!m_deleteSummary.isEmpty()) {
        parts << m_deleteSummary;
    }
    m_status->setText(parts.join(u' '));
}

void FindAddressDialog::updateActions() {
    const bool canDelete =
        m_client && !m_deleting && !m_confirming && m_view->selectionModel()->hasSelection();
    m_deleteButton->setEnabled(canDelete);
    m_deleteAction->setEnabled(canDelete);
}

void FindAddressDialog::cancel() {
    if (m_search && !m_search->isFinished() && !m_search->isCancelled()) {
        m_search->cancel();
        m_cancelled = true;
    }
    stopDeletes();
    m_waitNote.clear();
    showProgress();
    updateActions();
}

void FindAddressDialog::stopDeletes() {
    if (!m_deleting)
        return;
    // Not yet sent: never sent; their rows are as they were.
    for (const Place &place : std::as_const(m_toDelete)) {
        for (const QString &email : place.emails)
            m_model->setState(m_model->rowsOf(place.tenant, place.list, email, place.group),
                              BounceRowState::Normal);
    }
    m_toDelete.clear();
    if (m_job && !m_jobCancelled) {
        m_jobCancelled = true;
        m_job->cancel(); // finished() follows once the requests in flight ended
    }
}

void FindAddressDialog::reject() {
    if (isSearching() || m_deleting) {
        cancel();
        return;
    }
    QDialog::reject();
}

void FindAddressDialog::deleteSelected() {
    if (!m_client || m_deleting || m_confirming)
        return;
    QList<int> rows;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows())
        rows << index.row();
    std::sort(rows.begin(), rows.end());
    // One delete per (customer, list), each address once; a group unsubscribe's row is one
    // (address, group) pair, deleted from that group only: one delete per group.
    QList<Place> places;
    int addresses = 0;
    for (const int row : std::as_const(rows)) {
        if (m_model->state(row) == BounceRowState::Deleting)
            continue;
        const AddressHit &hit = m_model->hit(row);
        auto place = std::find_if(places.begin(), places.end(), [&hit](const Place &p) {
            return p.list == hit.list && p.group == hit.group && sameTenant(p.tenant, hit.tenant);
        });
        if (place == places.end()) {
            places.append(Place{hit.tenant, hit.list, hit.group, {}});
            place = places.end() - 1;
        }
        if (!place->emails.contains(hit.email, Qt::CaseInsensitive)) {
            place->emails << hit.email;
            ++addresses;
        }
    }
    if (addresses > 0)
        confirmDelete(places, addresses);
}

void FindAddressDialog::confirmDelete(const QList<Place> &places, int addresses) {
    QStringList customers;
    QStringList preview;
    QList<SuppressionList> lists;
    bool consent = false;
    for (const Place &place : places) {
        if (!lists.contains(place.list))
            lists << place.list;
        const QString customer = FindResultsModel::customerText(place.tenant);
        if (!customers.contains(customer))
            customers << customer;
        consent = consent || isConsentList(place.list);
        for (const QString &email : place.emails) {
            if (preview.size() >= DeleteController::previewAddresses)
                continue;
            const QString where =
                place.group.isEmpty()
                    ? QStringLiteral("%1, %2").arg(customer, suppressionListTitle(place.list))
                    : tr("%1, %2, group %3")
                          .arg(customer, suppressionListTitle(place.list), place.group);
            preview << QStringLiteral("%1 (%2)").arg(email, where);
        }
    }
    // The main table's confirmation, naming each address with its customer and list.
    const QString text = DeleteController::confirmationText(customers.join(QStringLiteral(", ")),
                                                            addresses, preview, lists);
    m_confirming = true;
    updateActions();
    DeleteConfirmation::open(this, tr("Delete Found Rows"), text, consent,
                             [this, places](bool accepted) {
                                 m_confirming = false;
                                 updateActions();
                                 if (accepted)
                                     startDeletes(places);
                             });
}

void FindAddressDialog::startDeletes(QList<Place> places) {
    // Rows may have gone (or a new search begun) while the question was open.
    for (Place &place : places) {
        QStringList present;
        for (const QString &email : std::as_const(place.emails)) {
            if (!m_model->rowsOf(place.tenant, place.list, email, place.group).isEmpty())
                present << email;
        }
        place.emails = present;
    }
    places.erase(std::remove_if(places.begin(), places.end(),
                                [](const Place &place) { return place.emails.isEmpty(); }),
                 places.end());
    if (places.isEmpty() || !m_client)
        return;
    m_recordError.clear();
    if (!m_record.check()) {
        m_deleteSummary = tr("Nothing was deleted (every delete is recorded first). %1")
                              .arg(m_record.errorString());
        showProgress();
        return;
    }
    for (const Place &place : std::as_const(places)) {
        for (const QString &email : place.emails)
            m_model->setState(m_model->rowsOf(place.tenant, place.list, email, place.group),
                              BounceRowState::Deleting);
    }
    m_toDelete = std::move(places);
    ++m_deleteRun;
    m_deleting = true;
    m_deleted = 0;
    m_notDeleted = 0;
    m_deleteSummary.clear();
    updateActions();
    showProgress();
    deleteNextPlace();
}

// One (customer, list) at a time: the client bounds the requests within each.
void FindAddressDialog::deleteNextPlace() {
    if (m_toDelete.isEmpty() || !m_client) {
        endDeletes();
        return;
    }
    m_current = m_toDelete.takeFirst();
    m_answered.clear();
    DeleteOptions options;
    options.groupId = m_current.group; // group unsubscribes: that group only
    AddressDeleteJob *job =
        m_client->deleteAddresses(m_current.tenant, m_current.list, m_current.emails, options);
    m_job = job;
    connect(job, &AddressDeleteJob::outcomes, this,
            [this](const QList<AddressResult> &results) { onOutcomes(m_current, results); });
    connect(job, &AddressDeleteJob::finished, this, &FindAddressDialog::onPlaceDeleted);
}

void FindAddressDialog::onOutcomes(const Place &place, const QList<AddressResult> &results) {
    if (!m_recordError.isEmpty())
        return;
    QList<AddressResult> fresh;
    QList<DeletionEntry> entries;
    for (const AddressResult &result : results) {
        const QString key = result.email.toLower();
        if (m_answered.contains(key))
            continue;
        m_answered.insert(key);
        fresh.append(result);
        entries.append(outcomeEntry(m_client->api(), place.tenant, place.list, result.email,
                                    result.outcome, place.group));
    }
    if (fresh.isEmpty())
        return;
    // Written here, so that a record that cannot be written stops the deleting before another
    // request goes; synced to disk beside (a sync can wait long on a busy disk), and shown
    // once synced.
    if (!m_record.writeAll(entries)) {
        m_recordError = m_record.errorString();
        showOutcomes(place, fresh, false);
        return;
    }
    m_recordSyncer.sync(m_record,
                        [this, place, fresh, run = m_deleteRun](bool synced, const QString &error) {
                            if (run == m_deleteRun) {
                                if (!synced && m_recordError.isEmpty())
                                    m_recordError = error;
                                showOutcomes(place, fresh, synced);
                            }
                            if (m_endWhenRecorded && m_recordSyncer.pending() == 0)
                                endDeletes();
                        });
}

void FindAddressDialog::showOutcomes(const Place &place, const QList<AddressResult> &results,
                                     bool recorded) {
    for (const AddressResult &result : results) {
        const AddressOutcome &outcome = result.outcome;
        const QList<int> rows =
            m_model->rowsOf(place.tenant, place.list, result.email, place.group);
        if (!recorded) {
            m_model->setState(rows, BounceRowState::Failed,
                              outcome.isGone()
                                  ? tr("Deleted, but not recorded: %1").arg(m_recordError)
                                  : tr("Not recorded: %1").arg(m_recordError));
            ++m_notDeleted;
        } else if (outcome.isGone()) {
            ++m_deleted;
            m_model->removeRowList(rows);
        } else {
            ++m_notDeleted;
            m_model->setState(rows,
                              outcome.kind == AddressOutcome::Kind::Unconfirmed
                                  ? BounceRowState::Unconfirmed
                                  : BounceRowState::Failed,
                              outcome.why);
        }
    }
    // Nobody could tell afterwards what happened: stop before anything else is sent.
    if (!recorded)
        stopDeletes();
}

void FindAddressDialog::onPlaceDeleted() {
    const Place place = m_current;
    // Cancelled while its (customer, list) was being deleted, or (should not happen) no answer
    // at all: it may or may not be gone. Never dropped silently.
    const AddressOutcome unknown = AddressOutcome::unconfirmed(
        m_jobCancelled
            ? tr("cancelled before an answer confirmed it; deleting again is safe")
            : tr("no answer was reported; the outcome is unknown, deleting again is safe"));
    QList<AddressResult> unanswered;
    for (const QString &email : place.emails) {
        if (m_answered.contains(email.toLower()))
            continue;
        if (!m_recordError.isEmpty()) {
            // Nothing more is recorded as if all were well: the row says why.
            m_model->setState(m_model->rowsOf(place.tenant, place.list, email, place.group),
                              BounceRowState::Failed, tr("Not recorded: %1").arg(m_recordError));
            continue;
        }
        unanswered.append({email, unknown});
    }
    onOutcomes(place, unanswered);
    m_job = nullptr;
    m_jobCancelled = false;
    deleteNextPlace();
}

void FindAddressDialog::endDeletes() {
    // Outcomes are shown once their lines are synced: the run ends with the last of them.
    if (m_recordSyncer.pending() > 0) {
        m_endWhenRecorded = true;
        return;
    }
    m_endWhenRecorded = false;
    m_deleting = false;
    QStringList lines;
    if (!m_recordError.isEmpty())
        lines << tr("Deleting stopped: %1 Nothing more was sent.").arg(m_recordError);
    lines << (m_deleted == 1 ? tr("1 address deleted.")
                             : tr("%Ln addresses deleted.", nullptr, m_deleted));
    if (m_notDeleted > 0)
        lines << (m_notDeleted == 1
                      ? tr("1 could not be deleted and stays, marked with its reason.")
                      : tr("%Ln could not be deleted and stay, marked with their reasons.", nullptr,
                           m_notDeleted));
    m_deleteSummary = lines.join(u' ');
    m_waitNote.clear();
    showProgress();
    updateActions();
}
