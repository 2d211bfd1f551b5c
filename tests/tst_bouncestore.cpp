#include "core/bouncestore.h"

#include <QStringDecoder>
#include <QtTest>

#include <atomic>
#include <cstring>
#include <memory>
#include <string>
#include <thread>

#include <sys/mman.h>
#include <unistd.h>

namespace {

std::string_view view(const QByteArray &bytes) {
    return std::string_view(bytes.constData(), std::size_t(bytes.size()));
}

QByteArray bytes(std::string_view text) {
    return QByteArray(text.data(), qsizetype(text.size()));
}

// Row i of a generated list: every field differs per row and has a different length, so a
// mixed-up offset shows.
Bounce generated(int i) {
    return Bounce{QStringLiteral("User.%1+Tag@Example%2.com").arg(i).arg(i % 97),
                  i % 3 ? QStringLiteral("5.1.%1").arg(i % 8) : QStringLiteral("421"),
                  QStringLiteral("host said: 550 unknown user %1 ").repeated(1 + i % 5).arg(i),
                  i % 11 ? QStringLiteral("2020-01-%1 10:00:%2")
                               .arg(1 + i % 28, 2, 10, QLatin1Char('0'))
                               .arg(i % 60, 2, 10, QLatin1Char('0'))
                         : QString()};
}

bool isValidUtf8(std::string_view text) {
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString decoded = decoder.decode(QByteArrayView(text.data(), qsizetype(text.size())));
    return !decoder.hasError();
}

} // namespace

class TestBounceStore final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void appendAndRead_data();
    void appendAndRead();
    void foldedCopyOnlyWhenNeeded();
    void upperCaseFoundAnywhereInTheEmail();
    void keysAndLengthsShareTheirBits_data();
    void keysAndLengthsShareTheirBits();
    void manyRowsAcrossBlocks();
    void viewsStayValidWhileGrowing();
    void rowLargerThanBlock();
    void overlongFieldCutAtCharacter();
    void appendAll();
    void appendAllToItself();
    void appendRowOfCopiesTheEntry();
    void appendAllTakesTightText();
    void copyAndMove();
    void movedFromIsEmpty();
    void clearAndReuse();
    void snapshotOutlivesAppendAndClear();
    void snapshotReadWhileAppending();
    void releasedTailIsGivenBackAndRowsStay();
    void batchesFromOneArenaLieBackToBack();
};

void TestBounceStore::appendAndRead_data() {
    QTest::addColumn<QByteArray>("email");
    QTest::addColumn<QByteArray>("status");
    QTest::addColumn<QByteArray>("reason");
    QTest::addColumn<QByteArray>("created");
    QTest::addColumn<QByteArray>("folded");

    QTest::newRow("seed_row") << QByteArray("email1@domain.com") << QByteArray("5.1.1")
                              << QByteArray("host [127.0.0.1] said: 550 5.1.1 unknown")
                              << QByteArray("2009-06-01 19:41:39")
                              << QByteArray("email1@domain.com");
    QTest::newRow("upper_case_plus") << QByteArray("Jane.DOE+News@Example.COM") << QByteArray("550")
                                     << QByteArray("mailbox unavailable") << QByteArray()
                                     << QByteArray("jane.doe+news@example.com");
    QTest::newRow("all_empty") << QByteArray() << QByteArray() << QByteArray() << QByteArray()
                               << QByteArray();
    QTest::newRow("non_ascii_kept")
        << QByteArray("ZOË@Exämple.de") << QByteArray("4.2.2")
        << QByteArray("Postfach voll — réessayer") << QByteArray("2021-03-04 05:06:07")
        << QByteArray("zoË@exämple.de");
    QTest::newRow("hostile") << QByteArray("\"<img src=x>\"@evil.test") << QByteArray("5.7.1")
                             << QByteArray("=HYPERLINK(\"http://x\")\r\nline two, \"quoted\"")
                             << QByteArray("not a date") << QByteArray("\"<img src=x>\"@evil.test");
    QTest::newRow("invalid_utf8_as_given")
        << QByteArray("a\xff\xfe@b.c") << QByteArray("5") << QByteArray("\xc3") << QByteArray()
        << QByteArray("a\xff\xfe@b.c");
    QTest::newRow("embedded_nul") << QByteArray("a@b.c") << QByteArray("5.0.0")
                                  << QByteArray("before\0after", 12) << QByteArray()
                                  << QByteArray("a@b.c");
}

