/* Helpers the table builders share (table_basic.c, table_score.c): cells
 * of the three kinds — layout (labels, headers), entered (CF_INPUT, with
 * the document path they edit) and computed (CF_COMPUTED) — and the
 * formatting of labels. Not for use outside src/tables. */
#ifndef JX_TABLES_INT_H
#define JX_TABLES_INT_H

#include "tables.h"

/* A grid being built and the arena everything goes into. */
struct tb {
        struct arena *a;
        struct grid *g;
};

/* A string formatted into the arena. */
const char *tb_fmt(struct tb *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A layout text (a label or header; flags CF_HEADER, CF_BOLD, …). */
struct grid_cell *tb_label(struct tb *t, size_t r, size_t c, const char *text, unsigned flags);
/* A layout text merged over rows × cols. */
struct grid_cell *tb_span(struct tb *t, size_t r, size_t c, unsigned rows, unsigned cols,
                          const char *text, unsigned flags);

/* Entered cells; path is a printf format for the document path. */
struct grid_cell *tb_in_text(struct tb *t, size_t r, size_t c, const char *text, unsigned flags,
                             const char *path, ...) __attribute__((format(printf, 6, 7)));
struct grid_cell *tb_in_dec(struct tb *t, size_t r, size_t c, dec_t v, int places,
                            enum number_style style, const char *path, ...)
    __attribute__((format(printf, 7, 8)));
struct grid_cell *tb_in_count(struct tb *t, size_t r, size_t c, int64_t n, const char *path, ...)
    __attribute__((format(printf, 5, 6)));

/* A computed number (blank when v is DEC_NONE) and a computed text. */
struct grid_cell *tb_out_dec(struct tb *t, size_t r, size_t c, dec_t v, int places,
                             enum number_style style);
struct grid_cell *tb_out_text(struct tb *t, size_t r, size_t c, const char *text);

/* Merge the cell at (r, c) with the cols − 1 cells to its right. */
void tb_wide(struct tb *t, size_t r, size_t c, unsigned cols);

/* "万元" for a table's money unit (万元 when unset). */
const char *tables_unit_name(enum money_unit u);

#endif
