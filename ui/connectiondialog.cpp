#include "connectiondialog.h"

#include "connectionstore.h"

#include "api/apierror.h"
#include "api/suppressionclient.h"
#include "api/suppressionclientfactory.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace {
// Messages come from servers and the network stack. They never should hold the key, but a
// misbehaving server might echo it back; the dialog is the last place to catch that.
QString withoutKey(QString message, const QString &key) {
    if (key.size() >= 4)
        message.replace(key, QStringLiteral("\u2022\u2022\u2022"));
    return message;
}

QLabel *plainTextLabel(const QString &objectName, QWidget *parent) {
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText); // server words and URLs are untrusted
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}
} // namespace

ConnectionDialog::ConnectionDialog(const ApiSettings &current, QWidget *parent)
    : QDialog(parent)
    , m_base(current) {
    setWindowTitle(tr("Connect to SendGrid"));
    const bool v3 = current.api == ApiVersion::V3;

    m_api = new QComboBox(this);
    m_api->setObjectName(QStringLiteral("api"));
    m_api->setAccessibleName(tr("API"));
    m_api->addItem(tr("SendGrid v3 (API key)"), static_cast<int>(ApiVersion::V3));
    m_api->addItem(tr("v2 reseller (legacy)"), static_cast<int>(ApiVersion::V2));
    m_api->setCurrentIndex(m_api->findData(static_cast<int>(current.api)));

    m_apiUser = new QLineEdit(current.apiUser, this);
    m_apiUser->setObjectName(QStringLiteral("apiUser"));
    m_apiUser->setAccessibleName(tr("API user"));

    // SendGrid refuses passwords since 2021: v2 takes an API key with the user "apikey".
    m_v2Note = plainTextLabel(QStringLiteral("v2Note"), this);
    m_v2Note->setText(tr("SendGrid accepts API keys only: for v2, enter “apikey” as the API user "
                         "and an API key as the key."));

    m_apiKey = new QLineEdit(current.apiKey, this);
    m_apiKey->setObjectName(QStringLiteral("apiKey"));
    m_apiKey->setAccessibleName(tr("API key"));
    m_apiKey->setEchoMode(QLineEdit::Password);
    m_apiKey->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhNoPredictiveText |
                                  Qt::ImhSensitiveData);

    m_showKey = new QToolButton(this);
    m_showKey->setObjectName(QStringLiteral("showKey"));
    m_showKey->setCheckable(true);
    m_showKey->setAccessibleName(tr("Show API key"));
    setKeyVisible(false);
    connect(m_showKey, &QToolButton::toggled, this, &ConnectionDialog::setKeyVisible);

    auto *keyRow = new QHBoxLayout;
    keyRow->setContentsMargins(0, 0, 0, 0);
    keyRow->addWidget(m_apiKey, 1);
    keyRow->addWidget(m_showKey);

    m_region = new QComboBox(this);
    m_region->setObjectName(QStringLiteral("region"));
    m_region->setAccessibleName(tr("Region"));
    m_region->addItem(tr("Global (api.sendgrid.com)"),
                      static_cast<int>(ConnectionStore::Region::Global));
    m_region->addItem(tr("EU (api.eu.sendgrid.com)"),
                      static_cast<int>(ConnectionStore::Region::Eu));
    const ConnectionStore::Region region =
        v3 ? ConnectionStore::regionOf(current.baseUrl) : ConnectionStore::Region::Global;
    m_region->setCurrentIndex(region == ConnectionStore::Region::Eu ? 1 : 0);

    m_tenantSource = new QComboBox(this);
    m_tenantSource->setObjectName(QStringLiteral("tenantSource"));
    m_tenantSource->setAccessibleName(tr("Customers"));
    m_tenantSource->addItem(tr("Subusers"), static_cast<int>(TenantSource::Subusers));
    m_tenantSource->addItem(tr("Customer accounts (Account Provisioning)"),
                            static_cast<int>(TenantSource::Accounts));
    m_tenantSource->setCurrentIndex(
        m_tenantSource->findData(static_cast<int>(current.tenantSource)));
    m_tenantSource->setToolTip(tr("Customer accounts are for resellers onboarded for SendGrid's "
                                  "Account Provisioning; everyone else uses subusers"));

    m_keychainNote = plainTextLabel(QStringLiteral("keychainNote"), this);
    m_keychainNote->setVisible(false);

    m_advancedToggle = new QToolButton(this);
    m_advancedToggle->setObjectName(QStringLiteral("advancedToggle"));
    m_advancedToggle->setText(tr("&Advanced"));
    m_advancedToggle->setAccessibleName(tr("Advanced settings"));
    m_advancedToggle->setCheckable(true);
    m_advancedToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_advancedToggle->setAutoRaise(true);
    m_advanced = buildAdvancedSection();
    connect(m_advancedToggle, &QToolButton::toggled, this, &ConnectionDialog::setAdvancedVisible);

    m_validation = plainTextLabel(QStringLiteral("validation"), this);
    m_validation->setAccessibleName(tr("Problems with these settings"));

    m_testButton = new QPushButton(tr("&Test connection"), this);
    m_testButton->setObjectName(QStringLiteral("testButton"));
    m_testButton->setAutoDefault(false);
    m_testButton->setToolTip(tr("Lists the customers of this account"));
    connect(m_testButton, &QPushButton::clicked, this, &ConnectionDialog::testConnection);
    m_testBusy = new QProgressBar(this);
    m_testBusy->setRange(0, 0); // busy indicator: no known end
    m_testBusy->setTextVisible(false);
    m_testBusy->setMaximumWidth(120);
    m_testBusy->setAccessibleName(tr("Testing the connection"));
    m_testBusy->setVisible(false);
    m_testResult = plainTextLabel(QStringLiteral("testResult"), this);
    m_testResult->setAccessibleName(tr("Connection test result"));
    auto *testRow = new QHBoxLayout;
    testRow->setContentsMargins(0, 0, 0, 0);
    testRow->addWidget(m_testButton);
    testRow->addWidget(m_testBusy);
    testRow->addWidget(m_testResult, 1);

    m_form = new QFormLayout;
    m_form->addRow(tr("A&PI:"), m_api);
    m_form->addRow(tr("API &user:"), m_apiUser);
    m_form->addRow(m_v2Note);
    m_form->addRow(tr("API &key:"), keyRow);
    if (auto *keyLabel = qobject_cast<QLabel *>(m_form->labelForField(keyRow)))
        keyLabel->setBuddy(m_apiKey); // Alt+K reaches the field, not the row
    m_form->addRow(tr("Re&gion:"), m_region);
    m_form->addRow(tr("&Customers:"), m_tenantSource);
    m_form->addRow(m_keychainNote);
    m_form->addRow(m_advancedToggle);
    m_form->addRow(m_advanced);
    m_form->addRow(testRow);
    m_form->addRow(m_validation);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_demoButton = m_buttons->addButton(tr("Try the &demo"), QDialogButtonBox::ActionRole);
    m_demoButton->setObjectName(QStringLiteral("demoButton"));
    m_demoButton->setToolTip(tr("Explore BounceDesk with a built-in emulator and sample data"));
    m_demoButton->setAutoDefault(false);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_demoButton, &QPushButton::clicked, this, [this] {
        m_demoRequested = true;
        accept();
    });

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    for (QLineEdit *edit : {m_apiUser, m_apiKey, m_apiUrl, m_customUrl})
        connect(edit, &QLineEdit::textChanged, this, &ConnectionDialog::updateValidation);
    for (QComboBox *combo : {m_format, m_region, m_tenantSource})
        connect(combo, &QComboBox::currentIndexChanged, this, &ConnectionDialog::updateValidation);
    connect(m_api, &QComboBox::currentIndexChanged, this, &ConnectionDialog::showFieldsOfApi);
    connect(m_allowInsecure, &QCheckBox::toggled, this, &ConnectionDialog::updateValidation);

    // Open the advanced part when it holds something other than the defaults.
    setAdvancedVisible(current.allowInsecureHttp ||
                       (v3 ? region == ConnectionStore::Region::Custom
                           : current.baseUrl != ApiSettings::defaultBaseUrl() ||
                                 current.format != ResponseFormat::Json));
    showFieldsOfApi();
    (!v3 && current.apiUser.isEmpty() ? m_apiUser : m_apiKey)->setFocus();
}

