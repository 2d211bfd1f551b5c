#include "core/csvwriter.h"
#include "core/filewriteback.h"
#include "core/formulaneutraliser.h"

#include <QBuffer>
#include <QTemporaryDir>
#include <QtTest>

#include <cerrno>
#include <csignal>
#include <sys/resource.h>
#include <sys/stat.h>
#include <utility>
#include <vector>

namespace {

std::string_view view(const QByteArray &bytes) {
    return std::string_view(bytes.constData(), std::size_t(bytes.size()));
}

// A minimal RFC 4180 reader, to check that what is written reads back field for field.
QList<QList<QByteArray>> parseCsv(const QByteArray &csv) {
    QList<QList<QByteArray>> records;
    QList<QByteArray> record;
    QByteArray field;
    bool quoted = false;
    for (qsizetype i = 0; i < csv.size(); ++i) {
        const char c = csv.at(i);
        if (quoted) {
            if (c == '"' && i + 1 < csv.size() && csv.at(i + 1) == '"') {
                field.append('"');
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field.append(c);
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            record.append(field);
            field.clear();
        } else if (c == '\r' && i + 1 < csv.size() && csv.at(i + 1) == '\n') {
            record.append(field);
            field.clear();
            records.append(record);
            record.clear();
            ++i;
        } else {
            field.append(c);
        }
    }
    return records;
}

// Records the size of every write; fails them all once `failAfter` writes went through.
class RecordingDevice final : public QIODevice {
public:
    explicit RecordingDevice(int failAfter = -1)
        : m_failAfter(failAfter) {
        open(QIODevice::WriteOnly);
    }
    QList<qint64> writes;
    QByteArray data;

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *bytes, qint64 size) override {
        if (m_failAfter >= 0 && writes.size() >= m_failAfter) {
            setErrorString(QStringLiteral("disk on fire"));
            return -1;
        }
        writes.append(size);
        data.append(bytes, size);
        return size;
    }

private:
    int m_failAfter;
};

BounceStore sampleStore() {
    BounceStore store;
    store.append("plain@example.com", "5.1.1", "host said: 550 unknown", "2009-06-01 19:41:39");
    store.append("a+tag@example.com", "550", "comma, inside", "");
    store.append("=cmd@evil.test", "5.7.1", "She said \"no\"\r\nthen left", "2021-01-02 03:04:05");
    store.append("zoë@exämple.de", "4.2.2", "-1+1", "2021-01-02 03:04:05");
    return store;
}

QByteArray readFile(const QString &path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
}

// The file an export is to replace, and what it holds.
constexpr char oldExport[] = "the old export\r\n";

bool writeOldExport(const QString &path) {
    QFile old(path);
    return old.open(QIODevice::WriteOnly) && old.write(oldExport) == qint64(qstrlen(oldExport));
}

// `count` rows of the same bounce with `reason`, and all of their row numbers.
std::pair<BounceStore, std::vector<BounceStore::Row>> sameRows(int count, const char *reason) {
    std::pair<BounceStore, std::vector<BounceStore::Row>> result;
    for (int i = 0; i < count; ++i) {
        result.first.append("someone@example.com", "5.1.1", reason, "2009-06-01 19:41:39");
        result.second.push_back(i);
    }
    return result;
}

} // namespace

class TestCsvWriter final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void encodeField_data();
    void encodeField();
    void specialByteAnywhereInAnyLength();
    void copiedCellFollowsTheSameRule_data() { encodeField_data(); }
    void copiedCellFollowsTheSameRule();
    void headerAndRows();
    void byteOrderMark();
    void roundTrip();
    void bounceRowsEqualStoreRows();
    void writesInLargeBlocks();
    void deviceFailureIsReported();
    void exportWritesFile();
    void exportPermissionsFollowUmask();
    void exportKeepsPermissionsOfReplacedFile();
    void exportFailsWhenParentIsAFile();
    void exportFailsOnDirectory();
    void exportFailureMidwayLeavesOldFile();
    void exportWhoseSyncFailedLeavesOldFile();
    void cancelledExportLeavesOldFile_data();
    void cancelledExportLeavesOldFile();
    void exportReportsProgress();
};

