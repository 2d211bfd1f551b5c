#pragma once

#include "apicall.h"
#include "suppressionclient.h"

#include "parse/parseresult.h"

#include <QPointer>

#include <deque>
#include <functional>

class NetworkManagerPool;
class QThread;
class QTimer;
class QUrlQuery;
class V3RequestGate;

// SuppressionClient over SendGrid's v3 API (api-v3-notes.md §2): "Authorization: Bearer" with
// the parent's key, on-behalf-of for subusers and customer accounts, EU-pinned subusers asked on
// the EU host (unless a custom base URL is set: then every tenant is asked there). Every request
// goes through one V3RequestGate (bounded parallel, the server's rate limit honoured), each
// through ApiCall (timeouts, retries, 429, no redirects, the key kept out of messages), spread
// over a NetworkManagerPool so that the gate's bound, not Qt's six connections per host, limits
// how many are answered at once.
class V3SuppressionClient final : public SuppressionClient {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(V3SuppressionClient)
public:
    // Customers are subusers or (formal resellers) customer accounts.
    using TenantSource = ::TenantSource; // apisettings.h

    explicit V3SuppressionClient(const ApiSettings &settings, QObject *parent = nullptr);
    ~V3SuppressionClient() override;

    ApiVersion api() const override { return ApiVersion::V3; }
    const ApiSettings &settings() const override { return m_settings; }
    void setTenantSource(TenantSource source) { m_tenantSource = source; }
    TenantSource tenantSource() const { return m_tenantSource; }
    V3RequestGate *gate() const { return m_gate; }
    // Milliseconds since the epoch, for end_time and the rate-limit reset (tests: the emulator's).
    void setClock(std::function<qint64()> clock);
    qint64 nowMs() const { return m_clock(); }

    TenantListJob *listCustomers() override;
    ListLoadJob *loadList(const Tenant &tenant, SuppressionList list) override;
    AddressDeleteJob *deleteAddresses(const Tenant &tenant, SuppressionList list,
                                      const QStringList &emails,
                                      const DeleteOptions &options = {}) override;
    LookUpJob *lookUp(const Tenant &tenant, SuppressionList list, const QString &email) override;
    // loadList() with the server's `email` filter (V3ListLoad::setEmailFilter): a prefix match,
    // so the caller filters the rows again.
    ListLoadJob *loadListMatching(const Tenant &tenant, SuppressionList list,
                                  const QString &emailFilter);

    // --- for the jobs ---
    static constexpr int pageSize = 500; // the documented maximum of every list
    static constexpr int deleteChunkSize = 500;
    // What one request is for: names the scope a 403 lacks.
    enum class Purpose : quint8 { ListSubusers, ListAccounts, Read, Delete };
    struct Callbacks {
        std::function<void(const QByteArray &body)> succeeded;
        // `mayHaveArrived`: the server may have acted although no answer said so.
        std::function<void(const ApiError &error, bool mayHaveArrived)> failed;
        // Asked when the request may go out; false: it is not sent and nothing is called.
        std::function<bool()> wanted;
    };
    // Queues one request for `owner` (the call's parent: it dies with it, unanswered).
    void send(QObject *owner, const Tenant &tenant, ApiRequest request, Purpose purpose,
              SuppressionList list, Callbacks callbacks);
    // The whole URL of `path` (below "v3/", already percent-encoded) for the tenant's host.
    QUrl url(const Tenant &tenant, const QString &path, const QUrlQuery &query) const;
    // An address as one path segment ('@' and '+' percent-encoded).
    static QString pathSegment(const QString &text);
    // The words added to a 403: the scope the call needs.
    static QString scopeAdvice(Purpose purpose, SuppressionList list, const Tenant &tenant);
    // A list page that did not parse: the server's own error, or what was wrong with the page.
    static ApiError pageError(const ParseResult &parsed, SuppressionList list,
                              const Tenant &tenant);
    // Where the list pages are read (V3PageParser), started on first use; stopped, its
    // workers deleted, when the client goes.
    QThread *parserThread();

private:
    QUrl baseFor(const Tenant &tenant) const;
    // Answers are handled one per turn of the event loop, in the order they came: with many
    // requests in flight several end together, and handling them all at once (each a page to
    // parse and show) would hold the window's thread for all of them.
    struct Answer {
        QPointer<QObject> owner; // the job's; gone: the answer is dropped
        std::function<void()> handle;
    };
    void queueAnswer(QObject *owner, std::function<void()> handle);
    void handleNextAnswer();

    ApiSettings m_settings;
    NetworkManagerPool *m_networks; // enough connections for the gate's bound on requests
    V3RequestGate *m_gate;
    QTimer *m_answerTimer; // zero interval: the next answer, after what else is waiting
    std::deque<Answer> m_answers;
    QThread *m_parserThread = nullptr;
    std::function<qint64()> m_clock;
    TenantSource m_tenantSource = TenantSource::Subusers;
};
