/* Fuzz target: the line differences of the version history. The input is
 * split at its first NUL into two texts: the difference made from one to
 * the other must turn it into the other exactly, and applying the second
 * text as a difference must never crash. */
#include "fuzz.h"

#include "../../src/base/linediff.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        const uint8_t *nul = memchr(data, 0, size);
        size_t na = nul ? (size_t)(nul - data) : size;
        const char *a = (const char *)data, *b = nul ? (const char *)nul + 1 : "";
        size_t nb = nul ? size - na - 1 : 0;
        struct buf delta = BUF_INIT, back = BUF_INIT, junk = BUF_INIT;
        linediff_make(a, na, b, nb, &delta);
        if (!linediff_apply(a, na, delta.data ? delta.data : "", delta.len, &back) ||
            back.len != nb || (nb && memcmp(back.data, b, nb) != 0))
                abort();
        linediff_apply(a, na, b, nb, &junk);
        buf_free(&delta);
        buf_free(&back);
        buf_free(&junk);
        return 0;
}
