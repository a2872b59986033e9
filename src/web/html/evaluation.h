/* The read-only HTML view of an evaluated self-evaluation document (the
 * 绩效监控查询 of the seed system): its tables — their grids (src/tables)
 * in print mode — the report text and the findings; and text with its
 * line breaks. */
#ifndef JX_EVALUATION_H
#define JX_EVALUATION_H

#include "../../doc/doc.h"
#include "../../engine/engine.h"
#include "../../http/http.h"

/* Append to r->out the HTML of evaluation e of document d (e->doc == d),
 * read-only: computed figures with the stated ones beside where they
 * differ (class "diff"), every score's rule under its indicator, then the
 * findings. All text is escaped; memory from r->arena. */
void view_evaluation(struct req *r, const struct doc *d, const struct evaluation *e);

/* Text with its line breaks kept: <p> per line, or <br> between lines. */
void view_paragraphs(struct req *r, const char *text);
void view_lines(struct req *r, const char *text);

#endif
