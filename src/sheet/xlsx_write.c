/* XLSX writing with libxlsxwriter (see xlsx_write.h). */
#include "xlsx_write.h"
#include "sheet_int.h"

#include "../base/xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Colours: entered cells pale yellow, computed cells pale blue, headers grey. */
enum {
        COLOUR_INPUT = 0xFFF2CC,
        COLOUR_COMPUTED = 0xDDEBF7,
        COLOUR_HEADER = 0xD9D9D9,
        FONT_SIZE = 10,
        MAX_ROW_HEIGHT = 409, /* points: the most a spreadsheet row can be */
};

struct xw_format_entry {
        struct xw_format_entry *next;
        const char *key;
        lxw_format *fmt;
};

/* ---- the workbook ---------------------------------------------------------------------------- */

bool xw_open(struct xw *w, struct diags *errs)
{
        memset(w, 0, sizeof *w);
        const char *dir = getenv("TMPDIR");
        if (!dir || !dir[0])
                dir = "/tmp";
        snprintf(w->path, sizeof w->path, "%s/jixiao-xlsx-XXXXXX", dir);
        int fd = mkstemp(w->path);
        if (fd < 0) {
                diags_add(errs, "XLSX", NULL, "无法在临时目录 %s 创建文件：%s", dir,
                          strerror(errno));
                return false;
        }
        close(fd);
        lxw_workbook_options opt = {.constant_memory = LXW_FALSE, .tmpdir = (char *)dir};
        w->wb = workbook_new_opt(w->path, &opt);
        if (!w->wb) {
                unlink(w->path);
                diags_add(errs, "XLSX", NULL, "无法创建 XLSX 工作簿");
                return false;
        }
        w->arena = arena_new();
        lxw_doc_properties props = {.title = "jixiao", .author = "jixiao"};
        workbook_set_properties(w->wb, &props);
        return true;
}

bool xw_close(struct xw *w, struct buf *out, struct diags *errs)
{
        bool ok = true;
        struct buf book = BUF_INIT;
        lxw_error err = workbook_close(w->wb);
        if (err != LXW_NO_ERROR) {
                diags_add(errs, "XLSX", NULL, "生成 XLSX 失败：%s", lxw_strerror(err));
                ok = false;
        } else if (out) {
                FILE *f = fopen(w->path, "rb");
                if (!f) {
                        diags_add(errs, "XLSX", NULL, "无法读取生成的 XLSX：%s", strerror(errno));
                        ok = false;
                } else {
                        char chunk[65536];
                        size_t n;
                        while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
                                buf_append(&book, chunk, n);
                        if (ferror(f)) {
                                diags_add(errs, "XLSX", NULL, "读取生成的 XLSX 出错");
                                ok = false;
                        }
                        fclose(f);
                }
        }
        if (ok && out)
                buf_append(out, book.data, book.len);
        buf_free(&book);
        unlink(w->path);
        arena_free(w->arena);
        w->wb = NULL;
        w->arena = NULL;
        w->fmts = NULL;
        return ok;
}

/* ---- formats --------------------------------------------------------------------------------- */

/* A number format: places decimals, a percent sign or text around it.
 * Double quotes cannot appear inside a quoted literal, so they are dropped. */
static void number_format(struct buf *b, enum number_style style, int places, const char *prefix,
                          const char *suffix)
{
        const char *affix[2] = {prefix, suffix};
        for (int side = 0; side < 2; side++) {
                if (side == 1) {
                        buf_putc(b, '0');
                        if (places > 0) {
                                buf_putc(b, '.');
                                buf_repeat(b, "0", (size_t)places);
                        }
                        if (style == NUM_PERCENT)
                                buf_putc(b, '%');
                }
                if (affix[side] && affix[side][0]) {
                        buf_putc(b, '"');
                        for (const char *p = affix[side]; *p; p++)
                                if (*p != '"')
                                        buf_putc(b, *p);
                        buf_putc(b, '"');
                }
        }
}

