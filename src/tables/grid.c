/* Grids of typed cells with merges (see grid.h). */
#include "grid.h"

#include <assert.h>
#include <string.h>

static void init_cells(struct grid_cell *c, size_t n)
{
        for (size_t i = 0; i < n; i++)
                c[i] = (struct grid_cell){
                    .kind = CELL_EMPTY, .value = DEC_NONE, .rowspan = 1, .colspan = 1};
}

struct grid *grid_new(struct arena *a, size_t rows, size_t cols)
{
        struct grid *g = arena_alloc(a, sizeof *g);
        g->rows = rows;
        g->cols = cols;
        g->cells = arena_alloc(a, (rows ? rows : 1) * cols * sizeof *g->cells);
        init_cells(g->cells, rows * cols);
        g->row_info = arena_alloc(a, (rows ? rows : 1) * sizeof *g->row_info);
        g->widths = arena_alloc(a, cols * sizeof *g->widths);
        for (size_t c = 0; c < cols; c++)
                g->widths[c] = 4;
        return g;
}

struct grid_cell *grid_at(const struct grid *g, size_t row, size_t col)
{
        assert(row < g->rows && col < g->cols);
        return &g->cells[row * g->cols + col];
}

struct grid_cell *grid_text(struct arena *a, struct grid *g, size_t row, size_t col,
                            const char *text, unsigned flags)
{
        struct grid_cell *c = grid_at(g, row, col);
        c->kind = text ? CELL_TEXT : CELL_EMPTY;
        c->text = text ? arena_strdup(a, text) : NULL;
        c->flags = flags;
        return c;
}

struct grid_cell *grid_number(struct arena *a, struct grid *g, size_t row, size_t col, dec_t value,
                              int places, enum number_style style, unsigned flags)
{
        struct grid_cell *c = grid_at(g, row, col);
        c->kind = dec_is_set(value) ? CELL_NUMBER : CELL_EMPTY;
        c->value = value;
        c->places = places;
        c->style = style;
        c->flags = flags;
        c->text = NULL;
        c->prefix = c->suffix = NULL;
        if (dec_is_set(value)) {
                char buf[DEC_BUFSZ];
                c->text = arena_strdup(a, dec_fmt(value, places, buf));
        }
        return c;
}

struct grid_cell *grid_affix(struct arena *a, struct grid_cell *c, const char *prefix,
                             const char *suffix)
{
        c->prefix = prefix && prefix[0] ? arena_strdup(a, prefix) : NULL;
        c->suffix = suffix && suffix[0] ? arena_strdup(a, suffix) : NULL;
        if (c->kind == CELL_NUMBER) {
                char buf[DEC_BUFSZ];
                dec_fmt(c->value, c->places, buf);
                size_t lp = c->prefix ? strlen(c->prefix) : 0,
                       ls = c->suffix ? strlen(c->suffix) : 0;
                size_t ln = strlen(buf);
                char *t = arena_alloc(a, lp + ln + ls + 1);
                memcpy(t, c->prefix ? c->prefix : "", lp);
                memcpy(t + lp, buf, ln);
                memcpy(t + lp + ln, c->suffix ? c->suffix : "", ls + 1);
                c->text = t;
        }
        return c;
}

void grid_merge(struct grid *g, size_t row, size_t col, unsigned rowspan, unsigned colspan)
{
        assert(rowspan >= 1 && colspan >= 1);
        assert(row + rowspan <= g->rows && col + colspan <= g->cols);
        for (size_t r = row; r < row + rowspan; r++)
                for (size_t c = col; c < col + colspan; c++) {
                        struct grid_cell *cell = grid_at(g, r, c);
                        cell->rowspan = cell->colspan = 0;
                }
        struct grid_cell *top = grid_at(g, row, col);
        top->rowspan = rowspan;
        top->colspan = colspan;
}

size_t grid_add_rows(struct arena *a, struct grid *g, size_t rows)
{
        size_t first = g->rows;
        struct grid_cell *cells = arena_alloc(a, (first + rows) * g->cols * sizeof *cells);
        memcpy(cells, g->cells, first * g->cols * sizeof *cells);
        init_cells(cells + first * g->cols, rows * g->cols);
        g->cells = cells;
        struct grid_row *info = arena_alloc(a, (first + rows) * sizeof *info);
        memcpy(info, g->row_info, first * sizeof *info);
        g->row_info = info;
        g->rows = first + rows;
        return first;
}

const char *grid_cell_shown(struct arena *a, const struct grid_cell *c)
{
        if (c->kind == CELL_TEXT)
                return c->text ? c->text : "";
        if (c->kind != CELL_NUMBER)
                return "";
        if (c->prefix || c->suffix)
                return c->text;
        char b[DEC_BUFSZ];
        switch (c->style) {
        case NUM_PERCENT:
                return arena_printf(a, "%s%%", dec_fmt(c->value, c->places, b));
        case NUM_MONEY:
                return arena_strdup(a, dec_fmt_grouped(c->value, c->places, b));
        default:
                return c->text;
        }
}