void TestCsvWriter::encodeField_data() {
    QTest::addColumn<QByteArray>("field");
    QTest::addColumn<bool>("neutralise");
    QTest::addColumn<QByteArray>("encoded");

    QTest::newRow("plain") << QByteArray("user@example.com") << true
                           << QByteArray("user@example.com");
    QTest::newRow("empty") << QByteArray() << true << QByteArray();
    QTest::newRow("comma") << QByteArray("a,b") << true << QByteArray("\"a,b\"");
    QTest::newRow("quote") << QByteArray("say \"hi\"") << true << QByteArray("\"say \"\"hi\"\"\"");
    QTest::newRow("only_quote") << QByteArray("\"") << true << QByteArray("\"\"\"\"");
    QTest::newRow("lf") << QByteArray("one\ntwo") << true << QByteArray("\"one\ntwo\"");
    QTest::newRow("crlf") << QByteArray("one\r\ntwo") << true << QByteArray("\"one\r\ntwo\"");
    QTest::newRow("cr") << QByteArray("one\rtwo") << true << QByteArray("\"one\rtwo\"");
    QTest::newRow("long_with_comma_late")
        << QByteArray("abcdefghijklmnopqrstuvwxyz0123456789,") << true
        << QByteArray("\"abcdefghijklmnopqrstuvwxyz0123456789,\"");
    QTest::newRow("formula_equals") << QByteArray("=1+2") << true << QByteArray("'=1+2");
    QTest::newRow("formula_plus") << QByteArray("+1") << true << QByteArray("'+1");
    QTest::newRow("formula_minus") << QByteArray("-1") << true << QByteArray("'-1");
    QTest::newRow("formula_at") << QByteArray("@SUM(A1)") << true << QByteArray("'@SUM(A1)");
    QTest::newRow("formula_tab") << QByteArray("\tx") << true << QByteArray("'\tx");
    QTest::newRow("formula_cr") << QByteArray("\rx") << true << QByteArray("\"'\rx\"");
    QTest::newRow("formula_lf") << QByteArray("\nx") << true << QByteArray("\"'\nx\"");
    QTest::newRow("formula_quoted") << QByteArray("=HYPERLINK(\"http://x\",\"y\")") << true
                                    << QByteArray("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    QTest::newRow("formula_after_space") << QByteArray(" =1+2") << true << QByteArray("' =1+2");
    QTest::newRow("formula_after_spaces_and_tab")
        << QByteArray("  \t+1") << true << QByteArray("'  \t+1");
    QTest::newRow("formula_after_no_break_space")
        << QByteArray("\xC2\xA0@SUM(A1)") << true << QByteArray("'\xC2\xA0@SUM(A1)");
    QTest::newRow("formula_after_narrow_no_break_space")
        << QByteArray("\xE2\x80\xAF-1") << true << QByteArray("'\xE2\x80\xAF-1");
    QTest::newRow("formula_after_ideographic_space")
        << QByteArray("\xE3\x80\x80=1") << true << QByteArray("'\xE3\x80\x80=1");
    // Found by the csv_writer fuzz target: a reader drops the byte-order mark and sees "+".
    QTest::newRow("formula_after_byte_order_mark")
        << QByteArray("\xEF\xBB\xBF+1") << true << QByteArray("'\xEF\xBB\xBF+1");
    QTest::newRow("formula_after_space_and_byte_order_mark")
        << QByteArray(" \xEF\xBB\xBF=1") << true << QByteArray("' \xEF\xBB\xBF=1");
    // Found by the csv_writer fuzz target: after the mark a reader sees CR first.
    QTest::newRow("formula_cr_after_byte_order_mark")
        << QByteArray("\xEF\xBB\xBF\rx") << true << QByteArray("\"'\xEF\xBB\xBF\rx\"");
    QTest::newRow("formula_tab_after_two_byte_order_marks")
        << QByteArray("\xEF\xBB\xBF\xEF\xBB\xBF\tx") << true
        << QByteArray("'\xEF\xBB\xBF\xEF\xBB\xBF\tx");
    QTest::newRow("text_after_byte_order_mark")
        << QByteArray("\xEF\xBB\xBFtext") << true << QByteArray("\xEF\xBB\xBFtext");
    QTest::newRow("tab_after_space_and_byte_order_mark")
        << QByteArray(" \xEF\xBB\xBF\tx") << true << QByteArray(" \xEF\xBB\xBF\tx");
    QTest::newRow("formula_full_width_equals") << QByteArray("\xEF\xBC\x9D"
                                                             "1+2")
                                               << true
                                               << QByteArray("'\xEF\xBC\x9D"
                                                             "1+2");
    QTest::newRow("formula_full_width_plus") << QByteArray("\xEF\xBC\x8B"
                                                           "1")
                                             << true
                                             << QByteArray("'\xEF\xBC\x8B"
                                                           "1");
    QTest::newRow("formula_full_width_minus") << QByteArray("\xEF\xBC\x8D"
                                                            "1")
                                              << true
                                              << QByteArray("'\xEF\xBC\x8D"
                                                            "1");
    QTest::newRow("formula_full_width_at") << QByteArray("\xEF\xBC\xA0"
                                                         "x")
                                           << true
                                           << QByteArray("'\xEF\xBC\xA0"
                                                         "x");
    QTest::newRow("formula_full_width_after_ideographic_space")
        << QByteArray("\xE3\x80\x80\xEF\xBC\x9D"
                      "1")
        << true
        << QByteArray("'\xE3\x80\x80\xEF\xBC\x9D"
                      "1");
    QTest::newRow("formula_after_space_quoted")
        << QByteArray(" =A1,B1") << true << QByteArray("\"' =A1,B1\"");
    QTest::newRow("space_then_text_is_fine") << QByteArray(" a=1") << true << QByteArray(" a=1");
    QTest::newRow("only_spaces_is_fine") << QByteArray("   ") << true << QByteArray("   ");
    QTest::newRow("overlong_space_is_not_a_space")
        << QByteArray("\xC0\xA0=1") << true << QByteArray("\xC0\xA0=1");
    QTest::newRow("other_full_width_is_fine") << QByteArray("\xEF\xBC\xA1"
                                                            "BC")
                                              << true
                                              << QByteArray("\xEF\xBC\xA1"
                                                            "BC");
    QTest::newRow("nul_dropped") << QByteArray("a\0b", 3) << true << QByteArray("ab");
    QTest::newRow("nul_dropped_raw") << QByteArray("a\0b", 3) << false << QByteArray("ab");
    QTest::newRow("nul_only") << QByteArray("\0\0", 2) << true << QByteArray();
    QTest::newRow("nul_hides_a_formula") << QByteArray("\0=1", 3) << true << QByteArray("'=1");
    QTest::newRow("nul_in_quoted_field")
        << QByteArray("a,\0\"b", 5) << true << QByteArray("\"a,\"\"b\"");
    QTest::newRow("nul_in_long_field")
        << QByteArray("abcdefghijklmnopqrstuvwxyz\0"
                      "0123456789",
                      37)
        << true << QByteArray("abcdefghijklmnopqrstuvwxyz0123456789");
    QTest::newRow("formula_inside_is_fine") << QByteArray("a=b") << true << QByteArray("a=b");
    QTest::newRow("raw_equals") << QByteArray("=1+2") << false << QByteArray("=1+2");
    QTest::newRow("raw_minus_comma") << QByteArray("-1,2") << false << QByteArray("\"-1,2\"");
    QTest::newRow("non_ascii") << QByteArray("Zoë — 東京") << true << QByteArray("Zoë — 東京");
    QTest::newRow("markup") << QByteArray("<img src=x>") << true << QByteArray("<img src=x>");
}

void TestCsvWriter::encodeField() {
    QFETCH(QByteArray, field);
    QFETCH(bool, neutralise);
    QFETCH(QByteArray, encoded);
    QCOMPARE(CsvRowEncoder::encodeField(view(field), neutralise), encoded);
}

// Fields are copied sixteen bytes at a time while looked at: a byte that needs care is found
// wherever it falls (first, in a whole block, in the overlapping last block, in a short field),
// and a plain field of any length comes out whole, prefixed or not.
void TestCsvWriter::specialByteAnywhereInAnyLength() {
    const auto plain = [](int length) {
        QByteArray text;
        for (int i = 0; i < length; ++i)
            text += char('a' + i % 26);
        return text;
    };
    for (int length = 0; length <= 50; ++length) {
        const QByteArray text = plain(length);
        QCOMPARE(CsvRowEncoder::encodeField(view(text), true), text);
        QCOMPARE(CsvRowEncoder::encodeField(view("=" + text), true), "'=" + text);
        for (int at = 0; at < length; ++at) {
            for (const char special : {',', '"', '\r', '\n', '\0'}) {
                QByteArray field = text;
                field[at] = special;
                QByteArray expected = field;
                expected.replace('\0', QByteArray());
                if (special != '\0')
                    expected = '"' + expected.replace("\"", "\"\"") + '"';
                QCOMPARE(CsvRowEncoder::encodeField(view(field), false), expected);
            }
        }
    }
}

// The clipboard's cells (QString) and the file's cells (bytes) are neutralised alike.
void TestCsvWriter::copiedCellFollowsTheSameRule() {
    QFETCH(QByteArray, field);
    QFETCH(bool, neutralise);
    QFETCH(QByteArray, encoded);
    if (!neutralise)
        return; // raw cells are a file-only choice: copied rows are always neutralised
    const QString cell = FormulaNeutraliser::neutralised(QString::fromUtf8(field));
    QVERIFY(!cell.contains(QChar(u'\0')));
    const bool prefixedInFile = encoded.startsWith('\'') || encoded.startsWith("\"'");
    QCOMPARE(cell.startsWith(u'\''), prefixedInFile);
    QCOMPARE(cell.mid(prefixedInFile ? 1 : 0), QString::fromUtf8(field).remove(QChar(u'\0')));
}

void TestCsvWriter::headerAndRows() {
    const BounceStore store = sampleStore();
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    {
        CsvWriter writer(&buffer);
        QVERIFY(writer.writeHeader());
        for (const BounceStore::Row row : {3, 0, 2, 1}) // the order given
            QVERIFY(writer.writeRow(store, row));
        QVERIFY(writer.flush());
        QVERIFY(writer.errorString().isEmpty());
    }
    QCOMPARE(
        buffer.data(),
        QByteArray(
            "email,status,reason,created,type,class\r\n"
            "zoë@exämple.de,4.2.2,'-1+1,2021-01-02 03:04:05,soft,Mailbox Unavailable\r\n"
            "plain@example.com,5.1.1,host said: 550 unknown,2009-06-01 19:41:39,hard,"
            "Invalid Address\r\n"
            "'=cmd@evil.test,5.7.1,\"She said \"\"no\"\"\r\nthen left\",2021-01-02 03:04:05,hard,"
            "Unclassified\r\n"
            "a+tag@example.com,550,\"comma, inside\",,hard,Unclassified\r\n"));
}

void TestCsvWriter::byteOrderMark() {
    const BounceStore store = sampleStore();
    for (const bool bom : {true, false}) {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        CsvOptions options;
        options.byteOrderMark = bom;
        options.neutraliseFormulas = false;
        CsvWriter writer(&buffer, options);
        QVERIFY(writer.writeHeader());
        QVERIFY(writer.writeRow(store, 2));
        QVERIFY(writer.flush());
        QCOMPARE(buffer.data().startsWith("\xEF\xBB\xBF"
                                          "email,"),
                 bom);
        QVERIFY(buffer.data().contains(bom ? "\xEF\xBB\xBF"
                                             "email,status"
                                           : "email,status"));
        QVERIFY(buffer.data().contains("\r\n=cmd@evil.test,")); // raw when asked
        QCOMPARE(buffer.data().count("\xEF\xBB\xBF"), bom ? 1 : 0);
    }
}

void TestCsvWriter::roundTrip() {
    const QList<QList<QByteArray>> rows = {
        {"a@b.c", "5.1.1", "multi\nline\r\nreason, with \"quotes\"", "2009-06-01 19:41:39"},
        {"", "", "", ""},
        {"\"@x", ",", "\r", "\n"},
        {"日本@例え.jp", "4.0.0", "ünïcödé", ""},
    };
    BounceStore store;
    for (const QList<QByteArray> &row : rows)
        store.append(view(row[0]), view(row[1]), view(row[2]), view(row[3]));
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    CsvOptions options;
    options.neutraliseFormulas = false;
    CsvWriter writer(&buffer, options);
    QVERIFY(writer.writeHeader());
    for (BounceStore::Row row = 0; row < store.size(); ++row)
        QVERIFY(writer.writeRow(store, row));
    QVERIFY(writer.flush());
    const QList<QList<QByteArray>> parsed = parseCsv(buffer.data());
    QCOMPARE(parsed.size(), rows.size() + 1);
    QCOMPARE(parsed.first(),
             (QList<QByteArray>{"email", "status", "reason", "created", "type", "class"}));
    QList<QList<QByteArray>> expected = rows;
    expected[0] << "hard"
                << "Invalid Address";
    expected[1] << ""
                << "Unclassified";
    expected[2] << ""
                << "Unclassified";
    expected[3] << "soft"
                << "Unclassified";
    QCOMPARE(parsed.mid(1), expected);
}

void TestCsvWriter::bounceRowsEqualStoreRows() {
    const BounceStore store = sampleStore();
    QBuffer fromStore, fromBounce;
    fromStore.open(QIODevice::WriteOnly);
    fromBounce.open(QIODevice::WriteOnly);
    {
        CsvWriter a(&fromStore);
        CsvWriter b(&fromBounce);
        for (BounceStore::Row row = 0; row < store.size(); ++row) {
            QVERIFY(a.writeRow(store, row));
            QVERIFY(b.writeRow(store.bounce(row)));
        }
    } // the destructors flush
    QVERIFY(!fromStore.data().isEmpty());
    QCOMPARE(fromBounce.data(), fromStore.data());
}

// A million rows must stream: output reaches the device in blocks of about 1 MiB.
void TestCsvWriter::writesInLargeBlocks() {
    BounceStore store;
    for (int i = 0; i < 40000; ++i) {
        const QByteArray email = "user" + QByteArray::number(i) + "@example.com";
        store.append(view(email), "5.1.1",
                     "host [127.0.0.1] said: 550 5.1.1 unknown or illegal user",
                     "2009-06-01 19:41:39");
    }
    RecordingDevice device;
    CsvWriter writer(&device);
    QVERIFY(writer.writeHeader());
    for (BounceStore::Row row = 0; row < store.size(); ++row)
        QVERIFY(writer.writeRow(store, row));
    QVERIFY(writer.flush());
    QVERIFY(device.writes.size() >= 3);
    for (qsizetype i = 0; i + 1 < device.writes.size(); ++i)
        QVERIFY2(device.writes[i] > (1 << 20) - 1024,
                 qPrintable(QString::number(device.writes[i])));
    const QList<QByteArray> lines = device.data.split('\n');
    QCOMPARE(lines.size(), 40000 + 2);
    QCOMPARE(lines[40000],
             QByteArray("user39999@example.com,5.1.1,host [127.0.0.1] said: 550 5.1.1 "
                        "unknown or illegal user,2009-06-01 19:41:39,hard,Invalid Address\r"));
}

void TestCsvWriter::deviceFailureIsReported() {
    BounceStore store;
    const std::string reason(300000, 'r');
    for (int i = 0; i < 20; ++i)
        store.append("a@b.c", "5.1.1", reason, "");
    RecordingDevice device(2); // the third block fails
    CsvWriter writer(&device);
    bool ok = writer.writeHeader();
    for (BounceStore::Row row = 0; ok && row < store.size(); ++row)
        ok = writer.writeRow(store, row);
    ok = writer.flush() && ok;
    QVERIFY(!ok);
    QCOMPARE(writer.errorString(), QStringLiteral("disk on fire"));
    QVERIFY(!writer.writeRow(store, 0)); // stays failed
    QCOMPARE(device.writes.size(), 2);
}

void TestCsvWriter::exportWritesFile() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const BounceStore store = sampleStore();
    const std::vector<BounceStore::Row> rows = {1, 3};
    const QString path = dir.filePath(QStringLiteral("out.csv"));
    QCOMPARE(exportCsvFile(path, store, rows), QString());

    QBuffer expected;
    expected.open(QIODevice::WriteOnly);
    {
        CsvWriter writer(&expected);
        writer.writeHeader();
        for (const BounceStore::Row row : rows)
            writer.writeRow(store, row);
    }
    QCOMPARE(readFile(path), expected.data());
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("out.csv")});
}