lxw_format *xw_format(struct xw *w, unsigned flags, enum number_style style, int places,
                      const char *prefix, const char *suffix)
{
        flags &= CF_HEADER | CF_BOLD | CF_CENTER | CF_INPUT | CF_COMPUTED | CF_WRAP;
        if (places < 0)
                places = 0;
        struct buf key = BUF_INIT;
        buf_printf(&key, "%u|%d|%d|", flags, (int)style, places);
        size_t numfmt_at = key.len;
        number_format(&key, style, places, prefix, suffix);
        for (struct xw_format_entry *e = w->fmts; e; e = e->next)
                if (strcmp(e->key, buf_str(&key)) == 0) {
                        buf_free(&key);
                        return e->fmt;
                }
        lxw_format *f = workbook_add_format(w->wb);
        format_set_font_size(f, FONT_SIZE);
        format_set_border(f, LXW_BORDER_THIN);
        format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
        format_set_num_format(f, buf_str(&key) + numfmt_at);
        if (flags & (CF_HEADER | CF_BOLD))
                format_set_bold(f);
        if (flags & (CF_HEADER | CF_CENTER))
                format_set_align(f, LXW_ALIGN_CENTER);
        if (flags & (CF_WRAP | CF_HEADER))
                format_set_text_wrap(f);
        if (flags & CF_HEADER)
                format_set_bg_color(f, COLOUR_HEADER);
        if (flags & CF_COMPUTED)
                format_set_bg_color(f, COLOUR_COMPUTED);
        if (flags & CF_INPUT) {
                format_set_bg_color(f, COLOUR_INPUT);
                format_set_unlocked(f);
        }
        struct xw_format_entry *e = arena_alloc(w->arena, sizeof *e);
        e->key = arena_strdup(w->arena, buf_str(&key));
        e->fmt = f;
        e->next = w->fmts;
        w->fmts = e;
        buf_free(&key);
        return f;
}

lxw_format *xw_date_format(struct xw *w, bool time)
{
        const char *key = time ? "date-time" : "date";
        for (struct xw_format_entry *e = w->fmts; e; e = e->next)
                if (strcmp(e->key, key) == 0)
                        return e->fmt;
        lxw_format *f = workbook_add_format(w->wb);
        format_set_font_size(f, FONT_SIZE);
        format_set_border(f, LXW_BORDER_THIN);
        format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
        format_set_num_format(f, time ? "yyyy-mm-dd hh:mm" : "yyyy-mm-dd");
        struct xw_format_entry *e = arena_alloc(w->arena, sizeof *e);
        e->key = key;
        e->fmt = f;
        e->next = w->fmts;
        w->fmts = e;
        return f;
}

lxw_format *xw_title_format(struct xw *w, int level)
{
        char key[16];
        snprintf(key, sizeof key, "title%d", level);
        for (struct xw_format_entry *e = w->fmts; e; e = e->next)
                if (strcmp(e->key, key) == 0)
                        return e->fmt;
        lxw_format *f = workbook_add_format(w->wb);
        format_set_align(f, level < 2 ? LXW_ALIGN_CENTER : LXW_ALIGN_LEFT);
        format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
        format_set_font_size(f, level == 0 ? 16 : FONT_SIZE + 1);
        if (level == 0)
                format_set_bold(f);
        if (level == 3) { /* the legend */
                format_set_font_size(f, FONT_SIZE - 1);
                format_set_text_wrap(f);
                format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
        }
        struct xw_format_entry *e = arena_alloc(w->arena, sizeof *e);
        e->key = arena_strdup(w->arena, key);
        e->fmt = f;
        e->next = w->fmts;
        w->fmts = e;
        return f;
}

/* ---- cells ----------------------------------------------------------------------------------- */