ConnectionDialog::~ConnectionDialog() {
    if (m_testJob) {
        m_testJob->disconnect(this);
        m_testJob->cancel();
    }
    if (m_probeJob) {
        m_probeJob->disconnect(this);
        m_probeJob->cancel();
    }
    // A test job that has ended may still wait for its deferred deletion as a child of
    // m_client, which ~QWidget deletes after this destructor: its `destroyed` must not call
    // back into a dialog that is no longer a ConnectionDialog (found by UBSan).
    if (m_client) {
        const QObjectList jobs = m_client->children();
        for (QObject *job : jobs)
            job->disconnect(this);
    }
}

QWidget *ConnectionDialog::buildAdvancedSection() {
    auto *section = new QWidget(this);
    section->setObjectName(QStringLiteral("advanced"));
    const bool v3 = m_base.api == ApiVersion::V3;

    m_apiUrl = new QLineEdit(v3 ? QString() : m_base.baseUrl.toString(), section);
    m_apiUrl->setObjectName(QStringLiteral("apiUrl"));
    m_apiUrl->setAccessibleName(tr("API URL"));
    m_apiUrl->setPlaceholderText(ApiSettings::defaultBaseUrl().toString());

    m_format = new QComboBox(section);
    m_format->setObjectName(QStringLiteral("format"));
    m_format->setAccessibleName(tr("Response format"));
    m_format->addItem(tr("JSON"), static_cast<int>(ResponseFormat::Json));
    m_format->addItem(tr("XML"), static_cast<int>(ResponseFormat::Xml));
    m_format->setCurrentIndex(m_format->findData(static_cast<int>(m_base.format)));

    // Instead of the region: a proxy, or the emulator. Every customer is then asked there.
    const bool custom =
        v3 && ConnectionStore::regionOf(m_base.baseUrl) == ConnectionStore::Region::Custom;
    m_customUrl = new QLineEdit(custom ? m_base.baseUrl.toString() : QString(), section);
    m_customUrl->setObjectName(QStringLiteral("customUrl"));
    m_customUrl->setAccessibleName(tr("Custom base URL"));
    m_customUrl->setPlaceholderText(tr("empty: the region's (the part before v3/)"));
    m_customUrl->setToolTip(tr("The base URL before “v3/”, e.g. %1; used instead of the region")
                                .arg(ApiSettings::defaultV3BaseUrl().toString()));

    m_allowInsecure = new QCheckBox(
        tr("Allow plain &http to a non-local server (sends the key unencrypted)"), section);
    m_allowInsecure->setObjectName(QStringLiteral("allowInsecure"));
    m_allowInsecure->setChecked(m_base.allowInsecureHttp);

    m_advancedForm = new QFormLayout(section);
    m_advancedForm->setContentsMargins(16, 0, 0, 0);
    m_advancedForm->addRow(tr("API U&RL:"), m_apiUrl);
    m_advancedForm->addRow(tr("Response &format:"), m_format);
    m_advancedForm->addRow(tr("Custom &base URL:"), m_customUrl);
    m_advancedForm->addRow(m_allowInsecure);
    return section;
}

