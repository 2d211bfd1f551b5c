// The German translation as a user meets it: chosen by the locale, compiled into the binary,
// in the real window (menus, table, status, dialogs, plurals), with unique accelerators; every
// other locale keeps the English window, Qt's own dialogs included. Accelerators are unique in
// both languages. The core's error headlines and settings checks, which the window shows in its
// banner and dialogs, follow the same translation.
#include "windowtestsupport.h"

#include "datefilteredit.h"

#include "api/apierror.h"
#include "api/apisettings.h"
#include "connectiondialog.h"
#include "deletecontroller.h"
#include "desktop.h"
#include "errorbanner.h"
#include "filterbar.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QLabel>
#include <QLibraryInfo>
#include <QMenuBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QTranslator>
#include <QtTest>

using namespace WindowTest;

namespace {

QStringList menuTitles(const MainWindow &window) {
    QStringList titles;
    for (const QAction *menu : window.menuBar()->actions())
        titles << menu->text();
    return titles;
}

QStringList headers(const BounceTableModel &model) {
    QStringList texts;
    for (int column = 0; column < model.columnCount(); ++column)
        texts << model.headerData(column, Qt::Horizontal, Qt::DisplayRole).toString();
    return texts;
}

QString cancelButtonText() {
    QDialogButtonBox box(QDialogButtonBox::Cancel);
    return box.button(QDialogButtonBox::Cancel)->text().remove(u'&');
}

// Texts that share one Alt+letter space, and the letters used more than once among them.
QStringList repeatedMnemonics(const QStringList &texts) {
    QMap<QChar, QStringList> byLetter;
    for (const QString &text : texts) {
        const qsizetype at = text.indexOf(u'&');
        if (at >= 0 && at + 1 < text.size() && text.at(at + 1) != u'&')
            byLetter[text.at(at + 1).toLower()] << text;
    }
    QStringList repeated;
    for (auto it = byLetter.cbegin(); it != byLetter.cend(); ++it) {
        if (it.value().size() > 1)
            repeated << it.value().join(QLatin1String(" / "));
    }
    return repeated;
}

// What a window's Alt+letter reaches: buttons, and labels that lead to a field.
QStringList mnemonicTexts(const QWidget &window) {
    QStringList texts;
    for (const QAbstractButton *button : window.findChildren<QAbstractButton *>())
        texts << button->text();
    for (const QLabel *label : window.findChildren<QLabel *>()) {
        if (label->buddy())
            texts << label->text();
    }
    return texts;
}

} // namespace

class TestTranslations final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void cleanup();

    void germanLocalesGetGerman_data();
    void germanLocalesGetGerman();
    void otherLocalesStayEnglish_data();
    void otherLocalesStayEnglish();
    void theDefaultLocaleDecides();
    void germanPluralsFollowTheCount_data();
    void germanPluralsFollowTheCount();
    void qtsOwnStringsFollowInGerman();
    void germanWindowShowsRowsInGerman();
    void narrowGermanWindowStaysUsable();
    void acceleratorsAreUnique_data();
    void acceleratorsAreUnique();
    void apiErrorsFollowTheLanguage_data();
    void apiErrorsFollowTheLanguage();
    void settingsProblemsFollowTheLanguage_data();
    void settingsProblemsFollowTheLanguage();

private:
    void install(const QLocale &locale) { m_installed = installTranslators(*qApp, locale); }
    QList<QTranslator *> m_installed;
    const QLocale m_startLocale; // the default locale the test started with
};

void TestTranslations::cleanup() {
    for (QTranslator *translator : std::as_const(m_installed)) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
    }
    m_installed.clear();
    QLocale::setDefault(m_startLocale);
}

void TestTranslations::germanLocalesGetGerman_data() {
    QTest::addColumn<QString>("locale");
    QTest::newRow("Germany") << QStringLiteral("de_DE");
    QTest::newRow("Austria") << QStringLiteral("de_AT");
    QTest::newRow("Switzerland") << QStringLiteral("de_CH");
    QTest::newRow("language only") << QStringLiteral("de");
}

