#pragma once

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
