/* Box-drawn text tables for the terminal, with CJK-aware column widths
 * and wrapping, used by "jixiao show" and "jixiao score". */
#ifndef JX_TABLE_H
#define JX_TABLE_H

#include "../base/buf.h"

#include <stddef.h>

enum tt_align { TT_LEFT, TT_RIGHT };

struct ttable;

/* A table of ncols columns with the given headers (NULL entries are
 * blank; headers may be NULL for a table without a header row). */
struct ttable *tt_new(size_t ncols, const char *const *headers);
/* Alignment of column col (default TT_LEFT). */
void tt_align(struct ttable *t, size_t col, enum tt_align a);
/* Append a row of ncols cells; NULL cells are blank. Cells may hold '\n'.
 * The strings are copied. */
void tt_row(struct ttable *t, const char *const *cells);
/* Append a row spanning all columns (a caption or a long text). */
void tt_span(struct ttable *t, const char *text);
/* Draw a horizontal rule before the next row. */
void tt_rule(struct ttable *t);
/* Render within width display columns (wrapping cells as needed). */
void tt_render(const struct ttable *t, size_t width, struct buf *out);
void tt_free(struct ttable *t);

#endif
