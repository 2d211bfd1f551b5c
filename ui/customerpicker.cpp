#include "customerpicker.h"

#include "api/suppressionclient.h"
#include "core/bouncecelltext.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QCompleter>
#include <QHBoxLayout>
#include <QIcon>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLineEdit>
#include <QSet>
#include <QSettings>
#include <QStandardItemModel>
#include <QToolButton>

#include <algorithm>

namespace {
const QString kRecent = QStringLiteral("customers/recent");

// v3 subusers name their region: "global" or "eu".
QString regionText(const QString &region) {
    if (region.compare(QLatin1String("eu"), Qt::CaseInsensitive) == 0)
        return CustomerPicker::tr("EU");
    return region.isEmpty() ? QString() : CustomerPicker::tr("Global");
}

// What the list shows and the completer searches: "username — First Last <email>", under v3
// with " · EU" (the region) and " · disabled".
// Shown as plain text only (combo items and the completer popup never render markup).
QString itemText(const Customer &customer) {
    QString text = customer.username;
    const QString name = customer.displayName();
    if (!name.isEmpty() && name != customer.username)
        text += QStringLiteral(" \u2014 ") + name;
    if (!customer.email.isEmpty())
        text += QStringLiteral(" <") + customer.email + QLatin1Char('>');
    if (!customer.region.isEmpty()) {
        text += QStringLiteral(" \u00b7 ") + regionText(customer.region);
        if (!customer.active)
            text += QStringLiteral(" \u00b7 ") + CustomerPicker::tr("disabled");
    }
    return text;
}

// Tooltips are rich text when they look like it; names come from strangers, so escape.
QString itemToolTip(const Customer &customer, bool recent) {
    QStringList lines{customer.username};
    const QString name = customer.displayName();
    if (!name.isEmpty() && name != customer.username)
        lines << name;
    if (!customer.email.isEmpty())
        lines << customer.email;
    if (!customer.region.isEmpty())
        lines << regionText(customer.region);
    if (!customer.active)
        lines << CustomerPicker::tr("Inactive");
    if (recent)
        lines << CustomerPicker::tr("Recently used");
    return escapedToolTip(lines.join(QLatin1Char('\n')));
}
} // namespace

CustomerPicker::CustomerPicker(QWidget *parent)
    : QWidget(parent)
    , m_combo(new QComboBox(this))
    , m_reload(new QToolButton(this))
    , m_completer(new QCompleter(this))
    , m_model(new QStandardItemModel(this)) {
    m_combo->setObjectName(QStringLiteral("customerCombo"));
    m_combo->setAccessibleName(tr("Customer"));
    m_combo->setToolTip(tr("Type part of a customer's username, name or email"));
    m_combo->setEditable(true);
    m_combo->setInsertPolicy(QComboBox::NoInsert); // an unknown username is used, not stored
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_combo->setMinimumContentsLength(28);
    m_combo->setModel(m_model);
    updatePlaceholder();

    m_completer->setModel(m_model);
    m_completer->setCompletionRole(SearchRole);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setFilterMode(Qt::MatchContains);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_completer->setMaxVisibleItems(12);
    m_combo->setCompleter(m_completer);
    m_completer->popup()->installEventFilter(this);
    // Each time the suggestions are narrowed, the best one is highlighted: Enter takes it.
    connect(m_completer->completionModel(), &QAbstractItemModel::modelReset, this,
            &CustomerPicker::highlightBestSuggestion);

    m_reload->setObjectName(QStringLiteral("reloadCustomers"));
    m_reload->setIcon(QIcon::fromTheme(QStringLiteral("view-refresh")));
    m_reload->setText(tr("Reload Customers"));
    m_reload->setToolTip(tr("Reload the customer list"));
    m_reload->setAccessibleName(tr("Reload the customer list"));
    m_reload->setEnabled(false);
    connect(m_reload, &QToolButton::clicked, this, &CustomerPicker::reload);

    // Picking from the list, from the completer popup, or Enter on a listed name.
    connect(m_combo, &QComboBox::activated, this, [this](int row) {
        if (const QStandardItem *item = m_model->item(row))
            chooseUsername(item->data(UsernameRole).toString());
    });
    connect(
        m_completer, qOverload<const QModelIndex &>(&QCompleter::activated), this,
        [this](const QModelIndex &index) { chooseUsername(index.data(UsernameRole).toString()); });
    // Enter in the field. QComboBox ignores it under NoInsert; Qt 6's QLineEdit handles it even
    // while the suggestions show (the completer then acts on the same key): what Enter means
    // is decided in one place, enteredUsername().
    connect(m_combo->lineEdit(), &QLineEdit::returnPressed, this,
            [this] { chooseUsername(enteredUsername()); });
    // textEdited: only the person's edits, never the picker's own setEditText().
    connect(m_combo->lineEdit(), &QLineEdit::textEdited, this, [this] { m_typed = true; });

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_combo, 1);
    layout->addWidget(m_reload);
    setFocusProxy(m_combo);

    rebuildModel();
}