void TestTranslations::germanLocalesGetGerman() {
    QFETCH(QString, locale);
    install(QLocale(locale));
    QVERIFY(!m_installed.isEmpty());
    QCOMPARE(m_installed.last()->language(), QStringLiteral("de"));

    const BounceTableModel model;
    QCOMPARE(headers(model), QStringList({QStringLiteral("E-Mail"), QStringLiteral("Status"),
                                          QStringLiteral("Grund"), QStringLiteral("Erstellt"),
                                          QStringLiteral("Typ"), QStringLiteral("Klasse")}));
    const MainWindow window;
    QCOMPARE(menuTitles(window),
             QStringList({QStringLiteral("&Datei"), QStringLiteral("&Bearbeiten"),
                          QStringLiteral("A&nsicht"), QStringLiteral("E&xtras"),
                          QStringLiteral("&Hilfe")}));
    QCOMPARE(window.tableView()->copyRowsAction()->text(), QStringLiteral("Zeilen &kopieren"));
    const FilterBar *filter = window.filterBar();
    QCOMPARE(filter->findChild<QLineEdit *>(QStringLiteral("filterText"))->placeholderText(),
             QStringLiteral("Nach Adresse, Grund oder Status filtern (Strg+F)"));
    const ConnectionDialog dialog{ApiSettings()};
    QCOMPARE(dialog.windowTitle(), QStringLiteral("Mit SendGrid verbinden"));
}

void TestTranslations::otherLocalesStayEnglish_data() {
    QTest::addColumn<QString>("locale");
    QTest::newRow("US English") << QStringLiteral("en_US");
    QTest::newRow("British English") << QStringLiteral("en_GB");
    QTest::newRow("C") << QStringLiteral("C");
    QTest::newRow("French: no translation") << QStringLiteral("fr_FR");
    QTest::newRow("Japanese: no translation") << QStringLiteral("ja_JP");
}

void TestTranslations::otherLocalesStayEnglish() {
    QFETCH(QString, locale);
    install(QLocale(locale));
    // Nothing installed, Qt's translation neither: a French window would otherwise get French
    // buttons around English text.
    QVERIFY(m_installed.isEmpty());
    QCOMPARE(headers(BounceTableModel()).first(), QStringLiteral("Email"));
    const MainWindow window;
    QCOMPARE(menuTitles(window),
             QStringList({QStringLiteral("&File"), QStringLiteral("&Edit"), QStringLiteral("&View"),
                          QStringLiteral("T&ools"), QStringLiteral("&Help")}));
    QCOMPARE(cancelButtonText(), QStringLiteral("Cancel"));
}

void TestTranslations::theDefaultLocaleDecides() {
    // runDesktop() passes QLocale(): the system's (LANG, LC_ALL, LC_MESSAGES) unless set.
    QLocale::setDefault(QLocale(QStringLiteral("de_DE")));
    install(QLocale());
    QCOMPARE(headers(BounceTableModel()).at(BounceTableModel::ReasonColumn),
             QStringLiteral("Grund"));
}

void TestTranslations::germanPluralsFollowTheCount_data() {
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("question");
    QTest::addColumn<QString>("more");
    QTest::newRow("one") << 1 << QStringLiteral("1 Bounce des Kunden acme löschen?") << QString();
    QTest::newRow("two") << 2 << QStringLiteral("2 Bounces des Kunden acme löschen?") << QString();
    QTest::newRow("six: one more") << 6 << QStringLiteral("6 Bounces des Kunden acme löschen?")
                                   << QStringLiteral("…und 1 weitere");
    QTest::newRow("twelve: seven more")
        << 12 << QStringLiteral("12 Bounces des Kunden acme löschen?")
        << QStringLiteral("…und 7 weitere");
}

