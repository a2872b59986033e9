/* A grid (src/tables/grid.h) as a box-drawn terminal table: its title
 * lines, then every row with merged cells drawn across the columns they
 * span; a cell merged down the rows shows its text from its first row and
 * leaves the rows below blank. Numbers are right-aligned; a computed
 * figure the document states differently shows the stated one below it. */
#include "grid_term.h"
#include "table_int.h"

#include "../base/xalloc.h"

#include <string.h>

enum { MAX_NATURAL = 28, MIN_COL = 2 };

struct layout {
        const struct grid *g;
        size_t *w;           /* column widths */
        size_t *owner;       /* index of the top-left cell covering each cell */
        const char **shown;  /* text of each top-left cell */
        struct arena *a;
};

static const char *cell_text(struct arena *a, const struct grid_cell *c)
{
        const char *s = grid_cell_shown(a, c);
        if (c->prefix && c->kind != CELL_NUMBER && c->kind != CELL_EMPTY)
                s = arena_printf(a, "%s%s", c->prefix, s);
        if (c->flags & CF_DIFF)
                s = arena_printf(a, "%s\n（表列 %s）", s, c->stated_text);
        return s;
}

static void find_owners(struct layout *l)
{
        const struct grid *g = l->g;
        for (size_t i = 0; i < g->rows * g->cols; i++)
                l->owner[i] = i;
        for (size_t r = 0; r < g->rows; r++)
                for (size_t c = 0; c < g->cols; c++) {
                        const struct grid_cell *cell = grid_at(g, r, c);
                        if (!cell->rowspan)
                                continue;
                        for (size_t rr = r; rr < r + cell->rowspan; rr++)
                                for (size_t cc = c; cc < c + cell->colspan; cc++)
                                        l->owner[rr * g->cols + cc] = r * g->cols + c;
                }
}

static void fit_widths(struct layout *l, size_t width)
{
        const struct grid *g = l->g;
        /* each column as wide as its widest cell (up to a limit), and no
         * narrower than the grid's width for it (in CJK characters) allows */
        size_t *floor = xcalloc(g->cols, sizeof(size_t));
        for (size_t c = 0; c < g->cols; c++)
                l->w[c] = MIN_COL;
        for (size_t i = 0; i < g->rows * g->cols; i++) {
                const struct grid_cell *cell = &g->cells[i];
                if (cell->colspan != 1 || !l->shown[i])
                        continue;
                size_t tw = tt_text_width(l->shown[i]);
                size_t c = i % g->cols;
                if (tw > l->w[c])
                        l->w[c] = tw > MAX_NATURAL ? MAX_NATURAL : tw;
        }
        for (size_t c = 0; c < g->cols; c++) {
                floor[c] = 2 * (size_t)g->widths[c];
                if (floor[c] > l->w[c])
                        floor[c] = l->w[c];
                if (floor[c] < MIN_COL)
                        floor[c] = MIN_COL;
        }
        size_t total = 1;
        for (size_t c = 0; c < g->cols; c++)
                total += l->w[c] + 3;
        while (total > width) { /* the column furthest above its floor gives way */
                size_t widest = g->cols;
                for (size_t c = 0; c < g->cols; c++)
                        if (l->w[c] > floor[c] &&
                            (widest == g->cols || l->w[c] - floor[c] > l->w[widest] - floor[widest]))
                                widest = c;
                if (widest == g->cols)
                        break;
                l->w[widest]--;
                total--;
        }
        free(floor);
}

/* The width inside a cell spanning columns c … c + span − 1. */
static size_t span_width(const struct layout *l, size_t c, size_t span)
{
        size_t w = 0;
        for (size_t k = c; k < c + span; k++)
                w += l->w[k] + 3;
        return w - 3;
}

/* True when column c of row r continues a cell from a row above. */
static bool through(const struct layout *l, size_t r, size_t c)
{
        const struct grid *g = l->g;
        return r > 0 && r < g->rows && l->owner[r * g->cols + c] / g->cols < r;
}

