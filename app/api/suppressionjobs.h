#pragma once

// The jobs a SuppressionClient hands out. Each ends with exactly one final signal (finished or
// failed) unless cancelled, after which it emits nothing; it deletes itself after ending.
// Signals are never emitted from inside the call that created the job.

#include "addressoutcome.h"
#include "apierror.h"
#include "core/bouncestore.h"
#include "core/csvrowencoder.h"
#include "core/customer.h"

#include <QList>
#include <QObject>

// The customers (v2 reseller customers, v3 subusers or customer accounts), in server order.
class TenantListJob : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    virtual void cancel() = 0; // silent
    // Set before finished() when the list may be incomplete (a server ignoring offset).
    QString warning() const { return m_warning; }

Q_SIGNALS:
    void finished(const QList<Customer> &customers);
    void failed(const ApiError &error);

protected:
    QString m_warning;
};

// One list of one tenant, streamed in batches of rows (BounceStore slots: email; status | ip |
// group id; reason | group name; created). After failed() the rows delivered so far are a
// partial list: the receiver discards them.
class ListLoadJob : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    virtual void cancel() = 0;              // silent
    virtual qsizetype rowCount() const = 0; // rows received so far
    // Valid only while rowsArrived() is being emitted: moves the batch out (see BounceLoadJob).
    virtual BounceStore takeArrivedRows() = 0;
    // For a receiver that only writes the rows out as CSV: true when the rows will come as
    // records encoded with `options` (csvArrived(), no header), encoded beside the reading,
    // instead of rowsArrived(). Call it right after the job was made, before returning to the
    // event loop. False (the default): rowsArrived() as before.
    virtual bool deliverAsCsv(const CsvOptions &options) {
        Q_UNUSED(options);
        return false;
    }

Q_SIGNALS:
    void rowsArrived(const BounceStore &batch);
    void csvArrived(const QByteArray &records, qsizetype rows); // after deliverAsCsv()
    void finished(qsizetype totalRows);
    void failed(const ApiError &error);
};

// Deletes a batch of addresses from one list of one tenant. outcomes() with the outcomes that
// became known together (v2: one address per answer; v3: up to all of a bulk delete's
// read-back), never empty, each address once over the job, in any order; progress() after
// each outcomes(); finished() once when every address has its outcome. A receiver records a
// batch with one DeletionRecord::appendAll before it shows any of it. cancel() sends nothing
// more; the addresses not yet sent then get no outcome (one whose delete was sent but not yet
// confirmed is Unconfirmed), and finished() comes once the requests in flight ended.
class AddressDeleteJob : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    virtual void cancel() = 0;

Q_SIGNALS:
    void outcomes(const QList<AddressResult> &results);
    void progress(int done, int total);
    void finished();
};

// Looks one address up on one list: found() with its rows (none: not on the list).
class LookUpJob : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    virtual void cancel() = 0; // silent

Q_SIGNALS:
    void found(const BounceStore &rows);
    void failed(const ApiError &error);
};
