/* Document lifetime, equality and path resolution (see doc_io.h). */
#include "doc_io.h"

#include <stdlib.h>
#include <string.h>

struct doc *doc_new(void)
{
        struct arena *a = arena_new();
        struct doc *d = arena_alloc(a, sizeof(*d));
        schema_init(&schema_doc, d);
        d->arena = a;
        d->sections = DOC_SECTIONS_KNOWN; /* empty */
        return d;
}

static unsigned sections_of(const struct doc *d)
{
        unsigned bits = DOC_SECTIONS_KNOWN;
        if (!field_empty(schema_field(&schema_doc, "basic_data"), d))
                bits |= DOC_HAS_BASIC;
        if (!field_empty(schema_field(&schema_doc, "performance_data"), d))
                bits |= DOC_HAS_PERF;
        return bits;
}

void doc_note_sections(struct doc *d)
{
        d->sections = sections_of(d);
}

bool doc_has_basic(const struct doc *d)
{
        unsigned bits = d->sections & DOC_SECTIONS_KNOWN ? d->sections : sections_of(d);
        return bits & DOC_HAS_BASIC;
}

bool doc_has_perf(const struct doc *d)
{
        unsigned bits = d->sections & DOC_SECTIONS_KNOWN ? d->sections : sections_of(d);
        return bits & DOC_HAS_PERF;
}

void doc_free(struct doc *d)
{
        if (d)
                arena_free(d->arena);
}

bool doc_equal(const struct doc *a, const struct doc *b)
{
        return bind_equal(&schema_doc, a, b);
}

/* ---- paths ---------------------------------------------------------------- */

bool doc_resolve(const struct doc *d, const char *path, struct doc_ref *out)
{
        if (path[0] != '$')
                return false;
        const char *p = path + 1;
        const struct schema *s = &schema_doc;
        const void *base = d;
        const struct field *leaf = NULL;
        while (*p) {
                if (leaf || *p != '.')
                        return false; /* nothing may follow a scalar */
                p++;
                size_t n = strcspn(p, ".[");
                if (n == 0 || n > 64)
                        return false;
                char key[65];
                memcpy(key, p, n);
                key[n] = '\0';
                p += n;
                const struct field *f = schema_field(s, key);
                if (!f)
                        return false;
                const void *m = field_cptr(f, base);
                switch (f->type) {
                case FT_OBJ:
                        s = f->sub;
                        base = m;
                        break;
                case FT_ARR: {
                        if (*p != '[')
                                return false;
                        char *end;
                        unsigned long i = strtoul(p + 1, &end, 10);
                        if (end == p + 1 || *end != ']')
                                return false;
                        size_t count = field_count(f, base);
                        if (i >= count)
                                return false;
                        base = *(const char *const *)m + i * f->sub->size;
                        s = f->sub;
                        p = end + 1;
                        break;
                }
                case FT_DECS:
                        return false;
                default:
                        leaf = f;
                        base = m;
                }
        }
        if (!leaf)
                return false;
        out->field = leaf;
        out->ptr = base;
        return true;
}
