#include "core/filewriteback.h"

#include <QSaveFile>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <cerrno>

#ifdef Q_OS_LINUX
#include <unistd.h>
#endif

class TestFileWriteback : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void syncsBesideTheWriting();
    void noSyncBeforeTheFirstStep();
    void aFailedSyncKeepsTheFileUncommitted();
    void aFileSystemThatCannotSyncIsNoFailure();
    void anInterruptedSyncIsMadeAgain();
    void nothingAfterTheEnd();

private:
    QTemporaryDir m_dir;
};

namespace {

// Small steps, so that a test file of a few hundred KiB crosses several.
constexpr FileWriteback::Steps smallSteps{4 << 10, 16 << 10};
constexpr int pieceBytes = 1 << 10;

std::atomic<int> syncCalls{0};
std::atomic<int> syncedFd{-1};

int countingSync(int fd) {
    syncCalls.fetch_add(1);
    syncedFd.store(fd);
#ifdef Q_OS_LINUX
    return ::fdatasync(fd);
#else
    return 0;
#endif
}

int failingSync(int fd) {
    syncCalls.fetch_add(1);
    syncedFd.store(fd);
    errno = EIO;
    return -1;
}

int cannotSync(int) {
    syncCalls.fetch_add(1);
    errno = EINVAL;
    return -1;
}

// Interrupted the first time it is called, then synced.
int interruptedOnce(int fd) {
    const int call = syncCalls.fetch_add(1);
    syncedFd.store(fd);
    if (call == 0) {
        errno = EINTR;
        return -1;
    }
#ifdef Q_OS_LINUX
    return ::fdatasync(fd);
#else
    return 0;
#endif
}

// `pieces` pieces of pieceBytes, each followed by wrote(); returns what was written.
QByteArray writePieces(QSaveFile &file, FileWriteback &writeback, int pieces) {
    QByteArray all;
    for (int i = 0; i < pieces; ++i) {
        const QByteArray piece(pieceBytes, char('a' + i % 26));
        if (file.write(piece) != piece.size())
            return {};
        all += piece;
        writeback.wrote();
    }
    return all;
}

QByteArray contentOf(const QString &path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

void TestFileWriteback::init() {
    QVERIFY(m_dir.isValid());
    syncCalls.store(0);
    syncedFd.store(-1);
}

void TestFileWriteback::syncsBesideTheWriting() {
#ifndef Q_OS_LINUX
    QSKIP("sync_file_range() is Linux's");
#endif
    const QString path = m_dir.filePath(QStringLiteral("synced.csv"));
    QSaveFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QByteArray written;
    {
        FileWriteback writeback(&file, smallSteps, countingSync);
        written = writePieces(file, writeback, 256); // 256 KiB: sixteen sync steps
        QVERIFY(!written.isEmpty());
        QVERIFY(writeback.finish());
        QVERIFY(writeback.errorString().isEmpty());
    }
    // Syncs asked for while the thread was busy merge into one, but at least one ran, on
    // the file being written (finish() makes one asked for and not begun).
    QVERIFY(syncCalls.load() >= 1);
    QVERIFY(syncCalls.load() <= 16);
    QCOMPARE(syncedFd.load(), file.handle());
    QVERIFY(file.commit());
    QCOMPARE(contentOf(path), written);
}

void TestFileWriteback::noSyncBeforeTheFirstStep() {
    const QString path = m_dir.filePath(QStringLiteral("small.csv"));
    QSaveFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QByteArray written;
    {
        FileWriteback writeback(&file, smallSteps, countingSync);
        written = writePieces(file, writeback, 15); // below the 16 KiB sync step
        QVERIFY(writeback.finish());
    }
    QCOMPARE(syncCalls.load(), 0); // a small file costs no thread and no extra sync
    QVERIFY(file.commit());
    QCOMPARE(contentOf(path), written);
}

void TestFileWriteback::aFailedSyncKeepsTheFileUncommitted() {
#ifndef Q_OS_LINUX
    QSKIP("sync_file_range() is Linux's");
#endif
    const QString path = m_dir.filePath(QStringLiteral("failed.csv"));
    QSaveFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    FileWriteback writeback(&file, smallSteps, failingSync);
    QVERIFY(!writePieces(file, writeback, 64).isEmpty());
    // Linux reports a failed write-out to one sync only: finish() must not lose it.
    QVERIFY(!writeback.finish());
    QVERIFY(syncCalls.load() >= 1);
    QCOMPARE(writeback.errorString(), qt_error_string(EIO));
    QVERIFY(!writeback.finish()); // it stays failed
    file.cancelWriting();
    QVERIFY(!file.commit());
    QVERIFY(!QFile::exists(path));
}

void TestFileWriteback::aFileSystemThatCannotSyncIsNoFailure() {
#ifndef Q_OS_LINUX
    QSKIP("sync_file_range() is Linux's");
#endif
    QSaveFile file(m_dir.filePath(QStringLiteral("nosync.csv")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    FileWriteback writeback(&file, smallSteps, cannotSync);
    QVERIFY(!writePieces(file, writeback, 64).isEmpty());
    QVERIFY(writeback.finish()); // as QSaveFile, which goes on without the sync
    QVERIFY(syncCalls.load() >= 1);
    QVERIFY(writeback.errorString().isEmpty());
    QVERIFY(file.commit());
}

void TestFileWriteback::anInterruptedSyncIsMadeAgain() {
#ifndef Q_OS_LINUX
    QSKIP("sync_file_range() is Linux's");
#endif
    QSaveFile file(m_dir.filePath(QStringLiteral("interrupted.csv")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    FileWriteback writeback(&file, smallSteps, interruptedOnce);
    QVERIFY(!writePieces(file, writeback, 16).isEmpty()); // one sync step: one sync asked for
    QVERIFY(writeback.finish());
    QCOMPARE(syncCalls.load(), 2); // interrupted, then made
    QCOMPARE(syncedFd.load(), file.handle());
    QVERIFY(file.commit());
}

void TestFileWriteback::nothingAfterTheEnd() {
#ifndef Q_OS_LINUX
    QSKIP("sync_file_range() is Linux's");
#endif
    QSaveFile file(m_dir.filePath(QStringLiteral("ended.csv")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    FileWriteback writeback(&file, smallSteps, countingSync);
    QVERIFY(!writePieces(file, writeback, 16).isEmpty());
    QVERIFY(writeback.finish());
    QCOMPARE(syncCalls.load(), 1);
    QVERIFY(!writePieces(file, writeback, 64).isEmpty()); // four more sync steps
    QVERIFY(writeback.finish());
    QCOMPARE(syncCalls.load(), 1); // no thread started again after the end
    QVERIFY(file.commit());
}

QTEST_GUILESS_MAIN(TestFileWriteback)
#include "tst_filewriteback.moc"