/* The line above row r (r == rows: the bottom), open where a cell merged
 * down the rows continues. */
static void rule(struct buf *out, const struct layout *l, size_t r)
{
        const struct grid *g = l->g;
        size_t last = g->cols - 1;
        if (r == 0 || r == g->rows)
                buf_puts(out, r == 0 ? "┌" : "└");
        else
                buf_puts(out, through(l, r, 0) ? "│" : "├");
        for (size_t c = 0; c < g->cols; c++) {
                bool open = through(l, r, c);
                buf_repeat(out, open ? " " : "─", l->w[c] + 2);
                if (c == last)
                        break;
                bool next = through(l, r, c + 1);
                buf_puts(out, r == 0             ? "┬"
                              : r == g->rows     ? "┴"
                              : open && next     ? "│"
                              : open             ? "├"
                              : next             ? "┤"
                                                 : "┼");
        }
        if (r == 0 || r == g->rows)
                buf_puts(out, r == 0 ? "┐\n" : "┘\n");
        else
                buf_puts(out, through(l, r, last) ? "│\n" : "┤\n");
}

static void row(struct buf *out, const struct layout *l, size_t r)
{
        const struct grid *g = l->g;
        char ***lines = xcalloc(g->cols, sizeof(char **));
        size_t *counts = xcalloc(g->cols, sizeof(size_t));
        size_t height = 1;
        for (size_t c = 0; c < g->cols; c++) {
                size_t i = r * g->cols + c;
                const struct grid_cell *cell = &g->cells[i];
                if (l->owner[i] != i || !cell->colspan)
                        continue;
                lines[c] = tt_wrap(l->shown[i], span_width(l, c, cell->colspan), &counts[c]);
                if (counts[c] > height)
                        height = counts[c];
        }
        for (size_t line = 0; line < height; line++) {
                buf_puts(out, "│");
                for (size_t c = 0; c < g->cols;) {
                        size_t owner = l->owner[r * g->cols + c];
                        const struct grid_cell *cell = &g->cells[owner];
                        size_t oc = owner % g->cols, span = cell->colspan ? cell->colspan : 1;
                        const char *text = owner == r * g->cols + c && line < counts[c]
                                               ? lines[c][line]
                                               : "";
                        bool right = cell->kind == CELL_NUMBER && !(cell->flags & CF_WRAP);
                        buf_putc(out, ' ');
                        tt_pad(out, text, span_width(l, oc, span), right ? TT_RIGHT : TT_LEFT);
                        buf_puts(out, " │");
                        c = oc + span;
                }
                buf_putc(out, '\n');
        }
        for (size_t c = 0; c < g->cols; c++)
                tt_free_lines(lines[c], counts[c]);
        free(lines);
        free(counts);
}

void grid_term(const struct grid *g, size_t width, struct buf *out)
{
        if (g->title)
                buf_printf(out, "\n%s%s\n", g->title, g->subtitle ? g->subtitle : "");
        if (g->caption)
                buf_printf(out, "%s\n", g->caption);
        if (!g->rows || !g->cols)
                return;
        struct layout l = {g, xcalloc(g->cols, sizeof(size_t)),
                           xcalloc(g->rows * g->cols, sizeof(size_t)),
                           xcalloc(g->rows * g->cols, sizeof(char *)), arena_new()};
        find_owners(&l);
        for (size_t i = 0; i < g->rows * g->cols; i++)
                if (l.owner[i] == i)
                        l.shown[i] = cell_text(l.a, &g->cells[i]);
        fit_widths(&l, width);
        for (size_t r = 0; r < g->rows; r++) {
                rule(out, &l, r);
                row(out, &l, r);
        }
        rule(out, &l, g->rows);
        arena_free(l.a);
        free(l.w);
        free(l.owner);
        free(l.shown);
}