void TestTranslations::germanPluralsFollowTheCount() {
    QFETCH(int, count);
    QFETCH(QString, question);
    QFETCH(QString, more);
    install(QLocale(QStringLiteral("de_DE")));
    QStringList addresses;
    for (int i = 0; i < qMin(count, DeleteController::previewAddresses); ++i)
        addresses << QStringLiteral("user%1@acme.test").arg(i);
    const QStringList lines =
        DeleteController::confirmationText(QStringLiteral("acme"), count, addresses).split(u'\n');
    QCOMPARE(lines.first(), question);
    QCOMPARE(lines.filter(QStringLiteral("…und ")),
             more.isEmpty() ? QStringList() : QStringList{more});
    QVERIFY(lines.contains(QStringLiteral("SendGrid stellt wieder E-Mails an diese Adressen zu. "
                                          "Das lässt sich nicht rückgängig machen.")));
}

void TestTranslations::qtsOwnStringsFollowInGerman() {
    const QString qtGerman =
        QLibraryInfo::path(QLibraryInfo::TranslationsPath) + QLatin1String("/qtbase_de.qm");
    // A dependency (packaging/install-deps.sh, the package's Depends): missing is a failure.
    QVERIFY2(QFile::exists(qtGerman),
             "Qt's German translation is not installed: run packaging/install-deps.sh "
             "(Debian: qt6-translations-l10n)");
    install(QLocale(QStringLiteral("de_AT")));
    QCOMPARE(m_installed.size(), 2);
    QCOMPARE(cancelButtonText(), QStringLiteral("Abbrechen"));
    // The export's save dialog is Qt's own too.
    QFileDialog dialog(nullptr, QStringLiteral("Export"));
    dialog.setOption(QFileDialog::DontUseNativeDialog);
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    auto *buttons = dialog.findChild<QDialogButtonBox *>();
    QVERIFY(buttons);
    QCOMPARE(buttons->button(QDialogButtonBox::Cancel)->text(), QStringLiteral("Abbrechen"));
    QCOMPARE(dialog.labelText(QFileDialog::Accept), QStringLiteral("S&peichern"));
}

void TestTranslations::germanWindowShowsRowsInGerman() {
    install(QLocale(QStringLiteral("de_DE")));
    const auto server = startServer();
    QVERIFY(server);
    const auto window = openWindow(*server);
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    typeCustomer(*window, QStringLiteral("acme"));
    QVERIFY2(waitLoaded(*window, QStringLiteral("acme")), qPrintable(window->banner()->message()));

    QStringList types;
    for (int row = 0; row < window->model()->rowCount(); ++row)
        types << window->model()->index(row, BounceTableModel::TypeColumn).data().toString();
    types.removeDuplicates();
    types.sort();
    QCOMPARE(types, QStringList({QStringLiteral("Hart"), QStringLiteral("Weich")}));
    QTRY_VERIFY2(window->statusText().startsWith(QStringLiteral("Gesamt: 5   Angezeigt: 5")),
                 qPrintable(window->statusText()));
}

