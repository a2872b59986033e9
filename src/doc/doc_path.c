/* Addressing the members of a document by JSON path (see doc_io.h):
 * "$" followed by ".key" steps, each array member followed by "[i]". */
#include "doc_io.h"

#include <pthread.h>
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

/* Find the member of size n at m within the bytes of the struct at base
 * (schema s): one of its members, or a member inside one of its objects,
 * recording the way to it. */
static bool find_member(const struct schema *s, const char *base, const char *m, size_t n,
                        struct way *w)
{
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

/* ---- members of elements ------------------------------------------------------ */

/* Elements live apart from their parents, so a member outside the
 * document's own bytes is looked for in the elements of its arrays, and
 * only there: the routes, worked out once from the descriptors, lead to
 * every array member through the objects that hold one. */
struct route {
        const struct field *field; /* FT_OBJ (holding arrays) or FT_ARR */
        const struct route *inner; /* the routes inside the object, or inside each element */
        size_t n_inner;
};

static struct arena *route_arena;
static const struct route *doc_routes;
static size_t n_doc_routes;
static pthread_once_t routes_once = PTHREAD_ONCE_INIT;

/* The routes inside the structs s describes, in the route arena; *n gets
 * their count. */
static const struct route *routes_of(const struct schema *s, size_t *n)
{
        struct route *r = arena_alloc(route_arena, (s->n_fields + 1) * sizeof(*r));
        *n = 0;
        for (size_t k = 0; k < s->n_fields; k++) {
                const struct field *f = &s->fields[k];
                if (f->type != FT_OBJ && f->type != FT_ARR)
                        continue;
                struct route to = {f, NULL, 0};
                to.inner = routes_of(f->sub, &to.n_inner);
                if (f->type == FT_ARR || to.n_inner)
                        r[(*n)++] = to;
        }
        return r;
}

static void free_routes(void)
{
        arena_free(route_arena);
}

static void make_routes(void)
{
        route_arena = arena_new();
        atexit(free_routes);
        doc_routes = routes_of(&schema_doc, &n_doc_routes);
}

/* Find the member of size n at m in an element of an array that the
 * routes r[0..count) lead to from the struct at base, recording the way. */
static bool find_in_elements(const struct route *r, size_t count, const char *base, const char *m,
                             size_t n, struct way *w)
{
        for (const struct route *to = r; to < r + count; to++) {
                const struct field *f = to->field;
                size_t mark = w->n;
                if (f->type == FT_OBJ) {
                        if (push(w, f, SIZE_MAX) &&
                            find_in_elements(to->inner, to->n_inner, base + f->off, m, n, w))
                                return true;
                        w->n = mark;
                        continue;
                }
                const char *items = *(const char *const *)(base + f->off);
                size_t rows = field_count(f, base), es = f->sub->size;
                if (!items)
                        continue;
                if (m >= items && m + n <= items + rows * es) { /* in element k */
                        size_t k = (size_t)(m - items) / es;
                        if (!push(w, f, k))
                                return false;
                        if ((m == items + k * es && n == es) ||
                            find_member(f->sub, items + k * es, m, n, w))
                                return true;
                        w->n = mark;
                        continue;
                }
                for (size_t k = 0; to->n_inner && k < rows; k++) {
                        if (push(w, f, k) &&
                            find_in_elements(to->inner, to->n_inner, items + k * es, m, n, w))
                                return true;
                        w->n = mark;
                }
        }
        return false;
}

/* Append "[i]" (without printf: paths are made often, and small). */
static void put_index(struct buf *out, size_t i)
{
        char text[24];
        size_t at = sizeof text;
        text[--at] = ']';
        do
                text[--at] = (char)('0' + i % 10);
        while ((i /= 10) != 0);
        text[--at] = '[';
        buf_append(out, text + at, sizeof text - at);
}

bool doc_path_of(const struct doc *d, const void *member, size_t size, struct buf *out,
                 const struct field **field)
{
        const char *base = (const char *)d, *m = member;
        struct way w;
        w.n = 0; /* the steps are written as the way is found */
        bool found;
        if (m >= base && m < base + sizeof *d) {
                found = find_member(&schema_doc, base, m, size, &w);
        } else {
                pthread_once(&routes_once, make_routes);
                found = find_in_elements(doc_routes, n_doc_routes, base, m, size, &w);
        }
        if (!found || !w.n)
                return false;
        buf_putc(out, '$');
        for (size_t i = 0; i < w.n; i++) {
                buf_putc(out, '.');
                buf_puts(out, w.step[i].f->key);
                if (w.step[i].index != SIZE_MAX)
                        put_index(out, w.step[i].index);
        }
        if (field)
                *field = w.step[w.n - 1].f;
        return true;
}