void TestBounceStore::appendAndRead() {
    QFETCH(QByteArray, email);
    QFETCH(QByteArray, status);
    QFETCH(QByteArray, reason);
    QFETCH(QByteArray, created);
    QFETCH(QByteArray, folded);

    BounceStore store;
    store.append("first@row.test", "4.0.0", "before", "2000-01-01 00:00:00");
    store.append(view(email), view(status), view(reason), view(created));
    store.append("last@row.test", "5.0.0", "after", "");
    QCOMPARE(store.size(), 3);
    const BounceStore::Row row = 1;
    QCOMPARE(bytes(store.emailUtf8(row)), email);
    QCOMPARE(bytes(store.statusUtf8(row)), status);
    QCOMPARE(bytes(store.reasonUtf8(row)), reason);
    QCOMPARE(bytes(store.createdUtf8(row)), created);
    QCOMPARE(bytes(store.foldedEmailUtf8(row)), folded);
    QCOMPARE(store.email(row), QString::fromUtf8(email));
    QCOMPARE(store.reason(row), QString::fromUtf8(reason));
    QCOMPARE(store.kind(row), bounceKindForStatus(view(status)));
    QCOMPARE(store.statusKey(row), statusSortKey(view(status)));
    QCOMPARE(store.createdKey(row), createdSortKey(view(created)));
    const Bounce bounce = store.bounce(row);
    QCOMPARE(bounce.status, QString::fromUtf8(status));
    QCOMPARE(bounce.created, QString::fromUtf8(created));
    // The neighbours are untouched.
    QCOMPARE(bytes(store.reasonUtf8(0)), QByteArray("before"));
    QCOMPARE(bytes(store.emailUtf8(2)), QByteArray("last@row.test"));
    QCOMPARE(store.createdKey(2), qint64(-1));
}

// The folded email costs text only when folding changes it.
void TestBounceStore::foldedCopyOnlyWhenNeeded() {
    BounceStore store;
    store.append("lower@case.test", "5.1.1", "r", "");
    const qsizetype lowerBytes = qsizetype(std::strlen("lower@case.test") + 5 + 1);
    QCOMPARE(store.textBytes(), lowerBytes);
    store.append("Upper@case.test", "5.1.1", "r", "");
    const qsizetype upperBytes = qsizetype(2 * std::strlen("Upper@case.test") + 5 + 1);
    QCOMPARE(store.textBytes(), lowerBytes + upperBytes);
    QCOMPARE(store.foldedEmailUtf8(1), std::string_view("upper@case.test"));
    QCOMPARE(store.emailUtf8(1), std::string_view("Upper@case.test"));
    // A shared span: the folded view of a lower-case email is the email itself.
    QVERIFY(store.foldedEmailUtf8(0).data() == store.emailUtf8(0).data());
}

// Emails are tested for upper case sixteen bytes at a time: one upper-case letter at any place
// of any length is found, and the bytes beside A-Z ('@' before it, '[' after it) are not.
void TestBounceStore::upperCaseFoundAnywhereInTheEmail() {
    for (std::size_t length = 1; length <= 40; ++length) {
        BounceStore plain;
        std::string email(length, 'a');
        email[length / 2] = '@';
        email[length - 1] = '[';
        plain.append(email, "5.1.1", "r", "");
        QVERIFY(plain.foldedEmailUtf8(0).data() == plain.emailUtf8(0).data());
        for (std::size_t at = 0; at < length; ++at) {
            BounceStore withUpper;
            std::string upper = email;
            upper[at] = at % 2 ? 'Z' : 'A';
            withUpper.append(upper, "5.1.1", "r", "");
            std::string folded = upper;
            folded[at] = char(folded[at] + ('a' - 'A'));
            QCOMPARE(withUpper.foldedEmailUtf8(0), std::string_view(folded));
        }
    }
}

