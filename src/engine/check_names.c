/* Rows without a name: every row of a table that has a name column (an
 * indicator, a project, a fund, a building …) must have one before the
 * evaluation can be submitted. The document format lets a draft hold a
 * new, still unnamed row; this check reports each one. First- and
 * second-level rows may stay unnamed: a table like seed 003's lists its
 * indicators without levels.
 *
 * The check runs on every evaluation, so the walk formats nothing: it
 * keeps a chain of frames (which member, which row) on the stack, and only
 * a row without a name turns its chain into a JSON path and a label. */
#include "engine_int.h"

#include "../doc/doc_io.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

/* One step from the document down to where the walk is: an object member
 * or an element of an array member. */
struct frame {
        const struct frame *up;    /* the step before, or NULL at the document */
        const struct field *field; /* the member entered (FT_OBJ or FT_ARR) */
        const void *row;           /* the element, when field is an array */
        size_t index;              /* its index */
};

static atomic_ulong places_built; /* see engine_name_places_built() */

unsigned long engine_name_places_built(void)
{
        return atomic_load_explicit(&places_built, memory_order_relaxed);
}

/* Append the JSON path of fr: "$.self_eval.budget.by_income[2]". */
static void frame_path(const struct frame *fr, struct buf *path)
{
        if (!fr) {
                buf_puts(path, "$");
                return;
        }
        frame_path(fr->up, path);
        if (fr->field->type == FT_ARR)
                buf_printf(path, ".%s[%zu]", fr->field->key, fr->index);
        else
                buf_printf(path, ".%s", fr->field->key);
}

/* Append what a user calls fr: "自评表 › 年度预算申请 › 按收入性质分第 3 项". */
static void frame_label(const struct frame *fr, struct buf *label)
{
        if (!fr)
                return;
        frame_label(fr->up, label);
        if (label->len)
                buf_puts(label, " › ");
        if (fr->field->type == FT_ARR)
                doc_element_label(fr->field, fr->row, fr->index, label);
        else
                buf_puts(label, fr->field->label);
}

/* Report the row at fr, whose name column name is empty. */
static void report_unnamed(struct evaluation *e, const struct frame *fr, const struct field *name)
{
        struct buf path = BUF_INIT, label = BUF_INIT;
        atomic_fetch_add_explicit(&places_built, 1, memory_order_relaxed);
        frame_path(fr, &path);
        buf_puts(&path, ".name");
        frame_label(fr, &label);
        const struct field *f = fr->field;
        struct finding *fd =
            finding_add(e, "name.missing", SEV_ERROR, arena_strdup(e->arena, buf_str(&path)),
                        arena_strdup(e->arena, buf_str(&label)));
        fd->rule = efmt(e, "%s的每一行都须填写%s", f->label, name->label);
        fd->message = efmt(e, "%s第 %zu 行没有填写%s，请填写或删除这一行。", f->label,
                           fr->index + 1, name->label);
        buf_free(&path);
        buf_free(&label);
}

/* ---- the routes to every table, worked out once ---------------------------------------- */

/* A member on the way to a table: an object member that holds one, or an
 * array member. The walk follows only these, so it costs one step per
 * table row, not one per member of every object of the document. */
struct route {
        const struct field *field; /* FT_OBJ or FT_ARR */
        const struct field *name;  /* FT_ARR: the rows' name column when each row needs a name */
        const struct route *inner; /* the routes inside the object, or inside each row */
        size_t n_inner;
};

static struct arena *route_arena;
static const struct route *doc_routes;
static size_t n_doc_routes;
static const struct field *basic_field, *perf_field; /* two sections a document may lack */
static pthread_once_t routes_once = PTHREAD_ONCE_INIT;

/* The rows of an array need a name when they have a name column, except
 * first- and second-level indicator rows. */
static const struct field *name_column(const struct field *f)
{
        const struct field *name = schema_field(f->sub, "name");
        if (!name || name->type != FT_STR)
                return NULL;
        if (strcmp(f->key, "indicators") == 0 || strcmp(f->key, "groups") == 0)
                return NULL;
        return name;
}

/* The routes inside the struct s describes, in its member order, in the
 * route arena; *n gets their count. */
static const struct route *routes_of(const struct schema *s, size_t *n)
{
        struct route *r = arena_alloc(route_arena, s->n_fields * sizeof(*r));
        *n = 0;
        for (size_t k = 0; k < s->n_fields; k++) {
                const struct field *f = &s->fields[k];
                if (f->type != FT_OBJ && f->type != FT_ARR)
                        continue;
                struct route to = {f, NULL, NULL, 0};
                to.inner = routes_of(f->sub, &to.n_inner);
                if (f->type == FT_ARR)
                        to.name = name_column(f);
                if (to.name || to.n_inner)
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
        basic_field = schema_field(&schema_doc, "basic_data");
        perf_field = schema_field(&schema_doc, "performance_data");
}

/* ---- the walk --------------------------------------------------------------------------- */

/* Check every row the routes r[0..n) lead to inside the struct at base,
 * which the walk reached through up. */
static void walk(struct evaluation *e, const struct route *r, size_t n, const void *base,
                 const struct frame *up)
{
        for (const struct route *to = r; to < r + n; to++) {
                const struct field *f = to->field;
                if (f->type == FT_OBJ) {
                        walk(e, to->inner, to->n_inner, field_cptr(f, base),
                             &(struct frame){up, f, NULL, 0});
                        continue;
                }
                const char *row = *(const char *const *)field_cptr(f, base);
                size_t count = field_count(f, base), size = f->sub->size;
                for (size_t i = 0; i < count; i++, row += size) {
                        if (to->name) {
                                const char *text = *(const char *const *)field_cptr(to->name, row);
                                if (!text || !*text)
                                        report_unnamed(e, &(struct frame){up, f, row, i}, to->name);
                        }
                        if (to->n_inner)
                                walk(e, to->inner, to->n_inner, row,
                                     &(struct frame){up, f, row, i});
                }
        }
}

void check_names(struct evaluation *e)
{
        pthread_once(&routes_once, make_routes);
        for (const struct route *to = doc_routes; to < doc_routes + n_doc_routes; to++) {
                /* a section the document does not have has no rows (as check_basic
                 * and check_perf, ask the document's section bits, not its memory) */
                if ((to->field == basic_field && !doc_has_basic(e->doc)) ||
                    (to->field == perf_field && !doc_has_perf(e->doc)))
                        continue;
                walk(e, to, 1, e->doc, NULL);
        }
}
