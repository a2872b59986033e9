/* Box-drawn text tables (see table.h). */
#include "table.h"
#include "table_int.h"

#include "../base/utf8.h"
#include "../base/xalloc.h"

#include <stdbool.h>
#include <string.h>

enum { MIN_COL = 4 };

struct tt_row {
        char **cells; /* ncols cells, or NULL for a span row */
        char *span;
        bool rule_before;
};

struct ttable {
        size_t ncols;
        char **headers; /* NULL when there is no header row */
        enum tt_align *align;
        struct tt_row *rows;
        size_t n_rows;
        bool pending_rule;
};

static char *dup_or_empty(const char *s)
{
        return xstrdup(s ? s : "");
}

struct ttable *tt_new(size_t ncols, const char *const *headers)
{
        struct ttable *t = xcalloc(1, sizeof(*t));
        t->ncols = ncols;
        t->align = xcalloc(ncols, sizeof(*t->align));
        if (headers) {
                t->headers = xcalloc(ncols, sizeof(char *));
                for (size_t i = 0; i < ncols; i++)
                        t->headers[i] = dup_or_empty(headers[i]);
        }
        return t;
}

void tt_align(struct ttable *t, size_t col, enum tt_align a)
{
        t->align[col] = a;
}

static struct tt_row *add_row(struct ttable *t)
{
        t->rows = xrealloc(t->rows, (t->n_rows + 1) * sizeof(*t->rows));
        struct tt_row *r = &t->rows[t->n_rows++];
        memset(r, 0, sizeof(*r));
        r->rule_before = t->pending_rule;
        t->pending_rule = false;
        return r;
}

void tt_row(struct ttable *t, const char *const *cells)
{
        struct tt_row *r = add_row(t);
        r->cells = xcalloc(t->ncols, sizeof(char *));
        for (size_t i = 0; i < t->ncols; i++)
                r->cells[i] = dup_or_empty(cells[i]);
}

void tt_span(struct ttable *t, const char *text)
{
        add_row(t)->span = dup_or_empty(text);
}

void tt_rule(struct ttable *t)
{
        t->pending_rule = true;
}

void tt_free(struct ttable *t)
{
        if (!t)
                return;
        for (size_t i = 0; i < t->n_rows; i++) {
                if (t->rows[i].cells)
                        for (size_t c = 0; c < t->ncols; c++)
                                free(t->rows[i].cells[c]);
                free(t->rows[i].cells);
                free(t->rows[i].span);
        }
        if (t->headers)
                for (size_t c = 0; c < t->ncols; c++)
                        free(t->headers[c]);
        free(t->headers);
        free(t->align);
        free(t->rows);
        free(t);
}

/* ---- layout ------------------------------------------------------------------ */

/* Widest line of s. */
size_t tt_text_width(const char *s)
{
        size_t best = 0;
        while (*s) {
                size_t n = strcspn(s, "\n");
                size_t w = utf8_width(s, n);
                if (w > best)
                        best = w;
                s += n;
                if (*s)
                        s++;
        }
        return best;
}

/* Chinese line-breaking rule: these never start a line. */
static bool no_line_start(const char *p, size_t n)
{
        static const char *const marks[] = {"。", "，", "、", "；", "：", "？", "！", "）",
                                            "」", "』", "”",  "’",  "%",  ")",  ",",  "."};
        for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++) {
                size_t len = strlen(marks[i]);
                if (len <= n && memcmp(p, marks[i], len) == 0)
                        return true;
        }
        return false;
}

/* Bytes of the longest prefix of p[0..n) within w columns that does not
 * leave a closing mark at the start of the next line. */
static size_t line_break(const char *p, size_t n, size_t w)
{
        size_t take = utf8_prefix_for_width(p, n, w);
        if (take == 0 && n > 0) { /* a character wider than w */
                uint32_t cp;
                return utf8_decode(p, n, &cp);
        }
        if (take < n && no_line_start(p + take, n - take)) {
                size_t back = take;
                do
                        back--;
                while (back > 0 && ((unsigned char)p[back] & 0xC0) == 0x80);
                if (back > 0)
                        take = back; /* carry the last character over */
        }
        return take;
}

/* Break s into lines no wider than w; returns a malloc'd array of
 * malloc'd strings and stores the count. */
char **tt_wrap(const char *s, size_t w, size_t *count)
{
        char **lines = NULL;
        size_t n = 0;
        for (;;) {
                size_t seg = strcspn(s, "\n");
                const char *p = s;
                size_t left = seg;
                do {
                        size_t take = line_break(p, left, w);
                        lines = xrealloc(lines, (n + 1) * sizeof(char *));
                        lines[n++] = xstrndup(p, take);
                        p += take;
                        left -= take;
                } while (left > 0);
                s += seg;
                if (!*s)
                        break;
                s++;
        }
        *count = n;
        return lines;
}

