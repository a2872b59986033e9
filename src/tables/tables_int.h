/* Helpers the table builders share (table_basic.c, table_score.c,
 * table_perf.c): cells of the three kinds — layout (labels, headers),
 * entered (CF_INPUT) and computed (CF_COMPUTED) — and the rows of arrays.
 *
 * An entered cell is named by the address of the document member it
 * shows (&b->staffing.authorized): the builder reads the value there and
 * the path and descriptor are derived from the format's descriptors
 * (doc_path_of), so no builder spells a document path. A computed cell
 * names the stated member that prints the same figure, when the document
 * has one. Not for use outside src/tables. */
#ifndef JX_TABLES_INT_H
#define JX_TABLES_INT_H

#include "tables.h"

#include "../doc/doc_io.h"

/* A grid being built: the arena everything goes into, the document and
 * its evaluation, and the mode (TABLE_PRINT or TABLE_FORM). */
struct tb {
        struct arena *a;
        struct grid *g;
        const struct doc *d;
        const struct evaluation *e;
        unsigned mode;
};

/* A string formatted into the arena. */
const char *tb_fmt(struct tb *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The path of the member or element at p (size bytes) of t->d, in the
 * arena, and its descriptor (*f, may be NULL). Aborts when p is not in
 * the document: a programming error of the builder. */
const char *tb_path(struct tb *t, const void *p, size_t size, const struct field **f);
#define TB_PATH(t, p) tb_path((t), (p), sizeof *(p), NULL)

/* A layout text (a label or header; flags CF_HEADER, CF_BOLD, …). */
struct grid_cell *tb_label(struct tb *t, size_t r, size_t c, const char *text, unsigned flags);
/* A layout text merged over rows × cols. */
struct grid_cell *tb_span(struct tb *t, size_t r, size_t c, unsigned rows, unsigned cols,
                          const char *text, unsigned flags);
/* Merge the cell at (r, c) with the cols − 1 cells to its right. */
void tb_wide(struct tb *t, size_t r, size_t c, unsigned cols);

/* Entered cells: a text (flags CF_WRAP, CF_LONG), a decimal, a count, an
 * enumeration (its label shown), a yes/no, a measure or a target (number
 * with comparator and unit, or a text). */
struct grid_cell *tb_in_text(struct tb *t, size_t r, size_t c, const char *const *member,
                             unsigned flags);
struct grid_cell *tb_in_dec(struct tb *t, size_t r, size_t c, const dec_t *member, int places,
                            enum number_style style);
struct grid_cell *tb_in_count(struct tb *t, size_t r, size_t c, const int64_t *member);
struct grid_cell *tb_in_enum(struct tb *t, size_t r, size_t c, const int *member);
struct grid_cell *tb_in_bool(struct tb *t, size_t r, size_t c, const bool *member);
/* A measure (实际完成值, 年中监控值) or a target (年度指标值, with op) of
 * indicator ind: in TABLE_PRINT a number with the comparator before it and
 * the unit after it, or a text; in TABLE_FORM the text the editor shows. */
struct grid_cell *tb_in_measure(struct tb *t, size_t r, size_t c, const struct indicator *ind,
                                const struct measure *m, const struct target *target);

/* Computed cells: a number (blank when v is DEC_NONE) and a text. stated
 * is the member of the document that states the same figure, or NULL;
 * when it holds another value the cell is marked CF_DIFF. key names the
 * cell among the grid's computed cells when stated is NULL: the path of
 * the row and a column name ("…by_income#adjusted"). */
struct grid_cell *tb_out_dec(struct tb *t, size_t r, size_t c, dec_t v, int places,
                             enum number_style style, const dec_t *stated, const char *key);
struct grid_cell *tb_out_text(struct tb *t, size_t r, size_t c, const char *text,
                              const char *const *stated, const char *key);

/* Row r shows the element at p of an array (the editor's 删除, ↑, ↓). */
void tb_element(struct tb *t, size_t r, const void *p, size_t size, const char *label);
#define TB_ELEMENT(t, r, p, label) tb_element((t), (r), (p), sizeof *(p), (label))
/* The cell (r, c) offers to add a row to the array whose member is at
 * array (&parent->items) in TABLE_FORM. */
void tb_add(struct tb *t, size_t r, size_t c, const void *array, const char *label);

/* "万元" for a table's money unit (万元 when unset). */
const char *tables_unit_name(enum money_unit u);

#endif