// A row's entry packs flags and key bits above its lengths: the extremes of each must survive.
void TestBounceStore::keysAndLengthsShareTheirBits_data() {
    QTest::addColumn<QByteArray>("email");
    QTest::addColumn<QByteArray>("status");
    QTest::addColumn<QByteArray>("created");
    const QByteArray longest(BounceStore::maxFieldBytes, ' ');
    QTest::newRow("latest_date") << QByteArray("A@B.C") << QByteArray("5.1.1")
                                 << QByteArray("9999-12-31 23:59:59");
    QTest::newRow("epoch") << QByteArray("a@b.c") << QByteArray("421")
                           << QByteArray("1970-01-01 00:00:00");
    QTest::newRow("no_date_unknown_kind")
        << QByteArray("x@y.z") << QByteArray("2.0.0") << QByteArray();
    QTest::newRow("longest_status_still_hard")
        << QByteArray("UPPER@CASE.TEST") << QByteArray("5") + longest.left(longest.size() - 1)
        << QByteArray("2038-01-19 03:14:08");
    QTest::newRow("longest_created_not_a_date")
        << QByteArray("Soft@Example.COM") << QByteArray("4.4.7") << longest;
    QTest::newRow("longest_email_folded") << QByteArray("Z") + longest.left(longest.size() - 1)
                                          << QByteArray("550") << QByteArray("2024-02-29 12:00:00");
}

void TestBounceStore::keysAndLengthsShareTheirBits() {
    QFETCH(QByteArray, email);
    QFETCH(QByteArray, status);
    QFETCH(QByteArray, created);
    BounceStore store;
    store.append("before@x.test", "4.0.0", "r", "2000-01-01 00:00:00");
    store.append(view(email), view(status), "reason", view(created));
    QCOMPARE(store.emailUtf8(1).size(), std::size_t(email.size()));
    QCOMPARE(store.statusUtf8(1).size(), std::size_t(status.size()));
    QCOMPARE(store.createdUtf8(1).size(), std::size_t(created.size()));
    QCOMPARE(bytes(store.reasonUtf8(1)), QByteArray("reason"));
    QCOMPARE(store.kind(1), bounceKindForStatus(view(status)));
    QCOMPARE(store.statusKey(1), statusSortKey(view(status)));
    QCOMPARE(store.createdKey(1), createdSortKey(view(created)));
    QByteArray folded = email;
    for (char &c : folded)
        c = c >= 'A' && c <= 'Z' ? char(c + 32) : c;
    QVERIFY(bytes(store.foldedEmailUtf8(1)) == folded);
    QVERIFY(bytes(store.emailUtf8(1)) == email);
    QCOMPARE(store.createdKey(0), createdSortKey(std::string_view("2000-01-01 00:00:00")));
}

void TestBounceStore::manyRowsAcrossBlocks() {
    constexpr int rows = 60000; // several MiB: many arena blocks and row chunks
    BounceStore store;
    qsizetype text = 0;
    for (int i = 0; i < rows; ++i) {
        const Bounce bounce = generated(i);
        store.append(bounce);
        text += bounce.email.toUtf8().size() * (bounce.email == bounce.email.toLower() ? 1 : 2) +
                bounce.status.toUtf8().size() + bounce.reason.toUtf8().size() +
                bounce.created.toUtf8().size();
    }
    QCOMPARE(store.size(), rows);
    QCOMPARE(store.textBytes(), text);
    for (int i = 0; i < rows; ++i) {
        const Bounce expected = generated(i);
        if (store.bounce(i) != expected)
            QFAIL(qPrintable(QStringLiteral("row %1 differs").arg(i)));
        QCOMPARE(bytes(store.foldedEmailUtf8(i)), expected.email.toLower().toUtf8());
    }
    // Blocks and chunks leave little unused: at most the last block, the last chunk and the
    // tails of blocks a row did not fit into.
    const qsizetype rowBytes = 32;
    QVERIFY2(store.allocatedBytes() < text + rows * rowBytes + (6 << 20),
             qPrintable(QString::number(store.allocatedBytes())));
}

// Growth never moves stored text, so views taken earlier stay valid.
void TestBounceStore::viewsStayValidWhileGrowing() {
    BounceStore store;
    store.append("first@example.com", "5.1.1", "the first reason", "2009-06-01 19:41:39");
    const std::string_view reason = store.reasonUtf8(0);
    for (int i = 0; i < 50000; ++i)
        store.append(generated(i));
    QVERIFY(store.reasonUtf8(0).data() == reason.data());
    QCOMPARE(reason, std::string_view("the first reason"));
}

