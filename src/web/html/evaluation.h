/* The read-only HTML view of an evaluated self-evaluation document (the
 * 绩效监控查询 of the seed system), laid out like the seed tables, and what
 * the task pages and the task API share: reading a task the user may see.
 *
 * The tables are their grids (src/tables) in print mode. */
#ifndef JX_VIEW_DOC_H
#define JX_VIEW_DOC_H

#include "../../doc/doc.h"
#include "../../engine/engine.h"
#include "../../http/http.h"

/* Append to r->out the HTML of evaluation e of document d (e->doc == d),
 * read-only: computed figures beside stated ones, differences marked with
 * class "diff", every rule explained, then the findings. All text is
 * escaped. Memory: r->arena, r->out and one scratch buffer it frees. */
void view_evaluation(struct req *r, const struct doc *d, const struct evaluation *e);

/* Text with its line breaks kept: <p> per line, or <br> between lines. */
void view_paragraphs(struct req *r, const char *text);
void view_lines(struct req *r, const char *text);

#endif
