#include "v2suppressionclient.h"

#include "deletequeue.h"
#include "resellerclient.h"

#include <QPointer>
#include <QTimer>

namespace {

ApiError unsupportedError(const QString &why) {
    return ApiError::make(ApiError::Kind::InvalidSettings, why);
}

class V2TenantList final : public TenantListJob {
public:
    V2TenantList(CustomerListJob *job, QObject *parent)
        : TenantListJob(parent)
        , m_job(job) {
        connect(job, &CustomerListJob::finished, this, [this](const QList<Customer> &customers) {
            if (m_job)
                m_warning = m_job->warning();
            Q_EMIT finished(customers);
            deleteLater();
        });
        connect(job, &CustomerListJob::failed, this, [this](const ApiError &error) {
            Q_EMIT failed(error);
            deleteLater();
        });
    }
    void cancel() override {
        if (m_job)
            m_job->cancel();
        disconnect(this);
        deleteLater();
    }

private:
    QPointer<CustomerListJob> m_job;
};

class V2ListLoad final : public ListLoadJob {
public:
    explicit V2ListLoad(QObject *parent)
        : ListLoadJob(parent) {}
    void follow(BounceLoadJob *job) {
        m_job = job;
        connect(job, &BounceLoadJob::rowsArrived, this,
                [this](const BounceStore &batch) { Q_EMIT rowsArrived(batch); });
        connect(job, &BounceLoadJob::csvArrived, this,
                [this](const QByteArray &records, qsizetype rows) {
                    Q_EMIT csvArrived(records, rows);
                });
        connect(job, &BounceLoadJob::finished, this, [this](qsizetype rows) {
            Q_EMIT finished(rows);
            deleteLater();
        });
        connect(job, &BounceLoadJob::failed, this, &V2ListLoad::fail);
    }
    void fail(const ApiError &error) {
        Q_EMIT failed(error);
        deleteLater();
    }
    void cancel() override {
        if (m_job)
            m_job->cancel();
        m_job = nullptr;
        disconnect(this);
        deleteLater();
    }
    qsizetype rowCount() const override { return m_job ? m_job->rowCount() : 0; }
    BounceStore takeArrivedRows() override {
        return m_job ? m_job->takeArrivedRows() : BounceStore();
    }
    bool deliverAsCsv(const CsvOptions &options) override {
        return m_job && m_job->deliverAsCsv(options);
    }

private:
    QPointer<BounceLoadJob> m_job;
};

class V2Delete final : public AddressDeleteJob {
public:
    V2Delete(ResellerClient *client, const QString &customer, int maxInFlight, QObject *parent)
        : AddressDeleteJob(parent)
        , m_queue(new DeleteQueue(client, customer, this)) {
        if (maxInFlight > 0)
            m_queue->setConcurrency(maxInFlight);
        connect(m_queue, &DeleteQueue::deleted, this,
                [this](const QString &email, DeleteOutcome outcome) {
                    // One request per address: each answer is a batch of one.
                    switch (outcome) {
                    case DeleteOutcome::Deleted:
                        Q_EMIT outcomes({{email, AddressOutcome::deleted()}});
                        return;
                    case DeleteOutcome::NotOnList:
                        Q_EMIT outcomes({{email, AddressOutcome::notOnList()}});
                        return;
                    case DeleteOutcome::NotOnListAfterLostAnswer:
                        Q_EMIT outcomes({{email, AddressOutcome::deleted(QStringLiteral(
                                                     "the answer to the first attempt was lost; "
                                                     "the retry found the address gone"))}});
                        return;
                    }
                });
        connect(m_queue, &DeleteQueue::failed, this,
                [this](const QString &email, const ApiError &error, bool unconfirmed) {
                    if (unconfirmed)
                        Q_EMIT outcomes({{email, AddressOutcome::unconfirmed(
                                                     error.message() +
                                                     QStringLiteral(" (no answer confirmed it, so "
                                                                    "the outcome is unknown; "
                                                                    "deleting again is safe)"))}});
                    else
                        Q_EMIT outcomes({{email, AddressOutcome::failed(error.message())}});
                });
        connect(m_queue, &DeleteQueue::progress, this, &AddressDeleteJob::progress);
        connect(m_queue, &DeleteQueue::finished, this, [this] {
            Q_EMIT finished();
            deleteLater();
        });
    }
    void start(const QStringList &emails) {
        m_queue->enqueue(emails);
        m_queue->start();
    }
    void cancel() override { m_queue->cancel(); }

private:
    DeleteQueue *m_queue;
};

// A delete that cannot be done under v2: every address fails with the same reason.
class V2RefusedDelete final : public AddressDeleteJob {
public:
    V2RefusedDelete(const QStringList &emails, const QString &why, QObject *parent)
        : AddressDeleteJob(parent) {
        QTimer::singleShot(0, this, [this, emails, why] {
            QStringList once = emails;
            once.removeDuplicates();
            QList<AddressResult> results;
            for (const QString &email : std::as_const(once))
                results.append({email, AddressOutcome::failed(why)});
            if (!results.isEmpty()) {
                Q_EMIT outcomes(results);
                Q_EMIT progress(int(results.size()), int(results.size()));
            }
            Q_EMIT finished();
            deleteLater();
        });
    }
    void cancel() override {}
};

class V2RefusedLookUp final : public LookUpJob {
public:
    V2RefusedLookUp(const QString &why, QObject *parent)
        : LookUpJob(parent) {
        QTimer::singleShot(0, this, [this, why] {
            Q_EMIT failed(unsupportedError(why));
            deleteLater();
        });
    }
    void cancel() override {
        disconnect(this);
        deleteLater();
    }
};

} // namespace

