#include "core/largememory.h"

#include <QtTest>

#include <cstdint>
#include <cstring>
#include <memory>

class TestLargeMemory : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void blocksComeZeroedAndWritable_data();
    void blocksComeZeroedAndWritable();
    void largeBlocksAskForHugePages();
    void arraysHoldTheirCountZeroed();
};

namespace {

// The VmFlags line of the mapping in /proc/self/smaps that holds `address`; empty when none.
QByteArray mappingFlags(const void *address) {
    QFile smaps(QStringLiteral("/proc/self/smaps"));
    if (!smaps.open(QIODevice::ReadOnly))
        return {};
    const auto at = quintptr(address);
    bool inside = false;
    // Read whole: a file of /proc has no size, so QFile::atEnd() holds at once.
    const QList<QByteArray> lines = smaps.readAll().split('\n');
    for (const QByteArray &untrimmed : lines) {
        const QByteArray line = untrimmed.trimmed();
        // A mapping starts with its range, "start-end perms ..."; its fields follow as "Name: ...".
        const QByteArray first = line.left(line.indexOf(' '));
        const qsizetype dash = first.indexOf('-');
        bool okStart = false;
        bool okEnd = false;
        const quintptr start = first.left(dash).toULongLong(&okStart, 16);
        const quintptr end = first.mid(dash + 1).toULongLong(&okEnd, 16);
        if (dash > 0 && okStart && okEnd) {
            inside = start <= at && at < end;
        } else if (inside && line.startsWith("VmFlags:")) {
            return line.mid(8).trimmed();
        }
    }
    return {};
}

} // namespace

void TestLargeMemory::blocksComeZeroedAndWritable_data() {
    QTest::addColumn<qulonglong>("bytes");
    QTest::newRow("small: from the heap") << qulonglong(4096);
    QTest::newRow("just below a huge page") << qulonglong(LargeMemory::hugePageBytes - 8);
    QTest::newRow("one huge page") << qulonglong(LargeMemory::hugePageBytes);
    QTest::newRow("not a whole number of huge pages")
        << qulonglong(3 * LargeMemory::hugePageBytes + 12345);
}

void TestLargeMemory::blocksComeZeroedAndWritable() {
    QFETCH(qulonglong, bytes);
    const std::size_t size = std::size_t(bytes);
    std::unique_ptr<char[], LargeMemory::Deleter> block(
        static_cast<char *>(LargeMemory::allocateZeroed(size)), LargeMemory::Deleter{size});
    QVERIFY(block);
    // Every byte reads zero: the first, the last and one in every page between.
    for (std::size_t at = 0; at < size; at += 4096)
        QCOMPARE(block[at], '\0');
    QCOMPARE(block[size - 1], '\0');
    std::memset(block.get(), 0x5a, size);
    QCOMPARE(block[size - 1], '\x5a');
    QCOMPARE(block[size / 2], '\x5a');
}

// A block of a huge page or more starts on a 2 MiB boundary, in a mapping that asked the
// kernel for huge pages ("hg" in its VmFlags). Whether the kernel has one free at the moment is
// its business; asking is ours.
void TestLargeMemory::largeBlocksAskForHugePages() {
#ifndef Q_OS_LINUX
    QSKIP("transparent huge pages are Linux's");
#else
    if (!QFileInfo::exists(QStringLiteral("/sys/kernel/mm/transparent_hugepage/enabled")))
        QSKIP("this kernel has no transparent huge pages");
    const std::size_t size = 2 * LargeMemory::hugePageBytes;
    std::unique_ptr<char[], LargeMemory::Deleter> block(
        static_cast<char *>(LargeMemory::allocateZeroed(size)), LargeMemory::Deleter{size});
    QCOMPARE(quintptr(block.get()) % LargeMemory::hugePageBytes, quintptr(0));
    const QByteArray flags = mappingFlags(block.get());
    QVERIFY2(!flags.isEmpty(), "the block is in no mapping of /proc/self/smaps");
    QVERIFY2(flags.split(' ').contains("hg"), flags.constData());
    // The whole block lies in that one mapping.
    QCOMPARE(mappingFlags(block.get() + size - 1), flags);

    const std::size_t small = 4096;
    std::unique_ptr<char[], LargeMemory::Deleter> smallBlock(
        static_cast<char *>(LargeMemory::allocateZeroed(small)), LargeMemory::Deleter{small});
    QVERIFY2(!mappingFlags(smallBlock.get()).split(' ').contains("hg"),
             "a small block asked for a huge page");
#endif
}

// allocateArray(): `count` elements, not bytes; zero until written, and writable to the last.
void TestLargeMemory::arraysHoldTheirCountZeroed() {
    for (const std::size_t count : {std::size_t(3), LargeMemory::hugePageBytes / 8 + 5}) {
        const LargeMemory::Array<quint64> values = LargeMemory::allocateArray<quint64>(count);
        QVERIFY(values);
        QCOMPARE(values.get_deleter().bytes, count * sizeof(quint64));
        QCOMPARE(values[0], quint64(0));
        QCOMPARE(values[count - 1], quint64(0));
        for (std::size_t i = 0; i < count; ++i)
            values[i] = ~quint64(i);
        QCOMPARE(values[count - 1], ~quint64(count - 1));
    }
}

QTEST_APPLESS_MAIN(TestLargeMemory)
#include "tst_largememory.moc"