void tt_free_lines(char **lines, size_t n)
{
        for (size_t i = 0; i < n; i++)
                free(lines[i]);
        free(lines);
}

static void compute_widths(const struct ttable *t, size_t width, size_t *w)
{
        for (size_t c = 0; c < t->ncols; c++) {
                w[c] = t->headers ? tt_text_width(t->headers[c]) : 0;
                for (size_t r = 0; r < t->n_rows; r++)
                        if (t->rows[r].cells) {
                                size_t cw = tt_text_width(t->rows[r].cells[c]);
                                if (cw > w[c])
                                        w[c] = cw;
                        }
                if (w[c] < 1)
                        w[c] = 1;
        }
        size_t total = 1;
        for (size_t c = 0; c < t->ncols; c++)
                total += w[c] + 3;
        while (total > width) {
                size_t widest = 0;
                for (size_t c = 1; c < t->ncols; c++)
                        if (w[c] > w[widest])
                                widest = c;
                if (w[widest] <= MIN_COL)
                        break;
                w[widest]--;
                total--;
        }
}

/* A horizontal line. above/below: whether the rows touching it are
 * cell rows (column joints) or spans/edges. kind: 0 top, 1 middle, 2 bottom. */
static void rule(struct buf *out, const size_t *w, size_t ncols, int kind, bool above, bool below)
{
        static const char *left[] = {"┌", "├", "└"}, *right[] = {"┐", "┤", "┘"};
        buf_puts(out, left[kind]);
        for (size_t c = 0; c < ncols; c++) {
                buf_repeat(out, "─", w[c] + 2);
                if (c + 1 == ncols)
                        break;
                buf_puts(out, above && below ? "┼" : above ? "┴" : below ? "┬" : "─");
        }
        buf_puts(out, right[kind]);
        buf_putc(out, '\n');
}

void tt_pad(struct buf *out, const char *s, size_t w, enum tt_align a)
{
        size_t sw = utf8_width(s, strlen(s));
        size_t gap = w > sw ? w - sw : 0;
        if (a == TT_RIGHT)
                buf_repeat(out, " ", gap);
        buf_puts(out, s);
        if (a == TT_LEFT)
                buf_repeat(out, " ", gap);
}

static void cell_row(struct buf *out, char **cells, const size_t *w, const enum tt_align *align,
                     size_t ncols)
{
        char ***lines = xcalloc(ncols, sizeof(char **));
        size_t *counts = xcalloc(ncols, sizeof(size_t));
        size_t height = 1;
        for (size_t c = 0; c < ncols; c++) {
                lines[c] = tt_wrap(cells[c], w[c], &counts[c]);
                if (counts[c] > height)
                        height = counts[c];
        }
        for (size_t l = 0; l < height; l++) {
                buf_puts(out, "│");
                for (size_t c = 0; c < ncols; c++) {
                        buf_putc(out, ' ');
                        tt_pad(out, l < counts[c] ? lines[c][l] : "", w[c], align[c]);
                        buf_puts(out, " │");
                }
                buf_putc(out, '\n');
        }
        for (size_t c = 0; c < ncols; c++)
                tt_free_lines(lines[c], counts[c]);
        free(lines);
        free(counts);
}

static void span_row(struct buf *out, const char *text, size_t inner)
{
        size_t n;
        char **lines = tt_wrap(text, inner, &n);
        for (size_t l = 0; l < n; l++) {
                buf_puts(out, "│ ");
                tt_pad(out, lines[l], inner, TT_LEFT);
                buf_puts(out, " │\n");
        }
        tt_free_lines(lines, n);
}

void tt_render(const struct ttable *t, size_t width, struct buf *out)
{
        size_t *w = xcalloc(t->ncols, sizeof(size_t));
        compute_widths(t, width, w);
        size_t inner = 0;
        for (size_t c = 0; c < t->ncols; c++)
                inner += w[c] + 3;
        inner -= 3;

        bool prev_cells = false; /* the row above the next line has column joints */
        if (t->headers) {
                rule(out, w, t->ncols, 0, false, true);
                cell_row(out, t->headers, w, t->align, t->ncols);
                prev_cells = true;
        }
        for (size_t r = 0; r < t->n_rows; r++) {
                const struct tt_row *row = &t->rows[r];
                bool cells = row->cells != NULL;
                bool first = r == 0 && !t->headers;
                if (first)
                        rule(out, w, t->ncols, 0, false, cells);
                else if (r == 0 || row->rule_before || !cells || !prev_cells)
                        rule(out, w, t->ncols, 1, prev_cells, cells);
                if (cells)
                        cell_row(out, row->cells, w, t->align, t->ncols);
                else
                        span_row(out, row->span, inner);
                prev_cells = cells;
        }
        if (t->n_rows == 0 && !t->headers) {
                free(w);
                return;
        }
        rule(out, w, t->ncols, 2, prev_cells, false);
        free(w);
}