void xw_number(lxw_worksheet *ws, size_t row, size_t col, dec_t v, bool percent, lxw_format *f)
{
        if (!dec_is_set(v)) {
                worksheet_write_blank(ws, (lxw_row_t)row, (lxw_col_t)col, f);
                return;
        }
        char text[DEC_BUFSZ];
        if (percent) {
                /* 98.91 → 0.9891: move the decimal point two places, exactly */
                dec_t frac = dec_div(v, dec_from_int(100), DEC_DIGITS);
                if (!dec_is_set(frac) || !dec_eq(dec_mul(frac, dec_from_int(100), DEC_DIGITS), v)) {
                        /* more decimals than a fraction can hold: show it as text */
                        char shown[DEC_BUFSZ + 1];
                        snprintf(shown, sizeof shown, "%s%%", dec_fmt(v, -1, text));
                        worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, shown, f);
                        return;
                }
                v = frac;
        }
        dec_fmt(v, -1, text);
        double d = strtod(text, NULL);
        /* libxlsxwriter writes "%.16G": read that back as the importer
         * would, and write text instead when it is not the same decimal */
        char written[64];
        snprintf(written, sizeof written, "%.16G", d);
        struct buf back = BUF_INIT;
        dec_t again;
        bool same = sheet_number_text(written, &back) == SHEET_NUM_OK &&
                    dec_parse(back.data, back.len, &again) == DEC_OK && dec_eq(again, v);
        buf_free(&back);
        if (same)
                worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, d, f);
        else
                worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, text, f);
}

const char *xw_escape(const char *s, struct buf *tmp)
{
        const char *p = strstr(s, "_x");
        if (!p)
                return s;
        buf_reset(tmp);
        for (; *s; s++) {
                if (sheet_escape_like(s))
                        buf_puts(tmp, "_x005F");
                buf_putc(tmp, *s);
        }
        return buf_str(tmp);
}

void xw_string(lxw_worksheet *ws, size_t row, size_t col, const char *s, lxw_format *f)
{
        struct buf cut = BUF_INIT, tmp = BUF_INIT;
        worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col,
                               xw_escape(sheet_cell_text(s, &cut), &tmp), f);
        buf_free(&cut);
        buf_free(&tmp);
}

/* Display width of s[0..n) in half-width columns. */
static size_t text_width_n(const char *s, size_t n)
{
        size_t w = 0;
        for (size_t i = 0; i < n; i++) {
                unsigned char c = (unsigned char)s[i];
                if (c < 0x80)
                        w++;
                else if (c >= 0xc0)
                        w += 2; /* a lead byte: CJK and other wide characters */
        }
        return w;
}

size_t xw_text_width(const char *s)
{
        return text_width_n(s, strlen(s));
}

/* Lines text needs in a cell width half-width columns wide. */
static size_t lines_needed(const char *text, size_t width)
{
        if (width == 0)
                width = 1;
        size_t lines = 0;
        const char *p = text;
        for (;;) {
                const char *nl = strchr(p, '\n');
                size_t n = nl ? (size_t)(nl - p) : strlen(p);
                size_t w = text_width_n(p, n);
                lines += w == 0 ? 1 : (w + width - 1) / width;
                if (!nl)
                        break;
                p = nl + 1;
        }
        return lines;
}

void xw_print_setup(lxw_worksheet *ws, size_t repeat, bool landscape)
{
        worksheet_set_paper(ws, 9); /* A4 */
        if (landscape)
                worksheet_set_landscape(ws);
        else
                worksheet_set_portrait(ws);
        worksheet_fit_to_pages(ws, 1, 0);
        worksheet_center_horizontally(ws);
        worksheet_set_margins(ws, 0.5, 0.5, 0.6, 0.6);
        worksheet_set_footer(ws, "&C第 &P 页，共 &N 页");
        if (repeat > 0)
                worksheet_repeat_rows(ws, 0, (lxw_row_t)(repeat - 1));
}

/* Excel column width (in widths of "0") for a grid width in CJK characters. */
static double column_width(unsigned cjk)
{
        return cjk * 2.0 + 1.0;
}

