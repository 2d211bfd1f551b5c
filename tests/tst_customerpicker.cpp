// CustomerPicker against the in-process emulator: loading, completion, recents, typed names,
// failures and hostile names.
#include "customerpicker.h"

#include "api/v2suppressionclient.h"
#include "sandbox/sandboxserver.h"

#include <QAbstractItemModelTester>
#include <QAbstractItemView>
#include <QComboBox>
#include <QCompleter>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTextDocument>
#include <QToolButton>
#include <QtTest>

#include <memory>

namespace {
const QString kLoadingText = QStringLiteral("Loading customers…");
const QString kTypedPart = QStringLiteral("acm"); // part of exactly one demo customer

QStringList usernamesInModel(const QStandardItemModel *model) {
    QStringList names;
    for (int row = 0; row < model->rowCount(); ++row)
        names << model->item(row)->data(CustomerPicker::UsernameRole).toString();
    return names;
}

QStringList completions(QCompleter *completer, const QString &prefix) {
    completer->setCompletionPrefix(prefix);
    QStringList texts;
    for (int i = 0; completer->setCurrentRow(i); ++i)
        texts << completer->currentCompletion();
    return texts;
}

// What a tooltip shows once rendered: rich text is interpreted, so escaped markup stays visible.
QString renderedText(const QString &toolTip) {
    QTextDocument document;
    if (Qt::mightBeRichText(toolTip))
        document.setHtml(toolTip);
    else
        document.setPlainText(toolTip);
    return document.toPlainText();
}
} // namespace

