#include "resellerclient.h"

#include "apicall.h"

#include <QNetworkAccessManager>

#include <utility>

// --- CustomerListJob -------------------------------------------------------------------------

void CustomerListJob::cancel() {
    m_ended = true;
    if (m_call)
        m_call->cancel();
    deleteLater();
}

int CustomerListJob::merge(const QList<Customer> &page) {
    int added = 0;
    for (const Customer &customer : page) {
        if (m_usernames.contains(customer.username))
            continue;
        m_usernames.insert(customer.username);
        m_customers.append(customer);
        ++added;
    }
    return added;
}

void CustomerListJob::fail(const ApiError &error) {
    if (m_ended)
        return;
    m_ended = true;
    Q_EMIT failed(error);
    deleteLater();
}

void CustomerListJob::succeed() {
    if (m_ended)
        return;
    m_ended = true;
    Q_EMIT finished(m_customers);
    deleteLater();
}

// --- BounceLoadJob ---------------------------------------------------------------------------

BounceLoadJob::BounceLoadJob(QString customer, QObject *parent)
    : QObject(parent)
    , m_customer(std::move(customer)) {}

BounceLoadJob::~BounceLoadJob() = default;

void BounceLoadJob::cancel() {
    m_ended = true;
    if (m_call)
        m_call->cancel();
    deleteLater(); // not now: we may be inside the parser's callback or a signal of ours
}

qsizetype BounceLoadJob::rowCount() const {
    return m_parser ? m_parser->rowCount() : 0;
}

void BounceLoadJob::onChunk(const QByteArray &chunk) {
    // Fed in slices so that one large chunk (a fast link delivers megabytes at once) still
    // yields batches of about batchRows rows. Batches are emitted here, not from the parser's
    // row callback, so a receiver that cancels the job does not pull the parser out from
    // under its own feed().
    constexpr qsizetype slice = 32 * 1024;
    for (qsizetype at = 0; at < chunk.size() && !m_ended; at += slice) {
        m_parser->feed(QByteArrayView(chunk).sliced(at, qMin(slice, chunk.size() - at)));
        const BounceStreamParser::State state = m_parser->state();
        if (state != BounceStreamParser::State::InProgress &&
            state != BounceStreamParser::State::Done) {
            fail(parserError()); // an error body or garbage: no point downloading the rest
            return;
        }
        if (m_batch.size() >= batchRows)
            emitBatch();
    }
}

void BounceLoadJob::onBodyComplete() {
    if (m_ended)
        return;
    if (m_parser->finish() != BounceStreamParser::State::Done) {
        fail(parserError());
        return;
    }
    if (!m_batch.isEmpty())
        emitBatch();
    if (m_ended) // the receiver cancelled on the last batch
        return;
    m_ended = true;
    Q_EMIT finished(m_parser->rowCount());
    deleteLater();
}

void BounceLoadJob::fail(const ApiError &error) {
    if (m_ended)
        return;
    m_ended = true;
    if (m_call)
        m_call->cancel();
    Q_EMIT failed(error);
    deleteLater();
}

void BounceLoadJob::emitBatch() {
    BounceStore batch;
    std::swap(batch, m_batch);
    Q_EMIT rowsArrived(batch);
}

ApiError BounceLoadJob::parserError() const {
    const QString text = m_parser->errorText();
    switch (m_parser->state()) {
    case BounceStreamParser::State::ApiError:
        return ApiError::make(isAuthenticationMessage(text) ? ApiError::Kind::Authentication
                                                            : ApiError::Kind::Server,
                              QString(), 200, text);
    case BounceStreamParser::State::Truncated:
        return ApiError::make(
            ApiError::Kind::Truncated,
            QStringLiteral("the bounce list of %1 stopped after %2 rows: %3")
                .arg(m_customer, ApiError::countText(m_parser->rowCount()), text));
    case BounceStreamParser::State::Malformed:
    case BounceStreamParser::State::InProgress:
    case BounceStreamParser::State::Done:
        break;
    }
    return ApiError::make(
        ApiError::Kind::BadResponse,
        QStringLiteral("the bounce list of %1 could not be read: %2").arg(m_customer, text));
}

// --- DeleteJob -------------------------------------------------------------------------------

DeleteJob::DeleteJob(QString customer, QString email, QObject *parent)
    : QObject(parent)
    , m_customer(std::move(customer))
    , m_email(std::move(email)) {}

void DeleteJob::cancel() {
    m_ended = true;
    if (m_call)
        m_call->cancel();
    deleteLater();
}

bool DeleteJob::mayHaveArrived() const {
    return m_call && m_call->requestMayHaveArrived();
}

void DeleteJob::onAnswer(const QByteArray &body) {
    if (m_ended)
        return;
    m_ended = true;
    DeleteOutcome outcome = DeleteOutcome::Deleted;
    const ParseResult parsed = parseDeleteResult(body, &outcome);
    if (parsed.ok) {
        Q_EMIT deleted(m_email, outcome);
    } else {
        const ApiError error =
            parsed.serverError ? ApiError::make(isAuthenticationMessage(parsed.error)
                                                    ? ApiError::Kind::Authentication
                                                    : ApiError::Kind::Server,
                                                QString(), 200, parsed.error)
                               : ApiError::make(ApiError::Kind::BadResponse,
                                                QStringLiteral("the answer to the delete was not a "
                                                               "confirmation: %1")
                                                    .arg(parsed.error));
        // A 2xx that is neither a confirmation nor an error: the server may have acted.
        Q_EMIT failed(m_email, error, !parsed.serverError || mayHaveArrived());
    }
    deleteLater();
}

