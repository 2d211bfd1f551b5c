#include "processmemory.h"

#include <cstdlib> // defines __GLIBC__ where it applies
#include <mutex>

#ifdef __GLIBC__
#include <malloc.h>
#endif

void returnLargeBlocksToTheSystem() {
#ifdef __GLIBC__
    static std::once_flag once;
    std::call_once(once, [] {
        // Setting these also stops glibc adjusting them on its own. The trim threshold keeps
        // a few MiB free at the heap's top: body chunks of up to 1 MiB come and go there, and
        // giving each back at once would have every next one faulted in afresh.
        mallopt(M_MMAP_THRESHOLD, (4 << 20) + (256 << 10));
        mallopt(M_TRIM_THRESHOLD, 8 << 20);
    });
#endif
}
