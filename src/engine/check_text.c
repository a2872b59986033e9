/* Checks of the report's text: every figure a sentence states about a
 * table cell (struct statement) against that cell, or — when the table
 * leaves the cell blank — against the engine's computation. Prose rounds
 * freely, so a statement is compared at its own precision. */
#include "engine_int.h"

#include <string.h>

/* The cell's own value (decimal or text) as the document holds it. */
static void cell_value(const struct doc_ref *ref, dec_t *value, const char **text)
{
        *value = DEC_NONE;
        *text = NULL;
        switch (ref->field->type) {
        case FT_DEC:
                *value = *(const dec_t *)ref->ptr;
                break;
        case FT_INT:
                *value = count_dec(*(const int64_t *)ref->ptr);
                break;
        case FT_STR:
        case FT_TEXT:
                *text = *(const char *const *)ref->ptr;
                break;
        case FT_ENUM:
                *text = enum_label(ref->field->en, *(const int *)ref->ptr);
                break;
        default:
                break;
        }
}

/* What a user calls the cell at path (自评表 › 年度预算申请 › 全年执行数（B）). */
static const char *cell_label(struct evaluation *e, const char *path)
{
        struct doc_loc loc;
        struct buf b = BUF_INIT;
        const char *s = doc_locate(e->doc, path, &loc, &b) ? efmt(e, "%s", buf_str(&b)) : path;
        buf_free(&b);
        return s;
}

/* A number statement s (of the document) against its cell. */
static void check_number(struct evaluation *e, const struct statement *s, const struct doc_ref *ref)
{
        dec_t cell, computed = DEC_NONE;
        const char *cell_text, *computed_text;
        cell_value(ref, &cell, &cell_text);
        bool has_computed =
            cell_lookup(e, s->refers_to, &computed, &computed_text) && dec_is_set(computed);
        int places = dec_places(s->value);
        dec_t against = dec_is_set(cell) ? cell : has_computed ? computed : DEC_NONE;
        if (!dec_is_set(against) || dec_eq(dec_round(against, places), s->value))
                return;
        struct finding *f =
            finding_add(e, "text.mismatch", SEV_WARNING, EPATH(e, s),
                        efmt(e, "报告正文 › %s", s->where ? s->where : "（未注明章节）"));
        f->stated = s->value;
        f->computed = against;
        f->places = -1;
        f->rule = efmt(e, "正文所述数字应与表中的“%s”一致", cell_label(e, s->refers_to));
        if (dec_is_set(cell))
                f->message = efmt(e, "正文“%s”称%s为 %s，而表中为 %s。", s->text ? s->text : "",
                                  ref->field->label, edec(e, s->value, -1), edec(e, cell, -1));
        else
                f->message =
                    efmt(e, "正文“%s”称%s为 %s，按表中数据计算为 %s。", s->text ? s->text : "",
                         ref->field->label, edec(e, s->value, -1), edec(e, computed, 2));
}

/* A text statement s (of the document) against its cell. */
static void check_text_value(struct evaluation *e, const struct statement *s,
                             const struct doc_ref *ref)
{
        dec_t cell, computed;
        const char *cell_text, *computed_text = NULL;
        cell_value(ref, &cell, &cell_text);
        cell_lookup(e, s->refers_to, &computed, &computed_text);
        const char *against = cell_text ? cell_text : computed_text;
        if (!against || strcmp(against, s->value_text) == 0)
                return;
        struct finding *f =
            finding_add(e, "text.mismatch", SEV_WARNING, EPATH(e, s),
                        efmt(e, "报告正文 › %s", s->where ? s->where : "（未注明章节）"));
        f->stated_text = s->value_text;
        f->computed_text = against;
        f->rule = efmt(e, "正文所述应与表中的“%s”一致", cell_label(e, s->refers_to));
        f->message = efmt(e, "正文“%s”称%s为“%s”，而%s为“%s”。", s->text ? s->text : "",
                          ref->field->label, s->value_text, cell_text ? "表中" : "按计算", against);
}

/* The text of the narrative member f, or NULL when blank (spaces only). */
static const char *section_text(const struct field *f, const struct narrative *n)
{
        const char *s = *(const char *const *)field_cptr(f, n);
        return s && s[strspn(s, " \t\r\n　")] ? s : NULL;
}

bool engine_section_required(const struct scheme *s, const struct narrative *n,
                             const char *const *member)
{
        const struct schema *sub = schema_field(&schema_doc, "narrative")->sub;
        for (size_t i = 0; i < s->n_required_sections; i++) {
                const struct field *f = schema_field(sub, s->required_sections[i].name);
                if (f && field_cptr(f, n) == (const void *)member)
                        return true;
        }
        return false;
}

void check_sections(struct evaluation *e)
{
        const struct schema *sub = schema_field(&schema_doc, "narrative")->sub;
        const struct narrative *n = &e->doc->narrative;
        for (size_t i = 0; i < e->scheme->n_required_sections; i++) {
                const struct field *part = schema_field(sub, e->scheme->required_sections[i].name);
                if (!part || section_text(part, n))
                        continue;
                struct finding *f = finding_add(e, "narrative.missing", SEV_ERROR,
                                                epath(e, field_cptr(part, n), sizeof(const char *)),
                                                efmt(e, "报告正文 › %s", part->label));
                f->rule = efmt(e, "评分方案“%s”要求自评报告写明“%s”", e->scheme->name, part->label);
                f->message = efmt(e, "报告正文“%s”尚未填写：自评报告须写明这一部分，"
                                     "请在“报告正文”页填写后再送审。",
                                  part->label);
        }
}

void check_statements(struct evaluation *e)
{
        const struct doc *d = e->doc;
        for (size_t i = 0; i < d->n_statements; i++) {
                const struct statement *s = &d->statements[i];
                struct doc_ref ref;
                if (!doc_resolve(d, s->refers_to, &ref))
                        continue; /* the parser refuses such documents */
                if (dec_is_set(s->value))
                        check_number(e, s, &ref);
                else if (s->value_text)
                        check_text_value(e, s, &ref);
        }
}
