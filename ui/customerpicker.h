#pragma once

#include "api/apierror.h"
#include "api/tenant.h"
#include "core/customer.h"

#include <QList>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QWidget>

class QComboBox;
class QCompleter;
class QStandardItemModel;
class QToolButton;
class SuppressionClient;
class TenantListJob;

// Editable combo with case-insensitive contains-completion over username, name and email;
// recent customers first (QSettings "customers/recent", max 10, most recent first). As the
// suggestions narrow, the best one is highlighted (the one whose username or email is what was
// typed, else the first), and Enter takes it; only text that matches no suggestion is used as
// typed (the list may be partial or stale). Only customers the server knows become recent: a
// listed one when chosen, another once its bounces loaded (rememberCustomer()), so a typo is
// never offered again. Reload on demand. Customer names are
// untrusted text: items are plain text and tooltips are escaped. The combo stays editable while
// the list loads (the placeholder says so): what is typed meanwhile is kept, and completed once
// the list arrives. Under v3 the parent account itself ("This account", no on-behalf-of) comes
// first, then the subusers, each with its region and, when disabled, a mark.
class CustomerPicker final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CustomerPicker)
public:
    // The model role holding "username name email" that the completer searches.
    static constexpr int SearchRole = Qt::UserRole + 1;
    static constexpr int UsernameRole = Qt::UserRole + 2;
    static constexpr int maxRecent = 10;

    explicit CustomerPicker(QWidget *parent = nullptr);
    ~CustomerPicker() override;

    void setClient(SuppressionClient *client); // does not take ownership
    void reload();                             // lists customers asynchronously
    QString currentCustomer() const;
    void setCurrentCustomer(const QString &username); // shows it; does not make it recent
    // The server knows this customer (its bounces loaded): it becomes the most recent.
    void rememberCustomer(const QString &username);
    bool isListed(const QString &username) const;
    bool isLoading() const;
    // The name the parent account goes by in the picker (and the table) under v3.
    static QString parentAccountName();
    // Whose lists a chosen name is: the parent under v3, else the subuser (on the EU host when
    // the list says it is pinned there).
    Tenant tenantFor(const QString &customer) const;
    // Set when the last list may be incomplete (the server ignored paging); empty otherwise.
    QString listWarning() const { return m_warning; }

    QList<Customer> customers() const { return m_customers; }
    QStringList recentCustomers() const; // most recent first
    QComboBox *comboBox() const { return m_combo; }
    QCompleter *completer() const { return m_completer; }
    QStandardItemModel *model() const { return m_model; }

Q_SIGNALS:
    void customerChosen(const QString &username);
    void loadingChanged(bool loading);
    void loadFailed(const ApiError &error);
    void customersLoaded(int count);

protected:
    // Enter in the completion popup with no row highlighted chooses the best suggestion.
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void setLoading(bool loading);
    void onCustomersListed(const QList<Customer> &customers);
    void onListFailed(const ApiError &error);
    void rebuildModel();
    void showCurrentText();
    void updatePlaceholder();
    int rowOfUsername(const QString &username) const;
    void highlightBestSuggestion();
    int bestSuggestionRow() const;
    void chooseUsername(const QString &username);
    QString enteredUsername() const;
    QString usernameForText(const QString &text) const;

    QComboBox *m_combo;
    QToolButton *m_reload;
    QCompleter *m_completer;
    QStandardItemModel *m_model;
    QPointer<SuppressionClient> m_client;
    QPointer<TenantListJob> m_job;
    QList<Customer> m_customers;
    QString m_warning;
    bool m_v3 = false; // the parent account is offered too
    QString m_current;
    bool m_loading = false;
    // The person has typed since the picker last showed the current customer: a rebuilt
    // list must not replace that text.
    bool m_typed = false;
};
