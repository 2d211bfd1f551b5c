// One libFuzzer target: BOUNCEDESK_FUZZ_TARGET names its check in FuzzChecks::targets. A
// property that breaks aborts, so libFuzzer keeps the input as a crash.
#include "fuzzchecks.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    static const FuzzChecks::Check check = FuzzChecks::checkNamed(BOUNCEDESK_FUZZ_TARGET);
    if (!check) {
        std::fprintf(stderr, "no fuzz check named %s\n", BOUNCEDESK_FUZZ_TARGET);
        std::abort();
    }
    const QString broken =
        check(QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (!broken.isEmpty()) {
        std::fprintf(stderr, "\n*** %s: %s\n\n", BOUNCEDESK_FUZZ_TARGET,
                     broken.toUtf8().constData());
        std::abort();
    }
    return 0;
}
