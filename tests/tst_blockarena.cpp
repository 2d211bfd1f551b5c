#include "core/blockarena.h"

#include <QtTest>

#include <algorithm>
#include <cstring>
#include <memory>
#include <vector>

class TestBlockArena : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void piecesFollowEachOther();
    void givenBackEndStartsTheNextPiece();
    void onlyTheLastPieceCanBeShortened();
    void aPieceThatDoesNotFitStartsARegion();
    void regionsOfDroppedPiecesAreReused();
    void piecesOutliveTheArena();
};

// Pieces of one region lie back to back, each as large as asked while the region lasts.
void TestBlockArena::piecesFollowEachOther() {
    BlockArena arena;
    const BlockArena::Piece first = arena.take(10, 1000);
    const BlockArena::Piece second = arena.take(10, 3000);
    QCOMPARE(first.bytes, std::size_t(1000));
    QCOMPARE(second.bytes, std::size_t(3000));
    QCOMPARE(second.data.get(), first.data.get() + 1000);
    // Both are writable through their whole length without touching each other.
    std::memset(first.data.get(), 'a', first.bytes);
    std::memset(second.data.get(), 'b', second.bytes);
    QCOMPARE(first.data[999], 'a');
    QCOMPARE(second.data[0], 'b');
}

void TestBlockArena::givenBackEndStartsTheNextPiece() {
    BlockArena arena;
    const BlockArena::Piece first = arena.take(10, 4096);
    QVERIFY(arena.giveBack(first.data.get() + first.bytes, 4000));
    const BlockArena::Piece next = arena.take(10, 100);
    QCOMPARE(next.data.get(), first.data.get() + 96);
}

void TestBlockArena::onlyTheLastPieceCanBeShortened() {
    BlockArena arena;
    const BlockArena::Piece first = arena.take(10, 100);
    const BlockArena::Piece second = arena.take(10, 100);
    QVERIFY(!arena.giveBack(first.data.get() + first.bytes, 50));
    QVERIFY(!arena.giveBack(second.data.get() + 99, 50)); // not where the piece ends
    const BlockArena::Piece third = arena.take(10, 100);
    QCOMPARE(third.data.get(), second.data.get() + 100);
}

// The rest of a region is handed out when it holds the minimum, even if not all that was
// wanted; below the minimum a new region starts.
void TestBlockArena::aPieceThatDoesNotFitStartsARegion() {
    BlockArena arena;
    const std::size_t most = BlockArena::regionBytes - 1000;
    const BlockArena::Piece big = arena.take(most, most);
    const BlockArena::Piece rest = arena.take(500, 4000);
    QCOMPARE(rest.bytes, std::size_t(1000));
    QCOMPARE(rest.data.get(), big.data.get() + most);
    const BlockArena::Piece fresh = arena.take(2000, 4000);
    QCOMPARE(fresh.bytes, std::size_t(4000));
    const bool outsideTheFirst = fresh.data.get() < big.data.get() ||
                                 fresh.data.get() >= big.data.get() + BlockArena::regionBytes;
    QVERIFY(outsideTheFirst);
}

// A region whose pieces are all gone waits for the next pieces (two at most are kept).
void TestBlockArena::regionsOfDroppedPiecesAreReused() {
    BlockArena arena;
    const std::size_t whole = BlockArena::regionBytes;
    std::vector<BlockArena::Piece> pieces;
    for (int i = 0; i < 4; ++i)
        pieces.push_back(arena.take(whole, whole)); // a region each
    std::vector<const char *> regions;
    for (const BlockArena::Piece &piece : pieces)
        regions.push_back(piece.data.get());
    QCOMPARE(arena.spareRegions(), 0);
    pieces.clear();
    // The last region stays the arena's current one; of the three others two are kept.
    QCOMPARE(arena.spareRegions(), BlockArena::maxSpareRegions);
    // The next region is one of those kept, and the one the arena moves on from (its pieces
    // gone) takes its place among the spares.
    const BlockArena::Piece reused = arena.take(whole, whole);
    QCOMPARE(arena.spareRegions(), BlockArena::maxSpareRegions);
    // Kept were the first two to go; the third went back to the system (a new mapping could
    // land where it was, so it is no evidence of reuse).
    QVERIFY(reused.data.get() == regions[0] || reused.data.get() == regions[1]);
    std::memset(reused.data.get(), 'x', reused.bytes);
}

void TestBlockArena::piecesOutliveTheArena() {
    BlockArena::Piece kept;
    {
        BlockArena arena;
        kept = arena.take(10, 64);
        const BlockArena::Piece dropped = arena.take(10, 64);
    }
    std::memset(kept.data.get(), 'k', kept.bytes);
    QCOMPARE(kept.data[63], 'k');
}

QTEST_GUILESS_MAIN(TestBlockArena)
#include "tst_blockarena.moc"
