/* Rows without a name: every row of a table that has a name column (an
 * indicator, a project, a fund, a building …) must have one before the
 * evaluation can be submitted. The document format lets a draft hold a
 * new, still unnamed row; this check reports each one. First- and
 * second-level rows may stay unnamed: a table like seed 003's lists its
 * indicators without levels. */
#include "engine_int.h"

#include "../doc/doc_io.h"

#include <string.h>

static void walk(struct evaluation *e, const struct schema *s, const void *base, struct buf *path,
                 struct buf *label)
{
        for (size_t k = 0; k < s->n_fields; k++) {
                const struct field *f = &s->fields[k];
                if (f->type == FT_OBJ) {
                        size_t p = path->len, l = label->len;
                        buf_printf(path, ".%s", f->key);
                        buf_printf(label, "%s%s", l ? " › " : "", f->label);
                        walk(e, f->sub, field_cptr(f, base), path, label);
                        buf_truncate(path, p);
                        buf_truncate(label, l);
                        continue;
                }
                if (f->type != FT_ARR)
                        continue;
                const struct field *name = schema_field(f->sub, "name");
                bool level = strcmp(f->key, "indicators") == 0 || strcmp(f->key, "groups") == 0;
                const char *rows = *(const char *const *)field_cptr(f, base);
                for (size_t i = 0; i < field_count(f, base); i++) {
                        const void *row = rows + i * f->sub->size;
                        size_t p = path->len, l = label->len;
                        buf_printf(path, ".%s[%zu]", f->key, i);
                        buf_printf(label, "%s", l ? " › " : "");
                        doc_element_label(f, row, i, label);
                        const char *text = name && name->type == FT_STR
                                               ? *(const char *const *)field_cptr(name, row)
                                               : "-";
                        if (!level && (!text || !*text)) {
                                struct finding *fd = finding_add(e, "name.missing", SEV_ERROR,
                                                                 efmt(e, "%s.name", buf_str(path)),
                                                                 efmt(e, "%s", buf_str(label)));
                                fd->rule = efmt(e, "%s的每一行都须填写%s", f->label, name->label);
                                fd->message = efmt(e, "%s第 %zu 行没有填写%s，请填写或删除这一行。",
                                                   f->label, i + 1, name->label);
                        }
                        walk(e, f->sub, row, path, label);
                        buf_truncate(path, p);
                        buf_truncate(label, l);
                }
        }
}

void check_names(struct evaluation *e)
{
        struct buf path = BUF_INIT, label = BUF_INIT;
        buf_puts(&path, "$");
        walk(e, &schema_doc, e->doc, &path, &label);
        buf_free(&path);
        buf_free(&label);
}
