#include "v3suppressionclient.h"

#include "networkmanagerpool.h"
#include "v3addressdelete.h"
#include "v3listload.h"
#include "v3lookup.h"
#include "v3requestgate.h"
#include "v3tenantlist.h"

#include <QDateTime>
#include <QPointer>
#include <QThread>
#include <QTimer>
#include <QUrlQuery>

V3SuppressionClient::V3SuppressionClient(const ApiSettings &settings, QObject *parent)
    : SuppressionClient(parent)
    , m_settings(settings)
    , m_networks(new NetworkManagerPool(
          (V3RequestGate::defaultMaxInFlight + NetworkManagerPool::connectionsPerManager - 1) /
              NetworkManagerPool::connectionsPerManager,
          this))
    , m_gate(new V3RequestGate(this))
    , m_answerTimer(new QTimer(this))
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); }) {
    m_answerTimer->setSingleShot(true);
    m_answerTimer->setInterval(0);
    connect(m_answerTimer, &QTimer::timeout, this, &V3SuppressionClient::handleNextAnswer);
    m_settings.api = ApiVersion::V3;
    m_gate->setMaxWaitMs(qMax(1000, m_settings.maxRetryDelayMs));
    connect(m_gate, &V3RequestGate::waitingForReset, this, [this](int delayMs) {
        if (delayMs >= 1000) // shorter waits need no explaining
            Q_EMIT serverAskedToWait(delayMs, 0, 0);
    });
}

V3SuppressionClient::~V3SuppressionClient() {
    // Nothing queued may start while the jobs go (a call ending frees a slot).
    m_gate->dropPending();
    m_answerTimer->stop();
    m_answers.clear();
    // Jobs first: their calls hold replies that live in the network managers.
    const QObjectList jobs = children();
    for (QObject *child : jobs) {
        if (child != m_networks && child != m_gate && child != m_parserThread &&
            child != m_answerTimer)
            delete child;
    }
    if (m_parserThread) {
        // The parsers the jobs left are deleted as the thread finishes.
        m_parserThread->quit();
        m_parserThread->wait();
    }
}

QThread *V3SuppressionClient::parserThread() {
    if (!m_parserThread) {
        m_parserThread = new QThread(this);
        m_parserThread->setObjectName(QStringLiteral("BounceDesk v3 parser"));
        m_parserThread->start();
    }
    return m_parserThread;
}

void V3SuppressionClient::setClock(std::function<qint64()> clock) {
    m_clock = clock;
    m_gate->setClock(std::move(clock));
}

QUrl V3SuppressionClient::baseFor(const Tenant &tenant) const {
    // A custom base URL (the sandbox, a proxy) serves every region; SendGrid's own global
    // host does not answer for a subuser pinned to the EU.
    if (tenant.eu && m_settings.baseUrl == ApiSettings::defaultV3BaseUrl())
        return ApiSettings::euV3BaseUrl();
    return m_settings.baseUrl;
}

QUrl V3SuppressionClient::url(const Tenant &tenant, const QString &path,
                              const QUrlQuery &query) const {
    ApiSettings settings = m_settings;
    settings.baseUrl = baseFor(tenant);
    QUrl url = settings.v3Url(path);
    if (!query.isEmpty())
        url.setQuery(query);
    return url;
}

ApiError V3SuppressionClient::pageError(const ParseResult &parsed, SuppressionList list,
                                        const Tenant &tenant) {
    if (parsed.serverError)
        return ApiError::make(ApiError::Kind::Server, QString(), 200, parsed.error);
    return ApiError::make(ApiError::Kind::BadResponse,
                          QStringLiteral("in the %1 of %2, %3")
                              .arg(suppressionListCliName(list), tenant.label(), parsed.error));
}

