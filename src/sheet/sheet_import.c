/* Import of a filled-in tables workbook (sheet_import, sheet.h).
 *
 * The template is the tables workbook of the document itself, so the
 * importer rebuilds the same grids (sheet_tables_plan) and reads the
 * workbook against them: every sheet must be there and no other; every
 * label and header must be where the template put it and unchanged, and
 * nothing may be written outside the entered (yellow) cells — otherwise
 * rows or columns were inserted, deleted or overwritten, and the cells
 * can no longer be trusted to mean what the template meant. Each entered
 * cell is then read by the type of the document field its path names:
 * numbers as exact decimals from the file's text, counts as integers,
 * texts as they are. A blank cell clears its field (a required one is an
 * error). The new document is validated like a parsed one; any error at
 * all and nothing is returned. */
#include "sheet.h"
#include "sheet_int.h"
#include "xlsx_read.h"

#include "../doc/doc_edit.h"
#include "../doc/doc_io.h"

#include <inttypes.h>
#include <stdarg.h>
#include <string.h>

struct imp {
        struct diags *errs;
        struct doc *doc; /* the copy being filled */
        size_t n_errors;
        /* every entered cell: its document path and sheet reference */
        struct imp_cell {
                const char *path, *where, *label;
        } * cells;
        size_t n_cells, cap_cells;
        struct arena *a;
};

