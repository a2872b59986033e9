/* Rendering of an evaluated document as Chinese terminal tables, laid
 * out like the seed tables: 自评表, 项目支出表, 基础数据表, 评价基础数据 —
 * each its grid (src/tables), the one the pages and the workbooks draw,
 * with the engine's figures and the stated ones beside where they differ
 * — then the report text, statements and attachments. */
#include "show.h"
#include "grid_term.h"
#include "table.h"

#include "../doc/doc_io.h"
#include "../tables/tables.h"

#include <inttypes.h>
#include <stdarg.h>
#include <string.h>

struct out {
        struct buf *b;
        size_t width;
        struct arena *strs; /* formatted cell strings for this rendering */
};

static const char *sprintf_a(struct out *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static const char *sprintf_a(struct out *o, const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        const char *s = arena_vprintf(o->strs, fmt, ap);
        va_end(ap);
        return s;
}

static const char *num(struct out *o, dec_t v)
{
        char tmp[DEC_BUFSZ];
        return dec_is_set(v) ? arena_strdup(o->strs, dec_fmt(v, -1, tmp)) : "";
}

static const char *count(struct out *o, int64_t n)
{
        return n == COUNT_NONE ? "" : sprintf_a(o, "%" PRId64, n);
}

static const char *text(const char *s)
{
        return s ? s : "";
}

static void heading(struct out *o, const char *title)
{
        buf_printf(o->b, "\n%s\n", title);
}

static void render(struct out *o, struct ttable *t)
{
        tt_render(t, o->width, o->b);
        tt_free(t);
}

static struct ttable *table(size_t n, const char *const *headers)
{
        return tt_new(n, headers);
}

static bool part_empty(const struct doc *d, const char *key)
{
        return field_empty(schema_field(&schema_doc, key), d);
}

/* ---- text, statements, attachments ------------------------------------------- */

static void show_narrative(struct out *o, const struct narrative *n)
{
        heading(o, "自评报告正文");
        struct ttable *t = table(2, (const char *[]){"章节", "内容"});
        const struct schema *s = schema_field(&schema_doc, "narrative")->sub;
        for (size_t i = 0; i < s->n_fields; i++) {
                const struct field *f = &s->fields[i];
                if (f->type == FT_TEXT && !field_empty(f, n))
                        tt_row(t,
                               (const char *[]){f->label, *(const char *const *)field_cptr(f, n)});
        }
        for (size_t i = 0; i < n->n_other; i++)
                tt_row(t, (const char *[]){n->other[i].title, text(n->other[i].text)});
        render(o, t);
}

static void show_statements(struct out *o, const struct doc *d)
{
        heading(o, "文中表述的数据");
        struct ttable *t = table(4, (const char *[]){"所在章节", "原文", "所指数据", "文中数值"});
        tt_align(t, 3, TT_RIGHT);
        for (size_t i = 0; i < d->n_statements; i++) {
                const struct statement *s = &d->statements[i];
                struct doc_ref ref;
                const char *target = s->refers_to;
                if (doc_resolve(d, s->refers_to, &ref))
                        target = sprintf_a(o, "%s\n%s", ref.field->label, s->refers_to);
                tt_row(t, (const char *[]){text(s->where), text(s->text), target,
                                           s->value_text ? s->value_text : num(o, s->value)});
        }
        render(o, t);
}

static void show_attachments(struct out *o, const struct doc *d)
{
        heading(o, "附件");
        struct ttable *t =
            table(5, (const char *[]){"类型", "文件名", "所属项目", "大小（字节）", "SHA-256"});
        tt_align(t, 3, TT_RIGHT);
        for (size_t i = 0; i < d->n_attachments; i++) {
                const struct attachment *a = &d->attachments[i];
                tt_row(t, (const char *[]){enum_label(&enum_attach_kind, a->kind), a->name,
                                           text(a->project), count(o, a->size), text(a->sha256)});
        }
        render(o, t);
}

void show_doc(const struct doc *d, const struct evaluation *e, size_t width, struct buf *out)
{
        struct out o = {out, width, arena_new()};
        buf_printf(out, "%" PRId64 "年度部门整体支出绩效自评\n", d->fiscal_year);
        buf_printf(out, "预算单位：%s（%s）\n", d->unit.name, d->unit.code);
        if (d->unit.supervisor.code)
                buf_printf(out, "主管部门：%s（%s）\n", d->unit.supervisor.name,
                           d->unit.supervisor.code);
        buf_printf(out, "评分方案：%s（%s）\n", e->scheme->title, e->scheme->name);
        if (!part_empty(d, "self_eval"))
                grid_term(table_self_eval(o.strs, d, e, TABLE_PRINT), width, out);
        for (size_t i = 0; i < d->n_projects; i++) {
                grid_term(table_project(o.strs, d, e, i, TABLE_PRINT), width, out);
                if (d->projects[i].report) {
                        struct ttable *t = table(1, (const char *[]){"项目自评报告"});
                        tt_row(t, (const char *[]){d->projects[i].report});
                        render(&o, t);
                }
        }
        if (doc_has_basic(d))
                grid_term(table_basic(o.strs, d, e, TABLE_PRINT), width, out);
        if (doc_has_perf(d)) {
                heading(&o, "评价基础数据");
                struct grid **perf;
                size_t n = table_perf(o.strs, d, e, TABLE_PRINT, &perf);
                for (size_t i = 0; i < n; i++)
                        grid_term(perf[i], width, out);
        }
        if (!part_empty(d, "narrative"))
                show_narrative(&o, &d->narrative);
        if (d->n_statements)
                show_statements(&o, d);
        if (d->n_attachments)
                show_attachments(&o, d);
        arena_free(o.strs);
}