static void write_cell(struct xw *w, lxw_worksheet *ws, size_t row, size_t col,
                       const struct grid_cell *c)
{
        lxw_format *f = xw_format(w, c->flags, c->style, c->places, c->prefix, c->suffix);
        if (c->rowspan > 1 || c->colspan > 1)
                worksheet_merge_range(ws, (lxw_row_t)row, (lxw_col_t)col,
                                      (lxw_row_t)(row + c->rowspan - 1),
                                      (lxw_col_t)(col + c->colspan - 1), "", f);
        if (c->kind == CELL_NUMBER)
                xw_number(ws, row, col, c->value, c->style == NUM_PERCENT, f);
        else if (c->kind == CELL_TEXT && c->text && c->text[0])
                xw_string(ws, row, col, c->text, f);
        else if (!(c->rowspan > 1 || c->colspan > 1))
                worksheet_write_blank(ws, (lxw_row_t)row, (lxw_col_t)col, f);
}

bool xw_grid_sheet(struct xw *w, const char *name, const struct grid *g, struct diags *errs)
{
        lxw_worksheet *ws = workbook_add_worksheet(w->wb, name);
        if (!ws) {
                diags_add(errs, name, NULL, "无法创建工作表");
                return false;
        }
        struct sheet_frame fr;
        sheet_frame(g, &fr);
        size_t total = 0;
        for (size_t c = 0; c < g->cols; c++) {
                worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, column_width(g->widths[c]),
                                     NULL);
                total += g->widths[c];
        }
        lxw_col_t last = (lxw_col_t)(g->cols ? g->cols - 1 : 0);
        const char *lines[3] = {g->title, g->subtitle, g->caption};
        size_t at[3] = {fr.title, fr.subtitle, fr.caption};
        for (int i = 0; i < 3; i++) {
                if (at[i] == SHEET_NONE)
                        continue;
                lxw_format *f = xw_title_format(w, i);
                if (last > 0)
                        worksheet_merge_range(ws, (lxw_row_t)at[i], 0, (lxw_row_t)at[i], last, "",
                                              f);
                xw_string(ws, at[i], 0, lines[i], f);
                worksheet_set_row(ws, (lxw_row_t)at[i], i == 0 ? 28 : 18, NULL);
        }
        /* row heights from the wrapped texts each row holds */
        double *height = xcalloc(g->rows ? g->rows : 1, sizeof *height);
        for (size_t r = 0; r < g->rows; r++)
                for (size_t c = 0; c < g->cols; c++) {
                        const struct grid_cell *cell = grid_at(g, r, c);
                        if (cell->rowspan == 0)
                                continue;
                        write_cell(w, ws, fr.top + r, c, cell);
                        if (!cell->text || !(cell->flags & (CF_WRAP | CF_HEADER)))
                                continue;
                        size_t width = 0;
                        for (size_t k = c; k < c + cell->colspan && k < g->cols; k++)
                                width += g->widths[k] * 2;
                        double need = 4.0 + 13.0 * (double)lines_needed(cell->text, width);
                        need /= cell->rowspan;
                        if (need > height[r])
                                height[r] = need;
                }
        for (size_t r = 0; r < g->rows; r++) {
                double h = height[r] < 18               ? 18
                           : height[r] > MAX_ROW_HEIGHT ? MAX_ROW_HEIGHT
                                                        : height[r];
                worksheet_set_row(ws, (lxw_row_t)(fr.top + r), h, NULL);
        }
        free(height);
        if (fr.legend != SHEET_NONE) {
                lxw_format *f = xw_title_format(w, 3);
                if (last > 0)
                        worksheet_merge_range(ws, (lxw_row_t)fr.legend, 0, (lxw_row_t)fr.legend,
                                              last, "", f);
                xw_string(ws, fr.legend, 0, sheet_legend, f);
                size_t n_lines = lines_needed(sheet_legend, total * 2);
                worksheet_set_row(ws, (lxw_row_t)fr.legend, 4.0 + 12.0 * (double)n_lines, NULL);
        }
        xw_print_setup(ws, fr.top + g->header_rows, total > 60);
        lxw_protection prot = {.format_columns = 1, .format_rows = 1};
        worksheet_protect(ws, NULL, &prot);
        return true;
}
