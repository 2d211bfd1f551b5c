#pragma once

#include "apicall.h"
#include "apierror.h"
#include "apisettings.h"
#include "bounceloadworker.h"
#include "core/customer.h"
#include "keyredactor.h"
#include "parse/bounceparser.h"
#include "parse/deleteresultparser.h"

#include "core/bouncestore.h"
#include "core/csvrowencoder.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <memory>

class BounceBatchBuilder;
class QNetworkAccessManager;
class QThread;

// Lists all customers, paging with limit/offset until an empty page (a server may send fewer
// than asked on every page). Emits exactly one of finished() / failed(), unless cancelled, then
// deletes itself.
class CustomerListJob final : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    void cancel(); // silent
    QList<Customer> customers() const { return m_customers; }
    // Set before finished() when the list may be incomplete: the server ignored `offset` and
    // sent a page already seen, so whatever lies beyond it cannot be asked for.
    QString warning() const { return m_warning; }

Q_SIGNALS:
    void finished(const QList<Customer> &customers);
    void failed(const ApiError &error);

private:
    friend class ResellerClient;
    // Adds the customers not seen yet (by username); returns how many were new.
    int merge(const QList<Customer> &page);
    void fail(const ApiError &error);
    void succeed();

    QList<Customer> m_customers;
    QSet<QString> m_usernames;
    QString m_warning;
    QPointer<ApiCall> m_call;
    KeyRedactor m_redactor; // the parsed pages' messages quote the server
    bool m_ended = false;
};

// Loads one customer's bounces. Rows arrive in batches while the body downloads; a batch is
// a small BounceStore the receiver merges (BounceStore::appendAll) or writes out. A batch holds
// at least batchRows rows, except the last one. Exactly one of finished() / failed() ends the
// job, unless it was cancelled (then nothing more is emitted); the job then deletes itself.
// After failed() the rows already delivered are a partial list: the receiver discards them.
//
// The body is parsed on the client's parser thread (BounceLoadWorker): this thread only
// passes chunks along and delivers batches, so a million rows never block the event loop.
class BounceLoadJob final : public QObject {
    Q_OBJECT
public:
    BounceLoadJob(QString customer, QObject *parent);
    ~BounceLoadJob() override;
    QString customer() const { return m_customer; }
    void cancel();              // silent
    qsizetype rowCount() const; // rows parsed so far (some may not be delivered yet)
    // Valid only while rowsArrived() is being emitted: moves the batch out, for a receiver
    // that keeps the rows (BounceStore::appendAll(BounceStore &&) takes its blocks without a
    // copy). Receivers connected after that one see an empty batch.
    BounceStore takeArrivedRows();
    // Body received but not yet delivered as rows (being parsed, or parsed and queued): what
    // the flow control keeps to a few MiB however slow the parser or the receiver is.
    qint64 backlogBytes() const { return BounceLoadWorker::backlog(*m_flow); }
    // For a receiver that only writes the rows out as CSV: from now on they come as records
    // encoded with `options` (csvArrived(), no header) instead of rowsArrived(), encoded on the
    // builder's thread as they are read. Call it right after the job was made, before returning to
    // the event loop. (A row with a field too long fails the job either way.) False when the
    // job has already ended.
    bool deliverAsCsv(const CsvOptions &options);

    static constexpr qsizetype batchRows = 4096;

Q_SIGNALS:
    void rowsArrived(const BounceStore &batch);
    void csvArrived(const QByteArray &records, qsizetype rows);
    void finished(qsizetype totalRows);
    void failed(const ApiError &error);

private:
    friend class ResellerClient;
    void startParsing(BounceLoadWorker *worker, BounceBatchBuilder *builder);
    void onChunk(const QByteArray &chunk);
    void onBodyComplete();
    void onBatch(const std::shared_ptr<BounceStore> &batch);
    void onCsv(const QByteArray &records, qsizetype rows);
    void takeDelivered(qsizetype bytes);
    void onParseEnded(int state, const QString &errorText, qsizetype rows);
    void fail(const ApiError &error);
    void stopWorker();
    ApiError parserError(int state, const QString &text, qsizetype rows) const;

