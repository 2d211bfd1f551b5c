#include "resellerclient.h"

#include "apicall.h"
#include "apinetworkmanager.h"
#include "bouncebatchbuilder.h"
#include "core/quantitytext.h"
#include "parse/apierrorshapes.h"
#include "parse/customerparser.h"

#include <QNetworkAccessManager>
#include <QThread>

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
    Q_EMIT failed(m_redactor.redacted(error));
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
    , m_customer(std::move(customer))
    , m_flow(std::make_shared<BounceLoadWorker::Flow>()) {}

BounceLoadJob::~BounceLoadJob() {
    stopWorker();
}

void BounceLoadJob::startParsing(BounceLoadWorker *worker, BounceBatchBuilder *builder) {
    m_worker = worker;
    m_builder = builder;
    // Queued (both live in other threads), so every signal reaches this thread in the order
    // it was sent, and none after this job is gone. Batches and the end all come from the
    // builder, in body order.
    connect(builder, &BounceBatchBuilder::batchReady, this, &BounceLoadJob::onBatch);
    connect(builder, &BounceBatchBuilder::csvReady, this, &BounceLoadJob::onCsv);
    connect(builder, &BounceBatchBuilder::ended, this, &BounceLoadJob::onParseEnded);
    const auto resumeReading = [this] {
        if (m_call)
            m_call->setReadingPaused(false);
    };
    connect(worker, &BounceLoadWorker::drained, this, resumeReading);
    connect(builder, &BounceBatchBuilder::drained, this, resumeReading);
}

void BounceLoadJob::stopWorker() {
    if (!m_worker)
        return;
    m_flow->cancelled = true; // chunks and rows still queued are skipped
    disconnect(m_worker, nullptr, this, nullptr);
    disconnect(m_builder, nullptr, this, nullptr);
    // In its own thread, after whatever it is doing; it deletes the builder.
    m_worker->deleteLater();
    m_worker = nullptr;
    m_builder = nullptr;
}

void BounceLoadJob::cancel() {
    m_ended = true;
    stopWorker();
    if (m_call)
        m_call->cancel();
    deleteLater(); // not now: we may be inside a signal of ours
}

qsizetype BounceLoadJob::rowCount() const {
    return m_flow->parsedRows.load(std::memory_order_relaxed);
}

void BounceLoadJob::onChunk(const QByteArray &chunk) {
    if (m_ended || !m_worker)
        return;
    m_flow->pendingBytes += chunk.size();
    BounceLoadWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker, chunk] { worker->feed(chunk); }, Qt::QueuedConnection);
    if (BounceLoadWorker::backlog(*m_flow) <= BounceLoadWorker::highWaterBytes || !m_call)
        return;
    // The parser is behind: stop reading until it catches up, unless it just did.
    m_call->setReadingPaused(true);
    m_flow->waiting = true;
    if (BounceLoadWorker::takeWaiting(*m_flow))
        m_call->setReadingPaused(false);
}

void BounceLoadJob::onBodyComplete() {
    if (m_ended || !m_worker)
        return;
    BounceLoadWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker] { worker->finish(); }, Qt::QueuedConnection);
}

BounceStore BounceLoadJob::takeArrivedRows() {
    BounceStore rows;
    if (m_arriving)
        rows.swap(*m_arriving);
    return rows;
}

void BounceLoadJob::onBatch(const std::shared_ptr<BounceStore> &batch) {
    if (m_ended || !batch)
        return;
    // Never pass on a row with a field cut short: the export would say every row was written.
    if (const auto &oversized = batch->firstOversizedField()) {
        fail(ApiError::make(
            ApiError::Kind::BadResponse,
            QStringLiteral("in the bounce list of %1, the %2 of %3 is %4, more than the %5 a "
                           "field may hold; nothing was cut, the list was not used")
                .arg(m_customer, oversized->field, oversized->email, sizeText(oversized->bytes),
                     sizeText(BounceStore::maxFieldBytes))));
        return;
    }
    const qsizetype bytes = batch->textBytes();
    m_arriving = batch.get();
    Q_EMIT rowsArrived(*batch); // the receiver may cancel us here, or take the rows
    m_arriving = nullptr;
    takeDelivered(bytes);
}

