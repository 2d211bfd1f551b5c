#pragma once

#include <QtGlobal>

// How this process gives memory back. A million rows mean tens of MB of scratch memory per
// sort or filter, freed a moment later. glibc's malloc raises its mmap threshold to the size
// of the largest block freed (up to 32 MiB) and its trim threshold to twice that, so after the
// first big sort such blocks come from the heap and stay resident when freed, a good part of
// a million-row window's peak (tests/benchmark/README.md). A fixed threshold keeps every block of
// more than 4 MiB in its own mapping, returned to the system the moment it is freed (smaller
// ones are reused from the heap, as before, with at most 8 MiB left free at its top).
// A process-wide setting, so only main() calls it (the application and the benchmark);
// it does nothing on other C libraries.
void returnLargeBlocksToTheSystem();

// Makes the pages of [begin, begin + bytes) resident for writing in one system call, for memory
// about to be filled. Here every first touch of a fresh page is a fault, and in a virtual machine
// each fault costs far more than the bytes copied into the page: the faults of the store's text
// were an eighth of a million-row load's parser thread (tests/benchmark/README.md). The pages
// holding the range's ends are included; nothing is written. Does nothing where the system cannot
// (Linux before 5.14, other systems): the pages are then faulted in as they are touched.
void populateForWriting(char *begin, qsizetype bytes);

// Gives back the pages that lie wholly inside [begin, begin + bytes): memory made resident ahead
// (populateForWriting) that will now never be written. They read as zeros if touched again.
// Pages only partly inside the range, which may hold other data, are kept. Does nothing where
// the system cannot.
void releaseUnwritten(char *begin, qsizetype bytes);

// Gives back to the system the free memory inside malloc's heaps (glibc's malloc_trim). A
// million-row load leaves 14-16 MB of them resident: the staged rows, body pieces and
// batches that were in flight, freed at its end into the heaps of the threads that made them,
// where nothing reuses them until the next load, and the peak of the first sort after the
// load stood on top of them (tests/benchmark/README.md). It takes tens of milliseconds, so it
// is called off the GUI thread, once per list (with its first order). Does nothing on
// other C libraries.
void releaseFreedHeap();