ApiVersion ConnectionDialog::currentApi() const {
    return static_cast<ApiVersion>(m_api->currentData().toInt());
}

void ConnectionDialog::showFieldsOfApi() {
    const bool v3 = currentApi() == ApiVersion::V3;
    m_form->setRowVisible(m_apiUser, !v3);
    m_form->setRowVisible(m_v2Note, !v3);
    m_form->setRowVisible(m_region, v3);
    m_form->setRowVisible(m_tenantSource, v3);
    m_advancedForm->setRowVisible(m_apiUrl, !v3);
    m_advancedForm->setRowVisible(m_format, !v3);
    m_advancedForm->setRowVisible(m_customUrl, v3);
    updateValidation();
}

ApiSettings ConnectionDialog::settings() const {
    ApiSettings result = m_base;
    result.api = currentApi();
    result.apiKey = m_apiKey->text().trimmed(); // pasted keys often carry a stray space
    result.allowInsecureHttp = m_allowInsecure->isChecked();
    if (result.api == ApiVersion::V3) {
        result.apiUser.clear();
        result.tenantSource = static_cast<TenantSource>(m_tenantSource->currentData().toInt());
        const QString custom = m_customUrl->text().trimmed();
        result.baseUrl = custom.isEmpty()
                             ? ConnectionStore::baseUrlOf(static_cast<ConnectionStore::Region>(
                                   m_region->currentData().toInt()))
                             : QUrl(custom, QUrl::StrictMode);
        return result;
    }
    result.apiUser = m_apiUser->text().trimmed();
    const QString url = m_apiUrl->text().trimmed();
    result.baseUrl = url.isEmpty() ? ApiSettings::defaultBaseUrl() : QUrl(url, QUrl::StrictMode);
    result.format = static_cast<ResponseFormat>(m_format->currentData().toInt());
    return result;
}

bool ConnectionDialog::demoRequested() const {
    return m_demoRequested;
}

bool ConnectionDialog::isTesting() const {
    return m_testJob != nullptr || m_probeJob != nullptr;
}

void ConnectionDialog::setKeychainNote(const QString &note) {
    m_keychainNote->setText(note);
    m_keychainNote->setVisible(!note.isEmpty());
}

