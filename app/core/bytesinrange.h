#pragma once

#ifdef __SSE2__
#include <emmintrin.h>

// The bytes of `v` in [first, first + count), as a mask of 0xFF bytes (signed compares of
// shifted bytes: SSE2 has no unsigned byte compare). For the byte tests that read sixteen bytes
// at a time: the classifier's folding and word starts, the store's test for upper case.
inline __m128i bytesInRange(__m128i v, unsigned char first, int count) {
    const __m128i shifted = _mm_add_epi8(v, _mm_set1_epi8(static_cast<char>(0x80 - first)));
    return _mm_cmplt_epi8(shifted, _mm_set1_epi8(static_cast<char>(-128 + count)));
}
#endif