class TestCustomerPicker final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("BounceDesk"));
        QCoreApplication::setApplicationName(QStringLiteral("BounceDesk-tst_customerpicker"));
    }

    void init() {
        QSettings().clear();
        m_server = std::make_unique<SandboxServer>();
        QVERIFY2(m_server->listen(), qPrintable(m_server->errorString()));
        ApiSettings settings;
        settings.baseUrl = m_server->baseUrl();
        settings.apiUser = SandboxServer::demoUser();
        settings.apiKey = SandboxServer::demoKey();
        settings.retryBaseDelayMs = 10;
        settings.maxRetryDelayMs = 50;
        m_client = std::make_unique<V2SuppressionClient>(settings);
        m_picker = std::make_unique<CustomerPicker>();
        m_picker->setClient(m_client.get());
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_picker->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    }

    void cleanup() {
        m_tester.reset();
        m_picker.reset();
        m_client.reset();
        m_server.reset();
    }

    void loadsTheEmulatorsCustomers() {
        const QList<Customer> expected = m_server->data().customers();
        QVERIFY(expected.size() > 1);
        QSignalSpy loading(m_picker.get(), &CustomerPicker::loadingChanged);

        QLineEdit *edit = m_picker->comboBox()->lineEdit();
        const QString idlePlaceholder = edit->placeholderText();
        m_picker->reload();
        QVERIFY(m_picker->isLoading());
        QVERIFY(m_picker->comboBox()->isEnabled()); // typing while it loads is kept
        QCOMPARE(edit->placeholderText(), kLoadingText);
        QVERIFY(edit->text().isEmpty()); // the loading note is no text to type over
        QTRY_VERIFY(!m_picker->isLoading());
        QCOMPARE(loading.count(), 2);
        QVERIFY(m_picker->comboBox()->isEnabled());
        QCOMPARE(edit->placeholderText(), idlePlaceholder);

        QStringList expectedNames;
        for (const Customer &customer : expected)
            expectedNames << customer.username;
        QStringList shown = usernamesInModel(m_picker->model());
        expectedNames.sort();
        shown.sort();
        QCOMPARE(shown, expectedNames);
    }

    void completionMatchesAnyPartCaseInsensitively_data() {
        QTest::addColumn<QString>("field");
        QTest::newRow("username") << QStringLiteral("username");
        QTest::newRow("name") << QStringLiteral("name");
        QTest::newRow("email") << QStringLiteral("email");
    }
    void completionMatchesAnyPartCaseInsensitively() {
        QFETCH(QString, field);
        loadAll();
        // A customer that has the field, and a fragment from its middle in the other case.
        Customer target;
        QString value;
        for (const Customer &customer : m_server->data().customers()) {
            value = field == QLatin1String("username")            ? customer.username
                    : field == QLatin1String("email")             ? customer.email
                    : customer.displayName() != customer.username ? customer.displayName()
                                                                  : QString();
            if (value.size() >= 5) {
                target = customer;
                break;
            }
        }
        QVERIFY2(!target.username.isEmpty(), "the emulator lists no customer with this field");
        QString fragment = value.mid(1, 4);
        fragment = fragment == fragment.toUpper() ? fragment.toLower() : fragment.toUpper();

        const QStringList found = completions(m_picker->completer(), fragment);
        QVERIFY2(!found.isEmpty(), qPrintable(fragment));
        for (const QString &text : found)
            QVERIFY2(text.contains(fragment, Qt::CaseInsensitive), qPrintable(text));
        const bool hasTarget = std::any_of(found.begin(), found.end(), [&](const QString &text) {
            return text.startsWith(target.username + QLatin1Char(' ')) || text == target.username;
        });
        QVERIFY2(hasTarget, qPrintable(found.join(QLatin1Char('|'))));
        QVERIFY(
            completions(m_picker->completer(), QStringLiteral("zz-no-such-customer-zz")).isEmpty());
    }

    void recentCustomersComeFirst() {
        const QList<Customer> customers = m_server->data().customers();
        QVERIFY(customers.size() >= 3);
        const QString older = customers.at(2).username;
        const QString newer = customers.at(0).username;
        m_picker->rememberCustomer(older);
        m_picker->rememberCustomer(newer);
        m_picker->setCurrentCustomer(newer);
        QCOMPARE(m_picker->recentCustomers(), (QStringList{newer, older}));

        loadAll();
        const QStringList shown = usernamesInModel(m_picker->model());
        QCOMPARE(shown.mid(0, 2), (QStringList{newer, older}));
        QCOMPARE(shown.count(older), 1); // not listed twice
        QStringList rest = shown.mid(2);
        QStringList sorted = rest;
        std::sort(sorted.begin(), sorted.end(), [](const QString &a, const QString &b) {
            return QString::compare(a, b, Qt::CaseInsensitive) < 0;
        });
        QCOMPARE(rest, sorted);
        QCOMPARE(m_picker->currentCustomer(), newer);
    }

    void recentListKeepsTenMostRecent() {
        for (int i = 0; i < 12; ++i)
            m_picker->rememberCustomer(QStringLiteral("customer-%1").arg(i));
        const QStringList recent =
            QSettings().value(QStringLiteral("customers/recent")).toStringList();
        QCOMPARE(recent.size(), CustomerPicker::maxRecent);
        QCOMPARE(recent.first(), QStringLiteral("customer-11"));
        QCOMPARE(recent.last(), QStringLiteral("customer-2"));
        m_picker->rememberCustomer(QStringLiteral("customer-5"));
        QCOMPARE(m_picker->recentCustomers().first(), QStringLiteral("customer-5"));
        QCOMPARE(m_picker->recentCustomers().count(QStringLiteral("customer-5")), 1);
    }

    void typedUsernameIsChosenOnEnter_data() {
        QTest::addColumn<bool>("listed");
        QTest::newRow("not_in_the_list") << false;
        QTest::newRow("listed_username") << true;
    }
    void typedUsernameIsChosenOnEnter() {
        QFETCH(bool, listed);
        loadAll();
        const QString typed = listed ? m_server->data().customers().constLast().username
                                     : QStringLiteral("someone-not-listed");
        QSignalSpy chosen(m_picker.get(), &CustomerPicker::customerChosen);
        QLineEdit *edit = m_picker->comboBox()->lineEdit();
        edit->clear();
        QTest::keyClicks(edit, typed);
        QTest::keyClick(edit, Qt::Key_Return);
        QTRY_COMPARE(chosen.count(), 1);
        QCOMPARE(chosen.at(0).at(0).toString(), typed);
        QCOMPARE(m_picker->currentCustomer(), typed);
        // A name the server did not list may be a typo: never offered again as recent.
        QCOMPARE(m_picker->recentCustomers().contains(typed), listed);
        QCoreApplication::sendPostedEvents(); // the queued reorder runs: it must not emit again
        QCOMPARE(chosen.count(), 1);
    }

    void completionPopupChoosesTheUsername() {
        loadAll();
        Customer target;
        for (const Customer &customer : m_server->data().customers()) {
            if (customer.email.size() >= 6 && customer.username != customer.email)
                target = customer;
        }
        QVERIFY2(!target.username.isEmpty(), "the emulator lists no customer with an email");
        QSignalSpy chosen(m_picker.get(), &CustomerPicker::customerChosen);
        QLineEdit *edit = m_picker->comboBox()->lineEdit();
        edit->clear();
        QTest::keyClicks(edit, target.email.toUpper()); // the whole address, other case
        QAbstractItemView *popup = m_picker->completer()->popup();
        QTRY_VERIFY(popup->isVisible());
        QCOMPARE(popup->model()->rowCount(), 1);
        popup->setCurrentIndex(popup->model()->index(0, 0));
        QTest::keyClick(popup, Qt::Key_Return);
        QTRY_COMPARE(chosen.count(), 1);
        QCOMPARE(chosen.at(0).at(0).toString(), target.username); // not the item's whole text
        QCoreApplication::sendPostedEvents(); // the queued reorder runs: it must not emit again
        QCOMPARE(chosen.count(), 1);
        QCOMPARE(m_picker->currentCustomer(), target.username);
    }

    // A person types part of a name and presses Enter without arrowing into the popup.
    // (The picker highlights the match itself; with the highlight gone, Enter still takes it.)
    void enterInPopupWithoutHighlightChoosesTheOnlyMatch() {
        loadAll();
        Customer target;
        for (const Customer &customer : m_server->data().customers()) {
            if (customer.email.size() >= 6 && customer.username != customer.email)
                target = customer;
        }
        QVERIFY2(!target.username.isEmpty(), "the emulator lists no customer with an email");
        QSignalSpy chosen(m_picker.get(), &CustomerPicker::customerChosen);
        QLineEdit *edit = m_picker->comboBox()->lineEdit();
        edit->clear();
        // A middle part of the address: matches one customer, equals no username or email.
        QTest::keyClicks(edit, target.email.mid(1, target.email.size() - 2).toUpper());
        QAbstractItemView *popup = m_picker->completer()->popup();
        QTRY_VERIFY(popup->isVisible());
        QCOMPARE(popup->model()->rowCount(), 1);
        popup->setCurrentIndex(QModelIndex());
        QTest::keyClick(popup, Qt::Key_Return);
        QTRY_COMPARE(chosen.count(), 1);
        QCOMPARE(chosen.at(0).at(0).toString(), target.username);
        QVERIFY(!popup->isVisible());
    }

    // "ops" matches several customers: the first suggestion is highlighted as it is typed,
    // and Enter takes it rather than the typed text; the text typed stays as typed meanwhile.
    void enterTakesTheHighlightedSuggestion() {
        addCustomers({QStringLiteral("devops-team"), QStringLiteral("ops-central"),
                      QStringLiteral("shops-r-us")});
        loadAll();
        showFocused();
        QSignalSpy chosen(m_picker.get(), &CustomerPicker::customerChosen);
        QLineEdit *edit = m_picker->comboBox()->lineEdit();
        edit->clear();
        QTest::keyClicks(edit, QStringLiteral("ops"));
        QAbstractItemView *popup = m_picker->completer()->popup();
        QTRY_VERIFY(popup->isVisible());
        QVERIFY(popup->model()->rowCount() >= 3);
        QVERIFY(popup->currentIndex().isValid());
        QCOMPARE(popup->currentIndex().row(), 0);
        QCOMPARE(edit->text(), QStringLiteral("ops")); // highlighting does not replace it
        const QString first = popup->currentIndex().data(CustomerPicker::UsernameRole).toString();
        QTest::keyClick(popup, Qt::Key_Return);
        QTRY_COMPARE(chosen.count(), 1);
        QCOMPARE(chosen.at(0).at(0).toString(), first);
        QVERIFY(first != QStringLiteral("ops"));
        QCOMPARE(m_picker->recentCustomers().value(0), first);
        QVERIFY(!m_picker->recentCustomers().contains(QStringLiteral("ops")));
    }

    // Typing a whole username highlights that customer, even when another one that also
    // matches comes first (a recent one).
    void enterTakesTheExactMatchOverAnEarlierSuggestion() {
        addCustomers({QStringLiteral("ops"), QStringLiteral("ops-central")});
        m_picker->rememberCustomer(QStringLiteral("ops-central")); // listed first
        loadAll();
        showFocused();
        QSignalSpy chosen(m_picker.get(), &CustomerPicker::customerChosen);
        QLineEdit *edit = m_picker->comboBox()->lineEdit();
        edit->clear();
        QTest::keyClicks(edit, QStringLiteral("OPS"));
        QAbstractItemView *popup = m_picker->completer()->popup();
        QTRY_VERIFY(popup->isVisible());
        QVERIFY(popup->model()->rowCount() >= 2);
        QCOMPARE(popup->currentIndex().data(CustomerPicker::UsernameRole).toString(),
                 QStringLiteral("ops"));
        QTest::keyClick(popup, Qt::Key_Return);
        QTRY_COMPARE(chosen.count(), 1);
        QCOMPARE(chosen.at(0).at(0).toString(), QStringLiteral("ops"));
    }

    // Arrowing to another suggestion and pressing Enter takes that one.
    void arrowKeysChooseAnotherSuggestion() {
        addCustomers({QStringLiteral("devops-team"), QStringLiteral("ops-central")});
        loadAll();
        showFocused();
        QSignalSpy chosen(m_picker.get(), &CustomerPicker::customerChosen);
        QLineEdit *edit = m_picker->comboBox()->lineEdit();
        edit->clear();
        QTest::keyClicks(edit, QStringLiteral("ops-"));
        QAbstractItemView *popup = m_picker->completer()->popup();
        QTRY_VERIFY(popup->isVisible());
        QVERIFY(popup->model()->rowCount() >= 2);
        QTest::keyClick(popup, Qt::Key_Down);
        QCOMPARE(popup->currentIndex().row(), 1);
        const QString second = popup->currentIndex().data(CustomerPicker::UsernameRole).toString();
        QTest::keyClick(popup, Qt::Key_Return);
        QTRY_COMPARE(chosen.count(), 1);
        QCOMPARE(chosen.at(0).at(0).toString(), second);
    }

    void failingListReportsLoadFailed_data() {
        QTest::addColumn<SandboxFault::Type>("fault");
        QTest::newRow("http_500") << SandboxFault::Type::Http500;
        QTest::newRow("wrong_credentials") << SandboxFault::Type::WrongCredentials;
    }
    void failingListReportsLoadFailed() {
        QFETCH(SandboxFault::Type, fault);
        SandboxFault always;
        always.type = fault;
        always.times = -1;
        m_server->addFault(always);
        QSignalSpy failed(m_picker.get(), &CustomerPicker::loadFailed);
        m_picker->reload();
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 20000);
        const auto error = failed.at(0).at(0).value<ApiError>();
        QVERIFY(error.isError());
        QVERIFY(!error.message().isEmpty());
        QVERIFY(!error.message().contains(SandboxServer::demoKey()));
        QVERIFY(!m_picker->isLoading());
        QVERIFY(m_picker->comboBox()->isEnabled());
        QVERIFY(m_picker->comboBox()->currentText() != kLoadingText);
        QVERIFY(m_picker->comboBox()->lineEdit()->placeholderText() != kLoadingText);
    }

    // A person opens the window and types at once: the text stays, and once the list is there
    // the completion offers the customer it matches.
    void typingWhileTheListLoadsIsKept() {
        const QString target = onlyCustomerMatching(kTypedPart);
        QVERIFY2(!target.isEmpty(), "the emulator must list exactly one customer with 'acm'");
        typeWhileLoading(kTypedPart);
        if (QTest::currentTestFailed())
            return;
        QLineEdit *edit = m_picker->comboBox()->lineEdit();
        QTest::keyClick(edit, Qt::Key_Left); // the cursor is not always at the end
        QCOMPARE(edit->cursorPosition(), int(kTypedPart.size()) - 1);

        QSignalSpy loaded(m_picker.get(), &CustomerPicker::customersLoaded);
        m_server->releaseHeldAnswers();
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 20000);
        QCOMPARE(edit->text(), kTypedPart);
        QCOMPARE(edit->cursorPosition(), int(kTypedPart.size()) - 1);
        QVERIFY(m_picker->comboBox()->isEnabled());
        QAbstractItemView *popup = m_picker->completer()->popup();
        QTRY_VERIFY(popup->isVisible());
        QCOMPARE(popup->model()->rowCount(), 1);
        QCOMPARE(popup->model()->index(0, 0).data(CustomerPicker::UsernameRole).toString(), target);
        QCOMPARE(m_picker->currentCustomer(), QString()); // offered, not chosen yet
    }

    void enterOnTypedPartChoosesTheOnlyMatchOnceLoaded() {
        const QString target = onlyCustomerMatching(kTypedPart);
        QVERIFY2(!target.isEmpty(), "the emulator must list exactly one customer with 'acm'");
        typeWhileLoading(kTypedPart);
        if (QTest::currentTestFailed())
            return;
        QLineEdit *edit = m_picker->comboBox()->lineEdit();
        QSignalSpy chosen(m_picker.get(), &CustomerPicker::customerChosen);
        QSignalSpy loaded(m_picker.get(), &CustomerPicker::customersLoaded);
        m_server->releaseHeldAnswers();
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 20000);
        QAbstractItemView *popup = m_picker->completer()->popup();
        QTRY_VERIFY(popup->isVisible());
        QVERIFY(popup->currentIndex().isValid()); // highlighted: Enter takes it
        QTest::keyClick(popup, Qt::Key_Return);
        QTRY_COMPARE(chosen.count(), 1);
        QCOMPARE(chosen.at(0).at(0).toString(), target);
        QCOMPARE(m_picker->currentCustomer(), target);
        QTRY_VERIFY(edit->text().startsWith(target + QLatin1Char(' ')));
        QCOMPARE(chosen.count(), 1);
    }

    // Enter before the list arrived: the typed username is used as typed, and stays chosen
    // (and shown) when the list arrives.
    void enterWhileLoadingTakesTheTypedName() {
        const QString typed = QStringLiteral("someone-not-listed");
        typeWhileLoading(typed);
        if (QTest::currentTestFailed())
            return;
        QLineEdit *edit = m_picker->comboBox()->lineEdit();
        QSignalSpy chosen(m_picker.get(), &CustomerPicker::customerChosen);
        QSignalSpy loaded(m_picker.get(), &CustomerPicker::customersLoaded);
        QTest::keyClick(edit, Qt::Key_Return);
        QCOMPARE(chosen.count(), 1);
        QCOMPARE(chosen.at(0).at(0).toString(), typed);
        QVERIFY(m_picker->isLoading());
        m_server->releaseHeldAnswers();
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 20000);
        QCOMPARE(m_picker->currentCustomer(), typed);
        QCOMPARE(edit->text(), typed);
        QVERIFY(!m_picker->recentCustomers().contains(typed)); // unknown: not recent
        QCOMPARE(chosen.count(), 1);
    }

    void reloadButtonReloads() {
        auto *reload = m_picker->findChild<QToolButton *>(QStringLiteral("reloadCustomers"));
        QVERIFY(reload && reload->isEnabled());
        QSignalSpy loadedSpy(m_picker.get(), &CustomerPicker::customersLoaded);
        reload->click();
        QTRY_COMPARE(loadedSpy.count(), 1);
        m_server->data().setBounces(QStringLiteral("added-later"), {});
        reload->click();
        QTRY_COMPARE(loadedSpy.count(), 2);
        QVERIFY(usernamesInModel(m_picker->model()).contains(QStringLiteral("added-later")));
    }

    void hostileNameIsShownLiterally() {
        // A hostile username and a hostile display name.
        const QString hostile = QStringLiteral("<b>x</b>");
        m_server->data().setBounces(hostile, {});
        SandboxProfile profile;
        profile.customer.username = QStringLiteral("hostile-name");
        profile.customer.firstName = hostile;
        profile.customer.lastName = QStringLiteral("<img src=x>");
        profile.customer.email = QStringLiteral("ops@hostile.example");
        m_server->data().setProfile(profile);
        loadAll();

        const QStandardItemModel *model = m_picker->model();
        const int byUsername = int(usernamesInModel(model).indexOf(hostile));
        const int byName = int(usernamesInModel(model).indexOf(QStringLiteral("hostile-name")));
        QVERIFY(byUsername >= 0 && byName >= 0);
        QVERIFY(model->item(byUsername)->text().startsWith(hostile));
        QVERIFY(model->item(byName)->text().contains(hostile + QStringLiteral(" <img src=x>")));
        QVERIFY(renderedText(model->item(byUsername)->toolTip()).contains(hostile));
        QVERIFY(
            renderedText(model->item(byName)->toolTip()).contains(QStringLiteral("<img src=x>")));

        QSignalSpy chosen(m_picker.get(), &CustomerPicker::customerChosen);
        m_picker->comboBox()->setCurrentIndex(byUsername);
        Q_EMIT m_picker->comboBox()->activated(byUsername);
        QCOMPARE(chosen.value(0).value(0).toString(), hostile);
        QTRY_VERIFY(m_picker->comboBox()->currentText().startsWith(hostile));
    }