// German labels are the longest: at 800×500 and below, the fields keep usable widths and the
// customer field shows the beginning of the customer's text (the username).
void TestTranslations::narrowGermanWindowStaysUsable() {
    install(QLocale(QStringLiteral("de_DE")));
    const auto server = startServer();
    QVERIFY(server);
    const auto window = openWindow(*server);
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    typeCustomer(*window, QStringLiteral("acme"));
    QVERIFY(waitLoaded(*window, QStringLiteral("acme")));
    for (const QSize size : {QSize(800, 500), QSize(600, 400), QSize(300, 200)}) {
        window->resize(size);
        QTRY_COMPARE(window->width(), qMax(size.width(), window->minimumWidth()));
        QVERIFY(window->minimumWidth() >= 640);
        FilterBar *bar = window->filterBar();
        QTRY_VERIFY2(bar->searchEdit()->width() >=
                         bar->searchEdit()->fontMetrics().averageCharWidth() * 16,
                     qPrintable(QString::number(bar->searchEdit()->width())));
        for (DateFilterEdit *end : {bar->fromEdit(), bar->toEdit()}) {
            QLineEdit *edit = end->lineEdit();
            QVERIFY(edit->width() >
                    edit->fontMetrics().horizontalAdvance(QStringLiteral("2024-12-31")));
        }
        // The filter bar fits: no field is pushed out of the window.
        QVERIFY2(
            bar->width() <= window->width() && bar->minimumSizeHint().width() <= bar->width(),
            qPrintable(
                QStringLiteral("%1 > %2").arg(bar->minimumSizeHint().width()).arg(bar->width())));
        QLineEdit *customer = window->customerPicker()->comboBox()->lineEdit();
        QVERIFY2(customer->text().startsWith(QStringLiteral("acme")), qPrintable(customer->text()));
        QCOMPARE(customer->cursorPosition(), 0); // the beginning is what shows
    }
}

void TestTranslations::acceleratorsAreUnique_data() {
    QTest::addColumn<QString>("locale");
    QTest::newRow("English") << QStringLiteral("en_US");
    QTest::newRow("German") << QStringLiteral("de_DE");
}

