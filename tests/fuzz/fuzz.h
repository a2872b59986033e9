/* Shared by the fuzz targets (tests/fuzz/fuzz_*.c, built with clang's
 * libFuzzer by "make fuzz"; tools/fuzz.sh runs them): the entry point
 * libFuzzer calls, and the seed documents built into the binary. */
#ifndef JX_FUZZ_H
#define JX_FUZZ_H

#include "../../src/base/embedded.h"
#include "../../src/doc/doc_io.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Called by libFuzzer with each input; returns 0. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The seed example at path (e.g. "examples/seed-004-suining-2024.json"),
 * parsed; aborts when it is missing or does not parse. Free with doc_free. */
static inline struct doc *fuzz_seed_doc(const char *path)
{
        const struct embedded_file *f = embedded_find(path);
        struct diags errs = DIAGS_INIT;
        struct doc *d = f ? doc_parse((const char *)f->data, f->size, &errs) : NULL;
        diags_free(&errs);
        if (!d)
                abort();
        return d;
}

/* data[0..size) as a NUL-terminated string (NULs inside kept); free it. */
static inline char *fuzz_string(const uint8_t *data, size_t size)
{
        char *s = malloc(size + 1);
        if (!s)
                abort();
        memcpy(s, data, size);
        s[size] = '\0';
        return s;
}

#endif