// QSaveFile creates its file with 0666 and lets the umask apply, like any other program.
void TestCsvWriter::exportPermissionsFollowUmask() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("perm.csv"));
    const mode_t previous = ::umask(027);
    const QString error = exportCsvFile(path, sampleStore(), {0});
    ::umask(previous);
    QCOMPARE(error, QString());
    struct stat info {};
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &info), 0);
    QCOMPARE(info.st_mode & 0777, mode_t(0640));
}

void TestCsvWriter::exportKeepsPermissionsOfReplacedFile() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("private.csv"));
    {
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("old");
    }
    QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    QCOMPARE(exportCsvFile(path, sampleStore(), {0}), QString());
    struct stat info {};
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &info), 0);
    QCOMPARE(info.st_mode & 0777, mode_t(0600));
    QVERIFY(readFile(path).startsWith("email,status"));
}

// Tests run as root, which ignores read-only directories; a regular file as the parent
// stops everyone.
void TestCsvWriter::exportFailsWhenParentIsAFile() {
    QTemporaryDir dir;
    const QString notADirectory = dir.filePath(QStringLiteral("file.txt"));
    {
        QFile file(notADirectory);
        QVERIFY(file.open(QIODevice::WriteOnly));
    }
    const QString path = notADirectory + QStringLiteral("/out.csv");
    const QString error = exportCsvFile(path, sampleStore(), {0, 1});
    QVERIFY(!error.isEmpty());
    QVERIFY2(error.contains(path), qPrintable(error));
    QVERIFY2(error.size() > path.size() + 20, qPrintable(error)); // says why, too
    QVERIFY(!QFileInfo::exists(path));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("file.txt")});
}