CustomerPicker::~CustomerPicker() {
    if (m_job) {
        m_job->disconnect(this);
        m_job->cancel();
    }
}

void CustomerPicker::setClient(SuppressionClient *client) {
    if (client == m_client)
        return;
    if (m_job) {
        m_job->disconnect(this);
        m_job->cancel();
        m_job.clear();
    }
    m_client = client;
    m_v3 = client && client->api() == ApiVersion::V3;
    m_customers.clear(); // another account has other customers
    m_warning.clear();
    m_reload->setEnabled(client != nullptr);
    setLoading(false);
    rebuildModel();
}

void CustomerPicker::reload() {
    if (!m_client)
        return;
    if (m_job) {
        m_job->disconnect(this);
        m_job->cancel();
    }
    TenantListJob *job = m_client->listCustomers();
    m_job = job;
    connect(job, &TenantListJob::finished, this, [this, job](const QList<Customer> &customers) {
        m_warning = job->warning();
        onCustomersListed(customers);
    });
    connect(job, &TenantListJob::failed, this, &CustomerPicker::onListFailed);
    // A cancel is silent (e.g. another listing on a shared client): the job just goes away.
    connect(job, &QObject::destroyed, this, [this] {
        if (m_loading && !m_job)
            setLoading(false);
    });
    setLoading(true);
}

QString CustomerPicker::currentCustomer() const {
    return m_current;
}

void CustomerPicker::setCurrentCustomer(const QString &username) {
    m_current = username.trimmed();
    m_typed = false; // chosen from outside: show it instead of what was typed
    rebuildModel();
}

bool CustomerPicker::isListed(const QString &username) const {
    return std::any_of(
        m_customers.cbegin(), m_customers.cend(),
        [&username](const Customer &customer) { return customer.username == username; });
}

bool CustomerPicker::isLoading() const {
    return m_loading;
}

QString CustomerPicker::parentAccountName() {
    return tr("This account");
}

Tenant CustomerPicker::tenantFor(const QString &customer) const {
    if (m_v3 && customer == parentAccountName())
        return Tenant::parent();
    bool eu = false;
    for (const Customer &listed : m_customers) {
        if (listed.username == customer)
            eu = listed.region.compare(QLatin1String("eu"), Qt::CaseInsensitive) == 0;
    }
    return Tenant::subuser(customer, eu);
}

QStringList CustomerPicker::recentCustomers() const {
    return QSettings().value(kRecent).toStringList();
}

void CustomerPicker::setLoading(bool loading) {
    if (loading == m_loading)
        return;
    m_loading = loading;
    // The combo stays editable: people start typing a name as soon as the window opens.
    updatePlaceholder();
    Q_EMIT loadingChanged(loading);
}

void CustomerPicker::onCustomersListed(const QList<Customer> &customers) {
    m_job.clear();
    m_customers = customers;
    rebuildModel();
    setLoading(false);
    Q_EMIT customersLoaded(int(customers.size()));
}

