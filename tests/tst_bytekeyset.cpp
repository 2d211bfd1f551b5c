// V3ListLoad's record of delivered addresses: exact (no two keys confused, whatever their
// hashes), byte for byte (case, embedded NULs, empty key), and unchanged as it grows, also while
// a growth's move is under way; and each growth's table prepared shortly before it.

#include "api/bytekeyset.h"

#include <QtTest>

#include <algorithm>
#include <string>
#include <vector>

class TestByteKeySet : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void insertTellsNewFromSeen() {
        ByteKeySet set;
        QVERIFY(set.insert("a@x.test"));
        QVERIFY(!set.insert("a@x.test"));
        QVERIFY(set.insert("A@x.test")); // bytes, not case-folded
        QVERIFY(set.insert(std::string_view("a@x.test\0g1", 11)));
        QVERIFY(set.insert(std::string_view("a@x.test\0g2", 11)));
        QVERIFY(!set.insert(std::string_view("a@x.test\0g1", 11)));
        QVERIFY(set.insert(""));
        QVERIFY(!set.insert(""));
        QCOMPARE(set.size(), std::size_t(5));
        QVERIFY(set.contains("A@x.test"));
        QVERIFY(!set.contains("b@x.test"));
    }

    void insertAllAsOneByOne() {
        ByteKeySet set;
        QVERIFY(set.insert("seen@x.test"));
        const std::vector<std::string_view> keys{
            "a@x.test", "seen@x.test", "b@x.test", "a@x.test", "", ""};
        const std::vector<bool> fresh = set.insertAll(keys);
        QCOMPARE(fresh, (std::vector<bool>{true, false, true, false, true, false}));
        QCOMPARE(set.size(), std::size_t(4));
        QVERIFY(set.insertAll({}).empty());
        // A batch that makes the set grow, and one that repeats it whole.
        std::vector<std::string> many;
        for (int i = 0; i < 5000; ++i)
            many.push_back("many" + std::to_string(i) + "@example.com");
        const std::vector<std::string_view> views(many.begin(), many.end());
        const std::vector<bool> first = set.insertAll(views);
        QVERIFY(std::all_of(first.begin(), first.end(), [](bool b) { return b; }));
        const std::vector<bool> again = set.insertAll(views);
        QVERIFY(std::none_of(again.begin(), again.end(), [](bool b) { return b; }));
        QCOMPARE(set.size(), std::size_t(4 + 5000));
        QVERIFY(set.contains("many4999@example.com"));
    }

    void growsWithoutLosingKeys() {
        ByteKeySet set;
        // ~9 MB of keys: past the growing blocks, well into the 4 MiB ones (their upper half
        // too, where a key's offset needs every bit of its place).
        const int count = 400000;
        for (int i = 0; i < count; ++i)
            QVERIFY(set.insert("user" + std::to_string(i) + "@example.com"));
        // A key longer than the largest block (4 MiB): a block of its own.
        const std::string huge(5 << 20, 'h');
        QVERIFY(set.insert(huge));
        QVERIFY(set.insert("after-huge@example.com"));
        QCOMPARE(set.size(), std::size_t(count + 2));
        for (int i = 0; i < count; ++i)
            QVERIFY(!set.insert("user" + std::to_string(i) + "@example.com"));
        QVERIFY(set.contains(huge));
        QVERIFY(!set.contains(std::string(5 << 20, 'i')));
        QVERIFY(set.contains("after-huge@example.com"));
        QVERIFY(!set.contains("user" + std::to_string(count) + "@example.com"));
    }

    // Growth moves the old table's slots a few per key inserted, not all at once; every key
    // stays found meanwhile, in whichever table it is, and none is taken for another.
    void growthMovesSlotsWhileKeysStayFound() {
        ByteKeySet set;
        const auto key = [](int i) { return "user" + std::to_string(i) + "@example.com"; };
        const auto batch = [&](int from, int count) {
            std::vector<std::string> keys;
            for (int i = from; i < from + count; ++i)
                keys.push_back(key(i));
            return keys;
        };
        const auto insertBatch = [&](const std::vector<std::string> &keys) {
            return set.insertAll(std::vector<std::string_view>(keys.begin(), keys.end()));
        };
        const int perBatch = 100;
        int inserted = 0;
        // Batches until a growth of a table of some size is under way (the first tables are
        // too small to show much).
        while (set.slotsLeftToMove() == 0 || inserted < 2000) {
            const std::vector<bool> fresh = insertBatch(batch(inserted, perBatch));
            QVERIFY(std::all_of(fresh.begin(), fresh.end(), [](bool b) { return b; }));
            inserted += perBatch;
            QVERIFY(inserted < 1'000'000);
        }
        const std::size_t leftAfterGrowth = set.slotsLeftToMove();
        // Mid-move: old keys are neither new nor lost, and keys new to the set go in once.
        for (int i = 0; i < inserted; ++i)
            QVERIFY(set.contains(key(i)));
        const std::vector<bool> repeated = insertBatch(batch(0, perBatch));
        QVERIFY(std::none_of(repeated.begin(), repeated.end(), [](bool b) { return b; }));
        QVERIFY(set.slotsLeftToMove() < leftAfterGrowth);
        QVERIFY(set.slotsLeftToMove() > 0);
        QVERIFY(!set.contains(key(inserted)));
        QVERIFY(set.insert(key(inserted)));
        QVERIFY(!set.insert(key(inserted)));
        ++inserted;
        // The move ends within the keys the new table was made for.
        int batches = 0;
        while (set.slotsLeftToMove() > 0) {
            insertBatch(batch(inserted, perBatch));
            inserted += perBatch;
            QVERIFY(++batches <= int(leftAfterGrowth / (ByteKeySet::movesPerKey * perBatch)) + 1);
        }
        QCOMPARE(set.size(), std::size_t(inserted));
        for (int i = 0; i < inserted; ++i)
            QVERIFY(!set.insert(key(i)));
        QVERIFY(!set.contains(key(inserted)));
    }

    // The table a growth switches to was taken and touched ahead of it (its first batch would
    // otherwise fault in all of its pages in one turn of the GUI thread), but not long ahead:
    // within the last 1/32 of the keys before the growth, and a batch.
    void growthFindsTheNextTablePrepared() {
        ByteKeySet set;
        const int perBatch = 100;
        int inserted = 0;
        int growths = 0;
        int takenAt = -1; // keys in the set when the next table was taken
        std::vector<std::string> keys(perBatch);
        while (growths < 4) {
            const bool wasMoving = set.slotsLeftToMove() > 0;
            const std::size_t prepared = set.nextTableBytesPrepared();
            const std::size_t whole = set.nextTableBytes();
            if (whole != 0 && takenAt < 0)
                takenAt = inserted;
            for (int i = 0; i < perBatch; ++i)
                keys[i] = "user" + std::to_string(inserted + i) + "@example.com";
            set.insertAll(std::vector<std::string_view>(keys.begin(), keys.end()));
            if (!wasMoving && set.slotsLeftToMove() > 0 && inserted > 2000) {
                // This batch grew the table: it was there before, whole.
                QVERIFY(whole > 0);
                QCOMPARE(prepared, whole);
                QVERIFY(takenAt >= 0);
                QVERIFY2(
                    inserted - takenAt <= inserted / 32 + perBatch,
                    qPrintable(
                        QStringLiteral("taken at %1 keys, grew at %2").arg(takenAt).arg(inserted)));
                ++growths;
            }
            if (set.nextTableBytes() == 0)
                takenAt = -1;
            inserted += perBatch;
            QVERIFY(inserted < 1'000'000);
        }
        QCOMPARE(set.size(), std::size_t(inserted));
        for (int i = 0; i < inserted; ++i)
            QVERIFY(set.contains("user" + std::to_string(i) + "@example.com"));
    }
};

QTEST_GUILESS_MAIN(TestByteKeySet)
#include "tst_bytekeyset.moc"