void TestCsvWriter::exportFailsOnDirectory() {
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("taken")));
    const QString path = dir.filePath(QStringLiteral("taken"));
    const QString error = exportCsvFile(path, sampleStore(), {0});
    QVERIFY2(error.contains(path), qPrintable(error));
    QVERIFY(QFileInfo(path).isDir());
}

// A write that fails halfway (here: the file size limit, which binds root too) leaves the
// previous file as it was and no temporary file behind.
void TestCsvWriter::exportFailureMidwayLeavesOldFile() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("report.csv"));
    QVERIFY(writeOldExport(path));
    const auto [store, rows] = sameRows(30000, "a reason long enough to fill blocks quickly");

    struct rlimit previous {};
    QCOMPARE(::getrlimit(RLIMIT_FSIZE, &previous), 0);
    struct rlimit small = previous;
    small.rlim_cur = 256 * 1024;
    const auto oldHandler = std::signal(SIGXFSZ, SIG_IGN); // fail with EFBIG instead of dying
    QCOMPARE(::setrlimit(RLIMIT_FSIZE, &small), 0);
    const QString error = exportCsvFile(path, store, rows);
    ::setrlimit(RLIMIT_FSIZE, &previous);
    std::signal(SIGXFSZ, oldHandler);

    QVERIFY2(error.contains(path), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("large"), Qt::CaseInsensitive), qPrintable(error));
    QCOMPARE(readFile(path), QByteArray(oldExport));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
             QStringList{QStringLiteral("report.csv")});
}