void TestTranslations::acceleratorsAreUnique() {
    QFETCH(QString, locale);
    install(QLocale(locale));
    const MainWindow window;
    // The menus, each on its own; the menu bar together with the window's own labels and
    // buttons (toolbar, filter bar); the table's context menu; the connection dialog.
    QMap<QString, QStringList> scopes;
    for (const QAction *menu : window.menuBar()->actions()) {
        for (const QAction *action : menu->menu()->actions())
            scopes[QLatin1String("menu ") + menu->text()] << action->text();
    }
    scopes[QStringLiteral("main window")] = menuTitles(window) + mnemonicTexts(window);
    scopes[QStringLiteral("table context menu")] = {
        window.tableView()->copyAddressAction()->text(),
        window.tableView()->copyRowsAction()->text(),
        QCoreApplication::translate("MainWindow", "&Delete…"),
        QCoreApplication::translate("BounceTableView", "&Filter to %1")};
    const ConnectionDialog dialog{ApiSettings()};
    scopes[QStringLiteral("connection dialog")] = mnemonicTexts(dialog);

    QStringList problems;
    for (auto it = scopes.cbegin(); it != scopes.cend(); ++it) {
        QVERIFY2(it.value().join(QString()).contains(u'&'), qPrintable(it.key()));
        for (const QString &clash : repeatedMnemonics(it.value()))
            problems << it.key() + QLatin1String(": ") + clash;
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
}

void TestTranslations::apiErrorsFollowTheLanguage_data() {
    QTest::addColumn<QString>("locale");
    QTest::addColumn<ApiError>("error");
    QTest::addColumn<QString>("expected");
    using Kind = ApiError::Kind;
    const ApiError credentials = ApiError::make(
        Kind::Authentication, {}, 401, QStringLiteral("Permission denied, wrong credentials"));
    ApiError truncated = ApiError::make(Kind::Truncated, QStringLiteral("the list stopped"));
    truncated.bytesReceived = 1234;
    const ApiError timeout =
        ApiError::make(Kind::Timeout, QStringLiteral("no data from api.example.com for 60 s"));
    const ApiError silentServer = ApiError::make(Kind::Server, {}, 500);

    // German sentences around what is not ours to translate: the status text, the size and the
    // words of the server or of the transfer.
    const QString german = QStringLiteral("de_DE");
    QTest::newRow("German: wrong credentials")
        << german << credentials
        << QStringLiteral("Der Server hat die Anfrage abgelehnt (HTTP 401 Unauthorized): "
                          "Permission denied, wrong credentials. Prüfen Sie API-Benutzer und "
                          "API-Schlüssel.");
    QTest::newRow("German: truncated, the size moves into the sentence")
        << german << truncated
        << QStringLiteral("Die Antwort brach nach 1,234 bytes vorzeitig ab: the list stopped.");
    QTest::newRow("German: timed out")
        << german << timeout
        << QStringLiteral("Zeitüberschreitung: no data from api.example.com for 60 s.");
    QTest::newRow("German: refused without details")
        << german << silentServer
        << QStringLiteral("Der Server hat die Anfrage ohne nähere Angaben abgelehnt "
                          "(HTTP 500 Internal Server Error).");

    const QString english = QStringLiteral("en_US");
    QTest::newRow("English: wrong credentials")
        << english << credentials
        << QStringLiteral("The server refused the request (HTTP 401 Unauthorized): Permission "
                          "denied, wrong credentials. Check the API user and key.");
    QTest::newRow("English: truncated")
        << english << truncated
        << QStringLiteral("The response ended early (after 1,234 bytes): the list stopped.");
    QTest::newRow("English: timed out")
        << english << timeout
        << QStringLiteral("Timed out: no data from api.example.com for 60 s.");
    QTest::newRow("English: refused without details")
        << english << silentServer
        << QStringLiteral("The server refused the request (HTTP 500 Internal Server Error) "
                          "without details.");
}

void TestTranslations::apiErrorsFollowTheLanguage() {
    QFETCH(QString, locale);
    QFETCH(ApiError, error);
    QFETCH(QString, expected);
    install(QLocale(locale));
    QCOMPARE(error.message(), expected);
}

void TestTranslations::settingsProblemsFollowTheLanguage_data() {
    QTest::addColumn<QString>("locale");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("expected");
    const QString german = QStringLiteral("de_DE");
    const QString english = QStringLiteral("en_US");
    const QString user = QStringLiteral("reseller");
    const QString https = QStringLiteral("https://api.sendgrid.com/apiv2/");
    const QString http = QStringLiteral("http://api.sendgrid.com/apiv2/");
    const QString ftp = QStringLiteral("ftp://api.sendgrid.com/apiv2/");

    QTest::newRow("German: no user")
        << german << QString() << https << QStringLiteral("Es ist kein API-Benutzer angegeben.");
    QTest::newRow("German: plain http")
        << german << user << http
        << QStringLiteral(
               "Unverschlüsseltes HTTP zu api.sendgrid.com würde den API-Schlüssel im "
               "Klartext senden; verwenden Sie https oder erlauben Sie unverschlüsseltes "
               "HTTP ausdrücklich.");
    QTest::newRow("German: wrong scheme")
        << german << user << ftp
        << QStringLiteral("Die API-URL muss mit https:// beginnen (nicht mit ftp://).");
    QTest::newRow("English: no user")
        << english << QString() << https << QStringLiteral("No API user is set.");
    QTest::newRow("English: plain http")
        << english << user << http
        << QStringLiteral("Plain http to api.sendgrid.com would send the API key in clear; use "
                          "https, or explicitly allow insecure http.");
    QTest::newRow("English: wrong scheme")
        << english << user << ftp
        << QStringLiteral("The API URL must start with https:// (not ftp://).");
}

void TestTranslations::settingsProblemsFollowTheLanguage() {
    QFETCH(QString, locale);
    QFETCH(QString, user);
    QFETCH(QString, url);
    QFETCH(QString, expected);
    install(QLocale(locale));
    ApiSettings settings;
    settings.apiUser = user;
    settings.apiKey = QStringLiteral("not-a-real-key");
    settings.baseUrl = QUrl(url);
    QCOMPARE(settings.validationError(), expected);
    // The window shows a refused setting as an error of its own: still the same sentence.
    QCOMPARE(ApiError::make(ApiError::Kind::InvalidSettings, settings.validationError()).message(),
             expected);
}

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