void CustomerPicker::onListFailed(const ApiError &error) {
    m_job.clear();
    setLoading(false);
    if (error.kind != ApiError::Kind::Cancelled)
        Q_EMIT loadFailed(error); // the previous list stays usable
}

void CustomerPicker::rebuildModel() {
    // Clearing the model empties an editable combo's line edit (and adding the first row puts
    // that row's text there): keep what the person is typing, with its cursor and selection.
    QLineEdit *edit = m_combo->lineEdit();
    const bool keepTyped = m_typed;
    const QString typed = edit->text();
    const int cursor = edit->cursorPosition();
    const int selectionStart = edit->selectionStart();
    const int selectionLength = edit->selectionLength();

    const QStringList recent = recentCustomers();
    QHash<QString, Customer> listed;
    for (const Customer &customer : std::as_const(m_customers))
        listed.insert(customer.username, customer);

    m_model->clear();
    QSet<QString> added;
    auto append = [this, &added](const Customer &customer, bool isRecent) {
        if (customer.username.isEmpty() || added.contains(customer.username))
            return;
        added.insert(customer.username);
        auto *item = new QStandardItem(itemText(customer));
        item->setData(item->text(), SearchRole);
        item->setData(customer.username, UsernameRole);
        item->setToolTip(itemToolTip(customer, isRecent));
        item->setEditable(false);
        m_model->appendRow(item);
    };
    // v3: the parent account's own lists lead (no recent customer takes its place).
    if (m_v3) {
        Customer parent;
        parent.username = parentAccountName();
        append(parent, false);
    }
    // Recent customers first, in the order used; a recent name the server did not list
    // (typed by hand) stays selectable as a bare username.
    for (const QString &username : recent) {
        Customer customer = listed.value(username);
        customer.username = username;
        append(customer, true);
    }
    QList<Customer> rest = m_customers;
    std::sort(rest.begin(), rest.end(), [](const Customer &a, const Customer &b) {
        return QString::compare(a.username, b.username, Qt::CaseInsensitive) < 0;
    });
    for (const Customer &customer : std::as_const(rest))
        append(customer, false);
    if (!keepTyped) {
        showCurrentText();
        return;
    }
    m_combo->setCurrentIndex(rowOfUsername(m_current));
    m_combo->setEditText(typed);
    if (selectionLength > 0 && cursor == selectionStart) // selected leftwards
        edit->setSelection(selectionStart + selectionLength, -selectionLength);
    else if (selectionLength > 0)
        edit->setSelection(selectionStart, selectionLength);
    else
        edit->setCursorPosition(cursor);
    // The completion popup was computed over the old rows: offer the new ones for the typed
    // text, as if it had been typed now (complete() hides the popup when nothing matches).
    if (m_combo->hasFocus() && !typed.isEmpty()) {
        m_completer->setCompletionPrefix(typed);
        m_completer->complete();
    }
}

void CustomerPicker::showCurrentText() {
    m_typed = false;
    const int row = rowOfUsername(m_current);
    m_combo->setCurrentIndex(row);
    m_combo->setEditText(row >= 0 ? m_model->item(row)->text() : m_current);
    // "username — Name <email>" is often wider than the field: show its beginning (the
    // username), not its end.
    m_combo->lineEdit()->setCursorPosition(0);
}

void CustomerPicker::updatePlaceholder() {
    // Only shown while the edit is empty, so it never takes the place of typed text.
    m_combo->lineEdit()->setPlaceholderText(m_loading ? tr("Loading customers…")
                                                      : tr("Customer username, name or email"));
}

int CustomerPicker::rowOfUsername(const QString &username) const {
    if (username.isEmpty())
        return -1;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (m_model->item(row)->data(UsernameRole).toString() == username)
            return row;
    }
    return -1;
}