bool BounceLoadJob::deliverAsCsv(const CsvOptions &options) {
    if (m_ended || !m_builder)
        return false;
    // Queued to the builder's thread now, so it gets there before any row: rows are built
    // there only from body chunks this thread queues to the parser thread later.
    BounceBatchBuilder *builder = m_builder;
    QMetaObject::invokeMethod(
        builder, [builder, options] { builder->encodeAsCsv(options); }, Qt::QueuedConnection);
    return true;
}

void BounceLoadJob::onCsv(const QByteArray &records, qsizetype rows) {
    if (m_ended)
        return;
    Q_EMIT csvArrived(records, rows); // the receiver may cancel us here
    takeDelivered(records.size());
}

void BounceLoadJob::takeDelivered(qsizetype bytes) {
    m_flow->undeliveredBytes -= bytes;
    if (!m_ended && m_call && BounceLoadWorker::takeWaiting(*m_flow))
        m_call->setReadingPaused(false);
}

void BounceLoadJob::onParseEnded(int state, const QString &errorText, qsizetype rows) {
    if (m_ended)
        return;
    if (BounceStreamParser::State(state) != BounceStreamParser::State::Done) {
        fail(parserError(state, errorText, rows)); // no point downloading the rest
        return;
    }
    m_ended = true;
    stopWorker();
    Q_EMIT finished(rows);
    deleteLater();
}

void BounceLoadJob::fail(const ApiError &error) {
    if (m_ended)
        return;
    m_ended = true;
    stopWorker();
    if (m_call)
        m_call->cancel();
    Q_EMIT failed(m_redactor.redacted(error));
    deleteLater();
}

ApiError BounceLoadJob::parserError(int state, const QString &text, qsizetype rows) const {
    switch (BounceStreamParser::State(state)) {
    case BounceStreamParser::State::ApiError:
        return ApiError::make(isAuthenticationMessage(text) ? ApiError::Kind::Authentication
                                                            : ApiError::Kind::Server,
                              QString(), 200, text);
    case BounceStreamParser::State::Truncated:
        return ApiError::make(ApiError::Kind::Truncated,
                              QStringLiteral("the bounce list of %1 stopped after %2 rows: %3")
                                  .arg(m_customer, countText(rows), text));
    case BounceStreamParser::State::Malformed:
    case BounceStreamParser::State::InProgress:
    case BounceStreamParser::State::Done:
        break;
    }
    return ApiError::make(
        ApiError::Kind::BadResponse,
        // The headline already says the answer could not be used: say where and why, once.
        QStringLiteral("in the bounce list of %1, %2").arg(m_customer, text));
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
        if (outcome == DeleteOutcome::NotOnList && m_call && m_call->attempts() > 1 &&
            mayHaveArrived())
            outcome = DeleteOutcome::NotOnListAfterLostAnswer;
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
        Q_EMIT failed(m_email, m_redactor.redacted(error), !parsed.serverError || mayHaveArrived());
    }
    deleteLater();
}

void DeleteJob::onCallFailed(const ApiError &error) {
    if (m_ended)
        return;
    m_ended = true;
    Q_EMIT failed(m_email, m_redactor.redacted(error), mayHaveArrived());
    deleteLater();
}

// --- ResellerClient --------------------------------------------------------------------------

ResellerClient::ResellerClient(QObject *parent)
    : ResellerClient(ApiSettings(), parent) {}