void DeleteJob::onCallFailed(const ApiError &error) {
    if (m_ended)
        return;
    m_ended = true;
    Q_EMIT failed(m_email, error, mayHaveArrived());
    deleteLater();
}

// --- ResellerClient --------------------------------------------------------------------------

ResellerClient::ResellerClient(QObject *parent)
    : ResellerClient(ApiSettings(), parent) {}

ResellerClient::ResellerClient(const ApiSettings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_network(new QNetworkAccessManager(this)) {
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

ResellerClient::~ResellerClient() {
    // Jobs first: their calls hold replies that live in the network manager.
    const QObjectList jobs = children();
    for (QObject *child : jobs) {
        if (child != m_network)
            delete child;
    }
}

void ResellerClient::setSettings(const ApiSettings &settings) {
    m_settings = settings;
}

CustomerListJob *ResellerClient::listCustomers(int pageSize) {
    if (m_currentCustomerList)
        m_currentCustomerList->cancel();
    auto *job = new CustomerListJob(this);
    m_currentCustomerList = job;
    requestCustomerPage(job, qMax(1, pageSize), 0);
    return job;
}

void ResellerClient::requestCustomerPage(CustomerListJob *job, int pageSize, int offset) {
    const FormFields fields{{QStringLiteral("method"), QStringLiteral("profile")},
                            {QStringLiteral("task"), QStringLiteral("get")},
                            {QStringLiteral("limit"), QString::number(pageSize)},
                            {QStringLiteral("offset"), QString::number(offset)}};
    auto *call = new ApiCall(m_network, m_settings, fields, ApiCall::Mode::Buffered, job);
    job->m_call = call;
    connect(call, &ApiCall::failed, job, &CustomerListJob::fail);
    connect(call, &ApiCall::succeeded, job, [this, job, pageSize, offset](const QByteArray &body) {
        if (job->m_ended)
            return;
        QList<Customer> page;
        const ParseResult parsed = parseCustomers(body, &page);
        if (!parsed.ok) {
            job->fail(parsed.serverError
                          ? ApiError::make(isAuthenticationMessage(parsed.error)
                                               ? ApiError::Kind::Authentication
                                               : ApiError::Kind::Server,
                                           QString(), 200, parsed.error)
                          : ApiError::make(ApiError::Kind::BadResponse,
                                           QStringLiteral("the customer list could not be "
                                                          "read: %1")
                                               .arg(parsed.error)));
            return;
        }
        const int added = job->merge(page);
        // A short page ends the list. A full page of names already seen means the server
        // ignores offset: stop rather than ask forever.
        if (page.size() < pageSize || added == 0) {
            job->succeed();
            return;
        }
        requestCustomerPage(job, pageSize, offset + int(page.size()));
    });
    call->start();
}

BounceLoadJob *ResellerClient::loadBounces(const QString &customer) {
    if (m_currentLoad)
        m_currentLoad->cancel();
    auto *job = new BounceLoadJob(customer, this);
    m_currentLoad = job;
    BounceStore *batch = &job->m_batch;
    job->m_parser = BounceStreamParser::create(m_settings.format, [batch](const BounceFields &row) {
        batch->append(row.email, row.status, row.reason, row.created);
    });
    const FormFields fields{{QStringLiteral("method"), QStringLiteral("bounces")},
                            {QStringLiteral("task"), QStringLiteral("get")},
                            {QStringLiteral("user"), customer},
                            {QStringLiteral("date"), QStringLiteral("1")}};
    auto *call = new ApiCall(m_network, m_settings, fields, ApiCall::Mode::Streaming, job);
    job->m_call = call;
    connect(call, &ApiCall::bodyChunk, job, &BounceLoadJob::onChunk);
    connect(call, &ApiCall::succeeded, job, &BounceLoadJob::onBodyComplete);
    connect(call, &ApiCall::failed, job, &BounceLoadJob::fail);
    call->start();
    return job;
}

DeleteJob *ResellerClient::deleteBounce(const QString &customer, const QString &email) {
    auto *job = new DeleteJob(customer, email, this);
    const FormFields fields{{QStringLiteral("method"), QStringLiteral("bounces")},
                            {QStringLiteral("task"), QStringLiteral("delete")},
                            {QStringLiteral("user"), customer},
                            {QStringLiteral("email"), email}};
    auto *call = new ApiCall(m_network, m_settings, fields, ApiCall::Mode::Buffered, job);
    job->m_call = call;
    connect(call, &ApiCall::succeeded, job, &DeleteJob::onAnswer);
    connect(call, &ApiCall::failed, job, &DeleteJob::onCallFailed);
    call->start();
    return job;
}
