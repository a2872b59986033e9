/* Fuzz target: the decoder of urlencoded form bodies. Every value handed
 * out is a NUL-terminated string no longer than the body. */
#include "fuzz.h"

#include "../../src/http/form.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct arena *a = arena_new();
        struct param *p;
        size_t n;
        form_urlencoded_parse(a, (const char *)data, size, &p, &n);
        for (size_t i = 0; i < n; i++)
                if (!p[i].name || !p[i].value || strlen(p[i].name) > size ||
                    strlen(p[i].value) > size)
                        abort();
        arena_free(a);
        return 0;
}