static void err(struct imp *m, const char *where, const char *label, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void err(struct imp *m, const char *where, const char *label, const char *fmt, ...)
{
        struct buf b = BUF_INIT;
        va_list ap;
        va_start(ap, fmt);
        buf_vprintf(&b, fmt, ap);
        va_end(ap);
        diags_add(m->errs, where, label, "%s", buf_str(&b));
        buf_free(&b);
        m->n_errors++;
}

/* ---- reading cells --------------------------------------------------------------------------- */

/* Nothing in the cell: no cell, or an empty string (also a formula's). */
static bool blank(const struct xlsx_cell *c)
{
        return !c || (c->type == XLSX_STRING && !c->no_value && c->text[0] == '\0');
}

/* The text of s without leading and trailing spaces and tabs, into out. */
static void trimmed(const char *s, struct buf *out)
{
        while (*s == ' ' || *s == '\t')
                s++;
        size_t n = strlen(s);
        while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
                n--;
        buf_append(out, s, n);
}

/* What a non-numeric cell holds, for messages. */
static const char *found_text(struct buf *b, const struct xlsx_cell *c)
{
        buf_reset(b);
        switch (c->type) {
        case XLSX_BOOL:
                buf_printf(b, "逻辑值 %s", strcmp(c->text, "1") == 0 ? "TRUE" : "FALSE");
                break;
        case XLSX_ERROR:
                buf_printf(b, "错误值 %s", c->text);
                break;
        default:
                buf_printf(b, "文字“%s”", c->text);
        }
        return buf_str(b);
}

/* Read cell c as a decimal into *out (DEC_NONE when blank). Reports and
 * returns false when it is not one. */
static bool read_dec(struct imp *m, const char *where, const char *label, const struct xlsx_cell *c,
                     dec_t *out)
{
        *out = DEC_NONE;
        if (blank(c))
                return true;
        struct buf text = BUF_INIT, tmp = BUF_INIT;
        bool ok = false;
        if (c->no_value) {
                err(m, where, label, "公式没有保存计算结果，请在电子表格软件中重新计算后保存");
        } else if (c->type == XLSX_NUMBER) {
                buf_reset(&tmp);
                trimmed(c->text, &tmp);
                if (sheet_number_text(buf_str(&tmp), &text) == SHEET_NUM_RANGE)
                        err(m, where, label, "数值超出范围：“%s”，整数部分最多 %d 位",
                            buf_str(&tmp), DEC_MAX_INT_DIGITS);
                else if (!text.len)
                        err(m, where, label, "应为数字，实际为“%s”", c->text);
                else
                        ok = true;
        } else if (c->type == XLSX_STRING) {
                trimmed(c->text, &text);
                if (!text.len) { /* only spaces: as good as blank */
                        buf_free(&text);
                        buf_free(&tmp);
                        return true;
                }
                ok = true;
        } else {
                err(m, where, label, "应为数字，实际为%s", found_text(&tmp, c));
        }
        if (ok) {
                switch (dec_parse_input(text.data, text.len, 0, out)) {
                case DEC_OK:
                        break;
                case DEC_ERR_GROUPING:
                        err(m, where, label,
                            "千位分隔符位置不对：“%s”，逗号只能三位一组，如 1,234,567.89；"
                            "也可以不写逗号，如 1234567.89",
                            buf_str(&text));
                        ok = false;
                        break;
                case DEC_ERR_PRECISION:
                        err(m, where, label, "小数位数过多：“%s”，最多 %d 位小数", buf_str(&text),
                            DEC_DIGITS);
                        ok = false;
                        break;
                case DEC_ERR_RANGE:
                        err(m, where, label, "数值超出范围：“%s”，整数部分最多 %d 位",
                            buf_str(&text), DEC_MAX_INT_DIGITS);
                        ok = false;
                        break;
                default:
                        err(m, where, label, "应为数字，实际为%s", found_text(&tmp, c));
                        ok = false;
                }
        }
        buf_free(&text);
        buf_free(&tmp);
        return ok;
}

static void set_text(struct imp *m, const char *where, const struct field *f, void *ptr,
                     const struct xlsx_cell *c)
{
        const char **slot = ptr;
        if (blank(c)) {
                if (!*slot || !(*slot)[0])
                        return; /* blank stays blank (an empty text stays as it was) */
                if (f->flags & FL_REQUIRED)
                        err(m, where, f->label, "必填单元格为空");
                else
                        *slot = NULL;
                return;
        }
        if (c->no_value) {
                err(m, where, f->label, "公式没有保存计算结果，请在电子表格软件中重新计算后保存");
                return;
        }
        if (c->type == XLSX_ERROR) {
                err(m, where, f->label, "单元格为错误值 %s", c->text);
                return;
        }
        struct buf text = BUF_INIT;
        if (c->type == XLSX_NUMBER) {
                struct buf tmp = BUF_INIT;
                trimmed(c->text, &tmp);
                if (sheet_number_text(buf_str(&tmp), &text) != SHEET_NUM_OK) {
                        buf_reset(&text);
                        buf_puts(&text, buf_str(&tmp));
                }
                buf_free(&tmp);
        } else if (c->type == XLSX_BOOL) {
                buf_puts(&text, strcmp(c->text, "1") == 0 ? "TRUE" : "FALSE");
        } else {
                buf_puts(&text, c->text);
        }
        size_t limit = f->type == FT_TEXT ? SCHEMA_MAX_TEXT : SCHEMA_MAX_STR;
        /* a text too long for a cell, still as the template showed it, is unchanged */
        struct buf cut = BUF_INIT;
        bool still_cut = *slot && sheet_cell_text(*slot, &cut) != *slot &&
                         strcmp(buf_str(&cut), buf_str(&text)) == 0;
        buf_free(&cut);
        if (!still_cut && text.len > limit)
                err(m, where, f->label, "文字过长（%zu 字节），最多 %zu 字节", text.len, limit);
        else if (!still_cut && (!*slot || strcmp(*slot, buf_str(&text)) != 0))
                *slot = arena_strndup(m->doc->arena, buf_str(&text), text.len);
        buf_free(&text);
}

static void set_int(struct imp *m, const char *where, const struct field *f, void *ptr,
                    const struct xlsx_cell *c)
{
        dec_t v;
        if (!read_dec(m, where, f->label, c, &v))
                return;
        int64_t *slot = ptr;
        if (!dec_is_set(v)) {
                *slot = SCHEMA_INT_NONE;
                return;
        }
        char tmp[DEC_BUFSZ];
        if (dec_places(v) > 0) {
                err(m, where, f->label, "应为整数，实际为“%s”", dec_fmt(v, -1, tmp));
                return;
        }
        int64_t n = dec_trunc_int(v);
        if (n < f->min || n > f->max) {
                err(m, where, f->label, "应为 %" PRId64 " 到 %" PRId64 " 之间的整数，实际为“%s”",
                    f->min, f->max, dec_fmt(v, -1, tmp));
                return;
        }
        *slot = n;
}

/* A measure or target cell: a number is its value (its comparator and
 * unit stay as the template shows them in the number format), a text is
 * read as typed on the pages ("≥95%", "达标"), a blank clears it. */
static void set_measure(struct imp *m, const char *where, const struct grid_cell *g,
                        const struct doc_loc *loc, const struct xlsx_cell *c)
{
        dec_t *value = field_ptr(schema_field(loc->schema, "value"), loc->ptr);
        const char **text = field_ptr(schema_field(loc->schema, "text"), loc->ptr);
        if (blank(c)) {
                *value = DEC_NONE;
                *text = NULL;
                return;
        }
        if (c->type == XLSX_NUMBER) {
                dec_t v;
                if (read_dec(m, where, g->field->label, c, &v)) {
                        *value = v;
                        *text = NULL;
                }
                return;
        }
        struct diags errs = DIAGS_INIT;
        if (c->type != XLSX_STRING)
                err(m, where, g->field->label, "应为数值或文字，实际为%s", c->text);
        else if (!doc_assign(m->doc, g->path, c->text, &errs))
                err(m, where, g->field->label, "%s", errs.items[0].msg);
        diags_free(&errs);
}

/* Remember which cell holds path, for the document's own diagnostics. */
static void register_cell(struct imp *m, const char *where, const struct grid_cell *g)
{
        if (m->n_cells == m->cap_cells) {
                m->cap_cells = m->cap_cells ? 2 * m->cap_cells : 64;
                struct imp_cell *grown = arena_alloc(m->a, m->cap_cells * sizeof *grown);
                if (m->n_cells)
                        memcpy(grown, m->cells, m->n_cells * sizeof *grown);
                m->cells = grown;
        }
        m->cells[m->n_cells++] =
            (struct imp_cell){g->path, arena_strdup(m->a, where), g->field ? g->field->label : NULL};
}

/* Read one entered cell of the template into the document. */
static void read_input(struct imp *m, const char *where, const struct grid_cell *g,
                       const struct xlsx_cell *c)
{
        struct doc_loc loc;
        if (doc_locate(m->doc, g->path, &loc, NULL) && loc.field->type == FT_OBJ && !loc.element) {
                register_cell(m, where, g);
                set_measure(m, where, g, &loc, c);
                return;
        }
        struct doc_ref ref;
        if (!doc_resolve(m->doc, g->path, &ref)) {
                err(m, where, NULL, "内部错误：模板单元格的路径 %s 无效", g->path);
                return;
        }
        const struct field *f = ref.field;
        void *ptr = (void *)ref.ptr;
        register_cell(m, where, g);
        switch (f->type) {
        case FT_STR:
        case FT_TEXT:
                set_text(m, where, f, ptr, c);
                break;
        case FT_DEC: {
                dec_t v;
                if (!read_dec(m, where, f->label, c, &v))
                        break;
                if (dec_is_set(v) && dec_is_neg(v) && !(f->flags & FL_SIGNED)) {
                        err(m, where, f->label, "不能是负数：%s应为 0 或正数", f->label);
                        break;
                }
                if (g->style == NUM_PERCENT && dec_is_set(v)) /* a fraction: 0.9891 is 98.91 */
                        v = dec_mul(v, dec_from_int(100), DEC_DIGITS);
                *(dec_t *)ptr = v;
                break;
        }
        case FT_INT:
                set_int(m, where, f, ptr, c);
                break;
        default:
                err(m, where, f->label, "内部错误：模板单元格 %s 的类型不能导入", g->path);
        }
}

/* ---- layout ---------------------------------------------------------------------------------- */

/* What the workbook has at a cell, as text for comparison with a label. */
static const char *shown(struct buf *b, const struct xlsx_cell *c)
{
        buf_reset(b);
        if (!c)
                return "";
        if (c->type == XLSX_NUMBER && sheet_number_text(c->text, b) == SHEET_NUM_OK)
                return buf_str(b);
        if (c->type == XLSX_BOOL)
                return strcmp(c->text, "1") == 0 ? "TRUE" : "FALSE";
        return c->text;
}

/* The text the template has at a layout cell. */
static const char *expected(struct buf *b, const struct grid_cell *g)
{
        buf_reset(b);
        if (g->kind == CELL_TEXT)
                return g->text ? g->text : "";
        if (g->kind == CELL_NUMBER) {
                char tmp[DEC_BUFSZ];
                buf_puts(b, dec_fmt(g->value, -1, tmp));
                return buf_str(b);
        }
        return "";
}

enum pos_kind { POS_OUTSIDE, POS_COVERED, POS_LABEL, POS_INPUT, POS_COMPUTED };

/* What the template has at sheet position (row, col). */
static enum pos_kind position(const struct grid *g, const struct sheet_frame *fr, size_t row,
                              size_t col, const char **label, const struct grid_cell **cell)
{
        *label = NULL;
        *cell = NULL;
        size_t cols = g->cols ? g->cols : 1;
        if (row >= fr->rows || col >= cols)
                return POS_OUTSIDE;
        const char *lines[3] = {g->title, g->subtitle, g->caption};
        const size_t at[3] = {fr->title, fr->subtitle, fr->caption};
        for (int i = 0; i < 3; i++)
                if (row == at[i]) {
                        *label = lines[i];
                        return col == 0 ? POS_LABEL : POS_COVERED;
                }
        if (row == fr->legend) {
                *label = sheet_legend;
                return col == 0 ? POS_LABEL : POS_COVERED;
        }
        if (row < fr->top || row >= fr->top + g->rows) {
                *label = "";
                return POS_LABEL; /* the blank row before the legend */
        }
        const struct grid_cell *c = grid_at(g, row - fr->top, col);
        *cell = c;
        if (c->rowspan == 0)
                return POS_COVERED;
        if (c->flags & CF_INPUT)
                return POS_INPUT;
        if (c->flags & CF_COMPUTED)
                return POS_COMPUTED;
        return POS_LABEL;
}

static void layout_error(struct imp *m, const char *sheet, size_t row, size_t col, const char *want,
                         const char *got)
{
        char ref[16];
        struct buf where = BUF_INIT;
        buf_printf(&where, "%s!%s", sheet, sheet_ref(row, col, ref));
        const char *advice = "只能修改浅黄色的填报单元格，不要插入或删除行列、改动表头和标签，"
                             "也不要在表格之外填写；请重新下载模板后填写";
        if (want[0])
                err(m, buf_str(&where), NULL, "与模板不符：此处应为“%s”，实际为“%s”。%s", want, got,
                    advice);
        else
                err(m, buf_str(&where), NULL, "与模板不符：此处应为空，实际为“%s”。%s", got,
                    advice);
        buf_free(&where);
}

/* Check sheet s against grid g; true when its layout matches. Reports the
 * first difference only: after it the positions mean nothing. */
static bool check_layout(struct imp *m, const char *name, const struct grid *g,
                         const struct sheet_frame *fr, const struct xlsx_sheet *s)
{
        struct buf a = BUF_INIT, b = BUF_INIT;
        bool ok = true;
        size_t cols = g->cols ? g->cols : 1;
        /* every label where the template has it */
        for (size_t row = 0; row < fr->rows && ok; row++)
                for (size_t col = 0; col < cols && ok; col++) {
                        const char *label;
                        const struct grid_cell *cell;
                        if (position(g, fr, row, col, &label, &cell) != POS_LABEL)
                                continue;
                        const char *want = cell ? expected(&a, cell) : label;
                        const char *got = shown(&b, xlsx_cell(s, (uint32_t)row, (uint32_t)col));
                        if (strcmp(want, got) != 0) {
                                layout_error(m, name, row, col, want, got);
                                ok = false;
                        }
                }
        /* nothing where the template has nothing */
        for (size_t i = 0; i < s->n_cells && ok; i++) {
                const struct xlsx_cell *c = &s->cells[i];
                const char *label;
                const struct grid_cell *cell;
                enum pos_kind k = position(g, fr, c->row, c->col, &label, &cell);
                if ((k == POS_OUTSIDE || k == POS_COVERED) && !blank(c)) {
                        layout_error(m, name, c->row, c->col, "", shown(&b, c));
                        ok = false;
                }
        }
        buf_free(&a);
        buf_free(&b);
        return ok;
}

static void read_sheet(struct imp *m, const struct sheet_plan *p, const struct xlsx_sheet *s)
{
        struct sheet_frame fr;
        sheet_frame(p->grid, &fr);
        if (!check_layout(m, p->name, p->grid, &fr, s))
                return;
        struct buf where = BUF_INIT;
        for (size_t r = 0; r < p->grid->rows; r++)
                for (size_t c = 0; c < p->grid->cols; c++) {
                        const struct grid_cell *g = grid_at(p->grid, r, c);
                        if (g->rowspan == 0 || !(g->flags & CF_INPUT) || !g->path)
                                continue;
                        char ref[16];
                        buf_reset(&where);
                        buf_printf(&where, "%s!%s", p->name, sheet_ref(fr.top + r, c, ref));
                        read_input(m, buf_str(&where), g,
                                   xlsx_cell(s, (uint32_t)(fr.top + r), (uint32_t)c));
                }
        buf_free(&where);
}

/* ---- the document ---------------------------------------------------------------------------- */

static struct doc *copy_doc(const struct doc *d, struct diags *errs)
{
        struct buf json = BUF_INIT;
        doc_write(d, &json);
        struct doc *c = doc_parse(json.data, json.len, errs);
        buf_free(&json);
        return c;
}

/* The entered cell a document diagnostic is about: the one of its path,
 * else the first under it (its name first). */
static const struct imp_cell *cell_of(const struct imp *m, const char *path)
{
        const struct imp_cell *under = NULL;
        size_t n = strlen(path);
        for (size_t i = 0; i < m->n_cells; i++) {
                const struct imp_cell *c = &m->cells[i];
                if (strcmp(c->path, path) == 0)
                        return c;
                if (strncmp(c->path, path, n) == 0 && c->path[n] == '.') {
                        if (strcmp(c->path + n, ".name") == 0)
                                return c;
                        if (!under)
                                under = c;
                }
        }
        return under;
}

/* Parse the filled copy again, which applies every rule of the document
 * format; diagnostics are moved to the cells they are about. */
static struct doc *revalidate(struct imp *m)
{
        struct buf json = BUF_INIT;
        doc_write(m->doc, &json);
        struct diags found = DIAGS_INIT;
        struct doc *d = doc_parse(json.data, json.len, &found);
        buf_free(&json);
        for (size_t i = 0; i < found.n; i++) {
                const struct diag *g = &found.items[i];
                const struct imp_cell *c = cell_of(m, g->path);
                err(m, c ? c->where : g->path,
                    g->label ? g->label
                    : c      ? c->label
                             : NULL,
                    "%s", g->msg);
        }
        if (found.dropped)
                m->n_errors += found.dropped;
        diags_free(&found);
        if (m->n_errors) {
                doc_free(d);
                return NULL;
        }
        return d;
}

struct doc *sheet_import(const struct doc *d, const struct evaluation *e, const void *data,
                         size_t len, struct diags *errs, enum sheet_import_status *status)
{
        enum sheet_import_status dummy;
        if (!status)
                status = &dummy;
        enum xlsx_status xs;
        struct xlsx_book *book = xlsx_read(data, len, NULL, &xs, errs);
        if (!book) {
                *status = SHEET_IMPORT_UNUSABLE;
                return NULL;
        }
        struct imp m = {.errs = errs, .a = arena_new()};
        struct doc *template = sheet_template(d); /* the sheets as written, spare rows included */
        struct sheet_plan *plan;
        size_t n = sheet_tables_plan(m.a, template, e, &plan);
        /* the sheets: all of the template's, no others */
        for (size_t i = 0; i < n; i++)
                if (!xlsx_sheet(book, plan[i].name))
                        err(&m, plan[i].name, NULL,
                            "缺少工作表“%s”：请上传由本任务模板填写的工作簿，不要删除或改名工作表",
                            plan[i].name);
        for (size_t i = 0; i < book->n_sheets; i++) {
                bool known = false;
                for (size_t k = 0; k < n && !known; k++)
                        known = strcmp(plan[k].name, book->sheets[i].name) == 0;
                if (!known)
                        err(&m, book->sheets[i].name, NULL,
                            "工作表“%s”不属于本任务的模板：请删除该工作表，或在模板的工作表中填写",
                            book->sheets[i].name);
        }
        struct doc *result = NULL;
        if (!m.n_errors) {
                m.doc = copy_doc(template, errs);
                if (!m.doc) {
                        m.n_errors++;
                } else {
                        for (size_t i = 0; i < n; i++)
                                read_sheet(&m, &plan[i], xlsx_sheet(book, plan[i].name));
                        sheet_drop_blank_spares(m.doc, d);
                        if (!m.n_errors)
                                result = revalidate(&m);
                        doc_free(m.doc);
                }
        }
        *status = result ? SHEET_IMPORT_OK : SHEET_IMPORT_INVALID;
        doc_free(template);
        xlsx_free(book);
        arena_free(m.a);
        return result;
}
