/* The 评价基础数据 (seed 001's raw figures: 政府采购, 预算调整, 固定资产,
 * 人员, 三公经费, 预算执行, 分季执行, 项目, 重点工作, 信访, 满意度) as grids,
 * drawn from the format's descriptors so that a member added to the
 * format shows everywhere without another line here:
 *
 *   a part with rows (分单位明细)  one column per member of a row, one row
 *                                 per element, then its 合计 row (stated)
 *   a part without rows            one row per member: its name, its value
 *   members of the root            one more part, 其他
 *
 * A member named stated_* is a figure the engine computes: a computed
 * cell (with the stated value beside it when they differ); the rest are
 * entered. */
#include "tables_int.h"

#include "../doc/doc_schema.h"

#include <string.h>

static bool stated_member(const struct field *f)
{
        return strncmp(f->key, "stated", 6) == 0;
}

static bool scalar(const struct field *f)
{
        return f->type != FT_OBJ && f->type != FT_ARR && f->type != FT_DECS;
}

/* A member's label as a header: "政府采购执行率（%，表列）" → "政府采购执行率（%）". */
static const char *heading(struct tb *t, const char *label)
{
        static const char *const cuts[][2] = {
            {"（%，表列）", "（%）"}, {"（%，文中）", "（%）"}, {"（表列）", ""},
            {"（文中）", ""},         {"，表列）", "）"},       {"，文中）", "）"}};
        for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
                const char *at = strstr(label, cuts[i][0]);
                if (at)
                        return tb_fmt(t, "%.*s%s%s", (int)(at - label), label, cuts[i][1],
                                      at + strlen(cuts[i][0]));
        }
        return label;
}

/* The bytes of a scalar member. */
static size_t scalar_size(const struct field *f)
{
        switch (f->type) {
        case FT_DEC:
                return sizeof(dec_t);
        case FT_INT:
                return sizeof(int64_t);
        case FT_ENUM:
                return sizeof(int);
        case FT_BOOL:
                return sizeof(bool);
        default:
                return sizeof(char *);
        }
}

/* The cell of member f of the struct at base: computed when the engine
 * computes it (it recorded the figure: a 合计 row summed from its rows, a
 * rate) or when it is a stated figure (then the value stated shows when
 * the engine has none); entered otherwise. */
static void member_cell(struct tb *t, size_t r, size_t c, const struct field *f, const void *base)
{
        const void *m = field_cptr(f, base);
        bool pct = strstr(f->key, "_pct") != NULL;
        if (f->type == FT_DEC || f->type == FT_INT) {
                const char *path = tb_path(t, m, scalar_size(f), NULL);
                dec_t v = DEC_NONE;
                const char *text = NULL;
                bool computed = engine_cell(t->e, path, &v, &text) && dec_is_set(v);
                if (computed || stated_member(f)) {
                        if (f->type == FT_DEC) {
                                const dec_t *stated = m;
                                tb_out_dec(t, r, c, computed ? v : *stated, 2,
                                           pct ? NUM_PERCENT : NUM_MONEY, stated, NULL);
                        } else {
                                int64_t n = *(const int64_t *)m;
                                dec_t shown = computed        ? v
                                              : n == COUNT_NONE ? DEC_NONE
                                                                : dec_from_int(n);
                                tb_out_dec(t, r, c, shown, 0, NUM_COUNT, NULL, path);
                        }
                        return;
                }
        }
        switch (f->type) {
        case FT_DEC:
                tb_in_dec(t, r, c, m, 2, pct ? NUM_PERCENT : NUM_MONEY);
                break;
        case FT_INT:
                tb_in_count(t, r, c, m);
                break;
        case FT_STR:
                tb_in_text(t, r, c, m, CF_WRAP);
                break;
        case FT_TEXT:
                tb_in_text(t, r, c, m, CF_WRAP | CF_LONG);
                break;
        case FT_ENUM:
                tb_in_enum(t, r, c, m);
                break;
        case FT_BOOL:
                tb_in_bool(t, r, c, m);
                break;
        default:
                break;
        }
}

static size_t scalars_of(const struct schema *s)
{
        size_t n = 0;
        for (size_t i = 0; i < s->n_fields; i++)
                n += scalar(&s->fields[i]);
        return n;
}

/* A part with rows: the array member rows of the struct at base, and the
 * total row total (a member of the same schema, or NULL). */