// The file is synced while it is written (FileWriteback); a sync that lost data fails the
// export, whatever the commit's own sync would say later.
void TestCsvWriter::exportWhoseSyncFailedLeavesOldFile() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("report.csv"));
    QVERIFY(writeOldExport(path));
    const auto [store, rows] = sameRows(40000, "a reason"); // 2.8 MB, in blocks of 1 MiB
    FileWriteback::setDefaultsForTests({4 << 10, 16 << 10}, [](int) {
        errno = EIO;
        return -1;
    });
    const QString error = exportCsvFile(path, store, rows);
    FileWriteback::setDefaultsForTests({}, nullptr);

    QVERIFY2(error.contains(path), qPrintable(error));
    QVERIFY2(error.contains(qt_error_string(EIO)), qPrintable(error));
    QCOMPARE(readFile(path), QByteArray(oldExport));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
             QStringList{QStringLiteral("report.csv")});
}

void TestCsvWriter::cancelledExportLeavesOldFile_data() {
    QTest::addColumn<int>("rowCount");
    QTest::newRow("cancelled between steps") << 30000;
    QTest::newRow("fewer rows than one step") << 10;
}

// A cancel asked for at any point before the commit: nothing written, the old file kept.
void TestCsvWriter::cancelledExportLeavesOldFile() {
    QFETCH(int, rowCount);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("report.csv"));
    QVERIFY(writeOldExport(path));
    const auto [store, rows] = sameRows(rowCount, "a reason");
    CsvExportProgress progress;
    progress.cancelRequested = true;
    const QString error = exportCsvFile(path, store, rows, {}, &progress);
    QVERIFY2(error.contains(QStringLiteral("cancelled")), qPrintable(error));
    QCOMPARE(readFile(path), QByteArray(oldExport));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
             QStringList{QStringLiteral("report.csv")});
}

void TestCsvWriter::exportReportsProgress() {
    QTemporaryDir dir;
    BounceStore store;
    std::vector<BounceStore::Row> rows;
    for (int i = 0; i < 10000; ++i) {
        store.append("someone@example.com", "5.1.1", "a reason", "2009-06-01 19:41:39");
        rows.push_back(i);
    }
    CsvExportProgress progress;
    QList<qsizetype> steps;
    progress.onStep = [&steps](qsizetype written) { steps << written; };
    QCOMPARE(exportCsvFile(dir.filePath(QStringLiteral("p.csv")), store, rows, {}, &progress),
             QString());
    QCOMPARE(steps, (QList<qsizetype>{4096, 8192}));
    QCOMPARE(progress.rowsWritten.load(), qsizetype(10000));
}

QTEST_GUILESS_MAIN(TestCsvWriter)
#include "tst_csvwriter.moc"
