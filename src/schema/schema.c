/* Generic helpers over descriptor tables (see schema.h): initialising,
 * emptiness, lookup, enumerations and the Markdown reference. */
#include "schema.h"

#include "../base/dec.h"

#include <inttypes.h>
#include <string.h>

void schema_init(const struct schema *s, void *p)
{
        for (size_t i = 0; i < s->n_fields; i++) {
                const struct field *f = &s->fields[i];
                void *m = field_ptr(f, p);
                switch (f->type) {
                case FT_DEC:
                        *(dec_t *)m = DEC_NONE;
                        break;
                case FT_INT:
                        *(int64_t *)m = SCHEMA_INT_NONE;
                        break;
                case FT_OBJ:
                        schema_init(f->sub, m);
                        break;
                default:
                        break; /* zero is "absent" for the rest */
                }
        }
}

void schema_copy(const struct schema *s, void *dst, const void *src, struct arena *a)
{
        memcpy(dst, src, s->size);
        for (size_t i = 0; i < s->n_fields; i++) {
                const struct field *f = &s->fields[i];
                void *m = field_ptr(f, dst);
                const void *from = field_cptr(f, src);
                switch (f->type) {
                case FT_STR:
                case FT_TEXT:
                        if (*(const char *const *)from)
                                *(char **)m = arena_strdup(a, *(const char *const *)from);
                        break;
                case FT_OBJ:
                        schema_copy(f->sub, m, from, a);
                        break;
                case FT_ARR: {
                        size_t n = field_count(f, src);
                        const char *items = *(const char *const *)from;
                        char *copy = n ? arena_alloc(a, n * f->sub->size) : NULL;
                        for (size_t k = 0; k < n; k++)
                                schema_copy(f->sub, copy + k * f->sub->size,
                                            items + k * f->sub->size, a);
                        *(char **)m = copy;
                        break;
                }
                case FT_DECS: {
                        size_t n = field_count(f, src);
                        dec_t *copy = n ? arena_alloc(a, n * sizeof(dec_t)) : NULL;
                        if (n)
                                memcpy(copy, *(const dec_t *const *)from, n * sizeof(dec_t));
                        *(dec_t **)m = copy;
                        break;
                }
                default:
                        break;
                }
        }
}

bool field_empty(const struct field *f, const void *base)
{
        const void *m = field_cptr(f, base);
        switch (f->type) {
        case FT_STR:
        case FT_TEXT:
                return *(const char *const *)m == NULL;
        case FT_DEC:
                return !dec_is_set(*(const dec_t *)m);
        case FT_INT:
                return *(const int64_t *)m == SCHEMA_INT_NONE;
        case FT_BOOL:
                return !*(const bool *)m;
        case FT_ENUM:
                return *(const int *)m == 0;
        case FT_OBJ:
                return schema_empty(f->sub, m);
        case FT_ARR:
        case FT_DECS:
                return field_count(f, base) == 0;
        }
        return true;
}

bool schema_empty(const struct schema *s, const void *p)
{
        for (size_t i = 0; i < s->n_fields; i++)
                if (!field_empty(&s->fields[i], p))
                        return false;
        return true;
}

const struct field *schema_field(const struct schema *s, const char *key)
{
        for (size_t i = 0; i < s->n_fields; i++)
                if (strcmp(s->fields[i].key, key) == 0)
                        return &s->fields[i];
        return NULL;
}

const char *enum_name(const struct enum_def *e, int v)
{
        return v >= 1 && (size_t)v <= e->n ? e->names[v - 1] : NULL;
}

const char *enum_label(const struct enum_def *e, int v)
{
        return v >= 1 && (size_t)v <= e->n ? e->labels[v - 1] : NULL;
}

/* ---- reference ------------------------------------------------------------ */

enum { MAX_SCHEMAS = 128 };

static void type_name(const struct field *f, struct buf *b)
{
        switch (f->type) {
        case FT_STR:
                buf_puts(b, "string");
                break;
        case FT_TEXT:
                buf_puts(b, "text");
                break;
        case FT_DEC:
                buf_puts(b, "decimal");
                break;
        case FT_INT:
                buf_printf(b, "integer %" PRId64 "–%" PRId64, f->min, f->max);
                break;
        case FT_BOOL:
                buf_puts(b, "boolean");
                break;
        case FT_ENUM:
                buf_puts(b, "one of");
                for (size_t i = 0; i < f->en->n; i++)
                        buf_printf(b, "%s `%s`", i ? "," : "", f->en->names[i]);
                break;
        case FT_OBJ:
                buf_printf(b, "[%s](#%s)", f->sub->name, f->sub->name);
                break;
        case FT_ARR:
                buf_printf(b, "array of [%s](#%s)", f->sub->name, f->sub->name);
                break;
        case FT_DECS:
                buf_puts(b, "array of decimal");
                break;
        }
}

void schema_reference(const struct schema *root, struct buf *out)
{
        const struct schema *queue[MAX_SCHEMAS];
        size_t head = 0, tail = 0;
        queue[tail++] = root;
        while (head < tail) {
                const struct schema *s = queue[head++];
                buf_printf(out, "### %s\n\n%s\n\n", s->name, s->label);
                buf_puts(out, "| key | 中文名 | type | required | note |\n|---|---|---|---|---|\n");
                for (size_t i = 0; i < s->n_fields; i++) {
                        const struct field *f = &s->fields[i];
                        buf_printf(out, "| `%s` | %s | ", f->key, f->label);
                        type_name(f, out);
                        buf_printf(out, " | %s | %s |\n", f->flags & FL_REQUIRED ? "yes" : "",
                                   f->note ? f->note : "");
                        if (f->type != FT_OBJ && f->type != FT_ARR)
                                continue;
                        bool known = false;
                        for (size_t k = 0; k < tail; k++)
                                known |= queue[k] == f->sub;
                        if (!known && tail < MAX_SCHEMAS)
                                queue[tail++] = f->sub;
                }
                buf_putc(out, '\n');
        }
}