QString V3SuppressionClient::pathSegment(const QString &text) {
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

void V3SuppressionClient::send(QObject *owner, const Tenant &tenant, ApiRequest request,
                               Purpose purpose, SuppressionList list, Callbacks callbacks) {
    const QByteArray onBehalfOf = tenant.onBehalfOf();
    if (!onBehalfOf.isEmpty() && purpose != Purpose::ListSubusers &&
        purpose != Purpose::ListAccounts)
        request.headers.append({QByteArrayLiteral("on-behalf-of"), onBehalfOf});
    ApiSettings settings = m_settings;
    settings.baseUrl = baseFor(tenant);
    const QString advice = scopeAdvice(purpose, list, tenant);
    m_gate->enqueue(
        owner,
        [this, owner, settings, request = std::move(request), advice,
         callbacks = std::move(callbacks)]() -> ApiCall * {
            if (callbacks.wanted && !callbacks.wanted())
                return nullptr;
            QNetworkAccessManager *network = m_networks->managerWithRoom();
            auto *call = new ApiCall(network, settings, request, ApiCall::Mode::Buffered, owner);
            m_networks->countUntilDestroyed(network, call);
            const int attempts = qMax(1, settings.maxAttempts);
            connect(
                call, &ApiCall::retrying, this,
                [this, attempts](int attempt, int delayMs, const QString &why, bool serverAsked) {
                    if (serverAsked)
                        Q_EMIT serverAskedToWait(delayMs, attempt, attempts);
                    else
                        Q_EMIT retryingAfterFailure(attempt, attempts, why);
                });
            QPointer<ApiCall> guard(call);
            connect(call, &ApiCall::succeeded, owner,
                    [this, owner, succeeded = callbacks.succeeded](const QByteArray &body) {
                        queueAnswer(owner, [succeeded, body] { succeeded(body); });
                    });
            connect(call, &ApiCall::failed, owner,
                    [this, owner, guard, advice, failed = callbacks.failed](ApiError error) {
                        if (error.httpStatus == 403)
                            error.advice = advice;
                        else if (error.kind == ApiError::Kind::Authentication)
                            error.advice = QStringLiteral(
                                "Check the API key (SENDGRID_API_KEY, or the key saved in the "
                                "window): it must be a v3 API key of the parent account");
                        const bool mayHaveArrived = guard && guard->requestMayHaveArrived();
                        queueAnswer(owner, [failed, error, mayHaveArrived] {
                            failed(error, mayHaveArrived);
                        });
                    });
            call->start();
            return call;
        });
}

void V3SuppressionClient::queueAnswer(QObject *owner, std::function<void()> handle) {
    m_answers.push_back({owner, std::move(handle)});
    if (!m_answerTimer->isActive())
        m_answerTimer->start();
}

void V3SuppressionClient::handleNextAnswer() {
    while (!m_answers.empty()) {
        Answer next = std::move(m_answers.front());
        m_answers.pop_front();
        if (!next.owner)
            continue; // its job is gone: nobody waits for it
        next.handle();
        break;
    }
    if (!m_answers.empty() && !m_answerTimer->isActive())
        m_answerTimer->start();
}

QString V3SuppressionClient::scopeAdvice(Purpose purpose, SuppressionList list,
                                         const Tenant &tenant) {
    QString advice;
    const QString name = suppressionListCliName(list);
    const QString title = suppressionListTitle(list).toLower();
    switch (purpose) {
    case Purpose::ListSubusers:
        return QStringLiteral("The API key may not list subusers: it needs the scope "
                              "\u201csubusers.read\u201d (Subusers: read access)");
    case Purpose::ListAccounts:
        return QStringLiteral("Customer accounts can be listed only with a key of a reseller "
                              "onboarded for Account Provisioning (an Admin key is recommended)");
    case Purpose::Read:
        advice = list == SuppressionList::GroupUnsubscribes
                     ? QStringLiteral("The API key may not read group unsubscribes: it needs "
                                      "the scopes \u201casm.groups.read\u201d and "
                                      "\u201casm.groups.suppressions.read\u201d "
                                      "(Unsubscribe groups: read access)")
                     : QStringLiteral("The API key may not read %1: it needs the scope "
                                      "\u201csuppression.read\u201d (Suppressions: read access), "
                                      "or \u201csuppression.%2.read\u201d for this list alone")
                           .arg(title, name);
        break;
    case Purpose::Delete:
        advice = list == SuppressionList::GroupUnsubscribes
                     ? QStringLiteral("The API key may not delete group unsubscribes: it needs "
                                      "the scope \u201casm.groups.suppressions.delete\u201d "
                                      "(Unsubscribe groups: full access)")
                     : QStringLiteral("The API key may not delete %1: it needs the scope "
                                      "\u201csuppression.delete\u201d (Suppressions: full "
                                      "access), or \u201csuppression.%2.delete\u201d for this "
                                      "list alone")
                           .arg(title, name);
        break;
    }
    if (tenant.kind != Tenant::Kind::Parent)
        advice += QStringLiteral("; a customer the account does not own (%1) is refused "
                                 "the same way")
                      .arg(tenant.label());
    return advice;
}

TenantListJob *V3SuppressionClient::listCustomers() {
    auto *job = new V3TenantList(this, m_tenantSource == TenantSource::Accounts, this);
    job->start();
    return job;
}

ListLoadJob *V3SuppressionClient::loadList(const Tenant &tenant, SuppressionList list) {
    auto *job = new V3ListLoad(this, tenant, list, this);
    job->start();
    return job;
}

ListLoadJob *V3SuppressionClient::loadListMatching(const Tenant &tenant, SuppressionList list,
                                                   const QString &emailFilter) {
    auto *job = new V3ListLoad(this, tenant, list, this);
    job->setEmailFilter(emailFilter);
    job->start();
    return job;
}

AddressDeleteJob *V3SuppressionClient::deleteAddresses(const Tenant &tenant, SuppressionList list,
                                                       const QStringList &emails,
                                                       const DeleteOptions &options) {
    auto *job = new V3AddressDelete(this, tenant, list, emails, options, this);
    job->start();
    return job;
}

LookUpJob *V3SuppressionClient::lookUp(const Tenant &tenant, SuppressionList list,
                                       const QString &email) {
    auto *job = new V3LookUp(this, tenant, list, email, this);
    job->start();
    return job;
}
