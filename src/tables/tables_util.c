/* Cell helpers shared by the table builders (see tables_int.h). */
#include "tables_int.h"

#include "../doc/doc_io.h"

#include <stdarg.h>

const char *tb_fmt(struct tb *t, const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        const char *s = arena_vprintf(t->a, fmt, ap);
        va_end(ap);
        return s;
}

struct grid_cell *tb_label(struct tb *t, size_t r, size_t c, const char *text, unsigned flags)
{
        return grid_text(t->a, t->g, r, c, text, flags);
}

struct grid_cell *tb_span(struct tb *t, size_t r, size_t c, unsigned rows, unsigned cols,
                          const char *text, unsigned flags)
{
        if (rows > 1 || cols > 1)
                grid_merge(t->g, r, c, rows, cols);
        return grid_text(t->a, t->g, r, c, text, flags);
}

struct grid_cell *tb_in_text(struct tb *t, size_t r, size_t c, const char *text, unsigned flags,
                             const char *path, ...)
{
        struct grid_cell *cell = grid_text(t->a, t->g, r, c, text, flags | CF_INPUT);
        va_list ap;
        va_start(ap, path);
        cell->path = arena_vprintf(t->a, path, ap);
        va_end(ap);
        return cell;
}

struct grid_cell *tb_in_dec(struct tb *t, size_t r, size_t c, dec_t v, int places,
                            enum number_style style, const char *path, ...)
{
        struct grid_cell *cell = grid_number(t->a, t->g, r, c, v, places, style, CF_INPUT);
        va_list ap;
        va_start(ap, path);
        cell->path = arena_vprintf(t->a, path, ap);
        va_end(ap);
        return cell;
}

struct grid_cell *tb_in_count(struct tb *t, size_t r, size_t c, int64_t n, const char *path, ...)
{
        dec_t v = n == COUNT_NONE ? DEC_NONE : dec_from_int(n);
        struct grid_cell *cell = grid_number(t->a, t->g, r, c, v, 0, NUM_COUNT, CF_INPUT);
        va_list ap;
        va_start(ap, path);
        cell->path = arena_vprintf(t->a, path, ap);
        va_end(ap);
        return cell;
}

struct grid_cell *tb_out_dec(struct tb *t, size_t r, size_t c, dec_t v, int places,
                             enum number_style style)
{
        return grid_number(t->a, t->g, r, c, v, places, style, CF_COMPUTED);
}

struct grid_cell *tb_out_text(struct tb *t, size_t r, size_t c, const char *text)
{
        return grid_text(t->a, t->g, r, c, text, CF_COMPUTED);
}

void tb_wide(struct tb *t, size_t r, size_t c, unsigned cols)
{
        if (cols > 1)
                grid_merge(t->g, r, c, 1, cols);
}

const char *tables_unit_name(enum money_unit u)
{
        return u ? enum_name(&enum_money_unit, u) : "万元";
}