private:
    void addCustomers(const QStringList &usernames) {
        for (const QString &username : usernames) {
            SandboxProfile profile;
            profile.customer.username = username;
            profile.customer.email = username + QStringLiteral("@customers.example");
            m_server->data().setProfile(profile);
        }
    }

    void showFocused() {
        m_picker->show();
        m_picker->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_picker.get()));
        m_picker->comboBox()->setFocus(Qt::OtherFocusReason);
    }

    // The only emulator customer whose username, name or email contains `part`, or empty.
    QString onlyCustomerMatching(const QString &part) const {
        QStringList found;
        for (const Customer &customer : m_server->data().customers()) {
            const QString all =
                QStringList{customer.username, customer.displayName(), customer.email}.join(
                    QLatin1Char(' '));
            if (all.contains(part, Qt::CaseInsensitive))
                found << customer.username;
        }
        return found.size() == 1 ? found.first() : QString();
    }

    // Shows the picker focused, starts a listing the emulator holds back, and types `text`
    // into it while the listing is in flight. The listing stays in flight until the caller
    // releases it (m_server->releaseHeldAnswers()). Callers check QTest::currentTestFailed().
    void typeWhileLoading(const QString &text) {
        SandboxFault hold;
        hold.type = SandboxFault::Type::Hold;
        hold.call = QStringLiteral("profile.get"); // the customer listing
        m_server->addFault(hold);
        m_picker->show();
        m_picker->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_picker.get()));
        m_picker->comboBox()->setFocus(Qt::OtherFocusReason);

        m_picker->reload();
        QVERIFY(m_picker->isLoading());
        QVERIFY(m_picker->comboBox()->isEnabled());
        QLineEdit *edit = m_picker->comboBox()->lineEdit();
        QTRY_COMPARE(m_server->answersHeld(), 1); // the listing is at the server
        QTest::keyClicks(edit, text);
        QCOMPARE(edit->text(), text);
        QVERIFY(m_picker->isLoading());
    }

    void loadAll() {
        QSignalSpy loadedSpy(m_picker.get(), &CustomerPicker::customersLoaded);
        m_picker->reload();
        QTRY_COMPARE_WITH_TIMEOUT(loadedSpy.count(), 1, 20000);
    }

    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<V2SuppressionClient> m_client;
    std::unique_ptr<CustomerPicker> m_picker;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

QTEST_MAIN(TestCustomerPicker)
#include "tst_customerpicker.moc"
