#pragma once

#include "api/apisettings.h"

#include <QDialog>
#include <QPointer>

class CustomerListJob;
class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QToolButton;
class QWidget;
class ResellerClient;
struct ApiError;

// API user, API key (masked), and under "Advanced" the API URL, response format and consent to
// plain http. "Test connection" lists customers through a ResellerClient the dialog owns;
// "Try the demo" accepts with demoRequested() true. The key is never shown in any message.
// Child widgets carry object names (apiUser, apiKey, showKey, advancedToggle, apiUrl, format,
// allowInsecure, testButton, testResult, validation, keychainNote, demoButton) for tests.
class ConnectionDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionDialog)
public:
    explicit ConnectionDialog(const ApiSettings &current, QWidget *parent = nullptr);
    ~ConnectionDialog() override;

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
    void updateValidation();
    void setAdvancedVisible(bool visible);
    void setKeyVisible(bool visible);
    void setTesting(bool testing);
    void onTestSucceeded(qsizetype customerCount);
    void onTestFailed(const ApiError &error);

    ApiSettings m_base; // fields the dialog does not edit (timeouts, retries) carry over
    bool m_demoRequested = false;

    QLineEdit *m_apiUser = nullptr;
    QLineEdit *m_apiKey = nullptr;
    QToolButton *m_showKey = nullptr;
    QToolButton *m_advancedToggle = nullptr;
    QWidget *m_advanced = nullptr;
    QLineEdit *m_apiUrl = nullptr;
    QComboBox *m_format = nullptr;
    QCheckBox *m_allowInsecure = nullptr;
    QLabel *m_validation = nullptr;
    QLabel *m_keychainNote = nullptr;
    QPushButton *m_testButton = nullptr;
    QProgressBar *m_testBusy = nullptr;
    QLabel *m_testResult = nullptr;
    QPushButton *m_demoButton = nullptr;
    QDialogButtonBox *m_buttons = nullptr;

    ResellerClient *m_client = nullptr;
    QPointer<CustomerListJob> m_testJob;
};
