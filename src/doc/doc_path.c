/* Addressing the members of a document by JSON path (see doc_io.h):
 * "$" followed by ".key" steps, each array member followed by "[i]". */
#include "doc_io.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void doc_element_label(const struct field *f, const void *elem, size_t i, struct buf *label)
{
        const struct field *name = schema_field(f->sub, "name");
        const char *text =
            name && name->type == FT_STR ? *(const char *const *)field_cptr(name, elem) : NULL;
        if (text && *text)
                buf_puts(label, text);
        else
                buf_printf(label, "%s第 %zu 项", f->label, i + 1);
}

bool doc_locate(const struct doc *d, const char *path, struct doc_loc *out, struct buf *label)
{
        if (path[0] != '$')
                return false;
        const char *p = path + 1;
        const struct schema *s = &schema_doc;
        void *base = (void *)d; /* callers that change d own it */
        struct doc_loc loc = {NULL, base, false, 0, base, s, 0};
        unsigned flags = 0;
        bool scalar = false;
        while (*p) {
                if (scalar || *p != '.')
                        return false; /* nothing may follow a scalar */
                p++;
                size_t n = strcspn(p, ".[");
                if (n == 0 || n > 64 || !loc.schema)
                        return false;
                char key[65];
                memcpy(key, p, n);
                key[n] = '\0';
                p += n;
                const struct field *f = schema_field(loc.schema, key);
                if (!f)
                        return false;
                base = loc.ptr;
                flags |= f->flags;
                loc = (struct doc_loc){f, base, false, 0, field_ptr(f, base), NULL, flags};
                if (label && label->len)
                        buf_puts(label, " › ");
                switch (f->type) {
                case FT_OBJ:
                        loc.schema = f->sub;
                        if (label)
                                buf_puts(label, f->label);
                        break;
                case FT_ARR:
                        if (*p != '[') {
                                if (label)
                                        buf_puts(label, f->label);
                                break;
                        }
                        char *end;
                        unsigned long i = strtoul(p + 1, &end, 10);
                        if (end == p + 1 || *end != ']' || p[1] == '-' || p[1] == '+')
                                return false;
                        if (i >= field_count(f, base))
                                return false;
                        loc.element = true;
                        loc.index = i;
                        loc.ptr = *(char **)loc.ptr + i * f->sub->size;
                        loc.schema = f->sub;
                        if (label)
                                doc_element_label(f, loc.ptr, i, label);
                        p = end + 1;
                        break;
                default:
                        scalar = true;
                        if (label)
                                buf_puts(label, f->label);
                }
        }
        if (!loc.field)
                return false;
        *out = loc;
        return true;
}

bool doc_resolve(const struct doc *d, const char *path, struct doc_ref *out)
{
        struct doc_loc loc;
        if (!doc_locate(d, path, &loc, NULL) || loc.element)
                return false;
        switch (loc.field->type) {
        case FT_OBJ:
        case FT_ARR:
        case FT_DECS:
                return false;
        default:
                break;
        }
        out->field = loc.field;
        out->ptr = loc.ptr;
        return true;
}

/* ---- from an address to a path ---------------------------------------------- */

/* Bytes the member f takes in its struct. */
static size_t member_size(const struct field *f)
{
        switch (f->type) {
        case FT_STR:
        case FT_TEXT:
                return sizeof(const char *);
        case FT_DEC:
                return sizeof(dec_t);
        case FT_INT:
                return sizeof(int64_t);
        case FT_BOOL:
                return sizeof(bool);
        case FT_ENUM:
                return sizeof(int);
        case FT_OBJ:
                return f->sub->size;
        case FT_ARR:
        case FT_DECS:
                return sizeof(void *);
        }
        return 0;
}

/* True when the structs s describes hold arrays, directly or nested. */
static bool holds_arrays(const struct schema *s)
{
        for (size_t i = 0; i < s->n_fields; i++)
                if (s->fields[i].type == FT_ARR ||
                    (s->fields[i].type == FT_OBJ && holds_arrays(s->fields[i].sub)))
                        return true;
        return false;
}

enum { MAX_STEPS = 24 };

/* The way to a member: each step a member (and an index into it, for an
 * element of an array). */
struct way {
        struct {
                const struct field *f;
                size_t index; /* SIZE_MAX: the member itself */
        } step[MAX_STEPS];
        size_t n;
};

static bool push(struct way *w, const struct field *f, size_t index)
{
        if (w->n == MAX_STEPS)
                return false;
        w->step[w->n].f = f;
        w->step[w->n].index = index;
        w->n++;
        return true;
}

/* Find the member of size n at m inside the struct at base (schema s) or
 * inside an element of one of its arrays, recording the way to it;
 * nothing is formatted on the way. Elements live apart from their
 * parents: a member within the struct's own bytes is one of its members
 * or inside one of its objects, found in one pass; any other is in an
 * element, looked for only in arrays and in objects that hold arrays. */
static bool find_member(const struct schema *s, const char *base, const char *m, size_t n,
                        struct way *w)
{
        if (m >= base && m < base + s->size) {
                for (size_t i = 0; i < s->n_fields; i++) {
                        const struct field *f = &s->fields[i];
                        const char *at = base + f->off;
                        size_t size = member_size(f), mark = w->n;
                        if (m == at && n == size)
                                return push(w, f, SIZE_MAX);
                        if (f->type == FT_OBJ && m >= at && m + n <= at + size) {
                                if (push(w, f, SIZE_MAX) && find_member(f->sub, at, m, n, w))
                                        return true;
                                w->n = mark;
                        }
                }
                return false;
        }
        for (size_t i = 0; i < s->n_fields; i++) {
                const struct field *f = &s->fields[i];
                const char *at = base + f->off;
                size_t mark = w->n;
                if (f->type == FT_OBJ) {
                        if (holds_arrays(f->sub) && push(w, f, SIZE_MAX) &&
                            find_member(f->sub, at, m, n, w))
                                return true;
                        w->n = mark;
                        continue;
                }
                if (f->type != FT_ARR)
                        continue;
                const char *items = *(const char *const *)at;
                size_t count = field_count(f, base), es = f->sub->size;
                if (!items)
                        continue;
                if (m >= items && m + n <= items + count * es) {
                        size_t k = (size_t)(m - items) / es;
                        if (!push(w, f, k))
                                return false;
                        if ((m == items + k * es && n == es) ||
                            find_member(f->sub, items + k * es, m, n, w))
                                return true;
                        w->n = mark;
                        continue;
                }
                if (!holds_arrays(f->sub))
                        continue;
                for (size_t k = 0; k < count; k++) {
                        if (push(w, f, k) && find_member(f->sub, items + k * es, m, n, w))
                                return true;
                        w->n = mark;
                }
        }
        return false;
}

bool doc_path_of(const struct doc *d, const void *member, size_t size, struct buf *out,
                 const struct field **field)
{
        struct way w = {.n = 0};
        if (!find_member(&schema_doc, (const char *)d, member, size, &w) || !w.n)
                return false;
        buf_putc(out, '$');
        for (size_t i = 0; i < w.n; i++) {
                buf_putc(out, '.');
                buf_puts(out, w.step[i].f->key);
                if (w.step[i].index != SIZE_MAX)
                        buf_printf(out, "[%zu]", w.step[i].index);
        }
        if (field)
                *field = w.step[w.n - 1].f;
        return true;
}