ResellerClient::ResellerClient(const ApiSettings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_network(newApiNetworkManager(this)) {}

ResellerClient::~ResellerClient() {
    // Jobs first: their calls hold replies that live in the network manager.
    const QObjectList jobs = children();
    for (QObject *child : jobs) {
        if (child != m_network && child != m_parserThread && child != m_rowsThread)
            delete child;
    }
    // The workers the jobs left are deleted as the parser thread finishes, and their builders
    // with them, or (deleted later) as the rows thread finishes after it.
    for (QThread *thread : {m_parserThread, m_rowsThread}) {
        if (thread) {
            thread->quit();
            thread->wait();
        }
    }
}

// Started on first use: a client that never loads a list has none.
QThread *ResellerClient::startedThread(QThread *&thread, const QString &name) {
    if (!thread) {
        thread = new QThread(this);
        thread->setObjectName(name);
        thread->start();
    }
    return thread;
}

QThread *ResellerClient::parserThread() {
    return startedThread(m_parserThread, QStringLiteral("BounceDesk parser"));
}

QThread *ResellerClient::rowsThread() {
    return startedThread(m_rowsThread, QStringLiteral("BounceDesk rows"));
}

void ResellerClient::setSettings(const ApiSettings &settings) {
    m_settings = settings;
}

CustomerListJob *ResellerClient::listCustomers(int pageSize) {
    if (m_currentCustomerList)
        m_currentCustomerList->cancel();
    auto *job = new CustomerListJob(this);
    job->m_redactor = KeyRedactor(m_settings.apiKey);
    m_currentCustomerList = job;
    requestCustomerPage(job, qMax(1, pageSize), 0);
    return job;
}

void ResellerClient::requestCustomerPage(CustomerListJob *job, int pageSize, int offset) {
    const FormFields fields{{QStringLiteral("method"), QStringLiteral("profile")},
                            {QStringLiteral("task"), QStringLiteral("get")},
                            {QStringLiteral("limit"), QString::number(pageSize)},
                            {QStringLiteral("offset"), QString::number(offset)}};
    ApiCall *call = newCall(fields, ApiCall::Mode::Buffered, job);
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
        // Only an empty page ends the list: a server may cap its pages below what was asked,
        // and a short page is then no sign of the end.
        if (page.isEmpty()) {
            job->succeed();
            return;
        }
        // A page of names already seen means the server ignores offset: stop rather than ask
        // forever, and say that the list may lack what lies beyond.
        if (job->merge(page) == 0) {
            job->m_warning =
                QStringLiteral("the server ignored the paging offset (it sent the customers at "
                               "offset 0 again for offset %1), so the list may be incomplete: "
                               "%2 customers were read")
                    .arg(offset)
                    .arg(job->m_customers.size());
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
    job->m_redactor = KeyRedactor(m_settings.apiKey);
    m_currentLoad = job;
    auto *builder = new BounceBatchBuilder(BounceLoadJob::batchRows, job->m_flow);
    // XML's rows are built beside the reading, which takes Expat as long as the building. JSON's
    // are built where they are read: its reader is far quicker, and the staging copy, the queued
    // stages and the rows' bytes read again on another core cost more CPU time than a second
    // thread saved (BounceBatchBuilder).
    builder->moveToThread(m_settings.format == ResponseFormat::Json ? parserThread()
                                                                    : rowsThread());
    auto *worker = new BounceLoadWorker(m_settings.format, builder, job->m_flow);
    worker->moveToThread(parserThread());
    job->startParsing(worker, builder);
    const FormFields fields{{QStringLiteral("method"), QStringLiteral("bounces")},
                            {QStringLiteral("task"), QStringLiteral("get")},
                            {QStringLiteral("user"), customer},
                            {QStringLiteral("date"), QStringLiteral("1")}};
    ApiCall *call = newCall(fields, ApiCall::Mode::Streaming, job);
    job->m_call = call;
    connect(call, &ApiCall::bodyChunk, job, &BounceLoadJob::onChunk);
    connect(call, &ApiCall::succeeded, job, &BounceLoadJob::onBodyComplete);
    connect(call, &ApiCall::failed, job, &BounceLoadJob::fail);
    call->start();
    return job;
}

DeleteJob *ResellerClient::deleteBounce(const QString &customer, const QString &email) {
    auto *job = new DeleteJob(customer, email, this);
    job->m_redactor = KeyRedactor(m_settings.apiKey);
    const FormFields fields{{QStringLiteral("method"), QStringLiteral("bounces")},
                            {QStringLiteral("task"), QStringLiteral("delete")},
                            {QStringLiteral("user"), customer},
                            {QStringLiteral("email"), email}};
    ApiCall *call = newCall(fields, ApiCall::Mode::Buffered, job);
    job->m_call = call;
    connect(call, &ApiCall::succeeded, job, &DeleteJob::onAnswer);
    connect(call, &ApiCall::failed, job, &DeleteJob::onCallFailed);
    call->start();
    return job;
}

ApiCall *ResellerClient::newCall(const FormFields &fields, ApiCall::Mode mode, QObject *job) {
    auto *call = new ApiCall(m_network, m_settings, fields, mode, job);
    const int attempts = qMax(1, m_settings.maxAttempts);
    connect(call, &ApiCall::retrying, this,
            [this, attempts](int attempt, int delayMs, const QString &why, bool serverAsked) {
                if (serverAsked)
                    Q_EMIT serverAskedToWait(delayMs, attempt, attempts);
                else
                    Q_EMIT retryingAfterFailure(attempt, attempts, why);
            });
    return call;
}
