// Linked into every test (bouncedesk_add_test): each test process gets a home of its own, so
// tests running side by side (ctest -j) never share settings, recent customers or files, and a
// test run never touches the real home of whoever runs it. QStandardPaths' test mode alone is
// not enough: its ~/.qttest directories are shared by every test of the same user.

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <cstdio>
#include <cstdlib>

namespace {

class TestHome final {
public:
    TestHome() {
        if (!m_dir.isValid()) {
            std::fprintf(stderr, "testhome: no temporary directory for HOME: %s\n",
                         qPrintable(m_dir.errorString()));
            std::abort();
        }
        const QByteArray home = QFile::encodeName(m_dir.path());
        set("HOME", home);
        set("XDG_CONFIG_HOME", home + "/.config");
        set("XDG_DATA_HOME", home + "/.local/share");
        set("XDG_CACHE_HOME", home + "/.cache");
        set("XDG_STATE_HOME", home + "/.local/state");
    }
    Q_DISABLE_COPY_MOVE(TestHome)

private:
    static void set(const char *name, const QByteArray &value) {
        QDir().mkpath(QFile::decodeName(value));
        ::setenv(name, value.constData(), 1);
    }

    QTemporaryDir m_dir{QDir::tempPath() + QStringLiteral("/bouncedesk-test-home-XXXXXX")};
};

// Before main(), so before QCoreApplication and anything that reads these variables.
const TestHome testHome;

} // namespace