void TestBounceStore::rowLargerThanBlock() {
    BounceStore store;
    store.append("before@x.test", "5.1.1", "short", "");
    const std::string big(5 << 20, 'r'); // larger than the 4 MiB blocks
    store.append("big@x.test", "5.1.1", big, "2020-01-01 00:00:00");
    store.append("after@x.test", "4.0.0", "short again", "");
    QCOMPARE(store.reasonUtf8(1).size(), big.size());
    QCOMPARE(store.reasonUtf8(1), std::string_view(big));
    QCOMPARE(store.createdUtf8(1), std::string_view("2020-01-01 00:00:00"));
    QCOMPARE(store.reasonUtf8(0), std::string_view("short"));
    QCOMPARE(store.reasonUtf8(2), std::string_view("short again"));
    // The small rows kept sharing one block: only the big row got a block of its own.
    QVERIFY(store.allocatedBytes() < qsizetype(big.size()) + (1 << 20));
}

void TestBounceStore::overlongFieldCutAtCharacter() {
    // "a" then two-byte characters: the 16 MiB limit falls inside a character.
    std::string reason = "a";
    while (qsizetype(reason.size()) <= BounceStore::maxFieldBytes + 8)
        reason += "\xc3\xa9"; // é
    QVERIFY((static_cast<unsigned char>(reason[std::size_t(BounceStore::maxFieldBytes)]) & 0xC0) ==
            0x80);
    BounceStore store;
    store.append("cut@x.test", "5.1.1", reason, "");
    const std::string_view stored = store.reasonUtf8(0);
    QCOMPARE(qsizetype(stored.size()), BounceStore::maxFieldBytes - 1);
    QVERIFY(isValidUtf8(stored));
    QCOMPARE(stored, std::string_view(reason).substr(0, stored.size()));
    // The cut is never silent: the store names the row, the field and the size sent.
    QVERIFY(store.firstOversizedField().has_value());
    QCOMPARE(store.firstOversizedField()->email, QStringLiteral("cut@x.test"));
    QCOMPARE(store.firstOversizedField()->field, QStringLiteral("reason"));
    QCOMPARE(store.firstOversizedField()->bytes, qsizetype(reason.size()));

    // Exactly at the limit on a boundary: nothing is cut.
    const std::string exact(std::size_t(BounceStore::maxFieldBytes), 'x');
    BounceStore fits;
    fits.append("exact@x.test", "5.1.1", exact, "");
    QCOMPARE(fits.reasonUtf8(0).size(), exact.size());
    QVERIFY(!fits.firstOversizedField().has_value());
    // The record travels with the rows: into a tight copy, a snapshot, another store.
    QCOMPARE(store.tight().firstOversizedField()->email, QStringLiteral("cut@x.test"));
    QCOMPARE(store.snapshot()->firstOversizedField()->field, QStringLiteral("reason"));
    BounceStore gathered;
    gathered.appendAll(store);
    QVERIFY(gathered.firstOversizedField().has_value());
    const BounceStore moved(std::move(gathered));
    QVERIFY(moved.firstOversizedField().has_value());
    store.clear();
    QVERIFY(!store.firstOversizedField().has_value());
}

void TestBounceStore::appendAll() {
    BounceStore target;
    for (int i = 0; i < 10; ++i)
        target.append(generated(i));
    BounceStore batch;
    for (int i = 10; i < 5000; ++i)
        batch.append(generated(i));
    target.appendAll(batch);
    QCOMPARE(target.size(), 5000);
    QCOMPARE(target.textBytes(), [] {
        BounceStore all;
        for (int i = 0; i < 5000; ++i)
            all.append(generated(i));
        return all.textBytes();
    }());
    for (int i = 0; i < 5000; ++i) {
        QCOMPARE(target.bounce(i), generated(i));
        QCOMPARE(target.createdKey(i), createdSortKey(QStringView(generated(i).created)));
        QCOMPARE(target.kind(i), generated(i).kind());
    }
    // The batch is unchanged and independent.
    QCOMPARE(batch.size(), 4990);
    QCOMPARE(batch.bounce(0), generated(10));
}

