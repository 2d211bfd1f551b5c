// The deletion record: DeletionRecord appends, DeletionRecordReader reads back.
#include "core/deletionrecord.h"
#include "core/deletionrecordreader.h"

#include <QtTest>

#include <sys/stat.h>
#include <unistd.h>

class TestDeletionRecord final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void defaultPathFollowsXdgDataHome();
    void appendsOneJsonObjectPerLineWithEveryField();
    void fileIsPrivateAndFolderCreated();
    void checkMakesTheFileWithoutWriting();
    void onlyEverAppends();
    void hostileTextRoundTrips();
    void unwritableFolderIsAnError();
    void cutShortLineDoesNotSwallowTheNext();
    void appendAllWritesEveryEntryAsItsOwnLine();
    void appendAllToAnUnwritableRecordWritesNothing();
    void writeAllWritesTheLinesAndSyncSyncsThem();
    void appendAllAfterACutShortLineStartsOnItsOwnLine();
    void malformedLinesAreSkippedAndReported();
    void overlongLineIsSkipped();
    void missingFileIsAnEmptyRecord();
    void filters();
    void userComesFromTheUserDatabase();

private:
    static DeletionEntry sample(const QString &email = QStringLiteral("a@example.com"));
    QString path() const { return m_dir->filePath(QStringLiteral("BounceDesk/deletions.jsonl")); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

DeletionEntry TestDeletionRecord::sample(const QString &email) {
    DeletionEntry entry;
    entry.time =
        QDateTime::fromString(QStringLiteral("2026-03-04T05:06:07.089Z"), Qt::ISODateWithMs);
    entry.user = QStringLiteral("agent");
    entry.host = QStringLiteral("desk1");
    entry.api = QStringLiteral("v2");
    entry.customer = QStringLiteral("acme");
    entry.list = QStringLiteral("bounces");
    entry.email = email;
    entry.outcome = DeletionOutcome::Deleted;
    entry.detail = QString();
    return entry;
}

void TestDeletionRecord::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestDeletionRecord::defaultPathFollowsXdgDataHome() {
    const QByteArray saved = qgetenv("XDG_DATA_HOME");
    qputenv("XDG_DATA_HOME", "/somewhere/data");
    QCOMPARE(DeletionRecord::defaultPath(),
             QStringLiteral("/somewhere/data/BounceDesk/deletions.jsonl"));
    qputenv("XDG_DATA_HOME", "relative/ignored"); // the XDG rule: only absolute paths count
    QCOMPARE(DeletionRecord::defaultPath(),
             QDir::homePath() + QStringLiteral("/.local/share/BounceDesk/deletions.jsonl"));
    qunsetenv("XDG_DATA_HOME");
    QCOMPARE(DeletionRecord::defaultPath(),
             QDir::homePath() + QStringLiteral("/.local/share/BounceDesk/deletions.jsonl"));
    if (!saved.isNull())
        qputenv("XDG_DATA_HOME", saved);
}

void TestDeletionRecord::appendsOneJsonObjectPerLineWithEveryField() {
    DeletionRecord record(path());
    DeletionEntry first = sample();
    QVERIFY2(record.append(first), qPrintable(record.errorString()));
    DeletionEntry second = sample(QStringLiteral("b@example.com"));
    second.outcome = DeletionOutcome::NotOnList;
    second.customer.clear(); // the parent account
    second.detail = QStringLiteral("Email does not exist");
    QVERIFY(record.append(second));
    QFile file(path());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines.at(2).isEmpty()); // every line ends with its break
    const QJsonObject object = QJsonDocument::fromJson(lines.at(1)).object();
    QCOMPARE(object.size(), 9);
    QCOMPARE(object.value(QLatin1String("time")).toString(),
             QStringLiteral("2026-03-04T05:06:07.089Z"));
    QCOMPARE(object.value(QLatin1String("user")).toString(), QStringLiteral("agent"));
    QCOMPARE(object.value(QLatin1String("host")).toString(), QStringLiteral("desk1"));
    QCOMPARE(object.value(QLatin1String("api")).toString(), QStringLiteral("v2"));
    QCOMPARE(object.value(QLatin1String("customer")).toString(), QString());
    QCOMPARE(object.value(QLatin1String("list")).toString(), QStringLiteral("bounces"));
    QCOMPARE(object.value(QLatin1String("email")).toString(), QStringLiteral("b@example.com"));
    QCOMPARE(object.value(QLatin1String("outcome")).toString(), QStringLiteral("not_on_list"));
    QCOMPARE(object.value(QLatin1String("detail")).toString(),
             QStringLiteral("Email does not exist"));

    const DeletionRecordReader::Result read = DeletionRecordReader::read(path());
    QVERIFY(read.error.isEmpty());
    QVERIFY(read.skipped.isEmpty());
    QCOMPARE(read.entries, (QList<DeletionEntry>{first, second}));

    // Time, user and host are filled in when left empty: now, in UTC with milliseconds.
    DeletionEntry bare = sample(QStringLiteral("c@example.com"));
    bare.time = QDateTime();
    bare.user.clear();
    bare.host.clear();
    QVERIFY(record.append(bare));
    const DeletionEntry back = DeletionRecordReader::read(path()).entries.last();
    QVERIFY(back.time.isValid());
    QVERIFY(!back.user.isEmpty());
    QCOMPARE(back.host, DeletionRecord::currentHost());
    QFile again(path());
    QVERIFY(again.open(QIODevice::ReadOnly));
    const QByteArray last = again.readAll().split('\n').at(2);
    QVERIFY2(
        QRegularExpression(QStringLiteral(R"("time":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z")"))
            .match(QString::fromUtf8(last))
            .hasMatch(),
        last.constData());
}

void TestDeletionRecord::fileIsPrivateAndFolderCreated() {
    const mode_t oldMask = ::umask(0);
    DeletionRecord record(path());
    const bool ok = record.append(sample());
    ::umask(oldMask);
    QVERIFY2(ok, qPrintable(record.errorString()));
    struct stat info {};
    QCOMPARE(::stat(QFile::encodeName(path()).constData(), &info), 0);
    QCOMPARE(int(info.st_mode & 07777), 0600);
    QCOMPARE(
        ::stat(QFile::encodeName(m_dir->filePath(QStringLiteral("BounceDesk"))).constData(), &info),
        0);
    QCOMPARE(int(info.st_mode & 07777), 0700);
    // A file someone made looser is made private again.
    QVERIFY(QFile::setPermissions(path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                              QFileDevice::ReadOther));
    QVERIFY(record.append(sample()));
    QCOMPARE(::stat(QFile::encodeName(path()).constData(), &info), 0);
    QCOMPARE(int(info.st_mode & 07777), 0600);
}

void TestDeletionRecord::checkMakesTheFileWithoutWriting() {
    DeletionRecord record(path());
    QVERIFY2(record.check(), qPrintable(record.errorString()));
    QVERIFY(QFileInfo::exists(path()));
    QCOMPARE(QFileInfo(path()).size(), qint64(0));
    QVERIFY(record.append(sample()));
    QVERIFY(record.check());
    QCOMPARE(DeletionRecordReader::read(path()).entries.size(), 1);
}

void TestDeletionRecord::onlyEverAppends() {
    QVERIFY(QDir().mkpath(m_dir->filePath(QStringLiteral("BounceDesk"))));
    const QByteArray earlier = sample(QStringLiteral("old@example.com")).toJsonLine();
    {
        QFile file(path());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(earlier);
    }
    DeletionRecord record(path());
    for (int i = 0; i < 3; ++i)
        QVERIFY(record.append(sample(QStringLiteral("n%1@example.com").arg(i))));
    QFile file(path());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray all = file.readAll();
    QVERIFY(all.startsWith(earlier));
    QCOMPARE(all.count('\n'), 4);
    QCOMPARE(DeletionRecordReader::read(path()).entries.size(), 4);
}

void TestDeletionRecord::hostileTextRoundTrips() {
    DeletionEntry entry = sample(QStringLiteral("\"=cmd|' /C calc'!A0\"@evil.test"));
    entry.customer = QStringLiteral("cu\"st\\omer\n{\"x\":1}");
    entry.detail = QStringLiteral("line1\r\nline2\u2028\u2029 \t <img src=x> \x01\x1f ü 满 😀 "
                                  "\"},{\"outcome\":\"deleted\"");
    entry.outcome = DeletionOutcome::Failed;
    DeletionRecord record(path());
    QVERIFY(record.append(entry));
    QFile file(path());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll().count('\n'), 1); // one entry, one line
    const DeletionRecordReader::Result read = DeletionRecordReader::read(path());
    QVERIFY(read.skipped.isEmpty());
    QCOMPARE(read.entries, QList<DeletionEntry>{entry});
}

