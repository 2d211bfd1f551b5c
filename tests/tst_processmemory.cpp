#include "core/processmemory.h"

#include "freedheaptestsupport.h"

#include <QtTest>

class TestProcessMemory : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void freedHeapIsGivenBack();
};

// Blocks freed inside the heap stay resident until releaseFreedHeap().
void TestProcessMemory::freedHeapIsGivenBack() {
#if !defined(__GLIBC__) || defined(BOUNCEDESK_OWN_MALLOC)
    QSKIP("not glibc's malloc: releaseFreedHeap() does nothing here");
#else
    const FreedHeap::Blocks freed;
    QVERIFY(freed.middle());
    QVERIFY2(FreedHeap::isResident(freed.middle()),
             "freed heap memory was given back before it was asked");

    releaseFreedHeap();
    QVERIFY2(!FreedHeap::isResident(freed.middle()), "freed heap memory is still resident");
#endif
}

QTEST_GUILESS_MAIN(TestProcessMemory)
#include "tst_processmemory.moc"