// One row at a time, as the v3 load skips a repeated address: text, keys and class as the
// source derived them, and the source's cut field remembered.
void TestBounceStore::appendRowOfCopiesTheEntry() {
    BounceStore source;
    for (int i = 0; i < 5000; ++i)
        source.append(generated(i));
    const QByteArray reason(BounceStore::maxFieldBytes + 1, 'r');
    source.append("cut@x.test", "5.1.1",
                  std::string_view(reason.constData(), std::size_t(reason.size())), "");
    BounceStore target;
    for (BounceStore::Row row = 0; row < 5000; row += 2)
        target.appendRowOf(source, row);
    target.appendRowOf(source, source.size() - 1);
    QCOMPARE(target.size(), 2501);
    for (BounceStore::Row row = 0; row < 2500; ++row) {
        const BounceStore::Row from = 2 * row;
        QCOMPARE(target.bounce(row), generated(int(from)));
        QCOMPARE(target.createdKey(row), source.createdKey(from));
        QCOMPARE(target.statusKey(row), source.statusKey(from));
        QCOMPARE(target.kind(row), source.kind(from));
        QCOMPARE(target.bounceClass(row), source.bounceClass(from));
        QCOMPARE(target.foldedEmailUtf8(row), source.foldedEmailUtf8(from));
    }
    QCOMPARE(target.reasonUtf8(2500).size(), std::size_t(BounceStore::maxFieldBytes));
    QVERIFY(target.firstOversizedField().has_value());
    QCOMPARE(target.firstOversizedField()->field, QStringLiteral("reason"));
}

void TestBounceStore::appendAllToItself() {
    BounceStore store;
    for (int i = 0; i < 3; ++i)
        store.append(generated(i));
    store.appendAll(store);
    QCOMPARE(store.size(), 6);
    for (int i = 0; i < 6; ++i)
        QCOMPARE(store.bounce(i), generated(i % 3));
}

// A tight copy fills its block exactly, and handing it over moves its blocks, not its text.
void TestBounceStore::appendAllTakesTightText() {
    BounceStore batch;
    for (int i = 0; i < 4100; ++i) // more than one row chunk
        batch.append(generated(i));
    const BounceStore tight = batch.tight();
    QCOMPARE(tight.size(), batch.size());
    QCOMPARE(tight.textBytes(), batch.textBytes());
    QCOMPARE(tight.textCapacity(), tight.textBytes());
    QVERIFY(batch.textCapacity() > batch.textBytes()); // the growing store left room

    BounceStore target;
    for (int i = 0; i < 10; ++i)
        target.append(generated(100000 + i));
    BounceStore handed = tight.tight();
    const char *const text = handed.emailUtf8(4099).data();
    target.appendAll(std::move(handed));
    QCOMPARE(handed.size(), 0); // NOLINT(bugprone-use-after-move): the promise tested
    QCOMPARE(target.size(), 4110);
    // The same bytes, not a copy. (Pointers compared with ==: QCOMPARE would strcmp two char
    // pointers, and the arena's text has no terminating NUL; ASan caught it reading past.)
    QVERIFY(target.emailUtf8(4109).data() == text);
    for (int i = 0; i < 10; ++i)
        QCOMPARE(target.bounce(i), generated(100000 + i));
    for (int i = 0; i < 4100; ++i) {
        if (target.bounce(10 + i) != generated(i))
            QFAIL(qPrintable(QStringLiteral("row %1 differs").arg(i)));
        QCOMPARE(target.createdKey(10 + i), createdSortKey(QStringView(generated(i).created)));
    }
    // Appending goes on in the target's own block, after the handed-over rows.
    target.append(generated(7));
    QCOMPARE(target.bounce(4110), generated(7));
    QCOMPARE(target.textBytes(), [&] {
        BounceStore all;
        for (int i = 0; i < 10; ++i)
            all.append(generated(100000 + i));
        for (int i = 0; i < 4100; ++i)
            all.append(generated(i));
        all.append(generated(7));
        return all.textBytes();
    }());
}