void TestDeletionRecord::unwritableFolderIsAnError() {
    // A file where the folder should be: no one, not even root, can write there.
    const QString blocker = m_dir->filePath(QStringLiteral("blocker"));
    {
        QFile file(blocker);
        QVERIFY(file.open(QIODevice::WriteOnly));
    }
    DeletionRecord blocked(blocker + QStringLiteral("/BounceDesk/deletions.jsonl"));
    QVERIFY(!blocked.check());
    QVERIFY(!blocked.errorString().isEmpty());
    QVERIFY(!blocked.append(sample()));
    QVERIFY2(blocked.errorString().contains(QStringLiteral("deletions.jsonl")),
             qPrintable(blocked.errorString()));
    // A folder where the file should be.
    QVERIFY(QDir().mkpath(path()));
    DeletionRecord folder(path());
    QVERIFY(!folder.append(sample()));
    QVERIFY(!folder.errorString().isEmpty());
    QVERIFY(QDir(path()).removeRecursively());
    // A symbolic link in the file's place is refused, not followed.
    const QString elsewhere = m_dir->filePath(QStringLiteral("elsewhere.txt"));
    QVERIFY(QFile::link(elsewhere, path()));
    DeletionRecord linked(path());
    QVERIFY(!linked.append(sample()));
    QVERIFY(!QFile::exists(elsewhere));
    QVERIFY(QFile::remove(path()));
    if (::geteuid() == 0)
        return; // root writes into read-only folders
    const QString locked = m_dir->filePath(QStringLiteral("locked"));
    QVERIFY(QDir().mkpath(locked));
    QVERIFY(QFile::setPermissions(locked, QFileDevice::ReadOwner | QFileDevice::ExeOwner));
    DeletionRecord record(locked + QStringLiteral("/BounceDesk/deletions.jsonl"));
    QVERIFY(!record.append(sample()));
    QVERIFY(record.errorString().contains(QStringLiteral("deletions.jsonl")));
    QFile::setPermissions(locked,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
}

void TestDeletionRecord::cutShortLineDoesNotSwallowTheNext() {
    QVERIFY(QDir().mkpath(m_dir->filePath(QStringLiteral("BounceDesk"))));
    {
        QFile file(path());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(sample().toJsonLine().left(30)); // a full disk cut it
    }
    DeletionRecord record(path());
    QVERIFY(record.append(sample(QStringLiteral("next@example.com"))));
    const DeletionRecordReader::Result read = DeletionRecordReader::read(path());
    QCOMPARE(read.entries.size(), 1);
    QCOMPARE(read.entries.at(0).email, QStringLiteral("next@example.com"));
    QCOMPARE(read.skipped.size(), 1);
    QVERIFY(read.skipped.at(0).startsWith(QStringLiteral("line 1: ")));
}

// The outcomes of one answer (a v3 read-back confirms up to 500) are written together.
void TestDeletionRecord::appendAllWritesEveryEntryAsItsOwnLine() {
    DeletionRecord record(path());
    QVERIFY(record.append(sample(QStringLiteral("before@example.com"))));
    QList<DeletionEntry> batch;
    for (int i = 0; i < 600; ++i) {
        DeletionEntry entry = sample(QStringLiteral("r%1@example.com").arg(i));
        entry.outcome = i % 3 == 0 ? DeletionOutcome::Unconfirmed : DeletionOutcome::Deleted;
        entry.detail = i % 3 == 0 ? QStringLiteral("not confirmed\nsecond line") : QString();
        batch << entry;
    }
    // Filled in as append() fills them.
    batch[1].time = QDateTime();
    batch[1].user.clear();
    batch[1].host.clear();
    QVERIFY2(record.appendAll(batch), qPrintable(record.errorString()));
    QVERIFY(record.appendAll({})); // nothing to write is no failure

    QFile file(path());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    QCOMPARE(text.count('\n'), 601);
    QVERIFY(text.endsWith('\n'));
    const DeletionRecordReader::Result read = DeletionRecordReader::read(path());
    QVERIFY(read.error.isEmpty());
    QVERIFY(read.skipped.isEmpty());
    QCOMPARE(read.entries.size(), 601);
    QCOMPARE(read.entries.at(0).email, QStringLiteral("before@example.com"));
    const DeletionEntry filled = read.entries.at(2);
    QVERIFY(filled.time.isValid());
    QCOMPARE(filled.user, DeletionRecord::currentUser());
    QCOMPARE(filled.host, DeletionRecord::currentHost());
    batch[1].time = filled.time;
    batch[1].user = filled.user;
    batch[1].host = filled.host;
    QCOMPARE(read.entries.mid(1), batch); // in order, every field as given
}

void TestDeletionRecord::appendAllToAnUnwritableRecordWritesNothing() {
    const QList<DeletionEntry> batch{sample(QStringLiteral("a@example.com")),
                                     sample(QStringLiteral("b@example.com"))};
    // A folder where the file should be.
    QVERIFY(QDir().mkpath(path()));
    DeletionRecord folder(path());
    QVERIFY(!folder.appendAll(batch));
    QVERIFY2(folder.errorString().contains(QStringLiteral("deletions.jsonl")),
             qPrintable(folder.errorString()));
    QVERIFY(QDir(path()).removeRecursively());
    // A symbolic link in the file's place: refused, and nothing lands where it points.
    const QString elsewhere = m_dir->filePath(QStringLiteral("elsewhere.txt"));
    {
        QFile file(elsewhere);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("kept\n");
    }
    QVERIFY(QFile::link(elsewhere, path()));
    DeletionRecord linked(path());
    QVERIFY(!linked.appendAll(batch));
    QVERIFY(!linked.errorString().isEmpty());
    QFile target(elsewhere);
    QVERIFY(target.open(QIODevice::ReadOnly));
    QCOMPARE(target.readAll(), QByteArray("kept\n"));
    // The same record once writable: the whole batch, nothing from the failed tries.
    QVERIFY(QFile::remove(path()));
    QVERIFY(linked.appendAll(batch));
    QCOMPARE(DeletionRecordReader::read(path()).entries, batch);
}

// The window writes at once and syncs beside (DeletionRecordSyncer): the same lines as
// appendAll(), the same refusals.
void TestDeletionRecord::writeAllWritesTheLinesAndSyncSyncsThem() {
    DeletionRecord record(path());
    const QList<DeletionEntry> batch{sample(QStringLiteral("a@example.com")),
                                     sample(QStringLiteral("b@example.com"))};
    QVERIFY2(record.writeAll(batch), qPrintable(record.errorString()));
    QCOMPARE(DeletionRecordReader::read(path()).entries, batch);
    QVERIFY2(record.sync(), qPrintable(record.errorString()));
    QCOMPARE(DeletionRecordReader::read(path()).entries, batch);

    QVERIFY(QFile::remove(path()));
    QVERIFY(QDir().mkpath(path())); // a folder where the file should be
    QVERIFY(!record.writeAll(batch));
    QVERIFY2(record.errorString().contains(QStringLiteral("deletions.jsonl")),
             qPrintable(record.errorString()));
    QVERIFY(!record.sync());
    QVERIFY2(record.errorString().contains(QStringLiteral("deletions.jsonl")),
             qPrintable(record.errorString()));
}

void TestDeletionRecord::appendAllAfterACutShortLineStartsOnItsOwnLine() {
    QVERIFY(QDir().mkpath(m_dir->filePath(QStringLiteral("BounceDesk"))));
    {
        QFile file(path());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(sample().toJsonLine().left(30)); // a full disk cut it
    }
    const QList<DeletionEntry> batch{sample(QStringLiteral("a@example.com")),
                                     sample(QStringLiteral("b@example.com")),
                                     sample(QStringLiteral("c@example.com"))};
    DeletionRecord record(path());
    QVERIFY(record.appendAll(batch));
    const DeletionRecordReader::Result read = DeletionRecordReader::read(path());
    QCOMPARE(read.entries, batch);
    QCOMPARE(read.skipped.size(), 1);
    QVERIFY(read.skipped.at(0).startsWith(QStringLiteral("line 1: ")));
}

void TestDeletionRecord::malformedLinesAreSkippedAndReported() {
    QVERIFY(QDir().mkpath(m_dir->filePath(QStringLiteral("BounceDesk"))));
    QJsonObject wrongOutcome = QJsonDocument::fromJson(sample().toJsonLine()).object();
    wrongOutcome.insert(QLatin1String("outcome"), QStringLiteral("vanished"));
    QJsonObject numberField = wrongOutcome;
    numberField.insert(QLatin1String("outcome"), QStringLiteral("deleted"));
    numberField.insert(QLatin1String("email"), 42);
    QJsonObject localTime = numberField;
    localTime.insert(QLatin1String("email"), QStringLiteral("x@y"));
    localTime.insert(QLatin1String("time"), QStringLiteral("2026-03-04T05:06:07.089"));
    {
        QFile file(path());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(sample(QStringLiteral("good1@example.com")).toJsonLine());
        file.write("not json at all\n");
        file.write("[1,2,3]\n");
        file.write("\n");
        file.write(QJsonDocument(wrongOutcome).toJson(QJsonDocument::Compact) + '\n');
        file.write(QJsonDocument(numberField).toJson(QJsonDocument::Compact) + '\n');
        file.write(QJsonDocument(localTime).toJson(QJsonDocument::Compact) + '\n');
        file.write(QByteArray("{\"time\":\"\xff\xfe\0\"}\n", 16));
        file.write(QByteArray(100000, '{') + '\n');
        file.write(sample(QStringLiteral("good2@example.com")).toJsonLine());
    }
    const DeletionRecordReader::Result read = DeletionRecordReader::read(path());
    QVERIFY(read.error.isEmpty());
    QCOMPARE(read.entries.size(), 2);
    QCOMPARE(read.entries.at(0).email, QStringLiteral("good1@example.com"));
    QCOMPARE(read.entries.at(1).email, QStringLiteral("good2@example.com"));
    QCOMPARE(read.skipped.size(), 7); // the empty line is no entry and no error
    QVERIFY(read.skipped.at(0).startsWith(QStringLiteral("line 2: not JSON")));
    QVERIFY(read.skipped.at(2).contains(QStringLiteral("outcome")));
    QVERIFY(read.skipped.at(3).contains(QStringLiteral("\"email\"")));
    QVERIFY(read.skipped.at(4).contains(QStringLiteral("time")));
}

void TestDeletionRecord::overlongLineIsSkipped() {
    QVERIFY(QDir().mkpath(m_dir->filePath(QStringLiteral("BounceDesk"))));
    DeletionEntry huge = sample(QStringLiteral("huge@example.com"));
    huge.detail = QString(3 * DeletionRecordReader::maxLineBytes, QLatin1Char('x'));
    DeletionRecord record(path());
    QVERIFY(record.append(huge));
    QVERIFY(record.append(sample(QStringLiteral("after@example.com"))));
    const DeletionRecordReader::Result read = DeletionRecordReader::read(path());
    QCOMPARE(read.entries.size(), 1);
    QCOMPARE(read.entries.at(0).email, QStringLiteral("after@example.com"));
    QCOMPARE(read.skipped.size(), 1);
    QVERIFY(read.skipped.at(0).startsWith(QStringLiteral("line 1: longer than")));
}

void TestDeletionRecord::missingFileIsAnEmptyRecord() {
    const DeletionRecordReader::Result read = DeletionRecordReader::read(path());
    QVERIFY(read.entries.isEmpty());
    QVERIFY(read.skipped.isEmpty());
    QVERIFY(read.error.isEmpty());
}

void TestDeletionRecord::filters() {
    DeletionRecord record(path());
    const auto at = [](const char *time, const char *customer, const char *email) {
        DeletionEntry entry = sample(QString::fromLatin1(email));
        entry.time = QDateTime::fromString(QString::fromLatin1(time), Qt::ISODateWithMs);
        entry.customer = QString::fromLatin1(customer);
        return entry;
    };
    const QList<DeletionEntry> all = {
        at("2026-03-03T23:59:59.999Z", "acme", "a@x.com"),
        at("2026-03-04T00:00:00.000Z", "acme", "B@x.com"),
        at("2026-03-05T12:00:00.000Z", "", "b@x.com"),
        at("2026-03-06T12:00:00.000Z", "globex", "c@x.com"),
    };
    for (const DeletionEntry &entry : all)
        QVERIFY(record.append(entry));
    DeletionRecordFilter since;
    since.since = QDate(2026, 3, 4);
    QCOMPARE(DeletionRecordReader::read(path(), since).entries, all.mid(1));
    DeletionRecordFilter parent;
    parent.customer = QString();
    QCOMPARE(DeletionRecordReader::read(path(), parent).entries, all.mid(2, 1));
    DeletionRecordFilter acme;
    acme.customer = QStringLiteral("acme");
    QCOMPARE(DeletionRecordReader::read(path(), acme).entries, all.mid(0, 2));
    DeletionRecordFilter email;
    email.email = QStringLiteral("b@X.com");
    QCOMPARE(DeletionRecordReader::read(path(), email).entries, all.mid(1, 2));
    email.customer = QStringLiteral("acme");
    email.since = QDate(2026, 3, 4);
    QCOMPARE(DeletionRecordReader::read(path(), email).entries, all.mid(1, 1));
}

void TestDeletionRecord::userComesFromTheUserDatabase() {
    // Whatever $USER claims, the name is the session's or the user database's.
    const QByteArray saved = qgetenv("USER");
    qputenv("USER", "impostor");
    const QString user = DeletionRecord::currentUser();
    if (saved.isNull())
        qunsetenv("USER");
    else
        qputenv("USER", saved);
    QVERIFY(!user.isEmpty());
    QVERIFY(user != QStringLiteral("impostor"));
}

QTEST_GUILESS_MAIN(TestDeletionRecord)
#include "tst_deletionrecord.moc"