void CustomerPicker::rememberCustomer(const QString &username) {
    const QString name = username.trimmed();
    if (name.isEmpty() || (m_v3 && name == parentAccountName()))
        return; // the parent account always leads the list; it needs no place among recents
    QStringList recent = recentCustomers();
    if (recent.value(0) == name)
        return;
    recent.removeAll(name);
    recent.prepend(name);
    while (recent.size() > maxRecent)
        recent.removeLast();
    QSettings().setValue(kRecent, recent);
    // Reordering rebuilds the model: never inside one of the combo's own signals.
    QMetaObject::invokeMethod(this, &CustomerPicker::rebuildModel, Qt::QueuedConnection);
}

void CustomerPicker::highlightBestSuggestion() {
    const QAbstractItemModel *suggestions = m_completer->completionModel();
    if (suggestions->rowCount() == 0)
        return;
    // Quietly: told of it, QCompleter would put the suggestion's whole text ("user — Name
    // <email>") into the field, which the next keystroke would then extend. Keys that move
    // through the list (the person's own choice) still show the suggestion's text.
    QItemSelectionModel *selection = m_completer->popup()->selectionModel();
    const QSignalBlocker quiet(selection);
    selection->setCurrentIndex(suggestions->index(bestSuggestionRow(), 0),
                               QItemSelectionModel::ClearAndSelect);
}

// The suggestion whose username or email is exactly what was typed, else the first one.
int CustomerPicker::bestSuggestionRow() const {
    const QAbstractItemModel *suggestions = m_completer->completionModel();
    const QString exact = usernameForText(m_completer->completionPrefix());
    for (int row = 0; row < suggestions->rowCount(); ++row) {
        if (suggestions->index(row, 0).data(UsernameRole).toString() == exact)
            return row;
    }
    return 0;
}

QString CustomerPicker::usernameForText(const QString &text) const {
    const QString wanted = text.trimmed();
    // The full item text, a listed username or email in any case: that customer.
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QStandardItem *item = m_model->item(row);
        const QString username = item->data(UsernameRole).toString();
        if (item->text() == wanted || username.compare(wanted, Qt::CaseInsensitive) == 0)
            return username;
    }
    for (const Customer &customer : m_customers) {
        if (!customer.email.isEmpty() && customer.email.compare(wanted, Qt::CaseInsensitive) == 0)
            return customer.username;
    }
    return wanted; // not listed: used as typed (the list may be partial or stale)
}

bool CustomerPicker::eventFilter(QObject *watched, QEvent *event) {
    // QCompleter only closes its popup on Enter when no row is highlighted, so Enter would
    // need pressing twice, and then take the typed text. Take the best suggestion at once.
    if (watched == m_completer->popup() && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if ((key == Qt::Key_Return || key == Qt::Key_Enter) &&
            !m_completer->popup()->currentIndex().isValid()) {
            const QString username = enteredUsername();
            m_completer->popup()->hide();
            chooseUsername(username);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

// While suggestions show, Enter takes the highlighted one (or the best one, when none is
// highlighted); only text that no suggestion matches is taken as typed.
QString CustomerPicker::enteredUsername() const {
    QAbstractItemView *popup = m_completer->popup();
    if (popup->isVisible()) {
        if (popup->currentIndex().isValid())
            return popup->currentIndex().data(UsernameRole).toString();
        const QAbstractItemModel *suggestions = m_completer->completionModel();
        if (suggestions->rowCount() > 0)
            return suggestions->index(bestSuggestionRow(), 0).data(UsernameRole).toString();
    }
    return usernameForText(m_combo->currentText());
}

void CustomerPicker::chooseUsername(const QString &username) {
    // Enter in the completer popup arrives here twice (completer and line edit): once counts.
    if (username.isEmpty() || username == m_current)
        return;
    m_current = username;
    m_typed = false; // chosen: the rebuilt list shows it
    // A name the server did not list may be a typo: it becomes recent only once it loaded.
    if (isListed(username))
        rememberCustomer(username);
    Q_EMIT customerChosen(username);
    // Reordering the list rebuilds the model: not inside the combo's own signal.
    QMetaObject::invokeMethod(this, &CustomerPicker::rebuildModel, Qt::QueuedConnection);
}
