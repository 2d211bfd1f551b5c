// ConnectionStore (settings + key storage) and ConnectionDialog, offscreen against the emulator.
#include "connectiondialog.h"
#include "connectionstore.h"

#include "api/suppressionclientfactory.h"
#include "cli/credentials.h"
#include "sandbox/sandboxserver.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QToolButton>
#include <QtTest>

namespace {
// A keychain that cannot be reached: every call reports `status`, later, like the real one.
class UnreachableSecretStore final : public SecretStore {
public:
    explicit UnreachableSecretStore(Status status)
        : m_status(status) {}
    bool isPersistent() const override { return true; }
    void readSecret(const QString &, ReadCallback done) override {
        ++reads;
        QMetaObject::invokeMethod(
            qApp, [done, s = m_status] { done(s, {}, QStringLiteral("backend says no")); },
            Qt::QueuedConnection);
    }
    void writeSecret(const QString &, const QString &, WriteCallback done) override {
        ++writes;
        QMetaObject::invokeMethod(
            qApp, [done, s = m_status] { done(s, QStringLiteral("backend says no")); },
            Qt::QueuedConnection);
    }
    void removeSecret(const QString &, WriteCallback done) override { writeSecret({}, {}, done); }

    int reads = 0;
    int writes = 0;

private:
    Status m_status;
};

ApiSettings sampleSettings() {
    ApiSettings settings;
    settings.apiUser = QStringLiteral("reseller+ops");
    settings.apiKey = QStringLiteral("SG.k3y-That-Must-Not-Leak");
    return settings;
}

QByteArray settingsFileBytes() {
    QSettings settings;
    settings.sync();
    QFile file(settings.fileName());
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QRegularExpression keychainWarning() {
    return QRegularExpression(QStringLiteral("keychain unavailable"));
}

template<typename T>
T *child(QObject *parent, const char *name) {
    return parent->findChild<T *>(QString::fromLatin1(name));
}

ApiSettings sampleV3Settings() {
    ApiSettings settings;
    settings.api = ApiVersion::V3;
    settings.baseUrl = ApiSettings::defaultV3BaseUrl();
    settings.apiKey = QStringLiteral("SG.v3-k3y-That-Must-Not-Leak");
    return settings;
}

// Shown to the user when the dialog is shown: a row hidden with QFormLayout::setRowVisible
// hides its field.
bool shown(QWidget *dialog, const char *name) {
    auto *widget = child<QWidget>(dialog, name);
    return widget && widget->isVisibleTo(dialog);
}

void selectData(QComboBox *combo, int value) {
    const int index = combo->findData(value);
    QVERIFY(index >= 0);
    combo->setCurrentIndex(index);
}
} // namespace

class TestConnection final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("BounceDesk"));
        QCoreApplication::setApplicationName(QStringLiteral("BounceDesk-tst_connection"));
    }
    void init() { QSettings().clear(); }

    void saveLoadRoundTrip_data() {
        QTest::addColumn<QUrl>("baseUrl");
        QTest::addColumn<ResponseFormat>("format");
        QTest::addColumn<bool>("allowInsecure");
        QTest::newRow("defaults") << ApiSettings::defaultBaseUrl() << ResponseFormat::Json << false;
        QTest::newRow("xml_custom_url")
            << QUrl(QStringLiteral("https://proxy.example.test:8443/apiv2/")) << ResponseFormat::Xml
            << false;
        QTest::newRow("plain_http_with_consent")
            << QUrl(QStringLiteral("http://relay.example.test/apiv2/")) << ResponseFormat::Json
            << true;
    }
    void saveLoadRoundTrip() {
        QFETCH(QUrl, baseUrl);
        QFETCH(ResponseFormat, format);
        QFETCH(bool, allowInsecure);
        ApiSettings original = sampleSettings();
        original.baseUrl = baseUrl;
        original.format = format;
        original.allowInsecureHttp = allowInsecure;

        ConnectionStore store(std::make_unique<MemorySecretStore>());
        QVERIFY(!store.hasSavedConnection());
        QSignalSpy saved(&store, &ConnectionStore::saved);
        store.save(original);
        QCOMPARE(saved.count(), 0); // asynchronous, like the keychain
        QVERIFY(saved.wait());
        QCOMPARE(saved.at(0).at(1).toString(), QString()); // no warning
        QVERIFY(store.hasSavedConnection());

        QSignalSpy loaded(&store, &ConnectionStore::loaded);
        store.load();
        QVERIFY(loaded.wait());
        const auto back = loaded.at(0).at(0).value<ApiSettings>();
        QVERIFY(loaded.at(0).at(1).toBool());
        QCOMPARE(back.apiUser, original.apiUser);
        QCOMPARE(back.apiKey, original.apiKey);
        QCOMPARE(back.baseUrl, original.baseUrl);
        QCOMPARE(back.format, original.format);
        QCOMPARE(back.allowInsecureHttp, original.allowInsecureHttp);

        // Another process: same settings file, but an empty secret store finds no key.
        ConnectionStore fresh(std::make_unique<MemorySecretStore>());
        QSignalSpy freshLoaded(&fresh, &ConnectionStore::loaded);
        fresh.load();
        QVERIFY(freshLoaded.wait());
        QCOMPARE(freshLoaded.at(0).at(0).value<ApiSettings>().baseUrl, original.baseUrl);
        QVERIFY(!freshLoaded.at(0).at(1).toBool());
        QVERIFY(freshLoaded.at(0).at(0).value<ApiSettings>().apiKey.isEmpty());
    }

    // Without a saved connection the dialog starts from the variables the command line reads;
    // nothing of them is written until the dialog is saved; a saved connection wins.
    void startsFromTheEnvironmentWhenNothingIsSaved() {
        const ApiSettings sample = sampleSettings();
        qputenv("BOUNCEDESK_API_URL", "http://127.0.0.1:8087/apiv2/");
        qputenv("SENDGRID_API_USER", " env-user ");
        qputenv("SENDGRID_API_KEY", sample.apiKey.toUtf8());
        const auto unset = qScopeGuard([] {
            qunsetenv("BOUNCEDESK_API_URL");
            qunsetenv("SENDGRID_API_USER");
            qunsetenv("SENDGRID_API_KEY");
        });
        ConnectionStore store(std::make_unique<MemorySecretStore>());
        QVERIFY(!store.hasSavedConnection());
        const ApiSettings start = store.startingSettings();
        QCOMPARE(start.baseUrl, QUrl(QStringLiteral("http://127.0.0.1:8087/apiv2/")));
        QCOMPARE(start.apiUser, QStringLiteral("env-user"));
        QCOMPARE(start.apiKey, sample.apiKey);
        QVERIFY(start.validationError().isEmpty());
        QVERIFY(!store.hasSavedConnection());
        QVERIFY(!settingsFileBytes().contains(sample.apiKey.toUtf8()));

        // The dialog opened on them shows them.
        ConnectionDialog dialog(start);
        QCOMPARE(dialog.settings().apiUser, QStringLiteral("env-user"));
        QCOMPARE(dialog.settings().apiKey, sample.apiKey);
        QCOMPARE(dialog.settings().baseUrl, start.baseUrl);

        // Saved: the saved connection is what the dialog starts from next time.
        ApiSettings mine = sample;
        mine.apiUser = QStringLiteral("saved-user");
        QSignalSpy saved(&store, &ConnectionStore::saved);
        store.save(mine);
        QVERIFY(saved.wait());
        QCOMPARE(store.startingSettings().apiUser, QStringLiteral("saved-user"));
        QCOMPARE(store.startingSettings().baseUrl, ApiSettings::defaultBaseUrl());
        QVERIFY(store.startingSettings().apiKey.isEmpty()); // the key comes from the keychain

        // A URL that is not http(s) is left out, as the command line refuses it: a new
        // connection, which is v3.
        QSettings().clear();
        qputenv("BOUNCEDESK_API_URL", "ftp://files.example.test/");
        const ApiSettings fresh =
            ConnectionStore(std::make_unique<MemorySecretStore>()).startingSettings();
        QCOMPARE(fresh.api, ApiVersion::V3);
        QCOMPARE(fresh.baseUrl, ApiSettings::defaultV3BaseUrl());
    }

    void keyNeverInSettingsFile() {
        const ApiSettings settings = sampleSettings();
        ConnectionStore store(std::make_unique<MemorySecretStore>());
        QSignalSpy saved(&store, &ConnectionStore::saved);
        store.save(settings);
        QVERIFY(saved.wait());

        const QByteArray bytes = settingsFileBytes();
        QVERIFY2(bytes.contains("connection"), "the settings file was not written where expected");
        QVERIFY(QSettings().fileName().contains(QStringLiteral("qttest"))); // test mode
        QVERIFY(!bytes.contains(settings.apiKey.toUtf8()));
        QVERIFY(!bytes.contains(settings.apiKey.toUtf8().toPercentEncoding()));
        for (const QString &key : QSettings().allKeys())
            QVERIFY2(!key.contains(QStringLiteral("key"), Qt::CaseInsensitive), qPrintable(key));
    }

    void keyAccountSeparatesEndpoints() {
        ApiSettings a = sampleSettings();
        ApiSettings b = a;
        b.baseUrl = QUrl(QStringLiteral("https://eu.example.test/apiv2/"));
        QCOMPARE(ConnectionStore::keyAccount(a),
                 keychainAccount(a.apiUser, a.baseUrl)); // the CLI's
        QCOMPARE(ConnectionStore::keyAccount(a), QStringLiteral("reseller+ops@api.sendgrid.com"));
        QCOMPARE(ConnectionStore::keyAccount(b), QStringLiteral("reseller+ops@eu.example.test"));

        // Two endpoints saved in turn: loading the second never returns the first one's key.
        ConnectionStore store(std::make_unique<MemorySecretStore>());
        QSignalSpy saved(&store, &ConnectionStore::saved);
        b.apiKey = QStringLiteral("the-eu-key");
        store.save(a);
        QTRY_COMPARE(saved.count(), 1);
        store.save(b);
        QTRY_COMPARE(saved.count(), 2);
        QSignalSpy loaded(&store, &ConnectionStore::loaded);
        store.load();
        QVERIFY(loaded.wait());
        QCOMPARE(loaded.at(0).at(0).value<ApiSettings>().apiKey, QStringLiteral("the-eu-key"));
    }

    void keychainFailureKeepsKeyForSession_data() {
        QTest::addColumn<SecretStore::Status>("status");
        QTest::newRow("no_backend") << SecretStore::Status::NoBackend;
        QTest::newRow("error") << SecretStore::Status::Error;
    }
    void keychainFailureKeepsKeyForSession() {
        QFETCH(SecretStore::Status, status);
        QTest::ignoreMessage(QtWarningMsg, keychainWarning());
        auto keychain = std::make_unique<UnreachableSecretStore>(status);
        UnreachableSecretStore *keychainView = keychain.get();
        ConnectionStore store(std::move(keychain));
        QVERIFY(!store.keyIsSessionOnly());

        QSignalSpy saved(&store, &ConnectionStore::saved);
        const ApiSettings settings = sampleSettings();
        store.save(settings);
        QVERIFY(saved.wait());
        QCOMPARE(saved.count(), 1);
        QCOMPARE(saved.at(0).at(0).toBool(), false);
        const QString warning = saved.at(0).at(1).toString();
        QCOMPARE(warning, QStringLiteral("No system keychain is available: the API key is kept "
                                         "for this session only."));
        QVERIFY(!warning.contains(settings.apiKey));
        QVERIFY(store.keyIsSessionOnly());
        QVERIFY(!settingsFileBytes().contains(settings.apiKey.toUtf8()));

        // The key is still there for this session, and the broken keychain is not asked again.
        QSignalSpy loaded(&store, &ConnectionStore::loaded);
        store.load();
        QVERIFY(loaded.wait());
        QVERIFY(loaded.at(0).at(1).toBool());
        QCOMPARE(loaded.at(0).at(0).value<ApiSettings>().apiKey, settings.apiKey);
        QCOMPARE(keychainView->writes, 1);
        QCOMPARE(keychainView->reads, 0);
    }

    void keychainReadFailureSwitchesToSession() {
        QSettings().setValue(QStringLiteral("connection/apiUser"), QStringLiteral("someone"));
        QTest::ignoreMessage(QtWarningMsg, keychainWarning());
        ConnectionStore store(
            std::make_unique<UnreachableSecretStore>(SecretStore::Status::NoBackend));
        QSignalSpy loaded(&store, &ConnectionStore::loaded);
        store.load();
        QVERIFY(loaded.wait());
        QCOMPARE(loaded.at(0).at(0).value<ApiSettings>().apiUser, QStringLiteral("someone"));
        QVERIFY(!loaded.at(0).at(1).toBool());
        QVERIFY(store.keyIsSessionOnly());
    }

    // --- ConnectionDialog -----------------------------------------------------------------

    void dialogEditsAndValidates() {
        ApiSettings current = sampleSettings();
        current.format = ResponseFormat::Xml;
        ConnectionDialog dialog(current);
        auto *user = child<QLineEdit>(&dialog, "apiUser");
        auto *key = child<QLineEdit>(&dialog, "apiKey");
        auto *url = child<QLineEdit>(&dialog, "apiUrl");
        auto *insecure = child<QCheckBox>(&dialog, "allowInsecure");
        auto *validation = child<QLabel>(&dialog, "validation");
        auto *buttons = dialog.findChild<QDialogButtonBox *>();
        QVERIFY(user && key && url && insecure && validation && buttons);
        QPushButton *ok = buttons->button(QDialogButtonBox::Ok);

        QCOMPARE(key->echoMode(), QLineEdit::Password);
        QCOMPARE(dialog.settings().format, ResponseFormat::Xml);
        QCOMPARE(dialog.settings().apiKey, current.apiKey);
        QVERIFY(ok->isEnabled());

        key->clear();
        QVERIFY(!ok->isEnabled());
        QVERIFY(!validation->text().isEmpty());
        QCOMPARE(validation->textFormat(), Qt::PlainText);

        key->setText(QStringLiteral(" pasted-key "));
        QCOMPARE(dialog.settings().apiKey, QStringLiteral("pasted-key"));
        url->setText(QStringLiteral("http://relay.example.test/apiv2/"));
        QVERIFY2(!ok->isEnabled(), "plain http to a remote host needs consent");
        insecure->setChecked(true);
        QVERIFY(ok->isEnabled());
        QVERIFY(dialog.settings().allowInsecureHttp);
        QCOMPARE(dialog.settings().baseUrl,
                 QUrl(QStringLiteral("http://relay.example.test/apiv2/")));

        child<QToolButton>(&dialog, "showKey")->click();
        QCOMPARE(key->echoMode(), QLineEdit::Normal);
        child<QToolButton>(&dialog, "showKey")->click();
        QCOMPARE(key->echoMode(), QLineEdit::Password);

        QVERIFY(!child<QLabel>(&dialog, "keychainNote")->isVisibleTo(&dialog));
        dialog.setKeychainNote(ConnectionStore::sessionOnlyWarning());
        QVERIFY(child<QLabel>(&dialog, "keychainNote")->isVisibleTo(&dialog));
    }

    void dialogDemoButtonAccepts() {
        ConnectionDialog dialog(ApiSettings{});
        QVERIFY(!dialog.demoRequested());
        child<QPushButton>(&dialog, "demoButton")->click();
        QVERIFY(dialog.demoRequested());
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    void dialogTestConnection_data() {
        QTest::addColumn<QString>("key");
        QTest::addColumn<bool>("wrongCredentialsFault");
        QTest::addColumn<bool>("expectOk");
        QTest::newRow("connected") << SandboxServer::demoKey() << false << true;
        QTest::newRow("wrong_key") << QStringLiteral("not-the-demo-key") << false << false;
        QTest::newRow("wrong_credentials_fault") << SandboxServer::demoKey() << true << false;
    }
    void dialogTestConnection() {
        QFETCH(QString, key);
        QFETCH(bool, wrongCredentialsFault);
        QFETCH(bool, expectOk);
        SandboxServer server;
        QVERIFY2(server.listen(), qPrintable(server.errorString()));
        if (wrongCredentialsFault) {
            SandboxFault fault;
            fault.type = SandboxFault::Type::WrongCredentials;
            fault.times = -1;
            server.addFault(fault);
        }
        ApiSettings current;
        current.baseUrl = server.baseUrl();
        current.apiUser = SandboxServer::demoUser();
        current.apiKey = key;
        current.retryBaseDelayMs = 10;
        ConnectionDialog dialog(current);
        QSignalSpy finished(&dialog, &ConnectionDialog::testFinished);

        child<QPushButton>(&dialog, "testButton")->click();
        QVERIFY(dialog.isTesting());
        QVERIFY(!child<QPushButton>(&dialog, "testButton")->isEnabled());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        QVERIFY(!dialog.isTesting());

        auto *result = child<QLabel>(&dialog, "testResult");
        QCOMPARE(result->textFormat(), Qt::PlainText);
        QCOMPARE(result->text(), finished.at(0).at(1).toString());
        QCOMPARE(finished.at(0).at(0).toBool(), expectOk);
        if (expectOk) {
            QCOMPARE(
                result->text(),
                QStringLiteral("Connected: %1 customers").arg(server.data().customers().size()));
        } else {
            QVERIFY2(
                result->text().contains(QStringLiteral("wrong credentials"), Qt::CaseInsensitive),
                qPrintable(result->text()));
        }
        // The key is in no label of the dialog, whatever happened.
        for (const QLabel *label : dialog.findChildren<QLabel *>())
            QVERIFY2(!label->text().contains(key), qPrintable(label->objectName()));
    }

    // --- v3 --------------------------------------------------------------------------------

    void newConnectionIsV3() {
        ConnectionStore store(std::make_unique<MemorySecretStore>());
        const ApiSettings start = store.startingSettings();
        QCOMPARE(start.api, ApiVersion::V3);
        QCOMPARE(start.baseUrl, ApiSettings::defaultV3BaseUrl());
        QCOMPARE(start.tenantSource, TenantSource::Subusers);

        ConnectionDialog dialog(start);
        auto *api = child<QComboBox>(&dialog, "api");
        QVERIFY(api);
        QCOMPARE(api->currentText(), QStringLiteral("SendGrid v3 (API key)"));
        QCOMPARE(dialog.settings().api, ApiVersion::V3);
        QVERIFY(shown(&dialog, "apiKey"));
        QVERIFY(shown(&dialog, "region"));
        QVERIFY(shown(&dialog, "tenantSource"));
        QVERIFY(!shown(&dialog, "apiUser"));
        QVERIFY(!shown(&dialog, "v2Note"));
        QVERIFY2(!shown(&dialog, "customUrl"), "the custom URL waits under Advanced");
        // v3 needs no API user: the key alone makes the settings usable.
        child<QLineEdit>(&dialog, "apiKey")->setText(QStringLiteral("SG.some-key"));
        QVERIFY(dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled());
        QVERIFY(dialog.settings().apiUser.isEmpty());

        // v2: its fields, the note on the API user "apikey", its URL.
        api->setCurrentIndex(api->findText(QStringLiteral("v2 reseller (legacy)")));
        QCOMPARE(dialog.settings().api, ApiVersion::V2);
        QVERIFY(shown(&dialog, "apiUser"));
        QVERIFY(shown(&dialog, "v2Note"));
        QVERIFY(child<QLabel>(&dialog, "v2Note")->text().contains(QStringLiteral("“apikey”")));
        QVERIFY(!shown(&dialog, "region"));
        QVERIFY(!shown(&dialog, "tenantSource"));
        QCOMPARE(dialog.settings().baseUrl, ApiSettings::defaultBaseUrl());
        QVERIFY2(!dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled(),
                 "v2 needs an API user");
        child<QToolButton>(&dialog, "advancedToggle")->click();
        QVERIFY(shown(&dialog, "apiUrl"));
        QVERIFY(shown(&dialog, "format"));
        QVERIFY(!shown(&dialog, "customUrl"));

        // The environment can still ask for v2, as the command line reads it.
        qputenv("BOUNCEDESK_API", "v2");
        const auto unset = qScopeGuard([] { qunsetenv("BOUNCEDESK_API"); });
        QCOMPARE(store.startingSettings().api, ApiVersion::V2);
        QCOMPARE(store.startingSettings().baseUrl, ApiSettings::defaultBaseUrl());
    }

    void regionGivesTheBaseUrl() {
        ConnectionDialog dialog(sampleV3Settings());
        auto *region = child<QComboBox>(&dialog, "region");
        auto *custom = child<QLineEdit>(&dialog, "customUrl");
        QVERIFY(region && custom);
        QCOMPARE(dialog.settings().baseUrl, ApiSettings::defaultV3BaseUrl());
        selectData(region, int(ConnectionStore::Region::Eu));
        QCOMPARE(dialog.settings().baseUrl, QUrl(QStringLiteral("https://api.eu.sendgrid.com/")));
        selectData(region, int(ConnectionStore::Region::Global));
        QCOMPARE(dialog.settings().baseUrl, QUrl(QStringLiteral("https://api.sendgrid.com/")));

        // Advanced: a custom base URL replaces the region.
        child<QToolButton>(&dialog, "advancedToggle")->click();
        QVERIFY(shown(&dialog, "customUrl"));
        QVERIFY(!shown(&dialog, "apiUrl"));
        custom->setText(QStringLiteral(" http://127.0.0.1:8087/ "));
        QCOMPARE(dialog.settings().baseUrl, QUrl(QStringLiteral("http://127.0.0.1:8087/")));
        QVERIFY(!region->isEnabled());
        custom->setText(QStringLiteral("http://proxy.example.test/"));
        QVERIFY2(!child<QLabel>(&dialog, "validation")->text().isEmpty(),
                 "plain http to a remote host needs consent on v3 too");
        custom->clear();
        QVERIFY(region->isEnabled());
        QCOMPARE(dialog.settings().baseUrl, ApiSettings::defaultV3BaseUrl());

        // The tenant source.
        selectData(child<QComboBox>(&dialog, "tenantSource"), int(TenantSource::Accounts));
        QCOMPARE(dialog.settings().tenantSource, TenantSource::Accounts);

        // Opened on a saved custom URL: Advanced is open and shows it; on EU: the EU region.
        ApiSettings saved = sampleV3Settings();
        saved.baseUrl = QUrl(QStringLiteral("https://sendgrid-proxy.example.test/"));
        ConnectionDialog customDialog(saved);
        QVERIFY(shown(&customDialog, "customUrl"));
        QCOMPARE(child<QLineEdit>(&customDialog, "customUrl")->text(), saved.baseUrl.toString());
        QCOMPARE(customDialog.settings().baseUrl, saved.baseUrl);
        saved.baseUrl = ApiSettings::euV3BaseUrl();
        ConnectionDialog euDialog(saved);
        QVERIFY(!shown(&euDialog, "customUrl"));
        QCOMPARE(child<QComboBox>(&euDialog, "region")->currentData().toInt(),
                 int(ConnectionStore::Region::Eu));
        QCOMPARE(euDialog.settings().baseUrl, ApiSettings::euV3BaseUrl());
    }

    void v3SaveLoadRoundTrip_data() {
        QTest::addColumn<QUrl>("baseUrl");
        QTest::addColumn<TenantSource>("tenants");
        QTest::addColumn<QString>("region");
        QTest::newRow("global subusers")
            << ApiSettings::defaultV3BaseUrl() << TenantSource::Subusers << "global";
        QTest::newRow("eu accounts")
            << ApiSettings::euV3BaseUrl() << TenantSource::Accounts << "eu";
        QTest::newRow("custom") << QUrl(QStringLiteral("http://127.0.0.1:8087/"))
                                << TenantSource::Subusers << "custom";
    }
    void v3SaveLoadRoundTrip() {
        QFETCH(QUrl, baseUrl);
        QFETCH(TenantSource, tenants);
        QFETCH(QString, region);
        ApiSettings original = sampleV3Settings();
        original.baseUrl = baseUrl;
        original.tenantSource = tenants;

        auto secrets = std::make_unique<MemorySecretStore>();
        MemorySecretStore *secretsView = secrets.get();
        ConnectionStore store(std::move(secrets));
        QSignalSpy saved(&store, &ConnectionStore::saved);
        store.save(original);
        QVERIFY(saved.wait());
        QVERIFY(store.hasSavedConnection());

        // The key is in the keychain under the account the command line reads for v3
        // (v3KeychainAccount: "v3@" + host), and nowhere in the settings file.
        const QString account = QStringLiteral("v3@") + baseUrl.host();
        QCOMPARE(ConnectionStore::keyAccount(original), account);
        QString inKeychain;
        secretsView->readSecret(account, [&inKeychain](SecretStore::Status, const QString &secret,
                                                       const QString &) { inKeychain = secret; });
        QTRY_COMPARE(inKeychain, original.apiKey);
        QCOMPARE(ConnectionStore::keyAccount(original), v3KeychainAccount(baseUrl));
        // The command line finds the key the window saved (when SENDGRID_API_KEY is not set).
        const QByteArray environmentKey = qgetenv("SENDGRID_API_KEY");
        qunsetenv("SENDGRID_API_KEY");
        const auto restore = qScopeGuard([environmentKey] {
            if (!environmentKey.isNull())
                qputenv("SENDGRID_API_KEY", environmentKey);
        });
        CredentialsLookup cli;
        bool looked = false;
        lookUpV3Credentials(*secretsView, baseUrl, [&](const CredentialsLookup &lookup) {
            cli = lookup;
            looked = true;
        });
        QTRY_VERIFY(looked);
        QVERIFY2(cli.error.isEmpty(), qPrintable(cli.error));
        QCOMPARE(cli.credentials.key, original.apiKey);
        const QByteArray bytes = settingsFileBytes();
        QVERIFY2(bytes.contains("api=v3"), bytes.constData());
        QVERIFY2(bytes.contains(QByteArray(QByteArray("region=") + region.toUtf8())),
                 bytes.constData());
        QVERIFY(!bytes.contains(original.apiKey.toUtf8()));
        QVERIFY(!bytes.contains(original.apiKey.toUtf8().toPercentEncoding()));
        for (const QString &key : QSettings().allKeys())
            QVERIFY2(!key.contains(QStringLiteral("key"), Qt::CaseInsensitive), qPrintable(key));

        QSignalSpy loaded(&store, &ConnectionStore::loaded);
        store.load();
        QVERIFY(loaded.wait());
        QVERIFY(loaded.at(0).at(1).toBool());
        const auto back = loaded.at(0).at(0).value<ApiSettings>();
        QCOMPARE(back.api, ApiVersion::V3);
        QCOMPARE(back.baseUrl, baseUrl);
        QCOMPARE(back.tenantSource, tenants);
        QCOMPARE(back.apiKey, original.apiKey);
        QCOMPARE(store.startingSettings().api, ApiVersion::V3);
        QCOMPARE(store.startingSettings().tenantSource, tenants);
    }

    // A settings file written before v3 (no api field): the connection is v2, as it was.
    void oldV2SettingsFileLoadsAsV2() {
        {
            QSettings settings;
            settings.sync();
            QFile file(settings.fileName());
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write("[connection]\n"
                       "allowInsecureHttp=false\n"
                       "apiUser=reseller+ops\n"
                       "baseUrl=https://proxy.example.test/apiv2/\n"
                       "format=xml\n");
        }
        auto secrets = std::make_unique<MemorySecretStore>();
        bool written = false;
        secrets->writeSecret(QStringLiteral("reseller+ops@proxy.example.test"),
                             QStringLiteral("old-v2-key"),
                             [&written](SecretStore::Status, const QString &) { written = true; });
        QTRY_VERIFY(written);
        ConnectionStore store(std::move(secrets));
        QVERIFY(store.hasSavedConnection());
        QSignalSpy loaded(&store, &ConnectionStore::loaded);
        store.load();
        QVERIFY(loaded.wait());
        QVERIFY(loaded.at(0).at(1).toBool());
        const auto back = loaded.at(0).at(0).value<ApiSettings>();
        QCOMPARE(back.api, ApiVersion::V2);
        QCOMPARE(back.apiUser, QStringLiteral("reseller+ops"));
        QCOMPARE(back.baseUrl, QUrl(QStringLiteral("https://proxy.example.test/apiv2/")));
        QCOMPARE(back.format, ResponseFormat::Xml);
        QCOMPARE(back.apiKey, QStringLiteral("old-v2-key"));
        QVERIFY(back.validationError().isEmpty());

        ConnectionDialog dialog(back);
        QCOMPARE(dialog.settings().api, ApiVersion::V2);
        QVERIFY(shown(&dialog, "apiUser"));
        QCOMPARE(dialog.settings().baseUrl, back.baseUrl);
        QCOMPARE(dialog.settings().format, ResponseFormat::Xml);

        // Saving v3 over it keeps the v2 fields for a switch back.
        ApiSettings v3 = sampleV3Settings();
        QSignalSpy saved(&store, &ConnectionStore::saved);
        store.save(v3);
        QVERIFY(saved.wait());
        QCOMPARE(store.savedSettings().api, ApiVersion::V3);
        QCOMPARE(store.savedSettings().apiUser, QStringLiteral("reseller+ops"));
        QVERIFY(settingsFileBytes().contains("baseUrl=https://proxy.example.test/apiv2/"));
    }

    void v3TestConnection_data() {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("forbiddenCall"); // the emulator answers it 403
        QTest::addColumn<TenantSource>("tenants");
        QTest::addColumn<bool>("expectOk");
        QTest::addColumn<QString>("expected"); // contained in the result
        const QString demo = SandboxServer::demoKey();
        QTest::newRow("subusers") << demo << QString() << TenantSource::Subusers << true
                                  << QString();
        QTest::newRow("accounts") << demo << QString() << TenantSource::Accounts << true
                                  << QStringLiteral(
                                         "Connected: the key may list customer accounts (");
        QTest::newRow("no subusers.read")
            << demo << QStringLiteral("v3.subusers.get") << TenantSource::Subusers << false
            << QStringLiteral("access forbidden. The API key may not list subusers: it needs the "
                              "scope “subusers.read” (Subusers: read access).");
        QTest::newRow("no suppression.read")
            << demo << QStringLiteral("v3.bounces.get") << TenantSource::Subusers << false
            << QStringLiteral("found). It may not read the suppression lists: ");
        QTest::newRow("wrong key")
            << QStringLiteral("not-the-demo-key") << QString() << TenantSource::Subusers << false
            << QStringLiteral("it must be a v3 API key");
    }
    void v3TestConnection() {
        QFETCH(QString, key);
        QFETCH(QString, forbiddenCall);
        QFETCH(TenantSource, tenants);
        QFETCH(bool, expectOk);
        QFETCH(QString, expected);
        SandboxServer server;
        QVERIFY2(server.listen(), qPrintable(server.errorString()));
        if (!forbiddenCall.isEmpty()) {
            SandboxFault fault;
            fault.type = SandboxFault::Type::Forbidden;
            fault.call = forbiddenCall;
            fault.times = -1;
            server.addFault(fault);
        }
        ApiSettings current = sampleV3Settings();
        current.baseUrl = server.v3BaseUrl();
        current.apiKey = key;
        current.tenantSource = tenants;
        current.retryBaseDelayMs = 10;
        ConnectionDialog dialog(current);
        QSignalSpy finished(&dialog, &ConnectionDialog::testFinished);

        child<QPushButton>(&dialog, "testButton")->click();
        QVERIFY(dialog.isTesting());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        QVERIFY(!dialog.isTesting());

        auto *result = child<QLabel>(&dialog, "testResult");
        QCOMPARE(result->text(), finished.at(0).at(1).toString());
        QCOMPARE(finished.at(0).at(0).toBool(), expectOk);
        if (expected.isEmpty())
            expected = QStringLiteral("Connected: the key may list subusers (%1 found). It may "
                                      "read the suppression lists.")
                           .arg(server.data().customers().size());
        QVERIFY2(result->text().contains(expected), qPrintable(result->text()));
        if (expectOk)
            QVERIFY2(result->text().endsWith(QStringLiteral("It may read the suppression lists.")),
                     qPrintable(result->text()));
        if (forbiddenCall == QLatin1String("v3.bounces.get"))
            QVERIFY2(result->text().contains(QStringLiteral(
                         "access forbidden. The API key may not read bounces: it needs the scope "
                         "“suppression.read” (Suppressions: read access), or "
                         "“suppression.bounces.read” for this list alone.")),
                     qPrintable(result->text()));
        // Every request was v3, with the key as a bearer token only.
        QVERIFY(!server.requests().isEmpty());
        for (const SandboxRequest &request : server.requests()) {
            QCOMPARE(request.api, QStringLiteral("v3"));
            QVERIFY(!request.keyInQuery);
        }
        for (const QLabel *label : dialog.findChildren<QLabel *>())
            QVERIFY2(!label->text().contains(key), qPrintable(label->objectName()));

        // A second test, after switching the source, uses a client made for the new settings.
        selectData(child<QComboBox>(&dialog, "tenantSource"),
                   int(tenants == TenantSource::Subusers ? TenantSource::Accounts
                                                         : TenantSource::Subusers));
        server.clearRequests();
        child<QPushButton>(&dialog, "testButton")->click();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 20000);
        QVERIFY(!server.requests().isEmpty());
        QCOMPARE(server.requests().constFirst().path, tenants == TenantSource::Subusers
                                                          ? QStringLiteral("/v3/partners/accounts")
                                                          : QStringLiteral("/v3/subusers"));
    }
};

QTEST_MAIN(TestConnection)
#include "tst_connection.moc"
