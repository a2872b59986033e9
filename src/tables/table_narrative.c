/* The 报告正文 (the narrative sections the self-evaluation report prints:
 * 部门主要职能, 机构设置, … 结果应用及公开, and sections of the unit's own)
 * as a grid drawn from the format's descriptors: one row per section,
 * its name (（必填） when the scheme requires it before the task is sent
 * up) and its text; the unit's own sections with a title of theirs,
 * added and removed in the form. */
#include "tables_int.h"

#include "../doc/doc_schema.h"

static size_t count_rows(const struct schema *s, const struct narrative *n)
{
        size_t rows = 1; /* the header */
        for (size_t i = 0; i < s->n_fields; i++)
                rows += s->fields[i].type == FT_TEXT;
        return rows + 1 + n->n_other; /* the unit's own: a header row, then each */
}

struct grid *table_narrative(struct arena *a, const struct doc *d, const struct evaluation *e,
                             unsigned mode)
{
        const struct schema *s = schema_field(&schema_doc, "narrative")->sub;
        const struct narrative *n = &d->narrative;
        struct tb t = {a, grid_new(a, count_rows(s, n), 2), d, e, mode};
        struct grid *g = t.g;
        g->title = "自评报告正文";
        g->key = TB_PATH(&t, n);
        g->widths[0] = 12;
        g->widths[1] = 60;
        g->header_rows = 1;
        size_t r = 0;
        tb_label(&t, r, 0, "章节", CF_HEADER);
        tb_label(&t, r, 1, "内容", CF_HEADER);
        r++;
        for (size_t i = 0; i < s->n_fields; i++) {
                const struct field *f = &s->fields[i];
                if (f->type != FT_TEXT)
                        continue;
                const char *const *text = field_cptr(f, n);
                bool required = e && engine_section_required(e->scheme, n, text);
                tb_label(&t, r, 0, required ? tb_fmt(&t, "%s（必填）", f->label) : f->label,
                         CF_HEADER | CF_WRAP);
                tb_in_text(&t, r, 1, text, CF_WRAP | CF_LONG);
                r++;
        }
        tb_span(&t, r, 0, 1, 2, "其他章节（标题和内容）", CF_HEADER);
        tb_add(&t, r, 0, &n->other, "＋ 添加章节");
        r++;
        for (size_t i = 0; i < n->n_other; i++, r++) {
                const struct section *sec = &n->other[i];
                tb_in_text(&t, r, 0, &sec->title, CF_WRAP);
                tb_in_text(&t, r, 1, &sec->text, CF_WRAP | CF_LONG);
                TB_ELEMENT(&t, r, sec, sec->title && *sec->title ? sec->title : "这一章节");
        }
        return g;
}