void TestBounceStore::copyAndMove() {
    BounceStore original;
    for (int i = 0; i < 100; ++i)
        original.append(generated(i));
    BounceStore copy(original);
    copy.append(generated(100));
    QCOMPARE(original.size(), 100);
    QCOMPARE(copy.size(), 101);
    QCOMPARE(copy.bounce(42), original.bounce(42));

    const std::string_view before = original.emailUtf8(7);
    BounceStore moved(std::move(original));
    QCOMPARE(moved.size(), 100);
    QVERIFY(moved.emailUtf8(7).data() == before.data()); // moved, not copied

    BounceStore assigned;
    assigned.append(generated(500));
    assigned = copy;
    QCOMPARE(assigned.size(), 101);
    QCOMPARE(assigned.bounce(100), generated(100));
}

void TestBounceStore::clearAndReuse() {
    BounceStore store;
    for (int i = 0; i < 20000; ++i)
        store.append(generated(i));
    store.clear();
    QVERIFY(store.isEmpty());
    QCOMPARE(store.textBytes(), 0);
    QVERIFY(store.allocatedBytes() <= (4 << 20) + (1 << 20)); // one block kept for reuse
    for (int i = 0; i < 300; ++i)
        store.append(generated(i + 7));
    QCOMPARE(store.size(), 300);
    for (int i = 0; i < 300; ++i)
        QCOMPARE(store.bounce(i), generated(i + 7));
}

// A moved-from store is empty and usable, not a husk that still claims its rows.
void TestBounceStore::movedFromIsEmpty() {
    BounceStore original;
    for (int i = 0; i < 5000; ++i)
        original.append(generated(i));
    BounceStore moved(std::move(original));
    QCOMPARE(moved.size(), 5000);
    QCOMPARE(original.size(), 0); // NOLINT(bugprone-use-after-move): the promise tested
    QCOMPARE(original.textBytes(), 0);
    original.append(generated(1));
    QCOMPARE(original.bounce(0), generated(1));

    BounceStore assigned;
    assigned.append(generated(9));
    assigned = std::move(moved);
    QCOMPARE(assigned.size(), 5000);
    QCOMPARE(assigned.bounce(4999), generated(4999));
    QCOMPARE(moved.size(), 0); // NOLINT(bugprone-use-after-move)
}

// A snapshot keeps the rows it saw, whatever happens to the original afterwards: more rows,
// a clear (whose reuse of memory must never reach what the snapshot reads), destruction.
void TestBounceStore::snapshotOutlivesAppendAndClear() {
    auto original = std::make_unique<BounceStore>();
    for (int i = 0; i < 3000; ++i) // one block and one chunk: what clear() would reuse
        original->append(generated(i));
    const std::shared_ptr<const BounceStore> snapshot = original->snapshot();
    QCOMPARE(snapshot->size(), 3000);
    for (int i = 3000; i < 6000; ++i)
        original->append(generated(i));
    QCOMPARE(snapshot->size(), 3000);
    original->clear();
    for (int i = 0; i < 3000; ++i)
        original->append(generated(i + 100000));
    original.reset();
    for (int i = 0; i < 3000; ++i) {
        if (snapshot->bounce(i) != generated(i))
            QFAIL(qPrintable(QStringLiteral("row %1 of the snapshot changed").arg(i)));
    }
    QCOMPARE(bytes(snapshot->foldedEmailUtf8(5)), generated(5).email.toLower().toUtf8());
}

// The use the table model makes of it: another thread reads a snapshot while this one goes on
// appending rows (under ThreadSanitizer this is the race check).
void TestBounceStore::snapshotReadWhileAppending() {
    BounceStore store;
    for (int i = 0; i < 20000; ++i)
        store.append(generated(i));
    const std::shared_ptr<const BounceStore> snapshot = store.snapshot();
    std::atomic<int> mismatches{0};
    std::thread reader([&] {
        for (int pass = 0; pass < 3; ++pass) {
            for (BounceStore::Row row = 0; row < snapshot->size(); ++row) {
                const std::string_view email = snapshot->emailUtf8(row);
                if (email.empty() ||
                    snapshot->statusKey(row) != statusSortKey(snapshot->statusUtf8(row)))
                    ++mismatches;
            }
        }
    });
    for (int i = 20000; i < 80000; ++i)
        store.append(generated(i));
    reader.join();
    QCOMPARE(mismatches.load(), 0);
    QCOMPARE(snapshot->size(), 20000);
    QCOMPARE(snapshot->bounce(19999), generated(19999));
    QCOMPARE(store.bounce(79999), generated(79999));
}

