#include "connectiondialog.h"

#include "api/apierror.h"
#include "api/resellerclient.h"

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
    , m_base(current)
    , m_client(new ResellerClient(this)) {
    setWindowTitle(tr("Connect to SendGrid"));

    m_apiUser = new QLineEdit(current.apiUser, this);
    m_apiUser->setObjectName(QStringLiteral("apiUser"));
    m_apiUser->setAccessibleName(tr("API user"));

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

    auto *form = new QFormLayout;
    form->addRow(tr("API &user:"), m_apiUser);
    form->addRow(tr("API &key:"), keyRow);
    if (auto *keyLabel = qobject_cast<QLabel *>(form->labelForField(keyRow)))
        keyLabel->setBuddy(m_apiKey); // Alt+K reaches the field, not the row
    form->addRow(m_keychainNote);
    form->addRow(m_advancedToggle);
    form->addRow(m_advanced);
    form->addRow(testRow);
    form->addRow(m_validation);

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
    layout->addLayout(form);
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    for (QLineEdit *edit : {m_apiUser, m_apiKey, m_apiUrl})
        connect(edit, &QLineEdit::textChanged, this, &ConnectionDialog::updateValidation);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ConnectionDialog::updateValidation);
    connect(m_allowInsecure, &QCheckBox::toggled, this, &ConnectionDialog::updateValidation);

    // Open the advanced part when it holds something other than the defaults.
    setAdvancedVisible(current.baseUrl != ApiSettings::defaultBaseUrl() ||
                       current.format != ResponseFormat::Json || current.allowInsecureHttp);
    (current.apiUser.isEmpty() ? m_apiUser : m_apiKey)->setFocus();
    updateValidation();
}

ConnectionDialog::~ConnectionDialog() {
    if (m_testJob) {
        m_testJob->disconnect(this);
        m_testJob->cancel();
    }
    // A test job that has ended may still wait for its deferred deletion as a child of
    // m_client, which ~QWidget deletes after this destructor: its `destroyed` must not call
    // back into a dialog that is no longer a ConnectionDialog (found by UBSan).
    const QObjectList jobs = m_client->children();
    for (QObject *job : jobs)
        job->disconnect(this);
}

QWidget *ConnectionDialog::buildAdvancedSection() {
    auto *section = new QWidget(this);
    section->setObjectName(QStringLiteral("advanced"));

    m_apiUrl = new QLineEdit(m_base.baseUrl.toString(), section);
    m_apiUrl->setObjectName(QStringLiteral("apiUrl"));
    m_apiUrl->setAccessibleName(tr("API URL"));
    m_apiUrl->setPlaceholderText(ApiSettings::defaultBaseUrl().toString());

    m_format = new QComboBox(section);
    m_format->setObjectName(QStringLiteral("format"));
    m_format->setAccessibleName(tr("Response format"));
    m_format->addItem(tr("JSON"), static_cast<int>(ResponseFormat::Json));
    m_format->addItem(tr("XML"), static_cast<int>(ResponseFormat::Xml));
    m_format->setCurrentIndex(m_format->findData(static_cast<int>(m_base.format)));

    m_allowInsecure = new QCheckBox(
        tr("Allow plain &http to a non-local server (sends the key unencrypted)"), section);
    m_allowInsecure->setObjectName(QStringLiteral("allowInsecure"));
    m_allowInsecure->setChecked(m_base.allowInsecureHttp);

    auto *form = new QFormLayout(section);
    form->setContentsMargins(16, 0, 0, 0);
    form->addRow(tr("API U&RL:"), m_apiUrl);
    form->addRow(tr("Response &format:"), m_format);
    form->addRow(m_allowInsecure);
    return section;
}

ApiSettings ConnectionDialog::settings() const {
    ApiSettings result = m_base;
    result.apiUser = m_apiUser->text().trimmed();
    result.apiKey = m_apiKey->text().trimmed(); // pasted keys often carry a stray space
    const QString url = m_apiUrl->text().trimmed();
    result.baseUrl = url.isEmpty() ? ApiSettings::defaultBaseUrl() : QUrl(url, QUrl::StrictMode);
    result.format = static_cast<ResponseFormat>(m_format->currentData().toInt());
    result.allowInsecureHttp = m_allowInsecure->isChecked();
    return result;
}

bool ConnectionDialog::demoRequested() const {
    return m_demoRequested;
}

bool ConnectionDialog::isTesting() const {
    return m_testJob != nullptr;
}

void ConnectionDialog::setKeychainNote(const QString &note) {
    m_keychainNote->setText(note);
    m_keychainNote->setVisible(!note.isEmpty());
}

void ConnectionDialog::updateValidation() {
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

void ConnectionDialog::testConnection() {
    const ApiSettings candidate = settings();
    if (const QString problem = candidate.validationError(); !problem.isEmpty()) {
        m_testResult->setText(problem);
        Q_EMIT testFinished(false, problem);
        return;
    }
    if (m_testJob) {
        m_testJob->disconnect(this);
        m_testJob->cancel();
    }
    m_client->setSettings(candidate);
    CustomerListJob *job = m_client->listCustomers();
    m_testJob = job;
    connect(job, &CustomerListJob::finished, this,
            [this](const QList<Customer> &customers) { onTestSucceeded(customers.size()); });
    connect(job, &CustomerListJob::failed, this, &ConnectionDialog::onTestFailed);
    // A cancelled job goes away silently: never leave the busy indicator spinning.
    connect(job, &QObject::destroyed, this, [this] {
        if (!m_testJob && m_testBusy->isVisible())
            setTesting(false);
    });
    setTesting(true);
}

void ConnectionDialog::onTestSucceeded(qsizetype customerCount) {
    m_testJob.clear();
    const QString message = customerCount == 1 ? tr("Connected: 1 customer")
                                               : tr("Connected: %1 customers").arg(customerCount);
    m_testResult->setText(message);
    setTesting(false);
    Q_EMIT testFinished(true, message);
}

void ConnectionDialog::onTestFailed(const ApiError &error) {
    m_testJob.clear();
    setTesting(false);
    if (error.kind == ApiError::Kind::Cancelled) {
        m_testResult->clear();
        return;
    }
    const QString message = withoutKey(error.message(), m_apiKey->text().trimmed());
    m_testResult->setText(message);
    Q_EMIT testFinished(false, message);
}