V2SuppressionClient::V2SuppressionClient(const ApiSettings &settings, QObject *parent)
    : SuppressionClient(parent)
    , m_reseller(new ResellerClient(settings, this)) {
    connect(m_reseller, &ResellerClient::serverAskedToWait, this,
            &SuppressionClient::serverAskedToWait);
    connect(m_reseller, &ResellerClient::retryingAfterFailure, this,
            &SuppressionClient::retryingAfterFailure);
}

V2SuppressionClient::~V2SuppressionClient() {
    // Our jobs first: they point into the reseller client's jobs.
    const QObjectList jobs = children();
    for (QObject *child : jobs) {
        if (child != m_reseller)
            delete child;
    }
}

const ApiSettings &V2SuppressionClient::settings() const {
    return m_reseller->settings();
}

QString V2SuppressionClient::unsupported(const Tenant &tenant, SuppressionList list) {
    if (list != SuppressionList::Bounces)
        return QStringLiteral("the v2 reseller API serves bounces only; the list %1 needs "
                              "SendGrid v3 (--api v3)")
            .arg(suppressionListCliName(list));
    if (tenant.kind != Tenant::Kind::Subuser)
        return QStringLiteral("the v2 reseller API works on customers only; the parent "
                              "account's own lists and customer accounts need SendGrid v3 "
                              "(--api v3)");
    return {};
}

TenantListJob *V2SuppressionClient::listCustomers() {
    return new V2TenantList(m_reseller->listCustomers(), this);
}

ListLoadJob *V2SuppressionClient::loadList(const Tenant &tenant, SuppressionList list) {
    auto *job = new V2ListLoad(this);
    if (const QString why = unsupported(tenant, list); !why.isEmpty()) {
        QTimer::singleShot(0, job, [job, why] { job->fail(unsupportedError(why)); });
        return job;
    }
    job->follow(m_reseller->loadBounces(tenant.id));
    return job;
}

AddressDeleteJob *V2SuppressionClient::deleteAddresses(const Tenant &tenant, SuppressionList list,
                                                       const QStringList &emails,
                                                       const DeleteOptions &options) {
    // No groups, and one request per address whatever the list's size.
    if (const QString why = unsupported(tenant, list); !why.isEmpty())
        return new V2RefusedDelete(emails, why, this);
    auto *job = new V2Delete(m_reseller, tenant.id, options.maxInFlight, this);
    job->start(emails);
    return job;
}

LookUpJob *V2SuppressionClient::lookUp(const Tenant &tenant, SuppressionList list,
                                       const QString &email) {
    Q_UNUSED(tenant)
    Q_UNUSED(list)
    Q_UNUSED(email)
    return new V2RefusedLookUp(QStringLiteral("the v2 reseller API cannot look up one "
                                              "address; that needs SendGrid v3 (--api v3)"),
                               this);
}