// A batch's last block keeps pages made resident ahead of its rows; handed on whole, it gives
// them back first. Its rows stay, and appending afterwards works (those pages come back).
void TestBounceStore::releasedTailIsGivenBackAndRowsStay() {
    BounceStore store;
    store.reserve(16, qsizetype(1) << 20); // one block of 1 MiB, most of it never used
    store.append("a@x.com", "5.1.1", "no such user", "2021-01-01 00:00:00");
    QVERIFY(store.residentUnusedBytes() > 0);
    const std::string_view last = store.createdUtf8(0);
    const auto page = std::uintptr_t(::sysconf(_SC_PAGESIZE));
    // The first page wholly in the unused end; the block goes on for most of a MiB after it.
    const std::uintptr_t tail = std::uintptr_t(last.data() + last.size());
    void *firstWhole = reinterpret_cast<void *>((tail + page - 1) & ~(page - 1));
    unsigned char resident = 0;
    QCOMPARE(::mincore(firstWhole, page, &resident), 0);
    const bool populatedAhead = resident & 1;

    store.releaseUnusedResidentTail();
    QCOMPARE(store.residentUnusedBytes(), qsizetype(0));
    QCOMPARE(store.bounce(0),
             (Bounce{QStringLiteral("a@x.com"), QStringLiteral("5.1.1"),
                     QStringLiteral("no such user"), QStringLiteral("2021-01-01 00:00:00")}));
    unsigned char residentAfter = 0;
    QCOMPARE(::mincore(firstWhole, page, &residentAfter), 0);

    const std::string longCreated(5000, '9');
    store.append("b@x.com", "4.2.2", "mailbox full", longCreated);
    QCOMPARE(store.size(), qsizetype(2));
    QCOMPARE(store.email(0), QStringLiteral("a@x.com"));
    QCOMPARE(store.reason(1), QStringLiteral("mailbox full"));
    QCOMPARE(store.createdUtf8(1), std::string_view(longCreated));

    if (!populatedAhead)
        QSKIP("this system does not make pages resident ahead (MADV_POPULATE_WRITE): the "
              "rows were checked, the pages cannot be");
    QVERIFY2(!(residentAfter & 1), "the released page is still resident");
}

// The batches of a load, as BounceBatchBuilder makes them: each takes its text from the
// load's arena and gives back the end it did not fill, so the next batch's text follows on.
// Merged into one store, every row reads as it was appended, and that store appends on.
void TestBounceStore::batchesFromOneArenaLieBackToBack() {
    const auto arena = std::make_shared<BlockArena>();
    BounceStore merged;
    int next = 0;
    const char *expectedStart = nullptr;
    for (int batchIndex = 0; batchIndex < 40; ++batchIndex) {
        BounceStore batch;
        batch.takeBlocksFrom(arena);
        batch.reserve(300, qsizetype(64) << 10); // more than 300 rows need: a tail to give back
        for (int i = 0; i < 300; ++i)
            batch.append(generated(next++));
        const char *const start = batch.emailUtf8(0).data();
        if (expectedStart) {
            // Within a region the batch starts where the one before ended; 40 batches of
            // ~55 KB fit one 8 MiB region, so every batch follows on.
            QCOMPARE(static_cast<const void *>(start), static_cast<const void *>(expectedStart));
        }
        batch.releaseUnusedResidentTail();
        QCOMPARE(batch.textCapacity(), batch.textBytes()); // the tail went back
        const std::string_view last = batch.createdUtf8(batch.size() - 1);
        expectedStart = last.data() + last.size();
        merged.appendAll(std::move(batch));
    }
    merged.append(generated(next));
    QCOMPARE(merged.size(), qsizetype(next + 1));
    for (int i = 0; i <= next; ++i) {
        QCOMPARE(merged.bounce(i), generated(i));
        QCOMPARE(merged.createdKey(i), createdSortKey(QStringView(generated(i).created)));
    }
}

QTEST_GUILESS_MAIN(TestBounceStore)
#include "tst_bouncestore.moc"
