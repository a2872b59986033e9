/* A grid of the tables (src/tables) drawn as a terminal table for
 * "jixiao show", the same grid the pages, the workbooks and the report
 * annex draw. */
#ifndef JX_GRID_TERM_H
#define JX_GRID_TERM_H

#include "../base/buf.h"
#include "../tables/grid.h"

/* Append g, at most width display columns wide, to out. */
void grid_term(const struct grid *g, size_t width, struct buf *out);

#endif
