/* Document lifetime, sections and equality (see doc_io.h). */
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

bool doc_path_is_stated(const char *path)
{
        const char *key = strrchr(path, '.');
        return key && strncmp(key, ".stated_", 8) == 0;
}

struct doc *doc_clone(const struct doc *d)
{
        struct arena *a = arena_new();
        struct doc *c = arena_alloc(a, sizeof(*c));
        schema_copy(&schema_doc, c, d, a);
        c->arena = a;
        return c;
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
