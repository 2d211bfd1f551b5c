#pragma once

#include "bytekeyset.h"
#include "suppressionjobs.h"
#include "tenant.h"

#include "core/suppressionlist.h"

#include <QByteArray>
#include <QSet>

#include <map>
#include <memory>

class V3PageParser;
class V3SuppressionClient;
struct V3ParsedPage;

// Loads one v3 suppression list in pages of 500 (limit, offset, end_time pinned to the start),
// several pages in flight (the client's gate bounds them), delivered in page order with rows
// de-duplicated by address (group unsubscribes: by address and group), one page per turn of
// the event loop. Complete only once a short page arrived and every page before it was
// delivered. A page that fails (after the call's retries) fails the load once every page before
// it was delivered, and the receiver drops what it got: the error is the first failed page's
// in page order, whichever answer came first, and a page past the short one fails nothing. Group
// unsubscribes come whole from GET /v3/asm/suppressions (that call has no paging). Pages are read
// on the client's parser thread (V3PageParser) while the next ones arrive; rows are delivered here.
class V3ListLoad final : public ListLoadJob {
    Q_OBJECT
public:
    V3ListLoad(V3SuppressionClient *client, Tenant tenant, SuppressionList list, QObject *parent);
    ~V3ListLoad() override;
    // Only rows whose address the server's `email` filter matches (a prefix; '%' is a
    // wildcard, so "%@example.com" finds a domain). Set before start(); group unsubscribes
    // have no filter and come whole.
    void setEmailFilter(const QString &filter) { m_emailFilter = filter; }
    // The rows the list is expected to hold (a delete's read-back knows it): the pages past
    // the one expected to be short are asked for only once that one came full (the list grew),
    // so a right guess costs exactly the pages the list has. Set before start().
    void setExpectedRows(qsizetype rows);
    void start();
    void cancel() override;
    qsizetype rowCount() const override { return m_rows; }
    BounceStore takeArrivedRows() override;

    // Pages requested ahead of the first one not yet delivered (memory bound; the gate bounds
    // what is actually in flight).
    static constexpr int pagesAhead = 16;

private:
    void requestMore();
    void requestPage(int index);
    void onPage(int index, const QByteArray &body);
    void onParsed(const std::shared_ptr<V3ParsedPage> &page);
    void queueDelivery(); // deliverReady() in a later turn of the event loop, once
    void deliverReady();
    // Hands on the page's rows not delivered before; false when the load ended with it (the
    // last page, or the receiver cancelled).
    bool deliverPage(BounceStore page);
    // Fails the load with `error` now if page `index` is the next to deliver, else once it is
    // (pages before it may still end the list).
    void pageFailed(int index, const ApiError &error);
    void fail(const ApiError &error);

    V3SuppressionClient *m_client;
    V3PageParser *m_parser; // in the client's parser thread; deleted (later) with the load
    Tenant m_tenant;
    SuppressionList m_list;
    QString m_emailFilter;
    qint64 m_endTime = 0;
    std::map<int, BounceStore> m_ready;   // arrived, waiting for the pages before them
    std::map<int, QObject *> m_pageOwner; // requested, not arrived: deleting one cancels it
    std::map<int, ApiError> m_failed;     // failed, waiting for the pages before them
    ByteKeySet m_seen; // the addresses delivered (group unsubscribes: address and group)
    BounceStore *m_arriving = nullptr;
    qsizetype m_rows = 0;
    int m_next = 0;              // the next page to request
    int m_deliver = 0;           // the next page to deliver
    int m_lastPage = -1;         // the first short page, once known
    int m_expectedLastPage = -1; // setExpectedRows(): the page expected to be short
    bool m_ended = false;
    bool m_deliveryQueued = false; // deliverReady() is posted for the next ready page
};
