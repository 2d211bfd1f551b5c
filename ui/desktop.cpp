#include "desktop.h"

#include "connectiondialog.h"
#include "connectionstore.h"
#include "errorbanner.h"
#include "mainwindow.h"

#include "sandbox/sandboxserver.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QStatusBar>
#include <QTimer>
#include <QTranslator>

#include <cstdio>
#include <memory>

namespace {

// Where the window gets its connection: the saved one (key from the keychain), the dialog,
// or the in-process emulator for the demo. Demo settings are never saved.
class DesktopSession final : public QObject {
    Q_DECLARE_TR_FUNCTIONS(DesktopSession)
public:
    explicit DesktopSession(MainWindow *window)
        : m_window(window) {
        connect(window, &MainWindow::settingsRequested, this, &DesktopSession::openSettings);
        connect(&m_store, &ConnectionStore::loaded, this, &DesktopSession::onLoaded);
        connect(&m_store, &ConnectionStore::saved, this,
                [this](bool persistent, const QString &warning) {
                    if (!persistent && !warning.isEmpty())
                        m_window->statusBar()->showMessage(warning, 15000);
                });
    }

    void start(bool demo) {
        if (demo) {
            startDemo();
        } else if (m_store.hasSavedConnection()) {
            m_store.load();
        } else {
            m_window->showNotConnectedYet(
                tr("Not connected yet. Enter your SendGrid reseller credentials, or try the "
                   "demo."));
            QTimer::singleShot(0, this, &DesktopSession::openSettings);
        }
    }

private:
    void onLoaded(const ApiSettings &settings, bool keyFound) {
        if (keyFound && settings.validationError().isEmpty()) {
            m_window->setConnection(settings, false);
            return;
        }
        m_window->showNotConnected(
            keyFound ? settings.validationError()
                     : tr("The API key is not in the keychain. Enter it in the connection "
                          "settings."));
        openSettings();
    }

    void openSettings() {
        if (m_dialog) {
            m_dialog->raise();
            return;
        }
        // Never prefill the demo's credentials as if they were the user's. Without a saved
        // connection, the environment the command line reads fills the dialog; its key is
        // kept (in the keychain) only if the dialog is saved.
        ApiSettings current = m_store.startingSettings();
        if (!m_demo && !m_key.isEmpty())
            current.apiKey = m_key;
        m_dialog = new ConnectionDialog(current, m_window);
        m_dialog->setAttribute(Qt::WA_DeleteOnClose);
        if (m_store.keyIsSessionOnly())
            m_dialog->setKeychainNote(ConnectionStore::sessionOnlyWarning());
        connect(m_dialog, &QDialog::accepted, this, [this] {
            if (m_dialog->demoRequested()) {
                startDemo();
                return;
            }
            const ApiSettings chosen = m_dialog->settings();
            m_key = chosen.apiKey;
            m_demo = false;
            m_store.save(chosen);
            m_window->setConnection(chosen, false);
        });
        m_dialog->open();
    }

    void startDemo() {
        if (!m_sandbox) {
            auto sandbox = std::make_unique<SandboxServer>();
            if (!sandbox->listen()) {
                m_window->showNotConnected(
                    tr("The demo server could not start: %1").arg(sandbox->errorString()));
                return;
            }
            m_sandbox = std::move(sandbox);
        }
        m_demo = true;
        m_window->setConnection(demoConnection(*m_sandbox), true);
    }

    MainWindow *m_window;
    ConnectionStore m_store;
    std::unique_ptr<SandboxServer> m_sandbox;
    QPointer<ConnectionDialog> m_dialog;
    QString m_key; // this session's key, to prefill the dialog; never written anywhere
    bool m_demo = false;
};

QIcon applicationIcon() {
    QIcon icon;
    icon.addFile(QStringLiteral(":/icons/bouncedesk.svg"));
    // The PNG keeps an icon where Qt's SVG plugin is not installed.
    icon.addFile(QStringLiteral(":/icons/bouncedesk-256.png"), QSize(256, 256));
    return icon;
}

} // namespace

QList<QTranslator *> installTranslators(QCoreApplication &app, const QLocale &locale) {
    QList<QTranslator *> installed;
    auto *own = new QTranslator(&app);
    // Tries bouncedesk_de_DE.qm, then bouncedesk_de.qm, for each of the locale's UI languages.
    if (!own->load(locale, QStringLiteral("bouncedesk"), QStringLiteral("_"),
                   QStringLiteral(":/i18n"))) {
        delete own;
        return installed; // no translation: English throughout, Qt's dialogs included
    }
    // Qt's own strings (standard buttons, file dialog) in the language BounceDesk speaks, not
    // merely the first one the locale lists, so one window never mixes two languages. The
    // files come with Debian's qt6-translations-l10n; without them those stay English.
    auto *qt = new QTranslator(&app);
    if (qt->load(QLocale(own->language()), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        installed << qt;
    } else {
        delete qt;
    }
    QCoreApplication::installTranslator(own);
    installed << own;
    return installed;
}

ApiSettings demoConnection(const SandboxServer &server) {
    // v3, as a new connection would be; the emulator serves v2 on the same port too.
    ApiSettings settings;
    settings.api = ApiVersion::V3;
    settings.baseUrl = server.v3BaseUrl();
    settings.apiKey = SandboxServer::demoKey();
    return settings;
}

int runDesktop(QApplication &app) {
    installTranslators(app, QLocale()); // first, so that every string below is translated
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("DesktopSession", "Review, delete and export SendGrid bounces."));
    const QCommandLineOption demo(
        QStringLiteral("demo"),
        QApplication::translate("DesktopSession", "Open connected to a built-in demo server."));
    parser.addOption(demo);
    if (!parser.parse(app.arguments())) {
        std::fprintf(stderr, "bouncedesk: %s\n", qPrintable(parser.errorText()));
        return 2;
    }

    QGuiApplication::setDesktopFileName(QStringLiteral(BOUNCEDESK_APP_ID));
    QApplication::setWindowIcon(applicationIcon());

    MainWindow window;
    DesktopSession session(&window);
    window.show();
    session.start(parser.isSet(demo));
    return app.exec();
}