static struct grid *rows_grid(struct tb *t, const char *title, const struct field *rows,
                              const void *base, const struct field *total)
{
        const struct schema *s = rows->sub;
        size_t n = field_count(rows, base), cols = scalars_of(s);
        const char *items = *(const char *const *)field_cptr(rows, base);
        t->g = grid_new(t->a, 1 + n + (total ? 1 : 0), cols ? cols : 1);
        t->g->title = title;
        t->g->header_rows = 1;
        t->g->key = tb_path(t, field_cptr(rows, base), sizeof(void *), NULL);
        size_t c = 0;
        for (size_t k = 0; k < s->n_fields; k++)
                if (scalar(&s->fields[k])) {
                        t->g->widths[c] = s->fields[k].type == FT_STR ? 12 : 8;
                        tb_label(t, 0, c++, heading(t, s->fields[k].label), CF_HEADER | CF_WRAP);
                }
        tb_add(t, 0, 0, field_cptr(rows, base), "＋ 添加一行");
        for (size_t i = 0; i < n; i++) {
                const void *row = items + i * s->size;
                c = 0;
                for (size_t k = 0; k < s->n_fields; k++)
                        if (scalar(&s->fields[k]))
                                member_cell(t, 1 + i, c++, &s->fields[k], row);
                tb_element(t, 1 + i, row, s->size, "这一行");
        }
        if (total) {
                const void *row = field_cptr(total, base);
                c = 0;
                for (size_t k = 0; k < s->n_fields; k++) {
                        const struct field *f = &s->fields[k];
                        if (!scalar(f))
                                continue;
                        if (f->type == FT_STR && c == 0)
                                tb_label(t, 1 + n, c++, "合计", CF_BOLD);
                        else
                                member_cell(t, 1 + n, c++, f, row);
                }
        }
        return t->g;
}

/* Members of a part without rows, one row each (with nested, nested
 * objects' members too, named after their object): count them, or lay
 * them out from row r. */
static size_t member_rows(struct tb *t, size_t r, const struct schema *s, const void *base,
                          const char *prefix, bool nested, bool lay)
{
        size_t n = 0;
        for (size_t k = 0; k < s->n_fields; k++) {
                const struct field *f = &s->fields[k];
                if (f->type == FT_OBJ && nested) {
                        n += member_rows(t, r + n, f->sub, field_cptr(f, base),
                                         tb_fmt(t, "%s%s › ", prefix, f->label), true, lay);
                } else if (scalar(f)) {
                        if (lay) {
                                tb_label(t, r + n, 0, tb_fmt(t, "%s%s", prefix, heading(t, f->label)),
                                         CF_HEADER | CF_WRAP);
                                member_cell(t, r + n, 1, f, base);
                        }
                        n++;
                }
        }
        return n;
}

static struct grid *members_grid(struct tb *t, const char *title, const struct schema *s,
                                 const void *base, bool nested, const char *key)
{
        size_t n = member_rows(t, 0, s, base, "", nested, false);
        t->g = grid_new(t->a, n, 2);
        t->g->title = title;
        t->g->key = key;
        t->g->widths[0] = 24;
        t->g->widths[1] = 12;
        member_rows(t, 0, s, base, "", nested, true);
        return t->g;
}

/* The total row of a part: its member "stated" of the rows' schema. */
static const struct field *total_of(const struct schema *s, const struct field *rows)
{
        const struct field *f = schema_field(s, "stated");
        return f && f->type == FT_OBJ && f->sub == rows->sub ? f : NULL;
}

size_t table_perf(struct arena *a, const struct doc *d, const struct evaluation *e,
                  unsigned mode, struct grid ***out)
{
        const struct field *root = schema_field(&schema_doc, "performance_data");
        const struct schema *ps = root->sub;
        const void *perf = &d->perf;
        struct grid **grids = arena_alloc(a, (2 * ps->n_fields + 1) * sizeof(*grids));
        size_t n = 0;
        struct tb t = {a, NULL, d, e, mode};
        bool all = mode & (TABLE_FORM | TABLE_ALWAYS);
        for (size_t i = 0; i < ps->n_fields; i++) {
                const struct field *f = &ps->fields[i];
                if (f->type != FT_OBJ || (!all && field_empty(f, perf)))
                        continue;
                const struct schema *s = f->sub;
                const void *base = field_cptr(f, perf);
                bool has_rows = false;
                for (size_t k = 0; k < s->n_fields; k++) {
                        const struct field *rows = &s->fields[k];
                        if (rows->type != FT_ARR)
                                continue;
                        has_rows = true;
                        const struct field *total = rows == s->fields ? total_of(s, rows) : NULL;
                        const char *title =
                            rows == s->fields ? f->label : tb_fmt(&t, "%s：%s", f->label, rows->label);
                        grids[n++] = rows_grid(&t, title, rows, base, total);
                }
                /* the part's own figures beside its rows (年均执行率), or all of them */
                if (!has_rows || scalars_of(s))
                        grids[n++] = members_grid(&t, has_rows ? tb_fmt(&t, "%s（合计）", f->label)
                                                               : f->label,
                                                  s, base, !has_rows,
                                                  tb_path(&t, base, s->size, NULL));
        }
        /* the root's own figures: the money unit, 满意度 */
        bool any = all;
        for (size_t i = 0; i < ps->n_fields && !any; i++)
                any = scalar(&ps->fields[i]) && !field_empty(&ps->fields[i], perf);
        if (any)
                grids[n++] = members_grid(&t, "其他", ps, perf, false,
                                          tb_path(&t, perf, ps->size, NULL));
        *out = grids;
        return n;
}
