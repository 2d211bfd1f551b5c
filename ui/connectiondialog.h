#pragma once

#include "api/apisettings.h"

#include <QDialog>
#include <QPointer>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QToolButton;
class QWidget;
class LookUpJob;
class SuppressionClient;
class TenantListJob;
struct ApiError;

// The API first: "SendGrid v3 (API key)" or "v2 reseller (legacy)". v3 asks for the key (masked),
// the region (Global or EU) and where the customers come from (subusers or customer accounts);
// under "Advanced", a custom base URL (the part before "v3/") instead of the region. v2 asks for
// the API user and key, and under "Advanced" the API URL and response format. Both: consent to
// plain http under "Advanced". "Test connection" lists customers through a SuppressionClient made
// for the settings shown and, for v3, then looks an address up on the account's own bounces, so
// it says whether the key may read suppressions too (a 403 names the scope the key lacks);
// "Try the demo" accepts with demoRequested() true. The key is never shown in any message.
// Child widgets carry object names (api, apiUser, v2Note, apiKey, showKey, region, tenantSource,
// advancedToggle, apiUrl, format, customUrl, allowInsecure, testButton, testResult, validation,
// keychainNote, demoButton) for tests.
class ConnectionDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionDialog)
public:
    explicit ConnectionDialog(const ApiSettings &current, QWidget *parent = nullptr);
    ~ConnectionDialog() override;

    // What the dialog shows. v3: baseUrl is the region's or the custom one, tenantSource as
    // chosen, no API user; v2: as before v3.
    ApiSettings settings() const;
    bool demoRequested() const;                // the user pressed "Try the demo" (dialog accepted)
    void setKeychainNote(const QString &note); // e.g. the session-only keychain warning
    bool isTesting() const;                    // a "Test connection" is running

public Q_SLOTS:
    void testConnection();

Q_SIGNALS:
    void testFinished(bool ok, const QString &message);

private:
    QWidget *buildAdvancedSection();
    ApiVersion currentApi() const;
    void showFieldsOfApi();
    void updateValidation();
    void setAdvancedVisible(bool visible);
    void setKeyVisible(bool visible);
    void setTesting(bool testing);
    void forgetTestClient();
    void onTestSucceeded(qsizetype customerCount);
    void onTestFailed(const ApiError &error);
    void probeReading(const QString &listed);
    void finishTest(bool ok, const QString &message);

    ApiSettings m_base; // fields the dialog does not edit (timeouts, retries) carry over
    bool m_demoRequested = false;

    QFormLayout *m_form = nullptr;
    QFormLayout *m_advancedForm = nullptr;
    QComboBox *m_api = nullptr;
    QLineEdit *m_apiUser = nullptr;
    QLabel *m_v2Note = nullptr;
    QLineEdit *m_apiKey = nullptr;
    QToolButton *m_showKey = nullptr;
    QComboBox *m_region = nullptr;
    QComboBox *m_tenantSource = nullptr;
    QToolButton *m_advancedToggle = nullptr;
    QWidget *m_advanced = nullptr;
    QLineEdit *m_apiUrl = nullptr;
    QComboBox *m_format = nullptr;
    QLineEdit *m_customUrl = nullptr;
    QCheckBox *m_allowInsecure = nullptr;
    QLabel *m_validation = nullptr;
    QLabel *m_keychainNote = nullptr;
    QPushButton *m_testButton = nullptr;
    QProgressBar *m_testBusy = nullptr;
    QLabel *m_testResult = nullptr;
    QPushButton *m_demoButton = nullptr;
    QDialogButtonBox *m_buttons = nullptr;

    // Made for the settings of the running test (a client's settings are fixed).
    SuppressionClient *m_client = nullptr;
    QPointer<TenantListJob> m_testJob;
    QPointer<LookUpJob> m_probeJob; // v3, after the customers: may the key read suppressions?
    ApiSettings m_tested;           // the settings of the running test
};
