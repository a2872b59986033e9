/* Fuzz target: the multipart/form-data parser. The input's first line is
 * the boundary (as the Content-Type header names it), the rest the body. */
#include "fuzz.h"

#include "../../src/http/multipart.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        const uint8_t *nl = memchr(data, '\n', size);
        size_t head = nl ? (size_t)(nl - data) : size;
        char *type = malloc(head + 32);
        if (!type)
                abort();
        memcpy(type, "multipart/form-data; boundary=", 30);
        memcpy(type + 30, data, head);
        type[30 + head] = '\0';
        size_t len = nl ? size - head - 1 : 0;
        char *body = malloc(len + 1); /* exactly the body: over-reads show */
        if (!body)
                abort();
        memcpy(body, nl ? nl + 1 : data, len);
        struct arena *a = arena_new();
        struct multipart m;
        if (!multipart_parse(a, type, body, len, &m))
                for (size_t i = 0; i < m.n_uploads; i++)
                        if (m.uploads[i].len && (m.uploads[i].data < body ||
                                                 m.uploads[i].data + m.uploads[i].len > body + len))
                                abort(); /* an upload outside the body */
        arena_free(a);
        free(body);
        free(type);
        return 0;
}
