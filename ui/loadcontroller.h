#pragma once

#include "api/apierror.h"
#include "api/tenant.h"
#include "core/bouncestore.h"
#include "core/suppressionlist.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>

class BounceTableModel;
class ListLoadJob;
class SuppressionClient;

// Drives one customer's list (setList(); bounces by default) into the table model, through the
// SuppressionClient (which API answers is the client's business).
//
// A new customer streams in: the model is reset to that customer at once, so the table never
// shows one customer's rows under another's name, and rows appear while the body downloads.
// A refresh of the customer already shown is collected aside and swapped in only when
// complete (the model filters and sorts it first, on a worker for a large list, and then
// shows it in one reset), so a failed or cancelled refresh leaves the rows the user was
// looking at. loaded() follows the swap.
//
// Lists are kept: switching to another list (setList()) keeps the rows of the list shown when
// it was loaded whole, and switching back shows them again without asking the server; they
// are dropped when another customer is loaded. refresh() reloads the list shown.
//
// Every job carries a generation; a signal from a job that is no longer current is dropped,
// whatever the network does.
class LoadController final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoadController)
public:
    // Whose lists a customer named in the picker is (default: the subuser of that name).
    using TenantOf = std::function<Tenant(const QString &customer)>;

    LoadController(SuppressionClient *client, BounceTableModel *model, QObject *parent = nullptr);
    ~LoadController() override;

    void setClient(SuppressionClient *client); // cancels any load; forgets the lists kept
    void setTenantResolver(TenantOf tenantOf) { m_tenantOf = std::move(tenantOf); }

    // Shows `list` of the customer shown: the rows kept from the last time, else loads them.
    // Sets the model's list (its columns) either way; cancels any load in progress.
    void setList(SuppressionList list);
    SuppressionList list() const { return m_list; }

    void load(const QString &customer); // cancels any load in progress
    void refresh();                     // reloads the customer shown
    void cancel();                      // silent; the model keeps a consistent state

    // How the last load of customer() ended; None while it runs (and before the first).
    enum class Outcome { None, Loaded, Failed, Cancelled };
    Outcome lastOutcome() const { return m_outcome; }
    ApiError lastError() const { return m_lastError; } // when lastOutcome() is Failed

    bool isLoading() const { return !m_job.isNull() || m_replacing; }
    QString loadingCustomer() const { return isLoading() ? m_customer : QString(); }
    QString customer() const { return m_customer; } // loading or last loaded
    Tenant tenant() const { return m_tenant; }      // whose list customer() is
    QDateTime loadedAt() const { return m_loadedAt; }
    qsizetype rowsReceived() const { return m_received; }

Q_SIGNALS:
    void started(const QString &customer, bool refresh);
    void busyChanged(bool busy);
    void progress(qsizetype rowsReceived);
    void loaded(const QString &customer, qsizetype rows, const QDateTime &at);
    void failed(const QString &customer, const ApiError &error);
    void cancelled(const QString &customer);

private:
    void onRows(quint64 generation);
    void onFinished(quint64 generation);
    void onFailed(quint64 generation, const ApiError &error);
    void onReplaced();
    bool isCurrent(quint64 generation) const {
        return generation == m_generation && !m_job.isNull();
    }
    void complete();
    void endJob();
    void keepShownList();
    bool showKeptList();

    QPointer<SuppressionClient> m_client;
    BounceTableModel *m_model;
    TenantOf m_tenantOf;
    QPointer<ListLoadJob> m_job;
    quint64 m_generation = 0;
    QString m_customer;
    Tenant m_tenant;
    bool m_refresh = false;
    bool m_replacing = false; // a refresh's complete rows are being prepared by the model
    BounceStore m_pending;    // a refresh's rows until the list is complete
    qsizetype m_received = 0;
    QDateTime m_loadedAt;
    Outcome m_outcome = Outcome::None;
    ApiError m_lastError;
    SuppressionList m_list = SuppressionList::Bounces;
    struct Kept {
        BounceStore rows;
        QDateTime loadedAt;
    };
    QHash<int, Kept> m_kept; // per list, of m_keptCustomer
    QString m_keptCustomer;
};
