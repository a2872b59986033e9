/* What the terminal table renderers share (table.c, grid_term.c): text
 * width, Chinese line breaking and padding. */
#ifndef JX_TABLE_INT_H
#define JX_TABLE_INT_H

#include "table.h"

/* Display width of the widest line of s. */
size_t tt_text_width(const char *s);
/* s broken into lines no wider than w (never starting a line with a
 * closing mark): a malloc'd array of *count malloc'd strings. */
char **tt_wrap(const char *s, size_t w, size_t *count);
void tt_free_lines(char **lines, size_t n);
/* s padded with spaces to w columns, on the side a says. */
void tt_pad(struct buf *out, const char *s, size_t w, enum tt_align a);

#endif
