/* Document lifetime, equality and path resolution, driven by the
 * descriptor tables (see doc_io.h). */
#include "doc_io.h"

#include <stdlib.h>
#include <string.h>

struct doc *doc_new(void)
{
        struct arena *a = arena_new();
        struct doc *d = arena_alloc(a, sizeof(*d));
        schema_init(&schema_doc, d);
        d->arena = a;
        return d;
}

void doc_free(struct doc *d)
{
        if (d)
                arena_free(d->arena);
}

/* ---- equality ------------------------------------------------------------ */

static bool object_equal(const struct schema *s, const void *a, const void *b);

static bool str_equal(const char *a, const char *b)
{
        return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static bool field_equal(const struct field *f, const void *a, const void *b)
{
        const void *ma = field_cptr(f, a), *mb = field_cptr(f, b);
        switch (f->type) {
        case FT_STR:
        case FT_TEXT:
                return str_equal(*(const char *const *)ma, *(const char *const *)mb);
        case FT_DEC:
                return dec_eq(*(const dec_t *)ma, *(const dec_t *)mb);
        case FT_INT:
                return *(const int64_t *)ma == *(const int64_t *)mb;
        case FT_BOOL:
                return *(const bool *)ma == *(const bool *)mb;
        case FT_ENUM:
                return *(const int *)ma == *(const int *)mb;
        case FT_OBJ:
                return object_equal(f->sub, ma, mb);
        case FT_ARR:
        case FT_DECS: {
                size_t na = *(const size_t *)((const char *)a + f->count_off);
                size_t nb = *(const size_t *)((const char *)b + f->count_off);
                if (na != nb)
                        return false;
                size_t size = f->type == FT_DECS ? sizeof(dec_t) : f->sub->size;
                const char *ia = *(const char *const *)ma, *ib = *(const char *const *)mb;
                for (size_t i = 0; i < na; i++) {
                        if (f->type == FT_DECS) {
                                if (!dec_eq(((const dec_t *)ia)[i], ((const dec_t *)ib)[i]))
                                        return false;
                        } else if (!object_equal(f->sub, ia + i * size, ib + i * size)) {
                                return false;
                        }
                }
                return true;
        }
        }
        return false;
}

static bool object_equal(const struct schema *s, const void *a, const void *b)
{
        for (size_t i = 0; i < s->n_fields; i++)
                if (!field_equal(&s->fields[i], a, b))
                        return false;
        return true;
}

bool doc_equal(const struct doc *a, const struct doc *b)
{
        return object_equal(&schema_doc, a, b);
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
                        size_t count = *(const size_t *)((const char *)base + f->count_off);
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