    QString m_customer;
    QPointer<ApiCall> m_call;
    BounceLoadWorker *m_worker = nullptr;    // lives in the parser thread; deleted later there
    BounceBatchBuilder *m_builder = nullptr; // in the rows or parser thread; the worker deletes it
    BounceStore *m_arriving = nullptr;       // the batch rowsArrived() is emitted with
    std::shared_ptr<BounceLoadWorker::Flow> m_flow;
    KeyRedactor m_redactor; // the parser's messages quote the body
    bool m_ended = false;
};

// Deletes one address. NotOnList ("Email does not exist") means gone all the same.
class DeleteJob final : public QObject {
    Q_OBJECT
public:
    DeleteJob(QString customer, QString email, QObject *parent);
    QString customer() const { return m_customer; }
    QString email() const { return m_email; }
    void cancel(); // silent

Q_SIGNALS:
    void deleted(const QString &email, DeleteOutcome outcome);
    // `unconfirmed` is true when the request may have reached the server but no answer came
    // (timeout, reset): the address may or may not be gone, and a retry is safe.
    void failed(const QString &email, const ApiError &error, bool unconfirmed);

private:
    friend class ResellerClient;
    void onAnswer(const QByteArray &body);
    void onCallFailed(const ApiError &error);
    bool mayHaveArrived() const;

    QString m_customer;
    QString m_email;
    QPointer<ApiCall> m_call;
    KeyRedactor m_redactor; // the answer's message quotes the server
    bool m_ended = false;
};

// SendGrid Web API v2 reseller client (reseller.manage). Jobs are owned by the client and
// delete themselves after their final signal. Bounce lists are parsed on a thread of the
// client's own, started with the first load. Starting a bounce load cancels the previous
// one, and listing customers cancels the previous listing, so replies of an older request can
// never reach the caller. Deletes run side by side (DeleteQueue bounds how many).
class ResellerClient final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResellerClient)
public:
    explicit ResellerClient(QObject *parent = nullptr);
    ResellerClient(const ApiSettings &settings, QObject *parent = nullptr);
    ~ResellerClient() override;

    // Applies to requests started afterwards.
    void setSettings(const ApiSettings &settings);
    const ApiSettings &settings() const { return m_settings; }

    CustomerListJob *listCustomers(int pageSize = 500);
    BounceLoadJob *loadBounces(const QString &customer);
    DeleteJob *deleteBounce(const QString &customer, const QString &email);

Q_SIGNALS:
    // A server asked for a pause (Retry-After, or X-RateLimit-Reset on a 429; capped by
    // maxRetryDelayMs) before `attempt` of some call: the only wait long enough that the
    // window and the command line must say why nothing moves. Our own backoff stays quiet.
    void serverAskedToWait(int delayMs, int attempt, int maxAttempts);
    // A call failed in a way worth another try (5xx, a reset, a timeout before any data) and
    // `attempt` of `maxAttempts` follows after our own short backoff; `why` is the failure's
    // message (no key in it). Said so that a slow answer is explained, with its count.
    void retryingAfterFailure(int attempt, int maxAttempts, const QString &why);

private:
    void requestCustomerPage(CustomerListJob *job, int pageSize, int offset);
    ApiCall *newCall(const FormFields &fields, ApiCall::Mode mode, QObject *job);
    QThread *startedThread(QThread *&thread, const QString &name);
    QThread *parserThread();
    QThread *rowsThread();

    ApiSettings m_settings;
    QNetworkAccessManager *m_network;
    QThread *m_parserThread = nullptr;
    QThread *m_rowsThread = nullptr; // builds the parsed rows into batches (BounceBatchBuilder)
    QPointer<BounceLoadJob> m_currentLoad;
    QPointer<CustomerListJob> m_currentCustomerList;
};