void ConnectionDialog::updateValidation() {
    // A custom base URL replaces the region: the region cannot look chosen then.
    m_region->setEnabled(m_customUrl->text().trimmed().isEmpty());
    const QString problem = settings().validationError();
    m_validation->setText(problem);
    m_validation->setVisible(!problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
    m_testButton->setEnabled(problem.isEmpty() && !isTesting());
}

void ConnectionDialog::setAdvancedVisible(bool visible) {
    const QSignalBlocker blocker(m_advancedToggle);
    m_advancedToggle->setChecked(visible);
    m_advancedToggle->setArrowType(visible ? Qt::DownArrow : Qt::RightArrow);
    m_advanced->setVisible(visible);
}

void ConnectionDialog::setKeyVisible(bool visible) {
    m_apiKey->setEchoMode(visible ? QLineEdit::Normal : QLineEdit::Password);
    m_showKey->setText(visible ? tr("Hide") : tr("Show"));
    m_showKey->setToolTip(visible ? tr("Hide the API key") : tr("Show the API key"));
}

void ConnectionDialog::setTesting(bool testing) {
    m_testBusy->setVisible(testing);
    if (testing)
        m_testResult->setText(tr("Testing…"));
    updateValidation();
}

void ConnectionDialog::forgetTestClient() {
    if (m_testJob) {
        m_testJob->disconnect(this);
        m_testJob->cancel();
        m_testJob.clear();
    }
    if (m_probeJob) {
        m_probeJob->disconnect(this);
        m_probeJob->cancel();
        m_probeJob.clear();
    }
    if (!m_client)
        return;
    const QObjectList jobs = m_client->children();
    for (QObject *job : jobs)
        job->disconnect(this);
    m_client->deleteLater(); // its jobs may still be on the stack of a signal
    m_client = nullptr;
}

void ConnectionDialog::testConnection() {
    const ApiSettings candidate = settings();
    if (const QString problem = candidate.validationError(); !problem.isEmpty()) {
        m_testResult->setText(problem);
        Q_EMIT testFinished(false, problem);
        return;
    }
    forgetTestClient();
    m_tested = candidate;
    m_client = makeSuppressionClient(candidate, candidate.tenantSource, this);
    TenantListJob *job = m_client->listCustomers();
    m_testJob = job;
    connect(job, &TenantListJob::finished, this,
            [this](const QList<Customer> &customers) { onTestSucceeded(customers.size()); });
    connect(job, &TenantListJob::failed, this, &ConnectionDialog::onTestFailed);
    // A cancelled job goes away silently: never leave the busy indicator spinning.
    connect(job, &QObject::destroyed, this, [this] {
        if (!isTesting() && m_testBusy->isVisible())
            setTesting(false);
    });
    setTesting(true);
}

void ConnectionDialog::onTestSucceeded(qsizetype customerCount) {
    m_testJob.clear();
    QString message;
    if (m_tested.api == ApiVersion::V2) {
        message = customerCount == 1 ? tr("Connected: 1 customer")
                                     : tr("Connected: %1 customers").arg(customerCount);
        finishTest(true, message);
        return;
    }
    if (m_tested.tenantSource == TenantSource::Accounts)
        message = customerCount == 1
                      ? tr("Connected: the key may list customer accounts (1 found).")
                      : tr("Connected: the key may list customer accounts (%1 found).")
                            .arg(customerCount);
    else
        message = customerCount == 1
                      ? tr("Connected: the key may list subusers (1 found).")
                      : tr("Connected: the key may list subusers (%1 found).").arg(customerCount);
    probeReading(message);
}

void ConnectionDialog::probeReading(const QString &listed) {
    // A GET of one address that cannot exist: 404 or an empty list when reading is allowed,
    // 403 with the scope it needs when not. Nothing is changed on the server.
    LookUpJob *job = m_client->lookUp(Tenant::parent(), SuppressionList::Bounces,
                                      QStringLiteral("bouncedesk-connection-test@example.invalid"));
    m_probeJob = job;
    connect(job, &LookUpJob::found, this, [this, listed] {
        m_probeJob.clear();
        finishTest(true, listed + QLatin1Char(' ') + tr("It may read the suppression lists."));
    });
    connect(job, &LookUpJob::failed, this, [this, listed](const ApiError &error) {
        m_probeJob.clear();
        if (error.kind == ApiError::Kind::Cancelled) {
            setTesting(false);
            m_testResult->clear();
            return;
        }
        const QString why = withoutKey(error.message(), m_tested.apiKey);
        finishTest(false, listed + QLatin1Char(' ') +
                              (error.httpStatus == 403
                                   ? tr("It may not read the suppression lists: %1").arg(why)
                                   : tr("Reading a suppression list failed: %1").arg(why)));
    });
    connect(job, &QObject::destroyed, this, [this] {
        if (!isTesting() && m_testBusy->isVisible())
            setTesting(false);
    });
}

void ConnectionDialog::finishTest(bool ok, const QString &message) {
    m_testResult->setText(message);
    setTesting(false);
    Q_EMIT testFinished(ok, message);
}

void ConnectionDialog::onTestFailed(const ApiError &error) {
    m_testJob.clear();
    setTesting(false);
    if (error.kind == ApiError::Kind::Cancelled) {
        m_testResult->clear();
        return;
    }
    // A v3 403 carries the scope the call needs (V3SuppressionClient::scopeAdvice).
    finishTest(false, withoutKey(error.message(), m_tested.apiKey));
}
